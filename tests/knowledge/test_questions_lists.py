"""Question lists: all, unanswered, no accepted answer, by tag, directorate and community;
sorted by newest or votes; a fixed number of queries however many questions there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from knowledge_support import answer, ask

from townsquare.knowledge.models import Community, CommunityMembership
from townsquare.knowledge.services.common import vote_toggle
from townsquare.knowledge.services.questions import answer_accept

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions(world):
    staff, publisher = world.people["staff"], world.people["publisher"]
    unanswered = ask(staff, title="Unanswered question about bins", tags="waste")
    answered = ask(publisher, title="Answered question about spend", tags="spend")
    answer(answered, staff)
    accepted = ask(publisher, title="Accepted question about spend", tags="spend, finance")
    answer_accept(answer=answer(accepted, staff), actor=publisher)
    vote_toggle(target=answered, user=world.people["grantee"])
    return {"unanswered": unanswered, "answered": answered, "accepted": accepted}


def _titles(client, url):
    html = client.get(url).content.decode()
    return [
        t for t in ("Unanswered question", "Answered question", "Accepted question") if t in html
    ]


def test_views(client, world, questions):
    client.force_login(world.people["steward"])
    assert _titles(client, "/questions/") == [
        "Unanswered question",
        "Answered question",
        "Accepted question",
    ]
    assert _titles(client, "/questions/?view=unanswered") == ["Unanswered question"]
    assert _titles(client, "/questions/?view=unaccepted") == [
        "Unanswered question",
        "Answered question",
    ]
    assert _titles(client, "/questions/tagged/spend/") == ["Answered question", "Accepted question"]
    assert client.get("/questions/tagged/no-such-tag/").status_code == 404


def test_sorting_by_votes(client, world, questions):
    client.force_login(world.people["steward"])
    html = client.get("/questions/?sort=votes").content.decode()
    # One vote first; then the rest newest first.
    positions = [
        html.index(t) for t in ("Answered question", "Accepted question", "Unanswered question")
    ]
    assert positions == sorted(positions)


def test_by_directorate_of_the_asker(client, world, questions):
    client.force_login(world.people["steward"])
    # Sam Staff works in Lettings (Housing); Pat Publisher in Payments (Finance).
    assert _titles(client, "/questions/directorate/housing/") == ["Unanswered question"]
    assert _titles(client, "/questions/directorate/finance/") == [
        "Answered question",
        "Accepted question",
    ]
    assert (
        client.get("/questions/directorate/payments/").status_code == 404
    )  # a team, not a directorate


def test_private_community_questions_stay_inside(client, world):
    private = Community.objects.create(name="Safeguarding leads", slug="safeguarding-leads",
                                       purpose="Leads", visibility="private")  # fmt: skip
    CommunityMembership.objects.create(community=private, user=world.people["staff"])
    from townsquare.knowledge.services.questions import question_create

    question = question_create(author=world.people["staff"], title="Private safeguarding question",
                               body="x", community=private)  # fmt: skip
    client.force_login(world.people["grantee"])
    assert "Private safeguarding question" not in client.get("/questions/").content.decode()
    assert client.get(question.get_absolute_url()).status_code == 404
    assert client.get("/questions/community/safeguarding-leads/").status_code == 404
    client.force_login(world.people["staff"])
    assert (
        "Private safeguarding question"
        in client.get("/questions/community/safeguarding-leads/").content.decode()
    )
    assert client.get(question.get_absolute_url()).status_code == 200


def test_the_list_runs_a_fixed_number_of_queries(client, world):
    client.force_login(world.people["steward"])
    ask(world.people["staff"], tags="a, b")
    client.get("/questions/")
    with CaptureQueriesContext(connection) as few:
        client.get("/questions/")
    for n in range(8):
        ask(world.people["staff"], title=f"Another question number {n}", tags="a, b, c")
    with CaptureQueriesContext(connection) as many:
        client.get("/questions/")
    assert len(many) == len(few)
