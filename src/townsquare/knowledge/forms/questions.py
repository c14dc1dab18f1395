"""Forms for asking, answering and editing questions."""

from __future__ import annotations

from crispy_forms_gds.layout import HTML, Field, Fluid
from django import forms

from townsquare.knowledge.models import Community, Question

from .common import DatasetReferencesField, clean_dataset_references, helper

TITLE_HELP = "Write it as a question someone could answer, for example: Where do I find spend over £500 for last year?"


class QuestionForm(forms.Form):
    title = forms.CharField(
        label="Your question",
        min_length=10,
        max_length=200,
        help_text=TITLE_HELP,
        error_messages={
            "required": "Enter your question",
            "min_length": "Your question must be 10 characters or more",
            "max_length": "Your question must be 200 characters or fewer",
        },
    )
    body = forms.CharField(
        label="Details",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What you need to know, what you have tried and why it matters. You can use Markdown.",
        error_messages={
            "required": "Enter the details of your question",
            "max_length": "The details must be 20,000 characters or fewer",
        },
    )
    tags_text = forms.CharField(
        label="Tags (optional)",
        required=False,
        max_length=300,
        help_text="Up to 5 topics, separated by commas. For example: spend, planning",
    )
    datasets_text = DatasetReferencesField()
    note = forms.CharField(label="What did you change? (optional)", required=False, max_length=300)
    community = forms.ModelChoiceField(
        label="Community (optional)",
        queryset=None,
        required=False,
        empty_label="No community: ask all staff",
        help_text="Ask in one of your communities. A private community’s questions are seen only by its members.",
    )

    def __init__(self, *args, user=None, editing: bool = False, similar_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        communities = community_choices(user)
        if editing or not communities.exists():
            del self.fields["community"]
        else:
            self.fields["community"].queryset = communities
        title = Field.text("title")
        if similar_url:
            # htmx: show similar questions while the person types (the form works without it).
            title = Field.text(
                "title",
                hx_get=similar_url,
                hx_trigger="input changed delay:400ms, search",
                hx_target="#similar-questions",
                hx_swap="innerHTML",
                autocomplete="off",
            )
        fields = [
            title,
            HTML('<div id="similar-questions" aria-live="polite"></div>'),
            Field.textarea("body"),
            Field.text("tags_text", field_width=Fluid.TWO_THIRDS),
            Field.textarea("datasets_text"),
        ]
        if "community" in self.fields:
            fields.append(Field.select("community"))
        if editing:
            fields.append(Field.text("note", field_width=Fluid.TWO_THIRDS))
        else:
            del self.fields["note"]
        self.helper = helper(*fields, submit="Save changes" if editing else "Continue")

    def clean(self):
        data = super().clean()
        data["datasets"] = clean_dataset_references(self, "datasets_text", self.user)
        return data


def community_choices(user):
    """The communities a person may ask in: those they belong to."""
    if user is None or not user.is_authenticated:
        return Community.objects.none()
    return Community.objects.filter(memberships__user=user).order_by("name")


def initial_for(question: Question) -> dict:
    return {
        "title": question.title,
        "body": question.body,
        "tags_text": ", ".join(t.name for t in question.tags.all()),
        "datasets_text": ", ".join(f"/datasets/{d.slug}/" for d in question.datasets.all()),
    }


class AnswerForm(forms.Form):
    body = forms.CharField(
        label="Your answer",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="You can use Markdown, and link to datasets by their address.",
        error_messages={
            "required": "Enter your answer",
            "max_length": "Your answer must be 20,000 characters or fewer",
        },
    )
    datasets_text = DatasetReferencesField()
    note = forms.CharField(label="What did you change? (optional)", required=False, max_length=300)

    def __init__(self, *args, user=None, editing: bool = False, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        fields = [Field.textarea("body")]
        if editing:
            del self.fields["datasets_text"]
            fields.append(Field.text("note", field_width=Fluid.TWO_THIRDS))
        else:
            del self.fields["note"]
            fields.append(Field.textarea("datasets_text"))
        self.helper = helper(
            *fields, submit="Save changes" if editing else "Post your answer", form_action=action
        )

    def clean(self):
        data = super().clean()
        if "datasets_text" in self.fields:
            data["datasets"] = clean_dataset_references(self, "datasets_text", self.user)
        return data


class DuplicateForm(forms.Form):
    original = forms.CharField(
        label="The question this repeats",
        required=False,
        max_length=300,
        help_text="Paste its web address, like /questions/12/…. Leave empty to clear.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field.text("original"), submit="Save")
