"""Background work: ingest jobs run by the task worker (`townsquare db_worker`)."""

from __future__ import annotations

from django_tasks import task

from .models import IngestJob


@task()
def ingest_task(job_pk: int) -> str:
    from .api import run_job

    job = IngestJob.objects.select_related("version__resource__dataset").filter(pk=job_pk).first()
    if job is None or job.status != IngestJob.Status.QUEUED:
        return "skipped"
    return run_job(job).status
