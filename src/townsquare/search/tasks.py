"""Background tasks (django-tasks), run by the worker `townsquare serve` starts."""

from django_tasks import task


@task()
def catch_up() -> int:
    """Apply to the tantivy index any committed change still in the outbox (its after-commit
    step failed, or another writer held the lock), and build the index if there is none yet
    (a first start on tantivy). `townsquare serve` enqueues this every minute; searches read
    pending documents from the database meanwhile, so nothing is ever missing or stale."""
    from .backends import get_backend
    from .models import Document

    if get_backend().name != "tantivy":
        return 0
    from . import tantivy_backend

    if tantivy_backend.index_missing() and Document.objects.exists():
        tantivy_backend.rebuild_index()
    return tantivy_backend.apply_pending(blocking=True)
