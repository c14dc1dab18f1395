"""A harvested copy keeps the licence its source gave: a known one by URL or id, an unknown
one recorded as the source names it, and none as "not specified" — never the Open Government
Licence by default."""

import pytest

from townsquare.api.harvest import NOT_SPECIFIED, RemoteDataset, _licence

pytestmark = pytest.mark.django_db


def _remote(**licence) -> RemoteDataset:
    return RemoteDataset(remote_id="r1", title="Bus stops", **licence)


def test_a_known_licence_is_matched_by_url_or_id():
    by_url = _remote(licence_url="http://creativecommons.org/licenses/by/4.0")
    assert _licence(by_url).pk == "CC-BY-4.0"
    assert _licence(_remote(licence_id="ogl-uk-3.0")).pk == "OGL-UK-3.0"


def test_an_unknown_licence_is_recorded_as_the_source_names_it():
    remote = _remote(
        licence_id="cc-by-sa",
        licence_title="Creative Commons Attribution Share-Alike",
        licence_url="https://opendefinition.org/licenses/cc-by-sa/",
        licence_is_open=True,
    )
    licence = _licence(remote)
    assert (licence.pk, licence.title, licence.is_open) == (
        "cc-by-sa",
        "Creative Commons Attribution Share-Alike",
        True,
    )
    assert _licence(remote) == licence  # the second harvest reuses it


def test_an_unknown_licence_with_only_a_url_is_not_called_open():
    licence = _licence(_remote(licence_url="https://example.org/our-terms"))
    assert licence.pk.startswith("harvested-")
    assert licence.url == "https://example.org/our-terms"
    assert licence.is_open is False


def test_no_licence_at_all_is_not_specified_rather_than_the_ogl():
    licence = _licence(_remote())
    assert licence.pk == NOT_SPECIFIED
    assert licence.is_open is False
