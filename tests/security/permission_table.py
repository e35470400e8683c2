"""Who gets what, for every URL of the product: one row per URL name (several when the subject matters).

Columns, in this order:   anonymous  member  secretary(A1)  other_secretary(B1)  unit_secretary(A)  committee_staff  admin
Cells: a status code; `L` = 302 to the login page; on POST a trailing `*` = this role's write goes through
(every other request must change nothing). `post=None`: the URL takes no writes (any POST must be refused).

To add a URL: one line in the dict of its area, e.g.
    "jobs:detail": [case("L 200 200 404 200 200 200", kwargs=lambda w: {"pk": w.job.pk})],
and, when it needs an object, one more attribute on the `world` fixture in tests/security/conftest.py.
"""

from tests.security.matrix import case
from tests.security.permission_table_evaluation import EVALUATION
from tests.security.permission_table_posts import CHANGES, NOMINATIONS, WINDOWS
from tests.security.uploads import xlsx_upload

PUBLIC = "200 200 200 200 200 200 200"
LOGGED_IN = "L 200 200 200 200 200 200"
MANAGERS = "L 403 200 200 200 200 200"
COMMITTEE = "L 403 403 403 403 200 200"
UNITS = "L 403 403 403 200 200 200"
NO_POST = "L 405 405 405 405 405 405"


def pk(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


def _member_form(w, **extra):
    return {"member_no": "A1-900", "name": "新党员", "gender": "F", "birth_date": "1990-05-01", "education": "bachelor",
            "position": "科员", "branch": w.member.branch_id, "standing": "full", "is_active": "on", **extra}


def _organisation_form(w):
    return {"kind": "branch", "code": "UA-9", "name": "审批办第九党支部", "parent": w.member.branch.parent_id}


ACCOUNTS = {
    "home": [case(PUBLIC)],
    "login": [case("200 302 302 302 302 302 302", "200 302 302 302 302 302 302",
                   data=lambda w: {"username": "nobody", "password": "wrong"})],
    "logout": [case("405 405 405 405 405 405 405", "302 302 302 302 302 302 302")],
    "password_change": [case(LOGGED_IN, "L 302* 302* 302* 302* 302* 302*", data=lambda w: {
        "old_password": "pw-for-tests", "new_password1": "Xq7-long-enough-2026", "new_password2": "Xq7-long-enough-2026"})],
    "password_change_done": [case(LOGGED_IN)],
    # Uploads on local disk: the public folders (marker photos) for anyone, nothing else in the storage (waiting rosters).
    "public_media": [case("200 200 200 200 200 200 200", kwargs=lambda w: {"path": w.marker_photo}),
                     case("404 404 404 404 404 404 404", kwargs=lambda w: {"path": w.waiting_upload}, label="private folder")],
    # Jobs: one's own, and committee staff see those in their scope; another's job or file is 404.
    "jobs:list": [case(LOGGED_IN)],
    "jobs:detail": [case("L 404 200 404 404 200 200", kwargs=pk("job"))],
    "jobs:status": [case("L 404 200 404 404 200 200", kwargs=pk("job"))],
    "jobs:download": [case("L 404 200 404 404 200 200", kwargs=pk("job"))],
}

MEMBERS = {
    "members:dashboard": [case("L 403 302 302 302 200 200")],  # secretaries are sent to their own organisation's
    "members:dashboard_organisation": [case("L 403 200 404 200 200 200", kwargs=lambda w: {"pk": w.member.branch_id})],
    "members:dashboard_report_current": [case("L 403 403 403 403 302 302")],
    "members:dashboard_report": [case(COMMITTEE, kwargs=lambda w: {"year": w.year})],
    "members:dashboard_report_xlsx": [case(COMMITTEE, kwargs=lambda w: {"year": w.year})],
    "members:list": [case("L 302 200 200 200 200 200")],  # a member lands on their own record
    "members:create": [case(MANAGERS, "L 403 302* 200 302* 302* 302*", data=_member_form)],  # B1 may not pick branch A1
    "members:detail": [case("L 200 200 404 200 200 200", kwargs=pk("member"))],
    "members:edit": [case("L 403 200 404 200 200 200", "L 403 302* 404 302* 302* 302*", kwargs=pk("member"),
                          data=lambda w: _member_form(w, member_no=w.member.member_no, name="张伟（改）"))],
    "members:create_login": [case("L 403 200 404 200 200 200", "L 403 200* 404 200* 200* 200*", kwargs=pk("peer"))],
    # The member's login is locked: the committee and the unit's secretaries unlock it; a branch secretary asks them.
    "members:unlock": [case(NO_POST, "L 403 403 404 302* 302* 302*", kwargs=pk("member"))],
    "members:profile": [case("L 200 403 403 403 403 403", "L 302* 403 403 403 403 403",
                             data=lambda w: {"phone": "13800000000", "specialties": "窗口服务"})],
    "members:organisation_list": [case(MANAGERS)],
    "members:organisation_create": [case(COMMITTEE, "L 403 403 403 403 302* 302*", data=_organisation_form)],
    # A member sees the own branch's page (no names on it); managing it is another matter.
    "members:organisation_detail": [case("L 200 200 404 200 200 200", kwargs=lambda w: {"pk": w.member.branch_id})],
    "members:organisation_edit": [case(COMMITTEE, "L 403 403 403 403 302* 302*", kwargs=lambda w: {"pk": w.member.branch_id},
                                       data=lambda w: {**_organisation_form(w), "code": w.member.branch.code, "name": "改名"})],
    "members:audit_log": [case(COMMITTEE)],
    "members:notifications": [case(LOGGED_IN)],
    "members:notifications_read": [case(NO_POST, "L 302* 302 302 302 302 302")],  # only the member has one unread
    # Opening a notification marks it read on the way to its link (a GET that writes, to the opener's own row only).
    "members:notification_open": [case("L 302 404 404 404 404 404", "L 302* 404 404 404 404 404", kwargs=pk("notification"),
                                       get_writes=True)],
}


def _import_urls(code, allowed):
    post = allowed.replace("200", "302")
    return {
        f"members:excel:{code}_template": [case(allowed)],
        f"members:excel:{code}_upload": [case(allowed, allowed.replace("200", "302*"), data=lambda w: {"file": xlsx_upload()})],
        # Without its preview job the preview sends an allowed user back to the upload form.
        f"members:excel:{code}_preview": [case(post)],
        f"members:excel:{code}_apply": [case(allowed.replace("200", "405"), post, data=lambda w: {"job": "forged"})],
        f"members:excel:{code}_cancel": [case(allowed.replace("200", "405"), post, data=lambda w: {"job": "forged"})],
    }


EXCEL = {
    "members:excel:member_export": [case(MANAGERS)],
    "members:excel:organisation_export": [case(MANAGERS)],
    **{f"members:excel:{code}_export": [case(MANAGERS)]
       for code in ["posts", "assignments", "windows", "handbook", "feedback", "plaques", "quarterly"]},
    **_import_urls("members", MANAGERS),
    **_import_urls("organisations", COMMITTEE),
    **_import_urls("windows", UNITS),
    **_import_urls("posts", MANAGERS),
}

TABLE = {**ACCOUNTS, **MEMBERS, **EXCEL, **NOMINATIONS, **WINDOWS, **CHANGES, **EVALUATION}
