"""A branch secretary logs in with a real browser and sees the branch's members in Chinese."""

import pytest

from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_secretary_sees_the_branch_members_in_chinese(live_server, login_in_browser, secretary, member, branch_b1):
    MemberFactory(branch=member.branch, name="李娜")
    MemberFactory(branch=branch_b1, name="陈静")
    page = login_in_browser("secretary")
    page.goto(f"{live_server.url}/members/")
    assert page.locator("h1").inner_text() == "党员"
    body = page.locator("main").inner_text()
    assert "张伟" in body and "李娜" in body
    assert "陈静" not in body
    assert page.locator("html").get_attribute("lang") == "zh-hans"
