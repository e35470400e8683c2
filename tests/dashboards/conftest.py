"""A small programme whose every figure is counted by hand in the tests (year 2026).

Members in service: A1 member, a1_m2, a1_m3 (+ a1_old, retired); A2 a2_m1, a2_m2; B1 b1_m1, b1_m2.
Posts (active): PA1 (A1, 2 places: member confirmed, a1_m2 approved: full),
PA2 (unit A, 2 places: a2_m1 published: partly), PA3 (A2, 1 place: a1_m3's assignment ended: unfilled),
PB1 (B1, 1 place: b1_m1 confirmed: full); PB2 (B1) is no longer offered.
Windows: WA (unit A, open, posts PA1 and PA2), WA-old (unit A, closed), WB (unit B, open, post PB1).
"""

import datetime

import pytest

from posts.models import Assignment, Feedback, PlaqueRecord
from tests.dashboards.factories import AssignmentFactory, FeedbackFactory, PlaqueFactory, PostFactory, WindowFactory, moment
from tests.factories import MemberFactory

YEAR = 2026
FAR = moment(2099)


@pytest.fixture
def world(member, branch_a1, branch_a2, branch_b1, unit_a, unit_b):
    a1_m2 = MemberFactory(branch=branch_a1)
    a1_m3 = MemberFactory(branch=branch_a1)
    MemberFactory(branch=branch_a1, is_active=False)
    a2_m1 = MemberFactory(branch=branch_a2)
    MemberFactory(branch=branch_a2)
    b1_m1 = MemberFactory(branch=branch_b1)
    MemberFactory(branch=branch_b1)

    pa1 = PostFactory(organisation=branch_a1, capacity=2, title="政策咨询岗")
    pa2 = PostFactory(organisation=unit_a, capacity=2, title="综合受理岗")
    pa3 = PostFactory(organisation=branch_a2, capacity=1, title="帮办代办岗")
    pb1 = PostFactory(organisation=branch_b1, capacity=1, title="户籍办理岗")
    PostFactory(organisation=branch_b1, is_active=False)
    AssignmentFactory(member=member, post=pa1, status=Assignment.Status.CONFIRMED)
    AssignmentFactory(member=a1_m2, post=pa1, status=Assignment.Status.APPROVED)
    AssignmentFactory(member=a2_m1, post=pa2, status=Assignment.Status.PUBLISHED)
    AssignmentFactory(member=a1_m3, post=pa3, status=Assignment.Status.ENDED)
    AssignmentFactory(member=b1_m1, post=pb1, status=Assignment.Status.CONFIRMED)

    wa = WindowFactory(organisation=unit_a, code="WA", name="审批服务综合窗口")
    wa.posts.add(pa1, pa2)
    wa_old = WindowFactory(organisation=unit_a, code="WA-old", name="旧窗口", is_active=False)
    wb = WindowFactory(organisation=unit_b, code="WB", name="户籍窗口")
    wb.posts.add(pb1)

    kind, status = Feedback.Kind, Feedback.Status
    fb = FeedbackFactory
    # Three of this year's answers are rated by the people who wrote.
    def rate(yes):
        return {"satisfied": yes}

    fb(window=wa, kind=kind.PRAISE, status=status.CONCLUDED, created_at=moment(YEAR, 3), concluded_at=moment(YEAR, 3, 20),
       **rate(True))
    fb(window=wa, kind=kind.COMPLAINT, status=status.CONCLUDED, upheld=True, created_at=moment(YEAR, 5), concluded_at=moment(YEAR, 6),
       **rate(False))
    fb(window=wa, kind=kind.SUGGESTION, status=status.RECEIVED, created_at=moment(YEAR, 11, 1), due_at=FAR)
    fb(window=wa, kind=kind.COMPLAINT, status=status.HANDLING, created_at=moment(YEAR, 10, 10), due_at=moment(YEAR, 10, 20))
    fb(window=wa, kind=kind.PRAISE, status=status.CONCLUDED, created_at=moment(YEAR - 1, 12, 28), concluded_at=moment(YEAR, 1, 5))
    # Escalated: concluded by the unit, upheld, now with the committee (still open, and overdue).
    fb(window=wb, kind=kind.COMPLAINT, status=status.ESCALATED, upheld=True, created_at=moment(YEAR, 2, 1),
       due_at=moment(YEAR, 2, 10), concluded_at=moment(YEAR, 2, 9))
    fb(window=wb, kind=kind.PRAISE, status=status.CONCLUDED, created_at=moment(YEAR, 2, 3), concluded_at=moment(YEAR, 2, 4),
       **rate(True))

    level = PlaqueRecord.Level
    PlaqueFactory(window=wa, year=YEAR - 1, level=level.STRIVING)
    PlaqueFactory(window=wa, year=YEAR, level=level.PIONEER, change=PlaqueRecord.Change.UPGRADED)
    PlaqueFactory(window=wb, year=YEAR - 1, level=level.STRIVING)
    PlaqueFactory(window=wb, year=YEAR, level=level.STRIVING, change=PlaqueRecord.Change.KEPT)
    PlaqueFactory(window=wa_old, year=YEAR - 2, level=level.STRIVING)
    PlaqueFactory(window=wa_old, year=YEAR - 1, level=level.NONE)
    return {"wa": wa, "wb": wb, "pa1": pa1}


@pytest.fixture
def more_of_everything(committee):
    """Grow the data: three more units with branches, members, posts, windows, feedback and plaques."""

    def grow(times=3):
        from tests.factories import BranchFactory, UnitFactory

        for _ in range(times):
            unit = UnitFactory(parent=committee)
            window = WindowFactory(organisation=unit)
            for _b in range(2):
                branch = BranchFactory(parent=unit)
                post = PostFactory(organisation=branch, capacity=3)
                window.posts.add(post)
                for _m in range(3):
                    AssignmentFactory(member=MemberFactory(branch=branch), post=post)
                MemberFactory(branch=branch)
            for month in (1, 4, 7):
                FeedbackFactory(window=window, kind=Feedback.Kind.COMPLAINT, created_at=moment(YEAR, month),
                                due_at=moment(YEAR, month) + datetime.timedelta(days=5))
            PlaqueFactory(window=window, year=YEAR)
            PlaqueFactory(window=window, year=YEAR - 1, level=PlaqueRecord.Level.NONE)

    return grow
