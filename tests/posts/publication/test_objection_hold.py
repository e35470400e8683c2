"""Objections hold a publication: no confirmation while one is open; an upheld one sends its assignment back to review."""

import datetime

import pytest
import time_machine

from members.models import AuditEntry, Notification
from pioneer.errors import Refusal
from posts.models import Assignment, Objection, Publication
from posts.nominations import services as nomination_services
from posts.publication import services as publication_services
from posts.review import services as review_services
from tests.posts.factories import make_round

WEDNESDAY = datetime.datetime(2026, 3, 4, 10, 0, tzinfo=datetime.UTC)
AFTER_NOTICE = datetime.datetime(2026, 3, 13, 2, 0, tzinfo=datetime.UTC)  # the notice ended on 11 March


@pytest.fixture
def frozen():
    with time_machine.travel(WEDNESDAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def publication(frozen, member, secretary, branch_a1, window_post):
    rnd = make_round(branch_a1)
    nomination = nomination_services.submit_nomination(member.user, round=rnd, post=window_post, statement="熟悉政策咨询。")
    review_services.approve_nomination(secretary, nomination=nomination)
    return publication_services.publish_round(secretary, round=rnd)


def test_a_held_publication_stays_in_notice_after_its_end_date(publication, frozen):
    publication_services.raise_objection(None, publication=publication, text="该同志不在窗口工作。", name="王先生", contact="13800001111")
    frozen.move_to(AFTER_NOTICE)
    assert publication_services.confirm_due_publications() == 0
    assert publication_services.confirm_publication(publication=publication) is False
    publication.refresh_from_db()
    assert publication.status == Publication.Status.NOTICE and publication.is_held
    assert list(Publication.objects.held(datetime.date(2026, 3, 13))) == [publication]
    assert Assignment.objects.get().status == Assignment.Status.PUBLISHED
    assert not AuditEntry.objects.filter(action="posts.publication.confirmed").exists()


def test_a_not_upheld_answer_lets_the_next_run_confirm(publication, frozen, secretary):
    objection = publication_services.raise_objection(None, publication=publication, text="请说明理由。")
    frozen.move_to(AFTER_NOTICE)
    assert publication_services.confirm_due_publications() == 0
    publication_services.answer_objection(secretary, objection=objection, answer="经核实,安排合理。", upheld=False)
    assert publication_services.confirm_due_publications() == 1
    assert Assignment.objects.get().status == Assignment.Status.CONFIRMED
    assert Objection.objects.get().upheld is False


def test_an_upheld_objection_sends_the_assignment_back_to_review(publication, frozen, secretary, member):
    assignment = publication.assignments.get()
    objection = publication_services.raise_objection(None, publication=publication, text="该同志不熟悉业务。", assignment=assignment)
    frozen.move_to(AFTER_NOTICE)
    publication_services.answer_objection(secretary, objection=objection, answer="经核实,异议成立。", upheld=True)
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.ENDED and not publication.assignments.exists()
    # Back among the members without a post on the review board.
    assert member in assignment.round.members_without_post()
    entry = AuditEntry.objects.get(action="posts.assignment.objection_upheld")
    assert (entry.from_state, entry.to_state, entry.reason) == ("published", "ended", "经核实,异议成立。")
    assert AuditEntry.objects.filter(action="posts.objection.upheld").exists()
    assert Notification.objects.filter(recipient=member.user, text__contains="异议成立").exists()
    publication_services.confirm_due_publications()
    assert not Assignment.objects.filter(status=Assignment.Status.CONFIRMED).exists()


def test_upholding_an_objection_to_the_whole_publication_names_the_assignment(publication, frozen, secretary):
    objection = publication_services.raise_objection(None, publication=publication, text="公示名单有误。")
    with pytest.raises(Refusal) as exc:
        publication_services.answer_objection(secretary, objection=objection, answer="异议成立。", upheld=True)
    assert str(exc.value) == "异议成立将使定岗退回重新审核，请选择所涉及的定岗。"
    assert Objection.objects.get().status == Objection.Status.OPEN
    publication_services.answer_objection(
        secretary, objection=objection, answer="异议成立。", upheld=True, assignment=publication.assignments.get(),
    )
    assert Assignment.objects.get().status == Assignment.Status.ENDED


def test_the_answer_page_shows_the_contact_to_the_secretary_only(publication, client, client_for, secretary, member):
    objection = publication_services.raise_objection(None, publication=publication, text="请核实。", name="王先生", contact="13800001111")
    html = client_for(secretary).get(f"/objections/{objection.pk}/answer/").content.decode()
    assert "异议人联系方式" in html and "13800001111" in html
    assert "13800001111" not in client.get(f"/announcements/{publication.code}/").content.decode()
    assert "13800001111" not in client_for(member.user).get(f"/publications/{publication.pk}/").content.decode()
    tracked = client.get(f"/announcements/track/{objection.tracking_code}/").content.decode()
    assert "请核实。" in tracked and "13800001111" not in tracked


def test_the_answer_page_records_the_outcome(publication, frozen, client_for, secretary):
    objection = publication_services.raise_objection(None, publication=publication, text="请核实。", assignment=publication.assignments.get())
    response = client_for(secretary).post(f"/objections/{objection.pk}/answer/", {"answer": "异议成立。", "upheld": "yes"})
    assert response.status_code == 302
    assert Objection.objects.get().upheld is True
    assert Assignment.objects.get().status == Assignment.Status.ENDED


def test_the_answer_page_needs_an_outcome(publication, client_for, secretary):
    objection = publication_services.raise_objection(None, publication=publication, text="请核实。")
    response = client_for(secretary).post(f"/objections/{objection.pk}/answer/", {"answer": "已核实。"})
    assert response.status_code == 200
    assert Objection.objects.get().status == Objection.Status.OPEN


def test_objection_tracking_is_a_bookmarkable_page(publication, client, secretary):
    objection = publication_services.raise_objection(None, publication=publication, text="请写明窗口位置。")
    code = objection.tracking_code
    response = client.post("/announcements/track/", {"code": f"{code[:4]}-{code[4:]}".lower()})
    assert response.status_code == 302 and response["Location"] == f"/announcements/track/{code}/"
    assert "尚未答复" in client.get(f"/announcements/track/{code.lower()}/").content.decode()
    publication_services.answer_objection(secretary, objection=objection, answer="窗口在大厅3号。")
    assert "窗口在大厅3号。" in client.get(f"/announcements/track/{code}/").content.decode()
    assert client.get("/announcements/track/AAAAAAAAAAAA/").status_code == 404


def test_the_tracking_page_answers_only_get_and_head_both_counted(publication, client, settings):
    # A POST answered like a GET would try codes past the lookup limit: it is refused; HEAD counts like GET.
    settings.RATELIMITS = {**settings.RATELIMITS, "objection_lookup": "3/m"}
    code = publication_services.raise_objection(None, publication=publication, text="请写明窗口位置。").tracking_code
    url = f"/announcements/track/{code}/"
    assert client.post(url).status_code == 405
    statuses = [client.head(url).status_code, client.get(url).status_code, client.head(url).status_code, client.get(url).status_code]
    assert statuses == [200, 200, 200, 429]


def test_staff_find_objections_by_full_code_name_or_phone(publication, client_for, secretary, other_secretary, member):
    wanted = publication_services.raise_objection(None, publication=publication, text="请核实甲。", name="王建国", contact="13800001111")
    publication_services.raise_objection(None, publication=publication, text="请核实乙。", name="李四", contact="13900002222")
    staff = client_for(secretary)
    code = wanted.tracking_code
    for typed in (f"{code[:4]}-{code[4:]}".lower(), "王建国", "138 0000 1111"):
        page = staff.get("/objections/", {"q": typed})
        assert [o.pk for o in page.context["object_list"]] == [wanted.pk], typed
    assert not staff.get("/objections/", {"q": code[:6]}).context["object_list"]
    assert not client_for(other_secretary).get("/objections/").context["object_list"]
    assert client_for(member.user).get("/objections/").status_code == 403
    from django.test import Client

    assert Client().get("/objections/").status_code == 302


@pytest.mark.parametrize("count", [1, 6])
def test_the_objection_list_runs_a_fixed_number_of_queries(publication, client_for, secretary, django_assert_max_num_queries, count):
    for i in range(count):
        publication_services.raise_objection(None, publication=publication, text=f"意见{i}")
    staff = client_for(secretary)
    staff.get("/objections/")
    # Session and user, the user's roles and managed organisations, the count, the page with its publications, the layout.
    with django_assert_max_num_queries(14):
        assert staff.get("/objections/").status_code == 200


def test_the_pages_say_a_publication_is_held_only_once_its_notice_is_over(publication, frozen, client_for, secretary):
    held_words = "公示期已满，因异议未答复暂缓确认"
    objection = publication_services.raise_objection(None, publication=publication, text="请核实。")
    staff = client_for(secretary)
    pages = [f"/publications/{publication.pk}/", "/objections/", f"/objections/{objection.pk}/answer/"]
    assert not any(held_words in staff.get(url).content.decode() for url in pages)
    frozen.move_to(AFTER_NOTICE)
    staff = client_for(secretary)  # a new session: the old one timed out over the days
    for url in pages:
        assert held_words in staff.get(url).content.decode(), url
    publication_services.answer_objection(secretary, objection=objection, answer="经核实,安排合理。", upheld=False)
    # Answered: nothing holds it any more; the next run confirms it.
    assert not any(held_words in staff.get(url).content.decode() for url in pages)
