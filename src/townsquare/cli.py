"""The `townsquare` command: Django's management commands plus the project's own
(`demo`, `serve`), with the settings module already chosen."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townsquare.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["townsquare", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
