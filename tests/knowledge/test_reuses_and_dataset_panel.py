"""The dataset page's knowledge panel: discussion (public for open data, staff only otherwise),
questions citing the dataset, and reuses shown once a moderator approves them."""

import pytest
from knowledge_support import ask

from townsquare.knowledge.models import Comment, Reuse
from townsquare.knowledge.services.common import comment_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(django_user_model):
    return django_user_model.objects.create_user(
        email="resident@example.org", name="Rita Resident", slug="rita-resident"
    )


def test_the_panel_is_included_once(client, world):
    html = client.get(world.datasets["open"].get_absolute_url()).content.decode()
    assert html.count('id="dataset-knowledge-heading"') == 1


def test_open_dataset_discussion_is_public_and_residents_may_post(client, world, resident):
    dataset = world.datasets["open"]
    comment_add(target=dataset, author=world.people["publisher"], body="Updated every month")
    assert "Updated every month" in client.get(dataset.get_absolute_url()).content.decode()
    client.force_login(resident)
    response = client.post(f"/comments/catalogue.dataset/{dataset.pk}/",
                           {"body": "Could you add ward codes?", "next": dataset.get_absolute_url()})  # fmt: skip
    assert response["Location"] == dataset.get_absolute_url()
    assert "Could you add ward codes?" in client.get(dataset.get_absolute_url()).content.decode()


def test_signed_out_visitors_are_invited_to_sign_in_to_share_a_reuse(client, world):
    dataset = world.datasets["open"]
    html = client.get(dataset.get_absolute_url()).content.decode()
    assert f"/accounts/sign-in/?next={dataset.get_absolute_url()}reuses/new/" in html


def test_anonymous_people_cannot_post(client, world):
    dataset = world.datasets["open"]
    response = client.post(f"/comments/catalogue.dataset/{dataset.pk}/", {"body": "Hello"})
    assert response["Location"].startswith("/accounts/sign-in/")
    assert not Comment.objects.exists()


def test_internal_dataset_discussion_is_for_staff(client, world, resident):
    dataset = world.datasets["internal"]
    comment_add(target=dataset, author=world.people["publisher"], body="Staff only note")
    client.force_login(world.people["staff"])
    assert "Staff only note" in client.get(dataset.get_absolute_url()).content.decode()
    client.force_login(resident)
    assert (
        client.post(f"/comments/catalogue.dataset/{dataset.pk}/", {"body": "x"}).status_code == 404
    )


@pytest.mark.parametrize("who", ["anonymous", "staff", "other_publisher"])
@pytest.mark.parametrize("kind", ["restricted", "draft"])
def test_generic_addresses_hide_datasets_people_may_not_see(client, world, who, kind):
    dataset = world.datasets[kind]
    if world.people[who]:
        client.force_login(world.people[who])
    for url in [f"/comments/catalogue.dataset/{dataset.pk}/", f"/votes/catalogue.dataset/{dataset.pk}/",
                f"/report/catalogue.dataset/{dataset.pk}/"]:  # fmt: skip
        response = client.post(url, {"body": "x", "reason": "spam"})
        assert response.status_code in (302, 404), url
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/sign-in/")
        assert dataset.title not in response.content.decode()
    assert not Comment.objects.exists()


def test_questions_citing_the_dataset_are_listed_for_staff_only(client, world, resident):
    dataset = world.datasets["open"]
    question = ask(world.people["staff"], title="How often is the open ledger refreshed?",
                   datasets=[dataset])  # fmt: skip
    client.force_login(world.people["grantee"])
    html = client.get(dataset.get_absolute_url()).content.decode()
    assert question.title in html
    assert f"/questions/ask/?dataset={dataset.slug}" in html
    client.force_login(resident)
    assert question.title not in client.get(dataset.get_absolute_url()).content.decode()
    client.logout()
    assert question.title not in client.get(dataset.get_absolute_url()).content.decode()


def test_the_ask_link_from_a_dataset_fills_in_the_dataset(client, world):
    dataset = world.datasets["open"]
    client.force_login(world.people["staff"])
    html = client.get(f"/questions/ask/?dataset={dataset.slug}").content.decode()
    assert f"/datasets/{dataset.slug}/" in html


def test_reuses_appear_only_after_approval(client, world, resident):
    dataset = world.datasets["open"]
    client.force_login(resident)
    response = client.post(f"{dataset.get_absolute_url()}reuses/new/", {
        "title": "Ledger explorer", "url": "https://example.org/explorer", "kind": "app",
        "description": "Charts of the ledger"})  # fmt: skip
    assert response.status_code == 302
    reuse = Reuse.objects.get()
    assert reuse.status == "pending"
    assert "Ledger explorer" not in client.get(dataset.get_absolute_url()).content.decode()

    client.force_login(world.people["admin"])
    assert "Ledger explorer" in client.get("/moderation/").content.decode()
    client.post(f"/moderation/reuses/{reuse.pk}/", {"decision": "approve"})
    client.logout()
    html = client.get(dataset.get_absolute_url()).content.decode()
    assert "Ledger explorer" in html
    assert 'href="https://example.org/explorer"' in html


def test_rejected_reuses_stay_off_the_page(client, world):
    dataset = world.datasets["open"]
    client.force_login(world.people["grantee"])
    client.post(f"{dataset.get_absolute_url()}reuses/new/",
                {"title": "Spam site", "url": "https://spam.example", "kind": "other"})  # fmt: skip
    client.force_login(world.people["admin"])
    client.post(f"/moderation/reuses/{Reuse.objects.get().pk}/", {"decision": "reject"})
    assert Reuse.objects.get().status == "rejected"
    client.logout()  # (the admin's page would carry the "rejected" message)
    assert "Spam site" not in client.get(dataset.get_absolute_url()).content.decode()


def test_only_administrators_review_reuses(client, world):
    dataset = world.datasets["open"]
    client.force_login(world.people["grantee"])
    client.post(f"{dataset.get_absolute_url()}reuses/new/",
                {"title": "Mine", "url": "https://example.org", "kind": "other"})  # fmt: skip
    client.force_login(world.people["publisher"])
    reuse = Reuse.objects.get()
    assert (
        client.post(f"/moderation/reuses/{reuse.pk}/", {"decision": "approve"}).status_code == 404
    )
    reuse.refresh_from_db()
    assert reuse.status == "pending"
