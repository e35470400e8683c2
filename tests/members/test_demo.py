"""The demo district matches the source document and loads idempotently."""

import pytest
from django.core.management import call_command

from members.models import Member, Organisation


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def snapshot():
    from django.apps import apps

    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_the_demo_matches_the_document(demo):
    assert Organisation.objects.filter(kind="committee").count() == 1
    assert Organisation.objects.units().count() == 19
    assert Organisation.objects.branches().count() == 30
    assert 150 <= Member.objects.count() <= 170
    names = set(Member.objects.values_list("name", flat=True))
    assert all(len(name) in (2, 3) for name in names)


def test_loading_twice_changes_nothing(demo):
    before = snapshot()
    call_command("load_demo", verbosity=0)
    assert snapshot() == before


def test_every_demo_role_can_log_in(demo, client):
    from members.demo import DEMO_PASSWORD, LOGINS

    for username, *_ in LOGINS:
        client.logout()
        response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
