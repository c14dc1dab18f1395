"""How datasets appear in search (see `townsquare.search.registry`). A published open dataset
is public and a published internal one is for staff, as the access policy says; a restricted
dataset or a draft carries its id, checked against the few ids
`core.access.restricted_dataset_ids_visible_to` gives each searcher."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet
from django.db.models.signals import post_delete

from townsquare.accounts.models import OrgUnit
from townsquare.search.registry import (
    ALL,
    PUBLIC,
    STAFF,
    SearchDocument,
    register_source,
    register_visibility,
)

from .models import AccessLevel, Dataset, Resource

VISIBILITY = "dataset"


class DatasetSource:
    kind = "dataset"
    label = "Datasets"
    label_one = "Dataset"
    model = Dataset

    def _queryset(self) -> QuerySet[Dataset]:
        return Dataset.objects.select_related("publisher").prefetch_related(
            "themes",
            "keywords",
            Prefetch("resources", queryset=Resource.objects.only("dataset_id", "format")),
        )

    def documents(self) -> Iterator[SearchDocument]:
        directorates = _directorates()
        for dataset in self._queryset().order_by("pk").iterator(chunk_size=500):
            yield _document(dataset, directorates)

    def document_for(self, obj: Dataset) -> SearchDocument:
        dataset = self._queryset().get(pk=obj.pk)
        return _document(dataset, _directorates())

    def key_for(self, obj: Dataset) -> str:
        return str(obj.pk)


def _directorates() -> dict[str, str]:
    """Directorate names by tree path prefix: a dataset's directorate is the one above it."""
    return dict(OrgUnit.objects.filter(kind=OrgUnit.Kind.DIRECTORATE).values_list("path", "name"))


def _directorate(unit: OrgUnit, directorates: dict[str, str]) -> str:
    for path, name in directorates.items():
        if unit.path.startswith(path):
            return name
    return ""


def _document(dataset: Dataset, directorates: dict[str, str]) -> SearchDocument:
    themes = [t.title for t in dataset.themes.all()]
    keywords = [k.name for k in dataset.keywords.all()]
    formats = sorted({r.format for r in dataset.resources.all() if r.format})
    audience = None  # restricted, or a draft: by id
    if dataset.is_published and dataset.access_level == AccessLevel.OPEN:
        audience = PUBLIC
    elif dataset.is_published and dataset.access_level == AccessLevel.INTERNAL:
        audience = STAFF
    return SearchDocument(
        kind="dataset",
        key=str(dataset.pk),
        title=dataset.title,
        keywords=" ".join([*keywords, *themes, dataset.publisher.name]),
        body=f"{dataset.summary}\n{dataset.description}\n{_columns_text(dataset)}",
        url=dataset.get_absolute_url(),
        updated=dataset.modified,
        published=dataset.is_published,
        facets={
            "publisher": [dataset.publisher.name],
            "directorate": [_directorate(dataset.publisher, directorates)],
            "theme": themes,
            "format": formats,
            "access": [dataset.get_access_level_display()],
            "tag": keywords,
        },
        visibility=audience or VISIBILITY,
        scope_id=None if audience else dataset.pk,
    )


def _columns_text(dataset: Dataset) -> str:
    """The names and titles of the columns in the dataset's tables, so a search for a column
    ("uprn", "supplier name") finds the dataset that has it."""
    from townsquare.datastore.api import tables_for_dataset

    words: dict[str, None] = {}
    for table in tables_for_dataset(dataset):
        for f in table.fields:
            for text in (f.get("title"), f.get("name", "").replace("_", " ")):
                if text:
                    words[text] = None
    return ("Columns: " + "; ".join(words)) if words else ""


def _visible_ids(user) -> Iterable[int] | object:
    """The restricted and unpublished datasets this user may see (open and internal ones are
    found by the entry's audience). A dataset read through a grant of only some columns is
    left out: its entry lists every column's name."""
    from townsquare.core.access import (
        column_limited_dataset_ids,
        restricted_dataset_ids_visible_to,
    )

    ids = restricted_dataset_ids_visible_to(user)
    if ids is None:
        return ALL
    limited = column_limited_dataset_ids(user)
    return ids - limited if limited else ids


def _dataset_deleted(sender, instance: Dataset, **kwargs) -> None:
    # `dataset_delete` removes the entry itself; this catches deletes that bypass it (the
    # admin, a cascade from a unit), in the same transaction.
    from townsquare.search.api import remove_object

    remove_object(instance)


def register() -> None:
    register_source(DatasetSource())
    register_visibility(VISIBILITY, _visible_ids)
    post_delete.connect(_dataset_deleted, sender=Dataset, dispatch_uid="search-dataset-deleted")
