"""The pages in a real browser: Playwright driving Debian's chromium (never a downloaded one).

Each step saves a screenshot into ``artifacts/screenshots/`` (git-ignored) to look at.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newswatch.settings import Settings
from newswatch.store import Store
from newswatch.web import create_app
from newswatch.web.deps import WebConfig
from tests.conftest import ROOT
from tests.web.conftest import hostile_article, zas_article

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "artifacts" / "screenshots"
SAMPLE = ROOT / "samples" / "ru-csto-zas-press-conference.html"


def _need_chromium() -> None:
    problem = None
    if not CHROMIUM.exists():
        problem = (
            f"{CHROMIUM} is missing: apt-get install -y chromium (scripts/setup does it as root)"
        )
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "playwright is not installed: pip install -e '.[test]'"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(problem)
        pytest.skip(problem)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, Any]]]:
    """A real server on loopback over a small base: Zas's statements and a hostile article."""
    _need_chromium()
    import uvicorn

    path = tmp_path_factory.mktemp("browser") / "kb.db"
    store = Store.open(f"sqlite:///{path}")
    for n, day in enumerate(("2022-10-03", "2022-11-14", "2022-12-19", "2022-12-20")):
        store.add_article(zas_article(n, day))
    hostile = hostile_article()
    store.add_article(hostile)
    app = create_app(
        Settings(db=f"sqlite:///{path}"), config=WebConfig(webhooks=False), store=store
    )
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", {"hostile": hostile.id}
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


@pytest.fixture(scope="module")
def browser(server: tuple[str, dict[str, Any]]) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield chromium
        finally:
            chromium.close()


