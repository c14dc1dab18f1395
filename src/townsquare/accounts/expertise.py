"""Who knows about a topic: people ranked by evidence, each piece of it shown.

Evidence comes from sources, each a function `(viewer, query, people) -> Iterable[Evidence]`
named in `SOURCES` and used only when its app is installed, so the knowledge layer (and later
apps) add evidence the same way this module's own sources do. Every source reads through its
app's selectors, so what the viewer may not see (a restricted dataset, a private community)
is never evidence. See docs/decisions/0015.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.module_loading import import_string

from townsquare.core import topics

from . import selectors
from .models import OrgUnit, User

# How much one piece of evidence counts. What people did (stewarding data, answering) counts
# for more than what they say, which counts for more than where they work.
WEIGHTS = {
    "name": 6.0,
    "steward": 4.0,
    "skill": 3.0,
    "guide": 3.0,
    "accepted_answer": 2.0,
    "publisher": 2.0,
    "moderator": 2.0,
    "member": 1.0,
    "job_title": 1.0,
    "unit": 1.0,
    "team_publishes": 1.0,
}
MAX_ACCEPTED_ANSWERS = 5  # beyond this, more answers on one tag add nothing


@dataclass(frozen=True)
class Evidence:
    person_id: int
    kind: str
    text: str  # why, in words: "Steward of Spending over £500"
    url: str = ""
    coverage: float = 1.0  # the share of the query's terms this evidence matched
    count: int = 1  # how many things it stands for ("3 accepted answers")
    factor: float = 1.0  # how strongly it matched (a dataset's broad theme: weakly)

    @property
    def score(self) -> float:
        return WEIGHTS.get(self.kind, 1.0) * self.coverage * self.count * self.factor


@dataclass
class Expert:
    person: User
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(e.score for e in self.evidence)


Source = Callable[[object, frozenset[str], dict[int, User]], Iterable[Evidence]]

# (app that must be installed, dotted path of the source)
SOURCES: tuple[tuple[str, str], ...] = (
    ("townsquare.accounts", "townsquare.accounts.expertise.profile_evidence"),
    ("townsquare.catalogue", "townsquare.accounts.expertise.dataset_evidence"),
    ("townsquare.knowledge", "townsquare.knowledge.selectors.expertise.topic_evidence"),
)


def sources() -> list[Source]:
    return [import_string(path) for app, path in SOURCES if apps.is_installed(app)]


def who_knows(viewer, q: str, *, limit: int = 25) -> list[Expert]:
    """Staff people with evidence that they know about `q`, best first."""
    query = topics.terms(q)
    if not query:
        return []
    people = {p.pk: p for p in selectors.staff_people()}
    found = [e for source in sources() for e in source(viewer, query, people)]
    found = [e for e in found if e.person_id in people]
    # Prefer evidence matching every word; fall back to half of them when nothing does.
    best = max((e.coverage for e in found), default=0.0)
    threshold = 1.0 if best >= 1.0 else 0.5
    experts: dict[int, Expert] = {}
    for e in found:
        if e.coverage >= threshold:
            experts.setdefault(e.person_id, Expert(people[e.person_id])).evidence.append(e)
    ranked = sorted(experts.values(), key=lambda x: (-x.score, x.person.name, x.person.pk))
    for expert in ranked:
        expert.evidence.sort(key=lambda e: -e.score)
    return ranked[:limit]


def _ancestors(unit_id: int | None, units: dict[int, OrgUnit]) -> list[OrgUnit]:
    """The unit and every unit above it, nearest first."""
    unit = units.get(unit_id) if unit_id else None
    if unit is None:
        return []
    by_path = {u.path: u for u in units.values()}
    step = OrgUnit.steplen
    return [
        by_path[unit.path[:n]] for n in range(len(unit.path), 0, -step) if unit.path[:n] in by_path
    ]


def profile_evidence(viewer, query: frozenset[str], people: dict[int, User]) -> Iterable[Evidence]:
    """What people say about themselves, their names and where they work."""
    units = selectors.units_by_id()
    for person in people.values():
        if (c := topics.coverage(query, person.name)) > 0:
            yield Evidence(person.pk, "name", f"Name: {person.name}", coverage=c)
        for skill in person.skills:
            if (c := topics.coverage(query, skill)) > 0:
                yield Evidence(person.pk, "skill", f"Says: {skill}", coverage=c)
        if person.job_title and (c := topics.coverage(query, person.job_title)) > 0:
            yield Evidence(person.pk, "job_title", f"Job title: {person.job_title}", coverage=c)
        for unit in _ancestors(person.team_id, units)[:3]:  # team, service, directorate
            if (c := topics.coverage(query, unit.name)) > 0:
                text = f"Works in {unit.name}"
                yield Evidence(person.pk, "unit", text, unit.get_absolute_url(), coverage=c)
                break


def dataset_evidence(viewer, query: frozenset[str], people: dict[int, User]) -> Iterable[Evidence]:
    """Datasets the viewer may see on the topic: their stewards (one piece of evidence each),
    the publishers whose role covers the publishing unit and the people in the team that
    publishes them (one piece each, naming the datasets). A match on a dataset's broad theme
    alone counts for a quarter of a match on its title or keywords."""
    from townsquare.catalogue import selectors as catalogue  # catalogue builds on accounts

    roles = selectors.publisher_roles()
    team_members: dict[int, list[int]] = defaultdict(list)
    for person in people.values():
        if person.team_id:
            team_members[person.team_id].append(person.pk)
    published: dict[tuple[int, OrgUnit, str], list[tuple[object, float, float]]] = defaultdict(list)
    for dataset in catalogue.datasets_mentioning(viewer, topics.prefixes(query)):
        c, factor = _dataset_match(query, dataset)
        if c == 0:
            continue
        if dataset.steward_id:
            text = f"Steward of {dataset.title}"
            yield Evidence(
                dataset.steward_id, "steward", text, dataset.get_absolute_url(), c, factor=factor
            )
        for role in roles:
            if dataset.publisher.path.startswith(role.unit.path):
                published[(role.user_id, role.unit, "publisher")].append((dataset, c, factor))
        for person_id in team_members.get(dataset.publisher_id, ()):
            published[(person_id, dataset.publisher, "team_publishes")].append((dataset, c, factor))
    for (person_id, unit, kind), found in published.items():
        yield _publishing_evidence(person_id, unit, kind, found)


def _dataset_match(query: frozenset[str], dataset) -> tuple[float, float]:
    """(coverage, strength) of a dataset's match: its title and keywords first, then themes."""
    described = " ".join([dataset.title, *(k.name for k in dataset.keywords.all())])
    if c := topics.coverage(query, described):
        return c, 1.0
    return topics.coverage(query, " ".join(t.title for t in dataset.themes.all())), 0.25


def _publishing_evidence(person_id: int, unit: OrgUnit, kind: str, found: list) -> Evidence:
    found.sort(key=lambda x: (-x[1] * x[2], x[0].title))
    titles = [d.title for d, _, _ in found]
    named = titles[0] if len(titles) == 1 else f"{titles[0]}, {titles[1]}"
    if len(titles) > 2:
        named += f" and {len(titles) - 2} more"
    if kind == "publisher":
        text = f"Publisher for {unit.name}, which publishes {named}"
    else:
        text = f"In {unit.name}, the team that publishes {named}"
    best = found[0]
    count = min(len(found), 3) if kind == "publisher" else 1
    # A role over a whole directorate (or more) says less about any one topic than a team's.
    breadth = _BREADTH.get(unit.kind, 1.0) if kind == "publisher" else 1.0
    return Evidence(
        person_id, kind, text, unit.get_absolute_url(), best[1], count, best[2] * breadth
    )


_BREADTH = {OrgUnit.Kind.DIRECTORATE: 0.5, OrgUnit.Kind.ORGANISATION: 0.25}
