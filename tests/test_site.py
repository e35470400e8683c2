"""Guard tests for the whole site: every URL, migrations, language, CSP, demo data."""

import re

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from members.forms import MemberForm


def urls_without_arguments(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith("admin/"):
                continue
            yield from urls_without_arguments(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and not entry.pattern.regex.groupindex and "<" not in str(entry.pattern):
            route = prefix + str(entry.pattern)
            if "^" in route or "(?P" in route or route.startswith("media/"):
                continue
            yield "/" + route


def test_there_are_no_pending_migrations(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.parametrize("role", ["anonymous", "member", "secretary", "committee_staff", "admin"])
def test_every_url_without_arguments_answers_without_error(cast, client_for, role):
    client = client_for(cast[role])
    checked = 0
    for url in urls_without_arguments():
        response = client.get(url)
        assert response.status_code in {200, 302, 403, 405}, f"{url} as {role}: {response.status_code}"
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            html = response.content.decode()
            assert len(re.findall(r"<h1[\s>]", html)) == 1, f"{url} as {role} must have one <h1>"
            # Strict CSP: every script is a file of ours or carries the nonce.
            for tag in re.findall(r"<script[^>]*>", html):
                assert "src=" in tag or "nonce=" in tag, f"inline script on {url}: {tag}"
            assert "style=" not in html, f"inline style attribute on {url}"
        checked += 1
    assert checked >= 8


def test_pages_send_a_strict_content_security_policy(client, db):
    policy = client.get(reverse("home"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_no_page_loads_anything_from_another_site(client, db):
    html = client.get(reverse("home")).content.decode()
    assert not re.search(r"(src|href)=\"(https?:)?//", html)


def test_chinese_is_the_default_language(client, db):
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "共产党员先锋岗" in html


def test_the_language_switcher_changes_to_english(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in html
    assert "Communist Party Member Pioneer Post" in html


def test_the_chinese_catalogue_is_complete():
    from pathlib import Path

    po = (Path(__file__).resolve().parent.parent / "locale/zh_Hans/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    entries = re.findall(r'\nmsgid "(.*)"\n(?:msgid_plural ".*"\n)?msgstr(?:\[0\])? "(.*)"\n', po)
    untranslated = [msgid for msgid, msgstr in entries if msgid and not msgstr]
    fuzzy = po.count("#, fuzzy")
    assert not untranslated, f"untranslated: {untranslated[:10]}"
    assert fuzzy == 0


@pytest.mark.parametrize("typed", ["1986年3月5日", "1986-03-05", "1986/3/5"])
def test_dates_can_be_typed_the_chinese_way(branch_a1, typed):
    form = MemberForm(
        data={"member_no": "X1", "name": "张三", "gender": "M", "birth_date": typed, "education": "bachelor",
              "position": "科员", "standing": "full", "branch": branch_a1.pk},
    )
    assert form.is_valid(), form.errors
    assert str(form.cleaned_data["birth_date"]) == "1986-03-05"


def test_a_nonsense_date_gets_a_chinese_message(branch_a1):
    form = MemberForm(data={"birth_date": "1986年13月45日"})
    assert not form.is_valid()
    assert "输入一个有效的日期" in str(form.errors["birth_date"])


def test_navigation_shows_each_role_what_it_may_do(cast, client_for):
    member_html = client_for(cast["member"]).get(reverse("home")).content.decode()
    secretary_html = client_for(cast["secretary"]).get(reverse("home")).content.decode()
    committee_html = client_for(cast["committee_staff"]).get(reverse("home")).content.decode()
    members_link = f'href="{reverse("members:list")}"'
    audit_link = f'href="{reverse("members:audit_log")}"'
    assert members_link not in member_html
    assert members_link in secretary_html and audit_link not in secretary_html
    assert audit_link in committee_html


def test_page_titles_follow_the_language_of_the_request(cast, client_for, settings):
    # A title translated when the module is imported would stay in whatever language was active then.
    client = client_for(cast["admin"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("members:create")).content.decode()
    assert "<h1" in html and "New member" in html and "新增党员" not in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert "新增党员" in client.get(reverse("members:create")).content.decode()


def test_no_module_translates_text_when_it_is_imported():
    # gettext() in a class body or at module level runs once, in the language active at import: use gettext_lazy there.
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    eager_calls = []
    for path in root.rglob("*.py"):
        if {".venv", "tests", "migrations"} & set(path.relative_to(root).parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        eager = {alias.asname or alias.name for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
                 for alias in node.names if alias.name in {"gettext", "ngettext", "pgettext"}}
        stack = [(child, False) for child in ast.iter_child_nodes(tree)]
        while stack:
            node, in_function = stack.pop()
            in_function = in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if not in_function and isinstance(node, ast.Call) and getattr(node.func, "id", None) in eager:
                eager_calls.append(f"{path.relative_to(root)}:{node.lineno}")
            stack.extend((child, in_function) for child in ast.iter_child_nodes(node))
    assert eager_calls == []
