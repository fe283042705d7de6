"""Watchlists and alerts: matching at ingest time, and webhook delivery with retries.

A watchlist watches an entity (named in an article), a speaker (makes a statement) or a keyword
(in an article's title or text). :func:`record_alerts` runs inside the knowledge base's write of
each article -- the same transaction -- so alerts are found wherever ingest runs (the CLI, the web
app, a batch load) and an article is stored with its alerts or not at all.

Webhooks follow the outbox pattern: the alert's transaction queues a delivery row; a sender (the
web app runs one in the background; :func:`deliver_pending` can be called by anything) claims
due rows, POSTs them through the fetcher's address guard, and retries with backoff.
"""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import Connection, Engine, and_, delete, func, insert, or_, select, update

from newswatch.record import Article, Quote
from newswatch.resolve import loose_key
from newswatch.store.queries import Page, _encode_cursor, decode_cursor
from newswatch.store.schema import (
    alerts,
    articles,
    entity_names,
    watchlists,
    webhook_deliveries,
)

__all__ = [
    "KINDS",
    "DeliveryReport",
    "WatchlistError",
    "WebhookSender",
    "create_watchlist",
    "delete_watchlist",
    "deliver_pending",
    "get_watchlist",
    "list_alerts",
    "list_watchlists",
    "match_watchlist",
    "record_alerts",
]

KINDS = ("entity", "speaker", "keyword")
MAX_ATTEMPTS = 6
_BACKOFF_SECONDS = 30.0
_CLAIM_SECONDS = 120.0
_SNIPPET = 240


class WatchlistError(ValueError):
    """A watchlist cannot be made as asked; the message says why."""


# -- matching -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Match:
    """Why an article matched a watchlist: the first matching statement, or a piece of text."""

    snippet: str
    quote_seq: int | None = None


