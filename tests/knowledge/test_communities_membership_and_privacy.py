"""Communities: staff start, join and leave them; a private community's discussions, events and
members stay inside it (outsiders see the name, the purpose and "Request to join"); moderators
let people in, invite, pin and everyone inside can add events, downloadable as iCalendar."""

from datetime import timedelta

import pytest
from django.utils import timezone
from factories import date_parts, person
from icalendar import Calendar

from townsquare.knowledge.models import Community
from townsquare.knowledge.services import communities as services


@pytest.fixture
def private(world):
    """A private community moderated by the steward, with one discussion and one event."""
    community = services.community_create(
        creator=world.people["steward"], name="Safeguarding data group",
        purpose="Analysts who work on safeguarding returns", visibility_="private",
    )  # fmt: skip
    services.discussion_create(community=community, author=world.people["steward"],
                               title="Secret Section 42 numbers", body="Inside only")  # fmt: skip
    start = timezone.now() + timedelta(days=7)
    services.event_create(community=community, actor=world.people["steward"],
                          title="Closed quarterly meeting", starts=start,
                          ends=start + timedelta(hours=1), location="Room 4")  # fmt: skip
    return community


INSIDE = ("Secret Section 42 numbers", "Closed quarterly meeting", "Stella Steward")


def test_outsiders_see_only_name_purpose_and_a_request_button(client, world, private):
    client.force_login(world.people["staff"])
    html = client.get(private.get_absolute_url()).content.decode()
    assert "Safeguarding data group" in html and "Analysts who work on safeguarding" in html
    assert "Request to join" in html
    for text in INSIDE:
        assert text not in html, text
    discussion = private.discussions.get()
    event = private.events.get()
    for url in (discussion.get_absolute_url(), event.get_absolute_url(),
                f"{event.get_absolute_url()}event.ics",
                f"/communities/{private.slug}/discussions/new/",
                f"/communities/{private.slug}/events/new/"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    listing = client.get("/communities/").content.decode()
    assert "Safeguarding data group" in listing and "1 member" not in listing


def test_private_discussions_are_not_in_who_knows_or_person_pages(client, world, private):
    client.force_login(world.people["staff"])
    html = client.get(world.people["steward"].get_absolute_url()).content.decode()
    assert "Safeguarding data group" not in html
    html = client.get("/people/?q=safeguarding").content.decode()
    assert "Safeguarding data group" not in html


def test_comments_on_a_private_discussion_need_membership(client, world, private):
    discussion = private.discussions.get()
    client.force_login(world.people["staff"])
    url = f"/comments/knowledge.discussion/{discussion.pk}/"
    assert client.post(url, {"body": "Let me in"}).status_code == 404


def test_request_to_join_and_a_moderator_lets_them_in(client, world, private):
    staff, steward = world.people["staff"], world.people["steward"]
    client.force_login(staff)
    client.post(f"/communities/{private.slug}/join/")
    assert "You have asked to join" in client.get(private.get_absolute_url()).content.decode()
    assert "Secret Section 42" not in client.get(private.get_absolute_url()).content.decode()
    client.force_login(steward)
    join_request = private.join_requests.get()
    client.post(f"/communities/{private.slug}/requests/{join_request.pk}/", {"decision": "approve"})
    client.force_login(staff)
    html = client.get(private.get_absolute_url()).content.decode()
    for text in INSIDE:
        assert text in html, text
    client.post(f"/comments/knowledge.discussion/{private.discussions.get().pk}/", {"body": "Hi"})
    assert "Hi" in client.get(private.discussions.get().get_absolute_url()).content.decode()
    client.post(f"/communities/{private.slug}/leave/")
    assert "Secret Section 42" not in client.get(private.get_absolute_url()).content.decode()


def test_only_moderators_decide_and_invite(client, world, private):
    client.force_login(world.people["staff"])
    client.post(f"/communities/{private.slug}/join/")
    join_request = private.join_requests.get()
    client.force_login(world.people["grantee"])
    url = f"/communities/{private.slug}/requests/{join_request.pk}/"
    assert client.post(url, {"decision": "approve"}).status_code == 403
    assert not private.memberships.filter(user=world.people["staff"]).exists()
    invite = client.post(f"/communities/{private.slug}/invite/", {"email": "x@council.example"})
    assert invite.status_code == 403


def test_an_invitation_is_accepted_by_joining(client, world, private):
    client.force_login(world.people["steward"])
    client.post(f"/communities/{private.slug}/invite/", {"email": world.people["grantee"].email})
    client.force_login(world.people["grantee"])
    assert "Accept the invitation" in client.get(private.get_absolute_url()).content.decode()
    client.post(f"/communities/{private.slug}/join/")
    assert private.memberships.filter(user=world.people["grantee"]).exists()


def test_an_open_community_is_joined_directly_and_readable_by_staff(client, world):
    client.force_login(world.people["staff"])
    response = client.post("/communities/new/", {"name": "Open data champions",
                           "purpose": "Publishing more open data", "visibility": "open"})  # fmt: skip
    community = Community.objects.get(slug="open-data-champions")
    assert (
        response["Location"] == community.get_absolute_url() == "/communities/open-data-champions/"
    )
    assert community.moderators.filter(pk=world.people["staff"].pk).exists()
    client.force_login(world.people["grantee"])
    assert "Sam Staff" in client.get(community.get_absolute_url()).content.decode()
    client.post(f"/communities/{community.slug}/join/")
    assert community.memberships.count() == 2


@pytest.mark.parametrize("who", ["anonymous", "resident"])
def test_communities_are_for_staff(client, world, private, who):
    if who == "resident":
        client.force_login(person("Rita Resident"))
    response = client.get("/communities/")
    assert response.status_code in (302, 403)
    assert "Safeguarding" not in response.content.decode()


def test_a_member_adds_an_event_and_downloads_it_as_icalendar(client, world, private):
    client.force_login(world.people["steward"])
    day = timezone.localdate() + timedelta(days=10)
    response = client.post(f"/communities/{private.slug}/events/new/", {
        "title": "Data dictionary clinic", **date_parts("day", day), "start_time": "2:30pm",
        "end_time": "15:30", "location": "", "online_url": "https://meet.example/abc",
        "description": "Bring <script>alert(1)</script> questions"})  # fmt: skip
    event = private.events.get(title="Data dictionary clinic")
    assert response["Location"] == event.get_absolute_url()
    page = client.get(event.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and "Add to your calendar" in page
    ics = client.get(f"{event.get_absolute_url()}event.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    item = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert str(item["SUMMARY"]) == "Data dictionary clinic"
    assert item.decoded("DTSTART") == event.starts and str(item["UID"]).startswith(str(event.uid))
    assert "https://meet.example/abc" in str(item["DESCRIPTION"])


def test_event_form_errors_are_explained(client, world, private):
    client.force_login(world.people["steward"])
    response = client.post(f"/communities/{private.slug}/events/new/", {
        "title": "", **date_parts("day", timezone.localdate()), "start_time": "25:99",
        "end_time": "10:00", "location": "", "online_url": ""})  # fmt: skip
    html = response.content.decode()
    for message in ("Enter the event’s name", "Enter the start time as hours and minutes",
                    "Enter a place, an online meeting link, or both"):  # fmt: skip
        assert message in html, message


def test_moderators_pin_guides_datasets_and_links(client, world, private):
    from townsquare.knowledge.services.guides import guide_create

    guide = guide_create(owner=world.people["steward"], title="Section 42 guide", body="Text")
    client.force_login(world.people["steward"])
    for address in (guide.get_absolute_url(), world.datasets["restricted"].get_absolute_url(),
                    "https://www.gov.uk/guidance"):  # fmt: skip
        assert (
            client.post(f"/communities/{private.slug}/pins/", {"address": address}).status_code
            == 302
        )
    # A member who may not see the restricted dataset sees "a restricted dataset".
    services.community_join(community=private, user=world.people["staff"])
    services.join_request_decide(join_request=private.join_requests.get(),
                                 moderator=world.people["steward"], approve=True)  # fmt: skip
    client.force_login(world.people["staff"])
    html = client.get(private.get_absolute_url()).content.decode()
    assert "Section 42 guide" in html and "https://www.gov.uk/guidance" in html
    assert world.datasets["restricted"].title not in html and "a restricted dataset" in html
