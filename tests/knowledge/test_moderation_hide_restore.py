"""Reporting content, the moderators' queue, hiding and restoring with a reason (audited)."""

import pytest
from knowledge_support import answer, ask

from townsquare.core.models import AuditEvent
from townsquare.knowledge.models import Report
from townsquare.knowledge.services.common import comment_add

pytestmark = pytest.mark.django_db


def test_report_then_hide_from_the_queue_then_restore(client, world):
    question = ask(world.people["staff"], body="Call me a rude word")
    client.force_login(world.people["grantee"])
    response = client.post(
        f"/report/knowledge.question/{question.pk}/", {"reason": "abuse", "details": "Rude"}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == "open"

    client.force_login(world.people["admin"])
    queue = client.get("/moderation/").content.decode()
    assert "Rude, abusive or discriminatory" in queue
    assert question.title in queue

    client.post(
        f"/moderation/hide/knowledge.question/{question.pk}/", {"reason": "Abusive language"}
    )
    question.refresh_from_db()
    report.refresh_from_db()
    assert question.is_hidden and question.hidden_reason == "Abusive language"
    assert report.status == "hidden"
    event = AuditEvent.objects.filter(object_type="knowledge.question").get()
    assert event.details == {"moderation": "hidden", "reason": "Abusive language"}

    # Others see the notice, not the content; moderators see both.
    client.force_login(world.people["grantee"])
    page = client.get(question.get_absolute_url()).content.decode()
    assert "This content was hidden by a moderator: Abusive language" in page
    assert "Call me a rude word" not in page
    assert question.title not in client.get("/questions/").content.decode()
    client.force_login(world.people["admin"])
    assert "Call me a rude word" in client.get(question.get_absolute_url()).content.decode()

    client.post(
        f"/moderation/restore/knowledge.question/{question.pk}/", {"reason": "Appeal upheld"}
    )
    question.refresh_from_db()
    assert not question.is_hidden and question.hidden_reason == ""
    assert AuditEvent.objects.filter(details__moderation="restored").count() == 1


def test_hidden_answers_and_comments_show_the_notice(client, world):
    question = ask(world.people["staff"])
    the_answer = answer(question, world.people["publisher"], body="Secret spam link")
    comment = comment_add(target=question, author=world.people["grantee"], body="Buy cheap pens")
    client.force_login(world.people["admin"])
    client.post(f"/moderation/hide/knowledge.answer/{the_answer.pk}/", {"reason": "Spam"})
    client.post(f"/moderation/hide/knowledge.comment/{comment.pk}/", {"reason": "Advertising"})
    client.force_login(world.people["staff"])
    page = client.get(question.get_absolute_url()).content.decode()
    assert "This content was hidden by a moderator: Spam" in page
    assert "This content was hidden by a moderator: Advertising" in page
    assert "Secret spam link" not in page and "Buy cheap pens" not in page


def test_moderation_needs_a_reason(client, world):
    question = ask(world.people["staff"])
    client.force_login(world.people["admin"])
    html = client.post(
        f"/moderation/hide/knowledge.question/{question.pk}/", {"reason": ""}
    ).content.decode()
    assert "Enter the reason" in html
    question.refresh_from_db()
    assert not question.is_hidden


@pytest.mark.parametrize("who", ["staff", "publisher", "steward"])
def test_only_moderators_reach_the_queue_and_hide(client, world, who):
    question = ask(world.people["grantee"])
    client.force_login(world.people[who])
    assert client.get("/moderation/").status_code == 403
    assert (
        client.post(
            f"/moderation/hide/knowledge.question/{question.pk}/", {"reason": "x"}
        ).status_code
        == 403
    )
    question.refresh_from_db()
    assert not question.is_hidden


def test_anonymous_people_are_sent_to_sign_in(client, world):
    assert client.get("/moderation/")["Location"].startswith("/accounts/sign-in/")


def test_reports_can_be_dismissed(client, world):
    question = ask(world.people["staff"])
    client.force_login(world.people["grantee"])
    client.post(f"/report/knowledge.question/{question.pk}/", {"reason": "wrong"})
    client.force_login(world.people["admin"])
    client.post(f"/moderation/reports/{Report.objects.get().pk}/dismiss/")
    assert Report.objects.get().status == "dismissed"
    assert "There are no reports waiting" in client.get("/moderation/").content.decode()


def test_a_report_must_say_why(client, world):
    question = ask(world.people["staff"])
    client.force_login(world.people["grantee"])
    html = client.post(
        f"/report/knowledge.question/{question.pk}/", {"reason": ""}
    ).content.decode()
    assert "Select why you are reporting this" in html
    assert not Report.objects.exists()


def test_the_code_of_conduct_is_public(client):
    response = client.get("/code-of-conduct/")
    assert response.status_code == 200
    assert "Code of conduct" in response.content.decode()
