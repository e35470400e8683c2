"""Each figure equals the hand-counted data of the `world` fixture, at each scope."""

import pytest
from django.urls import NoReverseMatch, reverse

from members import dashboards
from members.dashboards import Scope
from posts import figures as post_figures
from tests.dashboards.conftest import YEAR


def stats(fig):
    return {s.label: s.value for s in fig.stats}


@pytest.fixture
def programme(world):
    return Scope.programme(YEAR)


def test_headline_counts_the_documents_four_figures(world, programme):
    assert post_figures.headline_numbers(programme) == {
        "units": 2, "branches": 3, "windows": 2, "members": 7, "on_post": 4, "without_post": 3,
    }


def test_headline_is_scoped_to_a_unit_and_to_a_branch(world, unit_a, branch_a1, branch_a2):
    unit = post_figures.headline_numbers(Scope(unit_a, YEAR))
    assert (unit["branches"], unit["windows"], unit["members"], unit["on_post"]) == (2, 1, 5, 3)
    a1 = post_figures.headline_numbers(Scope(branch_a1, YEAR))
    # A branch counts the windows where its own posts serve.
    assert (a1["windows"], a1["members"], a1["on_post"], a1["without_post"]) == (1, 3, 2, 1)
    a2 = post_figures.headline_numbers(Scope(branch_a2, YEAR))
    assert (a2["windows"], a2["members"], a2["on_post"]) == (0, 2, 1)


def test_an_ended_assignment_leaves_the_member_without_a_post(world, branch_a1):
    fig = post_figures.headline(Scope(branch_a1, YEAR))
    assert stats(fig)["名党员尚未认岗"] == 1
    assert [(a.count, a.url) for a in fig.actions] == [(1, f"/without-post/?branch={branch_a1.pk}")]


def test_members_without_a_post_match_the_list_they_link_to(world, programme, branch_a1, secretary, committee_staff, client_for):
    # Inactive members and those on a post are left out of the list, as they are of the count.
    for user, scope in ((committee_staff, programme), (secretary, Scope(branch_a1, YEAR))):
        stat = next(s for s in post_figures.headline(scope).stats if s.label == "名党员尚未认岗")
        listed = client_for(user).get(stat.url).context["paginator"].count
        assert listed == stat.value == post_figures.headline_numbers(scope)["without_post"]
    on_post = client_for(committee_staff).get("/members/", {"post": "with"}).context["paginator"].count
    assert on_post == post_figures.headline_numbers(programme)["on_post"]


def test_the_committee_is_not_given_a_secretarys_actions(world, programme):
    assert dashboards.build(programme).actions == []


def test_posts_unfilled_partly_filled_and_full(world, programme, unit_a, branch_a1):
    table = post_figures.posts(programme).table
    assert [r[0] for r in table.rows[:3]] == ["空缺", "部分在岗", "已满"]
    # unfilled, partly, full; then assignments set, in public notice, confirmed (the ended one is not counted)
    assert [r[1] for r in table.rows] == [1, 1, 2, 1, 1, 2]
    assert [r[1] for r in post_figures.posts(Scope(unit_a, YEAR)).table.rows] == [1, 1, 1, 1, 1, 1]
    assert [r[1] for r in post_figures.posts(Scope(branch_a1, YEAR)).table.rows] == [0, 0, 1, 1, 0, 1]


def test_feedback_received_open_overdue_concluded(world, programme, unit_a, branch_a2):
    assert [s.value for s in post_figures.feedback(programme).stats] == [6, 3, 2, 4, 2] + ["67%"]
    assert [s.value for s in post_figures.feedback(Scope(unit_a, YEAR)).stats] == [4, 2, 1, 3, 1] + ["50%"]
    assert [s.value for s in post_figures.feedback(Scope(branch_a2, YEAR)).stats] == [0, 0, 0, 0, 0] + ["—"]


