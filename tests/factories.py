"""factory_boy factories and `build_world`, a small council with one dataset at each access
level, one draft, and a person in each role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import factory
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from townsquare.accounts.models import OrgUnit, Role, User
from townsquare.catalogue import services as catalogue
from townsquare.catalogue.models import Dataset
from townsquare.governance import services as governance


def unit(name: str, kind: str, parent: OrgUnit | None = None) -> OrgUnit:
    fields = {"name": name, "slug": name.lower().replace(" ", "-"), "kind": kind}
    if parent:
        return OrgUnit.objects.add_child(parent, fields)
    return OrgUnit.objects.add_root(fields)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"person{n}@council.example")
    slug = factory.Sequence(lambda n: f"person-{n}")
    password = factory.django.Password("correct horse battery staple")


def person(name: str, *, team: OrgUnit | None = None, roles=(), admin: bool = False) -> User:
    slug = name.lower().replace(" ", "-")
    user = UserFactory(name=name, email=f"{slug}@council.example", slug=slug, team=team,
                       is_superuser=admin)  # fmt: skip
    for kind, scope in roles:
        Role.objects.create(user=user, kind=kind, unit=scope)
    return user


def dataset(title: str, *, publisher: OrgUnit, access_level: str, status: str = "published",
            steward: User | None = None, with_file: bool = True) -> Dataset:  # fmt: skip
    ds = catalogue.dataset_create(
        actor=None, title=title, publisher=publisher, access_level=access_level, steward=steward,
        summary=f"Summary of {title}",
    )  # fmt: skip
    if with_file:
        upload = SimpleUploadedFile("data.csv", b"a,b\n1,2\n", content_type="text/csv")
        catalogue.resource_add_file(actor=None, dataset=ds, title="The data", upload=upload)
    if status == "published":
        catalogue.dataset_publish(actor=None, dataset=ds)
    return ds


@dataclass
class World:
    council: OrgUnit
    finance: OrgUnit
    payments: OrgUnit
    housing: OrgUnit
    lettings: OrgUnit
    people: dict[str, User | None]
    datasets: dict[str, Dataset]


def org_units() -> dict[str, OrgUnit]:
    """A council with two directorates, each with one team: the tree most tests need."""
    council = unit("Council", "organisation")
    finance = unit("Finance", "directorate", council)
    payments = unit("Payments", "team", finance)
    housing = unit("Housing", "directorate", council)
    lettings = unit("Lettings", "team", housing)
    return {"council": council, "finance": finance, "payments": payments, "housing": housing,
            "lettings": lettings}  # fmt: skip


def build_world() -> World:
    units = org_units()
    council, finance, payments = units["council"], units["finance"], units["payments"]
    housing, lettings = units["housing"], units["lettings"]
    staff = ("staff", None)
    people = {
        "anonymous": None,
        "staff": person("Sam Staff", team=lettings, roles=[staff]),
        "other_publisher": person(
            "Olu Other", team=lettings, roles=[staff, ("publisher", housing)]
        ),
        "grantee": person("Gita Grantee", team=lettings, roles=[staff]),
        "team_grantee": person("Tom Teammate", team=payments, roles=[staff]),
        "publisher": person("Pat Publisher", team=payments, roles=[staff, ("publisher", finance)]),
        "steward": person("Stella Steward", team=payments, roles=[staff, ("steward", finance)]),
        "admin": person("Ada Admin", admin=True),
    }
    datasets = {
        level: dataset(f"Zebra {level} ledger", publisher=payments, access_level=level)
        for level in ("open", "internal", "restricted")
    }
    datasets["draft"] = dataset(
        "Zebra draft ledger", publisher=payments, access_level="open", status="draft"
    )
    expires = timezone.now() + timedelta(days=30)
    governance.grant_create(
        dataset=datasets["restricted"],
        approver=people["steward"],
        purpose="Checking payments",
        expires=expires,
        user=people["grantee"],
    )
    # A grant to a directorate covers the teams under it.
    governance.grant_create(dataset=datasets["restricted"], approver=people["steward"],
                            purpose="Audit", expires=expires, unit=finance)  # fmt: skip
    return World(council, finance, payments, housing, lettings, people, datasets)


def date_parts(name: str, day) -> dict[str, str]:
    """The three boxes of a GOV.UK date input (crispy-forms-gds DateInputField)."""
    if day is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def dataset_form_data(ds: Dataset | None = None, **changes) -> dict[str, object]:
    """What the dataset form posts: the current values of `ds` (or a minimal new dataset),
    with `changes` applied. Dates are `datetime.date`s; themes a list of ids."""
    values: dict[str, object] = {
        "title": "", "summary": "", "description": "", "publisher": "", "steward": "",
        "contact_name": "", "contact_email": "", "access_level": "open", "licence": "",
        "security_classification": "OFFICIAL", "themes": [], "keywords_text": "",
        "update_frequency": "irregular", "temporal_start": None, "temporal_end": None,
        "spatial_coverage": "",
    }  # fmt: skip
    if ds is not None:
        for name in values:
            if hasattr(ds, name) and name not in ("themes", "publisher", "steward", "licence"):
                values[name] = getattr(ds, name)
        values.update(
            publisher=ds.publisher_id, steward=ds.steward_id or "", licence=ds.licence_id,
            themes=list(ds.themes.values_list("pk", flat=True)),
            keywords_text=", ".join(ds.keywords.values_list("name", flat=True)),
            contains_personal_data=ds.contains_personal_data,
            contains_special_category_data=ds.contains_special_category_data,
        )  # fmt: skip
    values.update(changes)
    data: dict[str, object] = {}
    for name, value in values.items():
        if name in ("temporal_start", "temporal_end"):
            data.update(date_parts(name, value))
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = value
    return data


def stored_files() -> list[str]:
    """Every file in the default storage's folder, relative to it (conftest puts it in
    tmp_path/"files")."""
    root = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def complete_dataset(publisher: OrgUnit, *, title: str = "Complete parking ledger") -> Dataset:
    """An open, published dataset with every descriptive field filled in, a file and a link:
    what the open-standards feeds (DCAT, schema.org, Data Package) must describe in full."""
    from datetime import date

    from townsquare.catalogue.models import Theme

    ds = catalogue.dataset_create(
        actor=None, title=title, publisher=publisher, access_level="open",
        summary="Every parking charge collected, by car park and month.",
        description="Parking charges by car park.\n\nFigures are in pounds.",
        contact_name="Parking team", contact_email="parking@council.example",
        update_frequency="monthly", temporal_start=date(2024, 4, 1),
        temporal_end=date(2025, 3, 31), spatial_coverage="Eastmere Borough",
        themes=Theme.objects.filter(slug__in=["transport", "government-spending"]),
        keywords=["parking", "car parks"],
    )  # fmt: skip
    upload = SimpleUploadedFile(
        "charges.csv", b"car_park,month,amount\nHigh Street,2024-04,1200.50\n",
        content_type="text/csv",
    )  # fmt: skip
    catalogue.resource_add_file(actor=None, dataset=ds, title="Charges", upload=upload,
                                description="One row per car park and month.")  # fmt: skip
    catalogue.resource_add_link(actor=None, dataset=ds, title="Parking strategy",
                                url="https://www.council.example/parking", fmt="HTML")  # fmt: skip
    catalogue.dataset_publish(actor=None, dataset=ds)
    return ds


def table_from_sql(
    ds: Dataset, select_sql: str, *, name: str = "spend", schema: dict | None = None
):
    """A live datastore Table on the dataset's first file, its Parquet written by DuckDB from
    `select_sql` (no ingest involved). Without a schema, every column is a field."""
    import duckdb
    from django.core.files.storage import default_storage

    from townsquare.datastore.models import Table

    resource = ds.resources.first()
    stored = f"tables/{ds.uuid}/{name}.parquet"
    path = Path(default_storage.path(stored))
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute(f"COPY ({select_sql}) TO '{path}' (FORMAT parquet)")  # noqa: S608
    if schema is None:
        described = con.execute(f"DESCRIBE ({select_sql})").fetchall()  # noqa: S608
        schema = {"fields": [{"name": row[0], "title": row[0]} for row in described]}
    rows = con.execute(f"SELECT count(*) FROM ({select_sql})").fetchone()[0]  # noqa: S608
    return Table.objects.create(
        resource=resource, name=name, source_version=resource.current_version, parquet=stored,
        table_schema=schema, row_count=rows, column_count=len(schema["fields"]),
    )  # fmt: skip
