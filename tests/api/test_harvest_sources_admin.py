"""Administrators see harvest sources (when each last ran, and how) and can queue harvests."""

from django_tasks import default_task_backend

from townsquare.api.harvest import source_for


def test_an_administrator_queues_a_harvest(client, world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    source = source_for("https://data.example.org/catalog.ttl", publisher=world.housing)
    client.force_login(world.people["admin"])
    assert source.url in client.get("/admin/api/harvestsource/").content.decode()
    response = client.post(
        "/admin/api/harvestsource/",
        {"action": "harvest_now", "_selected_action": [source.pk]},
        follow=True,
    )
    assert "Queued 1 harvest" in response.content.decode()
    [queued] = default_task_backend.results
    assert queued.args == [source.pk]
