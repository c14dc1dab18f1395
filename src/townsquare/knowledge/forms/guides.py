"""Forms for writing a guide."""

from __future__ import annotations

import re

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fluid
from django import forms

from townsquare.knowledge.selectors.guides import staff_by_reference

from .common import DatasetReferencesField, helper, parse_dataset_references


class GuideForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="Say what it helps with, for example: How the spend over £500 file is made",
        error_messages={"required": "Enter a title for the guide"},
    )
    summary = forms.CharField(
        label="Summary (optional)",
        required=False,
        max_length=300,
        help_text="One sentence shown in lists and search results",
    )
    body = forms.CharField(
        label="Guide",
        max_length=100000,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text="Markdown: headings with ##, lists, tables and code blocks work.",
        error_messages={"required": "Write the guide"},
    )
    tags_text = forms.CharField(
        label="Tags (optional)",
        required=False,
        max_length=300,
        help_text="Up to 5 topics, separated by commas. For example: spend, transparency code",
    )
    datasets_text = DatasetReferencesField(label="Datasets it explains (optional)")
    people_text = forms.CharField(
        label="People to ask (optional)",
        required=False,
        max_length=2000,
        help_text="Email addresses of colleagues who know about this, separated by commas",
    )
    review_by = DateInputField(
        label="Review by",
        help_text="When you will next check the guide is right, for example 31 3 2027",
    )
    note = forms.CharField(label="What did you change? (optional)", required=False, max_length=300)

    def __init__(self, *args, user=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        fields = [
            Field.text("title"),
            Field.text("summary"),
            Field.textarea("body"),
            Field.text("tags_text", field_width=Fluid.TWO_THIRDS),
            Field.textarea("datasets_text"),
            Field.text("people_text"),
            Field("review_by"),
        ]
        if editing:
            fields.append(Field.text("note"))
        else:
            del self.fields["note"]
        self.helper = helper(*fields, submit="Save guide" if editing else "Publish guide")

    def clean_datasets_text(self) -> str:
        text = self.cleaned_data["datasets_text"]
        datasets, unknown = parse_dataset_references(self.user, text)
        if unknown:
            raise forms.ValidationError(
                f"We could not find a dataset called ‘{unknown[0]}’. Check its address and try again"
            )
        self.cleaned_data["datasets"] = datasets
        return text

    def clean_people_text(self) -> str:
        text = self.cleaned_data["people_text"]
        refs = [r for r in re.split(r"[,\n;]", text) if r.strip()]
        people, unknown = staff_by_reference(refs)
        if unknown:
            raise forms.ValidationError(
                f"We could not find anyone on staff with the address ‘{unknown[0]}’"
            )
        self.cleaned_data["people"] = people
        return text


class VerifyForm(forms.Form):
    """No fields: the button says what it does."""
