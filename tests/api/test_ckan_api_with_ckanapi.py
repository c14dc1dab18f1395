"""The real `ckanapi` client, unchanged, against a live Townsquare: search, show, create a
dataset and upload a file with a token; and restricted datasets stay invisible to callers
without a grant, in results, counts and facets."""

import io

import ckanapi
import pytest
from api_support import token_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _ckan(live_server, world, who=None, scope="read-write"):
    key = token_for(world.people[who], scope) if who else None
    return ckanapi.RemoteCKAN(live_server.url, apikey=key, user_agent="townsquare-tests")


def test_search_and_show_as_anonymous(live_server, world):
    ckan = _ckan(live_server, world)
    found = ckan.action.package_search(
        q="zebra", facet_field=["organization", "res_format"], rows=10
    )
    assert found["count"] == 1
    package = found["results"][0]
    assert package["name"] == world.datasets["open"].slug
    assert package["organization"]["name"] == "payments" and package["private"] is False
    assert found["search_facets"]["organization"]["items"] == [
        {"name": "payments", "display_name": "Payments", "count": 1}
    ]
    shown = ckan.action.package_show(id=package["id"])
    assert shown["resources"][0]["format"] == "CSV"
    assert ckan.action.package_show(id=package["name"])["id"] == package["id"]


@pytest.mark.parametrize("who", [None, "staff", "other_publisher"])
def test_restricted_and_draft_datasets_are_invisible_without_access(live_server, world, who):
    ckan = _ckan(live_server, world, who, scope="read")
    for kind in ("restricted", "draft"):
        with pytest.raises(ckanapi.NotFound):
            ckan.action.package_show(id=world.datasets[kind].slug)
    found = ckan.action.package_search(
        q="zebra", include_private=True, include_drafts=True,
        **{"facet.field": ["organization", "tags", "license_id"]},
    )  # fmt: skip
    names = {p["name"] for p in found["results"]}
    assert world.datasets["restricted"].slug not in names
    assert world.datasets["draft"].slug not in names
    assert found["count"] == len(names)
    assert found["search_facets"]["organization"]["items"][0]["count"] == len(names)
    listed = ckan.action.package_list()
    assert listed == [world.datasets["open"].slug]


def test_a_grantee_sees_the_restricted_dataset(live_server, world):
    ckan = _ckan(live_server, world, "grantee", scope="read")
    found = ckan.action.package_search(fq="organization:payments", include_private=True)
    assert world.datasets["restricted"].slug in {p["name"] for p in found["results"]}
    shown = ckan.action.package_show(id=world.datasets["restricted"].slug)
    assert shown["private"] is True
    assert {"key": "access_level", "value": "restricted"} in shown["extras"]


def test_create_a_dataset_and_upload_a_file_with_a_token(live_server, world):
    ckan = _ckan(live_server, world, "publisher")
    created = ckan.action.package_create(
        name="street-lights", title="Street lights", notes="Every street light we maintain.",
        owner_org="payments", license_id="OGL-UK-3.0", tags=[{"name": "lighting"}],
        extras=[{"key": "update_frequency", "value": "monthly"}],
    )  # fmt: skip
    # A publisher's "active" waits for a steward's review, as on the site.
    assert created["name"] == "street-lights" and created["state"] == "draft"
    upload = io.BytesIO(b"id,ward\n1,North\n")
    upload.name = "lights.csv"
    resource = ckan.action.resource_create(package_id=created["id"], name="Lights", upload=upload)
    assert resource["format"] == "CSV" and resource["url_type"] == "upload"
    steward = _ckan(live_server, world, "steward")
    assert steward.action.package_patch(id="street-lights", state="active")["state"] == "active"
    shown = _ckan(live_server, world).action.package_show(id="street-lights")
    assert [r["name"] for r in shown["resources"]] == ["Lights"]
    assert shown["tags"][0]["name"] == "lighting"
    assert {"key": "update_frequency", "value": "monthly"} in shown["extras"]


def test_writes_are_refused_without_a_read_write_token(live_server, world):
    for ckan in (_ckan(live_server, world), _ckan(live_server, world, "publisher", "read")):
        with pytest.raises(ckanapi.NotAuthorized):
            ckan.action.package_create(name="nope", title="Nope", owner_org="payments")
    with pytest.raises(ckanapi.NotAuthorized):
        _ckan(live_server, world, "other_publisher").action.package_create(
            name="nope", title="Nope", owner_org="payments"
        )
