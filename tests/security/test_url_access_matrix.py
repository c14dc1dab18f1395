"""The access matrix over every URL the resolver knows (so a new route is covered without anyone
remembering it) × every kind of person × every access level: a dataset someone may not see
never shows its marker, on GET or POST, and no page fails."""

import pytest
from security_support import MAY_SEE, ROLES, dataset_urls, marker, routes, signed_in, url_for

# Routes that take no part of a dataset and cannot be filled in; kept short and explained.
UNFILLABLE: set[str] = set()


def test_every_route_is_probed(marked):
    world, extra = marked
    names = {r.name for r in routes()}
    assert {"catalogue:dataset", "governance:request-detail", "admin:index"} <= names
    missing = {r.name for r in routes() if url_for(r, world.datasets["restricted"], extra) is None}
    assert missing <= UNFILLABLE, missing


def _probe(client, url: str, method: str):
    response = getattr(client, method)(url)
    assert response.status_code < 500, (method, url, response.status_code)
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace") + response.get("Location", "")


FORBIDDEN = [(who, kind) for kind in MAY_SEE for who in ROLES if who not in MAY_SEE[kind]]


@pytest.mark.parametrize(("who", "kind"), FORBIDDEN)
def test_no_route_shows_a_dataset_to_someone_who_may_not_see_it(client, marked, who, kind):
    world, extra = marked
    user = world.people[who]
    dataset = world.datasets[kind]
    for _route, url in dataset_urls(dataset, extra):
        for method in ("get", "post"):
            if user is not None:
                signed_in(client, user)  # again, in case the last POST signed out
            body = _probe(client, url, method)
            assert marker(kind) not in body, (who, kind, method, url)


@pytest.mark.parametrize("who", ["publisher", "steward", "grantee", "admin"])
def test_those_who_may_see_a_restricted_dataset_get_pages_not_errors(client, marked, who):
    world, extra = marked
    client.force_login(world.people[who])
    dataset = world.datasets["restricted"]
    for _route, url in dataset_urls(dataset, extra):
        _probe(client, url, "get")
    assert marker("restricted") in client.get(dataset.get_absolute_url()).content.decode()
