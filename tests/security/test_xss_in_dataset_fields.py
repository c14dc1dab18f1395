"""Script in any text a publisher can type comes back as text, never as markup, on every page
that shows it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from security_support import dataset_urls, marked_world

from townsquare.catalogue import services as catalogue

PAYLOADS = {
    "script": '<script>alert("ts-xss")</script>',
    "attribute": '"><img src=x onerror=alert("ts-xss")>',
    "link": "[click](javascript:alert('ts-xss'))",
}
FIELDS = ("title", "summary", "description", "contact_name", "spatial_coverage")


def _poisoned_world():
    world, extra = marked_world()
    ds = world.datasets["restricted"]
    for name, payload in PAYLOADS.items():
        catalogue.dataset_update(
            actor=None, dataset=ds, keywords=[payload],
            data={f: f"{f} {name} {payload}"[:200] for f in FIELDS},
        )  # fmt: skip
    catalogue.resource_add_file(
        actor=None, dataset=ds, title=PAYLOADS["script"], description=PAYLOADS["attribute"],
        upload=SimpleUploadedFile('"><svg onload=alert(1)>.csv', b"a\n1\n"),
    )  # fmt: skip
    catalogue.resource_add_link(actor=None, dataset=ds, title="Link", url="https://example.org/x")
    return world, extra


@pytest.fixture(scope="module")
def _poisoned_once(module_data):
    return module_data.build(_poisoned_world)


@pytest.fixture
def poisoned(db, _poisoned_once, module_data, settings):
    module_data.use_files(settings)
    return _poisoned_once


def _unsafe(html: str) -> list[str]:
    found = [p for p in ('<script>alert("ts-xss")', '<img src=x onerror', "<svg onload")
             if p in html]  # fmt: skip
    if 'href="javascript:' in html:
        found.append("javascript: link")
    return found


@pytest.mark.parametrize("who", ["admin", "grantee"])
def test_payloads_are_escaped_on_every_page(client, poisoned, who):
    world, extra = poisoned
    client.force_login(world.people[who])
    seen = 0
    for _route, url in dataset_urls(world.datasets["restricted"], extra):
        response = client.get(url)
        if response.status_code != 200 or getattr(response, "streaming", False):
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue  # a CSV download is data, not a page a browser runs
        html = response.content.decode()
        seen += "ts-xss" in html
        assert _unsafe(html) == [], url
    for query in ("?q=ts-xss", f"?q={PAYLOADS['script']}"):
        html = client.get(f"/datasets/{query}").content.decode()
        assert _unsafe(html) == []
    assert seen >= 3  # the payloads were rendered, escaped, on the dataset's pages
