"""A grant may give only some columns of a restricted dataset. Whoever holds only such grants
sees those columns (named by name or title, in any case) and no other, wherever table data
leaves the server; a hidden column behaves exactly like one that does not exist, so no filter,
sort, search or query can tell anything about it. Everyone else sees every column."""

import json
import re
from datetime import timedelta

import duckdb
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from factories import person, table_from_sql
from frictionless import Package, system

from townsquare.catalogue import services as catalogue
from townsquare.core import access
from townsquare.datastore import api as datastore
from townsquare.datastore.models import Table
from townsquare.governance import services

ROWS = (
    "SELECT * FROM (VALUES ('North', 'NHS-111', 3), ('South', 'NHS-222', 5)) "
    "v(ward, nhs_number, visits)"
)
SCHEMA = {
    "fields": [
        {"name": "ward", "title": "Ward"},
        {"name": "nhs_number", "title": "NHS number"},
        {"name": "visits", "title": "Visits"},
    ]
}


@pytest.fixture
def council(world):
    ds = world.datasets["restricted"]
    table = table_from_sql(ds, ROWS, name="visits", schema=SCHEMA)
    cora = person("Cora Columns", team=world.lettings, roles=[("staff", None)])
    _grant(world, cora, ["Ward", "VISITS"])  # by title and by name, in any case
    return {"world": world, "ds": ds, "table": table, "cora": cora}


def _grant(world, user, columns, *, days: int = 30):
    return services.grant_create(
        dataset=world.datasets["restricted"], approver=world.people["steward"],
        purpose="Counting visits", expires=timezone.now() + timedelta(days=days), user=user,
        columns=columns,
    )  # fmt: skip


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _fresh(user):
    """The user as a new request loads them (the access policy is cached per request)."""
    return type(user).objects.get(pk=user.pk)


# --- Which columns ---------------------------------------------------------------------------


def test_a_column_grant_gives_only_the_columns_it_names(council):
    assert access.visible_columns(council["cora"], council["table"]) == {"ward", "visits"}


@pytest.mark.parametrize("who", ["grantee", "team_grantee", "publisher", "steward", "admin"])
def test_full_grants_publishers_stewards_and_admins_see_every_column(council, who):
    assert access.visible_columns(council["world"].people[who], council["table"]) is None


def test_every_column_of_open_and_internal_data(world):
    staff = world.people["staff"]
    for kind in ("open", "internal"):
        table = table_from_sql(world.datasets[kind], ROWS, name=f"t_{kind}", schema=SCHEMA)
        assert access.visible_columns(staff, table) is None


def test_several_grants_give_the_union_of_their_columns(council):
    _grant(council["world"], council["cora"], ["nhs_number"])
    assert access.visible_columns(_fresh(council["cora"]), council["table"]) == {
        "ward", "visits", "nhs_number",
    }  # fmt: skip


def test_a_grant_of_every_column_wins_over_a_column_grant(council):
    _grant(council["world"], council["cora"], [])
    assert access.visible_columns(_fresh(council["cora"]), council["table"]) is None


def test_ended_grants_give_no_columns(council):
    world, cora = council["world"], council["cora"]
    extra = _grant(world, cora, ["nhs_number"])
    services.grant_revoke(grant=extra, actor=world.people["steward"])
    full = _grant(world, cora, [])
    full.expires_at = timezone.now() - timedelta(seconds=1)
    full.save()
    assert access.visible_columns(_fresh(cora), council["table"]) == {"ward", "visits"}


def test_someone_without_a_grant_sees_nothing(council):
    assert access.visible_columns(council["world"].people["staff"], council["table"]) == set()


def test_a_narrowed_table_cannot_be_saved_over_the_real_one(council):
    narrowed = datastore.for_reader(council["table"], council["cora"])
    assert [f["name"] for f in narrowed.fields] == ["ward", "visits"]
    assert narrowed.column_count == 2
    with pytest.raises(RuntimeError):
        narrowed.save()


def test_a_table_with_none_of_the_granted_columns_is_not_there(council):
    ds = council["ds"]
    _numbers_file(council)
    names = [t.name for t in datastore.tables_for_dataset(ds, reader=council["cora"])]
    assert names == ["visits"]
    response = _client(council["cora"]).get(f"/datasets/{ds.slug}/tables/numbers/")
    assert response.status_code == 404


# --- The query engine: a hidden column does not exist ----------------------------------------


