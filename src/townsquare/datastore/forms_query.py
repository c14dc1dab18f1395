"""GET forms for the table pages: search, add a filter, build a chart, write SQL. Each only
gathers input; the query engine checks it against the table and says what is wrong."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size
from django import forms

from .query import OPERATORS, Column

CHART_TYPES = [("bar", "Bar chart"), ("line", "Line chart"), ("point", "Scatter plot")]
CHART_AGGREGATES = [
    ("sum", "Total (sum)"),
    ("mean", "Average (mean)"),
    ("count", "Number of rows"),
    ("min", "Smallest"),
    ("max", "Largest"),
]


def _helper(*fields) -> FormHelper:
    # The template writes the <form method="get"> (it also carries the other parameters) and
    # an unnamed submit button, so nothing but the fields lands in the query string.
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*fields)
    helper.attrs = {"novalidate": True}
    return helper


def _column_choices(columns: list[Column], blank: str | None = None) -> list[tuple[str, str]]:
    choices = [(c.name, c.title if c.title == c.name else f"{c.title} ({c.name})") for c in columns]
    return [("", blank), *choices] if blank else choices


class SearchForm(forms.Form):
    _search = forms.CharField(label="Search the rows", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.text("_search", field_width=Fluid.TWO_THIRDS))


class AddFilterForm(forms.Form):
    """Add one filter; the view turns it into a `column__op=value` parameter and redirects."""

    column = forms.ChoiceField(label="Column", required=False)
    op = forms.ChoiceField(
        label="Condition", required=False, choices=[(k, v) for k, v in OPERATORS.items()]
    )
    value = forms.CharField(
        label="Value",
        required=False,
        max_length=500,
        help_text="For ‘is one of’, separate values with commas. Dates as 31/03/2025.",
    )

    def __init__(self, *args, columns: list[Column], **kwargs):
        super().__init__(*args, prefix="add", **kwargs)
        self.fields["column"].choices = _column_choices(columns, blank="Choose a column")
        self.helper = _helper(
            Field.select("column"),
            Field.select("op"),
            Field.text("value", field_width=Fluid.TWO_THIRDS),
        )


class ChartForm(forms.Form):
    kind = forms.ChoiceField(
        label="Type of chart", choices=CHART_TYPES, initial="bar", widget=forms.RadioSelect
    )
    x = forms.ChoiceField(label="Across the bottom (x axis)")
    y = forms.ChoiceField(label="Up the side (y axis)", required=False)
    aggregate = forms.ChoiceField(
        label="Combine the rows for each x value by", choices=CHART_AGGREGATES, initial="sum"
    )

    def __init__(self, *args, columns: list[Column], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["x"].choices = _column_choices(columns)
        numbers = [c for c in columns if c.kind in ("integer", "number")]
        self.fields["y"].choices = _column_choices(numbers, blank="No column: count rows")
        self.helper = _helper(
            Field.radios("kind", inline=True, legend_size=Size.SMALL),
            Field.select("x"),
            Field.select("y"),
            Field.select("aggregate"),
        )


class SqlForm(forms.Form):
    sql = forms.CharField(
        label="SQL query",
        help_text="One SELECT statement over this dataset's tables. Results stop at 1,000 rows.",
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "class": "ts-code"}),
        max_length=20_000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("sql"))
