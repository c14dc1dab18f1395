"""schemathesis generates requests from /api/v1/openapi.json (a bounded, repeatable number of
examples per operation) against the small council: no request may cause a server error, and
every response must match the document: its status codes, content types and body schemas."""

from contextlib import contextmanager

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import checks
from schemathesis.specs.openapi import checks as openapi_checks

CHECKS = [
    checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
]
EXAMPLES = settings(
    max_examples=25, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck)
)


@contextmanager
def connections_kept_open():
    """As Django's test client does: the WSGI handler would otherwise close the test's database
    connection (inside its transaction) at the end of each request, on PostgreSQL."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (signals.request_started, signals.request_finished):
            signal.connect(close_old_connections)


@pytest.mark.django_db
def test_no_server_errors_and_responses_match_the_document(world, settings):
    settings.API_RATE_LIMIT_ANONYMOUS = 0  # hundreds of requests in a few seconds
    with connections_kept_open():
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 12
        for operation in operations:

            @EXAMPLES
            @given(case=operation.as_strategy())
            def check(case):
                case.call_and_validate(checks=CHECKS)

            check()
