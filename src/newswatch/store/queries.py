"""Reading the knowledge base: search, the feed, quotes, entities and stories."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import product
from typing import Any

from sqlalchemy import Connection, Engine, desc, func, or_, select

from newswatch.nlp.russian import first_name_nominative, surname_candidates
from newswatch.record import Article
from newswatch.resolve import loose_key, script_of_name
from newswatch.store.fulltext import FullText
from newswatch.store.kb import EntityResolver
from newswatch.store.schema import (
    article_entities,
    articles,
    entities,
    entity_names,
    entity_roles,
    errors,
    quotes,
    stories,
)

__all__ = ["Page", "Queries", "decode_cursor"]

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list and the cursor of the next (None at the end)."""

    items: list[dict[str, Any]]
    next: str | None


def _clean(value: str | None) -> str:
    """A user's query without the NUL characters no database accepts."""
    return (value or "").replace("\x00", "")


def _encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        offset = int(json.loads(base64.urlsafe_b64decode(padded))["o"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"not a cursor: {cursor!r}") from exc
    if offset < 0:
        raise ValueError(f"not a cursor: {cursor!r}")
    return offset


def _outlet(row: Mapping[Any, Any]) -> dict[str, Any] | None:
    if row["outlet_name"] is None and row["outlet_domain"] is None:
        return None
    return {"name": row["outlet_name"], "domain": row["outlet_domain"]}


def _snippet(text: str, query: str | None, width: int = 160) -> str:
    if not text:
        return ""
    at = 0
    if query:
        lowered = text.lower()
        for word in _WORD.findall(query.lower()):
            found = lowered.find(word)
            if found >= 0:
                at = found
                break
    start = max(0, at - width // 3)
    piece = text[start : start + width].replace("\n", " ")
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def _nominative_forms(name: str) -> list[str]:
    """The nominatives a Russian name written in any case may stand for ("Зася" -> "Зась").

    Each word's readings (surname rules and first-name morphology) are combined, at most a few.
    """
    words = name.split()
    if not words or len(words) > 3 or script_of_name(name) != "cyrl":
        return []
    readings: list[list[str]] = []
    for word in words:
        options = list(surname_candidates(word))
        first = first_name_nominative(word)
        if first is not None and first.nominative not in options:
            options.append(first.nominative)
        readings.append(options[:4])
    return [" ".join(combo) for combo in product(*readings)][:32]


class Queries:
    """The read side of :class:`~newswatch.store.Store`."""

    engine: Engine
    fulltext: FullText
    resolver: EntityResolver

    # -- reading ---------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                "articles": conn.execute(select(func.count()).select_from(articles)).scalar_one(),
                "quotes": conn.execute(select(func.count()).select_from(quotes)).scalar_one(),
                "entities": conn.execute(
                    select(func.count())
                    .select_from(entities)
                    .where(entities.c.merged_into.is_(None))
                ).scalar_one(),
                "stories": conn.execute(select(func.count()).select_from(stories)).scalar_one(),
                "errors": conn.execute(select(func.count()).select_from(errors)).scalar_one(),
            }

    def errors(self, limit: int = 100) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(errors).order_by(errors.c.id).limit(limit)).mappings().all()
        return [
            {"source": r["source"], "reason": r["reason"], "at": r["at"].isoformat()} for r in rows
        ]

    def article(self, article_id: str) -> Article | None:
        with self.engine.connect() as conn:
            row = (
                conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
            )
        return self._to_article(row) if row else None

    @staticmethod
    def _to_article(row: Mapping[Any, Any]) -> Article:
        record = row["record"] or {}
        return Article.from_dict(
            {
                "id": row["id"],
                "path": row["path"],
                "url": row["url"],
                "outlet": _outlet(row),
                "language": row["language"],
                "title": row["title"],
                "published": row["published"],
                "authors": row["authors"] or [],
                "text": row["text"],
                "boilerplate": row["boilerplate"] or [],
                "entities": record.get("entities", []),
                "quotes": record.get("quotes", []),
            }
        )

    def iter_articles(self, batch: int = 500) -> Iterator[Article]:
        """Every stored article, oldest first."""
        offset = 0
        while True:
            with self.engine.connect() as conn:
                rows = (
                    conn.execute(
                        select(articles)
                        .order_by(articles.c.ingested_at, articles.c.id)
                        .offset(offset)
                        .limit(batch)
                    )
                    .mappings()
                    .all()
                )
            if not rows:
                return
            for row in rows:
                yield self._to_article(row)
            offset += len(rows)

    @staticmethod
    def _article_summary(row: Mapping[Any, Any]) -> dict[str, Any]:
        return {
            "id": row["id"],
            "title": row["title"],
            "language": row["language"],
            "published": row["published"],
            "url": row["url"],
            "outlet": _outlet(row),
        }

    def search(
        self,
        query: str,
        *,
        lang: str | None = None,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        limit: int = 20,
        cursor: str | None = None,
    ) -> Page:
        """Articles matching ``query`` (words ANDed, "phrases" kept), newest first."""
        offset = decode_cursor(cursor)
        query = _clean(query)
        stmt = select(
            articles.c.id,
            articles.c.title,
            articles.c.language,
            articles.c.published,
            articles.c.url,
            articles.c.outlet_name,
            articles.c.outlet_domain,
            articles.c.text,
        )
        matched = self.fulltext.match_articles(stmt, articles, query) if query.strip() else stmt
        if matched is None:
            return Page(items=[], next=None)
        stmt = self._article_filters(matched, lang=lang, since=since, until=until, outlet=outlet)
        stmt = (
            stmt.order_by(articles.c.published.desc(), articles.c.id)
            .offset(offset)
            .limit(limit + 1)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).mappings().all()
        items = [
            {**self._article_summary(r), "snippet": _snippet(r["text"], query)}
            for r in rows[:limit]
        ]
        return Page(items=items, next=_encode_cursor(offset + limit) if len(rows) > limit else None)

    @staticmethod
    def _article_filters(
        stmt: Any, *, lang: str | None, since: str | None, until: str | None, outlet: str | None
    ) -> Any:
        if lang:
            stmt = stmt.where(articles.c.language == lang)
        if since:
            stmt = stmt.where(articles.c.published >= since)
        if until:
            stmt = stmt.where(articles.c.published <= until)
        if outlet:
            pattern = f"%{outlet.lower()}%"
            stmt = stmt.where(
                or_(
                    func.lower(articles.c.outlet_name).like(pattern),
                    func.lower(articles.c.outlet_domain).like(pattern),
                )
            )
        return stmt

    def feed(
        self,
        *,
        lang: str | None = None,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        limit: int = 20,
        cursor: str | None = None,
    ) -> Page:
        """The news feed: every article, newest first."""
        return self.search(
            "", lang=lang, since=since, until=until, outlet=outlet, limit=limit, cursor=cursor
        )

    def speaker_entities(self, conn: Connection, name: str) -> list[str]:
        """Resolved entity ids any of whose names, in any script or declined form, is ``name``."""
        keys = {loose_key(name)}
        for form in _nominative_forms(name):
            keys.add(loose_key(form))
        keys.discard("")
        if not keys:
            return []
        rows = conn.execute(
            select(entity_names.c.entity_id)
            .where(
                or_(
                    entity_names.c.key.in_(sorted(keys)),
                    *[entity_names.c.key.like(f"% {k}") for k in sorted(keys)],
                )
            )
            .distinct()
        ).all()
        return sorted({self.resolver.canonical(conn, r[0]) for r in rows})

    def quotes(
        self,
        *,
        speaker: str | None = None,
        about: str | None = None,
        since: str | None = None,
        until: str | None = None,
        lang: str | None = None,
        entity_id: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page:
        """Statements, newest first, each with its article."""
        offset = decode_cursor(cursor)
        speaker, about = _clean(speaker), _clean(about)
        stmt = select(
            quotes,
            articles.c.title.label("a_title"),
            articles.c.language.label("a_language"),
            articles.c.published.label("a_published"),
            articles.c.url.label("a_url"),
            articles.c.outlet_name,
            articles.c.outlet_domain,
        ).join(articles, articles.c.id == quotes.c.article_id)
        with self.engine.connect() as conn:
            if speaker:
                ids = self.speaker_entities(conn, speaker)
                if ids:
                    # Indexed: the resolved entity, whatever name or script the text used.
                    stmt = stmt.where(quotes.c.entity_id.in_(ids))
                else:
                    # No entity by that name: unnamed sources ("a source in the ministry").
                    pattern = f"%{speaker.lower()}%"
                    stmt = stmt.where(func.lower(quotes.c.speaker_name).like(pattern))
            if entity_id:
                stmt = stmt.where(quotes.c.entity_id == self.resolver.canonical(conn, entity_id))
            if about:
                matched = self.fulltext.match_quotes(stmt, quotes, about)
                if matched is None:
                    return Page(items=[], next=None)
                stmt = matched
            if since:
                stmt = stmt.where(quotes.c.day >= since)
            if until:
                stmt = stmt.where(quotes.c.day <= until)
            if lang:
                stmt = stmt.where(quotes.c.language == lang)
            stmt = (
                stmt.order_by(quotes.c.day.desc(), quotes.c.article_id, quotes.c.seq)
                .offset(offset)
                .limit(limit + 1)
            )
            rows = conn.execute(stmt).mappings().all()
        items = [self._quote_item(r) for r in rows[:limit]]
        return Page(items=items, next=_encode_cursor(offset + limit) if len(rows) > limit else None)

    @staticmethod
    def _quote_item(r: Mapping[Any, Any]) -> dict[str, Any]:
        speaker = None
        if r["speaker_name"] is not None:
            speaker = {
                "name": r["speaker_name"],
                "entity": r["speaker_local"],
                "mention": r["speaker_mention"],
                "kb_entity": r["entity_id"],
            }
        return {
            "text": r["text"],
            "kind": r["kind"],
            "start": r["start"],
            "end": r["end"],
            "speaker": speaker,
            "cue": r["cue"],
            "date": r["date"],
            "date_text": r["date_text"],
            "via": r["via"] or [],
            "article": {
                "id": r["article_id"],
                "title": r["a_title"],
                "language": r["a_language"],
                "published": r["a_published"],
                "url": r["a_url"],
                "outlet": _outlet(
                    {"outlet_name": r["outlet_name"], "outlet_domain": r["outlet_domain"]}
                ),
            },
        }

    def entities(
        self, *, type: str | None = None, top: int = 50, cursor: str | None = None
    ) -> Page:
        """Entities by the number of articles that name them."""
        offset = decode_cursor(cursor)
        n_articles = func.count(func.distinct(article_entities.c.article_id)).label("articles")
        stmt = (
            select(entities.c.id, entities.c.name, entities.c.type, n_articles)
            .join(article_entities, article_entities.c.entity_id == entities.c.id)
            .where(entities.c.merged_into.is_(None))
            .group_by(entities.c.id, entities.c.name, entities.c.type)
            .order_by(desc("articles"), entities.c.name)
            .offset(offset)
            .limit(top + 1)
        )
        if type:
            stmt = stmt.where(entities.c.type == type.upper())
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).mappings().all()
            items = []
            for r in rows[:top]:
                n_quotes = conn.execute(
                    select(func.count()).select_from(quotes).where(quotes.c.entity_id == r["id"])
                ).scalar_one()
                items.append(
                    {
                        "id": r["id"],
                        "name": r["name"],
                        "type": r["type"],
                        "articles": r["articles"],
                        "quotes": n_quotes,
                    }
                )
        return Page(items=items, next=_encode_cursor(offset + top) if len(rows) > top else None)

    def find_entity(self, name_or_id: str) -> str | None:
        """The id of the entity called ``name_or_id`` (any name, any script) or with that id."""
        name_or_id = _clean(name_or_id)
        with self.engine.connect() as conn:
            if conn.execute(select(entities.c.id).where(entities.c.id == name_or_id)).first():
                return self.resolver.canonical(conn, name_or_id)
            ids = self.speaker_entities(conn, name_or_id)
            if not ids:
                return None
            # The most written-about of them.
            counts = {
                i: conn.execute(
                    select(func.count())
                    .select_from(article_entities)
                    .where(article_entities.c.entity_id == i)
                ).scalar_one()
                for i in ids
            }
        return max(ids, key=lambda i: (counts[i], i))

    def entity(self, name_or_id: str) -> dict[str, Any] | None:
        """An entity with all its names, roles, languages, counts and first and last sighting."""
        entity_id = self.find_entity(name_or_id)
        if entity_id is None:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(entities).where(entities.c.id == entity_id)).mappings().one()
            names = [
                r[0]
                for r in conn.execute(
                    select(entity_names.c.name)
                    .where(entity_names.c.entity_id == entity_id)
                    .order_by(entity_names.c.name)
                )
            ]
            roles = [
                r[0]
                for r in conn.execute(
                    select(entity_roles.c.role)
                    .where(entity_roles.c.entity_id == entity_id)
                    .order_by(entity_roles.c.role)
                )
            ]
            seen = conn.execute(
                select(
                    func.count(func.distinct(articles.c.id)),
                    func.min(articles.c.published),
                    func.max(articles.c.published),
                )
                .join(article_entities, article_entities.c.article_id == articles.c.id)
                .where(article_entities.c.entity_id == entity_id)
            ).one()
            languages = sorted(
                r[0]
                for r in conn.execute(
                    select(articles.c.language)
                    .join(article_entities, article_entities.c.article_id == articles.c.id)
                    .where(
                        article_entities.c.entity_id == entity_id, articles.c.language.is_not(None)
                    )
                    .distinct()
                )
            )
            n_quotes = conn.execute(
                select(func.count()).select_from(quotes).where(quotes.c.entity_id == entity_id)
            ).scalar_one()
        return {
            "id": entity_id,
            "name": row["name"],
            "type": row["type"],
            "aliases": [n for n in names if n != row["name"]],
            "roles": roles,
            "languages": languages,
            "articles": seen[0],
            "quotes": n_quotes,
            "first_seen": seen[1],
            "last_seen": seen[2],
        }

    def stories(
        self,
        *,
        since: str | None = None,
        min_articles: int = 1,
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page:
        """Stories, most recent first, each with its articles (outlets and languages side by side)."""
        offset = decode_cursor(cursor)
        stmt = select(stories).where(stories.c.articles >= min_articles)
        if since:
            stmt = stmt.where(stories.c.last_published >= since)
        stmt = (
            stmt.order_by(stories.c.last_published.desc(), stories.c.id)
            .offset(offset)
            .limit(limit + 1)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).mappings().all()
            items = [self._story_item(conn, r) for r in rows[:limit]]
        return Page(items=items, next=_encode_cursor(offset + limit) if len(rows) > limit else None)

    def story(self, story_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(stories).where(stories.c.id == story_id)).mappings().first()
            return self._story_item(conn, row) if row else None

    def _story_item(self, conn: Connection, r: Mapping[Any, Any]) -> dict[str, Any]:
        members = (
            conn.execute(
                select(
                    articles.c.id,
                    articles.c.title,
                    articles.c.language,
                    articles.c.published,
                    articles.c.url,
                    articles.c.outlet_name,
                    articles.c.outlet_domain,
                    articles.c.duplicate_of,
                )
                .where(articles.c.story_id == r["id"])
                .order_by(articles.c.published, articles.c.ingested_at, articles.c.id)
            )
            .mappings()
            .all()
        )
        return {
            "id": r["id"],
            "title": r["title"],
            "first_published": r["first_published"],
            "last_published": r["last_published"],
            "languages": sorted({m["language"] for m in members if m["language"]}),
            "articles": [
                {**self._article_summary(m), "duplicate_of": m["duplicate_of"]} for m in members
            ],
        }
