"""Public pages come from the cache until what they show changes.

A visitor without a session gets the whole page (pioneer.pagecache) with a CSRF token of their own; a signed-in
visitor gets the page rendered around the cached content, with their own name and menu.
"""

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


def _pages(window):
    return [reverse("posts:window_directory"), reverse("posts:plaque_register"), reverse("posts:handbook"),
            reverse("posts:window_public", args=[window.code]), reverse("home")]


def test_a_visitor_without_a_session_gets_warm_public_pages_without_reading_data(client, windows, django_assert_num_queries):
    window = windows[-1]
    for url in _pages(window):
        cold = client.get(url).content.decode()
        with django_assert_num_queries(0):
            warm = client.get(url)
        assert warm.status_code == 200 and warm.content.decode() != "" and warm["Content-Type"].startswith("text/html")
        if url != reverse("home"):
            assert window.name in warm.content.decode() and window.name in cold


def test_a_signed_in_visitor_gets_their_own_page_around_the_cached_content(client, windows, committee_staff, django_assert_num_queries):
    window = windows[-1]
    url = reverse("posts:window_public", args=[window.code])
    anonymous = client.get(url).content.decode()
    assert reverse("logout") not in anonymous
    client.force_login(committee_staff, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(url)
    # Rendered for this visitor (a context), not the anonymous page: their account menu with its logout form.
    assert page.context is not None and page.context["user"] == committee_staff
    assert reverse("logout") in page.content.decode() and window.name in page.content.decode()
    client.logout()
    assert reverse("logout") not in client.get(url).content.decode()


def test_a_waiting_message_is_shown_not_the_cached_page(client, windows):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpResponse
    from django.test import RequestFactory

    url = reverse("posts:window_public", args=[windows[0].code])
    client.get(url)
    # A visitor without a session keeps their messages in a cookie (Django's fallback storage).
    request = RequestFactory().get(url)
    storage, carrier = CookieStorage(request), HttpResponse()
    storage.add(constants.SUCCESS, "已收到您的意见。")
    storage.update(carrier)
    client.cookies["messages"] = carrier.cookies["messages"].value
    assert "已收到您的意见。" in client.get(url).content.decode()


def test_parameters_the_page_does_not_know_take_the_normal_path(client, windows, django_assert_num_queries):
    url = reverse("posts:window_public", args=[windows[0].code])
    client.get(url, {"utm": "x"})
    response = client.get(url, {"utm": "x"})
    # The normal path: rendered with a context (the window read again), and nothing stored for the stray parameter.
    assert response.context is not None and response.status_code == 200


def test_the_token_in_a_cached_page_is_accepted(windows):
    import re

    from django.test import Client

    url = reverse("posts:window_public", args=[windows[0].code])
    Client().get(url)  # someone else's visit stores the page
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(url).content.decode()
    assert "\x00" not in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', html).group(1)
    response = visitor.post(reverse("set_language"), {"language": "en", "next": url, "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_a_lost_cache_never_brings_back_a_page_a_process_still_holds(client, windows):
    from django.core.cache import cache

    window = windows[0]
    url = reverse("posts:window_public", args=[window.code])
    assert window.name in client.get(url).content.decode()
    cache.clear()  # Redis restarted: the counters are gone, this process still holds its copy of the page
    window.name = "重启后改名的窗口"
    window.save()
    assert "重启后改名的窗口" in client.get(url).content.decode()


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
