"""The results filter: every control has a label one can see, not only an option such as “全部”."""

import re

from django.urls import reverse


def _filter_form(html):
    return re.search(r'<form method="get"[^>]*role="search"[^>]*>(.*?)</form>', html, re.S).group(1)


def test_every_filter_control_has_a_visible_label(client_for, committee_staff, assessment_year):
    html = client_for(committee_staff).get(reverse("evaluation:results", args=[assessment_year.year])).content.decode()
    form = _filter_form(html)
    selects = re.findall(r'<select[^>]*id="([^"]+)"', form)
    assert selects == ["id_kind", "id_grade", "id_status", "id_unit"]
    labels = dict((f, (cls, text)) for cls, f, text in re.findall(r'<label class="([^"]*)" for="([^"]+)">([^<]+)</label>', form))
    assert {f: text for f, (_cls, text) in labels.items()} == {"id_kind": "类型", "id_grade": "等次", "id_status": "状态", "id_unit": "单位"}
    assert not any("visually-hidden" in cls for cls, _text in labels.values())
    assert '<option value="" selected>全部类型</option>' in form


def test_a_member_sees_labels_too_without_the_unit(client_for, member, assessment_year):
    html = client_for(member.user).get(reverse("evaluation:results", args=[assessment_year.year])).content.decode()
    form = _filter_form(html)
    assert re.findall(r'<select[^>]*id="([^"]+)"', form) == ["id_kind", "id_grade", "id_status"]
    assert len(re.findall(r'<label class="form-label[^"]*" for="id_', form)) == 3
