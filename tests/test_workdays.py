"""One working-day rule for notice periods (dates) and answer deadlines (datetimes)."""

import datetime
import zoneinfo

from pioneer.workdays import add_working_days

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_five_working_days_from_a_thursday_end_the_next_thursday():
    assert add_working_days(datetime.date(2026, 11, 26), 5) == datetime.date(2026, 12, 3)


def test_a_friday_evening_deadline_skips_the_weekend_at_the_same_local_time():
    friday = datetime.datetime(2026, 11, 27, 21, 30, tzinfo=SHANGHAI)
    assert add_working_days(friday, 1) == datetime.datetime(2026, 11, 30, 21, 30, tzinfo=SHANGHAI)


def test_weekdays_are_counted_in_local_time_not_utc():
    # Friday 02:00 in Shanghai is Thursday 18:00 UTC. One day later is Saturday locally (skipped),
    # though still Friday in UTC: the deadline lands on Monday 02:00, not on Saturday.
    early_friday = datetime.datetime(2026, 11, 27, 2, 0, tzinfo=SHANGHAI).astimezone(datetime.UTC)
    assert add_working_days(early_friday, 1).astimezone(SHANGHAI) == datetime.datetime(2026, 11, 30, 2, 0, tzinfo=SHANGHAI)
