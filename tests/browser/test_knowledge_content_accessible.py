"""axe-core finds no WCAG 2.2 AA problems on registration, the people directory, guides,
communities, events and data requests, with forms in their error states too."""

from datetime import timedelta

import pytest
from browser_support import assert_no_axe_violations, sign_in
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def visit(page, url, status=200):
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}"
    page.wait_for_load_state("load")


@pytest.fixture
def content(live_world):
    from townsquare.knowledge.services import communities, guides, requests

    steward, staff = live_world.people["steward"], live_world.people["staff"]
    staff.skills = ["zebra ledgers"]
    staff.save()
    guide = guides.guide_create(owner=staff, title="Reading the zebra ledger",
                                body="| A | B |\n| --- | --- |\n| 1 | 2 |",
                                datasets=[live_world.datasets["open"]])  # fmt: skip
    community = communities.community_create(creator=steward, name="Zebra data",
                                             purpose="People who use the zebra ledgers")  # fmt: skip
    start = timezone.now() + timedelta(days=3)
    event = communities.event_create(community=community, actor=steward, title="Zebra meet-up",
                                     starts=start, ends=start + timedelta(hours=1),
                                     location="Room 1")  # fmt: skip
    data_request = requests.request_create(author=staff, title="Zebra ledger by month",
                                           body="Monthly", why="Trends")  # fmt: skip
    return {"guide": guide, "community": community, "event": event, "request": data_request}


def test_registering_with_errors(page, live_server, live_world):
    visit(page, f"{live_server.url}/register/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Create account").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)


def test_public_requests_board_and_request(page, live_server, live_world, content):
    visit(page, f"{live_server.url}/requests/")
    assert_no_axe_violations(page)
    visit(page, live_server.url + content["request"].get_absolute_url())
    assert_no_axe_violations(page)


def test_staff_pages(page, live_server, live_world, content):
    sign_in(page, live_server, live_world.people["steward"])
    for path in ("/people/?q=zebra", "/people/", "/guides/", content["guide"].get_absolute_url(),
                 "/guides/new/", "/guides/new/?kind=how-to", "/guides/review/", "/communities/",
                 content["community"].get_absolute_url(), content["event"].get_absolute_url(),
                 content["request"].get_absolute_url(), "/requests/new/"):  # fmt: skip
        visit(page, live_server.url + path)
        assert_no_axe_violations(page)
