"""Districts apart, city together: a second committee in the installation (1 unit, 1 branch, 1 member on a post).

Each committee's dashboard, lists, exports and the home page per district count that district only; the city
office's staff see both districts side by side and in total; every scope filter is one indexed column.
"""

import pytest
from django.urls import reverse

from members import access
from members.dashboards import Scope, build
from members.models import Member, Organisation
from posts.models import Assignment, Post, Window
from tests.dashboards.conftest import YEAR
from tests.dashboards.factories import AssignmentFactory, PostFactory, WindowFactory
from tests.excel.helpers import rows_of
from tests.factories import BranchFactory, CommitteeFactory, MemberFactory, RoleFactory, UnitFactory, UserFactory


@pytest.fixture
def city(db):
    return Organisation.objects.create(kind=Organisation.Kind.CITY, code="CITY", name="市直机关工委")


@pytest.fixture
def second(city, committee):
    """District two: one unit, one branch, one member on a post at one window. Both districts under the city."""
    committee.parent = city
    committee.save()
    c2 = CommitteeFactory(code="C2", name="第二区党工委", parent=city)
    u2 = UnitFactory(code="U2", name="二区税务局党委", parent=c2)
    b2 = BranchFactory(code="U2-1", name="二区税务第一党支部", parent=u2)
    m2 = MemberFactory(branch=b2, name="二区党员")
    post = PostFactory(organisation=b2, capacity=1)
    AssignmentFactory(member=m2, post=post, status=Assignment.Status.CONFIRMED)
    WindowFactory(organisation=u2, code="W2", name="二区办税窗口").posts.add(post)
    return {"committee": c2, "unit": u2, "branch": b2, "member": m2}


@pytest.fixture
def city_staff(city):
    return RoleFactory(user=UserFactory(username="city_staff"), kind="city_staff", organisation=city).user


def headline_of(response):
    """Units, branches, windows, members on posts, members without a post."""
    return [s.value for s in response.context["dashboard"].get("headline").stats]


def test_every_row_carries_its_committee_and_unit(world, second, committee, unit_a, branch_a1, member):
    branch_a1.refresh_from_db()
    assert (branch_a1.committee_id, branch_a1.unit_id) == (committee.pk, unit_a.pk)
    assert (unit_a.committee_id, unit_a.unit_id) == (committee.pk, unit_a.pk)
    committee.refresh_from_db()
    assert (committee.committee_id, committee.unit_id) == (committee.pk, None)
    member.refresh_from_db()
    assert (member.committee_id, member.unit_id) == (committee.pk, unit_a.pk)


def test_moving_a_unit_to_another_district_takes_its_branches_and_members_along(second, unit_a, branch_a1, member):
    unit_a.parent = second["committee"]
    unit_a.save()
    branch_a1.refresh_from_db()
    member.refresh_from_db()
    assert branch_a1.committee_id == member.committee_id == second["committee"].pk


def test_a_member_transferred_to_another_branch_follows_it(second, member):
    member.branch = second["branch"]
    member.save()
    member.refresh_from_db()
    assert (member.unit_id, member.committee_id) == (second["unit"].pk, second["committee"].pk)


def test_each_committee_dashboard_counts_its_own_district(world, second, committee_staff, client_for):
    numbers = headline_of(client_for(committee_staff).get(reverse("members:dashboard"), {"year": YEAR}))
    assert numbers[:3] == [2, 3, 2]  # not 3, 4, 3: district two is not added in
    staff_two = RoleFactory(user=UserFactory(username="staff_two"), kind="committee_staff", organisation=second["committee"]).user
    response = client_for(staff_two).get(reverse("members:dashboard"), {"year": YEAR})
    numbers = headline_of(response)
    assert numbers == [1, 1, 1, 1, 0]
    units = response.context["dashboard"].get("by_organisation").table
    assert units.column(0) == ["二区税务局党委"]


@pytest.mark.parametrize("key", ["posts", "nominations", "publications", "feedback", "feedback_by_month",
                                 "feedback_by_window", "plaques", "quarterly_activity", "evaluation_progress", "grades"])
