"""Every page is sent with a strict Content Security Policy and the usual protective headers.
(The browser tests check that no page breaks that policy.)"""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/datasets/", "/accounts/sign-in/", "/no-such-page/"])
def test_pages_carry_a_strict_content_security_policy(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_admin_keeps_djangos_own_headers(client):
    assert "Content-Security-Policy" not in client.get("/admin/login/")