class Watched:
    """A page with listeners: dialogs opened, errors thrown, console errors (CSP refusals)."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1200, "height": 900})
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on(
            "console", lambda msg: self.console.append(msg.text) if msg.type == "error" else None
        )

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    def clean(self) -> None:
        assert self.dialogs == [], f"a script ran: {self.dialogs}"
        assert self.errors == []
        assert [m for m in self.console if "Content Security Policy" in m] == []


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    tab = Watched(browser)
    try:
        yield tab
    finally:
        tab.context.close()


def test_reading_pages_work_in_a_browser(
    server: tuple[str, dict[str, Any]], watched: Watched
) -> None:
    base, _ = server
    page = watched.page
    page.goto(base + "/")
    assert page.locator("h1").inner_text() == "All news"
    assert page.locator("#items li.item").count() == 5
    assert page.evaluate("typeof window.htmx") == "object"  # our one script loaded under the CSP
    watched.shot("feed")
    page.click("text=CSTO chief speaks (3)")
    assert page.locator("mark.q, .q").count() >= 1
    assert page.locator("#text a.ent").first.inner_text() == "Stanislav Zas"
    assert "Sputnik Tajikistan" in page.locator(".chain").first.inner_text()
    watched.shot("article")
    page.goto(base + "/stories")
    watched.shot("stories")
    page.click("#items li.item a.title >> nth=0")
    assert page.locator(".side-by-side .column").count() >= 1
    watched.shot("story")
    page.goto(base + "/search?q=Dushanbe")
    assert page.locator("#items li.item").count() == 4
    watched.shot("search")
    watched.clean()


def test_entity_page_shows_its_chart(server: tuple[str, dict[str, Any]], watched: Watched) -> None:
    base, _ = server
    page = watched.page
    page.goto(base + "/entities")
    watched.shot("entities")
    page.click("text=Stanislav Zas")
    assert page.locator("h1").inner_text().startswith("Stanislav Zas")
    bars = page.locator("#chart rect.bar")
    assert bars.count() == 3  # October, November, December 2022
    heights = [float(bars.nth(i).get_attribute("height") or 0) for i in range(3)]
    assert heights[2] > heights[0] > 0
    box = page.locator("#chart").bounding_box()
    assert box and box["width"] > 300 and box["height"] > 50
    watched.shot("entity")
    page.click("text=week")
    assert page.locator("#chart rect.bar").count() > 3
    watched.clean()


def test_quote_search(server: tuple[str, dict[str, Any]], watched: Watched) -> None:
    base, _ = server
    page = watched.page
    page.goto(base + "/quotes")
    assert page.locator("#items li.item").count() == 4
    page.fill("input[name=about]", "invasion number 2")
    page.click("text=Search quotes")
    page.wait_for_url("**/quotes?**about=invasion*")
    page.wait_for_function("document.querySelectorAll('#items li.item').length === 1")
    assert "number 2" in page.locator("#items li.item").inner_text()
    watched.shot("quotes")
    watched.clean()


def test_hostile_article_runs_no_script(
    server: tuple[str, dict[str, Any]], watched: Watched
) -> None:
    base, ids = server
    page = watched.page
    page.goto(f"{base}/articles/{ids['hostile']}")
    title = page.locator("h1#title").inner_text()
    assert title.startswith('<script>alert("title")</script>')
    assert '<a href="javascript:alert(3)">click</a>' in page.locator("#text").inner_text()
    assert page.locator("#text script, #text img, #title script, #title img").count() == 0
    assert page.locator("[onerror]").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.locator(".original.unsafe").inner_text() == "javascript:alert(4)"
    scripts = page.eval_on_selector_all("script", "els => els.map(e => e.getAttribute('src'))")
    assert scripts == ["/static/htmx.min.js"]
    page.goto(base + "/")  # the feed shows the same title
    page.wait_for_timeout(300)
    watched.shot("hostile")
    watched.clean()


def test_account_watchlist_ingest_and_alert(
    server: tuple[str, dict[str, Any]], watched: Watched
) -> None:
    base, _ = server
    page = watched.page
    page.goto(base + "/watchlists")
    assert "/login" in page.url
    assert "You need an account" in page.inner_text("main")
    watched.shot("login-required")
    page.click("text=Sign up")
    page.fill("input[name=username]", "analyst")
    page.fill("input[name=password]", "a long passphrase")
    page.fill("input[name=password2]", "a long passphrase")
    watched.shot("register")
    page.click("button:has-text('Create the account')")
    page.wait_for_url("**/watchlists")
    page.click("button:has-text('Sign out')")
    page.wait_for_url(base + "/")
    page.goto(base + "/login")
    page.fill("input[name=username]", "analyst")
    page.fill("input[name=password]", "a long passphrase")
    watched.shot("login")
    page.click("main button:has-text('Sign in')")
    page.wait_for_url("**/watchlists")
    page.select_option("select[name=kind]", "keyword")
    page.fill("input[name=value]", "ОДКБ")
    page.fill("input[name=name]", "CSTO in Russian")
    page.click("#new-watchlist button")
    page.wait_for_selector("#watchlists li")
    assert "CSTO in Russian" in page.inner_text("#watchlists")
    page.goto(base + "/ingest")
    page.set_input_files("input[name=file]", str(SAMPLE))
    page.click("main button:has-text('Ingest')")
    page.wait_for_selector("#ingest-result", timeout=120_000)
    assert "new" in page.inner_text("#ingest-result")
    watched.shot("ingest")
    page.click("text=See your alerts")
    alert = page.locator("#alerts li.alert")
    assert alert.count() == 1 and "ОДКБ" in alert.inner_text()
    watched.shot("watchlists")
    page.click("#watchlists a.title")
    feed = page.locator("#feed-url").get_attribute("href")
    assert feed and "token=" in feed
    watched.shot("watchlist")
    atom = page.request.get(feed)
    assert atom.status == 200 and "<entry>" in atom.text()
    page.click("#alerts a.title") if page.locator("#alerts a.title").count() else page.click(
        "#items a.title"
    )
    assert page.locator("h1#title").count() == 1
    watched.shot("alert-article")
    watched.clean()
