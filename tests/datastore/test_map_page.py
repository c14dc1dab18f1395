"""Maps: latitude/longitude, British National Grid (converted with pyproj) and GeoJSON tables
get a map page with its places listed; other tables have none."""

import json
import re

import pytest
from factories import table_from_sql

from townsquare.datastore import maps, query


def _features(html: str) -> dict:
    return json.loads(
        re.search(r'<script id="map-features" type="application/json">(.*?)</script>', html, re.S)[
            1
        ]
    )


def _map_url(ds, name):
    return f"/datasets/{ds.slug}/tables/{name}/map/"


@pytest.mark.django_db
def test_easting_and_northing_become_wgs84(client, world):
    ds = world.datasets["open"]
    table_from_sql(
        ds,
        "SELECT 'Eastmere Town Hall' AS site_name, 530034.0 AS easting, 180381.0 AS northing",
        name="land",
    )
    html = client.get(_map_url(ds, "land")).content.decode()
    [feature] = _features(html)["features"]
    lon, lat = feature["geometry"]["coordinates"]
    assert lat == pytest.approx(51.5074, abs=0.001) and lon == pytest.approx(-0.1278, abs=0.001)
    assert feature["properties"]["label"] == "Eastmere Town Hall"
    assert "converted from British National Grid" in html
    assert '<td class="govuk-table__cell">Eastmere Town Hall</td>' in html  # the list without a map


@pytest.mark.django_db
def test_latitude_longitude_with_filters_and_the_tile_origin_allowed(client, world, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    ds = world.datasets["open"]
    table_from_sql(
        ds,
        "SELECT * FROM (VALUES ('Library', 'open', 52.1, -1.2), ('Depot', 'closed', 52.2, -1.3), ('Ghost', 'open', NULL, NULL)) v(name, status, latitude, longitude)",
        name="toilets",
    )
    response = client.get(_map_url(ds, "toilets") + "?status=open")
    features = _features(response.content.decode())["features"]
    assert [f["properties"]["label"] for f in features] == ["Library"]
    assert "img-src 'self' data: https://tiles.example.org" in response["Content-Security-Policy"]
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in response.content.decode()


@pytest.mark.django_db
def test_geojson_geometry(client, world):
    ds = world.datasets["open"]
    polygon = json.dumps(
        {"type": "Polygon", "coordinates": [[[0, 51], [0.1, 51], [0.1, 51.1], [0, 51]]]}
    )
    table_from_sql(
        ds,
        f"SELECT 'Park' AS name, '{polygon}' AS geometry UNION ALL SELECT 'Broken', 'not json'",
        name="parks",
    )
    features = _features(client.get(_map_url(ds, "parks")).content.decode())["features"]
    assert [f["geometry"]["type"] for f in features] == ["Polygon"]


@pytest.mark.django_db
def test_a_table_without_places_has_no_map(client, world):
    ds = world.datasets["open"]
    table_from_sql(ds, "SELECT 1 AS id, 'x' AS name", name="plain")
    assert client.get(_map_url(ds, "plain")).status_code == 404
    assert "/map/" not in client.get(f"/datasets/{ds.slug}/tables/plain/").content.decode()


def test_locator_needs_numeric_pairs():
    col = lambda name, kind: query.Column(name, name, kind, "")  # noqa: E731
    assert maps.locator([col("lat", "number"), col("lng", "number")]) == maps.Locator(
        "wgs84", ("lat", "lng")
    )
    assert maps.locator([col("Easting", "integer"), col("Northing", "integer")]).kind == "bng"
    assert maps.locator([col("latitude", "string"), col("longitude", "string")]) is None
