"""Helpers for the browser journeys: signing in through the real form, and axe-core checks.

They live here rather than in conftest.py so tests can import them (`from browser_support
import sign_in`): tests/conftest.py and this folder's conftest.py would both be `conftest`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "correct horse battery staple"  # every user build_world() makes has it


def sign_in(page, live_server, user, password: str = PASSWORD) -> None:
    """Sign in through the real sign-in form, as a person would."""
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    signed_in = page.get_by_role("button", name="Sign out")
    expect(signed_in, f"{user.email} should be signed in").to_have_count(1)


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_have_count(1)


def axe_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `npm ci` in the project folder")
    # Evaluated through the DevTools protocol, not as a <script> tag: the site's Content
    # Security Policy rightly refuses inline scripts.
    page.evaluate(AXE.read_text())
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags}})
                      .then(results => results.violations)""",
        AXE_TAGS,
    )


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact') or 'no impact given'}): {v['help']}")
        lines.append(f"  {v['helpUrl']}")
        for node in v["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            for line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"      {line.strip()}")
    return "\n".join(lines)


def assert_no_axe_violations(page) -> None:
    """Fail with a readable list when axe-core finds WCAG 2.2 AA problems on the page."""
    violations = axe_violations(page)
    if violations:
        pytest.fail(
            f"axe-core found {len(violations)} WCAG 2.2 AA problem(s) on {page.url}:\n"
            + format_violations(violations),
            pytrace=False,
        )
