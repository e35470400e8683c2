"""The public directory's search, and what a window's page tells the public."""

from django.urls import reverse

from posts.feedback import services as fs


def codes(response):
    return [w.code for w in response.context["object_list"]]


def test_the_directory_finds_windows_by_name_unit_and_service_item(client, window_a, window_b):
    post = window_b.posts.get()
    post.service_items = "户口迁移、居民身份证办理"
    post.save()
    url = reverse("posts:window_directory")
    assert codes(client.get(url)) == ["WA", "WB"]
    assert codes(client.get(url, {"q": "综合受理窗口"})) == ["WA"]
    assert codes(client.get(url, {"q": "公安分局"})) == ["WB"]
    assert codes(client.get(url, {"q": "身份证"})) == ["WB"]
    assert codes(client.get(url, {"unit": "UA"})) == ["WA"]
    assert codes(client.get(url, {"q": "不存在的事项"})) == []


def test_closed_windows_leave_the_directory_but_keep_their_page(client, window_a, window_b):
    window_a.is_active = False
    window_a.save()
    assert codes(client.get(reverse("posts:window_directory"))) == ["WB"]
    page = client.get(reverse("posts:window_public", args=["WA"]))
    assert page.status_code == 200 and "该窗口已关闭" in page.content.decode()


def test_the_window_page_tells_the_public_how_much_feedback_was_concluded(client, window_a, unit_secretary):
    done = fs.submit_feedback(None, window=window_a, kind="complaint", text="投诉")
    fs.conclude_feedback(unit_secretary, feedback=done, text="已整改", upheld=True)
    fs.submit_feedback(None, window=window_a, kind="suggestion", text="建议")
    html = client.get(reverse("posts:window_public", args=["WA"])).content.decode()
    assert "今年共收到群众意见 2 件，已办结 1 件" in html
