from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Submit
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from .models import User


def _helper(*fields, submit: str) -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*fields, Submit("submit", submit))
    helper.attrs = {"novalidate": True}  # GOV.UK: the server checks, and says so in the summary
    return helper


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account has been closed. Ask an administrator to reopen it.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.helper = _helper(
            Field.text("username", field_width=Fluid.TWO_THIRDS, autocomplete="email"),
            Field.text("password", field_width=Fluid.TWO_THIRDS),
            submit="Sign in",
        )
        self.helper.form_tag = False  # the page's own form carries the `next` field

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class ResetRequestForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["required"] = "Enter your email address"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.gov.uk"
        )
        self.helper = _helper(
            Field.text("email", field_width=Fluid.TWO_THIRDS), submit="Send reset link"
        )


class NewPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"
        self.helper = _helper(
            Field.text("new_password1", field_width=Fluid.TWO_THIRDS),
            Field.text("new_password2", field_width=Fluid.TWO_THIRDS),
            submit="Change password",
        )


class ProfileForm(forms.Form):
    job_title = forms.CharField(max_length=200, required=False, label="Job title")
    phone = forms.CharField(
        max_length=40,
        required=False,
        label="Phone number (optional)",
        help_text="A work number colleagues can call",
    )
    bio = forms.CharField(
        required=False,
        label="About you (optional)",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What you work on. You can use Markdown.",
    )
    skills_text = forms.CharField(
        required=False,
        label="Ask me about",
        help_text="Topics colleagues can ask you about, separated by commas: for example "
        "GIS, council tax data, Power BI",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.text("job_title", field_width=Fluid.TWO_THIRDS),
            Field.text("phone", field_width=Fluid.ONE_HALF),
            Field.textarea("bio"),
            Field.text("skills_text"),
            submit="Save profile",
        )

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not all(c.isdigit() or c in " +()-" for c in phone):
            raise forms.ValidationError(
                "Enter a phone number using only numbers, spaces, brackets, + and -"
            )
        return phone

    def skill_list(self) -> list[str]:
        return self.cleaned_data.get("skills_text", "").split(",")


class RegisterForm(forms.Form):
    """A resident's account: enough to ask for data and take part, nothing more."""

    name = forms.CharField(
        max_length=200,
        label="Your name",
        help_text="Shown beside what you post, such as a data request",
        error_messages={"required": "Enter your name"},
    )
    email = forms.EmailField(
        label="Email address",
        help_text="We will send you a link to confirm it",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    password = forms.CharField(
        label="Create a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters. Avoid common passwords and ones made only of numbers.",
        error_messages={"required": "Enter a password"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.text("name", field_width=Fluid.TWO_THIRDS, autocomplete="name"),
            Field.text("email", field_width=Fluid.TWO_THIRDS, autocomplete="email"),
            Field.text("password", field_width=Fluid.TWO_THIRDS),
            submit="Create account",
        )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        password = data.get("password")
        if password:
            # Django's validators, including "too similar to your name or email".
            candidate = User(name=data.get("name", ""), email=data.get("email", ""))
            try:
                password_validation.validate_password(password, user=candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class ApiTokenForm(forms.Form):
    EXPIRY_CHOICES = [("30", "30 days"), ("90", "90 days"), ("180", "6 months"), ("365", "1 year")]

    name = forms.CharField(
        max_length=100,
        label="Name",
        help_text="What the token is for, so you can tell your tokens apart: for example "
        "‘Ward profiles notebook’",
        error_messages={"required": "Enter a name for the token"},
    )
    scope = forms.ChoiceField(
        label="What can it do?",
        choices=[
            ("read", "Read only: find and download data you can see"),
            ("read-write", "Read and write: also create, change and delete datasets you publish"),
        ],
        initial="read",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the token can do"},
    )
    expires_in = forms.ChoiceField(
        label="Expires after",
        choices=EXPIRY_CHOICES,
        initial="90",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose when the token expires"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.radios("scope", legend_size="s"),
            Field.radios("expires_in", legend_size="s", inline=True),
            submit="Create token",
        )


class TokenForm(forms.Form):
    token = forms.RegexField(
        regex=r"^\s*\d{6}\s*$",
        label="Code from your authenticator app",
        help_text="The 6 digit code, for example 123456",
        error_messages={
            "required": "Enter the 6 digit code from your authenticator app",
            "invalid": "Enter the code as 6 digits, like 123456",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("token", field_width=5, autocomplete="one-time-code", inputmode="numeric"),
            Submit("submit", "Continue"),
        )
        self.helper.attrs = {"novalidate": True}

    def clean_token(self) -> str:
        return self.cleaned_data["token"].strip()
