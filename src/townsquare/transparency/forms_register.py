"""Registering a dataset as the council's series for one Code dataset (administrators)."""

from __future__ import annotations

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms

from townsquare.accounts.models import OrgUnit
from townsquare.catalogue.models import Dataset

from . import periods
from .code import CodeDataset


class RegisterCodeDatasetForm(forms.Form):
    dataset = forms.ModelChoiceField(
        queryset=Dataset.objects.none(),
        label="Dataset",
        help_text="The catalogue dataset the council publishes this Code data in",
        error_messages={
            "required": "Select the dataset that meets this Code dataset",
            "invalid_choice": "Select a dataset from the list",
        },
    )
    responsible_unit = forms.ModelChoiceField(
        queryset=OrgUnit.objects.all(),
        label="Publishing team",
        help_text="The team that uploads each period's file and gets the reminders",
        error_messages={
            "required": "Select the team responsible for publishing it",
            "invalid_choice": "Select a team from the list",
        },
    )
    first_period_start = DateInputField(
        label="First period published",
        help_text="Any day in the first period the register should track, for example 1 4 2025",
    )

    def __init__(self, *args, code: CodeDataset, **kwargs):
        super().__init__(*args, **kwargs)
        self.code = code
        # A dataset already in a series cannot meet a second one.
        self.fields["dataset"].queryset = Dataset.objects.filter(
            transparency_series__isnull=True
        ).order_by("title")
        field = self.fields["first_period_start"]
        field.error_messages["required"] = "Enter the date the first period starts"
        field.error_messages["incomplete"] = "Enter the date the first period starts"
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("dataset"),
            Field.select("responsible_unit"),
            Field("first_period_start"),
            Submit("submit", "Register dataset"),
        )
        self.helper.attrs = {"novalidate": True}

    def clean_first_period_start(self):
        # Periods follow the financial year: any day is moved to the start of its period.
        day = self.cleaned_data["first_period_start"]
        return periods.period_containing(day, self.code.frequency).start
