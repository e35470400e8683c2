"""Feedback followed to a conclusion: the state machine, deadlines in working days, satisfaction and reopening."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.db import IntegrityError

from members.models import AuditEntry
from pioneer.errors import Refusal
from pioneer.workdays import add_working_days
from posts.feedback import services as fs
from posts.models import Feedback

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
# A Thursday morning.
THURSDAY = datetime.datetime(2026, 3, 5, 10, 0, tzinfo=SHANGHAI)


def test_working_days_skip_the_weekend():
    assert add_working_days(THURSDAY, 1) == THURSDAY + datetime.timedelta(days=1)  # Friday
    assert add_working_days(THURSDAY, 2) == THURSDAY + datetime.timedelta(days=4)  # Monday
    assert add_working_days(THURSDAY, 5) == THURSDAY + datetime.timedelta(days=7)  # next Thursday
    saturday = datetime.datetime(2026, 3, 7, 10, 0, tzinfo=SHANGHAI)
    assert add_working_days(saturday, 1) == datetime.datetime(2026, 3, 9, 10, 0, tzinfo=SHANGHAI)


@time_machine.travel(THURSDAY, tick=False)
def test_a_new_complaint_is_due_in_five_working_days(window_a):
    fb = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久")
    assert fb.status == Feedback.Status.RECEIVED
    assert fb.due_at == THURSDAY + datetime.timedelta(days=7)
    assert AuditEntry.objects.filter(action="posts.feedback.received", object_id=str(fb.pk)).exists()


def test_the_deadline_follows_the_setting(window_a, settings):
    settings.PIONEER = {**settings.PIONEER, "FEEDBACK_RESPONSE_WORKING_DAYS": 2}
    fb = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久", now=THURSDAY)
    assert fb.due_at == THURSDAY + datetime.timedelta(days=4)


def test_an_unanswered_complaint_becomes_overdue_after_its_deadline(window_a):
    with time_machine.travel(THURSDAY, tick=False):
        fb = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久")
    with time_machine.travel(THURSDAY + datetime.timedelta(days=6), tick=False):
        assert not Feedback.objects.overdue().exists()
        assert not fb.is_overdue()
    with time_machine.travel(THURSDAY + datetime.timedelta(days=7, minutes=1), tick=False):
        assert list(Feedback.objects.overdue()) == [fb]
        assert fb.is_overdue()


def test_a_concluded_complaint_is_never_overdue(window_a, unit_secretary):
    fb = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久", now=THURSDAY)
    with time_machine.travel(THURSDAY + datetime.timedelta(days=30), tick=False):
        fs.conclude_feedback(unit_secretary, feedback=fb, text="已整改", upheld=True)
        assert not Feedback.objects.overdue().exists()


def test_the_unit_answers_then_concludes_with_a_written_reply_each_time(window_a, unit_secretary):
    fb = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久")
    fs.respond_to_feedback(unit_secretary, feedback=fb, text="正在核实")
    fb.refresh_from_db()
    assert fb.status == Feedback.Status.HANDLING
    fs.respond_to_feedback(unit_secretary, feedback=fb, text="已约谈窗口负责人")  # a progress reply keeps the state
    fs.conclude_feedback(unit_secretary, feedback=fb, text="情况属实，已整改", upheld=True, serious=True)
    fb.refresh_from_db()
    assert (fb.status, fb.upheld, fb.serious) == (Feedback.Status.CONCLUDED, True, True)
    assert fb.concluded_at is not None
    assert [(e.to_status, e.text) for e in fb.events.all()] == [
        ("received", ""), ("handling", "正在核实"), ("handling", "已约谈窗口负责人"), ("concluded", "情况属实，已整改"),
    ]
    actions = list(AuditEntry.objects.filter(object_id=str(fb.pk)).order_by("pk").values_list("action", flat=True))
    assert actions == ["posts.feedback.received", "posts.feedback.answered", "posts.feedback.answered", "posts.feedback.concluded"]


def test_a_complaint_cannot_be_concluded_without_saying_if_it_was_upheld(window_a, unit_secretary):
    fb = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久")
    with pytest.raises(Refusal, match="是否成立"):
        fs.conclude_feedback(unit_secretary, feedback=fb, text="已处理")
    fb.refresh_from_db()
    assert fb.status == Feedback.Status.RECEIVED


def test_praise_is_concluded_without_a_judgement(window_a, unit_secretary):
    fb = fs.submit_feedback(None, window=window_a, kind="praise", text="服务很好")
    fs.conclude_feedback(unit_secretary, feedback=fb, text="感谢鼓励", upheld=True, serious=True)
    fb.refresh_from_db()
    assert (fb.upheld, fb.serious) == (None, False)


def test_the_database_refuses_a_concluded_complaint_without_judgement(window_a):
    fb = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久")
    with pytest.raises(IntegrityError):
        Feedback.objects.filter(pk=fb.pk).update(status="concluded", concluded_at=THURSDAY)


def test_it_refuses_other_unit_secretary_and_branch_secretary(window_a, other_secretary, secretary):
    fb = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久")
    for user in (other_secretary, secretary):
        with pytest.raises(Refusal):
            fs.respond_to_feedback(user, feedback=fb, text="我来答复")
    fb.refresh_from_db()
    assert fb.status == Feedback.Status.RECEIVED


def test_empty_and_oversized_text_is_refused_and_nothing_is_written(window_a):
    with pytest.raises(Refusal):
        fs.submit_feedback(None, window=window_a, kind="complaint", text="   ")
    with pytest.raises(Refusal):
        fs.submit_feedback(None, window=window_a, kind="complaint", text="长" * 2001)
    assert not Feedback.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_closed_window_takes_no_feedback(window_a):
    window_a.is_active = False
    window_a.save()
    with pytest.raises(Refusal):
        fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久")


def test_the_same_form_token_twice_gives_one_feedback(window_a):
    first = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久", token="tok-1")
    second = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久", token="tok-1")
    assert first.pk == second.pk
    assert Feedback.objects.count() == 1


def test_tracking_codes_are_random_and_not_sequential(window_a):
    codes = [fs.submit_feedback(None, window=window_a, kind="praise", text=f"好{i}").tracking_code for i in range(20)]
    assert len(set(codes)) == 20
    # 12 symbols from 32 unambiguous characters: 60 random bits, nothing derived from the row number.
    assert all(len(code) == 12 and set(code) <= set("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for code in codes)
    assert codes != sorted(codes)


@pytest.fixture
def concluded(window_a, unit_secretary):
    fb = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久", now=THURSDAY)
    return fs.conclude_feedback(unit_secretary, feedback=fb, text="经核实不属实", upheld=False, now=THURSDAY + datetime.timedelta(days=1))


def test_a_satisfied_citizen_ends_the_matter(concluded):
    fs.rate_feedback(None, feedback=concluded, satisfied=True, comment="满意")
    concluded.refresh_from_db()
    assert concluded.satisfied is True and not concluded.can_be_reopened
    with pytest.raises(Refusal):
        fs.reopen_feedback(None, feedback=concluded, reason="我又不满意了")
    with pytest.raises(Refusal, match="已经"):
        fs.rate_feedback(None, feedback=concluded, satisfied=False)


def test_a_rating_is_refused_before_the_conclusion(window_a):
    fb = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久")
    with pytest.raises(Refusal):
        fs.rate_feedback(None, feedback=fb, satisfied=False)


def test_a_dissatisfied_citizen_reopens_once_and_the_committee_closes_it(concluded, committee_staff, unit_secretary):
    fs.rate_feedback(None, feedback=concluded, satisfied=False)
    with time_machine.travel(THURSDAY + datetime.timedelta(days=10), tick=False):
        fs.reopen_feedback(None, feedback=concluded, reason="答复没有回应我的问题")
        concluded.refresh_from_db()
        assert concluded.status == Feedback.Status.ESCALATED
        # The committee gets its own five working days from the reopening (a Sunday): Monday to Friday.
        assert concluded.due_at == THURSDAY + datetime.timedelta(days=15)
    assert committee_staff.notifications.count() == 1
    with pytest.raises(Refusal):
        fs.reopen_feedback(None, feedback=concluded, reason="再来一次")
    with pytest.raises(Refusal):
        fs.conclude_feedback(unit_secretary, feedback=concluded, text="单位再答复", upheld=False)
    with pytest.raises(Refusal):
        fs.close_feedback(unit_secretary, feedback=concluded, text="单位不能关闭", upheld=True)
    fs.close_feedback(committee_staff, feedback=concluded, text="复查属实，责成整改", upheld=True, serious=True)
    concluded.refresh_from_db()
    assert (concluded.status, concluded.upheld, concluded.serious) == ("closed", True, True)
    assert concluded.events.last().by == "committee"


def test_reopening_needs_a_reason(concluded):
    fs.rate_feedback(None, feedback=concluded, satisfied=False)
    with pytest.raises(Refusal):
        fs.reopen_feedback(None, feedback=concluded, reason="  ")
    concluded.refresh_from_db()
    assert concluded.status == Feedback.Status.CONCLUDED


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_secretaries_concluding_at_once_conclude_once(window_a, unit_secretary, committee_staff):
    import threading

    from django.db import connection

    fb = fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久")
    results = []
    barrier = threading.Barrier(4)

    def conclude(user):
        barrier.wait()
        try:
            fs.conclude_feedback(user, feedback=fb, text="处理完毕", upheld=True)
            results.append("ok")
        except Refusal:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=conclude, args=(u,)) for u in (unit_secretary, committee_staff) * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused", "refused", "refused"]
    assert fb.events.filter(to_status="concluded").count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_double_click_sending_the_form_twice_at_once_records_it_once(window_a):
    import threading

    from django.db import connection

    codes = []
    barrier = threading.Barrier(6)

    def send():
        barrier.wait()
        try:
            codes.append(fs.submit_feedback(None, window=window_a, kind="complaint", text="排队太久", token="same-form").tracking_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(codes) == 6 and len(set(codes)) == 1
    assert Feedback.objects.count() == 1
