"""The sitemap lists the open pages (home, the dataset list, open published datasets and the
organisation's pages); the Atom feed the open datasets most recently published or updated;
robots.txt points at the sitemap; every page's <head> links to them."""

import xml.etree.ElementTree as ET

from townsquare.catalogue import services

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


def _sitemap_paths(client) -> set[str]:
    response = client.get("/sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    return {loc.text.removeprefix("http://testserver") for loc in root.iter(f"{SITEMAP}loc")}


def test_the_sitemap_lists_open_pages(client, world):
    paths = _sitemap_paths(client)
    assert {"/", "/datasets/", "/organisation/", world.datasets["open"].get_absolute_url()} <= paths
    assert world.payments.get_absolute_url() in paths
    for kind in ("internal", "restricted", "draft"):
        assert world.datasets[kind].get_absolute_url() not in paths


def test_the_atom_feed_lists_recent_open_datasets(client, world):
    services.dataset_update(actor=None, dataset=world.datasets["open"], data={"title": "Newest"})
    response = client.get("/datasets/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Newest"]
    [link] = entries[0].findall(f"{ATOM}link")
    assert link.get("href").endswith(world.datasets["open"].get_absolute_url())
    assert entries[0].findtext(f"{ATOM}updated")


def test_robots_txt_points_at_the_sitemap(client, db):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_pages_link_to_the_feeds(client, db):
    html = client.get("/").content.decode()
    assert 'type="application/atom+xml" href="/datasets/feed.atom"' in html
    assert 'href="/sitemap.xml"' in html
    assert 'href="/catalog.ttl"' in html
