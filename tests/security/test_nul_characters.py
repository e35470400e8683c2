"""A NUL character (which PostgreSQL refuses in any text) in an address, a cookie or a form, on any database.

The address (path or query, literal or %00): a 400 in the reader's language from pioneer.middleware, before any
view, logged as a security event. A cookie with one: dropped, the request goes on. A form field with one: the form's
own message, with the rest of what was typed kept (test_bad_input.py covers every form).
"""

import logging

import pytest
from django.contrib.auth import SESSION_KEY

NUL_REFUSED = "网址中含有无效字符（空字符），请检查后重试。"
NUL_REFUSED_EN = "The address contains an invalid character (a null character). Check it and try again."



def security_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "pioneer.security"]


ADDRESSES = [
    "/announcements/A\x00B/",  # a literal NUL in the path
    "/announcements/A%00B/",  # the same, as a browser sends it
    "/plaques/verify/%00/qr.svg",
    "/windows/?q=%E5%89%8D%00%E5%90%8E",  # in a query value
    "/windows/?q=\x00",
    "/windows/?unit=UA&%00=1",  # in a parameter's name
    "/members/?q=%00",  # behind the login: refused before the login is asked for
    "/no-such-page/%00",  # not even an address of the site
]


@pytest.mark.parametrize("address", ADDRESSES)
@pytest.mark.django_db
def test_a_nul_in_the_address_is_a_friendly_400_in_chinese(client, address):
    response = client.get(address)
    assert response.status_code == 400
    html = response.content.decode()
    assert NUL_REFUSED in html and "网址无效" in html
    assert '<html lang="zh-hans">' in html
    assert "\x00" not in html  # the address is not echoed back
    assert response["Content-Language"] == "zh-hans"
    assert "default-src 'none'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_an_english_reader_is_told_in_english(client):
    response = client.get("/windows/?q=%00", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert NUL_REFUSED_EN in response.content.decode()
    assert response["Content-Language"] == "en"


@pytest.mark.django_db
def test_a_post_to_an_address_with_a_nul_is_refused_too(client_for, secretary):
    response = client_for(secretary).post("/rounds/new/?x=%00", {"year": 2030})
    assert response.status_code == 400
    assert NUL_REFUSED in response.content.decode()


@pytest.mark.django_db
def test_the_refusal_is_a_security_event(client, caplog):
    caplog.set_level(logging.INFO, logger="pioneer.security")
    client.get("/windows/?q=%00")
    client.get("/announcements/%00/")
    lines = [line for line in security_lines(caplog) if line.startswith("request.nul_refused")]
    assert len(lines) == 2
    assert '"where": "query"' in lines[0] and '"where": "path"' in lines[1]
    assert '"path": "/windows/"' in lines[0]


@pytest.mark.django_db
def test_an_address_without_a_nul_is_untouched(client):
    assert client.get("/windows/?q=%2500").status_code == 200  # "%00" as text, typed by someone: searched for


@pytest.mark.django_db
def test_a_session_cookie_with_a_nul_is_dropped_not_looked_up(client, member, caplog):
    """The session store would look the key up (PostgreSQL: a 500); the request goes on as a visitor's."""
    caplog.set_level(logging.INFO, logger="pioneer.security")
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"
    response = client.get("/announcements/")
    assert response.status_code == 200
    assert SESSION_KEY not in response.wsgi_request.session
    assert [line for line in security_lines(caplog) if line.startswith("request.nul_cookie")]


@pytest.mark.django_db
def test_a_nul_in_a_login_form_is_the_forms_answer_not_a_500(client):
    response = client.post("/accounts/login/", {"username": "张\x00三", "password": "x\x00y"})
    assert response.status_code == 200
    assert "内容中含有空字符（NUL）" in response.content.decode()
