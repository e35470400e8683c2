"""Rows of the permission matrix for step 5 (the year-end evaluation), the year being in its assessment phase.

Same columns as permission_table.py: anonymous member secretary(A1) other_secretary(B1) unit_secretary(A) committee_staff admin.
The member holds a post on window WA (unit A); their result is A1's, the window's result is unit A's.
"""

import uuid

from tests.security.matrix import case

PUBLIC = "200 200 200 200 200 200 200"
LOGGED_IN = "L 200 200 200 200 200 200"
COMMITTEE = "L 403 403 403 403 200 200"
COMMITTEE_POST = "L 403 403 403 403 405 405"
MEMBER_ONLY = "L 200 403 403 403 403 403"


def year(w):
    return {"year": w.year}


def result(attr):
    return lambda w: {"year": w.year, "pk": getattr(w, attr).pk}


def quarter(w):
    return {"year": w.year, "window": w.window.pk, "quarter": 1}


def _rules(w):
    fields = ["weight_self", "weight_peer", "weight_public", "weight_organisation", "weight_committee", "excellent_min", "good_min",
              "pass_min", "deduction_per_complaint", "pioneer_min", "striving_min", "min_votes", "min_peer_ratings"]
    data = {name: getattr(w.evaluation, name) for name in fields}
    return {**data, "min_votes": data["min_votes"] + 1, **({"veto_on_serious_complaint": "on"} if w.evaluation.veto_on_serious_complaint else {})}


EVALUATION = {
    "evaluation:year_list": [case(LOGGED_IN)],
    "evaluation:year_create": [case(COMMITTEE, "L 403 403 403 403 302* 302*", data=lambda w: {"year": w.year + 1})],
    "evaluation:year_detail": [case(LOGGED_IN, kwargs=year)],
    # A GET is the step's confirmation page (it changes nothing); the POST moves the phase.
    "evaluation:phase": [case(COMMITTEE, "L 403 403 403 403 302* 302*", kwargs=lambda w: {"year": w.year, "step": "review"})],
    # The rules may change until the committee review starts (each change raises the rule version).
    "evaluation:rules": [case(COMMITTEE, "L 403 403 403 403 302* 302*", kwargs=year, data=_rules)],
    "evaluation:criteria": [case(LOGGED_IN, kwargs=year)],
    # The criteria froze when the assessment opened: staff get the form back with the reason, nothing changes.
    "evaluation:criterion_edit": [case(COMMITTEE, "L 403 403 403 403 200 200", kwargs=lambda w: {"year": w.year, "pk": w.criterion.pk},
                                       data=lambda w: {"category": w.criterion.category, "text": "改", "max_points": w.criterion.max_points})],
    "evaluation:quarters": [case("L 403 200 200 200 200 200", kwargs=year)],
    "evaluation:quarter": [case("L 403 404 404 200 200 200", "L 403 404 404 302* 302* 302*", kwargs=quarter, data=lambda w: {
        "date": f"{w.year}-02-10", "kind": "study", "description": "学习党章", "participants": [w.member.pk]})],
    "evaluation:quarter_submit": [case("L 403 405 405 405 405 405", "L 403 404 404 302* 302* 302*", kwargs=quarter)],
    "evaluation:evidence": [case("L 404 404 404 200 200 200", kwargs=lambda w: {"pk": w.evidence.pk})],
    "evaluation:self_assessment": [case(MEMBER_ONLY, "L 302* 403 403 403 403 403", kwargs=year,
                                        data=lambda w: {"report": "认真履岗", "score": "95"})],
    "evaluation:peer_review": [case(MEMBER_ONLY, "L 302* 403 403 403 403 403", kwargs=year,
                                    data=lambda w: {"rated": w.colleague.pk, "level": "excellent"})],
    "evaluation:tokens": [case(COMMITTEE, "L 403 403 403 403 200* 200*", kwargs=year, data=lambda w: {
        "window": w.window.pk, "size": 2, "valid_days": 10, "submission": str(uuid.uuid4())})],
    # The same form as a PDF job: only POST, and only committee staff start it.
    "evaluation:tokens_pdf": [case(COMMITTEE_POST, "L 403 403 403 403 302* 302*", kwargs=year, data=lambda w: {
        "window": w.window.pk, "size": 2, "valid_days": 10, "submission": str(uuid.uuid4())})],
    # Cards for every open window of some units, as one PDF job: the form on GET, the job started on POST.
    "evaluation:tokens_many": [case(COMMITTEE, "L 403 403 403 403 302* 302*", kwargs=year, data=lambda w: {
        "units": [w.window.organisation_id], "size": 2, "valid_days": 10, "submission": str(uuid.uuid4())})],
    # A wrong card is refused on the form: nobody's vote is counted, whoever sends it.
    "evaluation:vote": [case(PUBLIC, PUBLIC, data=lambda w: {"token": "AAAA-BBBB-CCCC-DDDD", "rating": "satisfied"})],
    "evaluation:results": [case(LOGGED_IN, kwargs=year)],
    # Results are approved in the review phase: in the assessment the job started is refused on its page
    # (the committee's POST writes the job and its audit entry).
    "evaluation:approve_remaining": [case(COMMITTEE_POST, "L 403 403 403 403 302* 302*", kwargs=year, data=lambda w: {"committee_score": "90"})],
    "evaluation:results_export": [case("L 403 200 200 200 200 200", kwargs=year)],
    "evaluation:result_detail": [case("L 200 200 404 200 200 200", kwargs=result("member_result"), label="member"),
                                 case("L 404 404 404 200 200 200", kwargs=result("window_result"), label="window")],
    "evaluation:result_score": [case("L 403 200 404 200 200 200", "L 403 302* 404 302* 302* 302*", kwargs=result("member_result"),
                                     data=lambda w: {"score": "88", "note": ""}, label="member"),
                                case("L 404 404 404 200 200 200", "L 404 404 404 302* 302* 302*", kwargs=result("window_result"),
                                     data=lambda w: {f"score_{w.criterion.pk}": "1"}, label="window")],
    "evaluation:result_approve": [case("L 405 405 405 405 405 405", "L 403 403 404 403 302 302", kwargs=result("member_result"),
                                       data=lambda w: {"committee_score": "90"})],
    "evaluation:result_adjust": [case("L 405 405 405 405 405 405", "L 403 403 404 403 302 302", kwargs=result("member_result"),
                                      data=lambda w: {"points": "2", "reason": "表彰"})],
    "evaluation:plaques": [case(PUBLIC, kwargs=year)],
    # GET: the confirmation page; POST starts a job.
    "evaluation:plaques_decide": [case(COMMITTEE, "L 403 403 403 403 302* 302*", kwargs=year)],
}
