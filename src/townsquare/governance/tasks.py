"""Background tasks (django-tasks), run by the worker `townsquare serve` starts."""

from django_tasks import task

from . import services


@task()
def expire_grants() -> int:
    """Close grants whose end date has passed; `townsquare serve` enqueues this every minute."""
    return len(services.grants_expire())