def _keyword_pattern(value: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in value.casefold().split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


def _around(text: str, start: int, end: int) -> str:
    lo = max(0, start - _SNIPPET // 3)
    piece = text[lo : lo + _SNIPPET].replace("\n", " ")
    return ("…" if lo else "") + piece + ("…" if lo + _SNIPPET < len(text) else "")


def _quote_snippet(quote: Quote) -> str:
    who = quote.speaker.name if quote.speaker else "?"
    text = quote.text if len(quote.text) <= _SNIPPET else quote.text[:_SNIPPET] + "…"
    return f"{who}: {text}"


def match_watchlist(
    watch: Mapping[Any, Any],
    article: Article,
    local_to_kb: Mapping[str, str],
    canonical: Callable[[str], str],
) -> Match | None:
    """Whether ``article`` (with its entities resolved to ``local_to_kb``) matches ``watch``."""
    kind, value = watch["kind"], watch["value"]
    watched = canonical(watch["entity_id"]) if watch["entity_id"] else None
    if kind == "keyword":
        pattern = _keyword_pattern(value)
        if not pattern.pattern.strip():
            return None
        for field in (article.title or "", article.text):
            found = pattern.search(field.casefold())
            # casefold keeps offsets for almost all text; a snippet near the match is enough.
            if found:
                return Match(snippet=_around(field, found.start(), found.end()))
        return None
    key = loose_key(value)
    if kind == "speaker":
        for seq, quote in enumerate(article.quotes):
            speaker = quote.speaker
            if speaker is None:
                continue
            said_by = local_to_kb.get(speaker.entity) if speaker.entity else None
            by_entity = watched is not None and said_by is not None and said_by == watched
            by_name = bool(key) and any(
                key == loose_key(name) or f" {key}" in f" {loose_key(name)}"
                for name in (speaker.name, speaker.mention or "")
            )
            if by_entity or by_name:
                return Match(snippet=_quote_snippet(quote), quote_seq=seq)
        return None
    if kind == "entity":
        hit = None
        for entity in article.entities:
            kb = local_to_kb.get(entity.id)
            names = (entity.name, *entity.aliases)
            if (watched is not None and kb == watched) or (
                watched is None and key and any(loose_key(n) == key for n in names)
            ):
                hit = entity
                break
        if hit is None:
            return None
        for seq, quote in enumerate(article.quotes):
            if quote.speaker and quote.speaker.entity == hit.id:
                return Match(snippet=_quote_snippet(quote), quote_seq=seq)
        if hit.mentions:
            first = hit.mentions[0]
            return Match(snippet=_around(article.text, first.start, first.end))
        return Match(snippet=_around(article.text, 0, 0))
    return None


def _new_id(result: Any) -> int:
    key = result.inserted_primary_key
    if not key:
        raise RuntimeError("the database did not return the new row's id")
    return int(key[0])


def _late_entity(
    conn: Connection, watch_id: int, value: str, local_to_kb: Mapping[str, str]
) -> str | None:
    """Resolve a watch made before its entity was in the base, once this article brings it.

    Only entities of this article are candidates (so the lookup stays cheap); the id found is
    kept on the watchlist, and later articles match it in any script or spelling.
    """
    key = loose_key(value)
    candidates = sorted(set(local_to_kb.values()))
    if not key or not candidates:
        return None
    row = conn.execute(
        select(entity_names.c.entity_id)
        .where(entity_names.c.key == key, entity_names.c.entity_id.in_(candidates))
        .limit(1)
    ).first()
    if row is None:
        return None
    conn.execute(update(watchlists).where(watchlists.c.id == watch_id).values(entity_id=row[0]))
    return str(row[0])


def has_watchlists(conn: Connection) -> bool:
    return conn.execute(select(watchlists.c.id).limit(1)).first() is not None


def record_alerts(
    conn: Connection,
    article: Article,
    local_to_kb: Mapping[str, str],
    canonical: Callable[[str], str],
) -> int:
    """Store an alert (and queue its webhook) for each watchlist ``article`` matches.

    Called inside the transaction that writes the article; returns the number of alerts.
    """
    watches = conn.execute(select(watchlists)).mappings().all()
    now = datetime.now(UTC)
    made = 0
    for row in watches:
        watch = dict(row)
        if watch["kind"] != "keyword" and watch["entity_id"] is None:
            watch["entity_id"] = _late_entity(conn, watch["id"], watch["value"], local_to_kb)
        found = match_watchlist(watch, article, local_to_kb, canonical)
        if found is None:
            continue
        result = conn.execute(
            insert(alerts).values(
                watchlist_id=watch["id"],
                article_id=article.id,
                quote_seq=found.quote_seq,
                title=article.title,
                snippet=found.snippet,
                created_at=now,
            )
        )
        made += 1
        if watch["webhook_url"]:
            conn.execute(
                insert(webhook_deliveries).values(
                    alert_id=_new_id(result),
                    url=watch["webhook_url"],
                    status="pending",
                    attempts=0,
                    next_at=now,
                )
            )
    return made


# -- watchlists ---------------------------------------------------------------------------------
def _encode(offset: int) -> str:
    return _encode_cursor(offset)


def _watch_item(row: Mapping[Any, Any], *, with_secret: bool) -> dict[str, Any]:
    item = {
        "id": row["id"],
        "name": row["name"],
        "kind": row["kind"],
        "value": row["value"],
        "entity_id": row["entity_id"],
        "webhook_url": row["webhook_url"],
        "created_at": _aware(row["created_at"]).isoformat(),
    }
    if with_secret:
        item["feed_token"] = row["feed_token"]
    return item


def create_watchlist(
    engine: Engine,
    *,
    user_id: int,
    kind: str,
    value: str,
    name: str | None = None,
    webhook_url: str | None = None,
    find_entity: Callable[[str], str | None] | None = None,
) -> dict[str, Any]:
    """A new watchlist of ``user_id``; entity and speaker watches are resolved to an entity."""
    value = " ".join((value or "").replace("\x00", "").split())
    if kind not in KINDS:
        raise WatchlistError(f"kind must be one of {', '.join(KINDS)}")
    if not value or len(value) > 200:
        raise WatchlistError("say what to watch (1 to 200 characters)")
    if kind == "keyword" and not any(ch.isalnum() for ch in value):
        raise WatchlistError("a keyword needs at least one letter or digit")
    webhook_url = (webhook_url or "").strip() or None
    if webhook_url is not None and (
        not re.match(r"^https?://[^\s/]+", webhook_url, re.IGNORECASE) or len(webhook_url) > 2000
    ):
        raise WatchlistError("a webhook must be an http:// or https:// URL")
    entity_id = find_entity(value) if find_entity and kind != "keyword" else None
    name = " ".join((name or "").split())[:200] or f"{kind}: {value}"
    with engine.begin() as conn:
        new_id = _new_id(
            conn.execute(
                insert(watchlists).values(
                    user_id=user_id,
                    name=name,
                    kind=kind,
                    value=value,
                    entity_id=entity_id,
                    feed_token=secrets.token_urlsafe(32),
                    webhook_url=webhook_url,
                    created_at=datetime.now(UTC),
                )
            )
        )
        row = conn.execute(select(watchlists).where(watchlists.c.id == new_id)).mappings().one()
    return _watch_item(row, with_secret=True)


def list_watchlists(
    engine: Engine, *, user_id: int, limit: int = 50, cursor: str | None = None
) -> Page:
    """The watchlists of ``user_id`` (and only theirs), newest first, with their alert counts."""
    offset = decode_cursor(cursor)
    n_alerts = (
        select(func.count())
        .select_from(alerts)
        .where(alerts.c.watchlist_id == watchlists.c.id)
        .scalar_subquery()
    )
    with engine.connect() as conn:
        rows = (
            conn.execute(
                select(watchlists, n_alerts.label("alerts"))
                .where(watchlists.c.user_id == user_id)
                .order_by(watchlists.c.id.desc())
                .offset(offset)
                .limit(limit + 1)
            )
            .mappings()
            .all()
        )
    items = [{**_watch_item(r, with_secret=True), "alerts": r["alerts"]} for r in rows[:limit]]
    return Page(items=items, next=_encode(offset + limit) if len(rows) > limit else None)


def get_watchlist(engine: Engine, *, user_id: int, watchlist_id: int) -> dict[str, Any] | None:
    """The watchlist, when it is ``user_id``'s; None otherwise (others' look like missing ones)."""
    with engine.connect() as conn:
        row = (
            conn.execute(
                select(watchlists).where(
                    watchlists.c.id == watchlist_id, watchlists.c.user_id == user_id
                )
            )
            .mappings()
            .first()
        )
    return _watch_item(row, with_secret=True) if row else None


def watchlist_by_feed_token(
    engine: Engine, *, watchlist_id: int, token: str
) -> dict[str, Any] | None:
    """The watchlist whose private feed ``token`` is given (compared in constant time)."""
    with engine.connect() as conn:
        row = (
            conn.execute(select(watchlists).where(watchlists.c.id == watchlist_id))
            .mappings()
            .first()
        )
    if row is None or not secrets.compare_digest(
        row["feed_token"].encode(), (token or "").encode()
    ):
        return None
    return _watch_item(row, with_secret=False)


def delete_watchlist(engine: Engine, *, user_id: int, watchlist_id: int) -> bool:
    with engine.begin() as conn:
        owned = conn.execute(
            select(watchlists.c.id).where(
                watchlists.c.id == watchlist_id, watchlists.c.user_id == user_id
            )
        ).first()
        if owned is None:
            return False
        alert_ids = select(alerts.c.id).where(alerts.c.watchlist_id == watchlist_id)
        conn.execute(delete(webhook_deliveries).where(webhook_deliveries.c.alert_id.in_(alert_ids)))
        conn.execute(delete(alerts).where(alerts.c.watchlist_id == watchlist_id))
        conn.execute(delete(watchlists).where(watchlists.c.id == watchlist_id))
    return True


def list_alerts(
    engine: Engine,
    *,
    watchlist_ids: list[int],
    limit: int = 50,
    cursor: str | None = None,
) -> Page:
    """Alerts of the given watchlists, newest first, each with its article's summary."""
    offset = decode_cursor(cursor)
    if not watchlist_ids:
        return Page(items=[], next=None)
    with engine.connect() as conn:
        rows = (
            conn.execute(
                select(
                    alerts,
                    watchlists.c.name.label("watchlist_name"),
                    articles.c.published,
                    articles.c.url,
                    articles.c.language,
                    articles.c.outlet_name,
                )
                .join(watchlists, watchlists.c.id == alerts.c.watchlist_id)
                .join(articles, articles.c.id == alerts.c.article_id)
                .where(alerts.c.watchlist_id.in_(watchlist_ids))
                .order_by(alerts.c.id.desc())
                .offset(offset)
                .limit(limit + 1)
            )
            .mappings()
            .all()
        )
    items = [
        {
            "id": r["id"],
            "watchlist": {"id": r["watchlist_id"], "name": r["watchlist_name"]},
            "article": {
                "id": r["article_id"],
                "title": r["title"],
                "published": r["published"],
                "url": r["url"],
                "language": r["language"],
                "outlet": r["outlet_name"],
            },
            "quote_seq": r["quote_seq"],
            "snippet": r["snippet"],
            "created_at": _aware(r["created_at"]).isoformat(),
        }
        for r in rows[:limit]
    ]
    return Page(items=items, next=_encode(offset + limit) if len(rows) > limit else None)


# -- webhooks -----------------------------------------------------------------------------------
@dataclass
class DeliveryReport:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0


Guard = Callable[[str], None]


def _aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _payload(conn: Connection, alert_id: int) -> dict[str, Any] | None:
    row = (
        conn.execute(
            select(
                alerts,
                watchlists.c.name.label("watchlist_name"),
                watchlists.c.kind,
                watchlists.c.value,
                articles.c.url,
                articles.c.published,
            )
            .join(watchlists, watchlists.c.id == alerts.c.watchlist_id)
            .join(articles, articles.c.id == alerts.c.article_id)
            .where(alerts.c.id == alert_id)
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    return {
        "alert": row["id"],
        "watchlist": {"id": row["watchlist_id"], "name": row["watchlist_name"]},
        "watch": {"kind": row["kind"], "value": row["value"]},
        "article": {
            "id": row["article_id"],
            "title": row["title"],
            "url": row["url"],
            "published": row["published"],
        },
        "snippet": row["snippet"],
        "created_at": _aware(row["created_at"]).isoformat(),
    }


def deliver_pending(
    engine: Engine,
    *,
    guard: Guard,
    client: httpx.Client,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    batch: int = 20,
) -> DeliveryReport:
    """POST every due webhook once; failures are retried later with exponential backoff.

    ``guard(url)`` raises when the URL must not be contacted (the fetcher's address guard);
    redirects are not followed, so every address contacted is one the guard saw.
    """
    report = DeliveryReport()
    moment = now()
    with engine.connect() as conn:
        due = conn.execute(
            select(webhook_deliveries.c.id)
            .where(
                webhook_deliveries.c.status == "pending",
                webhook_deliveries.c.next_at <= moment,
                or_(
                    webhook_deliveries.c.claimed_until.is_(None),
                    webhook_deliveries.c.claimed_until < moment,
                ),
            )
            .order_by(webhook_deliveries.c.next_at)
            .limit(batch)
        ).all()
    for (delivery_id,) in due:
        with engine.begin() as conn:
            claimed = conn.execute(
                update(webhook_deliveries)
                .where(
                    and_(
                        webhook_deliveries.c.id == delivery_id,
                        webhook_deliveries.c.status == "pending",
                        or_(
                            webhook_deliveries.c.claimed_until.is_(None),
                            webhook_deliveries.c.claimed_until < moment,
                        ),
                    )
                )
                .values(claimed_until=moment + timedelta(seconds=_CLAIM_SECONDS))
            ).rowcount
            if claimed != 1:
                continue  # another sender has it
            row = (
                conn.execute(
                    select(webhook_deliveries).where(webhook_deliveries.c.id == delivery_id)
                )
                .mappings()
                .one()
            )
            payload = _payload(conn, row["alert_id"])
        error = _send(row["url"], payload, guard=guard, client=client) if payload else None
        attempts = row["attempts"] + 1
        values: dict[str, Any] = {"attempts": attempts, "claimed_until": None}
        if payload is None:
            values.update(status="failed", last_error="the alert no longer exists")
            report.failed += 1
        elif error is None:
            values.update(status="delivered", delivered_at=now(), last_error=None)
            report.delivered += 1
        elif attempts >= MAX_ATTEMPTS:
            values.update(status="failed", last_error=error)
            report.failed += 1
        else:
            wait = _BACKOFF_SECONDS * 2 ** (attempts - 1)
            values.update(last_error=error, next_at=now() + timedelta(seconds=wait))
            report.retrying += 1
        with engine.begin() as conn:
            conn.execute(
                update(webhook_deliveries)
                .where(webhook_deliveries.c.id == delivery_id)
                .values(**values)
            )
    return report


def _send(url: str, payload: dict[str, Any], *, guard: Guard, client: httpx.Client) -> str | None:
    """POST ``payload`` to ``url``; None when it was accepted (2xx), else the reason."""
    try:
        guard(url)
    except Exception as exc:  # the guard's refusal is the reason, and it is final for this try
        return str(exc)
    try:
        response = client.post(
            url,
            content=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
            headers={"Content-Type": "application/json", "X-Newswatch-Event": "alert"},
            follow_redirects=False,
        )
    except httpx.HTTPError as exc:
        return f"connection failed ({type(exc).__name__})"
    if 200 <= response.status_code < 300:
        return None
    return f"HTTP {response.status_code}"


class WebhookSender:
    """A background thread that delivers due webhooks every ``interval`` seconds until stopped."""

    def __init__(
        self, engine: Engine, *, guard: Guard, client: httpx.Client, interval: float = 5.0
    ) -> None:
        self.engine = engine
        self.guard = guard
        self.client = client
        self.interval = interval
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="newswatch-webhooks", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def poke(self) -> None:
        """Deliver now (after an ingest made alerts) rather than at the next tick."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=10)
        self.client.close()

    def _run(self) -> None:
        while not self._stop.is_set():
            # A database hiccup must not end the sender: the next tick tries again.
            with contextlib.suppress(Exception):
                deliver_pending(self.engine, guard=self.guard, client=self.client)
            self._wake.wait(self.interval)
            self._wake.clear()
