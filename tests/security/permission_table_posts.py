"""Rows of the permission matrix for steps 1–4 (posts, rounds, nominations, publication; windows, feedback, plaques).

Same columns as permission_table.py: anonymous member secretary(A1) other_secretary(B1) unit_secretary(A) committee_staff admin.
"""

from tests.security.matrix import case
from tests.security.uploads import png_upload

PUBLIC = "200 200 200 200 200 200 200"
LOGGED_IN = "L 200 200 200 200 200 200"
NO_POST = "L 405 405 405 405 405 405"
SEEN_IN_A = "L 200 200 404 200 200 200"  # an A1 object: members of A1 and its managers see it, B1's secretary gets 404
MANAGED_IN_A = "L 403 200 404 200 200 200"
# Step 4 is the unit's: a branch secretary looks at the own unit's windows, another unit's are 404.
STAFF_LIST = "L 403 200 200 200 200 200"
STAFF_VIEW = "L 403 200 404 200 200 200"
UNIT_ACT = "L 403 403 404 200 200 200"
UNIT_PAGE = "L 403 403 403 200 200 200"
COMMITTEE_ACT = "L 403 403 404 403 200 200"
COMMITTEE_PAGE = "L 403 403 403 403 200 200"
SEEN_BY_MANAGERS = "L 404 200 404 200 200 200"
# Public function views that only read refuse a POST, whoever sends it (require_safe; tests/security/test_read_only_methods.py).
REFUSES_POST = "405 405 405 405 405 405 405"


