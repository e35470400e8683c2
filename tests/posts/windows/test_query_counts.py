"""Pinned query counts on the public pages: the same at 2 windows as at 12, whatever their holders."""

import pytest
from django.urls import reverse

from posts.feedback import services as fs
from posts.handbook.services import publish_handbook
from posts.plaques import services as ps
from tests.factories import BranchFactory, UnitFactory
from tests.posts.factories import staffed_window


def build(committee, count, actor):
    windows = []
    for _ in range(count):
        unit = UnitFactory(parent=committee)
        window = staffed_window(unit, BranchFactory(parent=unit), holders=3)
        second = staffed_window(unit, BranchFactory(parent=unit), holders=2)
        # Two posts, five holders, a plaque and feedback on the window: any per-row fetch would show.
        window.posts.add(*second.posts.all())
        ps.record_plaque(actor, window=window, year=2026, level="striving", source="application")
        fs.submit_feedback(None, window=window, kind="praise", text="很好")
        windows.append(window)
    publish_handbook(actor)
    return windows


@pytest.fixture(params=[2, 12], ids=["2-windows", "12-windows"])
def windows(request, committee, committee_staff):
    return build(committee, request.param, committee_staff)


def test_the_directory_takes_four_queries(client, windows, django_assert_num_queries):
    # 1 count for the paginator, 2 the page of windows with their units, 3 this year's plaques of the page,
    # 4 the units that have windows (for the filter).
    with django_assert_num_queries(4):
        response = client.get(reverse("posts:window_directory"), {"q": "窗口"})
    assert len(response.context["object_list"]) == len(windows) * 2


def test_a_window_page_takes_five_queries(client, windows, django_assert_num_queries):
    # 1 the window with its unit, 2 its open public posts, 3 their confirmed holders with member and photo,
    # 4 the window's latest plaque, 5 this year's feedback received and concluded.
    with django_assert_num_queries(5):
        response = client.get(reverse("posts:window_public", args=[windows[-1].code]))
    assert sum(len(p.holders) for p in response.context["posts"]) == 5


def test_the_handbook_takes_one_query(client, windows, django_assert_num_queries):
    # 1 the latest edition's header, 2 its frozen content, once: then its contents and unit pages come from the cache.
    with django_assert_num_queries(2):
        response = client.get(reverse("posts:handbook"))
    assert response.context["edition"].window_count == len(windows) * 2
    with django_assert_num_queries(1):
        response = client.get(reverse("posts:handbook_unit", args=[windows[-1].organisation.code]))
    assert response.context["unit"]["code"] == windows[-1].organisation.code


def test_compiling_the_handbook_takes_three_queries(windows, django_assert_num_queries):
    from posts.handbook.services import compile_handbook

    # 1 open windows with their units, 2 their posts (joined through the window–post table),
    # 3 the confirmed holders of those posts with their members.
    with django_assert_num_queries(3):
        content = compile_handbook()
    assert sum(len(u["windows"]) for u in content["units"]) == len(windows) * 2
