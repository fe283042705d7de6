"""Polite fetching: URLs, RSS/Atom feeds and sitemaps as sources.

robots.txt is honoured, each host is paced, errors worth retrying are retried with backoff,
every request has a timeout, a size cap and a bounded number of redirects (each hop checked),
only HTML is accepted as an article, and private, loopback and link-local addresses are
refused unless explicitly allowed.
"""

from __future__ import annotations

import gzip
import ipaddress
import socket
import time
import urllib.robotparser
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import httpx
from lxml import etree

from newswatch.ingest import Source
from newswatch.settings import Settings

__all__ = [
    "FetchError",
    "Fetcher",
    "check_address",
    "iter_feed_sources",
    "iter_sitemap_sources",
    "iter_url_sources",
]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class FetchError(Exception):
    """A URL could not be fetched; the message is the reason."""


def check_address(url: str, *, allow_private: bool) -> None:
    """Refuse URLs that are not http(s), or whose host resolves to a non-public address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not an http(s) URL: {url}")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(
            parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
        )
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {parts.hostname} ({exc.strerror})") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise FetchError(
                f"refused: {parts.hostname} is a private, loopback or link-local address ({address});"
                " use --allow-private to fetch it"
            )


@dataclass(frozen=True, slots=True)
class Response:
    url: str
    status: int
    content_type: str
    data: bytes
    location: str | None = None


class Fetcher:
    """An HTTP client that behaves: robots.txt, pacing per host, retries, caps, address guard."""

    def __init__(
        self, *, settings: Settings, allow_private: bool = False, client: httpx.Client | None = None
    ) -> None:
        self.settings = settings
        self.allow_private = allow_private
        self._client = client or httpx.Client(
            follow_redirects=False,
            timeout=httpx.Timeout(settings.timeout),
            headers={
                "User-Agent": settings.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5",
            },
        )
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._last: dict[str, float] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- politeness -------------------------------------------------------------------------
    def _pace(self, url: str) -> None:
        host = urlsplit(url).netloc
        delay = self.settings.host_delay
        robots = self._robots.get(host)
        if robots is not None:
            crawl_delay = robots.crawl_delay(self.settings.user_agent)
            if crawl_delay:
                delay = max(delay, float(crawl_delay))
        wait = self._last.get(host, 0.0) + delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets our User-Agent fetch ``url`` (no robots.txt: yes)."""
        parts = urlsplit(url)
        host = parts.netloc
        if host not in self._robots:
            robots_url = f"{parts.scheme}://{host}/robots.txt"
            parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser(
                robots_url
            )
            try:
                response = self._get(robots_url, attempts=1)
            except FetchError:
                parser = None  # unreachable robots.txt: treat as no rules
            else:
                assert parser is not None
                if response.status >= 400:
                    parser = None
                else:
                    parser.parse(response.data.decode("utf-8", "replace").splitlines())
            self._robots[host] = parser
        robots = self._robots[host]
        return robots is None or robots.can_fetch(self.settings.user_agent, url)

    # -- fetching ---------------------------------------------------------------------------
    def _get(self, url: str, *, attempts: int | None = None) -> Response:
        attempts = attempts or max(1, self.settings.retries)
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            check_address(current, allow_private=self.allow_private)
            response = self._get_once(current, attempts)
            if response.status in _REDIRECTS:
                location = response.location
                if not location:
                    raise FetchError(f"redirect without a Location from {current}")
                current = urljoin(current, location)
                continue
            return response
        raise FetchError(f"too many redirects (more than {self.settings.max_redirects})")

    def _get_once(self, url: str, attempts: int) -> Response:
        last_error = "no attempt made"
        for attempt in range(attempts):
            if attempt:
                time.sleep(min(8.0, 0.5 * 2 ** (attempt - 1)))
            self._pace(url)
            try:
                with self._client.stream("GET", url) as response:
                    if response.status_code in _REDIRECTS:
                        return Response(
                            url, response.status_code, "", b"", response.headers.get("location")
                        )
                    if response.status_code in _RETRY_STATUS:
                        last_error = f"HTTP {response.status_code}"
                        continue
                    data = self._read_capped(response)
                    ctype = response.headers.get("content-type", "")
                    return Response(url, response.status_code, ctype, data)
            except httpx.TimeoutException:
                last_error = f"timed out after {self.settings.timeout:g} s"
            except httpx.TransportError as exc:
                last_error = f"connection failed ({type(exc).__name__})"
        raise FetchError(last_error)

    def _read_capped(self, response: httpx.Response) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(f"over the size limit of {limit} bytes ({declared} declared)")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_raw():
            size += len(chunk)
            if size > limit:
                raise FetchError(f"over the size limit of {limit} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    def fetch(self, url: str, *, want: tuple[str, ...] | None = _HTML_TYPES) -> Response:
        """GET ``url`` politely; raise :class:`FetchError` with the reason when it cannot be had."""
        if not self.allowed(url):
            raise FetchError("disallowed by robots.txt")
        response = self._get(url)
        if response.status >= 400:
            raise FetchError(f"HTTP {response.status}")
        ctype = response.content_type.split(";")[0].strip().lower()
        if want is not None and ctype and ctype not in want:
            raise FetchError(f"not an HTML page ({ctype})")
        return response


def _source(fetcher: Fetcher, url: str) -> Source:
    try:
        response = fetcher.fetch(url)
    except FetchError as exc:
        return Source(name=url, url=url, error=str(exc))
    return Source(name=url, url=response.url, data=response.data)


def iter_url_sources(urls: list[str], fetcher: Fetcher) -> Iterator[Source]:
    """Each page URL as a source."""
    for url in urls:
        yield _source(fetcher, url)


def iter_feed_sources(feed_url: str, fetcher: Fetcher) -> Iterator[Source]:
    """The pages an RSS or Atom feed links to."""
    try:
        response = fetcher.fetch(feed_url, want=None)
    except FetchError as exc:
        yield Source(name=feed_url, url=feed_url, error=f"feed: {exc}")
        return
    parsed: Any = feedparser.parse(response.data)
    links = [e.get("link") for e in parsed.entries if e.get("link")]
    if not links:
        reason = "not a feed, or a feed without links"
        if getattr(parsed, "bozo", False):
            reason += f" ({parsed.get('bozo_exception')})"
        yield Source(name=feed_url, url=feed_url, error=reason)
        return
    for link in dict.fromkeys(urljoin(response.url, link) for link in links):
        yield _source(fetcher, link)


def _sitemap_locs(data: bytes) -> tuple[list[str], list[str]]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    root = etree.fromstring(data, parser=parser)
    if root is None:
        raise FetchError("not a sitemap (unparseable XML)")
    tag = etree.QName(root).localname
    locs = [
        el.text.strip()
        for el in root.iter(f"{_SITEMAP_NS}loc", "loc")
        if el.text and el.text.strip()
    ]
    return (locs, []) if tag == "sitemapindex" else ([], locs)


def iter_sitemap_sources(
    sitemap_url: str, fetcher: Fetcher, *, max_sitemaps: int = 1000
) -> Iterator[Source]:
    """The pages of a sitemap, news sitemap or sitemap index (followed, bounded)."""
    queue = [sitemap_url]
    seen: set[str] = set()
    while queue and len(seen) < max_sitemaps:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            response = fetcher.fetch(url, want=None)
            children, pages = _sitemap_locs(_maybe_gunzip(response.data))
        except (FetchError, etree.XMLSyntaxError) as exc:
            yield Source(name=url, url=url, error=f"sitemap: {exc}")
            continue
        queue.extend(children)
        for page in dict.fromkeys(pages):
            yield _source(fetcher, page)


def _maybe_gunzip(data: bytes) -> bytes:
    if data[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise FetchError(f"corrupt gzip sitemap ({exc})") from exc
    return data
