"""Edit history: every edit of a question or answer is kept, with a diff from the one before."""

import pytest
from knowledge_support import answer, ask

from townsquare.knowledge.diffs import revision_diff

pytestmark = pytest.mark.django_db


def test_revision_diff_marks_added_and_removed_lines_and_escapes_them():
    html = revision_diff("one\ntwo\nthree", "one\n2 <b>\nthree")
    assert '<del><span class="govuk-visually-hidden">Removed: </span>two</del>' in html
    assert '<ins><span class="govuk-visually-hidden">Added: </span>2 &lt;b&gt;</ins>' in html
    assert revision_diff("same", "same") == ""


def test_editing_a_question_keeps_each_version(client, world):
    question = ask(
        world.people["staff"], title="Where is the gritting routes data?", body="Line one"
    )
    client.force_login(world.people["staff"])
    response = client.post(f"/questions/{question.pk}/edit/", {
        "title": "Where is the winter gritting routes data?", "body": "Line one\nLine two",
        "tags_text": "roads", "datasets_text": "", "note": "Added detail"})  # fmt: skip
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.slug == "where-is-the-winter-gritting-routes-data"
    html = client.get(f"/questions/{question.pk}/history/").content.decode()
    assert "Version 2" in html and "Version 1 (as first posted)" in html
    assert "Added detail" in html
    assert '<ins><span class="govuk-visually-hidden">Added: </span>Line two</ins>' in html
    assert "winter" in html


def test_answers_have_history_and_only_authors_or_moderators_edit(client, world):
    question = ask(world.people["staff"])
    the_answer = answer(question, world.people["publisher"], body="First")
    client.force_login(world.people["grantee"])
    assert (
        client.post(f"/questions/answers/{the_answer.pk}/edit/", {"body": "Hacked"}).status_code
        == 403
    )
    assert (
        client.post(
            f"/questions/{question.pk}/edit/", {"title": "Hacked title here", "body": "x"}
        ).status_code
        == 403
    )
    client.force_login(world.people["publisher"])
    client.post(f"/questions/answers/{the_answer.pk}/edit/", {"body": "Second", "note": "typo"})
    html = client.get(f"/questions/answers/{the_answer.pk}/history/").content.decode()
    assert "Second" in html and "First" in html and "typo" in html


def test_a_moderator_marks_a_duplicate_and_the_page_links_the_original(client, world):
    original = ask(world.people["grantee"], title="Who publishes the public toilets data?")
    repeat = ask(world.people["staff"], title="Where are the public toilets listed?")
    client.force_login(world.people["staff"])
    assert client.get(f"/questions/{repeat.pk}/duplicate/").status_code == 403
    client.force_login(world.people["admin"])
    client.post(f"/questions/{repeat.pk}/duplicate/", {"original": original.get_absolute_url()})
    repeat.refresh_from_db()
    assert repeat.duplicate_of == original
    client.force_login(world.people["staff"])
    html = client.get(repeat.get_absolute_url()).content.decode()
    assert "This question has been asked before" in html
    assert f'href="{original.get_absolute_url()}"' in html


def test_a_question_cannot_duplicate_itself(client, world):
    question = ask(world.people["staff"])
    client.force_login(world.people["admin"])
    html = client.post(
        f"/questions/{question.pk}/duplicate/", {"original": str(question.pk)}
    ).content.decode()
    assert "Enter the address of another question" in html
