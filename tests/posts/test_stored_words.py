"""What posts writes for people is stored as a message, not as a sentence in the language of whoever caused it.

Each test writes a row with the actor's interface in one language (both are tried) and reads the same row
in English and in Chinese: notifications, publication titles, the audit's actors and reasons, plaque reasons.
Names, titles and what people typed stay as they were written.
"""

import datetime

import pytest
from django.utils import timezone, translation

from members.models import AuditEntry, Notification, Role
from posts.changes import movements
from posts.changes.services import hand_over, place_directly
from posts.feedback import reminders
from posts.feedback import services as feedback_services
from posts.models import Movement, PlaqueRecord, Publication
from posts.nominations import services as nomination_services
from posts.plaques import services as plaque_services
from posts.publication import services as publication_services
from posts.review import services as review_services
from posts.windows import services as window_services
from tests.factories import BranchFactory, MemberFactory, RoleFactory, UserFactory
from tests.posts.factories import make_post, submit

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["en", "zh-hans"])
def actor_language(request):
    """The language the actor's interface was in when the row was written."""
    return request.param


def by(language, service, *args, **kwargs):
    with translation.override(language):
        return service(*args, **kwargs)


def reads(row, field="text") -> dict:
    """The row as an English and a Chinese reader see it, fresh from the database."""
    row = type(row).objects.get(pk=row.pk)
    seen = {}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            seen[language] = getattr(row, field)
    return seen


def notes(user) -> list[dict]:
    """Every notification of a user, each as both readers see it."""
    return [reads(note) for note in Notification.objects.filter(recipient=user).order_by("pk")]


# English dates name the month as Django's default DATE_FORMAT does ("N j, Y": AP style).
AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def dates(day: datetime.date) -> dict:
    return {"en": f"{AP_MONTHS[day.month - 1]} {day.day}, {day.year}", "zh-hans": f"{day.year}年{day.month}月{day.day}日"}


def test_a_decision_on_a_nomination_reads_in_the_members_language(actor_language, secretary, member, open_round, window_post):
    by(actor_language, review_services.approve_nomination, secretary, nomination=submit(member, open_round, window_post))
    assert {
        "en": "Your nomination for 政策咨询导办岗 was approved.",
        "zh-hans": "您认领的岗位“政策咨询导办岗”已获组织批准。",
    } in notes(member.user)


def test_a_rejection_keeps_the_secretarys_reason_as_typed(actor_language, secretary, member, open_round, window_post):
    nomination = submit(member, open_round, window_post)
    by(actor_language, review_services.reject_nomination, secretary, nomination=nomination, reason="名额已满。")
    assert {
        "en": "Your nomination for 政策咨询导办岗 was not approved: 名额已满。",
        "zh-hans": "您认领的岗位“政策咨询导办岗”未获通过：名额已满。",
    } in notes(member.user)


def test_a_placement_on_another_post(actor_language, secretary, member, open_round, window_post, internal_post):
    nomination = submit(member, open_round, window_post)
    by(
        actor_language,
        review_services.place_nomination,
        secretary,
        nomination=nomination,
        post=internal_post,
        reason="擅长写作。",
    )
    assert {
        "en": "The organisation placed you on the post 党建宣传岗: 擅长写作。",
        "zh-hans": "组织将您安排在岗位“党建宣传岗”：擅长写作。",
    } in notes(member.user)


def test_a_publication_title_and_its_notice_read_in_the_readers_language(
    actor_language, secretary, member, open_round, window_post
):
    review_services.approve_nomination(secretary, nomination=submit(member, open_round, window_post))
    publication = by(actor_language, publication_services.publish_round, secretary, round=open_round)
    year = open_round.year
    assert reads(publication, "title") == {
        "en": f"审批办第一党支部 {year} pioneer posts: publication 1",
        "zh-hans": f"审批办第一党支部 {year}年度先锋岗公示（第1批）",
    }
    until = dates(publication.ends_on)
    assert {
        "en": f"Your post 政策咨询导办岗 is published for objections until {until['en']}.",
        "zh-hans": f"您的岗位“政策咨询导办岗”正在公示，公示期至 {until['zh-hans']}。",
    } in notes(member.user)
    # Search and exports keep a snapshot in the site's language, whoever published.
    assert Publication.objects.filter(pk=publication.pk, title__contains="年度先锋岗公示").exists()


