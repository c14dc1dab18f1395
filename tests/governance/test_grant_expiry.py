"""A grant stops working the moment it expires, with no restart and no task having run; the
expiry task then records the end and tells both sides, once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from townsquare.core.models import AuditEvent
from townsquare.core.schedule import PERIODIC_TASKS, enqueue_periodic
from townsquare.governance import services
from townsquare.governance.models import Grant


@pytest.fixture
def grant(world):
    return Grant.objects.get(user=world.people["grantee"])


def test_an_expired_grant_stops_working_at_once(client, world, grant):
    url = world.datasets["restricted"].get_absolute_url()
    client.force_login(world.people["grantee"])
    assert client.get(url).status_code == 200
    Grant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(url)
    assert response.status_code == 404
    assert world.datasets["restricted"].title not in response.content.decode()


def test_expiry_is_recorded_and_both_sides_told_once(world, grant,
                                                     django_capture_on_commit_callbacks):  # fmt: skip
    Grant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        ended = services.grants_expire()
        again = services.grants_expire()
    assert [g.pk for g in ended] == [grant.pk] and again == []
    recipients = sorted(to for m in mail.outbox for to in m.to)
    assert recipients == [world.people["grantee"].email, world.people["steward"].email]
    event = AuditEvent.objects.get(action="expire", object_id=str(grant.dataset_id))
    assert event.details["grant"] == grant.pk
    assert Grant.objects.get(pk=grant.pk).expiry_processed_at is not None


def test_active_and_revoked_grants_are_left_alone(world, grant):
    services.grant_revoke(grant=grant, actor=world.people["steward"])
    Grant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert services.grants_expire() == []


def test_the_command_and_the_scheduled_task_end_grants(world, grant, settings, capsys):
    Grant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    call_command("expire_grants")
    assert "1 grant(s) ended" in capsys.readouterr().out

    other = Grant.objects.filter(dataset=grant.dataset).exclude(pk=grant.pk).get()
    Grant.objects.filter(pk=other.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert enqueue_periodic() == len(PERIODIC_TASKS)  # grants, and the search outbox
    assert Grant.objects.get(pk=other.pk).expiry_processed_at is not None
