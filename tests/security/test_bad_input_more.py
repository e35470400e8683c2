"""Hostile values beyond free text: formulas and control characters in exports, impossible dates, words in number
fields, the same form sent twice, and hostile search terms and addresses (NUL included, which PostgreSQL refuses)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from evaluation.models import Activity, CriterionScore, EvaluationYear, Result, TokenBatch
from members.models import Member, Organisation
from posts.models import Feedback, Objection, PlaqueApplication, Post, Round, Window
from tests.security.permission_table import _member_form, _organisation_form
from tests.security.permission_table_posts import _post_form, _window_form
from tests.security.test_bad_input import HOSTILE, REFUSED, login, shown_text

FORMULA = '=HYPERLINK("http://evil.example/","点我")'
TRIGGERS = ("=", "+", "-", "@")


def _poison(w, value):
    """Put the value in the text every export shows: names of members, branch, posts, window; feedback; activities."""
    Member.objects.filter(pk__in=[w.member.pk, w.peer.pk]).update(name=value, specialties=value)
    Organisation.objects.filter(pk=w.member.branch_id).update(name=value)
    Post.objects.filter(organisation_id=w.member.branch_id).update(title=value, service_items=value)
    Window.objects.filter(pk=w.window.pk).update(name=value)
    Feedback.objects.filter(window=w.window).update(text=value)
    Activity.objects.update(description=value)
    Result.objects.filter(pk=w.member_result.pk).update(self_report=value)


EXPORTS = [
    ("members:excel:member_export", {}),
    ("members:excel:organisation_export", {}),
    *[(f"members:excel:{code}_export", {}) for code in ["posts", "assignments", "windows", "handbook", "feedback", "quarterly"]],
    ("evaluation:results_export", {"year": 2026}),
    ("members:dashboard_report_xlsx", {"year": 2026}),
]


def _cells(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    for sheet in load_workbook(io.BytesIO(content)).worksheets:
        for row in sheet.iter_rows():
            yield from row


@pytest.mark.parametrize("name,kwargs", EXPORTS, ids=[e[0] for e in EXPORTS])
def test_formula_text_is_exported_inert(world, cast, client, name, kwargs):
    _poison(world, FORMULA)
    response = login(client, cast, "committee_staff").get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    cells = list(_cells(response))
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a formula reached the workbook"
    assert not [c.value for c in cells if isinstance(c.value, str) and c.value.startswith(TRIGGERS)]
    assert "'" + FORMULA in {c.value for c in cells}, "the text is not in this export at all: poison a field it shows"


@pytest.mark.parametrize("name,kwargs", EXPORTS, ids=[e[0] for e in EXPORTS])
def test_control_characters_do_not_break_an_export(world, cast, client, name, kwargs):
    _poison(world, HOSTILE["control"])
    response = login(client, cast, "committee_staff").get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert "办事[31m红字" in {c.value for c in _cells(response)}, "the text, without its control characters"


DATE_FORMS = [
    ("members:create", "secretary", "birth_date", _member_form, lambda w: Member.objects.filter(member_no="A1-900").exists()),
    ("posts:round_create", "secretary", "opens_on", lambda w: {
        "organisation": w.member.branch_id, "year": w.today.year + 1, "idea": "人人有岗位。", "closes_on": f"{w.today.year + 1}-12-31"},
     lambda w: Round.objects.filter(year=w.today.year + 1).exists()),
    ("evaluation:quarter", "unit_secretary", "date", lambda w: {"kind": "study", "description": "日期有误", "participants": [w.member.pk]},
     lambda w: Activity.objects.filter(description="日期有误").exists()),
]
DATE_KWARGS = {"evaluation:quarter": lambda w: {"year": w.year, "window": w.window.pk, "quarter": 1}}


@pytest.mark.parametrize("value", ["2026-02-30", "明天", "2026-13-01", "0000-00-00", "9" * 40])
@pytest.mark.parametrize("name,role,field,data,created", DATE_FORMS, ids=[f[0] for f in DATE_FORMS])
def test_an_impossible_date_is_refused_in_chinese(world, cast, client, name, role, field, data, created, value):
    url = reverse(name, kwargs=DATE_KWARGS.get(name, lambda w: {})(world))
    response = login(client, cast, role).post(url, {**data(world), field: value})
    assert response.status_code == 200
    assert "输入一个有效的日期。" in response.content.decode()
    assert not created(world)


NUMBER_FORMS = [
    ("posts:post_create", {}, "secretary", "capacity", lambda w: _post_form(w, organisation=w.member.branch_id), "输入整数。",
     lambda w: Post.objects.filter(title="新岗位").exists()),
    ("evaluation:year_create", {}, "committee_staff", "year", lambda w: {}, "输入整数。", lambda w: EvaluationYear.objects.count() > 1),
    ("posts:plaque_apply", {}, "unit_secretary", "year", lambda w: {"window": w.window.pk, "statement": "条件具备"}, "输入整数。",
     lambda w: PlaqueApplication.objects.count() > 1),
    ("evaluation:self_assessment", {"year": 2026}, "member", "score", lambda w: {"report": "履岗"}, "请输入数字。",
     lambda w: Result.objects.get(pk=w.member_result.pk).self_report == "履岗"),
    ("evaluation:tokens", {"year": 2026}, "committee_staff", "size", lambda w: {
        "window": w.window.pk, "valid_days": 10, "submission": "0b6f0f5e-2f43-4d55-9b43-0d7d3b5b2a11"}, "输入整数。",
     lambda w: TokenBatch.objects.exists()),
]


# Full-width digits ("１２") are a number to Python and to the person who typed them: accepted, so not listed here.
@pytest.mark.parametrize("value", ["很多", "1e999", "NaN", "--1", "1/2"])
@pytest.mark.parametrize("name,kwargs,role,field,data,message,created", NUMBER_FORMS, ids=[f"{f[0]}.{f[3]}" for f in NUMBER_FORMS])
def test_words_in_a_number_field_are_refused_in_chinese(world, cast, client, name, kwargs, role, field, data, message, created, value):
    response = login(client, cast, role).post(reverse(name, kwargs=kwargs), {**data(world), field: value})
    assert response.status_code == 200
    html = response.content.decode()
    # Or a range refusal: the project's own words for min/max ("不能大于 100。"), Django's for digits ("确保…").
    assert message in html or any(word in html for word in ("不能大于", "不能小于", "确保"))
    assert not created(world)


# (URL name, kwargs, role, data, the rows that must exist once): the same POST sent twice keeps one.
TWICE = [
    ("posts:feedback_new", lambda w: {"code": w.window.code}, "anonymous", lambda w: w.feedback_form,
     lambda w: Feedback.objects.filter(text="服务很好").count()),
    ("evaluation:tokens", lambda w: {"year": w.year}, "committee_staff", lambda w: {
        "window": w.window.pk, "size": 2, "valid_days": 10, "submission": "0b6f0f5e-2f43-4d55-9b43-0d7d3b5b2a11"},
     lambda w: TokenBatch.objects.count()),
    ("members:create", lambda w: {}, "secretary", _member_form, lambda w: Member.objects.filter(member_no="A1-900").count()),
    ("members:organisation_create", lambda w: {}, "committee_staff", _organisation_form,
     lambda w: Organisation.objects.filter(code="UA-9").count()),
    ("evaluation:year_create", lambda w: {}, "committee_staff", lambda w: {"year": 2027}, lambda w: EvaluationYear.objects.filter(year=2027).count()),
    ("posts:round_create", lambda w: {}, "secretary", lambda w: {
        "organisation": w.member.branch_id, "year": w.today.year + 1, "idea": "人人有岗位。", "opens_on": w.today.isoformat(),
        "closes_on": f"{w.today.year + 1}-12-31"}, lambda w: Round.objects.filter(year=w.today.year + 1).count()),
    ("posts:window_create", lambda w: {}, "unit_secretary", lambda w: _window_form(
        w, code="WN", name="新窗口", organisation=w.window.organisation_id, posts=[]), lambda w: Window.objects.filter(code="WN").count()),
    ("posts:plaque_apply", lambda w: {}, "unit_secretary", lambda w: {"window": w.window.pk, "year": w.today.year + 1, "statement": "条件具备"},
     lambda w: PlaqueApplication.objects.filter(year=w.today.year + 1).count()),
    # The objection forms carry a one-time token, as the feedback form does: a double click raises one objection.
    ("posts:publication_object", lambda w: {"pk": w.publication.pk}, "member",
     lambda w: {**w.member_objection_form, "text": "请说明", "assignment": ""}, lambda w: Objection.objects.filter(text="请说明").count()),
    ("posts:announcement_object", lambda w: {"key": w.publication.code}, "anonymous",
     lambda w: {**w.public_objection_form, "text": "有意见", "assignment": ""}, lambda w: Objection.objects.filter(text="有意见").count()),
]


@pytest.mark.parametrize("name,kwargs,role,data,count", TWICE, ids=[t[0] for t in TWICE])
def test_the_same_form_sent_twice_keeps_one_row(world, cast, client, name, kwargs, role, data, count):
    url = reverse(name, kwargs=kwargs(world))
    client = login(client, cast, role)
    first = client.post(url, data(world))
    assert first.status_code in (200, 302)
    assert count(world) == 1, shown_text(first)[-1500:]
    second = client.post(url, data(world))
    assert second.status_code in (200, 302, 400)
    assert count(world) == 1


SEARCHES = [
    ("members:list", "q", "secretary"),
    ("posts:window_directory", "q", "anonymous"),
    ("posts:window_directory", "unit", "anonymous"),
    ("posts:plaque_register", "q", "anonymous"),
    ("posts:plaque_register", "year", "anonymous"),
    ("posts:feedback_lookup", "code", "anonymous"),
    ("posts:feedback_inbox", "show", "unit_secretary"),
    ("posts:complaint_summary", "year", "unit_secretary"),
    ("posts:plaque_apply", "window", "unit_secretary"),
    ("posts:plaque_application_list", "status", "committee_staff"),
    ("members:audit_log", "tab", "committee_staff"),
    ("members:dashboard", "year", "committee_staff"),
    ("posts:announcement_list", "page", "anonymous"),
]


# A NUL in an address (path or query, literal or %00) is answered by pioneer.middleware before any view: PostgreSQL
# would refuse it in a query. The same answer on every database, so the tests below do not depend on one.
NUL_REFUSED = "网址中含有无效字符（空字符），请检查后重试。"


def _params(rows, kinds):
    for *row, in rows:
        for kind in kinds:
            yield pytest.param(*row, kind, id=f"{row[0]}.{row[1]}-{kind}")


def assert_nul_refused(response):
    assert response.status_code == 400
    assert NUL_REFUSED in response.content.decode()


@pytest.mark.parametrize("name,param,role,kind", list(_params(SEARCHES, HOSTILE)))
def test_a_hostile_search_answers_a_page_that_escapes_it(world, cast, client, name, param, role, kind):
    value = HOSTILE[kind]
    response = login(client, cast, role).get(reverse(name), {param: value})
    if kind == "nul":
        return assert_nul_refused(response)
    assert response.status_code == 200
    assert HOSTILE["script"] not in response.content.decode()


ADDRESSES = [
    ("posts:announcement_detail", "key"), ("posts:announcement_object", "key"), ("posts:plaque_verify", "code"), ("posts:plaque_qr", "code"),
]


@pytest.mark.parametrize("name,kwarg,kind", list(_params(ADDRESSES, ["script", "sql", "nul", "emoji", "control"])))
def test_a_hostile_public_address_is_not_found(world, client, name, kwarg, kind):
    value = HOSTILE[kind].replace("/", "")
    response = client.get(reverse(name, kwargs={kwarg: value}))
    if kind == "nul":
        return assert_nul_refused(response)
    assert response.status_code in (404, 302)


@pytest.mark.parametrize("kind", ["script", "long", "nul", "control"])
def test_hostile_criterion_scores_are_refused_or_kept_safely(world, cast, client, kind):
    """The window's score sheet is read from the POST field by field (no form): its values must be checked all the same."""
    value, pk = HOSTILE[kind], world.criterion.pk
    url = reverse("evaluation:result_score", args=[world.year, world.window_result.pk])
    response = login(client, cast, "unit_secretary").post(url, {f"score_{pk}": value, f"note_{pk}": value})
    assert response.status_code == 302
    response = login(client, cast, "unit_secretary").post(url, {f"score_{pk}": "1", f"note_{pk}": value})
    assert response.status_code == 302
    if kind == "nul":
        # Refused in the words a form uses, and nothing kept: the sheet's POST is no address, the middleware does not see it.
        assert REFUSED["nul"] in shown_text(response)
        assert not CriterionScore.objects.filter(result=world.window_result).exists()
    assert HOSTILE["script"] not in client.get(url).content.decode()
