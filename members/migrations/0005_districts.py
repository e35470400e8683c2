"""Districts in one installation: a city office above committees, and each organisation and member carrying its
committee and unit (columns added here, filled in 0004, required in 0005)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0004_stored_messages'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='organisation',
            name='organisation_committee_is_root',
        ),
        migrations.RemoveConstraint(
            model_name='organisation',
            name='organisation_kind_valid',
        ),
        migrations.AddField(
            model_name='member',
            name='committee',
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='members.organisation', verbose_name='working committee'),
        ),
        migrations.AddField(
            model_name='member',
            name='unit',
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='members.organisation', verbose_name='unit party organisation'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='committee',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='members.organisation', verbose_name='working committee'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='unit',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='members.organisation', verbose_name='unit party organisation'),
        ),
        migrations.AlterField(
            model_name='historicalorganisation',
            name='kind',
            field=models.CharField(choices=[('city', 'City office'), ('committee', 'Working committee'), ('unit', 'Unit party organisation'), ('branch', 'Branch')], max_length=16, verbose_name='level'),
        ),
        migrations.AlterField(
            model_name='historicalrole',
            name='kind',
            field=models.CharField(choices=[('branch_secretary', 'Branch secretary'), ('unit_secretary', 'Unit organisation secretary'), ('committee_staff', 'Committee staff'), ('city_staff', 'City office staff')], max_length=32, verbose_name='role'),
        ),
        migrations.AlterField(
            model_name='organisation',
            name='kind',
            field=models.CharField(choices=[('city', 'City office'), ('committee', 'Working committee'), ('unit', 'Unit party organisation'), ('branch', 'Branch')], max_length=16, verbose_name='level'),
        ),
        migrations.AlterField(
            model_name='role',
            name='kind',
            field=models.CharField(choices=[('branch_secretary', 'Branch secretary'), ('unit_secretary', 'Unit organisation secretary'), ('committee_staff', 'Committee staff'), ('city_staff', 'City office staff')], max_length=32, verbose_name='role'),
        ),
    ]
