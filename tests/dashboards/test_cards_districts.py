"""Vote cards are a district's own: its staff print them for their own windows and see their own batches only."""

import pytest
from django.urls import reverse

from evaluation.models import EvaluationYear, Phase
from evaluation.vote.services import generate_tokens, generate_tokens_for_windows
from pioneer.errors import Refusal
from posts.models import Window
from tests.dashboards.test_districts import city, second  # noqa: F401 - fixtures
from tests.factories import RoleFactory, UserFactory


@pytest.fixture
def year(db):
    return EvaluationYear.objects.create(year=2031, phase=Phase.ASSESSMENT)


def test_a_district_s_staff_cannot_print_another_district_s_cards(world, second, committee_staff, year):  # noqa: F811
    theirs = Window.objects.get(code="W2")
    with pytest.raises(Refusal):
        generate_tokens(committee_staff, year=year, window=theirs, size=5)
    with pytest.raises(Refusal):
        generate_tokens_for_windows(committee_staff, year=year, windows=[Window.objects.get(code="WA"), theirs],
                                    size_per_window=5)
    assert not year.token_batches.exists()
    # Their own staff can.
    staff_two = RoleFactory(user=UserFactory(username="staff_two"), kind="committee_staff",
                            organisation=second["committee"]).user
    batch, codes = generate_tokens(staff_two, year=year, window=theirs, size=5)
    assert (batch.window, len(codes)) == (theirs, 5)


def test_the_card_page_offers_and_lists_the_district_s_own_windows(world, second, committee_staff, year, client_for):  # noqa: F811
    staff_two = RoleFactory(user=UserFactory(username="staff_two"), kind="committee_staff",
                            organisation=second["committee"]).user
    generate_tokens(staff_two, year=year, window=Window.objects.get(code="W2"), size=5)
    generate_tokens(committee_staff, year=year, window=Window.objects.get(code="WA"), size=5)
    page = client_for(committee_staff).get(reverse("evaluation:tokens", args=[year.year]))
    offered = set(page.context["form"].fields["window"].queryset.values_list("code", flat=True))
    assert "WA" in offered and "W2" not in offered
    wa = Window.objects.select_related("organisation").get(code="WA")
    assert f"{wa.organisation.name} · {wa.name}（WA）" in page.content.decode(), "each window is named with its unit"
    assert [b.window.code for b in page.context["page_obj"]] == ["WA"]
    # Posting another district's window is refused by the form, and nothing is made.
    refused = client_for(committee_staff).post(reverse("evaluation:tokens", args=[year.year]), {
        "window": Window.objects.get(code="W2").pk, "size": 5, "valid_days": 30,
        "submission": "4a7c9c1e-7c55-4a0e-9a4e-2d3f6f0f1a11"})
    assert refused.status_code == 200 and "window" in refused.context["form"].errors
    assert year.token_batches.count() == 2
