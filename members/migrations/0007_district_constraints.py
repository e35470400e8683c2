"""Every member now has a unit and a committee; an organisation's committee and unit follow from its parent."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0006_place_existing_rows'),
    ]

    operations = [
        migrations.AlterField(
            model_name='member',
            name='committee',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='members.organisation', verbose_name='working committee'),
        ),
        migrations.AlterField(
            model_name='member',
            name='unit',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='members.organisation', verbose_name='unit party organisation'),
        ),
        migrations.AddConstraint(
            model_name='organisation',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'city'), ('parent__isnull', True)), ('kind', 'committee'), models.Q(('kind__in', ['unit', 'branch']), ('parent__isnull', False)), _connector='OR'), name='organisation_committee_is_root', violation_error_message='Only a city office or a working committee has no parent organisation.'),
        ),
        migrations.AddConstraint(
            model_name='organisation',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['city', 'committee', 'unit', 'branch'])), name='organisation_kind_valid'),
        ),
        migrations.AddConstraint(
            model_name='organisation',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('committee__isnull', True), ('kind', 'city'), ('unit__isnull', True)), models.Q(('kind', 'committee'), ('unit__isnull', True), models.Q(('committee', models.F('id')), ('committee__isnull', True), _connector='OR')), models.Q(('committee__isnull', False), ('kind', 'unit'), models.Q(('unit', models.F('id')), ('unit__isnull', True), _connector='OR')), models.Q(('committee__isnull', False), ('kind', 'branch'), ('unit', models.F('parent'))), _connector='OR'), name='organisation_committee_and_unit', violation_error_message="An organisation's committee and unit follow from its parent."),
        ),
    ]