def test_an_objection_from_the_public_names_the_publication_in_each_readers_language(actor_language, secretary, published):
    year = published.round.year
    objection = by(actor_language, publication_services.raise_objection, None, publication=published, text="请说明理由。")
    assert {
        "en": f"New objection to 审批办第一党支部 {year} pioneer posts: publication 1.",
        "zh-hans": f"“审批办第一党支部 {year}年度先锋岗公示（第1批）”收到新的异议。",
    } in notes(secretary)
    entry = AuditEntry.objects.get(action="posts.objection.raised", object_id=str(objection.pk))
    assert reads(entry, "actor_name") == {"en": "the public", "zh-hans": "群众"}
    assert reads(entry, "reason") == {"en": "请说明理由。", "zh-hans": "请说明理由。"}  # the citizen's words, as written


def test_an_upheld_objection_tells_the_objector_and_the_holder(actor_language, secretary, member, published):
    assignment = member.assignments.get()
    objection = publication_services.raise_objection(member.user, publication=published, text="不合适。", assignment=assignment)
    by(actor_language, publication_services.answer_objection, secretary, objection=objection, answer="属实。", upheld=True)
    year = published.round.year
    seen = notes(member.user)
    assert {
        "en": f"Your objection to 审批办第一党支部 {year} pioneer posts: publication 1 was answered.",
        "zh-hans": f"您对“审批办第一党支部 {year}年度先锋岗公示（第1批）”提出的异议已答复。",
    } in seen
    assert {
        "en": "An objection to your post 党建宣传岗 was upheld: the organisation will review your post again.",
        "zh-hans": "针对您的岗位党建宣传岗的异议成立，组织将重新审核您的定岗。",
    } in seen


def test_the_daily_confirmation_names_the_system_in_each_readers_language(actor_language, member, published):
    day_after = published.ends_on + datetime.timedelta(days=1)
    now = timezone.make_aware(datetime.datetime.combine(day_after, datetime.time(2)))
    assert by(actor_language, publication_services.confirm_publication, None, publication=published, now=now)
    entry = AuditEntry.objects.get(action="posts.publication.confirmed")
    assert reads(entry, "actor_name") == {"en": "the system (notice period over)", "zh-hans": "系统（公示期满）"}
    assert {"en": "Your post 党建宣传岗 is confirmed.", "zh-hans": "您的岗位“党建宣传岗”公示期满，已确认。"} in notes(member.user)


def test_a_direct_placement_and_its_publication(actor_language, secretary, member, open_round, window_post):
    publication = by(actor_language, place_directly, secretary, member=member, post=window_post, reason="熟悉窗口业务。")
    assert {
        "en": "The organisation placed you directly on the post 政策咨询导办岗: 熟悉窗口业务。",
        "zh-hans": "组织已直接安排您到岗位“政策咨询导办岗”：熟悉窗口业务。",
    } in notes(member.user)
    year = open_round.year
    assert reads(publication, "title") == {
        "en": f"审批办第一党支部 {year} pioneer posts: direct placement of 张伟",
        "zh-hans": f"审批办第一党支部 {year} 年先锋岗：张伟 直接定岗",
    }


def test_a_handover_tells_both_members_and_is_published(actor_language, secretary, member, branch_a1, open_round, window_post):
    place_directly(secretary, member=member, post=window_post, reason="熟悉窗口业务。")
    successor = MemberFactory(branch=branch_a1, name="李娜", user=UserFactory(username="successor"))
    publication = by(
        actor_language, hand_over, secretary, assignment=member.assignments.live().get(), successor=successor, reason="工作调整。"
    )
    assert {
        "en": "You handed the post 政策咨询导办岗 over to 李娜.",
        "zh-hans": "您已将岗位“政策咨询导办岗”交接给 李娜。",
    } in notes(member.user)
    assert {
        "en": "张伟 handed the post 政策咨询导办岗 over to you.",
        "zh-hans": "张伟 已将岗位“政策咨询导办岗”交接给您。",
    } in notes(successor.user)
    year = open_round.year
    assert reads(publication, "title") == {
        "en": f"审批办第一党支部 {year} pioneer posts: handover of 政策咨询导办岗 from 张伟 to 李娜",
        "zh-hans": f"审批办第一党支部 {year} 年先锋岗：政策咨询导办岗 由 张伟 交接给 李娜",
    }


