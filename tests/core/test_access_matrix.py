"""Who sees what: every kind of person against every kind of dataset, on every surface that can
reveal a dataset. A dataset someone may not see must not show up at all: not as a page, a file,
a list entry, a search hit or a count."""

import re

import pytest

# Which of the world's datasets each person may see.
VISIBLE = {
    "anonymous": {"open"},
    "staff": {"open", "internal"},
    "other_publisher": {"open", "internal"},
    "grantee": {"open", "internal", "restricted"},
    "team_grantee": {"open", "internal", "restricted"},
    "publisher": {"open", "internal", "restricted", "draft"},
    "steward": {"open", "internal", "restricted", "draft"},
    "admin": {"open", "internal", "restricted", "draft"},
}
KINDS = ("open", "internal", "restricted", "draft")


def _client_for(client, world, who):
    user = world.people[who]
    if user is not None:
        client.force_login(user)
    return client


def _shown_count(html: str) -> int:
    return int(re.search(r"<strong>(\d+)</strong> dataset", html).group(1))


def _facet_count(html: str, label: str) -> int:
    found = re.search(rf"{label} <span class=\"ts-count\">\((\d+)\)</span>", html)
    return int(found.group(1)) if found else 0


@pytest.mark.parametrize("who", VISIBLE)
def test_dataset_page(client, world, who):
    client = _client_for(client, world, who)
    for kind in KINDS:
        response = client.get(world.datasets[kind].get_absolute_url())
        assert response.status_code == (200 if kind in VISIBLE[who] else 404), kind


@pytest.mark.parametrize("who", VISIBLE)
def test_file_download(client, world, who):
    client = _client_for(client, world, who)
    for kind in KINDS:
        resource = world.datasets[kind].resources.get()
        url = f"{world.datasets[kind].get_absolute_url()}files/{resource.uuid}/download/"
        response = client.get(url)
        assert response.status_code == (200 if kind in VISIBLE[who] else 404), kind
        if kind in VISIBLE[who]:
            assert b"".join(response.streaming_content) == b"a,b\n1,2\n"


@pytest.mark.parametrize("who", VISIBLE)
@pytest.mark.parametrize("query", ["", "?q=zebra", "?q=ledger&access=open&access=internal"])
def test_list_search_and_counts(client, world, who, query):
    client = _client_for(client, world, who)
    html = client.get(f"/datasets/{query}").content.decode()
    expected = VISIBLE[who]
    if "access=" in query:
        expected = expected & {"open", "internal", "draft"}
    for kind in KINDS:
        assert (world.datasets[kind].title in html) == (kind in expected), kind
    assert _shown_count(html) == len(expected)
    assert _facet_count(html, "Payments") == len(expected)
    for level, label in [("internal", "Internal"), ("restricted", "Restricted")]:
        assert _facet_count(html, label) == (1 if level in VISIBLE[who] else 0)


@pytest.mark.parametrize("who", VISIBLE)
def test_home_page_count(client, world, who):
    client = _client_for(client, world, who)
    html = client.get("/").content.decode()
    published = VISIBLE[who] - {"draft"}
    assert f"Browse all {len(published)} dataset" in html
    assert "Zebra restricted ledger" not in html or "restricted" in VISIBLE[who]


@pytest.mark.parametrize("who", VISIBLE)
def test_org_unit_page(client, world, who):
    client = _client_for(client, world, who)
    html = client.get(world.payments.get_absolute_url()).content.decode()
    for kind in KINDS:
        assert (world.datasets[kind].title in html) == (kind in VISIBLE[who]), kind


@pytest.mark.parametrize("who", VISIBLE)
def test_sharing_page_is_for_stewards_only(client, world, who):
    client = _client_for(client, world, who)
    response = client.get(f"{world.datasets['restricted'].get_absolute_url()}sharing/")
    allowed = who in {"steward", "admin"}
    if who == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if allowed else 404)
