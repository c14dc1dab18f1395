"""`townsquare transparency reminders`: send the Transparency Code reminders due today."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from townsquare.transparency import reminders


class Command(BaseCommand):
    help = "Transparency Code tasks. `reminders` emails teams whose files are due soon or overdue."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        remind = sub.add_parser("reminders", help="Send the reminders due today (each only once).")
        remind.add_argument(
            "--date", help="Act as if today were this date (YYYY-MM-DD), to catch up or test."
        )
        remind.add_argument(
            "--dry-run", action="store_true", help="List the reminders without sending them."
        )

    def handle(self, *args, **options):
        if options["action"] == "reminders":
            self._reminders(options.get("date"), options.get("dry_run", False))

    def _reminders(self, day: str | None, dry_run: bool) -> None:
        try:
            today = date.fromisoformat(day) if day else None
        except ValueError as error:
            raise CommandError(f"--date {day!r} is not a date like 2026-10-31") from error
        sent = reminders.send_reminders(today, dry_run=dry_run)
        verb = "Would send" if dry_run else "Sent"
        for r in sent:
            to = ", ".join(r.recipients) or "no one (no team members can see the dataset)"
            self.stdout.write(
                f"{verb} {r.kind} for {r.series.dataset.title}, {r.period.label}: {to}"
            )
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(sent)} reminder(s)."))
