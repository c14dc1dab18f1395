"""`townsquare search rebuild`: re-read every registered source into the search index."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from townsquare.search import api


class Command(BaseCommand):
    help = (
        "Manage the search index. `rebuild` re-reads all content; searches keep working meanwhile."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "rebuild", help="Re-index everything, batch by batch, then drop what has gone."
        )

    def handle(self, *args, action: str, **options) -> None:
        if action == "rebuild":
            counts = api.rebuild()
            summary = ", ".join(f"{n} {kind}" for kind, n in counts.items()) or "nothing"
            self.stdout.write(f"Search index rebuilt: {summary}.")
