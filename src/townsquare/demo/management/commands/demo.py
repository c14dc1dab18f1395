from django.core.management.base import BaseCommand

from townsquare.demo import council
from townsquare.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo council (Eastmere Borough Council): people, teams and datasets. "
        "Safe to run again: it does nothing if the demo is already loaded."
    )

    def handle(self, *args, **options):
        loaded = load_demo()
        if loaded:
            counts = ", ".join(f"{n} {what}" for what, n in loaded.items())
            self.stdout.write(self.style.SUCCESS(f"Loaded {council.COUNCIL_NAME}: {counts}."))
        else:
            self.stdout.write(f"{council.COUNCIL_NAME} is already loaded.")
        self.stdout.write(f"\nDemo sign-ins (password for all: {council.DEMO_PASSWORD}):")
        for description, email in council.DEMO_SIGN_INS:
            self.stdout.write(f"  {email:<28} {description}")
        self.stdout.write("  Or browse as a resident without signing in.\n")
