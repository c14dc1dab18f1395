"""Money as people read it on the spend pages: `{{ amount|pounds }}` gives £1,234.50, and a
credit −£12.50 (a true minus sign, which screen readers say as "minus")."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def pounds(value) -> str:
    if value is None or value == "":
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"))
    sign = "\u2212" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


@register.filter
def pounds_plain(value) -> str:
    """Without pence, for headline totals: £1,234,568."""
    if value is None or value == "":
        return ""
    amount = Decimal(value).quantize(Decimal("1"))
    sign = "\u2212" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.0f}"
