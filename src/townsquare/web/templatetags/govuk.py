"""Template helpers for GOV.UK Frontend markup: `{% load govuk %}`."""

from django import forms, template
from django.http import QueryDict
from django.utils.html import format_html

from townsquare.web.context_processors import aria_current as aria_current_value

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters changed: `{% query_with page=2 %}`.

    A value of None or "" removes the parameter (`{% query_with sort="title" page=None %}`).
    Returns a relative URL starting with "?", for use in `href`.
    """
    request = context.get("request")
    params = request.GET.copy() if request is not None else QueryDict(mutable=True)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    return f"?{params.urlencode()}"


@register.simple_tag(takes_context=True)
def aria_current(context, href: str) -> str:
    """` aria-current="page"` on a link to this page, `="true"` on one to a section it is in."""
    request = context.get("request")
    value = aria_current_value(request.path if request is not None else "", href)
    return format_html(' aria-current="{}"', value) if value else ""


@register.simple_tag
def pagination_items(page_obj, on_each_side: int = 1, on_ends: int = 1) -> list[dict]:
    """The numbered items of a GOV.UK pagination for a Django `Page`, ellipses included:
    `{% pagination_items page_obj as items %}` gives dicts with number, current, ellipsis."""
    paginator = page_obj.paginator
    pages = paginator.get_elided_page_range(
        page_obj.number, on_each_side=on_each_side, on_ends=on_ends
    )
    return [
        {"ellipsis": True}
        if number == paginator.ELLIPSIS
        else {"number": number, "current": number == page_obj.number}
        for number in pages
    ]


def error_target_id(bound_field) -> str:
    """The id of the element an error summary link should move focus to: the field's input,
    or the first input of a group. crispy-forms-gds numbers radios and checkboxes from 1."""
    auto_id = bound_field.auto_id
    if not auto_id:
        return ""
    widget = bound_field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{auto_id}_1"
    if isinstance(widget, forms.MultiWidget):
        return f"{auto_id}_0"
    return auto_id


@register.simple_tag
def error_summary_items(form) -> list[dict]:
    """One item per error message of a bound form, as dicts with text and href ("" where there
    is nothing to link to). Non-field errors come first and link to the first field."""
    if form is None or not form.errors:
        return []
    visible = form.visible_fields()
    first_target = error_target_id(visible[0]) if visible else ""
    items = [
        {"text": error, "href": f"#{first_target}" if first_target else ""}
        for error in form.non_field_errors()
    ]
    for bound_field in visible:
        target = error_target_id(bound_field)
        items += [
            {"text": error, "href": f"#{target}" if target else ""} for error in bound_field.errors
        ]
    for bound_field in form.hidden_fields():
        items += [
            {"text": f"{bound_field.label}: {error}", "href": ""} for error in bound_field.errors
        ]
    return items