def _json(client, ds, query: str):
    return client.get(f"/datasets/{ds.slug}/tables/visits.json?{query}")


@pytest.mark.parametrize(
    "query",
    ["{c}=NHS-111", "{c}__starts_with=NHS", "_sort={c}", "_sort=-{c}", "_facet={c}",
     "_group={c}", "_agg=max:{c}", "_col={c}"],
)  # fmt: skip
def test_a_hidden_column_is_refused_exactly_like_a_missing_one(council, query):
    client = _client(council["cora"])
    hidden = _json(client, council["ds"], query.format(c="nhs_number"))
    missing = _json(client, council["ds"], query.format(c="no_such_column"))
    assert hidden.status_code == missing.status_code == 400
    assert hidden.json()["error"] == missing.json()["error"].replace("no_such_column", "nhs_number")


def test_search_does_not_look_in_hidden_columns(council):
    client = _client(council["cora"])
    assert _json(client, council["ds"], "_search=NHS-111&_count=1").json()["total"] == 0
    assert _json(client, council["ds"], "_search=north&_count=1").json()["total"] == 1
    full = _client(council["world"].people["grantee"])
    assert _json(full, council["ds"], "_search=NHS-111&_count=1").json()["total"] == 1


def test_rows_pages_and_charts_show_only_the_granted_columns(council):
    client = _client(council["cora"])
    body = _json(client, council["ds"], "").json()
    assert body["columns"] == ["ward", "visits"]
    assert body["rows"][0] == {"ward": "North", "visits": 3}
    for path in ("", "chart/?kind=bar&x=ward&aggregate=count"):
        html = client.get(f"/datasets/{council['ds'].slug}/tables/visits/{path}").content.decode()
        assert "North" in html
        assert "NHS" not in html and "nhs_number" not in html


# --- Downloads -------------------------------------------------------------------------------


def _download(client, ds, fmt: str) -> bytes:
    response = client.get(f"/datasets/{ds.slug}/tables/visits/download.{fmt}")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_downloads_have_only_the_granted_columns(council, tmp_path):
    client, ds = _client(council["cora"]), council["ds"]
    assert _download(client, ds, "csv").decode().splitlines() == ["ward,visits", "North,3",
                                                                   "South,5"]  # fmt: skip
    assert json.loads(_download(client, ds, "json")) == [
        {"ward": "North", "visits": 3}, {"ward": "South", "visits": 5},
    ]  # fmt: skip
    parquet = tmp_path / "visits.parquet"
    parquet.write_bytes(_download(client, ds, "parquet"))
    described = duckdb.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(parquet)])
    assert [row[0] for row in described.fetchall()] == ["ward", "visits"]
    assert b"NHS" not in parquet.read_bytes() and b"nhs_number" not in parquet.read_bytes()


def test_the_original_file_cannot_be_downloaded(council):
    client, ds = _client(council["cora"]), council["ds"]
    resource = council["table"].resource
    response = client.get(f"/datasets/{ds.slug}/files/{resource.uuid}/download/")
    assert response.status_code == 403
    assert "holds every column" in response.content.decode()
    page = client.get(f"/datasets/{ds.slug}/files/{resource.uuid}/").content.decode()
    assert f"/files/{resource.uuid}/download/" not in page
    assert "only some columns" in page
    full = _client(council["world"].people["grantee"])
    assert full.get(f"/datasets/{ds.slug}/files/{resource.uuid}/download/").status_code == 200


def test_loading_details_are_not_shown(council):
    client, ds = _client(council["cora"]), council["ds"]
    resource = council["table"].resource
    assert client.get(f"/datasets/{ds.slug}/files/{resource.uuid}/ingest/").status_code == 404
    api = client.get(f"/api/v1/datasets/{ds.slug}/resources/{resource.uuid}/ingest")
    assert api.status_code == 404


def test_the_data_dictionary_lists_only_the_granted_columns(council):
    client, ds = _client(council["cora"]), council["ds"]
    resource = council["table"].resource
    html = client.get(f"/datasets/{ds.slug}/files/{resource.uuid}/dictionary/").content.decode()
    assert "Ward" in html and "Visits" in html and "NHS number" not in html


# --- SQL -------------------------------------------------------------------------------------


def _sql(client, ds, text: str):
    return client.get(f"/datasets/{ds.slug}/sql/", {"sql": text})


