"""Demo guides, communities, events and data requests for Eastmere Borough Council.

Made through the knowledge services (so revisions, memberships and request histories are real),
then dates are moved back so the lists look lived in: some guides are past their review date,
some verified; one community is private; there are data requests in every status. The people
chosen are those whose teams and skills fit, so "who knows about spend data" finds the finance
team by the guides they own and the community they moderate."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from townsquare.accounts.models import OrgUnit, User
from townsquare.catalogue.models import Dataset
from townsquare.knowledge.models import Community, DataRequest, Guide
from townsquare.knowledge.services import common
from townsquare.knowledge.services import communities as community_services
from townsquare.knowledge.services import guides as guide_services
from townsquare.knowledge.services import requests as request_services

from . import council

RESIDENT_EMAIL = f"resident@{council.DOMAIN}"  # a member of the public with a confirmed account
RESIDENT_NAME = "Robin Resident"


def _who(team: str, title: str) -> str:
    return council._email(team, title)


HEAD_OF_FINANCE = _who("accountancy", "Head of Finance")
FINANCE_SYSTEMS = council.PUBLISHER_EMAIL
SENIOR_ACCOUNTANT = _who("accountancy", "Senior Accountant")
PROCUREMENT = _who("procurement", "Procurement Manager")
OPEN_DATA = _who("data-and-insight", "Open Data Officer")
GIS = _who("data-and-insight", "GIS Officer")
HEAD_OF_DATA = _who("data-and-insight", "Head of Data and Insight")
ANALYST = council.GRANTEE_EMAIL
PLANNING_INFO = _who("development-management", "Planning Information Officer")
HOUSING_SYSTEMS = _who("housing-allocations", "Performance and Systems Officer")
IG_MANAGER = council.STEWARD_EMAIL
SAFEGUARDING_MANAGER = _who("safeguarding-adults", "Safeguarding Adults Manager")
SAFEGUARDING_PRACTITIONER = _who("safeguarding-adults", "Safeguarding Practitioner")
SOCIAL_WORKER = _who("assessment-and-care-management", "Principal Social Worker")
PUBLIC_HEALTH = _who("public-health-intelligence", "Public Health Analyst")
CONSULTANT_PH = _who("public-health-intelligence", "Consultant in Public Health")
ROAD_SAFETY = _who("traffic-and-road-safety", "Road Safety Officer")
ESTATES = _who("estates-and-property", "Estates Manager")
STAFF = council.STAFF_EMAIL

SPEND_PROCESS = """## Purpose

Every quarter we publish each payment of £500 or more, as the Local Government Transparency
Code 2015 requires. This guide is how the file is made, checked and published.

## When it runs

Within **one month** of each quarter end: by 31 July, 31 October, 31 January and 30 April.

## Who does what

| Step | Who | By when |
| --- | --- | --- |
| 1. Run the payments extract | Finance Systems Officer | Day 5 |
| 2. Redact payments to individuals | Senior Accountant | Day 10 |
| 3. Check against the ledger totals | Head of Finance | Day 15 |
| 4. Publish on Townsquare | Finance Systems Officer | Day 20 |

## Steps in detail

1. Run the *AP payments over £500* report in the finance system for the quarter.
2. Replace the names of individuals (direct payments, refunds) with
   `REDACTED - personal data`. Never publish a home address.
3. Check the total against the ledger:

```sql
SELECT SUM(Amount) FROM data WHERE PaymentDate BETWEEN '2025-04-01' AND '2025-06-30';
```

4. Replace the file on [Spending over £500](/datasets/spending-over-500/) so earlier versions stay
   downloadable, and check the preview.

## Records kept

The signed-off checklist is kept in the Finance shared drive for six years.
"""

SPEND_DICTIONARY = """## What the data is

One row per payment line of £500 or more, from the accounts payable system. Published quarterly
on [Spending over £500](/datasets/spending-over-500/).

## Columns

