"""Every URL the resolver knows, filled in with the values of one dataset, and a council whose
secret datasets carry a marker that must never reach anyone who may not see them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from factories import build_world, person

from townsquare.catalogue import services as catalogue
from townsquare.datastore import api as datastore
from townsquare.governance import requests
from townsquare.governance import services as governance
from townsquare.governance.models import DataSharingAgreement
from townsquare.transparency import series_services
from townsquare.transparency.models import Period, Series


def marker(kind: str) -> str:
    """A string found nowhere else, put in every text of the dataset of this kind."""
    return f"QX7{kind.upper()}SECRET"


ROLES = ("anonymous", "resident", "staff", "other_publisher", "publisher", "steward", "grantee",
         "admin")  # fmt: skip
# Who may see each kind of dataset (the publisher and steward look after the Payments team).
MAY_SEE = {
    "open": set(ROLES),
    "internal": {"staff", "other_publisher", "publisher", "steward", "grantee", "admin"},
    "restricted": {"publisher", "steward", "grantee", "admin"},
    "draft": {"publisher", "steward", "admin"},
}


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    params: tuple[str, ...]


def routes(resolver=None, namespace: str = "", prefix: str = "") -> Iterator[Route]:
    """Every named URL pattern, with the names of the values it takes."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from routes(entry, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            params = tuple(entry.pattern.regex.groupindex)
            yield Route(f"{namespace}{entry.name}", prefix + str(entry.pattern), params)