def test_sql_sees_only_the_granted_columns(council):
    client, ds = _client(council["cora"]), council["ds"]
    html = _sql(client, ds, "SELECT * FROM visits ORDER BY ward").content.decode()
    assert "North" in html and "NHS" not in html and "nhs_number" not in html


@pytest.mark.parametrize(
    "text",
    ["SELECT {c} FROM visits", "SELECT count(*) FROM visits WHERE {c} = 'A'",
     "SELECT ward FROM visits ORDER BY {c}", "SELECT visits.{c} FROM visits"],
)  # fmt: skip
def test_sql_naming_a_hidden_column_is_refused_like_a_missing_one(council, text):
    client, ds = _client(council["cora"]), council["ds"]
    hidden = _sql(client, ds, text.format(c="nhs_number"))
    missing = _sql(client, ds, text.format(c="no_such_column"))
    assert hidden.status_code == missing.status_code == 400
    same = _page(missing).replace("no_such_column", "nhs_number")
    assert _page(hidden) == same


def _page(response) -> str:
    """The page without its CSRF token (a new one each time)."""
    return re.sub(r'value="[A-Za-z0-9]{64}"', "", response.content.decode())


def test_the_apis_sql_and_rows_follow_the_grant(council):
    client, ds = _client(council["cora"]), council["ds"]
    sql = client.post(
        f"/api/v1/datasets/{ds.slug}/sql", json.dumps({"sql": "SELECT * FROM visits"}),
        content_type="application/json",
    )  # fmt: skip
    assert sql.json()["columns"] == ["ward", "visits"]
    rows = client.get(f"/api/v1/datasets/{ds.slug}/tables/visits/rows").json()
    assert rows["columns"] == ["ward", "visits"] or [c["name"] for c in rows["columns"]] == [
        "ward", "visits",
    ]  # fmt: skip
    tables = client.get(f"/api/v1/datasets/{ds.slug}/tables").json()
    assert [c["name"] for c in tables[0]["columns"]] == ["ward", "visits"]
    assert "nhs_number" not in json.dumps(tables)


def test_ckan_datastore_actions_follow_the_grant(council):
    client = _client(council["cora"])
    rid = council["table"].resource.uuid
    search = client.get("/api/3/action/datastore_search", {"resource_id": str(rid)}).json()
    assert [f["id"] for f in search["result"]["fields"]] == ["ward", "visits"]
    hidden = client.get(
        "/api/3/action/datastore_search", {"resource_id": str(rid), "fields": "nhs_number"}
    )
    assert hidden.status_code == 409 or not hidden.json()["success"]
    sql = client.get("/api/3/action/datastore_search_sql", {"sql": f'SELECT * FROM "{rid}"'})  # noqa: S608
    assert list(sql.json()["result"]["records"][0]) == ["ward", "visits"]


def test_the_data_package_schema_has_only_the_granted_columns(council):
    client, ds = _client(council["cora"]), council["ds"]
    package = client.get(f"/datasets/{ds.slug}/datapackage.json").json()
    names = [f["name"] for r in package["resources"] for f in r.get("schema", {}).get("fields", [])]
    assert names == ["ward", "visits"]


def _numbers_file(council):
    """A second file of the dataset whose only column (NHS numbers) the grant does not give."""
    ds, table = council["ds"], council["table"]
    upload = SimpleUploadedFile("numbers.csv", b"nhs_number\nNHS-111\n")
    other = catalogue.resource_add_file(
        actor=None, dataset=ds, title="Numbers", upload=upload, ingest=False
    )
    Table.objects.create(
        resource=other, name="numbers", source_version=other.current_version,
        parquet=table.parquet, table_schema={"fields": [SCHEMA["fields"][1]]}, row_count=2,
    )  # fmt: skip
    return other


def test_the_data_package_offers_the_granted_tables_instead_of_the_files(council, tmp_path):
    client, ds = _client(council["cora"]), council["ds"]
    _numbers_file(council)  # nothing of it may be read: it is left out
    package = client.get(f"/datasets/{ds.slug}/datapackage.json").json()
    [entry] = package["resources"]
    assert entry["path"] == f"http://testserver/datasets/{ds.slug}/tables/visits/download.csv"
    assert (entry["format"], entry["mediatype"]) == ("csv", "text/csv")
    assert "bytes" not in entry and "hash" not in entry  # of a file they may not have
    assert "/files/" not in json.dumps(package)
    # The package describes what they download: frictionless checks the CSV against it.
    local = tmp_path / "visits.csv"
    local.write_bytes(b"".join(client.get(entry["path"]).streaming_content))
    entry["path"] = local.name
    with system.use_context(trusted=True):
        report = Package(package, basepath=str(tmp_path)).validate()
    assert report.valid, report.flatten(["type", "note"])
    # Someone with every column gets the files themselves, with their sizes and hashes.
    full = _client(council["world"].people["grantee"])
    whole = full.get(f"/datasets/{ds.slug}/datapackage.json").json()["resources"]
    assert all("/files/" in r["path"] and r["hash"].startswith("sha256:") for r in whole)


