"""Public pages come from the cache until what they show changes; the page around the content is never cached."""

import pytest
from django.urls import reverse

from posts.feedback import services as fs
from posts.handbook.services import publish_handbook
from posts.plaques import services as ps
from tests.factories import BranchFactory, UnitFactory
from tests.posts.factories import staffed_window


@pytest.fixture(params=[2, 12], ids=["2-windows", "12-windows"])
def windows(request, committee, committee_staff):
    made = []
    for _ in range(request.param):
        unit = UnitFactory(parent=committee)
        window = staffed_window(unit, BranchFactory(parent=unit), holders=2)
        ps.record_plaque(committee_staff, window=window, year=2026, level="striving", source="application")
        made.append(window)
    publish_handbook(committee_staff)
    return made


def test_warm_public_pages_read_no_data_but_the_window(client, windows, django_assert_num_queries):
    window = windows[-1]
    # Directory, register and handbook contents: nothing; the window page: the window with its unit
    # (for the 404, its title and its own feedback counter).
    pages = [(reverse("posts:window_directory"), 0), (reverse("posts:plaque_register"), 0), (reverse("posts:handbook"), 0),
             (reverse("posts:window_public", args=[window.code]), 1)]
    for url, queries in pages:
        cold = client.get(url).content.decode()
        with django_assert_num_queries(queries):
            warm = client.get(url)
        assert warm.status_code == 200 and window.name in warm.content.decode() and window.name in cold


def test_a_change_shows_at_once(client, windows, committee_staff):
    window = windows[0]
    url = reverse("posts:window_public", args=[window.code])
    assert window.name in client.get(url).content.decode()
    assert window.name in client.get(reverse("posts:window_directory")).content.decode()
    window.name = "改名后的窗口"
    window.save()
    assert "改名后的窗口" in client.get(url).content.decode()
    assert "改名后的窗口" in client.get(reverse("posts:window_directory")).content.decode()
    assert "改名后的窗口" in client.get(reverse("posts:plaque_register")).content.decode()


def test_feedback_changes_its_window_page(client, windows):
    window = windows[0]
    url = reverse("posts:window_public", args=[window.code])
    assert 'data-testid="feedback-record"' not in client.get(url).content.decode()
    fs.submit_feedback(None, window=window, kind="praise", text="很好")
    assert 'data-testid="feedback-record"' in client.get(url).content.decode()


def test_the_search_and_the_page_number_are_part_of_the_key(client, windows):
    url = reverse("posts:window_directory")
    client.get(url)
    found = client.get(url, {"q": windows[0].name}).context
    assert found is not None and len(found["object_list"]) == 1


def test_each_visitor_gets_a_fresh_csrf_token_around_cached_content(client, windows):
    from django.test import Client

    url = reverse("posts:window_public", args=[windows[0].code])
    first, second = client.get(url).content.decode(), Client().get(url).content.decode()
    token = 'name="csrfmiddlewaretoken" value="'
    assert token in first and token in second
    assert first.split(token)[1][:20] != second.split(token)[1][:20]


def test_a_new_handbook_edition_shows_at_once(client, windows, committee_staff):
    assert "第 1 版" in client.get(reverse("posts:handbook")).content.decode()
    publish_handbook(committee_staff)
    assert "第 2 版" in client.get(reverse("posts:handbook")).content.decode()
