"""One object of every kind, in branch A1 / unit A (and a few in B1 / unit B), for the whole-site security tests.

Built from models, factories and URLs only: the service modules are being reorganised, the
models and the addresses are the stable surface. The evaluation year is moved through its
phases by committee staff over HTTP, exactly as the product does it.
"""

import datetime
import re
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from evaluation.models import Activity, EvaluationYear, Evidence, QuarterReport, Result
from members.jobs.models import Job
from members.models import Notification
from posts.models import (
    Assignment,
    Feedback,
    HandbookEdition,
    Nomination,
    Objection,
    PlaqueApplication,
    PlaqueRecord,
    Post,
    Publication,
    Round,
    Window,
)
from tests.factories import MemberFactory

YEAR = 2026
SERVICE = {"service_items": "政策咨询", "service_content": "咨询导办", "commitments": "首问负责"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits_and_media(settings, tmp_path):
    """Rate limits count per address in the cache, uploads land in the default storage: both fresh per test."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    cache.clear()
    yield
    cache.clear()


def _post(org, title, *, kind=Post.Kind.PUBLIC, capacity=3):
    return Post.objects.create(organisation=org, title=title, kind=kind, capacity=capacity, duties="为办事群众提供服务。",
                               required_specialties="政策咨询", **SERVICE)


def _confirmed(member, post):
    return Assignment.objects.create(member=member, post=post, status=Assignment.Status.CONFIRMED, confirmed_at=timezone.now())


def _window(unit, code, name, post):
    window = Window.objects.create(organisation=unit, code=code, name=name, location="行政服务中心一楼")
    window.posts.add(post)
    return window


def _feedback(window, text, **extra):
    now = timezone.now()
    return Feedback.objects.create(window=window, kind=Feedback.Kind.COMPLAINT, text=text, created_at=now,
                                   due_at=now + datetime.timedelta(days=5), **extra)


def _as_staff(client, staff, *posts):
    """Committee staff make the moves over HTTP (each answers with a redirect when it succeeded)."""
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 302, (url, response.status_code)
    client.logout()


@pytest.fixture
def world(cast, client, member, secretary, unit_secretary, committee_staff, unit_a, unit_b, branch_a1, branch_a2, branch_b1,
          django_capture_on_commit_callbacks):
    """Everything a URL of the product can point at; `w.<name>` is the object, A-side unless it says b."""
    today = timezone.localdate()
    w = SimpleNamespace(today=today, year=YEAR)

    # Steps 1–3 in branch A1: a round open today, the member's pending nomination, a colleague set, published, objected to.
    w.post = _post(branch_a1, "政策咨询导办岗")
    w.internal_post = _post(branch_a1, "党建宣传岗", kind=Post.Kind.INTERNAL, capacity=2)
    w.round = Round.objects.create(organisation=branch_a1, year=today.year, idea="人人有岗位,岗岗有党员。",
                                   opens_on=today - datetime.timedelta(days=3), closes_on=today + datetime.timedelta(days=10))
    w.pending = Nomination.objects.create(round=w.round, member=member, post=w.internal_post, statement="擅长写作。")
    w.peer = MemberFactory(branch=branch_a1, name="李娜")
    # A colleague without a post whose nomination the secretary decides (the member already holds a post).
    w.pending_peer = Nomination.objects.create(round=w.round, member=MemberFactory(branch=branch_a1, name="陈静"), post=w.internal_post,
                                               statement="文字功底好。")
    # Set by the secretary and not yet published: what "publish" publishes.
    set_member = MemberFactory(branch=branch_a1, name="赵强")
    set_assignment = Assignment.objects.create(member=set_member, post=w.post, round=w.round, decided_by=secretary,
                                               decided_at=timezone.now())
    Nomination.objects.create(round=w.round, member=set_member, post=w.post, statement="愿意服务。", status=Nomination.Status.APPROVED,
                              assignment=set_assignment, decided_by=secretary, decided_at=timezone.now())
    w.assignment = Assignment.objects.create(member=w.peer, post=w.post, round=w.round, status=Assignment.Status.PUBLISHED,
                                             decided_by=secretary, decided_at=timezone.now())
    Nomination.objects.create(round=w.round, member=w.peer, post=w.post, statement="熟悉政策。", status=Nomination.Status.APPROVED,
                              assignment=w.assignment, decided_by=secretary, decided_at=timezone.now())
    w.publication = Publication.objects.create(round=w.round, title="审批办第一党支部先锋岗公示", published_by=secretary,
                                               published_at=timezone.now(), ends_on=today + datetime.timedelta(days=5))
    w.publication.assignments.add(w.assignment)
    w.objection = Objection.objects.create(publication=w.publication, text="请公示服务时间。")

    # The year's changes: a newcomer of A1 with neither a post nor a declaration (placed directly), the branch a
    # member moves to (A2), and B1, whose regular round is over with a member still without a post (a supplementary round).
    w.newcomer = MemberFactory(branch=branch_a1, name="周敏")
    w.branch_a2, w.branch_b1 = branch_a2, branch_b1
    Round.objects.create(organisation=branch_b1, year=today.year, idea="人人有岗位。", status=Round.Status.CLOSED,
                         opens_on=today - datetime.timedelta(days=30), closes_on=today - datetime.timedelta(days=20))

    # Step 4: window WA of unit A staffed by the member and a colleague; window WB of unit B.
    counter = _post(branch_a1, "综合受理岗")
    _confirmed(member, counter)
    w.colleague = MemberFactory(branch=branch_a1, name="王芳")
    _confirmed(w.colleague, counter)
    w.window = _window(unit_a, "WA", "综合受理窗口", counter)
    b_post = _post(branch_b1, "户籍办理岗")
    _confirmed(MemberFactory(branch=branch_b1, name="乙同志"), b_post)
    w.window_b = _window(unit_b, "WB", "户籍办理窗口", b_post)
    w.feedback = _feedback(w.window, "排队太久")
    w.escalated = _feedback(w.window, "态度生硬", status=Feedback.Status.ESCALATED, upheld=False, concluded_at=timezone.now(),
                            satisfied=False, rated_at=timezone.now(), reopened_at=timezone.now())
    w.feedback_b = _feedback(w.window_b, "另一单位")
    MemberFactory(branch=branch_b1, name="丙同志")  # B1's member still without a post after the round
    w.application = PlaqueApplication.objects.create(window=w.window, year=today.year, statement="条件具备", applied_by=unit_secretary,
                                                     applied_at=timezone.now())
    w.record = PlaqueRecord.objects.create(window=w.window, year=today.year - 1, level=PlaqueRecord.Level.STRIVING,
                                           source=PlaqueRecord.Source.APPLICATION, decided_by=committee_staff, decided_at=timezone.now())

    # Step 5: the year in assessment (one result per member on a post and per window), with one quarter's evidence.
    # Publishing the handbook is a job: it runs once the request's transaction commits, as with no broker.
    with django_capture_on_commit_callbacks(execute=True):
        _as_staff(client, committee_staff, (reverse("posts:handbook_draft"), {"title": "公共服务手册", "note": "", "after": 0}))
    # Its "done" notice is not part of this world: only the member has an unread notification.
    Notification.objects.filter(recipient=committee_staff).delete()
    _as_staff(
        client, committee_staff,
        (reverse("evaluation:year_create"), {"year": YEAR}),
        (reverse("evaluation:phase", args=[YEAR, "quarterly"]), {}),
        (reverse("evaluation:phase", args=[YEAR, "assessment"]), {}),
    )
    w.edition = HandbookEdition.objects.get()
    w.evaluation = EvaluationYear.objects.get(year=YEAR)
    w.member_result = Result.objects.get(year=w.evaluation, kind=Result.Kind.MEMBER, member=member)
    w.window_result = Result.objects.get(year=w.evaluation, kind=Result.Kind.WINDOW, window=w.window)
    w.criterion = w.evaluation.criteria.order_by("number").first()
    w.report = QuarterReport.objects.create(year=w.evaluation, window=w.window, quarter=1)
    activity = Activity.objects.create(report=w.report, date=datetime.date(YEAR, 2, 3), kind="study", description="学习")
    w.evidence = Evidence.objects.create(activity=activity, file=ContentFile(b"%PDF-1.4 minutes", name="纪要.pdf"), size=16)

    # The member's own notification (anyone else's is 404 to them).
    w.notification = Notification.objects.create(recipient=member.user, text="您的认岗申请已收到。", url=reverse("posts:my_post"))
    w.member = member
    # Too many failed logins locked the member's account: the unit's secretaries and the committee unlock it.
    AccessAttempt.objects.create(username=member.user.get_username(), ip_address="10.0.0.1", user_agent="test",
                                 failures_since_start=django_settings.AXES_FAILURE_LIMIT, attempt_time=timezone.now(),
                                 get_data="", post_data="")
    w.marker_photo = default_storage.save("markers/matrix.png", ContentFile(b"\x89PNG\r\n\x1a\n"))
    w.waiting_upload = default_storage.save("excel-imports/matrix.xlsx", ContentFile(b"PK"))
    # A finished job the A1 secretary started, with its file: theirs and their committee's to see, nobody else's.
    w.job = Job.objects.create(kind="members.export", created_by=secretary, scope=branch_a1, state=Job.State.DONE,
                               finished_at=timezone.now(), result_file=ContentFile(b"PK", name="roster.xlsx"), result_name="名单.xlsx")
    w.feedback_form = {"kind": "praise", "text": "服务很好", "token": _form_token(client, reverse("posts:feedback_new", args=[w.window.code]))}
    # The objection forms carry one too: the public's on the announcement, the member's on the publication page.
    w.public_objection_form = {"token": _form_token(client, reverse("posts:announcement_detail", args=[w.publication.code]))}
    client.force_login(member.user, backend="django.contrib.auth.backends.ModelBackend")
    w.member_objection_form = {"token": _form_token(client, reverse("posts:publication_detail", args=[w.publication.pk]))}
    client.logout()
    return w


def _form_token(client, url):
    """A public form's signed one-time token: taken from the page, as a browser does."""
    html = client.get(url).content.decode()
    return re.search(r'name="token" value="([^"]+)"', html).group(1)
