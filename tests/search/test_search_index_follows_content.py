"""The index changes in the same transaction as the content: create, edit, publish, unpublish,
delete, new files, profile edits; a rolled-back write leaves the index as it was. And
`townsquare search rebuild` restores an index that has drifted."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from factories import org_units, person

from townsquare.accounts import services as accounts
from townsquare.catalogue import services as catalogue
from townsquare.search import api
from townsquare.search.models import Document

pytestmark = pytest.mark.every_engine  # each engine's index, and its rebuild


def found(query: str, user=None) -> list[str]:
    return [h.title for h in api.search(user, query).hits]


@pytest.fixture
def units(db):
    return org_units()


def test_a_dataset_is_found_as_soon_as_it_is_published(units):
    ds = catalogue.dataset_create(actor=None, title="Allotment plots", publisher=units["payments"])
    assert found("allotment") == []  # a draft: only its publishers and stewards see it
    catalogue.dataset_publish(actor=None, dataset=ds)
    assert found("allotment") == ["Allotment plots"]
    catalogue.dataset_update(actor=None, dataset=ds, data={"title": "Allotment waiting list"})
    assert found("waiting") == ["Allotment waiting list"]
    catalogue.dataset_unpublish(actor=None, dataset=ds)
    assert found("allotment") == []
    catalogue.dataset_publish(actor=None, dataset=ds)
    upload = SimpleUploadedFile("plots.pdf", b"%PDF-1.4", content_type="application/pdf")
    catalogue.resource_add_file(actor=None, dataset=ds, title="Plots", upload=upload)
    assert api.search(None, "allotment").facets["format"][0].value == "PDF"
    catalogue.dataset_delete(actor=None, dataset=ds)
    assert found("allotment") == []
    assert not Document.objects.filter(kind="dataset").exists()


def test_a_rolled_back_write_leaves_the_index_alone(units):
    ds = catalogue.dataset_create(actor=None, title="Allotment plots", publisher=units["payments"])
    catalogue.dataset_publish(actor=None, dataset=ds)
    with pytest.raises(RuntimeError), transaction.atomic():
        catalogue.dataset_update(actor=None, dataset=ds, data={"title": "Beehives"})
        assert found("beehives") == ["Beehives"]
        raise RuntimeError("the request failed after the write")
    assert found("beehives") == []
    assert found("allotment") == ["Allotment plots"]


def test_a_profile_edit_reaches_the_index(units):
    someone = person("Priya Patel", team=units["payments"], roles=[("staff", None)])
    accounts.profile_update(user=someone, job_title="Analyst", bio="", phone="",
                            skills=["Hedgehog surveys"])  # fmt: skip
    assert found("hedgehog", someone) == ["Priya Patel"]
    assert found("hedgehog") == []  # people are for staff


def test_rebuild_restores_a_drifted_index_and_drops_what_has_gone(units):
    ds = catalogue.dataset_create(actor=None, title="Allotment plots", publisher=units["payments"])
    catalogue.dataset_publish(actor=None, dataset=ds)
    Document.objects.filter(kind="dataset").delete()
    api.store([api.SearchDocument(kind="dataset", key="999999", title="Ghost allotment",
                                  url="/gone/", updated=ds.modified)])  # fmt: skip
    assert found("allotment") == ["Ghost allotment"]
    call_command("search", "rebuild")
    assert found("allotment") == ["Allotment plots"]
