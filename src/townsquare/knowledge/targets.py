"""The one door to generic knowledge targets: what comments, votes, reports and moderation act on.

Each kind of content registers who may view it and who may comment on or vote for it. Generic
views fetch objects only through `target_for_user`, which answers 404 (never 403) for anything
the person may not see, so existence is not leaked. Helper B registers guides, community posts
and requests the same way in their own modules (`targets.register(...)` at import of
`knowledge.rules_*`; see `rules.py`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.http import Http404

Rule = Callable[[object, models.Model], bool]


@dataclass(frozen=True)
class TargetKind:
    label: str  # "knowledge.question"
    can_view: Rule
    can_comment: Rule
    can_vote: Rule


_KINDS: dict[str, TargetKind] = {}


def register(
    label: str, *, can_view: Rule, can_comment: Rule | None = None, can_vote: Rule | None = None
) -> None:
    """Make a model usable as a comment/vote/report target. Rules default to "nobody"."""
    _KINDS[label] = TargetKind(label, can_view, can_comment or _nobody, can_vote or _nobody)


def _nobody(user, obj) -> bool:
    return False


def label_of(obj: models.Model) -> str:
    return obj._meta.label_lower


def kind_of(obj: models.Model) -> TargetKind | None:
    return _KINDS.get(label_of(obj))


def allows(user, action: str, obj: models.Model) -> bool:
    """action is "view", "comment" or "vote"."""
    kind = kind_of(obj)
    if kind is None:
        return False
    rule = {"view": kind.can_view, "comment": kind.can_comment, "vote": kind.can_vote}[action]
    return rule(user, obj)


def target_for_user(user, label: str, pk: int, action: str = "view") -> models.Model:
    """The object of a registered kind if the user may do `action` to it; 404 otherwise."""
    kind = _KINDS.get(label.lower())
    if kind is None:
        raise Http404("No such content")
    model = apps.get_model(label)
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None or not kind.can_view(user, obj) or not allows(user, action, obj):
        raise Http404("No such content")
    return obj
