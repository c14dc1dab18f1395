"""Similar questions: normalised title terms, ranked by how many they share."""

import pytest
from knowledge_support import ask

from townsquare.knowledge.selectors.questions import similar_questions
from townsquare.knowledge.similar import title_terms

pytestmark = pytest.mark.django_db


def test_title_terms_drop_common_words_and_plurals():
    assert title_terms("Where can I find the Public Toilets data?") == ["public", "toilet", "data"]
    assert title_terms("Which companies' addresses?") == ["company", "addresse"]
    assert title_terms("") == []


def test_ranked_by_shared_terms_and_hidden_or_unrelated_ones_left_out(world):
    staff = world.people["staff"]
    best = ask(staff, title="Public toilets opening hours data")
    partial = ask(staff, title="Public toilets map")
    ask(staff, title="Council tax bands explained")
    hidden = ask(staff, title="Public toilets opening hours spreadsheet")
    hidden.is_hidden = True
    hidden.save()
    found = similar_questions(world.people["grantee"], "opening hours of public toilets")
    assert found[0] == best
    assert partial in found
    assert hidden not in found
    assert all("Council tax" not in q.title for q in found)


def test_residents_get_nothing(world, django_user_model):
    ask(world.people["staff"], title="Public toilets opening hours")
    resident = django_user_model.objects.create_user(email="r@example.org", name="R", slug="r")
    assert similar_questions(resident, "public toilets opening hours") == []
