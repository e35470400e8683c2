from django.db import migrations

from pioneer.migrating import fill_audit_districts


def fill_audit(apps, schema_editor):
    """Audit entries written before about evaluation's objects take their district."""
    fill_audit_districts(apps, "evaluation", {
        "result": "committee_id", "tokenbatch": "window__organisation__committee_id",
        "quarterreport": "window__organisation__committee_id",
    })


class Migration(migrations.Migration):

    dependencies = [
        ('evaluation', '0005_result_committee'),
        ('members', '0008_auditentry_object_repr_committee'),
    ]

    operations = [
        migrations.RunPython(fill_audit, migrations.RunPython.noop),
    ]
