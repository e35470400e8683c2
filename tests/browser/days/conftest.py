"""What every role's day shares: the demo district, a tour that checks each page it lands on, two screens.

Each page a day lands on is checked where it stands: no sideways scrolling (at 390 px on the phone run; at
1024, 1366 and 1440 px on the desktop run), no serious or critical axe-core finding, and in English no
interface text left in Chinese. With SCREENSHOTS=1 the named pages are saved to docs/screenshots/.
"""

import os
import re
import sqlite3
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from members.demo import DEMO_PASSWORD

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
DESKTOP_WIDTHS = (1024, 1366, 1440)
SCREENS = {"phone": PHONE, "desktop": DESKTOP}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
# A CJK ideograph or CJK punctuation: in English only data may contain them.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+")


def axe_source():
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def _axe():
    return axe_source()


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker):
    """Load the demo district once; on SQLite keep a copy in memory so each day starts from it in milliseconds."""
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        if connection.vendor != "sqlite":
            return None
        connection.ensure_connection()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        return copy


@pytest.fixture
def demo(_demo_snapshot, transactional_db):
    """The demo district, fresh for this test (the transactional test empties the database afterwards)."""
    from django.contrib.contenttypes.models import ContentType

    if _demo_snapshot is None:
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    else:
        connection.ensure_connection()
        _demo_snapshot.backup(connection.connection)
    ContentType.objects.clear_cache()
    from django.core.cache import cache

    cache.clear()  # rate limits are per address and every test comes from 127.0.0.1


def data_strings():
    """What people typed, in the database: the only text an English page may show in Chinese.

    What the app wrote (notifications, publication titles, audit actors and reasons, plaque reasons) is a stored
    message (pioneer.words), read in the reader's language: its text column, a snapshot in Chinese, is not data."""
    from django.apps import apps
    from django.db import models

    from pioneer import words

    typed = []
    for model in apps.get_models():
        if model._meta.app_label not in {"members", "posts", "evaluation", "auth"}:
            continue
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField) and not f.choices
                  and not isinstance(f, words.MessageCharField | words.MessageTextField)]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            typed.extend(v for v in row if v and CJK.search(v))
    return "\n".join(typed)


class Tour:
    """One person's browser on one screen, checking every page it lands on."""

    def __init__(self, page, base_url, role, screen, axe, language="zh-hans"):
        self.page, self.base_url, self.role, self.screen, self.axe, self.language = page, base_url, role, screen, axe, language
        self.pages_checked = []
        page.set_viewport_size(SCREENS[screen])
        page.set_default_timeout(10_000)
        page.on("dialog", lambda dialog: dialog.accept())

    def login(self, username, password=DEMO_PASSWORD):
        # A new person at the same browser: a fresh session, but the browser keeps the language it was switched to.
        context = self.page.context
        language = [c for c in context.cookies() if c["name"] == settings.LANGUAGE_COOKIE_NAME]
        context.clear_cookies()
        if language:
            context.add_cookies(language)
        self.go("/accounts/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("main form button[type=submit]")
        self.page.wait_for_load_state()
        assert "/accounts/login/" not in self.page.url, self.main_text()

    def login_by_keyboard(self, username, password=DEMO_PASSWORD):
        """Log in without a mouse: Tab from the top of the page reaches the form, Enter sends it."""
        page = self.page
        page.context.clear_cookies()
        self.go("/accounts/login/")
        for _ in range(30):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.name") == "username":
                break
        else:
            raise AssertionError("the keyboard never reaches the username field")
        page.keyboard.type(username)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == "password"
        page.keyboard.type(password)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "/accounts/login/" not in page.url

    def go(self, path):
        self.page.goto(self.base_url + path)

    def click(self, selector_or_locator):
        target = self.page.locator(selector_or_locator) if isinstance(selector_or_locator, str) else selector_or_locator
        target.first.click()
        self.page.wait_for_load_state()

    def main_text(self):
        return self.page.locator("main").inner_text()

    def switch_language(self, label):
        """Change language with the box in the navigation bar, as a reader would."""
        if not self.page.locator("#language-select").is_visible():
            self.page.click(".navbar-toggler")
        with self.page.expect_navigation():
            self.page.select_option("#language-select", label=label)
        self.language = self.page.locator("html").get_attribute("lang")

    def check(self, name=None):
        """Check the page in view; `name` makes it one of the saved screenshots."""
        page = self.page
        page.wait_for_load_state()
        where = f"{self.role} on {page.url} ({self.screen}, {self.language})"
        assert page.locator("h1").count() >= 1, f"no heading: {where}"
        self._fits(where)
        self._accessible(where)
        if not self.language.startswith("zh"):
            self._speaks_english(where)
        if name and os.environ.get("SCREENSHOTS") == "1" and self.language.startswith("zh"):
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"{self.role}-{name}-{self.screen}.png"))
        self.pages_checked.append(page.url)

    def _fits(self, where):
        page = self.page
        widths = (PHONE["width"],) if self.screen == "phone" else DESKTOP_WIDTHS
        too_wide = {}
        for width in widths:
            if width != page.viewport_size["width"]:
                page.set_viewport_size({"width": width, "height": SCREENS[self.screen]["height"]})
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                too_wide[width] = scroll_width
        page.set_viewport_size(SCREENS[self.screen])
        assert not too_wide, f"wider than the screen ({too_wide}): {where}"

    def _accessible(self, where):
        page = self.page
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(self.axe)
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS)
        serious = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:5]]}"
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, f"axe-core: {where}\n" + "\n".join(serious)

    def _speaks_english(self, where):
        text = self.page.locator("body").inner_text()
        # The language box names Chinese in Chinese on purpose.
        # A list the app joins from data ("信息化、文字写作") is checked piece by piece.
        runs = {piece for run in CJK.findall(text) for piece in re.split(r"[、，；：（）　]+", run) if CJK.search(piece)}
        runs -= {"简体中文", "中文"}
        typed = data_strings()
        untranslated = sorted(run for run in runs if run not in typed)
        assert not untranslated, f"untranslated interface text: {where}: {untranslated}"


@pytest.fixture(params=["phone", "desktop"])
def screen(request):
    return request.param


@pytest.fixture
def tour(demo, live_server, page, screen, _axe):
    return Tour(page, live_server.url, role="", screen=screen, axe=_axe)


@pytest.fixture
def second_tour(demo, live_server, browser, _axe):
    """Another person's browser at the same time (a second context: own cookies, own session)."""
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    yield Tour(context.new_page(), live_server.url, role="", screen="desktop", axe=_axe)
    context.close()
