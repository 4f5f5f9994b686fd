"""Dates and times the NHS.UK way: "Tuesday 16 October 2018", "8pm", "12.30pm"."""

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def uk_date(value):
    """Tuesday 16 October 2018 (in UK local time for datetimes)."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
    return f"{value:%A} {value.day} {value:%B %Y}"


@register.filter
def uk_time(value):
    """8pm, 12.30pm, midnight and midday spelled out, in UK local time."""
    if not value:
        return ""
    value = timezone.localtime(value)
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    if value.hour == 12 and value.minute == 0:
        return "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    minutes = f".{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{suffix}"


@register.filter
def uk_datetime(value):
    """Tuesday 16 October 2018, 8pm."""
    if not value:
        return ""
    return f"{uk_date(value)}, {uk_time(value)}"
