"""A facet with many values lists its most frequent ten on the search page (and any chosen),
with a link that shows them all: a long list of checkboxes is hard to use."""

import re

import pytest
from factories import dataset

from townsquare.catalogue import services as catalogue

TAGS = [f"topic{n:02d}" for n in range(12)]


@pytest.fixture
def tagged(world):
    # topic00 is on every dataset, topic01 on all but one, ... so the counts order the tags.
    for n in range(12):
        ds = dataset(f"Zebra crossing survey {n}", publisher=world.payments, access_level="open",
                     with_file=False)  # fmt: skip
        catalogue.dataset_update(actor=None, dataset=ds, data={}, keywords=TAGS[: 12 - n])
    return world


def tag_boxes(html: str) -> list[str]:
    return re.findall(r'name="tag" type="checkbox" value="([^"]+)"', html)


@pytest.mark.django_db
def test_the_ten_most_frequent_values_then_a_link_to_all(client, tagged):
    html = client.get("/search/?q=zebra+crossing").content.decode()
    assert tag_boxes(html) == TAGS[:10]
    link = re.search(r'href="([^"]*all=tag[^"]*)">Show all 12', html)
    assert link, "a link shows every value"
    every = client.get("/search/" + link.group(1).replace("&amp;", "&").split("#")[0])
    assert tag_boxes(every.content.decode()) == TAGS


@pytest.mark.django_db
def test_a_chosen_value_beyond_the_ten_stays_listed_and_ticked(client, tagged):
    html = client.get("/search/?q=zebra+crossing&tag=topic11").content.decode()
    # Only the first dataset has topic11, and it has all twelve tags, one each: the first ten
    # by name are listed, then the chosen one; topic10 is not.
    assert tag_boxes(html) == [*TAGS[:10], "topic11"]
    assert re.search(r'value="topic11" checked', html)
