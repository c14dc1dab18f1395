"""Every successful ingest fingerprints its table in the datastore: the normalised column set
and a content print that ignores the file's name, column order and row order; and the
dataset's search entry gains the table's column names and titles in the same transaction."""

import csv
import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from townsquare.catalogue import services as catalogue
from townsquare.datastore import api, fingerprint
from townsquare.demo import files as demo
from townsquare.search import api as search
from townsquare.search.models import Document


def _rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


def reordered_copy(content: bytes, seed: int = 8) -> bytes:
    """The same table with its columns reversed and its rows shuffled."""
    header, *body = _rows(content)
    random.Random(seed).shuffle(body)
    return _csv([list(reversed(r)) for r in [header, *body]])


def load(ds, filename: str, content: bytes):
    res = catalogue.resource_add_file(actor=None, dataset=ds, title=filename,
                                      upload=SimpleUploadedFile(filename, content), ingest=False)  # fmt: skip
    job = api.ingest_version(res.current_version)
    assert job.status == "succeeded", job.error
    return api.table_for_resource(res)


@pytest.fixture
def toilets(world):
    return load(world.datasets["open"], "public-toilets.csv", demo.public_toilets_csv())


def test_a_loaded_table_has_its_normalised_columns(toilets):
    prints = api.fingerprint_for(toilets)
    header = _rows(demo.public_toilets_csv())[0]
    assert prints.columns == sorted({fingerprint.normalise_column(h) for h in header})
    assert prints.content.startswith(f"{toilets.row_count}:")
    assert 0 < len(prints.sample) <= fingerprint.SAMPLE_SIZE


def test_renamed_reordered_copy_has_the_same_fingerprint(world, toilets):
    copy = load(world.datasets["internal"], "loos copy.csv",
                reordered_copy(demo.public_toilets_csv()))  # fmt: skip
    a, b = api.fingerprint_for(toilets), api.fingerprint_for(copy)
    assert copy.fields[0]["name"] != toilets.fields[0]["name"]  # the columns really moved
    assert (a.columns, a.content, a.sample) == (b.columns, b.content, b.sample)


def test_one_changed_value_changes_the_content_but_not_the_columns(world, toilets):
    header, first, *rest = _rows(demo.public_toilets_csv())
    first[5] += " (changed)"  # LocationText: a text column either way
    changed = load(world.datasets["internal"], "changed.csv", _csv([header, first, *rest]))
    a, b = api.fingerprint_for(toilets), api.fingerprint_for(changed)
    assert a.columns == b.columns and a.content != b.content
    assert 0.5 < fingerprint.row_overlap(a.sample, b.sample) <= 1


def test_a_different_table_shares_neither_columns_nor_content(world, toilets):
    other = load(world.datasets["internal"], "visits.csv", demo.library_visits_csv())
    a, b = api.fingerprint_for(toilets), api.fingerprint_for(other)
    assert a.content != b.content
    assert fingerprint.jaccard(a.columns, b.columns) < 0.5


def test_the_dataset_is_found_by_a_column_title_once_loaded(world):
    ds = world.datasets["open"]
    content = b"Quokka sightings,Ward\n3,North\n"
    assert not search.search(None, "quokka").total
    load(ds, "counts.csv", content)
    body = Document.objects.get(kind="dataset", key=str(ds.pk)).body
    assert "Quokka sightings" in body and "Ward" in body
    assert [h.title for h in search.search(None, "quokka sightings").hits] == [ds.title]


def test_new_column_titles_reach_the_index_and_the_column_set(world):
    ds = world.datasets["open"]
    table = load(ds, "counts.csv", b"Count,Ward\n3,North\n")
    api.schema_update(table=table, actor=None,
                      fields=[{"name": "count", "title": "Wombat tally"}])  # fmt: skip
    assert [h.title for h in search.search(None, "wombat tally").hits] == [ds.title]
    assert api.fingerprint_for(table) is None  # stale: remade at the next ingest
    api.ingest_version(table.resource.current_version)
    assert api.fingerprint_for(table).columns == ["ward", "wombat tally"]