def url_for(route: Route, dataset, extra: dict, values: dict | None = None) -> str | None:
    """The route's URL for this dataset; None when the route cannot name it (a fixed choice
    such as the admin's app list is filled with a valid value instead). `values` are
    `url_values(dataset, extra)`, when already at hand."""
    values = url_values(dataset, extra) if values is None else values
    values = {
        **values,
        # CKAN's routes take an action name; the others, a table's.
        "name": "package_patch" if route.name.startswith("api:ckan") else values["name"],
        "pk": (
            extra["device_pk"]
            if "otp_totp" in route.name
            else extra["agreement_pk"]
            if "agreement" in route.name
            else extra["request_pk"]
        ),  # fmt: skip
    }
    kwargs = {p: values.get(p, dataset.slug) for p in route.params}
    try:
        return reverse(route.name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def url_values(dataset, extra: dict) -> dict:
    """What url_for fills a route's parameters with, for this dataset (the same for every
    route but the few url_for picks per route)."""
    resource = dataset.resources.order_by("pk").first()
    tables = datastore.tables_for_dataset(dataset)
    return {
        "name": tables[0].name if tables else None,
        "token_id": 1,
        "slug": dataset.slug,
        "resource": resource.uuid if resource else None,
        "number": 1,
        "grant_id": dataset.grants.order_by("pk").first().pk if dataset.grants.exists() else 1,
        "token": "not-a-valid-token",
        "object_id": dataset.pk,
        "content_type_id": ContentType.objects.get_for_model(dataset).pk,
        "app_label": "catalogue",
        "uidb64": "MQ",
        "start": SERIES_PERIOD.isoformat(),  # the period marked_world uploads to each series
        "code_key": "spend",  # a Transparency Code dataset (transparency:register-code)
    }


def dataset_urls(dataset, extra: dict) -> list[tuple[Route, str]]:
    """Every route that url_for can fill in for this dataset, with its URL."""
    values = url_values(dataset, extra)
    found = ((route, url_for(route, dataset, extra, values)) for route in routes())
    return [(route, url) for route, url in found if url is not None]


def signed_in(client, user) -> None:
    """Make sure `user` is signed in on `client` (a POST may have signed them out), without
    signing in again when they still are: force_login saves the user, which re-indexes them
    for search, and a probe of every route would do that hundreds of times."""
    if client.session.get(SESSION_KEY) != str(user.pk):
        client.force_login(user)


SERIES_PERIOD = date(2025, 4, 1)


def _marked_series(ds, MARKER: str) -> None:
    """The dataset as a spend series with a file waiting for its first period, whose check
    (problems, names to redact, headings) carries the marker."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    series = series_services.series_save(
        actor=None, dataset=ds, schema="spend", frequency="quarterly",
        responsible_unit=ds.publisher, first_period_start=SERIES_PERIOD,
    )  # fmt: skip
    stored = default_storage.save(
        f"transparency/pending/{ds.uuid}/marked.csv", ContentFile(f"{MARKER}\n{MARKER}\n".encode())
    )
    problem = {"row": 2, "column": MARKER, "message": f"Problem {MARKER}", "value": MARKER}
    Period.objects.create(
        series=series, start=SERIES_PERIOD, end=date(2025, 6, 30),
        report={"upload": {"file": stored, "filename": f"{MARKER}.csv", "headers": [MARKER], "rows": 1},
                "mapping": {}, "validation": {"ok": False, "errors": [problem], "warnings": [problem]},
                "redaction": {"flagged": [{"row": 2, "column": MARKER, "value": MARKER}]}},
    )  # fmt: skip


def marked_world():
    """The shared test council, with the marker in every text of the secret datasets."""
    world = build_world()
    world.people["resident"] = person("Rita Resident")
    for kind in ("internal", "restricted", "draft"):
        ds, MARKER = world.datasets[kind], marker(kind)
        catalogue.dataset_update(
            actor=None, dataset=ds,
            data={"title": f"{ds.title} {MARKER}", "summary": f"About {MARKER}",
                  "description": f"Describes {MARKER}", "contact_name": f"{MARKER} Team",
                  "spatial_coverage": MARKER},
            keywords=[f"kw{MARKER.lower()}"],
        )  # fmt: skip
        text = f"col_{MARKER}\n{MARKER}\n"
        if kind == "restricted":
            # A column every grantee may see, and one only a full grant gives (its own marker:
            # the column-limited grantee may see the dataset's title, never this column).
            HIDDEN = marker("column")
            text = f"col_{MARKER},ward,col_{HIDDEN}\n{MARKER},North,{HIDDEN} value\n"
        upload = SimpleUploadedFile(f"{MARKER}.csv", text.encode())
        resource = catalogue.resource_add_file(
            actor=None, dataset=ds, title=f"File {MARKER}", upload=upload
        )
        # Its table too, so the marker is in column titles and cells that pages could show.
        datastore.ingest_version(resource.current_version)
        _marked_series(ds, MARKER)
    # Someone given only the restricted dataset's "ward" column (see the column leak probe).
    world.people["column_grantee"] = person(
        "Cora Columns", team=world.lettings, roles=[("staff", None)]
    )
    governance.grant_create(
        dataset=world.datasets["restricted"], approver=world.people["steward"],
        purpose="Counting by ward", expires=timezone.now() + timedelta(days=30),
        user=world.people["column_grantee"], columns=["ward"],
    )  # fmt: skip
    # A request from someone outside the roles above, so its page exists to probe.
    MARKER = marker("restricted")
    asker = person("Ash Asker", roles=[("staff", None)])
    ask = requests.access_request_create(
        dataset=world.datasets["restricted"], requester=asker, purpose=f"Purpose {MARKER}",
        lawful_basis="public_task", needed_until=timezone.localdate() + timedelta(days=9),
        agreement_reference=MARKER,
    )  # fmt: skip
    agreement = DataSharingAgreement.objects.create(
        title="Sharing with the NHS trust", purpose="Care planning", data_items="Visits",
        lawful_basis="public_task", retention="Two years", review_date=timezone.localdate(),
    )  # fmt: skip
    agreement.datasets.set([world.datasets[k] for k in ("internal", "restricted", "draft")])
    agreement.grants.set(world.datasets["restricted"].grants.all())
    # An authenticator of the admin's, so the admin's device pages (QR code, config) have one.
    device = TOTPDevice.objects.create(user=world.people["admin"], name="Phone", confirmed=False)
    # Each secret dataset meets a Transparency Code dataset, with a period missing, so the
    # register's pages, JSON and dashboard are probed with series someone may not see.
    for kind, key in (("internal", "fraud"), ("restricted", "senior-salaries"),
                      ("draft", "pay-multiple")):  # fmt: skip
        # marked_world made each a spend series above; the register reads code_dataset.
        Series.objects.filter(dataset=world.datasets[kind]).update(code_dataset=key)
    return world, {"request_pk": ask.pk, "agreement_pk": agreement.pk, "device_pk": device.pk}