def test_every_figure_of_a_district_leaves_the_other_district_out(world, second, committee, key):
    """Each figure at district one equals the same figure before district two existed, minus nothing of district two."""
    one = build(Scope(committee, YEAR)).get(key)
    two = build(Scope(second["committee"], YEAR)).get(key)
    if key == "posts":
        assert [s.value for s in one.stats][0] == 4 and [s.value for s in two.stats][0] == 1  # posts offered
    if key == "feedback_by_window":
        assert "二区办税窗口" not in one.table.column(0) and two.table.column(0) == ["二区办税窗口"]
    assert one is not None and two is not None


def test_the_member_lists_and_exports_stay_apart(world, second, committee_staff, client_for):
    client = client_for(committee_staff)
    assert "二区党员" not in client.get(reverse("members:list")).content.decode()
    roster = rows_of(client.get(reverse("members:excel:member_export")))
    assert all(r[12] != "U2-1" for r in roster[1:]) and len(roster) > 1
    organisations = [r[0] for r in rows_of(client.get(reverse("members:excel:organisation_export")))[1:]]
    assert "U2" not in organisations and "U2-1" not in organisations and "UA-1" in organisations


@pytest.mark.parametrize("code", ["windows", "posts"])
def test_the_posts_exports_show_one_district(world, second, committee_staff, client_for, code):
    rows = rows_of(client_for(committee_staff).get(reverse(f"members:excel:{code}_export")))
    assert not any("二区" in str(cell) for row in rows for cell in row if cell)


def test_the_home_page_per_district_and_city_wide(world, second, client, django_assert_num_queries):
    from tests.dashboards.test_home import headline

    html = client.get(reverse("home")).content.decode()
    assert headline(html) == [3, 4, 3, 5]  # city-wide: both districts
    assert 'data-testid="district-picker"' in html and "?district=C2" in html
    assert headline(client.get(reverse("home"), {"district": "C2"}).content.decode()) == [1, 1, 1, 1]
    assert headline(client.get(reverse("home"), {"district": "C"}).content.decode()) == [2, 3, 2, 4]
    from django.core.cache import cache

    from pioneer import pagecache

    cache.clear()
    pagecache.forget_local()
    with django_assert_num_queries(4):  # the district by its code, then the three figures
        client.get(reverse("home"), {"district": "C2"})
    with django_assert_num_queries(0):  # then the same page for the next visitor without a session
        client.get(reverse("home"), {"district": "C2"})


def test_city_staff_see_each_district_and_the_city_totals(world, second, city_staff, client_for, committee):
    response = client_for(city_staff).get(reverse("members:dashboard"), {"year": YEAR})
    assert response.status_code == 200
    table = response.context["dashboard"].get("by_district").table
    assert table.rows[0][:4] == ["区直机关党工委", 2, 3, 7]  # units, branches, members in service
    assert table.rows[1][:5] == ["第二区党工委", 1, 1, 1, 1]
    assert table.rows[-1][:4] == ["市级合计", 3, 4, 8]
    assert headline_of(response)[:4] == [3, 4, 3, 5]  # the city's totals
    # Each district's own dashboard is theirs to open; nothing there is theirs to change.
    assert client_for(city_staff).get(reverse("members:dashboard_organisation", args=[second["committee"].pk])).status_code == 200
    acc = access.for_user(city_staff)
    assert not acc.manages(second["branch"]) and acc.sees(second["branch"])
    assert Member.objects.visible_to(city_staff).count() == Member.objects.count()


def test_committee_staff_scope_is_one_indexed_column(committee_staff, unit_secretary, second):
    members = str(Member.objects.visible_to(committee_staff).order_by().query).lower()
    assert '"members_member"."committee_id" in (' in members and "join" not in members
    posts = str(Post.objects.visible_to(committee_staff).order_by().query).lower()
    assert '"committee_id" in (' in posts and "parent_id" not in posts.split(" where ", 1)[1]
    windows = str(Window.objects.visible_to(unit_secretary).order_by().query).lower()
    assert '"unit_id" in (' in windows


