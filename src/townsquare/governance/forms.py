from datetime import timedelta

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Submit
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from townsquare.accounts.models import OrgUnit

MAX_GRANT_DAYS = 3 * 365


class GrantForm(forms.Form):
    person_email = forms.EmailField(
        label="Email address of the person",
        required=False,
        help_text="Give access to one person, or choose a team below",
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.gov.uk"
        },
    )
    unit = forms.ModelChoiceField(
        queryset=OrgUnit.objects.all(),
        required=False,
        label="Or everyone in a team",
        help_text="Everyone in this part of the organisation and the parts under it",
        error_messages={"invalid_choice": "Select a team from the list"},
    )
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Purpose",
        help_text="Why they need this data: it is recorded with the grant",
        error_messages={"required": "Enter the purpose this access is for"},
    )
    expires = DateInputField(
        label="Access ends on",
        help_text="For example, 31 3 2027. Access can be at most three years.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires"].error_messages["required"] = "Enter the date access ends"
        self.fields["expires"].error_messages["incomplete"] = "Enter the date access ends"
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("person_email", field_width=Fluid.TWO_THIRDS),
            Field.select("unit"),
            Field.textarea("purpose"),
            Field("expires"),
            Submit("submit", "Give access"),
        )
        self.helper.attrs = {"novalidate": True}

    def clean_person_email(self):
        email = self.cleaned_data["person_email"].strip().lower()
        if not email:
            return None
        person = get_user_model().objects.filter(email=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError("There is no one with that email address in Townsquare")
        return person

    def clean_expires(self):
        expires = self.cleaned_data["expires"]
        today = timezone.localdate()
        if expires <= today:
            raise forms.ValidationError("The date access ends must be in the future")
        if expires > today + timedelta(days=MAX_GRANT_DAYS):
            raise forms.ValidationError("Access can be given for at most three years")
        return expires

    def clean(self):
        data = super().clean()
        person, unit = data.get("person_email"), data.get("unit")
        if "person_email" not in self.errors and bool(person) == bool(unit):
            self.add_error(
                "person_email", "Enter the email address of one person, or choose one team"
            )
        return data


class OverrideForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Why this dataset may be published as open data",
        help_text="For example, the names are of councillors acting in their public role",
        max_length=2000,
        error_messages={"required": "Enter why this dataset may be published as open data"},
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.layout = Layout(
            Field.textarea("reason"),
            Submit("submit", "Publish anyway", css_class="govuk-button--warning"),
        )
        self.helper.attrs = {"novalidate": True}
