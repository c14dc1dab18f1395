"""`townsquare harvest URL [--publisher UNIT] [--type ckan|dcat] [--background]`"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from townsquare.accounts.models import OrgUnit
from townsquare.api.harvest import harvest, source_for
from townsquare.api.models import HarvestSource


class Command(BaseCommand):
    help = (
        "Import datasets from a CKAN site (its Action API) or a DCAT catalogue (Turtle, "
        "RDF/XML or JSON-LD) into a publisher. Running it again updates what changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", help="A CKAN site's address, or a DCAT catalogue's")
        parser.add_argument(
            "--publisher",
            help="The slug of the unit the datasets belong to (needed the first time)",
        )
        parser.add_argument("--type", choices=HarvestSource.Kind.values, default="")
        parser.add_argument(
            "--background", action="store_true", help="Queue the harvest for the task worker"
        )

    def handle(self, *args, url: str, publisher: str | None, type: str, background: bool, **kw):
        unit = None
        if publisher:
            unit = OrgUnit.objects.filter(slug=publisher).first()
            if unit is None:
                raise CommandError(f"No organisation unit with the slug {publisher!r}")
        try:
            source = source_for(url, publisher=unit, kind=type)
        except ValueError as error:
            raise CommandError(f"{error}: add --publisher UNIT") from error
        if background:
            from townsquare.api.tasks import harvest_source

            result = harvest_source.enqueue(source.pk)
            self.stdout.write(f"Harvest of {url} queued as task {result.id}")
            return
        summary = harvest(source)
        for error in summary.errors:
            self.stderr.write(error)
        self.stdout.write(f"Harvested {url} into {source.publisher.name}: {summary}")
        if source.last_status == "failed":
            raise CommandError("The harvest did not finish cleanly: see the errors above")
