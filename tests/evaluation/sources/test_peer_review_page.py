"""The peer review form nudges no one: no rating is chosen in advance, and an empty one records nothing."""

import re

from django.urls import reverse

from evaluation.models import PeerRating


def test_no_rating_is_preselected(client_for, assessment_year, member, window_a):
    html = client_for(member.user).get(reverse("evaluation:peer_review", args=[assessment_year.year])).content.decode()
    selects = re.findall(r"<select[^>]*name=\"level\".*?</select>", html, flags=re.S)
    assert selects, "the member has colleagues to rate"
    for select in selects:
        assert re.search(r'<option value="" selected disabled>', select)
        assert not re.search(r'<option value="[^"]+"[^>]*selected', select)


def test_an_empty_rating_records_nothing(client_for, assessment_year, member, window_a):
    colleague = window_a.posts.first().assignments.exclude(member=member).first().member
    url = reverse("evaluation:peer_review", args=[assessment_year.year])
    response = client_for(member.user).post(url, {"rated": colleague.pk, "level": ""}, follow=True)
    assert "请从四个等级中选择一个。" in response.content.decode()
    assert not PeerRating.objects.filter(rater=member, rated=colleague).exists()
