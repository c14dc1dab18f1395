"""Publisher forms in GOV.UK style: one plain-English message per problem."""

from __future__ import annotations

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Fluid, Layout, Size, Submit
from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse

from townsquare.core.uploads import UploadRejected, check_upload, max_upload_bytes

from .models import AccessLevel, Classification, Dataset, Licence, Theme, UpdateFrequency


def _helper(*fields, submit: str) -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*fields, Submit("submit", submit))
    helper.attrs = {"novalidate": True}  # GOV.UK: the server checks, and says so in the summary
    return helper


class DatasetForm(forms.ModelForm):
    keywords_text = forms.CharField(
        label="Keywords",
        required=False,
        help_text="Separate keywords with commas, for example: spending, finance, suppliers",
    )
    temporal_start = DateInputField(
        label="Data covers from", required=False, help_text="For example, 1 4 2025"
    )
    temporal_end = DateInputField(
        label="Data covers to", required=False, help_text="For example, 31 3 2026"
    )

    class Meta:
        model = Dataset
        fields = [
            "title", "summary", "description", "publisher", "steward", "contact_name",
            "contact_email", "access_level", "licence", "security_classification",
            "contains_personal_data", "contains_special_category_data", "themes",
            "update_frequency", "temporal_start", "temporal_end", "spatial_coverage",
        ]  # fmt: skip
        labels = {
            "summary": "Summary",
            "description": "Description",
            "contact_name": "Contact name",
            "contact_email": "Contact email address",
            "access_level": "Who can see this dataset?",
            "security_classification": "Security classification",
            "contains_personal_data": "It contains personal data",
            "contains_special_category_data": "It contains special category personal data",
            "spatial_coverage": "Area covered",
        }
        help_texts = {
            "title": "65 characters or fewer works best in national catalogues",
            "summary": "One sentence of 140 characters or fewer saying what the data is",
            "description": "What the data is, how it is made and its limits. You can use Markdown.",
            "steward": "The person who answers for this data and approves access to it",
        }
        widgets = {
            "access_level": forms.RadioSelect,
            "security_classification": forms.RadioSelect,
            "themes": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "title": {"required": "Enter a title for the dataset"},
            "publisher": {
                "required": "Select the team that publishes this dataset",
                "invalid_choice": "Select a team you publish for",
            },
            "licence": {"required": "Select a licence"},
            "contact_email": {"invalid": "Enter an email address in the correct format, like name@example.gov.uk"},
        }  # fmt: skip

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["publisher"].queryset = units
        self.fields["publisher"].label_from_instance = lambda u: (
            f"{u.name} ({u.get_kind_display()})"
        )
        self.fields["steward"].queryset = get_user_model().objects.filter(is_active=True)
        self.fields["steward"].required = False
        self.fields["licence"].queryset = Licence.objects.all()
        self.fields["licence"].required = False
        self.fields[
            "licence"
        ].help_text = "Leave blank for the Open Government Licence (open data) or internal use only"
        self.fields["themes"].queryset = Theme.objects.all()
        self.fields["access_level"].choices = AccessLevel.choices
        self.fields["security_classification"].choices = Classification.choices
        self.fields["update_frequency"].choices = UpdateFrequency.choices
        if self.instance.pk:
            names = self.instance.keywords.values_list("name", flat=True)
            self.initial["keywords_text"] = ", ".join(names)
        else:
            # "Does this already exist?": similar titles appear as the publisher types.
            self.fields["title"].widget.attrs.update({
                "hx-get": reverse("search:similar"), "hx-trigger": "input changed delay:400ms",
                "hx-target": "#similar-datasets", "hx-sync": "this:replace",
            })  # fmt: skip
        self.helper = _helper(
            Field.text("title"),
            Field.text("summary"),
            Field.textarea("description"),
            Fieldset(
                Field.select("publisher"),
                Field.select("steward"),
                Field.text("contact_name", field_width=Fluid.TWO_THIRDS),
                Field.text("contact_email", field_width=Fluid.TWO_THIRDS),
                legend="Who publishes it",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.radios("access_level"),
                Field.select("licence"),
                Field.radios("security_classification"),
                Field.checkbox("contains_personal_data"),
                Field.checkbox("contains_special_category_data"),
                legend="Access and licence",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.checkboxes("themes", small=True),
                Field.text("keywords_text"),
                Field.select("update_frequency"),
                Field("temporal_start"),
                Field("temporal_end"),
                Field.text("spatial_coverage", field_width=Fluid.TWO_THIRDS),
                legend="Describe the data",
                legend_size=Size.MEDIUM,
            ),
            submit="Save dataset",
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("temporal_start"), data.get("temporal_end")
        if start and end and end < start:
            self.add_error(
                "temporal_end", "The end date must be the same as or after the start date"
            )
        personal = data.get("contains_personal_data") or data.get("contains_special_category_data")
        if personal and data.get("access_level") == AccessLevel.OPEN:
            self.add_error(
                "access_level",
                "Personal data cannot be open data. Choose internal or restricted, "
                "or remove the personal data and untick the personal data boxes",
            )
        licence = data.get("licence")
        if licence and data.get("access_level") == AccessLevel.OPEN and not licence.is_open:
            self.add_error(
                "licence", "Open data needs an open licence, such as the Open Government Licence"
            )
        return data

    def keyword_list(self) -> list[str]:
        return [k for k in self.cleaned_data.get("keywords_text", "").split(",") if k.strip()]


class FileUploadForm(forms.Form):
    title = forms.CharField(
        max_length=200,
        error_messages={"required": "Enter a title for the file"},
        help_text="For example, Spending over £500, April to June 2025",
    )
    description = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Description (optional)"
    )
    file = forms.FileField(
        label="Upload a file",
        error_messages={
            "required": "Select a file to upload",
            "empty": "The selected file is empty",
        },
    )

    def __init__(self, *args, upload_too_large: bool = False, with_title: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_too_large = upload_too_large
        limit_mb = max_upload_bytes() // (1024 * 1024)
        self.fields["file"].help_text = f"The file must be smaller than {limit_mb} MB"
        if not with_title:
            del self.fields["title"], self.fields["description"]
        layout = [Field.text("title"), Field.textarea("description")] if with_title else []
        self.helper = _helper(*layout, Field("file"), submit="Upload file")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_upload(upload, upload.name or "")
        except UploadRejected as e:
            raise forms.ValidationError(f"{e}. Check the file and upload it again.") from e
        return upload

    def clean(self):
        data = super().clean()
        if self.upload_too_large:
            limit_mb = max_upload_bytes() // (1024 * 1024)
            self.errors.pop("file", None)
            self.add_error("file", f"The selected file must be smaller than {limit_mb} MB")
        return data


class LinkForm(forms.Form):
    title = forms.CharField(
        max_length=200, error_messages={"required": "Enter a title for the link"}
    )
    url = forms.URLField(
        label="Web address",
        widget=forms.TextInput(attrs={"type": "url", "spellcheck": "false", "autocomplete": "url"}),
        max_length=1000,
        assume_scheme="https",
        error_messages={
            "required": "Enter the web address of the data",
            "invalid": "Enter a web address in the correct format, like https://www.example.gov.uk/data.csv",
        },
    )
    format = forms.CharField(
        required=False,
        max_length=30,
        label="Format (optional)",
        help_text="For example, CSV or API",
    )
    description = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Description (optional)"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.text("title"),
            Field.text("url"),
            Field.text("format", field_width=Fluid.ONE_QUARTER),
            Field.textarea("description"),
            submit="Add link",
        )

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError("Enter a web address starting with https://")
        return url
