"""The leak probe for a column-limited grantee: someone given only the "ward" column of the
marked restricted dataset may see the dataset (its title carries the restricted marker), but
never the column outside their grant, whose name and values carry a marker of their own: not
on any page or API the resolver knows, nor in the table pages, downloads, SQL, the CKAN and
native APIs, the Data Package or search. Nor anything describing the original file, which holds
every column and is refused to them: its SHA-256 appears nowhere, and no description of the
dataset (Data Package, CKAN, native API, DCAT) links to it or gives its size."""

import json
from urllib.parse import quote

from security_support import dataset_urls, marker, signed_in

from townsquare.catalogue.models import ResourceVersion
from townsquare.datastore import api as datastore

HIDDEN = marker("column").lower()  # column names may be lower-cased: compare in lower case


def _body(response) -> str:
    content = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    return (content.decode(errors="replace") + response.get("Location", "")).lower()


def _never_hidden(response, where, secrets: tuple[str, ...] = ()) -> str:
    assert response.status_code < 500, where
    body = _body(response)
    for secret in (HIDDEN, *secrets):
        assert secret not in body, (where, secret)
    return body


def _file_hashes(dataset) -> tuple[str, ...]:
    """The SHA-256 of every version of the dataset's files (but those of a file some other
    dataset holds too, such as the test world's one-row file): it tells whole-file contents
    apart, hidden columns included, so a column-limited grantee must never see it."""
    versions = ResourceVersion.objects.filter(resource__dataset=dataset)
    elsewhere = ResourceVersion.objects.exclude(resource__dataset=dataset)
    shared = set(elsewhere.values_list("sha256", flat=True))
    return tuple(v.sha256.lower() for v in versions if v.sha256 not in shared)


def test_no_route_shows_a_column_outside_the_grant(client, marked):
    world, extra = marked
    dataset = world.datasets["restricted"]
    hashes = _file_hashes(dataset)
    assert hashes
    for _route, url in dataset_urls(dataset, extra):
        for method in ("get", "post"):
            signed_in(client, world.people["column_grantee"])  # again, after any sign-out
            _never_hidden(getattr(client, method)(url), (method, url), hashes)


def test_every_way_to_read_the_table_gives_only_the_granted_column(client, marked):
    world, _ = marked
    client.force_login(world.people["column_grantee"])
    ds = world.datasets["restricted"]
    table = datastore.tables_for_dataset(ds)[0]
    rid = table.resource.uuid
    base = f"/datasets/{ds.slug}/tables/{table.name}"
    select_all = quote(f"SELECT * FROM {table.name}")  # noqa: S608 - a test's own query
    ckan_sql = quote(f'SELECT * FROM "{rid}"')  # noqa: S608
    readable = [
        f"{base}/",
        f"{base}/?_search=north",
        f"{base}.json?_count=1",
        f"{base}.json?_size=0&_facet=ward&_group=ward",
        f"{base}/download.csv",
        f"{base}/download.json",
        f"{base}/download.parquet",
        f"{base}/chart/?kind=bar&x=ward&aggregate=count",
        f"/datasets/{ds.slug}/sql/?sql={select_all}",
        f"/api/v1/datasets/{ds.slug}/tables/{table.name}/rows?_count=1",
        f"/api/3/action/datastore_search?resource_id={rid}",
        f"/api/3/action/datastore_search_sql?sql={ckan_sql}",
    ]
    for url in readable:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "north" in _never_hidden(response, url), url  # the granted column is there
    sql = client.post(
        f"/api/v1/datasets/{ds.slug}/sql",
        json.dumps({"sql": f"SELECT * FROM {table.name}"}),  # noqa: S608
        content_type="application/json",
    )
    assert sql.status_code == 200
    assert sql.json()["columns"] == ["ward"]
    for url in (f"/api/v1/datasets/{ds.slug}/tables", f"/datasets/{ds.slug}/datapackage.json"):
        assert '"ward"' in _never_hidden(client.get(url), url)  # the schema, narrowed
    others = [
        f"/api/3/action/package_show?id={ds.slug}",
        f"/datasets/{ds.slug}.ttl",
        f"/datasets/{ds.slug}/files/{rid}/",
        f"/datasets/{ds.slug}/files/{rid}/dictionary/",
        f"/search/?q={quote(marker('restricted'))}",
        "/search/?q=ward",
        "/search.json?q=col",
        "/search/suggest/?q=qx7",
    ]
    for url in others:
        _never_hidden(client.get(url), url)


def test_the_original_file_is_refused_with_a_reason(client, marked):
    world, _ = marked
    client.force_login(world.people["column_grantee"])
    ds = world.datasets["restricted"]
    resource = ds.resources.order_by("pk").first()
    response = client.get(f"/datasets/{ds.slug}/files/{resource.uuid}/download/")
    assert response.status_code == 403
    assert "covers only some of its columns" in _never_hidden(response, "download")


def test_descriptions_of_the_files_offer_only_what_the_grantee_may_download(client, marked):
    world, _ = marked
    client.force_login(world.people["column_grantee"])
    ds = world.datasets["restricted"]
    table = datastore.tables_for_dataset(ds, reader=world.people["column_grantee"])[0]
    resource = table.resource  # the marked file, whose table has the granted column
    refused = f"/datasets/{ds.slug}/files/{resource.uuid}/download"
    narrowed_csv = f"/datasets/{ds.slug}/tables/{table.name}/download.csv"
    hashes = _file_hashes(ds)
    described = [
        f"/datasets/{ds.slug}/datapackage.json",
        f"/api/3/action/package_show?id={ds.slug}",
        f"/api/3/action/resource_show?id={resource.uuid}",
        f"/api/3/action/package_search?q={quote(marker('restricted'))}",
        f"/api/v1/datasets/{ds.slug}",
        f"/api/v1/datasets/{ds.slug}/resources",
        f"/api/v1/datasets/{ds.slug}/resources/{resource.uuid}",
        f"/datasets/{ds.slug}.ttl",
        f"/datasets/{ds.slug}.jsonld",
    ]
    for url in described:
        response = client.get(url)
        assert response.status_code == 200, url
        assert refused not in _never_hidden(response, url, hashes), url
    package = client.get(f"/datasets/{ds.slug}/datapackage.json").json()
    [entry] = package["resources"]
    assert entry["path"].endswith(narrowed_csv)
    assert "bytes" not in entry and "hash" not in entry
    assert [f["name"] for f in entry["schema"]["fields"]] == ["ward"]
    ckan = client.get(f"/api/3/action/resource_show?id={resource.uuid}").json()["result"]
    assert ckan["url"].endswith(narrowed_csv)
    assert (ckan["size"], ckan["hash"], ckan["datastore_active"]) == (None, "", True)
    native = client.get(f"/api/v1/datasets/{ds.slug}/resources/{resource.uuid}").json()
    assert native["url"].endswith(narrowed_csv)
    assert (native["size"], native["sha256"]) == (None, None)
    # What they are pointed to, they may have: the table with the granted column only.
    download = client.get(narrowed_csv)
    assert download.status_code == 200
    assert _never_hidden(download, narrowed_csv).splitlines()[0] == "ward"
