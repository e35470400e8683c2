"""A branch secretary's day: reviews the round's nominations beside each member's profile, approves one, places
another, publishes, answers an objection to the earlier publication and looks at the quarter's activity."""

import pytest

from members.models import Member
from posts.models import Assignment, Nomination

pytestmark = [pytest.mark.browser]


def nominate_in_the_members_browser(member, post_title):
    member.login("member")
    member.go("/my-post/")
    member.click("main a[href^='/rounds/']")
    member.page.locator("main label", has_text=post_title).click()
    member.page.fill("textarea[name=statement]", "我熟悉信息化和文字写作,愿意承担攻坚任务。")
    member.click("main form[action$='/nominate/'] [type=submit]")


def secretary_day(tour, second_tour, words):
    page = tour.page
    tour.role = "secretary"
    nominate_in_the_members_browser(second_tour, "业务攻坚岗")
    member = Member.objects.get(user__username="member")

    tour.login("secretary")
    tour.check()
    tour.go("/dashboard/")
    tour.check("dashboard")
    tour.go("/rounds/")
    tour.check()
    tour.click(page.locator("main a", has_text="第一党支部"))
    tour.check()
    tour.click("main a[href$='/review/']")
    tour.check("review")

    # Each nomination sits beside the member's profile: education, specialties, qualifications.
    pending = page.locator("[data-testid^=nomination-]:has([data-testid=approve])")
    assert pending.count() == 2
    card = pending.filter(has_text=member.name)
    assert member.specialties.split("、")[0] in card.inner_text()
    other = pending.filter(has_not_text=member.name)
    other_name = other.locator(".card-header strong").inner_text()
    # 批准 leads to a page that says what approving does; only its button acts.
    tour.click(other.locator("[data-testid=approve]"))
    tour.check()
    tour.click(page.locator("main form:has([name=reason]) [type=submit]"))
    tour.check()
    assert Nomination.objects.get(member__name=other_name, round__pk__isnull=False, status="approved")

    # The member asked for 业务攻坚岗; the branch needs them more on the project desk.
    tour.click(page.locator("[data-testid^=nomination-]", has_text=member.name).locator("a[href$='/place/']"))
    tour.check()
    page.select_option("select[name=post]", label="工程建设项目审批代办岗")
    page.fill("textarea[name=reason]", "其规划审批专长更适合代办岗,窗口急需人手。")
    tour.click("main form [type=submit]")
    tour.check()
    assert Assignment.objects.filter(member=member, post__title="工程建设项目审批代办岗").exists()

    tour.click("main a[href$='/publish/']")
    tour.check()
    tour.click("main form[method=post] button")
    tour.check("publication")
    assert words["in notice"] in tour.main_text()

    # An objection to the earlier publication waits for an answer.
    tour.go("/announcements/")
    tour.check()
    tour.go("/rounds/")
    tour.click(page.locator("main a", has_text="第一党支部"))
    # The first batch, in its notice period: its title is the app's, in the reader's language.
    tour.click(page.locator("main a[href^='/publications/']", has_text=words["first batch"]))
    tour.check()
    tour.click("main a[href$='/answer/']")
    tour.check("objection")
    page.fill("textarea[name=answer]", "已在公示中补充窗口位置(一楼3号)和服务时间。")
    # The secretary decides each time whether an objection holds: this one does not, confirmation goes ahead.
    page.check("input[name=upheld][value=no]")
    tour.click("main form [type=submit]")
    tour.check()
    assert "一楼3号" in tour.main_text()

    tour.go("/members/")
    tour.check()
    tour.click(page.locator("main a", has_text=member.name))
    tour.check()

    # Quarterly activity is recorded per window, and windows belong to the unit: a branch secretary sees the overview.
    tour.go("/evaluation/2026/quarters/")
    tour.check()


ZH = {"in notice": "公示中", "first batch": "第1批"}


def test_a_branch_secretarys_day(tour, second_tour):
    secretary_day(tour, second_tour, ZH)
