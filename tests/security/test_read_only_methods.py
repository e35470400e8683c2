"""A function view that only reads refuses a POST (405): every function view the resolver knows, found by walking it.

A class-based view without `post()` refuses a POST by itself; a function view answers whatever method it is sent
unless it says otherwise (`require_safe`, `require_GET`…). So a new function view fails here until it refuses
other methods or is listed in TAKES_POST with the reason it accepts one.

The check runs before the view's own work: the decorator answers 405 whatever the address names, so the kwargs are
placeholders of the right type and no object needs to exist.
"""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, converters, get_resolver, reverse

from tests.security.matrix import EXCLUDED_NAMESPACES, EXCLUDED_VIEWS

# Function views whose POST is a write, and why it is theirs to take.
TAKES_POST = {
    "set_language": "Django's: sets the language cookie",
    "posts:feedback_new": "sends a citizen's feedback (one-time form token)",
    "posts:feedback_track": "takes the citizen's opinion on the answer",
    "posts:announcement_object": "takes the public's objection (one-time form token)",
    "members:notifications_read": "marks the user's notifications read",
    "members:notification_open": "marks one notification read on the way to it",
}

PLACEHOLDERS = {
    converters.IntConverter: 1,
    converters.StringConverter: "x",
    converters.SlugConverter: "x",
    converters.PathConverter: "x/y",
    converters.UUIDConverter: uuid.UUID(int=1),
}


def function_views(resolver=None, namespace="", kwargs=None):
    """(name, placeholder kwargs) of every named pattern whose view is a plain function, namespaces included."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        found = {**(kwargs or {}), **{k: PLACEHOLDERS[type(c)] for k, c in getattr(pattern.pattern, "converters", {}).items()}}
        if isinstance(pattern, URLResolver):
            if pattern.namespace in EXCLUDED_NAMESPACES and not namespace:
                continue
            yield from function_views(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace, found)
        elif isinstance(pattern, URLPattern) and pattern.name and pattern.lookup_str not in EXCLUDED_VIEWS:
            if not hasattr(pattern.callback, "view_class"):
                yield f"{namespace}{pattern.name}", found


FUNCTION_VIEWS = dict(function_views())
READ_ONLY = sorted(set(FUNCTION_VIEWS) - set(TAKES_POST))


def test_the_walk_finds_the_public_function_views():
    """The walk itself: the public pages this test was written for are among what it checks."""
    for name in ["posts:announcement_list", "posts:announcement_detail", "posts:objection_track_code", "posts:objection_received",
                 "posts:plaque_verify", "posts:plaque_qr", "posts:window_qr", "posts:feedback_lookup"]:
        assert name in READ_ONLY


def test_every_view_said_to_take_a_post_is_a_function_view_of_the_site():
    assert sorted(set(TAKES_POST) - set(FUNCTION_VIEWS)) == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", READ_ONLY)
def test_a_read_only_function_view_refuses_a_post(client, name):
    url = reverse(name, kwargs=FUNCTION_VIEWS[name])
    response = client.post(url, {"text": "写点什么"})
    assert response.status_code == 405, f"POST {url} answered {response.status_code}: decorate {name}'s view with require_safe"
    assert response["Allow"] in ("GET, HEAD", "GET")
