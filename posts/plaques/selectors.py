"""The plaque each window holds this year, for lists that show a badge per window."""

from django.utils import timezone

from posts.models import PlaqueRecord


def current_plaques(window_ids, year=None):
    """{window_id: PlaqueRecord} for the year (this year by default), in one query."""
    year = year or timezone.localdate().year
    return {r.window_id: r for r in PlaqueRecord.objects.filter(window_id__in=window_ids, year=year)}
