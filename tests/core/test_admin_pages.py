"""Administrators can open every admin page; no one else can open any."""

import pytest
from django.contrib import admin
from django.urls import reverse


def _admin_urls(world):
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        yield reverse("admin:{}_{}_changelist".format(*info))
        if model_admin.has_add_permission(_FakeRequest(world.people["admin"])):
            yield reverse("admin:{}_{}_add".format(*info))
        obj = model.objects.first()
        if obj is not None:
            yield reverse("admin:{}_{}_change".format(*info), args=[obj.pk])


class _FakeRequest:
    def __init__(self, user):
        self.user = user


@pytest.mark.django_db
def test_administrator_opens_every_admin_page(client, world):
    client.force_login(world.people["admin"])
    for url in _admin_urls(world):
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["staff", "publisher", "steward"])
def test_others_are_sent_to_the_admin_sign_in(client, world, who):
    client.force_login(world.people[who])
    for url in _admin_urls(world):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
