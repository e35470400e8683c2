"""A district's feedback inbox filters on the feedback's own committee column, and the column follows moves.

The column saves a district's inbox from joining windows and units on every count (at a city's size the
join cost more than the page's rendering); these tests prove it names the right district at all times.
"""

from django.urls import reverse

from posts.feedback import services as fs
from posts.models import Feedback, Window
from tests.dashboards.test_districts import city, city_staff, second  # noqa: F401 - fixtures
from tests.factories import UnitFactory


def test_feedback_carries_its_window_s_district_and_each_inbox_shows_its_own(
        world, second, committee, committee_staff, city_staff, client_for):  # noqa: F811
    own = fs.submit_feedback(None, window=Window.objects.get(code="WA"), kind="complaint", text="排队太久")
    theirs = fs.submit_feedback(None, window=Window.objects.get(code="W2"), kind="suggestion", text="增加座椅")
    assert (own.committee_id, theirs.committee_id) == (committee.pk, second["committee"].pk)
    # Every row's column says what the join through its window and unit says.
    assert set(Feedback.objects.values_list("pk", "committee_id")) == set(
        Feedback.objects.values_list("pk", "window__organisation__committee_id"))
    seen = set(Feedback.objects.visible_to(committee_staff))
    assert own in seen and theirs not in seen
    assert seen == set(Feedback.objects.filter(window__organisation__committee=committee))
    page = client_for(committee_staff).get(reverse("posts:feedback_inbox") + "?show=all")
    shown = {f.pk for f in page.context["object_list"]}
    assert own.pk in shown and theirs.pk not in shown
    # The city office sees both districts' feedback.
    assert set(Feedback.objects.visible_to(city_staff)) == set(Feedback.objects.all())


def test_a_unit_moved_to_another_district_takes_its_windows_feedback_along(
        world, second, committee, unit_a, committee_staff):  # noqa: F811
    fb = fs.submit_feedback(None, window=Window.objects.get(code="WA"), kind="praise", text="服务热情")
    unit_a.parent = second["committee"]
    unit_a.save()
    fb.refresh_from_db()
    assert fb.committee_id == second["committee"].pk
    assert not Feedback.objects.visible_to(committee_staff).filter(pk=fb.pk).exists()


def test_a_window_moved_to_a_unit_of_another_district_takes_its_feedback_along(
        world, second, committee, committee_staff):  # noqa: F811
    window = Window.objects.get(code="WA")
    fb = fs.submit_feedback(None, window=window, kind="praise", text="服务热情")
    window.organisation = second["unit"]
    window.save()
    fb.refresh_from_db()
    assert fb.committee_id == second["committee"].pk
    # A move within the district leaves the column as it was (and costs no update).
    other = UnitFactory(code="U2B", name="二区另一单位", parent=second["committee"])
    window.organisation = other
    window.save()
    fb.refresh_from_db()
    assert fb.committee_id == second["committee"].pk


def test_a_district_s_inbox_is_one_indexed_column(committee_staff):
    sql = str(Feedback.objects.visible_to(committee_staff).open().order_by().query)
    assert '"posts_feedback"."committee_id" IN' in sql and "JOIN" not in sql and "posts_window" not in sql


def test_a_unit_secretary_still_sees_their_windows_feedback_only(world, second, unit_secretary, unit_b):  # noqa: F811
    own = fs.submit_feedback(None, window=Window.objects.get(code="WA"), kind="praise", text="服务热情")
    other = fs.submit_feedback(None, window=Window.objects.get(code="WB"), kind="praise", text="另一单位")
    seen = set(Feedback.objects.visible_to(unit_secretary))
    assert own in seen and other not in seen
    assert seen == set(Feedback.objects.filter(window__organisation=own.window.organisation_id))


def test_the_inbox_s_index_holds_exactly_what_awaits_an_answer():
    """The partial index serves the inbox's first tab only while its condition is the tab's status list."""
    from django.db.models import Q

    index = next(i for i in Feedback._meta.indexes if i.name == "feedback_open_due_idx")
    assert index.condition == Q(status__in=list(Feedback.OPEN))
    assert index.fields == ["committee", "due_at"]