def test_feedback_of_the_year_by_state(world, programme):
    fig = post_figures.feedback(programme)
    # received, being handled, concluded, with the committee, closed
    assert [row[1] for row in fig.table.rows] == [1, 1, 3, 1, 0]
    assert "<title>已办结: 3</title>" in fig.chart


def test_the_complaints_note_counts_all_complaints_of_the_year(world, programme):
    upheld = post_figures.feedback(programme).stats[4]
    assert upheld.value == 2 and "3" in upheld.note


def test_overdue_feedback_is_a_secretarys_action(world, unit_a):
    actions = {a.label: a.count for a in dashboards.build(Scope(unit_a, YEAR)).actions}
    assert actions["超过答复期限的群众评议"] == 1


def test_feedback_by_month_by_kind(world, programme):
    rows = {row[0]: row[1:] for row in post_figures.feedback_by_month(programme).table.rows}
    # praise, suggestion, complaint, total
    assert rows["二月"] == [1, 0, 1, 2]
    assert rows["三月"] == [1, 0, 0, 1]
    assert rows["五月"] == [0, 0, 1, 1]
    assert rows["十月"] == [0, 0, 1, 1]
    assert rows["十一月"] == [0, 1, 0, 1]
    assert rows["十二月"] == [0, 0, 0, 0]  # last year's December praise is not this year's
    assert sum(r[-1] for r in rows.values()) == 6


def test_satisfaction_by_window(world, programme):
    table = post_figures.feedback_by_window(programme).table
    # praise, suggestions, complaints, upheld, answers rated, satisfied
    assert table.rows == [["审批服务综合窗口", 1, 1, 2, 1, 2, "50%"], ["户籍窗口", 1, 0, 1, 1, 1, "100%"]]


def test_plaques_by_year_and_the_change_since_last_year(world, programme):
    fig = post_figures.plaques(programme)
    assert [(s.value, s.note) for s in fig.stats] == [(1, "较2025年 +1"), (1, "较2025年 -1")]
    assert fig.table.rows[-3:] == [["2024", 0, 1, 0], ["2025", 0, 2, 1], ["2026", 1, 1, 0]]
    assert [r[0] for r in fig.table.rows] == ["2022", "2023", "2024", "2025", "2026"]


def test_the_years_plaque_decisions_by_change(world, programme):
    from posts.models import PlaqueRecord

    note = post_figures.plaques(programme).note
    change = PlaqueRecord.Change
    for label, n in [(change.AWARDED.label, 0), (change.KEPT.label, 1), (change.UPGRADED.label, 1), (change.WITHDRAWN.label, 0)]:
        assert f"{label} {n}" in note


def test_units_at_a_glance(world, programme, unit_a, unit_b):
    fig = post_figures.by_organisation(programme)
    assert fig.table.rows == [[unit_a.name, 5, 3, "60%", 3, 2], [unit_b.name, 2, 1, "50%", 1, 1]]
    assert fig.table.links == [f"/dashboard/org/{unit_a.pk}/", f"/dashboard/org/{unit_b.pk}/"]


def test_branches_at_a_glance_for_a_unit(world, unit_a, branch_a1, branch_a2):
    fig = post_figures.by_organisation(Scope(unit_a, YEAR))
    assert fig.table.rows == [[branch_a1.name, 3, 2, "67%", 1], [branch_a2.name, 2, 1, "50%", 1]]


def test_a_branch_has_no_breakdown(world, branch_a1):
    assert dashboards.build(Scope(branch_a1, YEAR)).get("by_organisation") is None


def test_every_registered_figure_has_a_known_section():
    sections = {key for key, _title in dashboards.SECTIONS}
    assert {r.section for r in dashboards.FIGURES} <= sections


def test_a_link_to_a_list_that_does_not_exist_fails_loudly(db):
    # A renamed URL must break a test, not quietly drop the link from every dashboard.
    with pytest.raises(NoReverseMatch):
        dashboards.link("posts:no_such_list")
    assert dashboards.link("members:list", branch=3) == "/members/?branch=3"
    assert dashboards.link("members:list", branch=None) == "/members/"