| Column | Meaning | Type | Example |
| --- | --- | --- | --- |
| `PaymentDate` | Date the payment left the bank | Date (dd/mm/yyyy) | 14/05/2025 |
| `OrganisationalUnit` | Service that spent the money | Text | Waste and Recycling |
| `BeneficiaryName` | Supplier or organisation paid | Text | Eastmere Skips Ltd |
| `Amount` | Net amount in pounds; credits are negative | Number | 1250.00 |
| `ContractRef` | Contract the payment was made under | Text | EBC-2024-017 |

## Known issues

- Supplier names are as typed in the finance system: the same supplier can appear spelt two ways.
- Before April 2024 the service names followed the old structure.
"""

QGIS_HOW_TO = """## What this guide helps you do

Map planning applications by ward in QGIS, using two open datasets.

## Before you start

- QGIS 3.34 or later (ask the Service Desk)
- [Planning applications](/datasets/planning-applications/) and
  [Ward boundaries](/datasets/ward-boundaries/)

## Steps

1. Add the ward boundaries GeoJSON as a vector layer.
2. Add the planning applications CSV as a delimited text layer, with `Easting` and `Northing`
   in EPSG:27700.
3. Use **Count points in polygon** to count applications per ward.

## If something goes wrong

| Problem | What to do |
| --- | --- |
| Points appear off the coast of Africa | Set the layer's CRS to EPSG:27700, not 4326 |
| Counts are zero | Check both layers use the same CRS |
"""

PUBLISHING_PROCESS = """## Purpose

How a team publishes a dataset on Townsquare, from a file to a page anyone can use.

## Steps in detail

1. Ask your directorate's publisher for the publisher role.
2. Create the dataset, choose its access level, and describe every column.
3. Upload the file and check the preview.
4. Publish. Open data is under the Open Government Licence unless agreed otherwise.
"""

HOUSING_DICTIONARY = """## What the data is

Households on the housing register, one row per application. It holds personal data: only
people with a grant can see [the applicants dataset](/datasets/housing-register-applicants/).
Everyone can use the summary in
[Housing register: households by band](/datasets/housing-register-summary/).

## Columns

| Column | Meaning | Type | Example |
| --- | --- | --- | --- |
| `Band` | Priority band, A (highest) to D | Text | B |
| `BedroomNeed` | Bedrooms the household needs | Number | 2 |
"""

FOI_HOW_TO = """## What this guide helps you do

Answer a freedom of information request by pointing to data we already publish (section 21).

## Steps

