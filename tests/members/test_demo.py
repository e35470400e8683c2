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


def test_the_demo_asks_each_of_our_apps_in_installed_apps_order():
    from members.management.commands.load_demo import demo_modules

    assert [module.__name__ for module in demo_modules()] == ["members.demo", "posts.demo", "evaluation.demo"]


def test_a_demo_that_fails_to_import_fails_the_command(monkeypatch):
    # Only a missing `demo` package is skipped; a demo that imports a missing module must not vanish quietly.
    import importlib

    from members.management.commands import load_demo

    real = importlib.import_module

    def broken(name, *args):
        if name == "posts.demo":
            raise ModuleNotFoundError("No module named 'posts.gone'", name="posts.gone")
        return real(name, *args)

    monkeypatch.setattr(load_demo.importlib, "import_module", broken)
    with pytest.raises(ModuleNotFoundError):
        list(load_demo.demo_modules())
