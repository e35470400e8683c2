"""Working days: notice periods and answer deadlines skip weekends."""

import datetime

from django.utils import timezone


def add_working_days(start, days: int):
    """`days` working days (Monday to Friday) after `start`: a date, or an aware datetime at the same local time."""
    moment = start
    while days > 0:
        moment += datetime.timedelta(days=1)
        day = timezone.localtime(moment) if isinstance(moment, datetime.datetime) else moment
        if day.weekday() < 5:
            days -= 1
    return moment
