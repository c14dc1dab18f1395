"""The one hook the search index will plug into. Every knowledge service that creates, updates,
hides or restores content calls `content_changed(obj)` after its write. It does nothing yet: the
search app (a later issue) will replace the body, so no service needs to change then."""

from __future__ import annotations

from django.db import models


def content_changed(obj: models.Model) -> None:
    """Called after `obj` was created, edited, hidden, restored or deleted."""
    return None
