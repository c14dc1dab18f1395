"""Forms of a dataset series, in GOV.UK style: one plain-English message per problem."""

from __future__ import annotations

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms

from townsquare.accounts.models import OrgUnit
from townsquare.core.uploads import max_upload_bytes

from . import schemas
from .code import CODE_DATASETS
from .models import Frequency, Series


def _helper(*fields, submit: str) -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*fields, Submit("submit", submit))
    helper.attrs = {"novalidate": True}
    return helper


def schema_choices() -> list[tuple[str, str]]:
    keys = schemas.keys()  # a module function, not a dict
    return [(key, schemas.load(key)["title"]) for key in keys]


class SeriesForm(forms.Form):
    schema = forms.ChoiceField(
        label="Schema each file is checked against",
        error_messages={"required": "Select the schema each file is checked against"},
    )
    code_dataset = forms.ChoiceField(
        label="Transparency Code dataset this series publishes (optional)", required=False
    )
    frequency = forms.ChoiceField(
        label="How often is a file published?",
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how often a file is published"},
    )
    responsible_unit = forms.ModelChoiceField(
        label="Team responsible for publishing each file",
        queryset=OrgUnit.objects.all(),
        error_messages={"required": "Select the team responsible for publishing each file"},
    )
    first_period_start = DateInputField(
        label="First period published",
        help_text="A day in the first period, for example 1 4 2025 for April to June 2025",
    )

    def __init__(self, *args, series: Series | None = None, locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.series = series
        self.fields["schema"].choices = [("", "Select a schema"), *schema_choices()]
        self.fields["code_dataset"].choices = [
            ("", "None"),
            *((c.key, c.title) for c in CODE_DATASETS),
        ]
        self.fields["responsible_unit"].label_from_instance = lambda u: (
            f"{u.name} ({u.get_kind_display()})"
        )
        if locked:
            # Periods are published: their files and deadlines depend on these two.
            for name in ("schema", "frequency"):
                self.fields[name].disabled = True
                self.fields[name].help_text = "This cannot change once a period is published"
        self.helper = _helper(
            Field.select("schema"),
            Field.select("code_dataset"),
            Field.radios("frequency", inline=True),
            Field.select("responsible_unit"),
            Field("first_period_start"),
            submit="Save series",
        )

    def clean_code_dataset(self) -> str:
        key = self.cleaned_data.get("code_dataset", "")
        taken = Series.objects.filter(code_dataset=key).exclude(
            pk=self.series.pk if self.series else None
        )
        if key and taken.exists():
            # Not named: it may be a dataset the user cannot see.
            raise forms.ValidationError(
                "Another dataset already publishes this Transparency Code dataset"
            )
        return key


class PeriodUploadForm(forms.Form):
    period = forms.ChoiceField(
        label="Period the file covers",
        error_messages={
            "required": "Select the period the file covers",
            "invalid_choice": "Select a period that has ended",
        },
    )
    file = forms.FileField(
        label="Upload the file",
        error_messages={
            "required": "Select a file to upload",
            "empty": "The selected file is empty",
        },
    )

    def __init__(self, *args, periods=(), upload_too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_too_large = upload_too_large
        self.fields["period"].choices = [(p.start.isoformat(), p.label) for p in periods]
        limit_mb = max_upload_bytes() // (1024 * 1024)
        self.fields["file"].help_text = f"A CSV, XLSX or ODS file smaller than {limit_mb} MB"
        self.helper = _helper(Field.select("period"), Field("file"), submit="Upload and check")

    def clean(self):
        data = super().clean()
        if self.upload_too_large:
            limit_mb = max_upload_bytes() // (1024 * 1024)
            self.errors.pop("file", None)
            self.add_error("file", f"The selected file must be smaller than {limit_mb} MB")
        return data


NOT_IN_FILE = ""


class ColumnMappingForm(forms.Form):
    """One select per schema field, listing the file's headings."""

    def __init__(self, *args, fields: list[dict], headers: list[str], initial_map: dict, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(NOT_IN_FILE, "Not in the file"), *((h, h) for h in headers if h)]
        self.schema_fields = fields
        layout = []
        for i, f in enumerate(fields):
            key = f"field_{i}"
            required = bool(
                f.get("x-column-required") or (f.get("constraints") or {}).get("required")
            )
            title = f.get("title") or f["name"]
            self.fields[key] = forms.ChoiceField(
                label=f"{title} ({f['name']})", choices=choices, required=False,
                initial=initial_map.get(f["name"], NOT_IN_FILE),
                help_text="Required" if required else "Optional",
            )  # fmt: skip
            layout.append(Field.select(key))
        self.helper = _helper(*layout, submit="Save and check the file")

    def clean(self):
        data = super().clean()
        used: dict[str, str] = {}
        for i, f in enumerate(self.schema_fields):
            header = data.get(f"field_{i}")
            if not header:
                continue
            if header in used:
                self.add_error(
                    f"field_{i}",
                    f"The column ‘{header}’ is already matched to {used[header]}: choose "
                    "another column or ‘Not in the file’",
                )
            used.setdefault(header, f.get("title") or f["name"])
        return data

    def field_to_header(self) -> dict[str, str]:
        return {
            f["name"]: self.cleaned_data.get(f"field_{i}") or ""
            for i, f in enumerate(self.schema_fields)
        }
