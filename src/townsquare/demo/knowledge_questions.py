"""Demo questions and answers, dataset discussions and reuses for Eastmere Borough Council.

Each question is asked and answered by the people whose team and skills fit, so "who knows about
spend data" finds the finance team by their accepted answers. Everything goes through the
knowledge services, then the dates are spread over the last two months so lists look lived in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from townsquare.accounts.models import User
from townsquare.catalogue.models import Dataset
from townsquare.knowledge.models import Answer, Question
from townsquare.knowledge.services import common, moderation, questions, reuses

from . import council


def _who(team: str, title: str) -> str:
    return council._email(team, title)


ASKER_STAFF = council.STAFF_EMAIL  # Billy Lee, Library Assistant
FINANCE_SYSTEMS = council.PUBLISHER_EMAIL  # Finance Systems Officer: spend over £500
HEAD_OF_FINANCE = _who("accountancy", "Head of Finance")
SENIOR_ACCOUNTANT = _who("accountancy", "Senior Accountant")
OPEN_DATA = _who("data-and-insight", "Open Data Officer")
GIS = _who("data-and-insight", "GIS Officer")
HEAD_OF_DATA = _who("data-and-insight", "Head of Data and Insight")
ANALYST = council.GRANTEE_EMAIL
PLANNING_INFO = _who("development-management", "Planning Information Officer")
PLANNING_OFFICER = _who("development-management", "Planning Officer")
PARKS = _who("parks-and-open-spaces", "Parks Manager")
TREES = _who("parks-and-open-spaces", "Tree Officer")
LIBRARIES = _who("libraries", "Library Services Manager")
SAFEGUARDING_MANAGER = _who("safeguarding-adults", "Safeguarding Adults Manager")
SAFEGUARDING_PRACTITIONER = _who("safeguarding-adults", "Safeguarding Practitioner")
SOCIAL_WORKER = _who("assessment-and-care-management", "Principal Social Worker")
PUBLIC_HEALTH = _who("public-health-intelligence", "Public Health Analyst")
CONSULTANT_PH = _who("public-health-intelligence", "Consultant in Public Health")
IG_MANAGER = council.STEWARD_EMAIL
DEMOCRATIC = _who("democratic-services", "Democratic Services Manager")
FLEET = _who("waste-and-recycling", "Fleet and Transport Officer")
HOUSING_SYSTEMS = _who("housing-allocations", "Performance and Systems Officer")
ROAD_SAFETY = _who("traffic-and-road-safety", "Road Safety Officer")
SERVICE_DESK = _who("it-operations", "Service Desk Analyst")
ADMIN = council.ADMIN_EMAIL


@dataclass(frozen=True)
class AnswerSpec:
    author: str
    body: str
    accepted: bool = False
    votes: tuple[str, ...] = ()
    comments: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    author: str
    title: str
    body: str
    tags: str
    datasets: tuple[str, ...] = ()
    days_ago: int = 10
    answers: tuple[AnswerSpec, ...] = ()
    votes: tuple[str, ...] = ()
    comments: tuple[tuple[str, str], ...] = ()
    duplicate_of: str = ""
    edit: tuple[str, str, str] | None = None  # (editor, new body, note)
    extra: dict = field(default_factory=dict)


QUESTIONS: tuple[QuestionSpec, ...] = (
    QuestionSpec(
        key="spend-last-year",
        author=ASKER_STAFF,
        title="Where do I find spend over £500 for last financial year?",
        body=(
            "A councillor asked the library service how much we spent on the new self-service "
            "kiosks in 2024/25. Is there one place with every payment over £500, and can I "
            "filter it by service?"
        ),
        tags="spend, transparency",
        datasets=("spending-over-500",),
        days_ago=52,
        votes=(OPEN_DATA, LIBRARIES, PUBLIC_HEALTH),
        answers=(
            AnswerSpec(
                FINANCE_SYSTEMS,
                "Use [Spending over £500](/datasets/spending-over-500/). We publish one file a "
                "quarter, so for 2024/25 download the four quarterly files.\n\n"
                "Filter the **Service area** column for *Libraries*, then the **Expenses type** "
                "column for equipment. Each row is one payment, so add up the *Amount* column.",
                accepted=True,
                votes=(ASKER_STAFF, OPEN_DATA, HEAD_OF_FINANCE),
                comments=((ASKER_STAFF, "Thank you, that found all three kiosk payments."),),
            ),
            AnswerSpec(
                HEAD_OF_FINANCE,
                "If the councillor wants a total against budget rather than the payments, the "
                "internal [revenue budget monitoring](/datasets/revenue-budget-monitoring/) "
                "report has the outturn by cost centre.",
                votes=(ASKER_STAFF,),
            ),
        ),
        edit=(
            ASKER_STAFF,
            "A councillor asked the library service how much we spent on the new self-service "
            "kiosks in 2024/25. Is there one place with every payment over £500, and can I "
            "filter it by service?\n\nI have looked on the council website but only found "
            "PDFs from 2019.",
            "Said where I had already looked",
        ),
    ),
    QuestionSpec(
        key="spend-redacted",
        author=OPEN_DATA,
        title="Why do some spend over £500 lines say 'Redacted - personal data'?",
        body=(
            "A developer using our open data asked why about 40 supplier names each quarter "
            "read *Redacted - personal data*. What is the rule, so I can explain it on the "
            "dataset page?"
        ),
        tags="spend, transparency, personal data",
        datasets=("spending-over-500",),
        days_ago=40,
        votes=(FINANCE_SYSTEMS, ANALYST),
        answers=(
            AnswerSpec(
                FINANCE_SYSTEMS,
                "The Transparency Code says we must not publish payments to **individuals** "
                "where that would reveal personal data: sole traders, foster carers and direct "
                "payments. Our finance system flags those suppliers and the extract replaces "
                "the name. The amount and the expense type are still published.",
                accepted=True,
                votes=(OPEN_DATA, IG_MANAGER),
                comments=(
                    (
                        IG_MANAGER,
                        "This matches our publication scheme. Happy for it to go on the dataset page.",
                    ),
                ),
            ),
        ),
    ),
    QuestionSpec(
        key="spend-reconcile",
        author=PUBLIC_HEALTH,
        title="How do I reconcile spend over £500 with the revenue budget monitoring?",
        body=(
            "For a Public Health grant return I need payments that match the budget monitoring "
            "outturn. The totals never agree. Am I missing something?"
        ),
        tags="spend, budget monitoring",
        datasets=("spending-over-500", "revenue-budget-monitoring"),
        days_ago=21,
        answers=(
            AnswerSpec(
                SENIOR_ACCOUNTANT,
                "They will not match exactly: spend over £500 leaves out payments under £500, "
                "journals and salaries, and it is on a *payment date* basis, while budget "
                "monitoring is on an *accruals* basis. Send me the cost centres and I can give "
                "you a reconciliation.",
                votes=(PUBLIC_HEALTH,),
            ),
        ),
    ),
    QuestionSpec(
        key="major-planning",
        author=GIS,
        title="Which planning applications count as major developments?",
        body=(
            "I am mapping planning applications by ward. The **Development type** column has "
            "'Major', 'Minor' and 'Other'. What makes an application major?"
        ),
        tags="planning",
        datasets=("planning-applications",),
        days_ago=33,
        votes=(PLANNING_OFFICER,),
        answers=(
            AnswerSpec(
                PLANNING_INFO,
                "It follows the national definition: 10 or more homes, a site of 0.5 hectares "
                "or more for housing, 1,000 square metres of new floor space, or a site of one "
                "hectare or more. The type is set when the application is validated.",
                accepted=True,
                votes=(GIS, HEAD_OF_DATA),
            ),
        ),
    ),
    QuestionSpec(
        key="planning-polygons",
        author=ANALYST,
        title="Can I get planning application site boundaries as polygons?",
        body=(
            "The planning applications data has a point per application. For a Local Plan "
            "evidence map I need the red-line site boundaries. Do we hold them in a GIS layer?"
        ),
        tags="planning, gis",
        datasets=("planning-applications",),
        days_ago=3,
        votes=(GIS,),
    ),
    QuestionSpec(
        key="toilets-winter",
        author=LIBRARIES,
        title="Are the public toilets opening hours up to date for winter?",
        body=(
            "Residents ask at the library desk which toilets are open after 5pm in winter. Does "
            "the public toilets dataset have the winter hours?"
        ),
        tags="toilets",
        datasets=("public-toilets",),
        days_ago=27,
        votes=(ASKER_STAFF,),
        answers=(
            AnswerSpec(
                PARKS,
                "Yes: the **Opening hours** column has both, for example "
                "`Summer 07:00-20:00; Winter 08:00-17:00`. We update it each October when the "
                "clocks change. The park toilets close at dusk.",
                accepted=True,
                votes=(LIBRARIES, ASKER_STAFF),
            ),
        ),
    ),
    QuestionSpec(
        key="toilets-changing-places",
        author=ASKER_STAFF,
        title="Which public toilets have a Changing Places facility?",
        body="A parent asked for toilets with a hoist and adult changing bench.",
        tags="toilets, accessibility",
        datasets=("public-toilets",),
        days_ago=9,
        answers=(
            AnswerSpec(
                TREES,
                "Two: Eastmere Park and the Market Square toilets. The dataset has a "
                "**Changing Places** yes/no column. I have asked for the Riverside one, which "
                "opened in March, to be added.",
                votes=(ASKER_STAFF,),
            ),
        ),
    ),
    QuestionSpec(
        key="safeguarding-counts",
        author=PUBLIC_HEALTH,
        title="How can I report safeguarding referral counts without identifying anyone?",
        body=(
            "For the JSNA chapter on older people I would like safeguarding referrals by ward "
            "and age band. Small numbers could identify people. What do we usually do?"
        ),
        tags="safeguarding, personal data",
        datasets=("safeguarding-adults-referrals",),
        days_ago=18,
        votes=(CONSULTANT_PH, IG_MANAGER),
        answers=(
            AnswerSpec(
                SAFEGUARDING_MANAGER,
                "We suppress any count under 5 and round the rest to the nearest 5, the same "
                "rule as the national SAC return. Ward is too fine for most age bands, so we "
                "usually publish by locality. Ask for access to "
                "[the referrals data](/datasets/safeguarding-adults-referrals/) through the "
                "dataset page and say it is for the JSNA.",
                accepted=True,
                votes=(PUBLIC_HEALTH, CONSULTANT_PH),
                comments=(
                    (
                        IG_MANAGER,
                        "And please record it in a DPIA screening, which takes ten minutes.",
                    ),
                ),
            ),
        ),
    ),
    QuestionSpec(
        key="section-42",
        author=SOCIAL_WORKER,
        title="What is the difference between a safeguarding concern and a Section 42 enquiry?",
        body="New starters keep asking why the two counts differ so much.",
        tags="safeguarding",
        days_ago=14,
        answers=(
            AnswerSpec(
                SAFEGUARDING_PRACTITIONER,
                "A **concern** is any report that an adult may be at risk. It becomes a "
                "**Section 42 enquiry** only when the Care Act duty applies: the adult has care "
                "and support needs, is experiencing or at risk of abuse or neglect, and cannot "
                "protect themselves because of those needs. About a third of our concerns "
                "become enquiries.",
                accepted=True,
                votes=(SOCIAL_WORKER, SAFEGUARDING_MANAGER),
            ),
        ),
    ),
    QuestionSpec(
        key="missed-bins-round",
        author=HOUSING_SYSTEMS,
        title="Can I see missed bins by collection round?",
        body="Tenants on two estates say their bins are missed every other week.",
        tags="waste, bins",
        datasets=("missed-bins",),
        days_ago=6,
        answers=(
            AnswerSpec(
                FLEET,
                "The missed bins data has a **Round** column. Filter it for rounds 14 and 15, "
                "which serve those estates. Access problems from parked cars are coded *ACC*.",
            ),
        ),
    ),
    QuestionSpec(
        key="ward-boundaries",
        author=PLANNING_OFFICER,
        title="Where do the ward boundaries come from and when do they change?",
        body="I need to know which boundaries to use for a 2023 to 2025 time series.",
        tags="wards, gis",
        datasets=("ward-boundaries",),
        days_ago=45,
        answers=(
            AnswerSpec(
                DEMOCRATIC,
                "They come from the Local Government Boundary Commission's review, which took "
                "effect at the May 2023 elections. The next review is not expected before 2030, "
                "so one set covers your whole series.",
                accepted=True,
                votes=(PLANNING_OFFICER, GIS),
                comments=((GIS, "The dataset has the ONS ward codes too, for joining."),),
            ),
        ),
    ),
    QuestionSpec(
        key="housing-register-access",
        author=HEAD_OF_DATA,
        title="Who approves access to the housing register applicants data?",
        body="We need it to model demand for one-bedroom homes.",
        tags="housing, data access",
        datasets=("housing-register-applicants",),
        days_ago=24,
        answers=(
            AnswerSpec(
                IG_MANAGER,
                "The data steward approves it: request access from the dataset page, give the "
                "purpose and how long you need it. Grants expire, and every view is audited. "
                "For modelling, the open [housing register summary](/datasets/housing-register-summary/) "
                "may be enough.",
                accepted=True,
                votes=(HEAD_OF_DATA,),
            ),
        ),
    ),
    QuestionSpec(
        key="air-quality-api",
        author=ROAD_SAFETY,
        title="Is there an API for the air quality readings?",
        body="I would like to show NO2 near schools on the road safety dashboard.",
        tags="air quality, api",
        datasets=("air-quality-no2",),
        days_ago=2,
    ),
    QuestionSpec(
        key="sickness-part-time",
        author=CONSULTANT_PH,
        title="How is sickness absence counted for part-time staff?",
        body="Is it days lost per full-time equivalent, or per head?",
        tags="workforce",
        datasets=("staff-sickness-absence",),
        days_ago=1,
    ),
    QuestionSpec(
        key="spend-duplicate",
        author=SERVICE_DESK,
        title="Where is the council's spending over £500 data?",
        body="Someone on the phone asked for it.",
        tags="spend",
        days_ago=4,
        duplicate_of="spend-last-year",
    ),
)

DATASET_COMMENTS: tuple[tuple[str, str, str], ...] = (
    ("spending-over-500", OPEN_DATA, "Could the next release add the procurement category code?"),
    ("spending-over-500", FINANCE_SYSTEMS, "Yes, from the July file onwards."),
    ("public-toilets", LIBRARIES, "The Riverside toilets opened in March and are not listed yet."),
    ("missed-bins", FLEET, "Rounds were renumbered in April; older rows use the old numbers."),
)

# (dataset, title, url, kind, description, submitted by, approved?)
REUSES: tuple[tuple[str, str, str, str, str, str, bool], ...] = (
    ("spending-over-500", "Eastmere Spend Explorer", "https://spend.eastmere-civic.example/",
     "app", "Search and chart every payment over £500 by supplier and service.", ANALYST, True),
    ("public-toilets", "Eastmere loo map", "https://loos.eastmere-civic.example/", "visualisation",
     "A map of public toilets with opening hours and accessible facilities.", LIBRARIES, True),
    ("planning-applications", "Weekly planning digest", "https://planning-digest.example/eastmere",
     "report", "A weekly email of new planning applications by ward.", GIS, True),
    ("air-quality-no2", "Clean air near Eastmere schools", "https://cleanair.example/eastmere",
     "visualisation", "NO2 readings within 400 metres of each school.", ROAD_SAFETY, False),
)  # fmt: skip


def load_questions() -> dict[str, int]:
    """Create the demo questions, answers, comments, votes and reuses."""
    people = {u.email: u for u in User.objects.all()}
    datasets = {d.slug: d for d in Dataset.objects.all()}
    made: dict[str, Question] = {}
    for spec in QUESTIONS:
        made[spec.key] = _question(spec, people, datasets)
    admin = people[ADMIN]
    for spec in QUESTIONS:
        if spec.duplicate_of:
            questions.question_mark_duplicate(
                question=made[spec.key], original=made[spec.duplicate_of], actor=admin
            )
    for slug, author, body in DATASET_COMMENTS:
        common.comment_add(target=datasets[slug], author=people[author], body=body)
    for slug, title, url, kind, description, author, approved in REUSES:
        reuse = reuses.reuse_submit(dataset=datasets[slug], submitted_by=people[author],
                                    title=title, url=url, kind=kind, description=description)  # fmt: skip
        if approved:
            reuses.reuse_review(reuse=reuse, actor=admin, approve=True)
    _report_one(made["missed-bins-round"], people)
    return {"questions": len(made), "reuses": len(REUSES)}


def _question(spec: QuestionSpec, people: dict[str, User], datasets: dict[str, Dataset]):
    author = people[spec.author]
    question = questions.question_create(
        author=author,
        title=spec.title,
        body=spec.body,
        tags=common.tags_from_text(spec.tags),
        datasets=[datasets[s] for s in spec.datasets],
    )
    for voter in spec.votes:
        common.vote_toggle(target=question, user=people[voter])
    for who, body in spec.comments:
        common.comment_add(target=question, author=people[who], body=body)
    for answer_spec in spec.answers:
        _answer(question, answer_spec, people)
    if spec.edit:
        editor, body, note = spec.edit
        questions.question_edit(question=question, editor=people[editor], title=question.title,
                                body=body, tags=question.tags.all(),
                                datasets=question.datasets.all(), note=note)  # fmt: skip
    _backdate(question, spec.days_ago)
    return question


def _answer(question: Question, spec: AnswerSpec, people: dict[str, User]) -> Answer:
    answer = questions.answer_create(question=question, author=people[spec.author], body=spec.body)
    for voter in spec.votes:
        common.vote_toggle(target=answer, user=people[voter])
    for who, body in spec.comments:
        common.comment_add(target=answer, author=people[who], body=body)
    if spec.accepted:
        questions.answer_accept(answer=answer, actor=question.author)
    return answer


def _backdate(question: Question, days_ago: int) -> None:
    """Spread the demo over time: the question, then its answers and comments a little later."""
    asked = timezone.now() - timedelta(days=days_ago, hours=3)
    Question.objects.filter(pk=question.pk).update(created=asked, modified=asked)
    for n, answer in enumerate(question.answers.order_by("pk"), start=1):
        when = asked + timedelta(hours=4 * n)
        Answer.objects.filter(pk=answer.pk).update(created=when, modified=when)


def _report_one(question: Question, people: dict[str, User]) -> None:
    """One open report, so the moderators' queue has something in it."""
    answer = question.answers.first()
    if answer is not None:
        moderation.report_create(target=answer, reporter=people[HOUSING_SYSTEMS], reason="wrong",
                                 details="Round 15 does not serve the Marsh Lane estate.")  # fmt: skip
