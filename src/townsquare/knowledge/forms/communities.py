"""Forms for communities: starting one, discussions, events, pins and invitations."""

from __future__ import annotations

import re
from datetime import datetime, time

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fluid, Size
from django import forms
from django.utils import timezone

from townsquare.knowledge.models import Community

from .common import DatasetReferencesField, helper, parse_dataset_references

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*(am|pm)?\s*$", re.IGNORECASE)


class CommunityForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=150, error_messages={"required": "Enter a name"}
    )
    purpose = forms.CharField(
        label="Purpose",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Who it is for and what it does. Everyone on staff sees this, even for a private community.",
        error_messages={"required": "Enter the community’s purpose"},
    )
    about = forms.CharField(
        label="More about it (optional)",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Shown to members. You can use Markdown.",
    )
    visibility = forms.ChoiceField(
        label="Who can join?",
        choices=Community.Visibility.choices,
        initial=Community.Visibility.OPEN,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who can join"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.textarea("purpose"),
            Field.textarea("about"),
            Field.radios("visibility", legend_size=Size.SMALL),
            submit="Start the community",
        )


class DiscussionForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title"}
    )
    body = forms.CharField(
        label="What do you want to discuss?",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="You can use Markdown.",
        error_messages={"required": "Enter what you want to discuss"},
    )
    datasets_text = DatasetReferencesField()

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.helper = helper(
            Field.text("title"),
            Field.textarea("body"),
            Field.textarea("datasets_text"),
            submit="Start the discussion",
        )

    def clean_datasets_text(self) -> str:
        text = self.cleaned_data["datasets_text"]
        datasets, unknown = parse_dataset_references(self.user, text)
        if unknown:
            raise forms.ValidationError(
                f"We could not find a dataset called ‘{unknown[0]}’. Check its address and try again"
            )
        self.cleaned_data["datasets"] = datasets
        return text


def _parse_time(value: str) -> time | None:
    found = _TIME.match(value or "")
    if not found:
        return None
    hour, minute, half = int(found.group(1)), int(found.group(2)), (found.group(3) or "").lower()
    if half == "pm" and hour < 12:
        hour += 12
    if half == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


class EventForm(forms.Form):
    title = forms.CharField(
        label="Event name", max_length=200, error_messages={"required": "Enter the event’s name"}
    )
    day = DateInputField(label="Date", help_text="For example, 27 3 2027")
    start_time = forms.CharField(
        label="Start time",
        max_length=10,
        help_text="For example, 14:00",
        error_messages={"required": "Enter the start time"},
    )
    end_time = forms.CharField(
        label="End time",
        max_length=10,
        help_text="For example, 15:30",
        error_messages={"required": "Enter the end time"},
    )
    location = forms.CharField(
        label="Place (optional)",
        required=False,
        max_length=300,
        help_text="For example: Committee Room 2, Town Hall",
    )
    online_url = forms.URLField(
        label="Online meeting link (optional)",
        required=False,
        max_length=1000,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address starting https://"},
    )
    description = forms.CharField(
        label="Description (optional)",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="You can use Markdown.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.text("title"),
            Field("day"),
            Field.text("start_time", field_width=Fluid.ONE_QUARTER),
            Field.text("end_time", field_width=Fluid.ONE_QUARTER),
            Field.text("location"),
            Field.text("online_url"),
            Field.textarea("description"),
            submit="Add the event",
        )

    def clean(self):
        data = super().clean()
        start, end = _parse_time(data.get("start_time", "")), _parse_time(data.get("end_time", ""))
        if data.get("start_time") and start is None:
            self.add_error("start_time", "Enter the start time as hours and minutes, like 14:00")
        if data.get("end_time") and end is None:
            self.add_error("end_time", "Enter the end time as hours and minutes, like 15:30")
        day = data.get("day")
        if day and start and end:
            zone = timezone.get_current_timezone()
            data["starts"] = datetime.combine(day, start, tzinfo=zone)
            data["ends"] = datetime.combine(day, end, tzinfo=zone)
            if data["ends"] <= data["starts"]:
                self.add_error("end_time", "The end time must be after the start time")
        if not data.get("location") and not data.get("online_url"):
            self.add_error("location", "Enter a place, an online meeting link, or both")
        return data


class PinForm(forms.Form):
    title = forms.CharField(
        label="Title (optional for a guide or dataset)", required=False, max_length=200
    )
    address = forms.CharField(
        label="Address",
        max_length=1000,
        help_text="A guide (/guides/…), a dataset (/datasets/…) or any web page starting https://",
        error_messages={"required": "Enter the address to pin"},
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.text("address"), Field.text("title"), submit="Pin it", form_action=action
        )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Invite a colleague by email address",
        error_messages={
            "required": "Enter the colleague’s email address",
            "invalid": "Enter an email address in the correct format",
        },
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.text("email", field_width=Fluid.TWO_THIRDS), submit="Invite", form_action=action
        )
