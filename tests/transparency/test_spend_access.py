"""Who sees the spend pages: the spend series' dataset decides. A restricted spend dataset is
as invisible as a missing one (404 on every page and download) to anyone without a grant, and
reads of spend that is not open to everyone are audited and never cached."""

import pytest
from django.urls import reverse
from spend_analysis_support import PAYMENTS, spend_series

from townsquare.core.models import AuditEvent
from townsquare.transparency import spend

SECRET = "QX7SPENDSECRET Holdings"
PAYMENTS_WITH_SECRET = [*PAYMENTS, ("Housing", "Housing services", SECRET, "06/04/2025", "T99",
                                    "777.77", "Secret work", "Secret")]  # fmt: skip


def _urls() -> list[str]:
    key = spend.supplier_key(SECRET)
    return [
        reverse("transparency:spend"),
        reverse("transparency:spend-suppliers"),
        reverse("transparency:spend-supplier", args=[key]),
        reverse("transparency:spend-supplier-download", args=[key]),
        *(reverse(f"transparency:spend-download-{what}") for what in
          ("quarters", "top-suppliers", "suppliers", "directorates", "categories",
           "expense-types")),
    ]  # fmt: skip


@pytest.fixture
def restricted(world):
    return spend_series(world.datasets["restricted"], world.payments, PAYMENTS_WITH_SECRET)


@pytest.mark.parametrize("who", ["anonymous", "staff", "other_publisher"])
def test_a_restricted_spend_dataset_is_not_found_without_a_grant(client, world, restricted, who):
    if world.people[who] is not None:
        client.force_login(world.people[who])
    for url in _urls():
        response = client.get(url, {"q": "QX7"})
        assert response.status_code == 404, (who, url)
        assert "QX7SPENDSECRET" not in response.content.decode()


@pytest.mark.parametrize("who", ["grantee", "team_grantee", "publisher", "steward", "admin"])
def test_those_who_may_see_it_get_the_pages_audited_and_uncached(client, world, restricted, who):
    client.force_login(world.people[who])
    before = AuditEvent.objects.count()
    for url in _urls():
        response = client.get(url)
        assert response.status_code == 200, (who, url)
        assert response["Cache-Control"] == "private, no-store"
    overview = client.get(reverse("transparency:spend")).content.decode()
    assert "QX7SPENDSECRET" in overview
    assert AuditEvent.objects.count() > before
    audited = AuditEvent.objects.values_list("action", flat=True)
    assert {"view", "download"} <= set(audited)


def test_an_internal_spend_dataset_is_for_staff_only(client, world):
    spend_series(world.datasets["internal"], world.payments)
    assert client.get(reverse("transparency:spend")).status_code == 404
    client.force_login(world.people["staff"])
    assert client.get(reverse("transparency:spend")).status_code == 200


def test_a_draft_spend_dataset_is_not_public(client, world):
    spend_series(world.datasets["draft"], world.payments)
    assert client.get(reverse("transparency:spend")).status_code == 404
    client.force_login(world.people["staff"])
    assert client.get(reverse("transparency:spend-suppliers")).status_code == 404


def test_open_spend_is_public_and_cacheable(client, world):
    spend_series(world.datasets["open"], world.payments)
    before = AuditEvent.objects.count()
    response = client.get(reverse("transparency:spend"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert AuditEvent.objects.count() == before
