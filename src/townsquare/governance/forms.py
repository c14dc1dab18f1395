from datetime import timedelta

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Hidden, Layout, Submit
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from townsquare.accounts.models import OrgUnit

from .models import DataSharingAgreement, LawfulBasis, SpecialCategoryCondition

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


def _column_list(text: str) -> list[str]:
    """Column names given one a line or separated by commas, without repeats."""
    names = [c.strip() for line in text.splitlines() for c in line.split(",")]
    return list(dict.fromkeys(n[:100] for n in names if n))[:200]


def _check_until(value, *, what: str):
    today = timezone.localdate()
    if value <= today:
        raise forms.ValidationError(f"The date {what} must be in the future")
    if value > today + timedelta(days=MAX_GRANT_DAYS):
        raise forms.ValidationError("Access can be given for at most three years")
    return value


class AccessRequestForm(forms.Form):
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What do you need this data for?",
        max_length=4000,
        error_messages={"required": "Enter what you need this data for"},
    )
    lawful_basis = forms.ChoiceField(
        choices=LawfulBasis.choices,
        widget=forms.RadioSelect,
        label="Lawful basis (UK GDPR Article 6)",
        error_messages={"required": "Select the lawful basis for using this data"},
    )
    special_category_condition = forms.ChoiceField(
        choices=[("", "Choose a condition"), *SpecialCategoryCondition.choices],
        required=False,
        label="Condition for special category data (UK GDPR Article 9)",
        help_text="This dataset holds special category data, such as health or social care records",
    )
    needed_until = DateInputField(
        label="Until when do you need it?", help_text="For example, 31 3 2027"
    )
    agreement_reference = forms.CharField(
        label="Data sharing agreement or DPIA",
        help_text="The reference or title of the agreement or data protection impact "
        "assessment that covers this use",
        max_length=200,
        error_messages={"required": "Enter the data sharing agreement or DPIA that covers this"},
    )
    columns_text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Only some columns (optional)",
        help_text="Column names, one a line. Leave empty to ask for every column.",
    )

    def __init__(self, *args, special_category: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.special_category = special_category
        self.fields["needed_until"].error_messages.update(
            required="Enter the date you need the data until",
            incomplete="Enter the date you need the data until",
        )
        fields = [Field.textarea("purpose"), Field.radios("lawful_basis")]
        if special_category:
            fields.append(Field.select("special_category_condition"))
        else:
            del self.fields["special_category_condition"]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *fields,
            Field("needed_until"),
            Field.text("agreement_reference", field_width=Fluid.TWO_THIRDS),
            Field.textarea("columns_text"),
            Submit("submit", "Send request"),
        )
        self.helper.attrs = {"novalidate": True}

    def clean_needed_until(self):
        return _check_until(self.cleaned_data["needed_until"], what="you need the data until")

    def clean_special_category_condition(self):
        value = self.cleaned_data.get("special_category_condition", "")
        if self.special_category and not value:
            raise forms.ValidationError("Select the Article 9 condition for special category data")
        return value

    def column_list(self) -> list[str]:
        return _column_list(self.cleaned_data.get("columns_text", ""))


class ApproveForm(forms.Form):
    until = DateInputField(label="Access ends on", help_text="For example, 31 3 2027")
    columns = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Columns to give",
        help_text="Untick any columns they should not have",
    )

    def __init__(self, *args, asked_columns: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["until"].error_messages.update(
            required="Enter the date access ends", incomplete="Enter the date access ends"
        )
        fields = [Field("until")]
        if asked_columns:
            self.fields["columns"].choices = [(c, c) for c in asked_columns]
            fields.append(Field.checkboxes("columns"))
        else:
            del self.fields["columns"]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *fields, Hidden("decision", "approve"), Submit("submit", "Approve")
        )
        self.helper.attrs = {"novalidate": True}

    def clean_until(self):
        return _check_until(self.cleaned_data["until"], what="access ends")


class RefuseForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why are you refusing?",
        help_text="The person who asked will see this",
        max_length=2000,
        error_messages={"required": "Enter why you are refusing this request"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.textarea("reason"),
            Hidden("decision", "refuse"),
            Submit("submit", "Refuse", css_class="govuk-button--warning"),
        )
        self.helper.attrs = {"novalidate": True}


class AuditFilterForm(forms.Form):
    """The audit trail's filters (a GET form: no CSRF token needed, nothing changes)."""

    dataset = forms.ChoiceField(required=False, label="Dataset")
    person = forms.CharField(required=False, label="Person's email address", max_length=254)
    action = forms.ChoiceField(required=False, label="What happened")
    since = forms.DateField(required=False, label="From (YYYY-MM-DD)")
    until = forms.DateField(required=False, label="To (YYYY-MM-DD)")

    def __init__(self, *args, datasets=(), actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dataset"].choices = [("", "All"), *[(str(d.pk), d.title) for d in datasets]]
        self.fields["action"].choices = [("", "All"), *actions]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Field.select("dataset"),
            Field.text("person", field_width=Fluid.TWO_THIRDS),
            Field.select("action"),
            Field.text("since", field_width=10),
            Field.text("until", field_width=10),
            Submit("filter", "Filter", css_class="govuk-button--secondary"),
        )
        self.helper.attrs = {"novalidate": True}


class AgreementForm(forms.ModelForm):
    """A data sharing agreement. Dataset and grant choices are limited to what the editor
    may see and manage, passed in by the view."""

    review_date = DateInputField(label="Review date", help_text="For example, 31 3 2027")

    class Meta:
        model = DataSharingAgreement
        fields = [
            "title", "reference", "internal_parties", "external_parties", "purpose",
            "data_items", "lawful_basis", "special_category_condition", "retention",
            "review_date", "datasets", "grants",
        ]  # fmt: skip
        labels = {
            "reference": "Reference (optional)",
            "internal_parties": "Council teams that share or receive the data",
            "external_parties": "Other organisations",
            "data_items": "Data shared",
            "lawful_basis": "Lawful basis (UK GDPR Article 6)",
            "special_category_condition": "Condition for special category data (Article 9)",
            "retention": "Retention and deletion",
            "datasets": "Datasets covered",
            "grants": "Grants of access covered",
        }
        widgets = {
            "internal_parties": forms.CheckboxSelectMultiple,
            "datasets": forms.CheckboxSelectMultiple,
            "grants": forms.CheckboxSelectMultiple,
            "lawful_basis": forms.RadioSelect,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "external_parties": forms.Textarea(attrs={"rows": 3}),
            "data_items": forms.Textarea(attrs={"rows": 4}),
            "retention": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": "Enter a title for the agreement"},
            "purpose": {"required": "Enter the purpose of sharing"},
            "data_items": {"required": "Enter the data that is shared"},
            "lawful_basis": {"required": "Select the lawful basis"},
            "retention": {"required": "Enter how long the data is kept and how it is deleted"},
        }

    def __init__(self, *args, datasets, grants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datasets"].queryset = datasets
        self.fields["grants"].queryset = grants
        self.fields["special_category_condition"].choices = [
            ("", "None: no special category data"),
            *SpecialCategoryCondition.choices,
        ]
        self.fields["review_date"].error_messages.update(
            required="Enter the review date", incomplete="Enter the review date"
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("title"),
            Field.text("reference", field_width=Fluid.ONE_THIRD),
            Field.checkboxes("internal_parties", small=True),
            Field.textarea("external_parties"),
            Field.textarea("purpose"),
            Field.textarea("data_items"),
            Field.radios("lawful_basis", small=True),
            Field.select("special_category_condition"),
            Field.textarea("retention"),
            Field("review_date"),
            Field.checkboxes("datasets", small=True),
            Field.checkboxes("grants", small=True),
            Submit("submit", "Save agreement"),
        )
        self.helper.attrs = {"novalidate": True}