def test_a_revision_is_published_under_a_title_in_each_readers_language(
    actor_language, secretary, member, published, window_post
):
    assignment = member.assignments.live().get()
    publication = by(
        actor_language, review_services.revise_assignment, secretary, assignment=assignment, post=window_post, reason="调整。"
    )
    assert reads(publication, "title") == {
        "en": f"审批办第一党支部 {published.round.year} pioneer posts: revision for 张伟",
        "zh-hans": f"审批办第一党支部 {published.round.year}年度先锋岗调整公示（张伟）",
    }


def test_a_departure_names_why_in_the_readers_language(
    actor_language, secretary, unit_secretary, member, open_round, window_post
):
    place_directly(secretary, member=member, post=window_post, reason="熟悉窗口业务。")
    by(
        actor_language,
        movements.record_departure,
        unit_secretary,
        member=member,
        kind=Movement.Kind.RETIREMENT,
        on=timezone.localdate(),
    )
    assert {
        "en": "张伟 left the post 政策咨询导办岗 (Retired): it has a place free.",
        "zh-hans": "张伟 因退休离开岗位“政策咨询导办岗”，该岗位有空缺名额。",
    } in notes(secretary)


def test_a_transfer_tells_the_member_and_both_branches(
    actor_language, unit_secretary, member, branch_a2, open_round, window_post, secretary
):
    place_directly(secretary, member=member, post=window_post, reason="熟悉窗口业务。")
    receiving = RoleFactory(
        user=UserFactory(username="a2_secretary"), kind=Role.Kind.BRANCH_SECRETARY, organisation=branch_a2
    ).user
    by(actor_language, movements.transfer_member, unit_secretary, member=member, to_branch=branch_a2, on=timezone.localdate())
    assert {
        "en": "You were transferred from 审批办第一党支部 to 审批办第二党支部.",
        "zh-hans": "您的组织关系已由审批办第一党支部转至审批办第二党支部。",
    } in notes(member.user)
    assert {"en": "张伟 joined 审批办第二党支部 by transfer.", "zh-hans": "张伟 已转入审批办第二党支部。"} in notes(receiving)
    assert {
        "en": "张伟 left the post 政策咨询导办岗 (transfer): it has a place free.",
        "zh-hans": "张伟 因转支部离开岗位“政策咨询导办岗”，该岗位有空缺名额。",
    } in notes(secretary)


def test_a_new_member_is_announced_to_the_branch(actor_language, unit_secretary, secretary, branch_a1):
    by(
        actor_language,
        movements.admit_member,
        unit_secretary,
        branch=branch_a1,
        kind=Movement.Kind.NEW_MEMBER,
        on=timezone.localdate(),
        name="王芳",
        member_no="A1-099",
        gender="F",
        birth_date=datetime.date(1990, 5, 1),
    )
    assert {
        "en": "王芳 joined 审批办第一党支部 and has no post yet.",
        "zh-hans": "王芳 已加入审批办第一党支部，尚未认岗。",
    } in notes(secretary)


def test_a_supplementary_round_is_announced_with_its_closing_day(actor_language, secretary, member, open_round, branch_a1):
    nomination_services.close_round(secretary, round=open_round)
    today = timezone.localdate()
    closes_on = today + datetime.timedelta(days=7)
    by(
        actor_language,
        nomination_services.open_supplementary_round,
        secretary,
        organisation=branch_a1,
        year=open_round.year,
        idea="补岗。",
        opens_on=today,
        closes_on=closes_on,
    )
    day = dates(closes_on)
    assert {
        "en": f"A supplementary round is open until {day['en']}: declare a post.",
        "zh-hans": f"补充认岗活动开放至 {day['zh-hans']}，请申报岗位。",
    } in notes(member.user)


def test_feedback_from_a_citizen_reaches_the_unit_in_its_own_language(actor_language, window_a, unit_secretary):
    # A citizen writing in English no longer puts "New Suggestion about…" into the Chinese inbox.
    feedback = by(
        actor_language, feedback_services.submit_feedback, None, window=window_a, kind="suggestion", text="More seats, please."
    )
    due = dates(timezone.localdate(feedback.due_at))
    assert {
        "en": f"New Suggestion about 综合受理窗口: answer by {due['en']}.",
        "zh-hans": f"综合受理窗口收到新的建议，请于 {due['zh-hans']} 前答复。",
    } in notes(unit_secretary)
    entry = AuditEntry.objects.get(action="posts.feedback.received")
    assert reads(entry, "actor_name") == {"en": "the public", "zh-hans": "群众"}


