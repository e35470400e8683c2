"""pioneer.pagecache: what a stored page keeps per response, and which requests may have it."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from pioneer import cachekeys, pagecache

pytestmark = pytest.mark.django_db


def _request(path="/windows/", **cookies):
    request = RequestFactory().get(path)
    request.COOKIES.update(cookies)
    return request


def test_each_response_gets_its_own_nonce_in_place_of_the_one_it_was_rendered_with():
    first = _request()
    first._csp_nonce = "RENDEREDNONCE"
    pagecache.store(first, HttpResponse('<script nonce="RENDEREDNONCE" src="/static/x.js"></script>'), {"public": cachekeys.version()})
    later = _request()
    later.csp_nonce = "LATERNONCE"
    html = pagecache.serve(later).content.decode()
    assert 'nonce="LATERNONCE"' in html and "RENDEREDNONCE" not in html


def test_a_bumped_counter_makes_the_stored_page_stale():
    pagecache.store(_request(), HttpResponse("<p>旧</p>"), {"public": cachekeys.version()})
    assert pagecache.serve(_request()) is not None
    cachekeys.bump_now("public")
    assert pagecache.serve(_request()) is None


def test_only_anonymous_gets_without_unknown_parameters_may_have_the_whole_page():
    assert pagecache.eligible(_request("/windows/?q=x"), ("q",))
    assert not pagecache.eligible(_request("/windows/?other=x"), ("q",))
    assert not pagecache.eligible(_request("/windows/?q=" + "x" * 101), ("q",))
    assert not pagecache.eligible(_request("/windows/?q=a&q=b"), ("q",))
    assert not pagecache.eligible(_request(sessionid="abc"))
    assert not pagecache.eligible(_request(messages="abc"))
    assert not pagecache.eligible(RequestFactory().post("/windows/"))


def test_a_page_that_is_not_a_success_is_not_kept():
    response = HttpResponse("不存在", status=404)
    pagecache.store(_request(), response, {"public": cachekeys.version()})
    assert pagecache.serve(_request()) is None