def _apis(client, ds, resource) -> dict[str, dict]:
    ckan = client.get("/api/3/action/package_show", {"id": ds.slug}).json()["result"]
    native = client.get(f"/api/v1/datasets/{ds.slug}").json()
    return {
        "ckan": {r["id"]: r for r in ckan["resources"]},
        "ckan_show": {
            str(resource.uuid): client.get(
                "/api/3/action/resource_show", {"id": str(resource.uuid)}
            ).json()["result"]
        },
        "native": {r["id"]: r for r in native["resources"]},
        "native_get": {
            str(resource.uuid): client.get(
                f"/api/v1/datasets/{ds.slug}/resources/{resource.uuid}"
            ).json()
        },
    }


def test_the_apis_give_no_size_or_hash_of_the_files_and_point_to_the_tables(council):
    client, ds = _client(council["cora"]), council["ds"]
    resource = council["table"].resource
    resource.format = "XLSX"  # a workbook: what the grantee is pointed to is its table's CSV
    resource.save(update_fields=["format"])
    numbers = _numbers_file(council)
    csv_url = f"http://testserver/datasets/{ds.slug}/tables/visits/download.csv"
    for where, found in _apis(client, ds, resource).items():
        shown = found[str(resource.uuid)]
        assert shown["url"] == csv_url, where
        assert shown["format"] == "CSV", where
        assert shown.get("size") is None and not shown.get("hash") and not shown.get("sha256")
        assert resource.current_version.sha256 not in json.dumps(found), where
        if where == "ckan":
            assert shown["datastore_active"] is True
            unread = found[str(numbers.uuid)]  # no column of it given: nothing to search
            assert unread["datastore_active"] is False and unread["hash"] == ""
            assert unread["url"] == f"http://testserver{numbers.get_absolute_url()}"
    full = _client(council["world"].people["grantee"])
    for where, found in _apis(full, ds, resource).items():
        shown = found[str(resource.uuid)]
        assert f"/files/{resource.uuid}/download/" in shown["url"], where
        assert shown["format"] == "XLSX", where
        assert resource.current_version.sha256 in (shown.get("hash"), shown.get("sha256"))


def test_dcat_and_the_file_page_give_no_download_size_or_hash_of_the_files(council):
    client, ds = _client(council["cora"]), council["ds"]
    resource = council["table"].resource
    digest = resource.current_version.sha256
    turtle = client.get(f"/datasets/{ds.slug}.ttl").content.decode()
    assert "downloadURL" not in turtle and "byteSize" not in turtle and digest not in turtle
    page = client.get(f"/datasets/{ds.slug}/files/{resource.uuid}/").content.decode()
    assert "SHA-256" not in page and digest not in page
    full = _client(council["world"].people["grantee"])
    assert digest in full.get(f"/datasets/{ds.slug}.ttl").content.decode()
    assert digest in full.get(f"/datasets/{ds.slug}/files/{resource.uuid}/").content.decode()


# --- Search ----------------------------------------------------------------------------------


def test_search_by_a_column_name_does_not_find_the_dataset_for_a_column_grantee(council):
    from townsquare.search import api as search

    search.index_object(council["ds"])  # its entry lists its columns' names
    html = _client(council["cora"]).get("/search/", {"q": "nhs number"}).content.decode()
    assert council["ds"].get_absolute_url() not in html
    full = _client(council["world"].people["grantee"]).get("/search/", {"q": "nhs number"})
    assert council["ds"].get_absolute_url() in full.content.decode()


def test_a_csv_export_never_reads_the_hidden_column(council):
    # The query engine's SQL for a download names only the granted columns.
    from townsquare.datastore import query

    narrowed = datastore.for_reader(council["table"], council["cora"])
    sql, _ = query.select_sql(datastore.source(narrowed), query.QuerySpec())
    assert sql.startswith('SELECT "ward", "visits" FROM')
    assert "nhs_number" not in sql
