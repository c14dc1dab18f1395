"""Forms for asking for data and for staff moving a request on."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Fluid, Size
from django import forms

from townsquare.core import access
from townsquare.knowledge.models import DataRequest

from .common import (
    DatasetReferencesField,
    helper,
    parse_dataset_references,
)


class DataRequestForm(forms.Form):
    title = forms.CharField(
        label="What data do you want?",
        min_length=10,
        max_length=200,
        help_text="A short name for it, for example: Potholes reported each month, by ward",
        error_messages={
            "required": "Enter the data you want",
            "min_length": "Describe the data in 10 characters or more",
            "max_length": "The name must be 200 characters or fewer",
        },
    )
    body = forms.CharField(
        label="Describe the data",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What it should contain, how often and for which years or places. You can use Markdown.",
        error_messages={"required": "Describe the data you want"},
    )
    why = forms.CharField(
        label="Why do you want it?",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you would use it for",
        error_messages={"required": "Tell us why you want the data"},
    )
    who_it_helps = forms.CharField(
        label="Who would it help? (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: residents, local businesses, researchers, other councils",
    )
    audience = forms.ChoiceField(
        label="Who can see this request?",
        choices=DataRequest.Audience.choices,
        initial=DataRequest.Audience.PUBLIC,
        widget=forms.RadioSelect,
        help_text="Ask staff-only for data that would be internal to the council",
        error_messages={"required": "Select who can see this request"},
    )
    datasets_text = DatasetReferencesField(
        label="Datasets it builds on (optional)",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        fields = [
            Field.text("title"),
            Field.textarea("body"),
            Field.textarea("why"),
            Field.textarea("who_it_helps"),
        ]
        if access.is_staff(user):
            fields.append(Field.radios("audience", legend_size=Size.SMALL))
        else:
            del self.fields["audience"]  # residents' requests are public
        fields.append(Field.textarea("datasets_text"))
        self.helper = helper(*fields, submit="Send request")

    def clean_datasets_text(self) -> str:
        text = self.cleaned_data["datasets_text"]
        datasets, unknown = parse_dataset_references(self.user, text)
        if unknown:
            raise forms.ValidationError(
                f"We could not find a dataset called ‘{unknown[0]}’. Check its address and try again"
            )
        self.cleaned_data["datasets"] = datasets
        return text

    def audience_value(self) -> str:
        return self.cleaned_data.get("audience") or DataRequest.Audience.PUBLIC


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=DataRequest.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the new status"},
    )
    refusal_reason = forms.ChoiceField(
        label="If refused, why?",
        choices=[("", "Not refused"), *DataRequest.RefusalReason.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    dataset_text = forms.CharField(
        label="If published, which dataset?",
        required=False,
        max_length=300,
        help_text="The dataset’s web address or its short name, for example /datasets/potholes/",
    )
    note = forms.CharField(
        label="Message to the person who asked",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown on the request and sent with the email. Explain any refusal.",
    )

    def __init__(self, *args, user=None, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.helper = helper(
            Field.radios("status", legend_size=Size.SMALL),
            Field.radios("refusal_reason", legend_size=Size.SMALL),
            Field.text("dataset_text", field_width=Fluid.TWO_THIRDS),
            Field.textarea("note"),
            submit="Save and tell the requester",
            form_action=action,
        )

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status == DataRequest.Status.REFUSED:
            if not data.get("refusal_reason"):
                self.add_error("refusal_reason", "Select why the request is refused")
            if not data.get("note", "").strip():
                self.add_error("note", "Explain the refusal to the person who asked")
        data["dataset"] = None
        if status == DataRequest.Status.PUBLISHED:
            found, _unknown = parse_dataset_references(self.user, data.get("dataset_text", ""))
            if not found:
                self.add_error("dataset_text", "Enter the address of the published dataset")
            elif not found[0].is_published:
                self.add_error("dataset_text", "That dataset is not published yet")
            else:
                data["dataset"] = found[0]
        return data


class AssignForm(forms.Form):
    unit = forms.ModelChoiceField(
        label="Publishing unit handling this request",
        queryset=None,
        required=False,
        empty_label="Not assigned",
    )

    def __init__(self, *args, units=None, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.helper = helper(Field.select("unit"), submit="Assign", form_action=action)
