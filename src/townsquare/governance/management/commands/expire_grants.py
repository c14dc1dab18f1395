"""`townsquare expire_grants`: close grants whose end has passed, now (the worker started by
`townsquare serve` does this every minute; this is for cron or a one-off)."""

from django.core.management.base import BaseCommand

from townsquare.governance import services


class Command(BaseCommand):
    help = "Record and announce the end of every grant whose expiry has passed."

    def handle(self, *args, **options):
        ended = services.grants_expire()
        self.stdout.write(f"{len(ended)} grant(s) ended")