def pk(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


def _post_form(w, **extra):
    # A public-facing post is offered with its service guide: materials, time limit and supervision phone are required.
    return {"title": "新岗位", "kind": "public", "duties": "窗口服务", "capacity": 2, "service_items": "咨询",
            "service_content": "导办", "commitments": "首问负责", "service_materials": "身份证", "time_limit_days": 5,
            "service_fees": "不收费", "supervision_phone": "0571-12345678", **extra}


NOMINATIONS = {
    "posts:post_list": [case(LOGGED_IN)],
    "posts:post_create": [case(MANAGED_IN_A.replace("404", "200"), "L 403 302* 200 302* 302* 302*",
                               data=lambda w: _post_form(w, organisation=w.member.branch_id))],
    "posts:post_detail": [case(SEEN_IN_A, kwargs=pk("post"))],
    "posts:post_edit": [case(MANAGED_IN_A, "L 403 302* 404 302* 302* 302*", kwargs=pk("post"), data=_post_form)],
    # A post with holders cannot stop being offered; the internal post has none. A GET is the confirmation page.
    "posts:post_offer": [case(MANAGED_IN_A, "L 403 302* 404 302* 302* 302*", kwargs=pk("internal_post"))],
    "posts:round_list": [case(LOGGED_IN)],
    "posts:round_create": [case(MANAGED_IN_A.replace("404", "200"), "L 403 302* 200 302* 302* 302*", data=lambda w: {
        "organisation": w.member.branch_id, "year": w.today.year + 1, "idea": "人人有岗位。",
        "opens_on": w.today.isoformat(), "closes_on": w.today.replace(year=w.today.year + 1).isoformat()})],
    "posts:round_detail": [case(SEEN_IN_A, kwargs=pk("round"))],
    # The member already declared a post in this round: GET takes them to that declaration (change or withdraw it there),
    # and a POST is refused by the service (200, the form with the reason).
    "posts:nominate": [case("L 302 403 404 403 403 403", "L 200 403 404 403 403 403", kwargs=pk("round"),
                            data=lambda w: {"post": w.post.pk, "statement": "再报一个"})],
    "posts:round_close": [case("L 405 405 405 405 405 405", "L 403 302* 404 302* 302* 302*", kwargs=pk("round"))],
    "posts:review_board": [case(MANAGED_IN_A, kwargs=pk("round"))],
    "posts:members_without_post": [case(MANAGED_IN_A, kwargs=pk("round"))],
    "posts:round_publish": [case(MANAGED_IN_A, "L 403 302* 404 302* 302* 302*", kwargs=pk("round"))],
    "posts:nomination_detail": [case(SEEN_IN_A, kwargs=pk("pending"))],
    # The member already holds a post: the service refuses the change (200, the form with the reason), nothing changes.
    "posts:nomination_change": [case("L 200 403 404 403 403 403", "L 200 403 404 403 403 403", kwargs=pk("pending"),
                                     data=lambda w: {"post": w.post.pk, "statement": "改报导办岗"})],
    "posts:nomination_withdraw": [case("L 405 405 405 405 405 405", "L 302* 403 404 403 403 403", kwargs=pk("pending"))],
    # A colleague's nomination is not the member's to see: 404, not 403.
    "posts:nomination_approve": [case(SEEN_BY_MANAGERS, "L 404 302* 404 302* 302* 302*", kwargs=pk("pending_peer"),
                                      data=lambda w: {"reason": ""})],
    "posts:nomination_reject": [case(SEEN_BY_MANAGERS, "L 404 302* 404 302* 302* 302*", kwargs=pk("pending_peer"),
                                     data=lambda w: {"reason": "岗位已满"})],
    "posts:nomination_place": [case(SEEN_BY_MANAGERS, "L 404 302* 404 302* 302* 302*", kwargs=pk("pending_peer"),
                                    data=lambda w: {"post": w.post.pk, "reason": "更适合"})],
    "posts:my_post": [case("L 200 403 403 403 403 403")],
    # The member sees their own assignment only; the colleague's is not theirs to see.
    "posts:assignment_detail": [case("L 404 200 404 200 200 200", kwargs=pk("assignment"))],
    "posts:assignment_revise": [case("L 404 200 404 200 200 200", "L 404 302* 404 302* 302* 302*", kwargs=pk("assignment"),
                                     data=lambda w: {"post": w.internal_post.pk, "reason": "调整"})],
    "posts:publication_detail": [case(SEEN_IN_A, kwargs=pk("publication"))],
    "posts:publication_object": [case("L 405 405 405 405 405 405", "L 302* 403 404 403 403 403", kwargs=pk("publication"),
                                      data=lambda w: {**w.member_objection_form, "text": "请说明", "assignment": ""})],
    # The secretaries of the publication's organisation answer; the outcome is chosen each time (no default).
    "posts:objection_answer": [case("L 404 200 404 200 200 200", "L 404 302* 404 302* 302* 302*", kwargs=pk("objection"),
                                    data=lambda w: {"answer": "已答复", "upheld": "no"})],
    # Every manager has the list (of what they manage: B1's secretary sees none of A1's objections).
    "posts:objection_list": [case(STAFF_LIST)],
    "posts:announcement_list": [case(PUBLIC, REFUSES_POST)],
    # A known code takes anyone to the objection's own page (which they can bookmark); nothing is written.
    "posts:objection_track": [case(PUBLIC, "302 302 302 302 302 302 302", data=lambda w: {"code": w.objection.tracking_code})],
    # The objection and its answer, for anyone who has the code; only GET and HEAD (the lookup limit counts both).
    "posts:objection_track_code": [case(PUBLIC, REFUSES_POST, kwargs=lambda w: {"code": w.objection.tracking_code})],
    "posts:objection_received": [case("302 302 302 302 302 302 302", REFUSES_POST)],  # nothing was sent in this session
    "posts:announcement_detail": [case(PUBLIC, REFUSES_POST, kwargs=lambda w: {"key": w.publication.code}, label="by code"),
                                  case(PUBLIC, REFUSES_POST, kwargs=lambda w: {"key": str(w.publication.pk)}, label="by number")],
    "posts:announcement_object": [case("302 302 302 302 302 302 302", "302* 302* 302* 302* 302* 302* 302*",
                                       kwargs=lambda w: {"key": w.publication.code},
                                       data=lambda w: {**w.public_objection_form, "text": "有意见", "assignment": ""})],
}


def _window_form(w, **extra):
    return {"name": "综合受理窗口（改）", "location": "一楼", "posts": [w.window.posts.first().pk], "is_active": "on", **extra}


WINDOWS = {
    "posts:window_directory": [case(PUBLIC)],
    "posts:window_public": [case(PUBLIC, kwargs=lambda w: {"code": w.window.code})],
    "posts:window_qr": [case(PUBLIC, REFUSES_POST, kwargs=lambda w: {"code": w.window.code})],
    "posts:feedback_lookup": [case(PUBLIC, REFUSES_POST)],
    "posts:feedback_new": [case(PUBLIC, "302* 302* 302* 302* 302* 302* 302*", kwargs=lambda w: {"code": w.window.code},
                                data=lambda w: w.feedback_form)],
    # A matter still being handled takes no opinion yet: the POST is answered with a message, nothing changes.
    "posts:feedback_track": [case(PUBLIC, "302 302 302 302 302 302 302", kwargs=lambda w: {"code": w.feedback.tracking_code},
                                  data=lambda w: {"opinion": "satisfied"})],
    "posts:handbook": [case(PUBLIC)],
    "posts:handbook_editions": [case(PUBLIC)],
    "posts:handbook_edition": [case(PUBLIC, kwargs=lambda w: {"version": w.edition.version})],
    # One unit's part of the handbook, as published: public like the handbook itself.
    "posts:handbook_unit": [case(PUBLIC, kwargs=lambda w: {"unit": w.window.organisation.code})],
    "posts:handbook_edition_unit": [case(PUBLIC, kwargs=lambda w: {"version": w.edition.version, "unit": w.window.organisation.code})],
    # GET asks, POST starts the PDF job: for anyone who prints for an organisation.
    "posts:handbook_pdf": [case(STAFF_LIST, "L 403 302* 302* 302* 302* 302*", kwargs=lambda w: {"version": w.edition.version})],
    "posts:plaque_register": [case(PUBLIC)],
    "posts:plaque_verify": [case(PUBLIC, REFUSES_POST, kwargs=lambda w: {"code": w.record.verification_code})],
    "posts:plaque_qr": [case(PUBLIC, REFUSES_POST, kwargs=lambda w: {"code": w.record.verification_code})],
    "posts:window_list": [case(STAFF_LIST)],
    # Posts are chosen on the edit page once the unit is known (unless one manages a single unit).
    "posts:window_create": [case(UNIT_PAGE, "L 403 403 403 302* 302* 302*", data=lambda w: _window_form(
        w, code="WN", name="新窗口", organisation=w.window.organisation_id, posts=[]))],
    "posts:window_manage": [case(STAFF_VIEW, kwargs=lambda w: {"code": w.window.code}, label="A"),
                            case("L 403 404 200 404 200 200", kwargs=lambda w: {"code": w.window_b.code}, label="B")],
    "posts:window_edit": [case(UNIT_ACT, UNIT_ACT.replace("200", "302*"), kwargs=lambda w: {"code": w.window.code}, data=_window_form)],
    "posts:window_markers": [case(STAFF_VIEW, kwargs=lambda w: {"code": w.window.code})],
    "posts:marker_photo": [case(UNIT_ACT, UNIT_ACT.replace("200", "302*"),
                                kwargs=lambda w: {"code": w.window.code, "member_pk": w.member.pk}, data=lambda w: {"image": png_upload()})],
    "posts:feedback_inbox": [case(STAFF_LIST)],
    "posts:complaint_summary": [case(STAFF_LIST)],
    "posts:feedback_manage": [case(STAFF_VIEW, kwargs=pk("feedback"), label="A"),
                              case("L 403 404 200 404 200 200", kwargs=pk("feedback_b"), label="B")],
    "posts:feedback_respond": [case(UNIT_ACT, UNIT_ACT.replace("200", "302*"), kwargs=pk("feedback"), data=lambda w: {"text": "正在处理"})],
    "posts:feedback_conclude": [case(UNIT_ACT, UNIT_ACT.replace("200", "302*"), kwargs=pk("feedback"),
                                     data=lambda w: {"text": "已办结", "upheld": "no"})],
    "posts:feedback_close": [case(COMMITTEE_ACT, COMMITTEE_ACT.replace("200", "302*"), kwargs=pk("escalated"),
                                  data=lambda w: {"text": "维持", "upheld": "no"})],
    "posts:plaque_overview": [case(STAFF_LIST)],
    "posts:plaque_application_list": [case(STAFF_LIST)],
    "posts:plaque_apply": [case(UNIT_PAGE, "L 403 403 403 302* 302* 302*", data=lambda w: {
        "window": w.window.pk, "year": w.today.year + 1, "statement": "条件具备"})],
    "posts:plaque_application": [case(STAFF_VIEW, kwargs=pk("application"))],
    "posts:plaque_review": [case(COMMITTEE_ACT, COMMITTEE_ACT.replace("200", "302*"), kwargs=pk("application"),
                                 data=lambda w: {"decision": "approve", "note": ""})],
    "posts:plaque_withdraw": [case(UNIT_ACT, UNIT_ACT.replace("200", "302*"), kwargs=pk("application"))],
    "posts:handbook_draft": [case(COMMITTEE_PAGE, COMMITTEE_PAGE.replace("200", "302*"), data=lambda w: {"title": "公共服务手册", "after": w.edition.version})],
}


# The year's changes: managers act on the members and posts of what they manage; the pages answer the mixin first
# (login, then 403 for someone who manages nothing), then the subject (404 outside the scope).
CHANGES = {
    "posts:without_post": [case(STAFF_LIST)],
    "posts:member_place": [case(MANAGED_IN_A, "L 403 302* 404 302* 302* 302*", kwargs=pk("newcomer"),
                                data=lambda w: {"post": w.internal_post.pk, "reason": "擅长写作"})],
    "posts:member_transfer": [case(MANAGED_IN_A, "L 403 302* 404 302* 302* 302*", kwargs=pk("member"),
                                   data=lambda w: {"to_branch": w.branch_a2.pk, "on": w.today.isoformat(), "reason": "工作调动"})],
    # A new member joins A1: its managers admit them; B1's secretary sees no A1 (404).
    "posts:member_admit": [case(MANAGED_IN_A, "L 403 302* 404 302* 302* 302*", kwargs=lambda w: {"pk": w.member.branch_id},
                                data=lambda w: _admission_form(w))],
    "posts:member_leave": [case(MANAGED_IN_A, "L 403 302* 404 302* 302* 302*", kwargs=pk("member"),
                                data=lambda w: {"kind": "retirement", "on": w.today.isoformat(), "reason": "到龄退休"})],
    "posts:assignment_hand_over": [case(MANAGED_IN_A, "L 403 302* 404 302* 302* 302*", kwargs=pk("assignment"),
                                        data=lambda w: {"successor": w.newcomer.pk, "reason": "工作交接"})],
    # A1's round is still open: the service refuses a supplementary round (200, the form with the reason), nothing changes.
    # B1's round is over with a member still without a post: B1's secretary and the committee open one; A's managers see no B1.
    "posts:supplementary_round_create": [
        case(MANAGED_IN_A, MANAGED_IN_A, kwargs=lambda w: {"pk": w.member.branch_id}, data=lambda w: _supplementary_form(w), label="A1"),
        case("L 403 404 200 404 200 200", "L 403 404 302* 404 302* 302*", kwargs=lambda w: {"pk": w.branch_b1.pk},
             data=lambda w: _supplementary_form(w), label="B1"),
    ],
}


def _admission_form(w):
    return {"kind": "new_member", "on": w.today.isoformat(), "reason": "", "member_no": "A1-NEW-1", "name": "林新", "gender": "F",
            "birth_date": "1995-05-01", "education": "bachelor", "position": "科员", "standing": "probationary", "phone": ""}


def _supplementary_form(w):
    return {"idea": "补充认岗。", "opens_on": w.today.isoformat(), "closes_on": w.today.isoformat()}
