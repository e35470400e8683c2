"""The dashboard pages: who may open which, what they show, and how many queries they cost."""

import re

import pytest
from django.urls import reverse

from posts.models import Window
from tests.dashboards.conftest import YEAR

ROLES = ["anonymous", "member", "secretary", "other_secretary", "unit_secretary", "committee_staff", "admin"]


def org_url(org):
    return reverse("members:dashboard_organisation", args=[org.pk]) + f"?year={YEAR}"


@pytest.fixture
def urls(committee, unit_a, branch_a1, branch_b1):
    return {
        "committee": reverse("members:dashboard"),
        "branch_a1": org_url(branch_a1),
        "unit_a": org_url(unit_a),
        "branch_b1": org_url(branch_b1),
        "committee_org": org_url(committee),
        "report": reverse("members:dashboard_report", args=[YEAR]),
        "report_current": reverse("members:dashboard_report_current"),
        "report_xlsx": reverse("members:dashboard_report_xlsx", args=[YEAR]),
    }


#                 anonymous member secretary other_sec unit_sec committee admin
EXPECTED = {
    "committee":      [302, 403, 302, 302, 302, 200, 200],  # secretaries are sent to their own organisation's
    "branch_a1":      [302, 403, 200, 404, 200, 200, 200],  # the member sees their branch but does not manage it
    "unit_a":         [302, 403, 404, 404, 200, 200, 200],
    "branch_b1":      [302, 404, 404, 200, 404, 200, 200],
    "committee_org":  [302, 404, 404, 404, 404, 302, 302],  # staff are sent to the committee dashboard
    "report":         [302, 403, 403, 403, 403, 200, 200],
    "report_current": [302, 403, 403, 403, 403, 302, 302],
    "report_xlsx":    [302, 403, 403, 403, 403, 200, 200],
}


def test_a_secretary_opening_the_committee_dashboard_lands_on_their_own(cast, client_for, unit_a, branch_a1):
    url = reverse("members:dashboard")
    assert client_for(cast["secretary"]).get(url)["Location"] == reverse("members:dashboard_organisation", args=[branch_a1.pk])
    response = client_for(cast["unit_secretary"]).get(url, {"year": YEAR})
    assert response["Location"] == org_url(unit_a)
    assert client_for(cast["unit_secretary"]).get(response["Location"]).status_code == 200


