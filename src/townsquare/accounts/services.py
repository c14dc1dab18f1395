"""Writes about people."""

from __future__ import annotations

from django.db import transaction

from townsquare.search import api as search_index

from .models import User

PROFILE_FIELDS = ("job_title", "bio", "phone", "skills")


@transaction.atomic
def profile_update(*, user: User, job_title: str, bio: str, phone: str, skills: list[str]) -> User:
    """A person's own description of themselves: what they do and what to ask them about."""
    user.job_title = job_title.strip()
    user.bio = bio.strip()
    user.phone = phone.strip()
    seen: dict[str, str] = {}
    for skill in skills:
        cleaned = " ".join(skill.split())[:60]
        if cleaned:
            seen.setdefault(cleaned.lower(), cleaned)
    user.skills = list(seen.values())[:30]
    user.full_clean()
    user.save(update_fields=list(PROFILE_FIELDS))
    search_index.index_object(user)
    return user
