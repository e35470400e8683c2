"""The history names what an entry is about in the reader's language; a handbook's default title reads so too.

`AuditEntry.object_repr` used to be `str(obj)` in the actor's language: "投诉 ABCD…" for everyone once a
Chinese secretary had acted. Objects whose name is made of words (a kind, a level, "nomination round") now
store a message; names people gave (a window's) stay as they were typed.
"""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from members.models import AuditEntry
from posts.feedback import services as feedback_services
from posts.handbook.services import publish_handbook
from posts.models import Feedback, HandbookEdition, Window
from posts.windows import services as window_services
from tests.posts.test_stored_words import actor_language, by, reads  # noqa: F401 - fixture and helpers

pytestmark = pytest.mark.django_db


def entry_for(obj, action):
    return AuditEntry.objects.filter(object_id=str(obj.pk), action=action).get()


def test_the_history_names_a_complaint_in_the_readers_language(actor_language, window_a, unit_secretary):  # noqa: F811
    fb = by(actor_language, feedback_services.submit_feedback, None, window=window_a, kind="complaint", text="排队太久")
    by(actor_language, feedback_services.respond_to_feedback, unit_secretary, feedback=fb, text="正在核实")
    seen = reads(entry_for(fb, "posts.feedback.answered"), "object_repr")
    assert seen == {"en": f"Complaint {fb.reference}", "zh-hans": f"投诉 {fb.reference}"}


def test_the_history_page_shows_the_name_in_the_readers_language(window_a, unit_secretary, committee_staff, client_for, settings):
    fb = by("zh-hans", feedback_services.submit_feedback, None, window=window_a, kind="complaint", text="排队太久")
    client = client_for(committee_staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("members:audit_log") + "?tab=transitions").content.decode()
    assert f"Complaint {fb.reference}" in english and f"投诉 {fb.reference}" not in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert f"投诉 {fb.reference}" in client.get(reverse("members:audit_log") + "?tab=transitions").content.decode()


def test_a_name_people_gave_is_kept_as_typed(actor_language, window_a, unit_secretary):  # noqa: F811
    by(actor_language, window_services.save_window, unit_secretary, window=window_a, posts=[])
    entry = entry_for(window_a, "posts.window.updated")
    assert (entry.object_repr_key, reads(entry, "object_repr")) == ("", {"en": window_a.name, "zh-hans": window_a.name})


@pytest.mark.parametrize("offered", ["", "Public service handbook", "公开服务手册"])
def test_the_default_handbook_title_reads_in_each_readers_language(actor_language, offered, window_a, committee_staff):  # noqa: F811
    edition = by(actor_language, publish_handbook, committee_staff, title=offered)
    assert reads(edition, "title") == {"en": "Public service handbook", "zh-hans": "公开服务手册"}
    assert reads(entry_for(edition, "posts.handbook.published"), "object_repr") == {
        "en": f"Public service handbook ({edition.version})", "zh-hans": f"公开服务手册（第{edition.version}版）"}


def test_a_typed_handbook_title_is_kept(window_a, committee_staff):
    edition = by("en", publish_handbook, committee_staff, title="鄞州区服务手册")
    assert (edition.title_key, reads(edition, "title")) == ("", {"en": "鄞州区服务手册", "zh-hans": "鄞州区服务手册"})


def test_the_migration_fills_the_new_columns_of_existing_rows(window_a, committee_staff, committee):
    """Rows from before: feedback without its district, editions whose default title was stored as text."""
    fb = feedback_services.submit_feedback(None, window=window_a, kind="praise", text="服务热情")
    edition = publish_handbook(committee_staff, title="x")
    Feedback.objects.update(committee=None)
    HandbookEdition.objects.filter(pk=edition.pk).update(title="公开服务手册", title_key="")
    migration = importlib.import_module("posts.migrations.0008_feedback_committee_handbook_title")
    migration.fill(apps, None)
    assert Feedback.objects.get(pk=fb.pk).committee_id == committee.pk == Window.objects.get(pk=window_a.pk).organisation.committee_id
    assert reads(HandbookEdition.objects.get(pk=edition.pk), "title")["en"] == "Public service handbook"
