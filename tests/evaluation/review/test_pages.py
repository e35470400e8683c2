"""The committee approves and adjusts through the result page."""

from decimal import Decimal as D

from django.urls import reverse

from evaluation.models import Phase, Result


def test_the_committee_approves_and_adjusts_through_the_result_page(client_for, make_year, window_a, committee_staff):
    year = make_year(Phase.REVIEW)
    result = Result.objects.get(year=year, window=window_a, kind="window")
    client = client_for(committee_staff)
    approve = reverse("evaluation:result_approve", args=[year.year, result.pk])
    adjust = reverse("evaluation:result_adjust", args=[year.year, result.pk])
    response = client.post(approve, {"committee_score": "150"}, follow=True)
    assert Result.objects.get(pk=result.pk).status == "open"
    client.post(approve, {"committee_score": "88"})
    assert Result.objects.get(pk=result.pk).status == "approved"
    response = client.post(adjust, {"points": "2", "reason": ""}, follow=True)
    assert Result.objects.get(pk=result.pk).adjustment == 0
    response = client.post(adjust, {"points": "2", "reason": "群众来信表扬三次"}, follow=True)
    assert "群众来信表扬三次" in response.content.decode()
    assert Result.objects.get(pk=result.pk).adjustment == D(2)
