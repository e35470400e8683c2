"""Audit entries from before they carried a district get it from the migrations, as new entries get it when written."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command

from members.models import AuditEntry


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_the_migrations_give_old_entries_the_district_new_ones_get(demo):
    written = dict(AuditEntry.objects.values_list("pk", "committee_id"))
    kinds = set(AuditEntry.objects.filter(committee__isnull=False).values_list("content_type__model", flat=True))
    assert {"member", "post", "assignment", "nomination", "publication", "feedback", "result", "tokenbatch",
            "plaquerecord", "plaqueapplication", "round"} <= kinds, kinds
    AuditEntry.objects.update(committee=None)
    for module in ("members.migrations.0008_auditentry_object_repr_committee",
                   "posts.migrations.0008_feedback_committee_handbook_title", "evaluation.migrations.0006_audit_districts"):
        importlib.import_module(module).fill_audit(apps, None)
    assert dict(AuditEntry.objects.values_list("pk", "committee_id")) == written
