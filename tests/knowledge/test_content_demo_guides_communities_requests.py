"""The demo council's guides, communities and data requests: enough of each to use every part
end to end, loaded through the services."""

import pytest
from django.utils import timezone

from townsquare.accounts.models import User
from townsquare.catalogue.models import Dataset
from townsquare.demo import council, knowledge_content
from townsquare.knowledge.models import Community, DataRequest, Guide


@pytest.fixture(scope="module")
def demo(demo_council):
    return demo_council


@pytest.mark.django_db
def test_guides_some_overdue_some_verified(demo):
    today = timezone.localdate()
    assert demo["guides"] == Guide.objects.count() >= 5
    assert Guide.objects.filter(review_by__lt=today).count() >= 2
    assert Guide.objects.exclude(verified_at=None).count() >= 2
    assert Guide.objects.filter(kind="data-dictionary").exists()


@pytest.mark.django_db
def test_communities_with_members_and_events_one_private(demo):
    assert Community.objects.filter(visibility="private").count() == 1
    for community in Community.objects.all():
        assert community.memberships.count() >= 3, community
        assert community.events.exists(), community


@pytest.mark.django_db
def test_data_requests_in_every_status(demo):
    statuses = set(DataRequest.objects.values_list("status", flat=True))
    assert statuses == set(DataRequest.Status.values)
    published = DataRequest.objects.get(status="published")
    assert published.published_dataset.slug == "ev-charge-points"
    assert DataRequest.objects.filter(audience="staff").exists()
    assert DataRequest.objects.exclude(datasets=None).exists()


@pytest.mark.django_db
def test_the_demo_resident_can_sign_in_and_ask(demo, client):
    response = client.post("/accounts/sign-in/", {"username": knowledge_content.RESIDENT_EMAIL,
                                                  "password": council.DEMO_PASSWORD})  # fmt: skip
    assert response.status_code == 302
    assert client.get("/requests/new/").status_code == 200
    assert client.get("/guides/").status_code == 403


@pytest.mark.django_db
def test_a_staff_member_without_a_grant_sees_a_restricted_dataset_in_a_guide(demo, client):
    client.force_login(User.objects.get(email=council.STAFF_EMAIL))
    guide = Guide.objects.get(slug__startswith="the-housing-register")
    html = client.get(guide.get_absolute_url()).content.decode()
    restricted = Dataset.objects.get(slug="housing-register-applicants")
    assert restricted.title not in html and "a restricted dataset" in html
    assert client.get("/communities/safeguarding-data-group/").status_code == 200
    assert (
        "Counting repeat Section 42"
        not in client.get("/communities/safeguarding-data-group/").content.decode()
    )
