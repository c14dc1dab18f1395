"""People make, list and revoke their own API tokens; the secret is shown once and never
stored."""

import hashlib
import re

import pytest

from townsquare.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def _create(client, **changes):
    data = {"name": "Budget scraper", "scope": "read", "expires_in": "90", **changes}
    return client.post("/people/me/tokens/", data)


def test_a_new_token_is_shown_once_and_stored_as_a_digest(client, world):
    client.force_login(world.people["staff"])
    response = _create(client)
    html = response.content.decode()
    secret = re.search(r'id="new-token">(ts_[\w-]+)<', html).group(1)
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get()
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(token.prefix) and len(secret) > 40
    assert token.user == world.people["staff"] and token.scope == "read"
    listing = client.get("/people/me/tokens/").content.decode()
    assert "Budget scraper" in listing and secret not in listing


def test_a_token_needs_a_name(client, world):
    client.force_login(world.people["staff"])
    response = _create(client, name="")
    assert "Enter a name for the token" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_people_revoke_their_own_tokens_only(client, world):
    client.force_login(world.people["staff"])
    _create(client)
    token = ApiToken.objects.get()
    client.force_login(world.people["grantee"])
    assert client.post(f"/people/me/tokens/{token.pk}/revoke/").status_code == 404
    assert "Budget scraper" not in client.get("/people/me/tokens/").content.decode()
    client.force_login(world.people["staff"])
    response = client.post(f"/people/me/tokens/{token.pk}/revoke/", follow=True)
    assert "revoked" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked is not None and not token.is_active


def test_the_tokens_page_needs_a_sign_in(client, db):
    response = client.get("/people/me/tokens/")
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
