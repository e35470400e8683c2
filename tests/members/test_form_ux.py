"""Forms that ask sensibly: the browser's date picker, "请选择…" for a required choice, the only branch chosen."""

import datetime

from django.urls import reverse

from members.forms import MemberForm
from members.models import Organisation


def test_date_fields_use_the_date_picker_and_still_read_chinese_dates(db):
    form = MemberForm(initial={"birth_date": datetime.date(1986, 3, 5)})
    html = str(form["birth_date"])
    assert 'type="date"' in html and 'value="1986-03-05"' in html
    bound = MemberForm(data={"birth_date": "1986年3月5日"})
    bound.is_valid()
    assert "birth_date" not in bound.errors


def test_a_required_choice_asks_instead_of_showing_dashes(branch_a1):
    html = str(MemberForm(branches=Organisation.objects.filter(kind="branch"))["gender"])
    assert "---------" not in html and "请选择…" in html
    html = str(MemberForm(branches=Organisation.objects.filter(kind="branch"))["branch"])
    assert "---------" not in html and "请选择…" in html


def test_the_only_possible_branch_is_chosen(branch_a1, branch_a2):
    assert MemberForm(branches=Organisation.objects.filter(pk=branch_a1.pk))["branch"].value() == branch_a1.pk
    assert MemberForm(branches=Organisation.objects.filter(pk__in=[branch_a1.pk, branch_a2.pk]))["branch"].value() is None


def test_the_member_form_is_narrow_and_has_a_cancel_link(client_for, secretary, member):
    html = client_for(secretary).get(reverse("members:edit", args=[member.pk])).content.decode()
    assert 'class="col-lg-8 col-xl-7"' in html
    assert f'href="{reverse("members:detail", args=[member.pk])}">取消</a>' in html
