"""The people directory and "who knows about ...": staff find colleagues ranked by evidence, each
piece shown; words are matched by their stems; nothing the viewer may not see is evidence; and
the demo council is tested in test_who_knows_demo.py."""

import pytest
from factories import dataset, org_units, person

from townsquare.accounts.expertise import who_knows


@pytest.fixture
def finance(db):
    units = org_units()
    staff = ("staff", None)
    people = {
        "fay": person("Fay Finance", team=units["payments"], roles=[staff]),
        "pete": person(
            "Pete Payments", team=units["payments"], roles=[staff, ("publisher", units["finance"])]
        ),  # fmt: skip
        "hana": person("Hana Housing", team=units["lettings"], roles=[staff]),
        "rita": person("Rita Resident"),  # no role: a resident
    }
    people["fay"].skills = ["Spending over £500", "budgets"]
    people["fay"].save()
    people["hana"].skills = ["choice-based lettings"]
    people["hana"].save()
    people["rita"].skills = ["spending"]
    people["rita"].save()
    return units, people


def _names(experts):
    return [e.person.name for e in experts]


def test_stems_match_spend_spending_and_spends(finance):
    _units, people = finance
    for q in ("spend data", "who knows about spending?", "SPENDS"):
        experts = who_knows(people["hana"], q)
        assert _names(experts) == ["Fay Finance"], q
        assert [e.text for e in experts[0].evidence] == ["Says: Spending over £500"]


def test_residents_are_not_listed(finance):
    _units, people = finance
    assert "Rita Resident" not in _names(who_knows(people["fay"], "spending"))


def test_stewarding_and_publishing_are_evidence(finance):
    units, people = finance
    dataset("Supplier payments", publisher=units["payments"], access_level="internal",
            steward=people["hana"])  # fmt: skip
    experts = {e.person.name: [x.text for x in e.evidence] for e in
               who_knows(people["fay"], "supplier payments")}  # fmt: skip
    assert experts["Hana Housing"] == ["Steward of Supplier payments"]
    assert experts["Pete Payments"][0] == (
        "Publisher for Finance, which publishes Supplier payments"
    )
    assert "In Payments, the team that publishes Supplier payments" in experts["Fay Finance"]
    ranked = _names(who_knows(people["fay"], "supplier payments"))
    assert ranked[0] == "Hana Housing"  # stewarding counts for more than publishing


def test_a_restricted_dataset_is_no_evidence_to_those_who_may_not_see_it(finance, client):
    units, people = finance
    dataset("Zebra arrears ledger", publisher=units["payments"], access_level="restricted",
            steward=people["fay"])  # fmt: skip
    assert who_knows(people["hana"], "zebra arrears") == []
    client.force_login(people["hana"])
    html = client.get("/people/?q=zebra+arrears").content.decode()
    assert "Zebra arrears" not in html.replace("zebra arrears", "")  # only the query echoed
    assert "We found no one" in html
    # The steward herself (and anyone granted access) sees it.
    assert _names(who_knows(people["fay"], "zebra arrears"))[0] == "Fay Finance"


def test_the_page_shows_why_each_person_is_listed(finance, client):
    _units, people = finance
    client.force_login(people["hana"])
    html = client.get("/people/", {"q": "spend data"}).content.decode()
    assert "Who knows about “spend data”" in html
    assert "Fay Finance" in html and "Says: Spending over £500" in html


def test_the_query_is_escaped(finance, client):
    _units, people = finance
    client.force_login(people["hana"])
    html = client.get("/people/", {"q": '<script>alert("x")</script>'}).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_the_directory_lists_staff_only(finance, client):
    _units, people = finance
    client.force_login(people["hana"])
    html = client.get("/people/").content.decode()
    assert "Fay Finance" in html and "Pete Payments" in html
    assert "Rita Resident" not in html


def test_the_directory_is_for_staff(finance, client):
    _units, people = finance
    response = client.get("/people/?q=spend")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/")
    client.force_login(people["rita"])
    assert client.get("/people/?q=spend").status_code == 404


def test_a_person_page_shows_team_directorate_and_publishing(finance, client):
    _units, people = finance
    client.force_login(people["hana"])
    html = client.get(people["pete"].get_absolute_url()).content.decode()
    assert "Payments" in html and ">Finance</a>" in html
    assert "Publishes data for" in html


def test_a_person_page_shows_guides_communities_and_accepted_answers(finance, client):
    from townsquare.knowledge.services import communities, guides, questions
    from townsquare.knowledge.services.common import tags_from_text

    _units, people = finance
    fay, hana = people["fay"], people["hana"]
    guides.guide_create(owner=fay, title="Reading the spend file", body="Text")
    communities.community_create(creator=fay, name="Finance data", purpose="Spend and budgets")
    communities.community_create(creator=fay, name="Secret budget group", purpose="Hush",
                                 visibility_="private")  # fmt: skip
    question = questions.question_create(author=hana, title="Where is the spend file?",
                                         body="Details", tags=tags_from_text("spend"))  # fmt: skip
    reply = questions.answer_create(question=question, author=fay, body="On Townsquare")
    questions.answer_accept(answer=reply, actor=hana)
    client.force_login(hana)
    html = client.get(fay.get_absolute_url()).content.decode()
    assert "Reading the spend file" in html and "Finance data" in html
    assert "Secret budget group" not in html  # a private community's members stay inside
    assert "1 tagged" in html and ">spend</a>" in html
    experts = who_knows(hana, "spend")
    assert "1 accepted answer tagged spend" in [e.text for e in experts[0].evidence]
    assert "Owns the guide “Reading the spend file”" in [e.text for e in experts[0].evidence]
