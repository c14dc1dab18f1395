"""The access policy is written twice: as a filter for lists (`datasets_visible_to`) and in
Python for one object (`can`). For any person, dataset and action the two must give the same
answer, or a dataset could show in a list but not open, or open but not show."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from factories import dataset, person, unit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from townsquare.accounts.models import Membership, Role, User
from townsquare.core import access
from townsquare.governance import services as governance

ACTIONS = ("view", "download", "edit", "publish", "delete", "manage_grants", "view_audit")
# Council > Finance > Payments, and Council > Housing.
UNITS = ("council", "finance", "payments", "housing")
ROLE_KINDS = ("staff", "publisher", "steward", "caldicott_guardian")

people = st.one_of(
    st.none(),  # anonymous
    st.fixed_dictionaries({
        # Administrators see everything and closed accounts nothing: keep them the exception.
        "admin": st.sampled_from((False, False, False, True)),
        "active": st.sampled_from((True, True, True, False)),
        "roles": st.lists(st.tuples(st.sampled_from(ROLE_KINDS),
                                    st.sampled_from((None, *UNITS))), max_size=3, unique=True),
        "team": st.sampled_from((None, *UNITS)),
        "memberships": st.lists(st.sampled_from(UNITS), max_size=2, unique=True),
    }),
)  # fmt: skip
datasets = st.lists(
    st.fixed_dictionaries({
        "publisher": st.sampled_from(UNITS),
        "access_level": st.sampled_from(("open", "internal", "restricted")),
        "status": st.sampled_from(("published", "draft")),
        "steward": st.sampled_from((None, "them", "someone else")),
    }),
    min_size=1, max_size=3,
)  # fmt: skip
grants = st.lists(
    st.fixed_dictionaries({
        "dataset": st.integers(min_value=0, max_value=2),
        # Mostly to the person under test or their team, where grants matter.
        "to": st.sampled_from(("them", "them", "their team", "someone else", *UNITS)),
        "state": st.sampled_from(("active", "active", "expired", "revoked")),
    }),
    max_size=4,
)  # fmt: skip


class AccessPolicyAgrees(TestCase):
    @classmethod
    def setUpTestData(cls):
        council = unit("Council", "organisation")
        finance = unit("Finance", "directorate", council)
        cls.units = {
            "council": council,
            "finance": finance,
            "payments": unit("Payments", "team", finance),
            "housing": unit("Housing", "directorate", council),
        }
        cls.someone_else = person("Sol Else", team=cls.units["housing"])
        cls.approver = person("Stella Steward", roles=[("steward", None)])

    def _make_person(self, spec):
        if spec is None:
            return None
        them = person("Tess Tested", team=self.units[spec["team"]] if spec["team"] else None,
                      admin=spec["admin"])  # fmt: skip
        for kind, scope in spec["roles"]:
            Role.objects.create(user=them, kind=kind, unit=self.units[scope] if scope else None)
        for name in spec["memberships"]:
            Membership.objects.create(user=them, unit=self.units[name])
        if not spec["active"]:
            User.objects.filter(pk=them.pk).update(is_active=False)
        return them

    def _make_dataset(self, n, spec, them):
        steward = {"them": them, "someone else": self.someone_else}.get(spec["steward"])
        return dataset(f"Dataset {n}", publisher=self.units[spec["publisher"]],
                       access_level=spec["access_level"], status=spec["status"],
                       steward=steward, with_file=False)  # fmt: skip

    def _make_grant(self, spec, made, them):
        if spec["to"] == "their team":
            if them is None or them.team is None:
                return
            to = {"unit": them.team}
        elif spec["to"] == "them":
            if them is None:
                return
            to = {"user": them}
        elif spec["to"] == "someone else":
            to = {"user": self.someone_else}
        else:
            to = {"unit": self.units[spec["to"]]}
        now = timezone.now()
        expires = (
            now - timedelta(hours=1) if spec["state"] == "expired" else now + timedelta(days=7)
        )
        grant = governance.grant_create(dataset=made[spec["dataset"] % len(made)],
                                        approver=self.approver, purpose="Testing",
                                        expires=expires, **to)  # fmt: skip
        if spec["state"] == "revoked":
            governance.grant_revoke(grant=grant, actor=self.approver)

    @settings(
        max_examples=60,
        deadline=None,
        database=None,  # keep no example database in the working tree
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(who=people, described=datasets, granted=grants)
    def test_can_agrees_with_datasets_visible_to(self, who, described, granted):
        them = self._make_person(who)
        made = [self._make_dataset(n, spec, them) for n, spec in enumerate(described)]
        for spec in granted:
            self._make_grant(spec, made, them)

        for action in ACTIONS:
            for ds in made:
                # A fresh user per question: the principal is cached on the user object.
                user = User.objects.get(pk=them.pk) if them else AnonymousUser()
                allowed = access.can(user, action, ds)
                listed = access.datasets_visible_to(user, action).filter(pk=ds.pk).exists()
                assert allowed == listed, (action, ds.access_level, ds.status, who, granted)
