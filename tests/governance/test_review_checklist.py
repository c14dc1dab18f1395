"""The reviewer's checklist: a metadata quality score, schema status (not checked until the
datastore) and the personal-data scan status; stewards find datasets waiting for review."""

from datetime import date

from factories import dataset, org_units, person

from townsquare.catalogue import services as catalogue
from townsquare.governance import api, personal_data


def test_score_counts_the_metadata_checks_passed(db):
    units = org_units()
    ds = dataset("Spend", publisher=units["payments"], access_level="open", status="draft")
    bare = api.review_checklist(ds)
    # Only the licence (a default is always set) and the CSV file pass.
    assert [i.label for i in bare.quality if i.status == api.PASS] == ["Licence", "Open format"]
    assert bare.score == round(100 * 2 / 7)
    assert bare.schema.status == api.NOT_CHECKED
    assert bare.scan.status == api.PASS  # the CSV was scanned on upload and is clean

    catalogue.dataset_update(actor=None, dataset=ds, data={
        "description": "Every payment over £500 to a supplier, with the date and service area.",
        "update_frequency": "monthly", "temporal_start": date(2025, 4, 1),
        "contact_email": "spend@council.example",
    })  # fmt: skip
    full = api.review_checklist(ds)
    assert full.score == round(100 * 6 / 7)  # schema validity waits for the datastore

    version = ds.resources.get().current_version
    api.record_scan(version, personal_data.scan_rows([["email"], ["ada@example.org"]]))
    assert api.review_checklist(ds).scan.status == api.FAIL


def test_stewards_see_datasets_ready_for_review(client, db):
    units = org_units()
    steward = person("Stella Steward", roles=[("steward", units["finance"])])
    ready = dataset("Ready one", publisher=units["payments"], access_level="open", status="draft")
    elsewhere = dataset("Housing one", publisher=units["lettings"], access_level="open",
                        status="draft")  # fmt: skip
    for ds in (ready, elsewhere):
        catalogue.dataset_submit_for_review(actor=None, dataset=ds)
    client.force_login(steward)
    html = client.get("/access/requests/").content.decode()
    assert "Ready one" in html and "Housing one" not in html


def test_schema_status_comes_from_the_datastore(client, db, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from townsquare.datastore import api as datastore

    units = org_units()
    ds = dataset("Spend", publisher=units["payments"], access_level="open", status="draft",
                 with_file=False)  # fmt: skip
    assert api.review_checklist(ds).schema.status == api.NOT_CHECKED  # no tables
    resource = catalogue.resource_add_file(
        actor=None, dataset=ds, title="Spend", ingest=False,
        upload=SimpleUploadedFile("spend.csv", b"amount\n5\n-1\n"),
    )  # fmt: skip
    waiting = api.review_checklist(ds)
    assert (waiting.schema.status, waiting.schema.hint) == (api.NOT_CHECKED,
                                                            "‘Spend’ is waiting to be loaded")  # fmt: skip

    datastore.ingest_version(resource.current_version)
    loaded = api.review_checklist(ds)
    assert loaded.schema.status == api.PASS
    assert [i.status for i in loaded.quality if i.label == "Schema valid"] == [api.PASS]

    schema = {"fields": [{"name": "amount", "type": "number", "constraints": {"minimum": 0}}]}
    datastore.ingest_version(resource.current_version, schema=schema)
    invalid = api.review_checklist(ds)
    assert invalid.schema.status == api.FAIL
    assert invalid.schema.hint == "‘Spend’ does not meet its schema in 1 place"

    person_ = person("Stella Steward", roles=[("steward", units["finance"])])
    client.force_login(person_)
    html = client.get(f"/datasets/{ds.slug}/").content.decode()
    assert "Schema validation" in html and "does not meet its schema" in html
    assert "Personal-data scan" in html and "Metadata quality" in html
