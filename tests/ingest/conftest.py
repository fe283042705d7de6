from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.store.conftest import db_url, pg_database  # noqa: F401  (fixtures shared with the store tests)

TOPICS = [
    ("Dushanbe", "water", "the Rogun dam"), ("Bishkek", "energy", "the Toktogul reservoir"),
    ("Tashkent", "trade", "the new rail link"), ("Almaty", "transport", "the ring road"),
    ("Khujand", "health", "the regional hospital"), ("Osh", "education", "the new university"),
    ("Nukus", "ecology", "the Aral Sea"), ("Termez", "security", "the Afghan border"),
    ("Astana", "finance", "the central bank"), ("Ashgabat", "gas", "the pipeline project"),
    ("Kulob", "agriculture", "the cotton harvest"), ("Karakol", "tourism", "Issyk-Kul resorts"),
    ("Samarkand", "culture", "the old city"), ("Aktau", "shipping", "the Caspian port"),
    ("Khorog", "roads", "the Pamir highway"), ("Fergana", "migration", "seasonal workers"),
]  # fmt: skip


def article_html(n: int) -> str:
    city, topic, thing = TOPICS[n % len(TOPICS)]
    body = "".join(
        f"<p>{city} — Officials in {city} said on Monday that work on {thing} would continue this "
        f"year, as the government's {topic} programme number {n}-{i} enters its next stage. "
        f"Local residents told reporters they had waited for a decision on {thing} for a long time.</p>"
        for i in range(4)
    )
    return (
        f"<html><head><title>{city}: {topic} update {n}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{city}: {topic} update {n}</h1>{body}</article>"
        "<footer>All rights reserved.</footer></body></html>"
    )


class NewsSite(BaseHTTPRequestHandler):
    """A small news site with the usual troubles: 404s, a hang, a PDF, a redirect loop, robots rules."""

    hang_seconds = 3.0

    def log_message(self, *_args: object) -> None:  # keep test output quiet
        pass

    def _send(
        self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        base = f"http://{self.headers['Host']}"
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif path == "/feed.xml":
            items = [f"{base}/news/{n}.html" for n in range(15)] + [
                f"{base}/news/missing.html",
                f"{base}/news/slow.html",
                f"{base}/files/report.pdf",
                f"{base}/loop/a",
                f"{base}/private/secret.html",
            ]
            entries = "".join(
                f"<item><title>Item {i}</title><link>{u}</link></item>" for i, u in enumerate(items)
            )
            feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title>{entries}</channel></rss>'
            self._send(200, feed.encode(), "application/rss+xml")
        elif path == "/sitemap_index.xml":
            xml = (
                '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<sitemap><loc>{base}/sitemap-1.xml</loc></sitemap></sitemapindex>"
            )
            self._send(200, xml.encode(), "application/xml")
        elif path == "/sitemap-1.xml":
            urls = "".join(f"<url><loc>{base}/news/{n}.html</loc></url>" for n in range(3))
            xml = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
            self._send(200, xml.encode(), "application/xml")
        elif (
            path.startswith("/news/")
            and path.removeprefix("/news/").removesuffix(".html").isdigit()
        ):
            n = int(path.removeprefix("/news/").removesuffix(".html"))
            self._send(200, article_html(n).encode(), "text/html; charset=utf-8")
        elif path == "/news/slow.html":
            time.sleep(self.hang_seconds)
            self._send(200, article_html(99).encode(), "text/html")
        elif path == "/files/report.pdf":
            self._send(200, b"%PDF-1.7\n%binary report", "application/pdf")
        elif path == "/loop/a":
            self._send(302, b"", "text/html", {"Location": "/loop/b"})
        elif path == "/loop/b":
            self._send(302, b"", "text/html", {"Location": "/loop/a"})
        elif path == "/private/secret.html":
            self._send(200, article_html(77).encode(), "text/html")
        else:
            self._send(404, b"not found", "text/plain")


@pytest.fixture
def news_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), NewsSite)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def fast_fetch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings for a local server: a short timeout, one attempt, no pacing."""
    monkeypatch.setenv("NEWSWATCH_TIMEOUT", "1")
    monkeypatch.setenv("NEWSWATCH_RETRIES", "1")
    monkeypatch.setenv("NEWSWATCH_HOST_DELAY", "0")