def test_bulk_creation_keeps_committee_and_unit(committee):
    from members import bulk

    units = bulk.create_organisations(Organisation(kind="unit", code=f"BU{i}", name=f"单位{i}", parent=committee) for i in range(2))
    branches = bulk.create_organisations(Organisation(kind="branch", code=f"BU{i}-1", name=f"支部{i}", parent=units[i]) for i in range(2))
    bulk.create_members([Member(member_no="BM1", name="甲", gender="M", birth_date="1980-01-01", education="bachelor",
                                position="科员", branch=branches[1])])
    rows = dict(Organisation.objects.filter(code__startswith="BU").values_list("code", "unit__code"))
    assert rows == {"BU0": "BU0", "BU1": "BU1", "BU0-1": "BU0", "BU1-1": "BU1"}
    assert Member.objects.filter(member_no="BM1", unit=units[1], committee=committee).exists()


def test_the_district_table_heads_its_columns_with_nouns_not_counts(world, second, city_staff, client_for):
    # A column header names what is counted; the measure word (个) belongs only after a number.
    response = client_for(city_staff).get(reverse("members:dashboard"), {"year": YEAR})
    headers = response.context["dashboard"].get("by_district").table.headers
    assert headers[1:3] == ["单位党组织", "机关党支部"] and headers[-1] == "服务窗口"


@pytest.mark.parametrize("page", ["posts:window_directory", "posts:plaque_register", "posts:handbook"])
def test_the_public_pages_per_district_and_city_wide(world, second, committee, client, committee_staff, page):
    from posts.handbook.services import publish_handbook
    from posts.plaques.services import record_plaque

    w2 = Window.objects.get(code="W2")
    first = Window.objects.get(code="WA")
    for window in (w2, first):
        record_plaque(committee_staff, window=window, year=YEAR, level="striving", source="application")
    publish_handbook(committee_staff)
    url = reverse(page)
    city_wide = client.get(url).content.decode()
    assert w2.name in city_wide and first.name in city_wide
    district_two = client.get(url, {"district": "C2"}).content.decode()
    assert w2.name in district_two and first.name not in district_two
    assert 'data-testid="district-scope"' in district_two and 'name="district" value="C2"' in district_two
    district_one = client.get(url, {"district": committee.code}).content.decode()
    assert first.name in district_one and w2.name not in district_one


def test_results_carry_their_district_and_follow_a_moved_unit(world, second, committee, unit_a, member, committee_staff):
    from evaluation.models import EvaluationYear, Result

    year = EvaluationYear.objects.create(year=YEAR)
    own = Result.objects.create(year=year, kind=Result.Kind.MEMBER, member=member)
    theirs = Result.objects.create(year=year, kind=Result.Kind.WINDOW, window=Window.objects.get(code="W2"))
    assert (own.committee_id, theirs.committee_id) == (committee.pk, second["committee"].pk)
    assert list(Result.objects.visible_to(committee_staff)) == [own]
    unit_a.parent = second["committee"]
    unit_a.save()  # the unit, its branches, members and their results move to district two
    own.refresh_from_db()
    assert own.committee_id == second["committee"].pk and not Result.objects.visible_to(committee_staff).exists()


def test_a_districts_results_are_one_indexed_column(committee_staff):
    from evaluation.models import Result

    sql = str(Result.objects.visible_to(committee_staff).order_by().query)
    assert '"evaluation_result"."committee_id" IN' in sql and "JOIN" not in sql


def test_the_results_unit_filter_offers_the_own_district_only(world, second, committee, committee_staff, client_for):
    from evaluation.models import EvaluationYear

    EvaluationYear.objects.create(year=YEAR)
    html = client_for(committee_staff).get(reverse("evaluation:results", args=[YEAR])).content.decode()
    assert "二区税务局党委" not in html and Organisation.objects.get(code="UA").name in html
