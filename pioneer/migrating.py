"""Helpers for data migrations that several apps run alike."""

from django.db.models import BigIntegerField, OuterRef, Subquery
from django.db.models.functions import Cast


def fill_audit_districts(apps, app_label: str, paths: dict[str, str]) -> None:
    """Give audit entries written before they carried a district the district of what they are about.

    `paths` maps a model name of `app_label` to the path from it to its committee id (as
    `members.audit.district_of` walks it). One UPDATE per model; entries already carrying one are left alone.
    """
    AuditEntry, ContentType = apps.get_model("members", "AuditEntry"), apps.get_model("contenttypes", "ContentType")
    for model_name, path in paths.items():
        content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
        if content_type is None:
            continue
        model = apps.get_model(app_label, model_name)
        district = model.objects.filter(pk=Cast(OuterRef("object_id"), BigIntegerField())).values(path)[:1]
        AuditEntry.objects.filter(content_type=content_type, committee__isnull=True).update(committee_id=Subquery(district))
