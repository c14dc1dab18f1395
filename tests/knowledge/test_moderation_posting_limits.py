"""New accounts may post only so often; older accounts and administrators are not limited."""

import pytest
from knowledge_support import age, ask

from townsquare.knowledge.limits import check_can_post
from townsquare.knowledge.models import Answer

pytestmark = pytest.mark.django_db


def test_a_new_account_is_limited_per_hour(client, world, settings):
    settings.NEW_ACCOUNT_POSTS_PER_HOUR = 2
    newcomer = world.people["staff"]
    age(newcomer, hours=1)
    question = ask(newcomer)
    assert check_can_post(newcomer) is None
    client.force_login(newcomer)
    client.post(f"/questions/{question.pk}/answer/", {"body": "An answer"})
    assert Answer.objects.count() == 1
    assert "2 times an hour" in check_can_post(newcomer)
    html = client.post(f"/questions/{question.pk}/answer/", {"body": "Another"}).content.decode()
    assert "New accounts can post 2 times an hour" in html
    assert Answer.objects.count() == 1


def test_older_accounts_and_administrators_are_not_limited(world, settings):
    settings.NEW_ACCOUNT_POSTS_PER_HOUR = 1
    veteran, admin = world.people["publisher"], world.people["admin"]
    age(veteran, hours=25)
    age(admin, hours=1)
    for who in (veteran, admin):
        ask(who)
        ask(who, title="Another question about planning")
        assert check_can_post(who) is None


def test_the_age_threshold_is_configurable(world, settings):
    settings.NEW_ACCOUNT_POSTS_PER_HOUR = 1
    settings.NEW_ACCOUNT_HOURS = 72
    person = world.people["steward"]
    age(person, hours=48)
    ask(person)
    assert check_can_post(person) is not None
