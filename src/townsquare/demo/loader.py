"""Load the demo council into an empty database, through the same services the app uses, so
the demo exercises real code paths (audit log, file storage, versions)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from townsquare.accounts.models import OrgUnit, Role, User
from townsquare.catalogue import services as catalogue
from townsquare.catalogue.models import Dataset, Licence, Theme
from townsquare.governance import api as governance_api
from townsquare.governance import services as governance
from townsquare.governance.models import ServiceContact
from townsquare.search import api as search_index

from . import council, files, knowledge_content, knowledge_questions, transparency
from .council import DatasetSpec, PersonSpec, UnitSpec


def demo_loaded() -> bool:
    return OrgUnit.objects.filter(slug=council.COUNCIL.slug).exists()


@transaction.atomic
def load_demo(today: date | None = None) -> dict[str, int]:
    """Create the council, its people and datasets. Does nothing if it is already there. The
    Transparency Code periods are dated from `today` (the real today unless given)."""
    if demo_loaded():
        return {}
    units = {spec.slug: unit for spec, unit in _create_units(council.COUNCIL, None)}
    # Hash the shared demo password once: hashing is slow by design, sixty times over.
    password = make_password(council.DEMO_PASSWORD)
    people = {p.email: _create_person(p, units, password) for p in council.PEOPLE}
    _add_service_contacts(next(u for u in people.values() if u.is_superuser))
    for spec in council.DATASETS:
        _create_dataset(spec, units, people)
    questions = knowledge_questions.load_questions()
    content = knowledge_content.load_content()
    code_series = transparency.load_registrations(today)
    search_index.rebuild()  # people are created directly, not through a service
    return {"units": len(units), "people": len(people), "datasets": len(council.DATASETS),
            **questions, **content, **code_series}  # fmt: skip


def _add_service_contacts(administrator: User) -> None:
    """Before any file is uploaded, so the scan ignores them from the first."""
    for value, description in files.SERVICE_CONTACTS:
        governance.service_contact_save(
            contact=ServiceContact(value=value, description=description), actor=administrator
        )


def _create_units(spec: UnitSpec, parent: OrgUnit | None) -> Iterator[tuple[UnitSpec, OrgUnit]]:
    fields = {"name": spec.name, "slug": spec.slug, "kind": spec.kind,
              "description": spec.description, "email": spec.email}  # fmt: skip
    unit = OrgUnit.objects.add_child(parent, fields) if parent else OrgUnit.objects.add_root(fields)
    yield spec, unit
    for child in spec.children:
        yield from _create_units(child, unit)


def _create_person(spec: PersonSpec, units: dict[str, OrgUnit], password: str) -> User:
    slug, n = slugify(spec.name), 2
    while User.objects.filter(slug=slug).exists():
        slug, n = f"{slugify(spec.name)}-{n}", n + 1
    is_admin = any(kind == "administrator" for kind, _ in spec.roles)
    user = User.objects.create(
        email=spec.email, password=password, name=spec.name, slug=slug, job_title=spec.job_title,
        team=units.get(spec.team_slug), bio=spec.bio, phone=spec.phone, skills=list(spec.skills),
        is_superuser=is_admin,
    )  # fmt: skip
    for kind, unit_slug in spec.roles:
        if kind != "administrator":
            Role.objects.get_or_create(user=user, kind=kind, unit=units.get(unit_slug or ""))
    return user


def _create_dataset(spec: DatasetSpec, units: dict[str, OrgUnit], people: dict[str, User]):
    steward = people.get(spec.steward_email)
    dataset = catalogue.dataset_create(
        actor=steward,
        title=spec.title,
        slug=spec.slug,
        publisher=units[spec.publisher_slug],
        themes=Theme.objects.filter(slug__in=spec.themes),
        keywords=spec.keywords,
        summary=spec.summary,
        description=spec.description,
        steward=steward,
        contact_name=spec.contact_name,
        contact_email=spec.contact_email,
        licence=Licence.objects.get(pk=spec.licence_id),
        access_level=spec.access_level,
        security_classification=spec.classification,
        contains_personal_data=spec.personal_data,
        contains_special_category_data=spec.special_category,
        update_frequency=spec.update_frequency,
        temporal_start=spec.temporal_start,
        temporal_end=spec.temporal_end,
        spatial_coverage=spec.spatial,
    )
    for file in spec.files:
        if file.build is not None:
            upload = SimpleUploadedFile(file.filename, file.build())
            catalogue.resource_add_file(actor=steward, dataset=dataset, title=file.title,
                                        description=file.description, upload=upload)  # fmt: skip
        elif file.url:
            catalogue.resource_add_link(actor=steward, dataset=dataset, title=file.title,
                                        url=file.url, fmt=file.format,
                                        description=file.description)  # fmt: skip
    if spec.status == Dataset.Status.PUBLISHED:
        _publish(dataset, steward)
    for grant in spec.grants:
        governance.grant_create(
            dataset=dataset,
            approver=people[grant.approver_email],
            purpose=grant.purpose,
            expires=timezone.now() + timedelta(days=grant.days),
            user=people.get(grant.person_email or ""),
            unit=units.get(grant.unit_slug or ""),
        )


# Where the personal-data scan cannot clear a demo file before publishing (a file it checks
# only once the worker loads it), its steward publishes with a reason, which shows the
# override in the demo's audit trail. Its service contacts are on the scan's list instead.
DEMO_OVERRIDE = "Demo data: made-up role-based contacts and public office holders, reviewed"


def _publish(dataset: Dataset, steward: User) -> None:
    try:
        catalogue.dataset_publish(actor=steward, dataset=dataset)
    except governance_api.PublishBlocked:
        catalogue.dataset_publish(actor=steward, dataset=dataset, override_reason=DEMO_OVERRIDE)
