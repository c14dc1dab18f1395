"""`townsquare serve`: the web server (gunicorn, static files by WhiteNoise) and the task
worker, started together and stopped together."""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from townsquare.core.schedule import enqueue_periodic


class Command(BaseCommand):
    help = "Serve Townsquare with gunicorn and run the background task worker beside it."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("TOWNSQUARE_WEB_WORKERS", "2")),
            help="gunicorn worker processes",
        )
        parser.add_argument("--no-worker", action="store_true", help="do not run the task worker")
        parser.add_argument(
            "--schedule-seconds",
            type=int,
            default=int(os.environ.get("TOWNSQUARE_SCHEDULE_SECONDS", "60")),
            help="how often to enqueue the periodic tasks (such as ending expired grants)",
        )

    def handle(self, *args, host, port, workers, no_worker, schedule_seconds, **options):
        bin_dir = os.path.dirname(sys.executable)
        web = [
            os.path.join(bin_dir, "gunicorn"),
            "townsquare.wsgi:application",
            f"--bind={host}:{port}",
            f"--workers={workers}",
            "--access-logfile=-",
            "--forwarded-allow-ips=127.0.0.1",
            "--timeout=120",
        ]
        worker = [os.path.join(bin_dir, "townsquare"), "db_worker"]
        processes = [subprocess.Popen(web)]  # noqa: S603 - fixed arguments
        if not no_worker:
            processes.append(subprocess.Popen(worker))  # noqa: S603
        self.stdout.write(self.style.SUCCESS(f"Townsquare is at http://{host}:{port}/"))

        def stop(*_):
            for p in processes:
                if p.poll() is None:
                    p.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        next_run = time.monotonic()
        try:
            while all(p.poll() is None for p in processes):
                if not no_worker and time.monotonic() >= next_run:
                    next_run = time.monotonic() + schedule_seconds
                    self._enqueue_periodic()
                time.sleep(0.5)
        finally:
            stop()
            for p in processes:
                p.wait(timeout=30)
        failed = [p.returncode for p in processes if p.returncode not in (0, -15, None)]
        if failed:
            raise SystemExit(failed[0])

    def _enqueue_periodic(self) -> None:
        # A failure here (the database briefly away) must not stop the site: try next time.
        try:
            enqueue_periodic()
        except Exception as error:  # noqa: BLE001
            self.stderr.write(f"Could not enqueue the periodic tasks: {error}")
        finally:
            close_old_connections()
