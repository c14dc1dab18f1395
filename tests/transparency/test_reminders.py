"""Reminders go to the responsible team once per period and kind, before the deadline and when
it has passed, and only to people who may see the dataset."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from factories import dataset, person
from register_support import at, code_series, council, open_dataset, publish

from townsquare.core import schedule
from townsquare.transparency import reminders
from townsquare.transparency.models import ReminderSent


@pytest.fixture
def setup(db):
    _, finance, people = council()
    spend = code_series("spend", open_dataset("Eastmere spend", finance), finance,
                        date(2026, 1, 1))  # fmt: skip
    publish(spend, date(2026, 1, 1), date(2026, 3, 31), at(date(2026, 4, 20)))
    return {"finance": finance, "spend": spend, **people}


def test_no_reminder_while_the_deadline_is_far_off(setup):
    assert reminders.send_reminders(date(2026, 7, 10)) == []
    assert mail.outbox == []


def test_a_due_soon_reminder_goes_once(setup):
    sent = reminders.send_reminders(date(2026, 7, 17))  # 14 days before 31 July

    assert [r.kind for r in sent] == [ReminderSent.Kind.DUE_SOON]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Due by 31 July 2026" in message.subject
    assert "/datasets/eastmere-spend/" in message.body
    # Publishers in the team, and its shared mailbox (the dataset is open).
    assert message.to == ["finance@council.example", "pat-publisher@council.example"]
    assert reminders.send_reminders(date(2026, 7, 20)) == []
    assert len(mail.outbox) == 1


def test_an_overdue_reminder_goes_once_after_the_deadline(setup):
    reminders.send_reminders(date(2026, 7, 20))
    sent = reminders.send_reminders(date(2026, 8, 1))

    assert [r.kind for r in sent] == [ReminderSent.Kind.OVERDUE]
    assert "Overdue" in mail.outbox[-1].subject
    assert reminders.send_reminders(date(2026, 8, 15)) == []
    assert ReminderSent.objects.count() == 2


def test_a_published_file_stops_the_reminders(setup):
    publish(setup["spend"], date(2026, 4, 1), date(2026, 6, 30), at(date(2026, 7, 10)))

    assert reminders.send_reminders(date(2026, 8, 1)) == []


def test_a_restricted_dataset_is_named_only_to_those_who_may_see_it(setup):
    finance = setup["finance"]
    secret = dataset("Hushed pay", publisher=finance, access_level="restricted")
    code_series("senior-salaries", secret, finance, date(2025, 4, 1))
    # A publisher of the finance team may see its datasets; the mailbox and the clerk may not.
    person("Cal Colleague", team=finance, roles=[("staff", None)])

    sent = reminders.send_reminders(date(2026, 5, 2))
    hushed = [r for r in sent if r.series.dataset == secret]
    assert hushed and hushed[0].recipients == ["pat-publisher@council.example"]
    for message in mail.outbox:
        if "Hushed" in message.subject:
            assert message.to == ["pat-publisher@council.example"]


def test_the_command_lists_and_sends(setup, capsys):
    call_command("transparency", "reminders", "--date", "2026-07-20", "--dry-run")
    assert "Would send due-soon for Eastmere spend" in capsys.readouterr().out
    assert mail.outbox == []

    call_command("transparency", "reminders", "--date", "2026-07-20")
    assert "Sent 1 reminder(s)." in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_the_reminders_run_on_the_schedule():
    assert "townsquare.transparency.reminders.send_reminders_task" in schedule.PERIODIC_TASKS
