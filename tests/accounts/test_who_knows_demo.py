"""The demo council answers "who knows about spend data" (and similar) with the right people,
and shows the evidence."""

import pytest

from townsquare.accounts.expertise import who_knows
from townsquare.accounts.models import User
from townsquare.demo import council


def _names(experts):
    return [e.person.name for e in experts]


@pytest.fixture(scope="module")
def demo(demo_council):
    return demo_council


FINANCE_TEAMS = {"accountancy", "procurement", "revenues-and-benefits"}


@pytest.mark.django_db
def test_the_demo_knows_who_knows_about_spend_data(demo, client):
    viewer = User.objects.get(email=council.STAFF_EMAIL)
    experts = who_knows(viewer, "spend data")
    top = experts[:3]
    assert all(e.person.team.slug in FINANCE_TEAMS for e in top), _names(top)
    head = User.objects.get(email=council._email("accountancy", "Head of Finance"))
    assert head in [e.person for e in top]
    client.force_login(viewer)
    html = client.get("/people/?q=who+knows+about+spend+data").content.decode()
    assert head.name in html and "Steward of Spending over £500" in html
    assert "Says: spending over £500" in html


@pytest.mark.django_db
@pytest.mark.parametrize(("q", "team"), [("council tax", "revenues-and-benefits"),
                                         ("air quality", "environmental-health"),
                                         ("planning applications", "development-management")])  # fmt: skip
def test_the_demo_answers_other_topics_with_the_right_team(demo, q, team):
    viewer = User.objects.get(email=council.STAFF_EMAIL)
    assert who_knows(viewer, q)[0].person.team.slug == team
