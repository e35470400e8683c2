"""The results list's ranking read in index order up to its LIMIT, instead of sorting a year's results on each page."""

from django.db import migrations

CREATE = (
    'CREATE INDEX IF NOT EXISTS result_year_rank_idx ON evaluation_result '
    '(year_id, final_score DESC NULLS LAST, kind, id)'
)


def create(apps, schema_editor):
    # SQLite cannot index NULLS LAST; it holds only a district at most.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS result_year_rank_idx")


class Migration(migrations.Migration):

    dependencies = [
        ('evaluation', '0003_token_batch_submission_key'),
    ]

    operations = [migrations.RunPython(create, drop)]