1. Search Townsquare for the data asked for.
2. If it is published, reply with the dataset's address and say it is reasonably accessible.
3. If it is not, log the request and ask the data steward.
"""

GUIDES = (
    # (owner, title, kind, summary, body, tags, datasets, people, review in days, verified days ago)
    (HEAD_OF_FINANCE, "How the spending over £500 file is made", "process",
     "The quarterly process behind the Transparency Code spend file, step by step.",
     SPEND_PROCESS, "spend, transparency code, payments", ("spending-over-500",),
     (FINANCE_SYSTEMS, SENIOR_ACCOUNTANT), 150, 20),
    (FINANCE_SYSTEMS, "Spending over £500: what the columns mean", "data-dictionary",
     "Each column of the spend file, with examples and known issues.",
     SPEND_DICTIONARY, "spend, data dictionary", ("spending-over-500",), (HEAD_OF_FINANCE,),
     -12, None),
    (GIS, "How to map planning applications by ward in QGIS", "how-to",
     "Count applications per ward with two open datasets and QGIS.",
     QGIS_HOW_TO, "gis, planning, mapping", ("planning-applications", "ward-boundaries"),
     (PLANNING_INFO,), 90, 40),
    (OPEN_DATA, "Publishing a dataset on Townsquare", "process",
     "From a spreadsheet to a published dataset page.", PUBLISHING_PROCESS,
     "open data, publishing", (), (HEAD_OF_DATA,), -30, None),
    (HOUSING_SYSTEMS, "The housing register: bands and bedroom need explained", "data-dictionary",
     "The housing register's bands and bedroom need.", HOUSING_DICTIONARY,
     "housing register", ("housing-register-applicants", "housing-register-summary"), (), 60,
     None),
    (IG_MANAGER, "Answering an FOI request with published data", "how-to",
     "Use section 21 when the data is already on Townsquare.", FOI_HOW_TO,
     "foi, freedom of information", (), (), -3, None),
)  # fmt: skip


def load_content() -> dict[str, int]:
    people = {u.email: u for u in User.objects.filter(email__endswith=council.DOMAIN)}
    datasets = {d.slug: d for d in Dataset.objects.all()}
    people[RESIDENT_EMAIL] = _resident()
    guides = [_guide(spec, people, datasets) for spec in GUIDES]
    communities = _communities(people, datasets, guides)
    requests = _requests(people, datasets)
    return {"guides": len(guides), "communities": len(communities), "data_requests": requests}


def _resident() -> User:
    """A resident who registered and confirmed their email (no staff role)."""
    return User.objects.create(
        email=RESIDENT_EMAIL, name=RESIDENT_NAME, slug="robin-resident",
        password=make_password(council.DEMO_PASSWORD), is_active=True,
    )  # fmt: skip


def _guide(spec, people, datasets) -> Guide:
    owner, title, kind, summary, body, tags, slugs, contacts, review, verified = spec
    today = timezone.localdate()
    guide = guide_services.guide_create(
        owner=people[owner], title=title, kind=kind, summary=summary,
        body=body.replace("## Known issues", "## Known problems") if review < 0 else body,
        review_by=today + timedelta(days=review), tags=common.tags_from_text(tags),
        datasets=[datasets[s] for s in slugs], people=[people[c] for c in contacts],
    )  # fmt: skip
    if review < 0:  # an older guide, edited once: its history shows a diff
        guide_services.guide_edit(
            guide=guide, editor=people[owner], title=title, body=body, summary=summary,
            review_by=guide.review_by, tags=guide.tags.all(), datasets=guide.datasets.all(),
            people=guide.people.all(), note="Renamed a heading",
        )  # fmt: skip
    if verified is not None:
        guide_services.guide_verify(guide=guide, verifier=people[owner])
        Guide.objects.filter(pk=guide.pk).update(
            verified_at=timezone.now() - timedelta(days=verified),
            review_by=today + timedelta(days=review),
        )
    return guide


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def _communities(people, datasets, guides) -> list[Community]:
    cs = community_services
    finance = cs.community_create(
        creator=people[HEAD_OF_FINANCE], name="Finance data",
        purpose="Everyone who produces or uses the council's spending, budget and contracts data.",
        about="We keep the Transparency Code spend and contracts files right and on time, and help "
        "colleagues use them. Start with the pinned guide.",
    )  # fmt: skip
    for email in (FINANCE_SYSTEMS, SENIOR_ACCOUNTANT, PROCUREMENT, OPEN_DATA, ANALYST, STAFF):
        cs.community_join(community=finance, user=people[email])
    cs.moderator_set(community=finance, actor=people[HEAD_OF_FINANCE],
                     user=people[FINANCE_SYSTEMS], moderator=True)  # fmt: skip
    cs.pin_add(community=finance, actor=people[HEAD_OF_FINANCE], guide=guides[0])
    cs.pin_add(community=finance, actor=people[HEAD_OF_FINANCE],
               dataset=datasets["spending-over-500"])  # fmt: skip
    cs.pin_add(community=finance, actor=people[HEAD_OF_FINANCE],
               title="Local Government Transparency Code 2015",
               url="https://www.gov.uk/government/publications/local-government-transparency-code-2015")  # fmt: skip
    talk = cs.discussion_create(
        community=finance, author=people[SENIOR_ACCOUNTANT],
        title="One spelling for each supplier?",
        body="The same supplier appears as *Eastmere Skips Ltd* and *Eastmere Skips Limited* in "
        "[Spending over £500](/datasets/spending-over-500/). Should we fix names at source?",
        datasets=[datasets["spending-over-500"]],
    )  # fmt: skip
    common.comment_add(target=talk, author=people[PROCUREMENT],
                       body="Yes: the contracts register uses Companies House names. Let's match it.")  # fmt: skip
    common.comment_add(target=talk, author=people[OPEN_DATA],
                       body="Agreed. Reusers join the two files on supplier name.")  # fmt: skip
    cs.event_create(community=finance, actor=people[HEAD_OF_FINANCE],
                    title="Quarter 4 spend file check-in", starts=_at(9, 10), ends=_at(9, 11),
                    location="Committee Room 2, Eastmere Town Hall",
                    description="Walk through the quarter 4 file before it is published.")  # fmt: skip
    cs.event_create(community=finance, actor=people[HEAD_OF_FINANCE],
                    title="Quarter 3 spend file check-in", starts=_at(-80, 10), ends=_at(-80, 11),
                    location="Committee Room 2, Eastmere Town Hall")  # fmt: skip

    gis = cs.community_create(
        creator=people[GIS], name="GIS and mapping",
        purpose="Making maps with the council's data: QGIS, boundaries, UPRNs and addresses.",
    )  # fmt: skip
    for email in (PLANNING_INFO, ANALYST, HEAD_OF_DATA, ROAD_SAFETY, ESTATES):
        cs.community_join(community=gis, user=people[email])
    cs.pin_add(community=gis, actor=people[GIS], guide=guides[2])
    cs.event_create(community=gis, actor=people[GIS], title="QGIS drop-in",
                    starts=_at(16, 14), ends=_at(16, 15, 30),
                    online_url="https://teams.example/eastmere-qgis-drop-in",
                    description="Bring a map you are stuck on.")  # fmt: skip

    safeguarding = cs.community_create(
        creator=people[SAFEGUARDING_MANAGER], name="Safeguarding data group",
        purpose="Analysts and practitioners who prepare the safeguarding adults returns.",
        visibility_="private",
    )  # fmt: skip
    for email in (SAFEGUARDING_PRACTITIONER, SOCIAL_WORKER, PUBLIC_HEALTH):
        cs.community_invite(community=safeguarding, moderator=people[SAFEGUARDING_MANAGER],
                            invitee=people[email])  # fmt: skip
        cs.community_join(community=safeguarding, user=people[email])
    cs.discussion_create(
        community=safeguarding, author=people[SAFEGUARDING_PRACTITIONER],
        title="Counting repeat Section 42 enquiries in the SAR return",
        body="Do we count a second enquiry about the same person in the same year twice?",
        datasets=[datasets["safeguarding-adults-referrals"]],
    )  # fmt: skip
    cs.event_create(community=safeguarding, actor=people[SAFEGUARDING_MANAGER],
                    title="SAR return sign-off", starts=_at(12, 9, 30), ends=_at(12, 10, 30),
                    location="Meeting Room 1, Adult Social Care")  # fmt: skip
    cs.community_join(community=safeguarding, user=people[ANALYST])  # waits for a moderator
    cs.community_invite(community=safeguarding, moderator=people[SAFEGUARDING_MANAGER],
                        invitee=people[CONSULTANT_PH])  # fmt: skip

    champions = cs.community_create(
        creator=people[OPEN_DATA], name="Open data champions",
        purpose="One person from each service who helps their team publish open data.",
    )  # fmt: skip
    for email in (PLANNING_INFO, HOUSING_SYSTEMS, FINANCE_SYSTEMS, ROAD_SAFETY, STAFF):
        cs.community_join(community=champions, user=people[email])
    cs.pin_add(community=champions, actor=people[OPEN_DATA], guide=guides[3])
    cs.event_create(community=champions, actor=people[OPEN_DATA],
                    title="Open Data Day show and tell", starts=_at(30, 12), ends=_at(30, 13),
                    location="Eastmere Central Library",
                    online_url="https://teams.example/eastmere-open-data-day")  # fmt: skip
    return [finance, gis, safeguarding, champions]


REQUESTS = (
    # (author, title, body, why, who, audience, status, reason, note, published, cites, voters)
    (RESIDENT_EMAIL, "Potholes reported each month, by ward",
     "The number of potholes reported and repaired each month, for each ward, since 2020.",
     "To see whether repairs are getting faster in my ward.", "Residents and ward councillors",
     "public", "submitted", "", "", "", ("road-traffic-collisions",),
     (STAFF, ANALYST, ROAD_SAFETY)),
    (RESIDENT_EMAIL, "Food bank referrals made by council services",
     "How many referrals council services make to food banks each month.",
     "For a local charity's annual report.", "Voluntary groups", "public",
     "under-consideration", "", "Revenues and Benefits are checking what they record.", "",
     (), (ANALYST,)),
    (ANALYST, "Electric vehicle charge points, with their power and cost",
     "The location, connector type, power and price of every council charge point.",
     "App developers asked for it; it helps drivers plan journeys.", "Drivers and app makers",
     "public", "published", "", "Published as a new dataset, updated monthly.",
     "ev-charge-points", (), (RESIDENT_EMAIL, STAFF, OPEN_DATA, GIS)),
    (RESIDENT_EMAIL, "Trees planted by the council each year",
     "Where and how many trees the council plants each year, with species.",
     "For a community tree-planting group.", "Community groups", "public", "planned", "",
     "Parks will publish this in the spring, with the tree preservation orders.", "",
     ("parks-and-open-spaces",), (STAFF, PLANNING_INFO)),
    (RESIDENT_EMAIL, "Names of people getting council tax reduction",
     "A list of everyone who gets council tax reduction, with their addresses.",
     "To check my neighbours are entitled.", "", "public", "refused", "personal-data",
     "We cannot publish this: it is personal data about residents. We publish the number of "
     "claimants by ward in the council tax charges data instead.", "",
     ("council-tax-charges",), ()),
    (STAFF, "Prices paid under the waste collection contract",
     "The unit prices the council pays its waste contractor for each service.",
     "To compare value for money with other councils.", "", "public", "refused", "commercial",
     "The unit prices are commercially confidential until the contract is re-let in 2027. The "
     "contract's total value is in the contracts register.", "", ("contracts-over-5000",),
     (RESIDENT_EMAIL,)),
    (HEAD_OF_DATA, "Desk occupancy by building, weekly",
     "How full each office is on each weekday, to plan the accommodation review.",
     "The accommodation review needs it by building and floor.", "Estates and managers",
     "staff", "planned", "", "Estates will publish it internally once the sensors are in.", "",
     ("building-energy-use",), (ESTATES, ANALYST)),
)  # fmt: skip


def _requests(people, datasets) -> int:
    manager = people[council.ADMIN_EMAIL]
    finance = OrgUnit.objects.filter(slug="finance").first()
    for days_ago, spec in enumerate(REQUESTS, start=3):
        author, title, body, why, who, audience, status, reason, note, published, cites, voters = (
            spec
        )
        data_request = request_services.request_create(
            author=people[author], title=title, body=body, why=why, who_it_helps=who,
            audience=audience, datasets=[datasets[s] for s in cites],
        )  # fmt: skip
        for voter in voters:
            common.vote_toggle(target=data_request, user=people[voter])
        if status != "submitted":
            if status != "under-consideration":
                request_services.request_set_status(
                    data_request=data_request, actor=manager,
                    status=DataRequest.Status.UNDER_CONSIDERATION, notify=False,
                )  # fmt: skip
            request_services.request_set_status(
                data_request=data_request, actor=manager, status=status, note=note,
                refusal_reason=reason, published_dataset=datasets.get(published), notify=False,
            )  # fmt: skip
        if title.startswith("Prices paid") and finance is not None:
            request_services.request_assign(data_request=data_request, actor=manager, unit=finance)
        asked = timezone.now() - timedelta(days=days_ago * 6)
        DataRequest.objects.filter(pk=data_request.pk).update(created=asked)
        for n, update in enumerate(data_request.updates.order_by("pk")):
            type(update).objects.filter(pk=update.pk).update(created=asked + timedelta(days=2 * n))
    return len(REQUESTS)
