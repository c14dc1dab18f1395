"""The tantivy index on disk: committed changes reach it through the outbox, rolled-back ones
never do, a search never shows a version the database no longer holds (even while a change
waits for the writer), the periodic task catches up, and a rebuild swaps in a new index
without the search going empty. These commit for real (`transactional_db`)."""

from importlib import import_module

import pytest
from django.db import transaction
from factories import org_units

from townsquare.catalogue import services as catalogue
from townsquare.search import api, tantivy_backend
from townsquare.search.models import Pending
from townsquare.search.tasks import catch_up

# Restored from the migrated state after each test, as every committing suite is: a plain flush
# re-creates content types that the next restoring suite on the worker would clash with.
pytestmark = [
    pytest.mark.engines_inside,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def found(query: str) -> list[str]:
    return [h.title for h in api.search(None, query).hits]


def indexed(query: str) -> int:
    """Matches in the index files alone (no outbox), for anyone."""
    index = tantivy_backend._opened.get()
    if index is None:
        return 0
    index.reload()
    return index.searcher().search(index.parse_query(query, ["title"]), 10).count


@pytest.fixture
def plots():
    # A transactional test's flush empties the licences the migrations made: seed them again.
    from django.apps import apps

    seed = import_module("townsquare.catalogue.migrations.0002_licences_and_themes").seed
    seed(apps, None)
    units = org_units()
    ds = catalogue.dataset_create(actor=None, title="Allotment plots", publisher=units["payments"])
    catalogue.dataset_publish(actor=None, dataset=ds)
    return ds


def test_a_committed_change_reaches_the_index_and_leaves_the_outbox(plots):
    assert not Pending.objects.exists()
    assert indexed("allotment") == 1
    assert found("allotment") == ["Allotment plots"]


def test_a_rolled_back_change_never_reaches_the_index(plots):
    with pytest.raises(RuntimeError), transaction.atomic():
        catalogue.dataset_update(actor=None, dataset=plots, data={"title": "Beehives"})
        assert found("beehives") == ["Beehives"]  # the writer sees its own change
        assert indexed("beehives") == 0  # and the index does not, before the commit
        raise RuntimeError("the request failed after the write")
    assert not Pending.objects.exists()
    assert indexed("beehives") == 0
    assert found("beehives") == [] and found("allotment") == ["Allotment plots"]


def test_a_change_waiting_for_the_writer_is_read_from_the_database(plots, settings):
    # Another process holds the writer: the change commits and waits in the outbox.
    with tantivy_backend._writer_lock(settings.SEARCH_INDEX_DIR, blocking=True):
        catalogue.dataset_update(actor=None, dataset=plots, data={"title": "Beehive sites"})
        catalogue.dataset_unpublish(actor=None, dataset=plots)
        assert Pending.objects.exists()
        assert indexed("allotment") == 1  # the stale version is still in the files
        assert found("allotment") == [] and found("beehive") == []  # but never shown
        catalogue.dataset_publish(actor=None, dataset=plots)
        assert found("beehive") == ["Beehive sites"]
    assert catch_up.call() >= 1
    assert not Pending.objects.exists()
    assert indexed("allotment") == 0 and indexed("beehive") == 1
    assert found("beehive") == ["Beehive sites"]


def test_rebuild_swaps_in_a_new_index_and_catch_up_builds_a_missing_one(plots, settings):
    root = settings.SEARCH_INDEX_DIR
    first = (root / "CURRENT").read_text()
    api.rebuild()
    second = (root / "CURRENT").read_text()
    assert second != first and (root / second).is_dir()
    assert found("allotment") == ["Allotment plots"] and not Pending.objects.exists()
    api.rebuild()
    assert not (root / first).exists()  # the one before the previous is removed
    (root / "CURRENT").unlink()  # a first start on tantivy: no index yet
    catch_up.call()
    assert indexed("allotment") == 1
