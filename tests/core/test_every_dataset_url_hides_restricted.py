"""A meta-test: every URL pattern that names a dataset, now and as new ones are added, hides a
restricted or draft dataset from people who may not see it: a 404 (or, for pages that need a
sign-in, the sign-in page), never the page, an error or the title, on GET or POST."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse


def _dataset_patterns(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _dataset_patterns(entry, inner)
        elif _names_a_dataset(entry):
            yield f"{namespace}{entry.name}", set(entry.pattern.converters)


def _names_a_dataset(entry) -> bool:
    return (
        isinstance(entry, URLPattern)
        and "slug" in entry.pattern.converters
        and bool(entry.name)
        and "datasets/" in str(entry.pattern)
    )


def _url_for(name: str, params: set[str], dataset) -> str:
    values = {"slug": dataset.slug}
    resource = dataset.resources.first()
    if "resource" in params:
        values["resource"] = resource.uuid
    if "number" in params:
        values["number"] = 1
    if "name" in params:  # a datastore table
        values["name"] = "data"
    if "start" in params:  # a period of a Transparency series
        values["start"] = "2025-04-01"
    if "grant_id" in params:
        values["grant_id"] = dataset.grants.first().pk if dataset.grants.exists() else 1
    return reverse(name, kwargs=values)


def test_the_meta_test_finds_the_dataset_urls():
    names = {name for name, _ in _dataset_patterns()}
    assert {
        "catalogue:dataset",
        "catalogue:resource-download",
        "governance:dataset-sharing",
    } <= names


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "staff", "other_publisher"])
@pytest.mark.parametrize("kind", ["restricted", "draft"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_every_dataset_url_hides_what_the_user_may_not_see(client, module_world, who, kind, method):
    world = module_world
    user = world.people[who]
    if user is not None:
        client.force_login(user)
    dataset = world.datasets[kind]
    for name, params in _dataset_patterns():
        url = _url_for(name, params, dataset)
        response = getattr(client, method)(url)
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/sign-in/"), url
        else:
            assert response.status_code in (404, 405), (url, response.status_code)
        if not getattr(response, "streaming", False):
            assert dataset.title not in response.content.decode(), url
