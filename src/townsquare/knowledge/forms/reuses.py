"""The form for telling us about a reuse of a dataset."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Size
from django import forms

from townsquare.knowledge.models import Reuse

from .common import helper


class ReuseForm(forms.Form):
    title = forms.CharField(
        max_length=200, error_messages={"required": "Enter the name of what you made"}
    )
    url = forms.URLField(
        label="Web address",
        max_length=1000,
        assume_scheme="https",
        widget=forms.TextInput(attrs={"type": "url", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the web address where people can see it",
            "invalid": "Enter a web address in the correct format, like https://www.example.org/map",
        },
    )
    kind = forms.ChoiceField(
        label="What is it?",
        choices=Reuse.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what it is"},
    )
    description = forms.CharField(
        label="Describe it (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.text("title"),
            Field.text("url"),
            Field.radios("kind", legend_size=Size.SMALL, small=True),
            Field.textarea("description"),
            submit="Send for approval",
        )

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError("Enter a web address starting with https://")
        return url
