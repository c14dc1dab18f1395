"""Asking, answering, accepting, voting and commenting, end to end through the pages."""

import re

import pytest
from knowledge_support import answer, ask

from townsquare.knowledge.models import Comment, Question

pytestmark = pytest.mark.django_db


def _ask_form(**changes):
    data = {"title": "Which team owns the allotments waiting list?", "body": "I need it for a bid.",
            "tags_text": "allotments, Parks ", "datasets_text": ""}  # fmt: skip
    return {**data, **changes}


def test_staff_ask_a_question_with_no_similar_ones_and_it_is_posted(client, world):
    client.force_login(world.people["staff"])
    response = client.post("/questions/ask/", _ask_form())
    question = Question.objects.get()
    assert response.status_code == 302
    assert (
        response["Location"]
        == f"/questions/{question.pk}/which-team-owns-the-allotments-waiting-list/"
    )
    assert sorted(t.slug for t in question.tags.all()) == ["allotments", "parks"]
    page = client.get(response["Location"]).content.decode()
    assert "Which team owns the allotments waiting list?" in page
    assert "I need it for a bid." in page


def test_similar_questions_are_shown_on_a_confirm_step_before_posting(client, world):
    ask(world.people["grantee"], title="Who owns the allotments waiting list data?")
    client.force_login(world.people["staff"])
    response = client.post("/questions/ask/", _ask_form())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Is your question already answered?" in html
    assert "Who owns the allotments waiting list data?" in html
    assert Question.objects.count() == 1
    # Changing the question goes back to the form with what was typed.
    again = client.post("/questions/ask/", {**_ask_form(), "confirmed": "edit"}).content.decode()
    assert "Ask a question" in again and "Which team owns the allotments" in again
    assert Question.objects.count() == 1
    posted = client.post("/questions/ask/", {**_ask_form(), "confirmed": "yes"})
    assert posted.status_code == 302
    assert Question.objects.count() == 2


def test_similar_questions_partial_for_htmx(client, world):
    ask(world.people["grantee"], title="Where is the spend over 500 pounds data?")
    client.force_login(world.people["staff"])
    html = client.get("/questions/similar/", {"title": "spend over 500 data"}).content.decode()
    assert "Where is the spend over 500 pounds data?" in html
    assert "<html" not in html
    assert client.get("/questions/similar/", {"title": "gritting routes"}).content.strip() == b""


def test_the_ask_form_has_the_htmx_similar_lookup_on_its_title(client, world):
    client.force_login(world.people["staff"])
    html = client.get("/questions/ask/").content.decode()
    assert 'hx-get="/questions/similar/"' in html
    assert 'id="similar-questions"' in html


def test_errors_are_summarised_in_plain_english(client, world):
    client.force_login(world.people["staff"])
    html = client.post("/questions/ask/", _ask_form(title="", body="")).content.decode()
    assert "<title>Error: " in html
    assert "Enter your question" in html
    assert "Enter the details of your question" in html


def test_answer_accept_vote_and_comment(client, world):
    asker, expert = world.people["staff"], world.people["publisher"]
    question = ask(asker)
    client.force_login(expert)
    response = client.post(f"/questions/{question.pk}/answer/", {"body": "It is in **Spend**."})
    the_answer = question.answers.get()
    assert response["Location"].endswith(f"#answer-{the_answer.pk}")
    question.refresh_from_db()
    assert question.answer_count == 1

    # Someone else up-votes the question; votes toggle.
    client.post(f"/votes/knowledge.question/{question.pk}/")
    question.refresh_from_db()
    assert question.vote_count == 1
    client.post(f"/votes/knowledge.question/{question.pk}/")
    question.refresh_from_db()
    assert question.vote_count == 0

    # The answerer cannot accept; the asker can.
    assert client.post(f"/questions/answers/{the_answer.pk}/accept/").status_code == 403
    client.force_login(asker)
    client.post(f"/votes/knowledge.answer/{the_answer.pk}/")
    client.post(f"/questions/answers/{the_answer.pk}/accept/")
    question.refresh_from_db()
    the_answer.refresh_from_db()
    assert question.accepted_answer == the_answer
    assert the_answer.vote_count == 1

    client.post(f"/comments/knowledge.answer/{the_answer.pk}/", {"body": "Thanks, that worked"})
    assert Comment.objects.get().target == the_answer
    html = client.get(question.get_absolute_url()).content.decode()
    assert "Accepted answer" in html
    assert "<strong>Spend</strong>" in html
    assert "Thanks, that worked" in html


def test_people_cannot_vote_for_their_own_content(client, world):
    question = ask(world.people["staff"])
    client.force_login(world.people["staff"])
    assert client.post(f"/votes/knowledge.question/{question.pk}/").status_code == 404


def test_an_administrator_may_accept_an_answer_for_the_asker(client, world):
    question = ask(world.people["staff"])
    the_answer = answer(question, world.people["publisher"])
    client.force_login(world.people["admin"])
    client.post(f"/questions/answers/{the_answer.pk}/accept/")
    question.refresh_from_db()
    assert question.accepted_answer_id == the_answer.pk


def test_old_or_wrong_slug_redirects_to_the_readable_address(client, world):
    question = ask(world.people["staff"])
    client.force_login(world.people["staff"])
    response = client.get(f"/questions/{question.pk}/old-title/")
    assert response.status_code == 301
    assert response["Location"] == question.get_absolute_url()


def test_questions_are_for_staff_only(client, world, django_user_model):
    question = ask(world.people["staff"])
    anonymous = client.get("/questions/")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/sign-in/")
    resident = django_user_model.objects.create_user(
        email="resident@example.org", name="Rita Resident", slug="rita-resident"
    )
    client.force_login(resident)
    for url in ["/questions/", "/questions/ask/", question.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert question.title not in response.content.decode()
    assert (
        client.post(f"/comments/knowledge.question/{question.pk}/", {"body": "hi"}).status_code
        == 404
    )
    assert not Comment.objects.exists()


def test_the_question_page_names_each_answer_for_screen_readers(client, world):
    question = ask(world.people["staff"])
    answer(question, world.people["publisher"])
    client.force_login(world.people["staff"])
    html = client.get(question.get_absolute_url()).content.decode()
    assert re.search(
        r"Accept this answer<span class=\"govuk-visually-hidden\"> from Pat Publisher", html
    )


def test_the_question_page_runs_a_fixed_number_of_queries(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from townsquare.knowledge.services.common import comment_add

    question = ask(world.people["staff"])
    first = answer(question, world.people["publisher"])
    comment_add(target=first, author=world.people["grantee"], body="One")
    client.force_login(world.people["steward"])
    client.get(question.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(question.get_absolute_url())
    for n in range(4):
        more = answer(question, world.people["publisher"], body=f"Answer {n}")
        comment_add(target=more, author=world.people["grantee"], body=f"Comment {n}")
        comment_add(target=question, author=world.people["grantee"], body=f"On the question {n}")
    with CaptureQueriesContext(connection) as many:
        client.get(question.get_absolute_url())
    assert len(many) == len(few)
