"""Deciding the plaques goes through a confirmation page: how many windows, for which year; the GET decides nothing."""

import re

from django.urls import reverse

from evaluation.models import Phase
from members.jobs.models import Job
from posts.models import PlaqueRecord


def test_the_year_page_links_to_the_confirmation(client_for, committee_staff, make_year, window_a, window_b):
    year = make_year(Phase.PUBLISHED)
    html = client_for(committee_staff).get(reverse("evaluation:year_detail", args=[year.year])).content.decode()
    url = reverse("evaluation:plaques_decide", args=[year.year])
    assert f'href="{url}"' in html and not re.search(rf'<form[^>]*action="{url}"', html)


def test_the_confirmation_says_what_will_be_decided_and_decides_nothing(client_for, committee_staff, make_year, window_a, window_b):
    year = make_year(Phase.PUBLISHED)
    response = client_for(committee_staff).get(reverse("evaluation:plaques_decide", args=[year.year]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "将根据2026年度已公布的考评结果，为 2 个服务窗口作出2027年度挂牌决定。" in html
    assert f"{year.pioneer_min}分以上挂“共产党员先锋岗”牌子" in html and "记入公开的挂牌公示" in html
    assert ">作出下一年度挂牌决定</button>" in html
    assert "style=" not in html and all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))
    year.refresh_from_db()
    assert year.plaques_decided_at is None and not PlaqueRecord.objects.exists() and not Job.objects.exists()


def test_before_the_results_are_published_the_button_is_off_and_says_why(client_for, committee_staff, make_year, window_a):
    year = make_year(Phase.REVIEW)
    html = client_for(committee_staff).get(reverse("evaluation:plaques_decide", args=[year.year])).content.decode()
    assert "挂牌决定须在考评结果公布后作出。" in html
    assert re.search(r'<button[^>]*data-testid="confirm"[^>]*disabled', html)


def test_the_post_from_the_confirmation_decides(client_for, committee_staff, make_year, window_a, window_b,
                                                django_capture_on_commit_callbacks):
    year = make_year(Phase.PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(committee_staff).post(reverse("evaluation:plaques_decide", args=[year.year]))
    assert response["Location"] == f"/jobs/{Job.objects.get().pk}/"
    assert PlaqueRecord.objects.filter(year=2027).count() == 2
    # Once decided, the page says so: deciding again replaces the decisions.
    html = client_for(committee_staff).get(reverse("evaluation:plaques_decide", args=[year.year])).content.decode()
    assert "作出挂牌决定；再次决定将替换原有决定。" in html