@pytest.mark.parametrize("page", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_every_dashboard_url_answers_each_role_as_expected(cast, client_for, urls, page, role):
    response = client_for(cast[role]).get(urls[page])
    assert response.status_code == EXPECTED[page][ROLES.index(role)], f"{page} as {role}"
    if role == "anonymous":
        assert response["Location"].startswith(reverse("login"))


def test_the_committee_org_redirects_to_the_programme_dashboard(cast, client_for, urls):
    response = client_for(cast["committee_staff"]).get(urls["committee_org"])
    assert response["Location"] == reverse("members:dashboard")


def test_a_report_of_an_impossible_year_is_404(cast, client_for):
    assert client_for(cast["committee_staff"]).get("/dashboard/report/1899/").status_code == 404


def test_a_nonsense_year_falls_back_to_this_year(cast, client_for):
    response = client_for(cast["committee_staff"]).get(reverse("members:dashboard") + "?year=abc")
    assert response.status_code == 200 and response.context["year"] >= 2026


def figure_html(html, key):
    match = re.search(rf'<figure [^>]*data-figure="{key}">(.*?)</figure>', html, re.S)
    assert match, f"no figure {key}"
    return match.group(1)


def test_the_committee_dashboard_shows_the_four_headline_figures_with_their_lists(world, cast, client_for):
    html = client_for(cast["committee_staff"]).get(reverse("members:dashboard") + f"?year={YEAR}").content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1 and "style=" not in html
    headline = figure_html(html, "headline")
    values = re.findall(r'class="dash-stat-value">(?:<a href="([^"]*)">)?(\d+)', headline)
    assert [v for _u, v in values] == ["2", "3", "2", "4", "3"]  # units, branches, windows, on posts, without a post
    assert values[0][0] == reverse("members:organisation_list")
    assert values[4][0] == reverse("posts:without_post")


def test_each_chart_comes_with_its_numbers_as_a_table(world, cast, client_for):
    html = client_for(cast["committee_staff"]).get(reverse("members:dashboard") + f"?year={YEAR}").content.decode()
    by_window = figure_html(html, "feedback_by_window")
    assert "<figcaption" in by_window and "<svg" in by_window and "<table" in by_window
    # The chart's bars and the table's rows say the same.
    wa, wb = 50, 100  # satisfied among those who rated the answer
    assert f"<title>审批服务综合窗口: {wa}</title>" in by_window and f"<title>户籍窗口: {wb}</title>" in by_window
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>((?:<td>[^<]*</td>)+)</tr>', by_window)
    assert [(name, re.findall(r"<td>([^<]*)</td>", cells)[-1]) for name, cells in rows] == [
        ("审批服务综合窗口", f"{wa}%"), ("户籍窗口", f"{wb}%")]
    plaques = figure_html(html, "plaques")
    assert "<title>2026: 2</title>" in plaques and "<title>2025: 2</title>" in plaques


def test_a_units_row_links_to_its_dashboard(world, cast, client_for, unit_a):
    html = client_for(cast["committee_staff"]).get(reverse("members:dashboard") + f"?year={YEAR}").content.decode()
    assert f'<a href="{reverse("members:dashboard_organisation", args=[unit_a.pk])}">{unit_a.name}</a>' in figure_html(
        html, "by_organisation")


def test_a_branch_secretary_sees_what_to_do_today(world, cast, client_for, branch_a1):
    html = client_for(cast["secretary"]).get(org_url(branch_a1)).content.decode()
    actions = re.search(r'data-testid="actions">(.*?)</section>', html, re.S).group(1)
    items = re.findall(r"<li [^>]*data-action>\s*(.*?)\s*<span[^>]*>(\d+)</span>", actions, re.S)
    found = {re.sub(r"<[^>]+>", "", label).strip(): int(n) for label, n in items}
    assert found == {
        "尚未上岗的在职党员：请为其定岗": 1,
        "已定岗但尚未公示": 1,
        "超过答复期限的群众评议": 1,
    }
    assert "data-figure=\"by_organisation\"" not in html


def test_nothing_to_do_is_said_plainly(cast, client_for, branch_b1):
    html = client_for(cast["other_secretary"]).get(org_url(branch_b1)).content.decode()
    assert "今天没有需要您处理的事项。" in html


def test_the_report_opens_every_table_for_printing(world, cast, client_for):
    html = client_for(cast["committee_staff"]).get(reverse("members:dashboard_report", args=[YEAR])).content.decode()
    assert "2026年共产党员先锋岗创建活动报告" in html
    assert html.count('<details class="dash-table" open>') == html.count('<details class="dash-table"') > 3
    assert "data-print" in html and "style=" not in html


def test_the_report_downloads_as_a_workbook_of_every_number(world, cast, client_for):
    from io import BytesIO

    from openpyxl import load_workbook

    response = client_for(cast["committee_staff"]).get(reverse("members:dashboard_report_xlsx", args=[YEAR]))
    assert response["Content-Disposition"].startswith('attachment; filename="pioneer-report-2026.xlsx"')
    rows = list(load_workbook(BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[0] == ("图表", "行", "列", "数值")
    assert ("实时主要数据", None, "名党员在先锋岗", 4) in rows
    assert ("2026年挂牌情况", "2025", "争创共产党员先锋岗", 2) in rows
    html = client_for(cast["committee_staff"]).get(reverse("members:dashboard_report", args=[YEAR])).content.decode()
    assert reverse("members:dashboard_report_xlsx", args=[YEAR]) in html


def test_dashboards_load_their_stylesheet_and_no_script_of_their_own(world, cast, client_for):
    html = client_for(cast["committee_staff"]).get(reverse("members:dashboard")).content.decode()
    assert "/static/css/dashboards.css" in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag


def test_english_works_too(world, cast, client_for):
    client = client_for(cast["committee_staff"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("members:dashboard") + f"?year={YEAR}").content.decode()
    assert "Programme dashboard" in html and "Feedback by month, 2026" in html and ">Feb.<" in html


# Queries every logged-in dashboard page costs before the figures:
# 1 session, 2 user, 3 the user's roles, 4 the user's member record (access.for_user);
# and while rendering: 5 unread notifications (navigation).
PAGE = 5
# The core figures (members/dashboards.py): headline 3 (organisations, windows, members), posts 2 (posts, assignments),
# feedback 1, feedback by month 1, feedback by window 1, plaques 1.
CORE = 3 + 2 + 1 + 1 + 1 + 1


# Steps 1–3: nominations 2 (rounds, self-nominations), publications 2 (publications, objections);
# step 5: quarterly activity 1 (the evaluation year: none set up here, so nothing more),
# evaluation progress 3 (results, peer ratings, ballots), grades 1 (published results).
PARTS = 2 + 2 + 1 + 3 + 1
FIGURES = CORE + PARTS
# Units or branches at a glance: the organisations, members, posts and (committee only) open feedback per unit.
COMMITTEE_BREAKDOWN = 4
UNIT_BREAKDOWN = 3


@pytest.mark.parametrize("grow", [0, 3], ids=["small", "larger"])
def test_the_committee_dashboard_costs_a_fixed_number_of_queries(world, more_of_everything, cast, client_for,
                                                                 django_assert_num_queries, grow):
    more_of_everything(grow)
    client = client_for(cast["committee_staff"])
    with django_assert_num_queries(PAGE + FIGURES + COMMITTEE_BREAKDOWN):
        assert client.get(reverse("members:dashboard") + f"?year={YEAR}").status_code == 200


@pytest.mark.parametrize("grow", [0, 3], ids=["small", "larger"])
def test_a_unit_dashboard_costs_a_fixed_number_of_queries(world, more_of_everything, cast, client_for, unit_a,
                                                          django_assert_num_queries, grow):
    more_of_everything(grow)
    client = client_for(cast["unit_secretary"])
    # + 1: the organisation itself (with its parent).
    with django_assert_num_queries(PAGE + 1 + FIGURES + UNIT_BREAKDOWN):
        assert client.get(org_url(unit_a)).status_code == 200


@pytest.mark.parametrize("grow", [0, 3], ids=["small", "larger"])
def test_a_branch_dashboard_costs_a_fixed_number_of_queries(world, more_of_everything, cast, client_for, branch_a1,
                                                            django_assert_num_queries, grow):
    more_of_everything(grow)
    client = client_for(cast["secretary"])
    # + 1: the organisation itself; no breakdown for a branch.
    with django_assert_num_queries(PAGE + 1 + FIGURES):
        assert client.get(org_url(branch_a1)).status_code == 200


@pytest.mark.parametrize("grow", [0, 3], ids=["small", "larger"])
def test_the_report_costs_a_fixed_number_of_queries(world, more_of_everything, cast, client_for,
                                                    django_assert_num_queries, grow):
    more_of_everything(grow)
    client = client_for(cast["committee_staff"])
    with django_assert_num_queries(PAGE + FIGURES + COMMITTEE_BREAKDOWN):
        assert client.get(reverse("members:dashboard_report", args=[YEAR])).status_code == 200


@pytest.mark.parametrize(("role", "page"), [("committee_staff", "committee"), ("unit_secretary", "unit_a"),
                                            ("secretary", "branch_a1")])
def test_every_link_of_a_dashboard_opens_for_its_reader(world, cast, client_for, urls, role, page):
    client = client_for(cast[role])
    html = client.get(urls[page]).content.decode()
    main = html[html.index("<main"):html.index("</main>")]
    links = set(re.findall(r'<a [^>]*href="([^"#]+)"', main))
    assert len(links) >= 5
    for href in links:
        assert client.get(href.replace("&amp;", "&")).status_code == 200, f"{href} as {role}"


def test_figures_link_to_the_lists_behind_them(world, cast, client_for):
    html = client_for(cast["committee_staff"]).get(reverse("members:dashboard") + f"?year={YEAR}").content.decode()
    for key, url in [
        ("headline", reverse("posts:window_list")),
        ("headline", reverse("posts:post_list")),
        ("feedback", reverse("posts:feedback_inbox") + "?show=overdue"),
        ("plaques", reverse("posts:plaque_overview")),
        ("publications", reverse("posts:round_list")),
    ]:
        assert f'href="{url}"' in figure_html(html, key), (key, url)


@pytest.mark.parametrize("grow", [0, 3], ids=["small", "larger"])
def test_the_workbook_costs_a_fixed_number_of_queries(world, more_of_everything, cast, client_for,
                                                      django_assert_num_queries, grow):
    more_of_everything(grow)
    client = client_for(cast["committee_staff"])
    # The page's four before the figures (no template, so no notification count), then the figures.
    with django_assert_num_queries(PAGE - 1 + FIGURES + COMMITTEE_BREAKDOWN):
        response = client.get(reverse("members:dashboard_report_xlsx", args=[YEAR]))
        b"".join(response.streaming_content)


def test_a_warm_dashboard_reads_only_the_page_and_a_change_shows_at_once(world, cast, client_for, django_assert_num_queries):
    from posts.feedback import services as feedback

    client = client_for(cast["committee_staff"])
    url = reverse("members:dashboard") + f"?year={YEAR}"
    client.get(url)
    with django_assert_num_queries(PAGE):  # the figures of this scope and year come from the shared cache
        warm = client.get(url)
    before = warm.context["dashboard"].get("feedback").stats[0].value
    feedback.submit_feedback(None, window=Window.objects.get(code="WA"), kind="praise", text="窗口服务很好")
    after = client.get(url).context["dashboard"].get("feedback").stats[0].value
    assert after == before + 1


def test_an_audited_bulk_change_drops_the_cached_figures_too(world, cast, client_for):
    from members import audit

    client = client_for(cast["committee_staff"])
    url = reverse("members:dashboard") + f"?year={YEAR}"
    client.get(url)
    # A bulk UPDATE sends no signal: the audit entry every state change writes is what moves the counter on.
    Window.objects.filter(code="WB").update(is_active=False)
    audit.record(cast["committee_staff"], "posts.window.updated", Window.objects.get(code="WB"), reason="批量停用")
    headline = client.get(url).context["dashboard"].get("headline")
    assert [s.value for s in headline.stats][2] == 1  # one open window left
