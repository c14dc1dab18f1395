"""The licences and themes every council starts with (themes as on data.gov.uk)."""

from django.db import migrations

LICENCES = [
    ("OGL-UK-3.0", "Open Government Licence v3.0",
     "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/", True),
    ("CC-BY-4.0", "Creative Commons Attribution 4.0",
     "https://creativecommons.org/licenses/by/4.0/", True),
    ("CC0-1.0", "Creative Commons CCZero", "https://creativecommons.org/publicdomain/zero/1.0/",
     True),
    ("ODbL-1.0", "Open Data Commons Open Database License 1.0",
     "https://opendatacommons.org/licenses/odbl/1-0/", True),
    ("OS-OpenData", "OS OpenData Licence (Open Government Licence)",
     "https://www.ordnancesurvey.co.uk/documents/licensing/os-opendata-licence.pdf", True),
    ("internal-use", "Internal use only: not licensed for reuse", "", False),
]  # fmt: skip

THEMES = [
    ("business-and-economy", "Business and economy"),
    ("crime-and-justice", "Crime and justice"),
    ("defence", "Defence"),
    ("education", "Education"),
    ("environment", "Environment"),
    ("government", "Government"),
    ("government-spending", "Government spending"),
    ("health", "Health"),
    ("mapping", "Mapping"),
    ("society", "Society"),
    ("towns-and-cities", "Towns and cities"),
    ("transport", "Transport"),
    ("digital-service-performance", "Digital service performance"),
    ("government-reference-data", "Government reference data"),
]


def seed(apps, schema_editor):
    Licence = apps.get_model("catalogue", "Licence")
    Theme = apps.get_model("catalogue", "Theme")
    for id_, title, url, is_open in LICENCES:
        Licence.objects.update_or_create(
            id=id_, defaults={"title": title, "url": url, "is_open": is_open}
        )
    for slug, title in THEMES:
        Theme.objects.update_or_create(slug=slug, defaults={"title": title})


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
