"""The step 4 demo: 39 windows built from posts with confirmed holders, every state present, idempotent."""

import io

import pytest

from members import demo as members_demo
from members.models import Member, Organisation
from posts.demo import windows as demo_windows
from posts.models import Feedback, HandbookEdition, PlaqueApplication, PlaqueRecord, Window
from tests.posts.factories import AssignmentFactory, PublicPostFactory


def give_every_unit_public_posts():
    """What the nominations demo provides: public posts with confirmed holders in every unit."""
    for unit in Organisation.objects.units():
        branch = unit.children.order_by("code").first()
        holders = list(Member.objects.filter(branch__parent=unit).order_by("member_no")[:4])
        for i in range(2):
            post = PublicPostFactory(organisation=branch, title=f"{unit.code}窗口岗{i}")
            for member in holders[i * 2:(i + 1) * 2]:
                AssignmentFactory(post=post, member=member)


@pytest.fixture
def district(db):
    members_demo.load()


def snapshot():
    from django.apps import apps

    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_without_public_posts_it_creates_nothing_and_says_so(district):
    out = io.StringIO()
    demo_windows.load(stdout=out)
    assert Window.objects.count() == 0
    assert "no public-facing posts" in out.getvalue()


def test_it_builds_the_documents_39_windows_and_every_state(district):
    give_every_unit_public_posts()
    demo_windows.load()
    assert Window.objects.count() == 39
    assert Window.objects.filter(organisation__code="XZSP").count() == 3
    assert all(w.posts.exists() for w in Window.objects.all())
    assert set(Feedback.objects.values_list("status", flat=True)) == set(Feedback.Status.values)
    assert Feedback.objects.overdue().complaints().exists()
    assert Feedback.objects.filter(kind="complaint", satisfied=False, reopened_at__isnull=False, status="closed").exists()
    assert set(PlaqueApplication.objects.values_list("status", flat=True)) == set(PlaqueApplication.Status.values)
    approved = PlaqueApplication.objects.filter(status="approved")
    assert PlaqueRecord.objects.filter(level="striving", source="application").count() == approved.count()
    edition = HandbookEdition.objects.get()
    assert edition.version == 1 and edition.window_count == 39


def test_loading_twice_writes_nothing(district):
    give_every_unit_public_posts()
    demo_windows.load()
    before = snapshot()
    demo_windows.load()
    assert snapshot() == before


def test_the_whole_demo_gives_every_window_members_on_duty(db):
    from django.core.management import call_command

    from posts.windows.selectors import members_on_duty

    call_command("load_demo", verbosity=0)
    windows = list(Window.objects.all())
    assert len(windows) == 39
    assert all(members_on_duty(w).exists() for w in windows)
    assert HandbookEdition.objects.get().window_count == 39
