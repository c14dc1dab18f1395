"""Views fetch through selectors and core.access, never straight from the ORM, so no view can
skip the access policy. (STYLE.md: one door to the data.)"""

import re
from pathlib import Path

import townsquare

SRC = Path(townsquare.__file__).parent
ORM_READ = re.compile(r"\b[A-Z]\w*\.objects\.|\.objects\.(get|filter|all|exclude|raw)\(")


def test_no_view_queries_models_directly():
    offenders = [
        f"{path.relative_to(SRC)}:{n}: {line.strip()}"
        for path in SRC.glob("*/views.py")
        for n, line in enumerate(path.read_text().splitlines(), start=1)
        if ORM_READ.search(line)
    ]
    assert offenders == []


def test_the_check_would_notice_one():
    assert ORM_READ.search("    dataset = Dataset.objects.get(slug=slug)")
