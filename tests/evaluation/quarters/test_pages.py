"""The quarterly overview shows late and missing quarters."""

import datetime

from django.urls import reverse

from evaluation.models import Phase
from evaluation.quarters.services import add_activity, quarter_report, submit_quarter


def test_the_committee_sees_late_and_missing_quarters(client_for, committee_staff, make_year, window_a, unit_secretary, time_machine):

    time_machine.move_to(datetime.datetime(2026, 3, 10, 9, tzinfo=datetime.UTC))
    year = make_year(Phase.QUARTERLY)
    report = quarter_report(year=year, window=window_a, quarter=1)
    add_activity(unit_secretary, report=report, date=datetime.date(2026, 3, 1), kind="study", description="学习")
    time_machine.move_to(datetime.datetime(2026, 7, 20, 9, tzinfo=datetime.UTC))
    submit_quarter(unit_secretary, report=report)  # Q1 was due on 15 April: late; Q2 was due on 15 July: missing
    html = client_for(committee_staff).get(reverse("evaluation:quarters", args=[year.year])).content.decode()
    assert html.count("逾期") == 1 and html.count("缺报") == 1
