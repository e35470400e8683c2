"""Setting up a window: the rules live in the service, not only in the form."""

import pytest

from members.models import AuditEntry
from pioneer.errors import Refusal
from posts.models import Window
from posts.windows.services import save_window
from tests.posts.factories import PublicPostFactory


def new_window(unit, code="WN"):
    return Window(organisation=unit, code=code, name="新窗口")


def test_a_unit_secretary_sets_up_a_window_with_the_units_posts(unit_secretary, unit_a, branch_a1):
    unit_post, branch_post = PublicPostFactory(organisation=unit_a), PublicPostFactory(organisation=branch_a1)
    window = save_window(unit_secretary, window=new_window(unit_a), posts=[unit_post, branch_post])
    assert set(window.posts.all()) == {unit_post, branch_post}
    entry = AuditEntry.objects.get(action="posts.window.created")
    assert entry.actor == unit_secretary and entry.object_id == str(window.pk)


def test_it_refuses_another_units_post_and_saves_nothing(unit_secretary, unit_a, unit_b):
    with pytest.raises(Refusal, match="本单位"):
        save_window(unit_secretary, window=new_window(unit_a), posts=[PublicPostFactory(organisation=unit_b)])
    assert not Window.objects.filter(code="WN").exists()


def test_it_refuses_an_internal_post(unit_secretary, unit_a):
    with pytest.raises(Refusal):
        save_window(unit_secretary, window=new_window(unit_a), posts=[PublicPostFactory(organisation=unit_a, kind="internal")])
    assert not Window.objects.filter(code="WN").exists()


def test_it_refuses_someone_who_does_not_manage_the_unit(other_secretary, unit_a):
    with pytest.raises(Refusal):
        save_window(other_secretary, window=new_window(unit_a), posts=[])
    assert not Window.objects.filter(code="WN").exists()


def test_editing_the_posts_is_audited(unit_secretary, window_a, unit_a):
    extra = PublicPostFactory(organisation=unit_a, title="新增岗位")
    save_window(unit_secretary, window=window_a, posts=[*window_a.posts.all(), extra])
    assert extra in window_a.posts.all()
    assert "新增岗位" in AuditEntry.objects.get(action="posts.window.updated").reason
