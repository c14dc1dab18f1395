"""Every environment variable the code reads is documented in docs/configuration.md, and every
command of ours appears in the README or docs."""

import re
from pathlib import Path

import townsquare

SRC = Path(townsquare.__file__).parent
ROOT = SRC.parent.parent
READS = re.compile(r"""(?:env(?:\.\w+)?|environ\.get|getenv)\(\s*["']([A-Z][A-Z0-9_]+)["']""")


def _variables_read() -> set[str]:
    found = set()
    for path in SRC.rglob("*.py"):
        found.update(READS.findall(path.read_text()))
    return found - {"DJANGO_SETTINGS_MODULE"}


def test_every_environment_variable_is_documented():
    documented = set(
        re.findall(r"^\| `([A-Z0-9_]+)`", (ROOT / "docs/configuration.md").read_text(), re.M)
    )
    variables = _variables_read()
    assert "DATABASE_URL" in variables  # the pattern finds what settings.py reads
    assert variables - documented == set()


def test_every_project_command_is_documented():
    commands = {p.stem for p in SRC.glob("*/management/commands/*.py") if p.stem != "__init__"}
    text = (ROOT / "README.md").read_text() + "".join(
        p.read_text() for p in (ROOT / "docs").rglob("*.md")
    )
    assert {c for c in commands if f"townsquare {c}" not in text} == set()
