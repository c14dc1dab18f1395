"""Asking a question in a real browser: similar questions appear while typing (htmx), the
confirm step lists them, and every page on the way passes axe-core (WCAG 2.2 AA). Without
JavaScript the confirm step does the same job."""

import pytest
from browser_support import assert_no_axe_violations, sign_in
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


@pytest.fixture
def earlier_question(live_world):
    from townsquare.knowledge.services.questions import answer_create, question_create

    question = question_create(author=live_world.people["grantee"],
                               title="Where is the public toilets opening hours data?",
                               body="For the library desk.")  # fmt: skip
    answer_create(question=question, author=live_world.people["publisher"], body="In **Toilets**.")
    return question


def test_similar_questions_while_typing_then_confirm_and_post(page, live_server, live_world,
                                                              earlier_question):  # fmt: skip
    sign_in(page, live_server, live_world.people["staff"])
    page.goto(f"{live_server.url}/questions/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Ask a question").click()
    page.get_by_label("Your question").press_sequentially("public toilets opening hours winter")
    similar = page.locator("#similar-questions")
    expect(similar).to_contain_text("These questions look similar")
    expect(similar.get_by_role("link", name=earlier_question.title)).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Details").fill("Do the toilets close earlier in winter?")
    page.get_by_label("Tags (optional)").fill("toilets")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Is your question already answered?")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="No, post my question").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("public toilets opening hours winter")
    assert_no_axe_violations(page)


def test_the_question_page_with_answers_is_accessible(page, live_server, live_world,
                                                      earlier_question):  # fmt: skip
    sign_in(page, live_server, live_world.people["staff"])
    page.goto(f"{live_server.url}{earlier_question.get_absolute_url()}")
    expect(page.get_by_role("heading", name="1 answer")).to_be_visible()
    assert_no_axe_violations(page)


def test_without_javascript_the_confirm_step_shows_similar_questions(no_js_page, live_server,
                                                                      live_world, earlier_question):  # fmt: skip
    page = no_js_page
    sign_in(page, live_server, live_world.people["staff"])
    page.goto(f"{live_server.url}/questions/ask/")
    page.get_by_label("Your question").fill("Public toilets opening hours at Christmas?")
    page.get_by_label("Details").fill("Are they open on bank holidays?")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("link", name=earlier_question.title)).to_be_visible()
    page.get_by_role("button", name="Change my question").click()
    expect(page.get_by_label("Your question")).to_have_value(
        "Public toilets opening hours at Christmas?"
    )
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="No, post my question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Public toilets opening hours at Christmas?"
    )
