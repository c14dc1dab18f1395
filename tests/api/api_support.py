"""Helpers for the API tests: tokens for the world's people, and clients that send them."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from townsquare.accounts import services as accounts


def token_for(user, scope: str = "read-write", days: int = 30) -> str:
    _, secret = accounts.token_create(
        user=user,
        name=f"{user.slug} test",
        scope=scope,
        expires=timezone.now() + timedelta(days=days),
    )
    return secret


def client_for(world, who: str, scope: str = "read-write") -> Client:
    """A client that calls as `who` with a token (anonymous: no token)."""
    user = world.people[who]
    if user is None:
        return Client()
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_for(user, scope)}")