def test_a_reminder_names_the_deadline_in_the_readers_language(actor_language, window_a, unit_secretary):
    feedback = feedback_services.submit_feedback(None, window=window_a, kind="complaint", text="排队太久。")
    with translation.override(actor_language):
        assert reminders.remind_feedback_deadlines(now=feedback.due_at - datetime.timedelta(hours=2)) == 1
    due = timezone.localtime(feedback.due_at)
    assert {
        "en": f"Feedback {feedback.reference} about 综合受理窗口 needs an answer by {dates(due.date())['en']}, {due:%H:%M}.",
        "zh-hans": f"关于综合受理窗口的群众意见 {feedback.reference} 须在 {dates(due.date())['zh-hans']} {due:%H:%M} 前答复。",
    } in notes(unit_secretary)


def test_a_conclusion_records_the_judgement_in_words(actor_language, window_a, unit_secretary):
    feedback = feedback_services.submit_feedback(None, window=window_a, kind="complaint", text="排队太久。")
    by(
        actor_language,
        feedback_services.conclude_feedback,
        unit_secretary,
        feedback=feedback,
        text="已增开窗口。",
        upheld=True,
        serious=False,
    )
    entry = AuditEntry.objects.get(action="posts.feedback.concluded")
    assert reads(entry, "reason") == {
        "en": "已增开窗口。 Upheld: yes; serious: no.",
        "zh-hans": "已增开窗口。是否属实：是；是否严重：否。",
    }


def test_a_conclusion_of_praise_has_no_judgement(window_a, unit_secretary):
    feedback = feedback_services.submit_feedback(None, window=window_a, kind="praise", text="服务很好。")
    feedback_services.conclude_feedback(unit_secretary, feedback=feedback, text="感谢您的肯定。")
    entry = AuditEntry.objects.get(action="posts.feedback.concluded")
    assert reads(entry, "reason") == {"en": "感谢您的肯定。", "zh-hans": "感谢您的肯定。"}


def test_a_reopened_matter_reaches_the_committee_in_its_language(actor_language, window_a, unit_secretary, committee_staff):
    feedback = feedback_services.submit_feedback(None, window=window_a, kind="complaint", text="排队太久。")
    feedback_services.conclude_feedback(unit_secretary, feedback=feedback, text="已核实。", upheld=False)
    feedback_services.rate_feedback(None, feedback=feedback, satisfied=False)
    by(actor_language, feedback_services.reopen_feedback, None, feedback=feedback, reason="没有解决。")
    assert {
        "en": f"A citizen asks the committee to review {feedback.reference}.",
        "zh-hans": f"群众申请党工委复查 {feedback.reference}。",
    } in notes(committee_staff)


def test_a_plaque_approved_without_a_note_gives_its_reason_in_each_language(
    actor_language, window_a, unit_secretary, committee_staff
):
    year = timezone.localdate().year
    application = plaque_services.apply_for_plaque(unit_secretary, window=window_a, year=year, statement="服务承诺已公开。")
    by(actor_language, plaque_services.approve_plaque_application, committee_staff, application=application)
    record = PlaqueRecord.objects.get(window=window_a, year=year)
    assert reads(record, "reason") == {"en": "Application approved after preliminary review.", "zh-hans": "经初审同意挂牌。"}
    assert {
        "en": "The application for 综合受理窗口 was approved.",
        "zh-hans": "综合受理窗口的挂牌申报已通过。",
    } in notes(unit_secretary)


def test_a_rejected_plaque_application_is_told_in_the_units_language(actor_language, window_a, unit_secretary, committee_staff):
    application = plaque_services.apply_for_plaque(
        unit_secretary, window=window_a, year=timezone.localdate().year, statement="已公开。"
    )
    by(actor_language, plaque_services.reject_plaque_application, committee_staff, application=application, reason="标记未设置。")
    assert {
        "en": "The application for 综合受理窗口 was rejected.",
        "zh-hans": "综合受理窗口的挂牌申报未通过。",
    } in notes(unit_secretary)


def test_a_windows_posts_are_listed_the_way_each_language_lists(actor_language, window_a, unit_secretary, unit_a):
    branch = BranchFactory(code="UA-9", name="审批办第九党支部", parent=unit_a)
    posts = [make_post(branch, "导办岗"), make_post(branch, "帮办岗")]
    by(actor_language, window_services.save_window, unit_secretary, window=window_a, posts=posts)
    entry = AuditEntry.objects.filter(action="posts.window.updated").latest("pk")
    assert reads(entry, "reason") == {"en": "Posts: 导办岗, 帮办岗", "zh-hans": "岗位：导办岗、帮办岗"}
