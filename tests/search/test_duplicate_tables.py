"""The "already exists?" check for files: once a publisher's file is loaded, its page names the tables
they may view with the same content or mostly the same columns; the administrators' report
lists likely duplicate tables. A restricted table is never named to someone who cannot view it,
nor to someone who sees only some of its columns."""

import csv
import io
import random
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from factories import dataset

from townsquare.catalogue import services as catalogue
from townsquare.datastore import api as datastore
from townsquare.demo import files as demo
from townsquare.governance import services as governance
from townsquare.search import api


def renamed_reordered(content: bytes) -> bytes:
    header, *body = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    random.Random(4).shuffle(body)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[*r[3:], *r[:3]] for r in [header, *body]])
    return out.getvalue().encode()


def load(ds, filename: str, content: bytes):
    res = catalogue.resource_add_file(actor=None, dataset=ds, title=filename,
                                      upload=SimpleUploadedFile(filename, content), ingest=False)  # fmt: skip
    job = datastore.ingest_version(res.current_version)
    assert job.status == "succeeded", job.error
    return res, datastore.table_for_resource(res)


@pytest.fixture
def tables(world):
    """The demo toilets table in the open and the restricted ledgers, and a housing dataset
    (the other publisher's) to upload copies to."""
    _, opened = load(world.datasets["open"], "public-toilets.csv", demo.public_toilets_csv())
    # The toilets file lists the council's report-a-problem email and phone, which the
    # personal-data scan flags, so the dataset is withdrawn for review (decision 0032); the
    # steward publishes it again, as the demo does, with a reason.
    ds = world.datasets["open"]
    ds.refresh_from_db()
    if not ds.is_published:
        catalogue.dataset_publish(actor=world.people["steward"], dataset=ds,
                                  override_reason="Council service contacts, not people")  # fmt: skip
    _, hidden = load(world.datasets["restricted"], "air-quality.csv", demo.air_quality_csv())
    housing = dataset("Quince housing things", publisher=world.housing, access_level="internal")
    return world, opened, hidden, housing


def _page(client, user, res) -> str:
    client.force_login(user)
    url = reverse("datastore:ingest-progress", args=[res.dataset.slug, res.uuid])
    return client.get(url).content.decode()


def test_a_renamed_reordered_copy_of_a_demo_table_is_flagged(client, tables):
    world, opened, _hidden, housing = tables
    res, copy = load(
        housing, "Loos we run (copy).csv", renamed_reordered(demo.public_toilets_csv())
    )
    publisher = world.people["other_publisher"]
    found = api.similar_tables(publisher, copy)
    assert [(m.table, m.same_content) for m in found] == [(opened, True)]
    html = _page(client, publisher, res)
    assert "Does this already exist?" in html and "the same rows" in html
    assert reverse("datastore:table", args=[opened.resource.dataset.slug, opened.name]) in html
    resource_page = client.get(res.get_absolute_url()).content.decode()
    assert 'id="similar-tables"' in resource_page and opened.name in resource_page


def test_a_table_with_mostly_the_same_columns_is_flagged(tables):
    world, opened, _hidden, housing = tables
    header, *body = list(csv.reader(io.StringIO(demo.public_toilets_csv().decode("utf-8-sig"))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *body[:3]])  # fewer rows
    _, fewer = load(housing, "three toilets.csv", out.getvalue().encode())
    [match] = api.similar_tables(world.people["other_publisher"], fewer)
    assert match.table == opened and not match.same_content and match.column_similarity == 1


def test_a_different_table_is_not_flagged(client, tables):
    world, opened, _hidden, housing = tables
    res, other = load(housing, "visits.csv", demo.library_visits_csv())
    assert api.similar_tables(world.people["other_publisher"], other) == []
    html = _page(client, world.people["other_publisher"], res)
    assert "Does this already exist?" not in html and opened.name not in html


def test_a_restricted_table_is_never_named_to_someone_who_cannot_view_it(client, tables):
    world, _opened, hidden, housing = tables
    res, copy = load(housing, "air.csv", renamed_reordered(demo.air_quality_csv()))
    outsider = world.people["other_publisher"]  # publishes for housing, no grant
    assert api.similar_tables(outsider, copy) == []
    assert api.likely_duplicate_tables(outsider) == []
    html = _page(client, outsider, res)
    assert hidden.name not in html and world.datasets["restricted"].title not in html
    assert "Does this already exist?" not in html
    # Someone who may view the restricted ledger is told.
    assert [m.table for m in api.similar_tables(world.people["admin"], copy)] == [hidden]


def test_only_a_publisher_is_asked(client, tables):
    world, opened, _hidden, housing = tables
    res, _copy = load(housing, "copy.csv", renamed_reordered(demo.public_toilets_csv()))
    html = _page(client, world.people["staff"], res)  # may view, may not edit
    assert "Does this already exist?" not in html


def test_the_administrators_report_lists_duplicate_tables(client, tables):
    world, opened, hidden, housing = tables
    _, copy = load(housing, "copy.csv", renamed_reordered(demo.public_toilets_csv()))
    _, also = load(housing, "air copy.csv", renamed_reordered(demo.air_quality_csv()))
    pairs = {(a.table, b.table) for a, b in api.likely_duplicate_tables(world.people["admin"])}
    assert pairs == {(opened, copy), (hidden, also)}
    client.force_login(world.people["admin"])
    html = client.get("/admin-reports/duplicates/").content.decode()
    assert "Likely duplicate tables" in html and "The same rows" in html
    assert copy.name in html and also.name in html


def test_a_table_seen_only_in_part_is_never_matched(client, tables):
    """Matching compares whole rows and every column's name, so a table someone sees only some
    columns of would tell them of the others: it is left out, even with a grant to view it."""
    world, _opened, hidden, housing = tables
    res, copy = load(housing, "air.csv", renamed_reordered(demo.air_quality_csv()))
    publisher = world.people["other_publisher"]
    governance.grant_create(
        dataset=world.datasets["restricted"], approver=world.people["steward"],
        purpose="Mapping sites", expires=timezone.now() + timedelta(days=30), user=publisher,
        columns=["Site ID"],
    )  # fmt: skip
    publisher = type(publisher).objects.get(pk=publisher.pk)  # as a new request loads them
    assert datastore.tables_for_dataset(hidden.resource.dataset, reader=publisher)  # may read
    assert api.similar_tables(publisher, copy) == []
    assert api.likely_duplicate_tables(publisher) == []
    assert api.similar_tables(publisher, hidden) == []  # nor matched from it
    html = _page(client, publisher, res)
    assert "Does this already exist?" not in html and hidden.name not in html
    # A grant of every column shows it again.
    governance.grant_create(
        dataset=world.datasets["restricted"], approver=world.people["steward"],
        purpose="Everything", expires=timezone.now() + timedelta(days=30), user=publisher,
    )  # fmt: skip
    publisher = type(publisher).objects.get(pk=publisher.pk)
    assert [m.table for m in api.similar_tables(publisher, copy)] == [hidden]
