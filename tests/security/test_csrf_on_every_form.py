"""Every URL refuses a POST without a CSRF token, for everyone, and every form the site renders
carries one."""

import re

import pytest
from django.test import Client
from security_support import dataset_urls, signed_in

# Views that need no CSRF protection, with the reason. Keep empty unless there is a good one.
CSRF_EXEMPT: set[str] = set()


@pytest.mark.parametrize("who", ["anonymous", "admin", "publisher"])
def test_a_post_without_a_token_is_refused_everywhere(marked, who):
    world, extra = marked
    client = Client(enforce_csrf_checks=True)
    for kind in ("restricted", "open"):
        for route, url in dataset_urls(world.datasets[kind], extra):
            if route.name in CSRF_EXEMPT:
                continue
            if world.people[who] is not None:
                signed_in(client, world.people[who])
            response = client.post(url, {"title": "x", "reason": "x", "decision": "refuse"})
            if who == "anonymous" and url.startswith("/api/"):
                # No session to abuse: the APIs refuse in their own terms (401 send a token,
                # 404, 405, 422), never by doing what was asked.
                assert 400 <= response.status_code < 500, (who, url, response.status_code)
            else:
                assert response.status_code == 403, (who, url, response.status_code)


def test_every_rendered_post_form_has_a_token(marked):
    world, extra = marked
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.people["admin"])
    checked = 0
    for route, url in dataset_urls(world.datasets["restricted"], extra):
        if route.name.startswith("admin:"):
            continue
        response = client.get(url)
        if response.status_code != 200 or getattr(response, "streaming", False):
            continue
        html = response.content.decode()
        for form in re.findall(r"<form\b[^>]*>.*?</form>", html, re.S | re.I):
            if re.search(r'method="post"', form, re.I):
                checked += 1
                assert 'name="csrfmiddlewaretoken"' in form, (url, form[:200])
    assert checked > 5  # the sign-out form on each page, the dataset forms, the sharing form
