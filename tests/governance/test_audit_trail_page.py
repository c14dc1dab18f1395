"""The audit trail page: stewards see their datasets' events, Caldicott Guardians those of
datasets holding personal data, administrators all; filters work; the CSV export cannot carry a
formula into a spreadsheet; everyone else gets a 404."""

import csv
import io

import pytest
from factories import person

from townsquare.catalogue import services as catalogue
from townsquare.core.audit import audit_record
from townsquare.core.exports import csv_safe


@pytest.fixture
def trail(world):
    restricted = world.datasets["restricted"]
    audit_record(actor=world.people["grantee"], action="download", obj=restricted,
                 details={"note": "=HYPERLINK(\"http://evil\")"})  # fmt: skip
    other = catalogue.dataset_create(actor=world.people["other_publisher"], title="Housing list",
                                     publisher=world.housing, access_level="restricted")  # fmt: skip
    audit_record(actor=world.people["other_publisher"], action="view", obj=other)
    return world, other


def test_a_steward_sees_only_their_datasets(client, trail):
    world, other = trail
    client.force_login(world.people["steward"])
    html = client.get("/audit/").content.decode()
    assert world.datasets["restricted"].title in html
    assert "gita-grantee@council.example" in html
    assert other.title not in html


def test_the_administrator_sees_everything(client, trail):
    world, other = trail
    client.force_login(world.people["admin"])
    assert other.title in client.get("/audit/").content.decode()


def test_the_caldicott_guardian_sees_datasets_with_personal_data(client, trail):
    world, other = trail
    other.contains_personal_data = True
    other.save()
    guardian = person("Cal Guardian", roles=[("caldicott_guardian", None)])
    client.force_login(guardian)
    html = client.get("/audit/").content.decode()
    assert other.title in html and world.datasets["restricted"].title not in html


@pytest.mark.parametrize("who", ["anonymous", "staff", "publisher", "grantee"])
def test_others_cannot_see_the_trail(client, trail, who):
    world, _ = trail
    if world.people[who]:
        client.force_login(world.people[who])
    for url in ("/audit/", "/audit/export.csv"):
        response = client.get(url)
        assert response.status_code in (302, 404)
        assert world.datasets["restricted"].title not in response.content.decode()


def test_filters_by_person_action_and_dataset(client, trail):
    world, _ = trail
    client.force_login(world.people["admin"])
    restricted = world.datasets["restricted"]
    html = client.get("/audit/", {"person": "gita", "action": "download"}).content.decode()
    assert "gita-grantee@council.example" in html and "olu-other@council.example" not in html
    html = client.get("/audit/", {"dataset": restricted.pk}).content.decode()
    assert "olu-other@council.example" not in html
    html = client.get("/audit/", {"since": "2999-01-01"}).content.decode()
    assert "No events match" in html


def test_csv_export_is_formula_safe(client, trail):
    world, _ = trail
    client.force_login(world.people["steward"])
    response = client.get("/audit/export.csv", {"action": "download"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["When", "Who", "What"]
    assert len(rows) == 2
    assert rows[1][1] == "gita-grantee@council.example"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


@pytest.mark.parametrize(
    ("value", "safe"),
    [("=1+1", "'=1+1"), ("+44", "'+44"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\tx", "'\tx"), ("plain", "plain"), (None, ""), (3, "3")],
)  # fmt: skip
def test_csv_safe(value, safe):
    assert csv_safe(value) == safe
