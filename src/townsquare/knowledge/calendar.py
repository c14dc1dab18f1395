"""Community events as iCalendar (RFC 5545) files, made with the `icalendar` library, so they
open in Outlook, Google Calendar and Apple Calendar."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .models import Event


def event_ics(event: Event, *, url: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Community events//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    item = CalendarEvent()
    item.add("uid", f"{event.uid}@townsquare")
    item.add("dtstamp", timezone.now())
    item.add("dtstart", event.starts)
    item.add("dtend", event.ends)
    item.add("summary", event.title)
    item.add("sequence", event.sequence)
    if event.location or event.online_url:
        item.add("location", event.location or event.online_url)
    description = event.description
    if event.online_url:
        description = f"{description}\n\nJoin online: {event.online_url}".strip()
    if description:
        item.add("description", description)
    if url:
        item.add("url", url)
    item.add("categories", [event.community.name])
    calendar.add_component(item)
    return calendar.to_ical()