def test_a_new_figure_is_one_decorated_function(monkeypatch, cast, client_for, branch_a1):
    monkeypatch.setattr(dashboards, "FIGURES", list(dashboards.FIGURES))

    @dashboards.figure("plaques", levels={dashboards.BRANCH})
    def plaque_applications(scope):
        return dashboards.Figure("plaque_applications", "挂牌申请", stats=[dashboards.Stat("待审核", 7)],
                                 actions=[dashboards.Action("待审核的挂牌申请", 7)])

    html = client_for(cast["secretary"]).get(reverse("members:dashboard_organisation", args=[branch_a1.pk])).content.decode()
    assert 'data-figure="plaque_applications"' in html and "待审核的挂牌申请" in html
    committee = client_for(cast["committee_staff"]).get(reverse("members:dashboard")).content.decode()
    assert 'data-figure="plaque_applications"' not in committee  # registered for branches only


def test_count_columns_say_how_many_not_which_number(world, programme):
    # The criteria's "number" means an item's ordinal (序号); a figure's count column must not borrow it.
    for fig in (post_figures.posts(programme), post_figures.nominations(programme), post_figures.feedback(programme)):
        assert fig.table.headers[1] == "数量"


def test_a_figure_for_a_section_that_does_not_exist_is_refused_at_registration():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        dashboards.figure("no_such_section")


def test_the_apps_registered_their_figures_in_the_sections_order():
    keys = [r.key for r in sorted(dashboards.FIGURES, key=lambda r: dashboards.SECTION_ORDER[r.section])]
    assert keys == ["headline", "posts", "nominations", "publications", "feedback", "feedback_by_month", "feedback_by_window",
                    "quarterly_activity", "evaluation_progress", "grades", "plaques", "by_organisation", "by_district"]


def test_the_posts_app_says_which_windows_a_scope_counts(world, branch_a2):
    from django.core.exceptions import ImproperlyConfigured

    from posts.models import Window

    assert set(dashboards.SCOPE_FILTERS) >= {"windows"}
    # A branch counts the windows where its own posts serve: A2's post PA3 serves at none.
    assert not Window.objects.filter(Scope(branch_a2, YEAR).q("windows")).exists()
    with pytest.raises(ImproperlyConfigured, match="Two scope filters"):
        dashboards.scope_filter("windows")(lambda scope, prefix: None)


def test_the_home_page_registry_holds_each_apps_part():
    from evaluation import figures as evaluation_figures
    from members import home

    assert {home.my_dashboards, home.latest_notifications, post_figures.home_figures} <= set(home.HOME_PANELS)
    assert home.MEMBER_ACTIONS == [evaluation_figures.evaluation_actions]


def test_with_many_windows_the_most_and_least_satisfied_are_shown(world, programme, unit_b):
    from posts.feedback.models import Feedback
    from posts.figures import windows as window_figures
    from tests.dashboards.conftest import moment
    from tests.dashboards.factories import FeedbackFactory, WindowFactory

    # Twelve more windows, window k with k satisfied answers out of 12: satisfaction 0%, 8%, … 92%.
    for k in range(12):
        window = WindowFactory(organisation=unit_b, code=f"W{k:02d}", name=f"窗口{k:02d}")
        for n in range(12):
            FeedbackFactory(window=window, kind=Feedback.Kind.PRAISE, status=Feedback.Status.CONCLUDED,
                            created_at=moment(YEAR, 4), concluded_at=moment(YEAR, 4, 2), satisfied=n < k)
    fig = window_figures.feedback_by_window(programme)
    names = fig.table.column(0)
    # 14 windows: the most satisfied five (户籍窗口 at 100%, then 窗口11 … 窗口08), then the least (窗口04 … 窗口00).
    assert names == ["户籍窗口", "窗口11", "窗口10", "窗口09", "窗口08", "窗口04", "窗口03", "窗口02", "窗口01", "窗口00"]
    assert "14" in fig.note and str(window_figures.SHOWN_EACH_WAY) in fig.note
