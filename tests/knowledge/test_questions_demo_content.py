"""The demo council's questions: answered, unanswered and accepted, tagged, citing datasets,
answered by the people whose work fits; reuses approved and pending."""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings

from townsquare.accounts.models import User
from townsquare.demo import council
from townsquare.demo.loader import load_demo
from townsquare.knowledge.models import Question, Reuse


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    storages = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tmp_path_factory.mktemp("demo-files")}}}  # fmt: skip
    # Rolled back afterwards, so nothing the demo made leaks into other modules' tests.
    with django_db_blocker.unblock(), override_settings(STORAGES=storages), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_questions_in_every_state(demo):
    assert demo["questions"] == Question.objects.count() >= 12
    assert Question.objects.filter(answer_count=0).exists()
    assert Question.objects.filter(accepted_answer__isnull=False).count() >= 6
    assert Question.objects.filter(answer_count__gt=0, accepted_answer__isnull=True).exists()
    assert Question.objects.filter(duplicate_of__isnull=False).exists()
    tags = set(Question.objects.values_list("tags__slug", flat=True))
    assert {"spend", "planning", "toilets", "safeguarding"} <= tags


@pytest.mark.django_db
def test_spend_questions_are_answered_by_finance(demo):
    accepted_spend = Question.objects.filter(tags__slug="spend", accepted_answer__isnull=False)
    authors = {q.accepted_answer.author.email for q in accepted_spend}
    assert council.PUBLISHER_EMAIL in authors  # the Finance Systems Officer


@pytest.mark.django_db
def test_reuses_approved_and_pending(demo):
    assert Reuse.objects.filter(status="approved").count() >= 3
    assert Reuse.objects.filter(status="pending").count() == 1


@pytest.mark.django_db
def test_the_staff_sign_in_sees_the_restricted_citation_masked(demo, client):
    client.force_login(User.objects.get(email=council.STAFF_EMAIL))
    question = Question.objects.get(title__startswith="How can I report safeguarding referral")
    html = client.get(question.get_absolute_url()).content.decode()
    assert "a restricted dataset" in html
    assert "safeguarding-adults-referrals" not in html
    assert "Safeguarding adults referrals" not in html


@pytest.mark.django_db
def test_the_moderators_queue_has_a_report(demo, client):
    client.force_login(User.objects.get(email=council.ADMIN_EMAIL))
    html = client.get("/moderation/").content.decode()
    assert "Wrong or misleading" in html
    assert "Clean air near Eastmere schools" in html


@pytest.mark.django_db
def test_demo_pages_work_for_the_demo_sign_ins(demo, client):
    client.force_login(User.objects.get(email=council.STAFF_EMAIL))
    for url in ["/questions/", "/questions/tagged/spend/", "/questions/?view=unanswered",
                "/questions/directorate/resources/", "/questions/ask/"]:  # fmt: skip
        assert client.get(url).status_code == 200, url
    spend = Question.objects.get(title__startswith="Where do I find spend over £500")
    assert "Version 2" in client.get(f"/questions/{spend.pk}/history/").content.decode()
    client.logout()
    html = client.get("/datasets/spending-over-500/").content.decode()
    assert "Eastmere Spend Explorer" in html
    assert "Could the next release add the procurement category code?" in html
    assert spend.title not in html  # questions are for staff
