"""Forms shared by every kind of content: comments, reports and moderators' reasons."""

from __future__ import annotations

import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from townsquare.core import access
from townsquare.knowledge.models import Report

_DATASET_ADDRESS = re.compile(r"/datasets/([A-Za-z0-9_-]+)")


def helper(*fields, submit: str, form_action: str = "") -> FormHelper:
    h = FormHelper()
    h.layout = Layout(*fields, Submit("submit", submit))
    h.attrs = {"novalidate": True}
    if form_action:
        h.form_action = form_action
    return h


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Add a comment",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="You can use Markdown. Be kind: follow the code of conduct.",
        error_messages={
            "required": "Enter your comment",
            "max_length": "Your comment must be 3,000 characters or fewer",
        },
    )

    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.textarea("body"), Field("next"), submit="Add comment", form_action=action
        )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why are you reporting this?",
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why you are reporting this"},
    )
    details = forms.CharField(
        label="Tell the moderators more (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.radios("reason", legend_size=Size.MEDIUM),
            Field.textarea("details"),
            submit="Send report",
        )


class ModerationForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=500,
        help_text="People will see this where the content was",
        error_messages={"required": "Enter the reason"},
    )

    def __init__(self, *args, submit: str = "Hide", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field.text("reason"), submit=submit)


def parse_dataset_references(user, text: str):
    """Datasets named by address or short name, each one the person may view.
    Returns (datasets, unknown names). A dataset they may not view counts as unknown, with the
    same message as one that does not exist, so nothing is given away."""
    wanted: list[str] = []
    for raw in re.split(r"[,\n]", text or ""):
        item = raw.strip()
        if not item:
            continue
        found = _DATASET_ADDRESS.search(item)
        wanted.append(found.group(1).lower() if found else item.lower())
    if not wanted:
        return [], []
    visible = {d.slug: d for d in access.datasets_visible_to(user).filter(slug__in=wanted)}
    datasets = list({slug: visible[slug] for slug in wanted if slug in visible}.values())
    return datasets, [slug for slug in wanted if slug not in visible]


class DatasetReferencesField(forms.CharField):
    """Dataset addresses or short names, separated by commas or new lines."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Datasets this is about (optional)")
        kwargs.setdefault(
            "help_text",
            "Paste each dataset’s web address, or its short name from the address, "
            "separated by commas. For example, /datasets/spending-over-500/",
        )
        kwargs.setdefault("max_length", 2000)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 2, "spellcheck": "false"}))
        super().__init__(**kwargs)


def clean_dataset_references(form: forms.Form, field: str, user) -> list:
    datasets, unknown = parse_dataset_references(user, form.cleaned_data.get(field, ""))
    if unknown:
        form.add_error(
            field,
            f"We could not find a dataset called ‘{unknown[0]}’. Check its address and try again",
        )
    return datasets
