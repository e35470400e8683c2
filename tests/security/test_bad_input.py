"""Hostile text in every form that keeps text: refused with a Chinese message, or kept exactly and shown escaped.

Never a 500: the test client re-raises any exception a view lets through. Files, dates, numbers,
exports and double submissions are in test_bad_input_files.py and test_bad_input_more.py.
"""

import pytest
from django.contrib.messages import get_messages
from django.utils.html import escape

from members.models import Member
from tests.security.bad_input_targets import TARGETS

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "sql": "'; DROP TABLE members_member; --",
    "control": "办事\x1b[31m红字\x07",
    "emoji": "服务很好👍🏻🇨🇳",
    "long": "长" * 10_000,
    "nul": "前\x00后",
}
# What the project's catalogue says (in place of Django's stock zh-hans text) for the two values every form refuses.
REFUSED = {
    "long": "最多填写",  # … N 个字（现为 10000 个字）。
    "nul": "内容中含有空字符（NUL）",
}


def login(client, cast, role):
    client.logout()
    if cast[role] is not None:
        client.force_login(cast[role], backend="django.contrib.auth.backends.ModelBackend")
    return client


def shown_text(response):
    """The page as HTML, with the messages of a redirect's next page when the answer was a redirect."""
    html = response.content.decode()
    return html + " ".join(str(m) for m in get_messages(response.wsgi_request))


@pytest.mark.parametrize("kind", list(HOSTILE))
@pytest.mark.parametrize("target_id", list(TARGETS))
def test_hostile_text_is_refused_or_kept_and_shown_escaped(
    world, cast, client, target_id, kind, django_capture_on_commit_callbacks
):
    target, value = TARGETS[target_id], HOSTILE[kind]
    members_before = Member.objects.count()
    # A form whose move is a job (publishing the handbook) keeps the text once the job has run, as with no broker.
    with django_capture_on_commit_callbacks(execute=True):
        response = login(client, cast, target.role).post(target.address(world), {**target.data(world), target.field: value})
    assert response.status_code in (200, 302, 400), response.status_code

    if kind in REFUSED:
        # The form again (the public objection form answers 400), or a redirect whose message says why.
        assert REFUSED[kind] in shown_text(response)
        assert target.stored(world) != value
        return

    assert target.stored(world) == value, shown_text(response)[-2000:]
    assert Member.objects.count() >= members_before  # the SQL text stayed text
    url, role = target.shown(world)
    html = login(client, cast, role).get(url).content.decode()
    assert escape(value) in html, f"{url} does not show the kept value"
    if kind == "script":
        assert value not in html
