"""Every evaluation URL × every role: the exact status each one gets."""

import pytest
from django.urls import reverse

from evaluation.models import Result

ROLES = ["anonymous", "member", "secretary", "other_secretary", "unit_secretary", "committee_staff", "admin"]

# (name, subject, method) → statuses in ROLES order.
# secretary = branch A1 (the member's branch); unit_secretary = unit A (window A's unit); other_secretary = branch B1.
EXPECTED = {
    ("year_list", None, "get"):               [302, 200, 200, 200, 200, 200, 200],
    ("year_create", None, "get"):             [302, 403, 403, 403, 403, 200, 200],
    ("year_detail", "year", "get"):           [302, 200, 200, 200, 200, 200, 200],
    ("rules", "year", "get"):                 [302, 403, 403, 403, 403, 200, 200],
    ("criteria", "year", "get"):              [302, 200, 200, 200, 200, 200, 200],
    ("criterion_edit", "criterion", "get"):   [302, 403, 403, 403, 403, 200, 200],
    ("quarters", "year", "get"):              [302, 403, 200, 200, 200, 200, 200],
    ("quarter", "quarter", "get"):            [302, 403, 404, 404, 200, 200, 200],
    ("self_assessment", "year", "get"):       [302, 200, 403, 403, 403, 403, 403],
    ("peer_review", "year", "get"):           [302, 200, 403, 403, 403, 403, 403],
    ("tokens", "year", "get"):                [302, 403, 403, 403, 403, 200, 200],
    # The card form as a PDF job: POST only; the committee's POST here holds no card fields, so the form comes back.
    ("tokens_pdf", "year", "get"):            [302, 403, 403, 403, 403, 405, 405],
    ("tokens_pdf", "year", "post"):           [302, 403, 403, 403, 403, 200, 200],
    ("tokens_many", "year", "get"):           [302, 403, 403, 403, 403, 200, 200],
    ("vote", None, "get"):                    [200, 200, 200, 200, 200, 200, 200],
    ("results", "year", "get"):               [302, 200, 200, 200, 200, 200, 200],
    ("results_export", "year", "get"):        [302, 403, 200, 200, 200, 200, 200],
    ("result_detail", "member_result", "get"): [302, 200, 200, 404, 200, 200, 200],
    ("result_detail", "window_result", "get"): [302, 404, 404, 404, 200, 200, 200],
    ("result_score", "member_result", "get"): [302, 403, 200, 404, 200, 200, 200],
    ("result_score", "window_result", "get"): [302, 404, 404, 404, 200, 200, 200],
    ("plaques", "year", "get"):               [200, 200, 200, 200, 200, 200, 200],
    # A GET of a year-end step is its confirmation page: it changes nothing.
    ("phase", "phase", "get"):                [302, 403, 403, 403, 403, 200, 200],
    ("plaques_decide", "year", "get"):        [302, 403, 403, 403, 403, 200, 200],
    ("phase", "phase", "post"):               [302, 403, 403, 403, 403, 302, 302],
    ("quarter_submit", "quarter", "post"):    [302, 403, 404, 404, 302, 302, 302],
    ("result_approve", "member_result", "post"): [302, 403, 403, 404, 403, 302, 302],
    ("result_adjust", "member_result", "post"):  [302, 403, 403, 404, 403, 302, 302],
    ("approve_remaining", "year", "post"):    [302, 403, 403, 403, 403, 302, 302],
    ("plaques_decide", "year", "post"):       [302, 403, 403, 403, 403, 302, 302],
    ("evidence", "evidence", "get"):          [302, 404, 404, 404, 200, 200, 200],
}

CASES = [(name, subject, method, role, statuses[i]) for (name, subject, method), statuses in EXPECTED.items() for i, role in enumerate(ROLES)]


def make_evidence(year, window_a):
    import datetime

    from django.core.files.base import ContentFile

    from evaluation.models import Activity, Evidence
    from evaluation.quarters.services import quarter_report

    report = quarter_report(year=year, window=window_a, quarter=1)
    activity = Activity.objects.create(report=report, date=datetime.date(year.year, 2, 3), kind="study", description="学习")
    return Evidence.objects.create(activity=activity, file=ContentFile(b"%PDF-1.4 minutes", name="纪要.pdf"), size=16)


def args_for(subject, year, member, window_a):
    if subject == "evidence":
        return [make_evidence(year, window_a).pk]
    member_result = Result.objects.get(year=year, member=member)
    window_result = Result.objects.get(year=year, window=window_a, kind="window")
    return {
        None: [],
        "year": [year.year],
        "criterion": [year.year, year.criteria.first().pk],
        "quarter": [year.year, window_a.pk, 1],
        "member_result": [year.year, member_result.pk],
        "window_result": [year.year, window_result.pk],
        "phase": [year.year, "review"],
    }[subject]


def test_every_url_of_the_app_is_in_the_table():
    from evaluation.urls import urlpatterns

    assert {p.name for p in urlpatterns} == {name for name, _s, _m in EXPECTED}


@pytest.mark.parametrize(("name", "subject", "method", "role", "status"), CASES, ids=[f"{c[0]}-{c[1]}-{c[3]}" for c in CASES])
def test_each_role_gets_the_expected_status(cast, client_for, assessment_year, member, window_a, name, subject, method, role, status):
    url = reverse(f"evaluation:{name}", args=args_for(subject, assessment_year, member, window_a))
    client = client_for(cast[role])
    response = client.get(url) if method == "get" else client.post(url, {"committee_score": "90", "points": "1", "reason": "理由"})
    assert response.status_code == status, f"{role} {method.upper()} {url}"
