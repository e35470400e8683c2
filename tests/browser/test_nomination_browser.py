"""On a phone-sized screen: a member declares a post, the secretary approves and publishes, the public sees it and objects."""

import pytest

from tests.posts.factories import make_post, make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_a_member_claims_a_post_the_secretary_publishes_and_the_public_sees_it(live_server, page, login_in_browser, member, secretary, branch_a1):
    post = make_post(branch_a1, "企业开办“一窗受理”岗", capacity=2)
    rnd = make_round(branch_a1)
    page.set_viewport_size(PHONE)

    # The member finds the open round on the home page and declares the post.
    login_in_browser("member")
    page.click("text=查看岗位并认岗")
    assert page.locator("h1").inner_text() == str(rnd)
    page.check(f"input[name=post][value='{post.pk}']")
    page.fill("textarea[name=statement]", "我熟悉企业登记,长期在窗口工作。")
    page.click("#nominate [type=submit]")
    page.wait_for_load_state()
    assert "等待组织审核" in page.locator("main").inner_text()
    page.context.clear_cookies()

    # The secretary approves on the review board and publishes.
    login_in_browser("secretary")
    page.goto(f"{live_server.url}/rounds/{rnd.pk}/review/")
    assert "我熟悉企业登记" in page.locator("main").inner_text()
    page.click("main [data-testid=approve]")  # the page that says what approving does
    page.click("main form [type=submit]")
    page.wait_for_load_state()
    assert "已确定" in page.locator("main").inner_text()
    page.click("text=公示 1 个岗位安排")
    page.click("main form[method=post] button.btn-party")
    page.wait_for_load_state()
    assert "公示期至" in page.locator("main").inner_text() or "可提出异议" in page.locator("main").inner_text()
    page.context.clear_cookies()

    # The public, without logging in, sees the assignment and objects.
    page.goto(f"{live_server.url}/announcements/")
    page.click("main .list-group a >> nth=0")
    body = page.locator("main").inner_text()
    assert "张伟" in body and "企业开办“一窗受理”岗" in body
    page.fill("textarea[name=text]", "建议写明窗口位置。")
    page.click("#object [type=submit]")
    page.wait_for_load_state()
    code = page.locator("[data-testid=tracking-code]").inner_text().strip()
    assert len(code) == 12
    page.screenshot(path="/tmp/nomination-phone.png", full_page=True)
