"""The public service handbook: compiled from the data, frozen when published, every edition kept."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pioneer.errors import Refusal
from posts.handbook.services import compile_handbook, publish_handbook
from posts.models import HandbookEdition
from tests.posts.factories import AssignmentFactory, PublicPostFactory, WindowFactory


def test_the_handbook_holds_exactly_the_open_windows_grouped_by_unit(window_a, window_b, unit_a, branch_a1):
    closed = WindowFactory(organisation=unit_a, code="WZ", name="已关闭窗口", is_active=False)
    content = compile_handbook()
    assert [u["code"] for u in content["units"]] == ["UA", "UB"]
    unit = content["units"][0]
    assert unit["name"] == unit_a.name
    assert [w["code"] for w in unit["windows"]] == ["WA"]
    window = unit["windows"][0]
    post = window_a.posts.get()
    holders = sorted(a.member.name for a in post.assignments.confirmed().select_related("member"))
    assert window == {
        "code": "WA", "name": window_a.name, "location": window_a.location, "opening_hours": window_a.opening_hours,
        "phone": window_a.phone, "theme": window_a.theme, "commitments": window_a.commitments,
        "posts": [{
            "title": post.title, "duties": post.duties, "service_items": post.service_items,
            "service_targets": post.service_targets, "service_content": post.service_content,
            "service_procedure": post.service_procedure, "commitments": post.commitments, "members": holders,
            "service_materials": post.service_materials, "time_limit_days": post.time_limit_days, "service_fees": "不收费",
            "legal_basis": "", "service_place_hours": "", "consultation_phone": "", "supervision_phone": post.supervision_phone,
        }],
    }
    assert closed.code not in str(content)


def test_the_handbook_leaves_out_internal_posts_and_unconfirmed_holders(window_a, branch_a1):
    internal = PublicPostFactory(organisation=branch_a1, kind="internal", title="内部岗")
    window_a.posts.add(internal)
    AssignmentFactory(post=window_a.posts.get(kind="public"), status="published")
    content = compile_handbook()
    posts = content["units"][0]["windows"][0]["posts"]
    assert [p["title"] for p in posts] == [window_a.posts.get(kind="public").title]
    assert len(posts[0]["members"]) == 2


def test_a_published_edition_never_changes(window_a, committee_staff):
    edition = publish_handbook(committee_staff, note="第一版")
    window_a.name = "改名后的窗口"
    window_a.save()
    edition.refresh_from_db()
    assert edition.content["units"][0]["windows"][0]["name"] == "综合受理窗口"
    edition.title = "篡改"
    with pytest.raises(ValidationError):
        edition.save()
    second = publish_handbook(committee_staff)
    assert (edition.version, second.version) == (1, 2)
    assert second.content["units"][0]["windows"][0]["name"] == "改名后的窗口"


def test_nothing_to_publish_without_windows(db, committee_staff):
    with pytest.raises(Refusal):
        publish_handbook(committee_staff)
    assert not HandbookEdition.objects.exists()


def test_the_public_sees_the_latest_edition_and_can_open_earlier_ones(client, window_a, committee_staff):
    assert "尚未发布" in client.get(reverse("posts:handbook")).content.decode()
    publish_handbook(committee_staff)
    window_a.name = "第二版窗口"
    window_a.save()
    publish_handbook(committee_staff)
    latest = client.get(reverse("posts:handbook")).content.decode()
    assert "第二版窗口" in latest and "第 2 版" in latest
    first = client.get(reverse("posts:handbook_edition", args=[1])).content.decode()
    assert "综合受理窗口" in first and "第二版窗口" not in first
    editions = client.get(reverse("posts:handbook_editions")).content.decode()
    assert "第 1 版" in editions and "第 2 版" in editions
    assert client.get(reverse("posts:handbook_edition", args=[9])).status_code == 404


def test_the_handbook_has_a_table_of_contents_and_a_print_stylesheet(client, window_a, window_b, committee_staff):
    # Paged by unit: the contents link to each unit's page, where the windows are; each unit page prints as a booklet.
    publish_handbook(committee_staff)
    html = client.get(reverse("posts:handbook")).content.decode()
    assert 'href="/handbook/UA/"' in html and 'href="/handbook/UB/#window-WB"' in html
    assert 'id="window-WA"' not in html
    unit = client.get(reverse("posts:handbook_unit", args=["UA"])).content.decode()
    assert 'href="#unit-UA"' in unit and 'id="window-WA"' in unit and 'id="window-WB"' not in unit
    assert "css/print.css" in unit and 'class="booklet"' in unit and "data-print" in unit


def test_a_unit_page_holds_its_windows_as_published_and_other_codes_are_not_found(client, window_a, window_b, committee_staff):
    publish_handbook(committee_staff)
    post = window_a.posts.get()
    unit = client.get(reverse("posts:handbook_unit", args=["UA"])).content.decode()
    assert window_a.name in unit and post.title in unit and window_b.name not in unit
    assert client.get(reverse("posts:handbook_unit", args=["NOPE"])).status_code == 404
    assert client.get(reverse("posts:handbook_edition_unit", args=[1, "UB"])).status_code == 200
    assert client.get(reverse("posts:handbook_edition_unit", args=[7, "UB"])).status_code == 404


def test_the_contents_search_finds_units_and_windows_by_code_or_name(client, window_a, window_b, unit_b, committee_staff):
    publish_handbook(committee_staff)
    url = reverse("posts:handbook")
    by_window = client.get(url, {"q": "wb"}).content.decode()
    assert 'href="/handbook/UB/#window-WB"' in by_window and "/handbook/UA/" not in by_window
    by_unit = client.get(url, {"q": unit_b.name}).content.decode()
    assert "/handbook/UB/" in by_unit and "/handbook/UA/" not in by_unit
    nothing = client.get(url, {"q": "不存在的单位"}).content.decode()
    assert "没有与“不存在的单位”相符的单位或窗口" in nothing


def test_an_earlier_edition_keeps_its_own_unit_pages(client, window_a, committee_staff):
    publish_handbook(committee_staff)
    window_a.name = "第二版窗口"
    window_a.save()
    publish_handbook(committee_staff)
    assert "第二版窗口" in client.get(reverse("posts:handbook_unit", args=["UA"])).content.decode()
    first = client.get(reverse("posts:handbook_edition_unit", args=[1, "UA"])).content.decode()
    assert "综合受理窗口" in first and "第二版窗口" not in first


@pytest.mark.parametrize("windows", [1, 6])
def test_the_handbook_pages_run_at_most_one_query_once_cached(client, unit_a, branch_a1, committee_staff, windows, django_assert_num_queries):
    for i in range(windows):
        window = WindowFactory(organisation=unit_a, code=f"WX{i}", name=f"窗口{i}")
        window.posts.add(PublicPostFactory(organisation=branch_a1, title=f"岗位{i}"))
    publish_handbook(committee_staff)
    # The contents: none (its rendered content is cached until an edition is published);
    # a unit page: the edition's header (its content comes from the cache: an edition never changes).
    for url, queries in ((reverse("posts:handbook"), 0), (reverse("posts:handbook_unit", args=["UA"]), 1)):
        client.get(url)
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200


def test_only_committee_staff_publish(client_for, window_a, unit_secretary, committee_staff, django_capture_on_commit_callbacks):
    url = reverse("posts:handbook_draft")
    assert client_for(unit_secretary).post(url, {"title": "手册", "after": 0}).status_code == 403
    # Publishing is a job (see test_publish_job.py): it runs here once the request's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(committee_staff).post(url, {"title": "公开服务手册", "note": "", "after": 0})
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    assert HandbookEdition.objects.get().published_by == committee_staff


def test_the_committee_sees_whether_the_handbook_is_up_to_date(client_for, window_a, committee_staff):
    publish_handbook(committee_staff)
    client = client_for(committee_staff)
    assert client.get(reverse("posts:handbook_draft")).context["up_to_date"] is True
    post = window_a.posts.get()
    post.service_procedure = "网上预约 → 到窗口办理"
    post.save()
    response = client.get(reverse("posts:handbook_draft"))
    assert response.context["up_to_date"] is False
    assert "网上预约" in response.content.decode()


def test_an_edition_freezes_the_service_guide(window_a, unit_a, committee_staff, client):
    post = window_a.posts.get()
    post.service_materials, post.legal_basis = "身份证原件", "《行政许可法》"
    post.save()
    edition = publish_handbook(committee_staff, note="第一版")
    post.service_materials, post.supervision_phone = "改过的材料", "99999"
    post.save()
    # The edition is paged by unit: the window's guide is on its unit's page of that edition.
    html = client.get(reverse("posts:handbook_edition_unit", args=[edition.version, unit_a.code])).content.decode()
    assert "身份证原件" in html and "《行政许可法》" in html and "12345" in html and "不收费" in html
    assert "改过的材料" not in html and "99999" not in html
