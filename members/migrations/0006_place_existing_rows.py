"""Fill each existing organisation's and member's committee and unit from the tree.

Apart from the schema changes: PostgreSQL refuses to alter a table with pending foreign key checks from
updates in the same transaction.
"""

from django.db import migrations
from django.db.models import F, OuterRef, Subquery


def place_existing_rows(apps, schema_editor):
    Organisation = apps.get_model("members", "Organisation")
    Member = apps.get_model("members", "Member")
    Organisation.objects.filter(kind="committee").update(committee=F("id"), unit=None)
    Organisation.objects.filter(kind="unit").update(committee=F("parent"), unit=F("id"))
    grandparent = Organisation.objects.filter(pk=OuterRef("parent")).values("parent")[:1]
    Organisation.objects.filter(kind="branch").update(committee=Subquery(grandparent), unit=F("parent"))
    of_branch = Organisation.objects.filter(pk=OuterRef("branch"))
    Member.objects.update(unit=Subquery(of_branch.values("unit")[:1]), committee=Subquery(of_branch.values("committee")[:1]))




class Migration(migrations.Migration):

    dependencies = [
        ('members', '0005_districts'),
    ]

    operations = [
        migrations.RunPython(place_existing_rows, migrations.RunPython.noop),
    ]
