"""Forms of the ingest pages: loading a file again (choosing a sheet), and the data
dictionary (a title, type and description per column)."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

TYPE_CHOICES = [
    ("string", "Text"),
    ("integer", "Whole number"),
    ("number", "Number"),
    ("boolean", "Yes or no"),
    ("date", "Date"),
    ("datetime", "Date and time"),
    ("geojson", "Geometry (GeoJSON)"),
]
TYPE_LABELS = dict(TYPE_CHOICES)


def _helper(*fields, submit: str) -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*fields, Submit("submit", submit))
    helper.attrs = {"novalidate": True}
    return helper


class ReingestForm(forms.Form):
    def __init__(self, *args, sheets: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        fields = []
        if sheets:
            self.fields["sheet"] = forms.ChoiceField(
                label="Which sheet?",
                choices=[("", f"{sheets[0]} (the first)")] + [(s, s) for s in sheets[1:]],
                required=False,
            )
            fields.append(Field.select("sheet"))
        self.helper = _helper(*fields, submit="Load again")


class DataDictionaryForm(forms.Form):
    """One fieldset per column: title, type, description."""

    def __init__(self, *args, fields: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = fields
        fieldsets = []
        for i, f in enumerate(fields):
            self.fields[f"title_{i}"] = forms.CharField(
                label="Title", initial=f.get("title", ""), max_length=200,
                error_messages={"required": f"Enter a title for column {f['name']}"},
            )  # fmt: skip
            self.fields[f"type_{i}"] = forms.ChoiceField(
                label="Type", choices=TYPE_CHOICES, initial=f.get("type", "string")
            )
            self.fields[f"description_{i}"] = forms.CharField(
                label="Description", initial=f.get("description", ""), required=False,
                widget=forms.Textarea(attrs={"rows": 2}), max_length=2000,
            )  # fmt: skip
            fieldsets.append(
                Fieldset(
                    Field.text(f"title_{i}"),
                    Field.select(f"type_{i}"),
                    Field.textarea(f"description_{i}"),
                    legend=f"Column {f['name']}",
                    legend_size=Size.SMALL,
                )
            )
        self.helper = _helper(*fieldsets, submit="Save the data dictionary")

    def field_changes(self) -> list[dict]:
        return [
            {
                "name": f["name"],
                "title": self.cleaned_data[f"title_{i}"].strip(),
                "type": self.cleaned_data[f"type_{i}"],
                "description": self.cleaned_data[f"description_{i}"].strip(),
            }
            for i, f in enumerate(self.columns)
        ]
