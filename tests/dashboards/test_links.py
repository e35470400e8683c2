"""Every dashboard and the home page render for each role, and every link on them names a page that exists.

`link()` raises on a URL name that does not reverse, so rendering each dashboard at each level already
fails on a renamed URL; the checks below also resolve every href the pages and figures carry.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from members import dashboards
from members.dashboards import Scope
from tests.dashboards.test_evaluation_figures import EVAL, evaluation  # noqa: F401 - the fixture
from tests.dashboards.test_views import ROLES

HREF = r'<a [^>]*href="([^"#]+)"'


def resolves(href: str) -> bool:
    path = urlsplit(href.replace("&amp;", "&")).path
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def figure_links(fig):
    yield fig.url
    for item in [*fig.stats, *fig.actions]:
        yield item.url
    if fig.table is not None:
        yield from fig.table.links or []


@pytest.mark.parametrize("level", ["committee", "unit", "branch"])
@pytest.mark.parametrize("year", [EVAL, EVAL + 1], ids=["evaluation-year", "next-year"])
def test_every_figure_at_every_level_links_to_pages_that_exist(evaluation, unit_a, branch_a1, level, year):  # noqa: F811
    organisation = {"committee": None, "unit": unit_a, "branch": branch_a1}[level]
    board = dashboards.build(Scope(organisation, year))
    assert len(board.figures) >= 10
    for fig in board.figures:
        for url in figure_links(fig):
            assert url == "" or resolves(url), f"{fig.key}: {url}"


@pytest.mark.parametrize("page", ["committee", "unit_a", "branch_a1", "home"])
def test_every_dashboard_and_the_home_page_render_for_each_role(evaluation, cast, client_for, unit_a, branch_a1, page):  # noqa: F811
    url = {
        "committee": reverse("members:dashboard"),
        "unit_a": reverse("members:dashboard_organisation", args=[unit_a.pk]),
        "branch_a1": reverse("members:dashboard_organisation", args=[branch_a1.pk]),
        "home": reverse("home"),
    }[page] + f"?year={EVAL}"
    rendered = 0
    for role in ROLES:
        response = client_for(cast[role]).get(url)
        assert response.status_code in {200, 302, 403, 404}, (page, role)
        if response.status_code != 200:
            continue
        rendered += 1
        html = response.content.decode()
        main = html[html.index("<main"):html.index("</main>")]
        internal = [href for href in re.findall(HREF, main) if href.startswith("/")]
        assert internal, (page, role)
        for href in internal:
            assert resolves(href), f"{href} on {page} as {role}"
    assert rendered >= (len(ROLES) if page == "home" else 2)
