"""A signed-in session ends after SESSION_IDLE_MINUTES without a request, and lives on while used."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def signed_in(client_for, member_user):
    with time_machine.travel(START, tick=False):
        client = client_for(member_user)
        assert client.get(reverse("members:profile")).status_code == 200
    return client


def page_after(client, minutes):
    with time_machine.travel(START + datetime.timedelta(minutes=minutes), tick=False):
        return client.get(reverse("members:profile"))


def test_the_session_ends_after_the_idle_timeout(signed_in, settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60 == 30 * 60
    response = page_after(signed_in, 31)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_session_in_use_lives_on(signed_in):
    for minutes in range(20, 121, 20):
        assert page_after(signed_in, minutes).status_code == 200, minutes
    assert page_after(signed_in, 155).status_code == 302


def test_it_touches_the_session_at_most_once_a_minute(signed_in):
    page_after(signed_in, 5)
    # A second request a few seconds later: no session write (an UPDATE of django_session) among its queries.
    with CaptureQueriesContext(connection) as queries:
        with time_machine.travel(START + datetime.timedelta(minutes=5, seconds=20), tick=False):
            signed_in.get(reverse("members:profile"))
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"] and q["sql"].startswith("UPDATE")]
