"""The knowledge base: articles, entities, quotes and stories in SQLite or PostgreSQL.

Each article is written in one transaction -- the article, its full-text rows, its resolved
entities, its quotes, its near-duplicate bands and its story -- so a killed run leaves nothing
half-written, and running again finishes the rest. Ingest is idempotent: an article already
stored (same id: canonical URL or normalised text) is not stored again.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Connection, Engine, delete, desc, func, insert, select, update

from newswatch.knowledge import load_knowledge
from newswatch.record import Article
from newswatch.store.engine import make_engine, migrate
from newswatch.store.fulltext import FullText, PostgresFullText, SQLiteFullText
from newswatch.store.kb import EntityResolver, KnowledgeLookup
from newswatch.store.queries import Queries, _snippet
from newswatch.store.schema import (
    article_entities,
    articles,
    entities,
    errors,
    lsh_bands,
    quotes,
    sources,
    stories,
)
from newswatch.stories import (
    DUPLICATE_JACCARD,
    STORY_WINDOW_DAYS,
    TYPE_WEIGHT,
    band_keys,
    jaccard,
    same_story,
    shingles,
    story_score,
)

__all__ = ["IngestResult", "Store"]

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What happened to one input: ``new``, ``duplicate``, ``skipped`` (done before) or ``failed``."""

    source: str
    status: str
    article_id: str | None = None
    reason: str | None = None


def _shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


class Store(Queries):
    """The knowledge base on one database. Open with :meth:`open`; close when done."""

    def __init__(self, engine: Engine, *, knowledge: KnowledgeLookup | None = None) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self.fulltext: FullText = (
            PostgresFullText() if self.dialect == "postgresql" else SQLiteFullText()
        )
        self.resolver = EntityResolver(knowledge)

    @classmethod
    def open(cls, url: str, *, knowledge: KnowledgeLookup | None = None) -> Store:
        """Open (and create or migrate) the knowledge base at ``url``."""
        engine = make_engine(url)
        migrate(engine)
        if knowledge is None:
            knowledge = _default_knowledge()
        return cls(engine, knowledge=knowledge)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------
    def source_done(self, source: str, digest: str | None = None) -> bool:
        """Whether ``source`` was stored before (with the same content, when ``digest`` is given)."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(sources.c.digest, sources.c.status).where(sources.c.source == source)
            ).first()
        if row is None or row[1] == "failed":
            return False
        return digest is None or row[0] == digest

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            return (
                conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first()
                is not None
            )

    def _mark_source(
        self,
        conn: Connection,
        source: str | None,
        digest: str | None,
        article_id: str | None,
        status: str,
    ) -> None:
        if source is None:
            return
        conn.execute(delete(sources).where(sources.c.source == source))
        conn.execute(
            insert(sources).values(
                source=source,
                digest=digest or "",
                article_id=article_id,
                status=status,
                at=datetime.now(UTC),
            )
        )

    def record_failure(
        self, source: str, reason: str, *, digest: str | None = None
    ) -> IngestResult:
        """Keep a failed input and its reason; nothing else changes."""
        with self.engine.begin() as conn:
            conn.execute(insert(errors).values(source=source, reason=reason, at=datetime.now(UTC)))
            self._mark_source(conn, source, digest, None, "failed")
        return IngestResult(source=source, status="failed", reason=reason)

    def add_article(
        self, article: Article, *, source: str | None = None, digest: str | None = None
    ) -> IngestResult:
        """Store ``article`` whole or not at all; an article already stored is left as it is."""
        label = source or article.url or article.path or article.id
        with self.engine.begin() as conn:
            if (
                conn.execute(select(articles.c.id).where(articles.c.id == article.id)).first()
                is not None
            ):
                self._mark_source(conn, source, digest, article.id, "duplicate")
                return IngestResult(source=label, status="duplicate", article_id=article.id)
            grams = shingles(article.text)
            bands = band_keys(grams) if grams else []
            duplicate_of = self._near_duplicate(conn, grams, bands)
            record = article.to_dict()
            conn.execute(
                insert(articles).values(
                    id=article.id,
                    url=article.url,
                    path=article.path,
                    source=source,
                    outlet_name=article.outlet.name if article.outlet else None,
                    outlet_domain=article.outlet.domain if article.outlet else None,
                    language=article.language,
                    title=article.title,
                    published=(article.published or None) and article.published[:10],
                    authors=list(article.authors),
                    text=article.text,
                    boilerplate=list(article.boilerplate),
                    record={"entities": record["entities"], "quotes": record["quotes"]},
                    duplicate_of=duplicate_of,
                    ingested_at=datetime.now(UTC),
                )
            )
            self.fulltext.index_article(
                conn, article.id, article.title or "", article.text, article.language
            )
            if bands:
                conn.execute(
                    insert(lsh_bands), [{"band": b, "article_id": article.id} for b in bands]
                )
            local_to_kb = self._store_entities(conn, article)
            self._store_quotes(conn, article, local_to_kb)
            self._assign_story(conn, article, local_to_kb, duplicate_of)
            # Watchlists: alerts are found here, in the article's own transaction, so every
            # ingest path finds them (imported here: newswatch.alerts reads the store's tables).
            from newswatch.alerts import has_watchlists, record_alerts

            if has_watchlists(conn):
                record_alerts(
                    conn, article, local_to_kb, lambda i: self.resolver.canonical(conn, i)
                )
            self._mark_source(conn, source, digest, article.id, "new")
        return IngestResult(source=label, status="new", article_id=article.id)

    def _near_duplicate(self, conn: Connection, grams: set[str], bands: list[str]) -> str | None:
        if not bands:
            return None
        rows = conn.execute(
            select(lsh_bands.c.article_id, func.count().label("n"))
            .where(lsh_bands.c.band.in_(bands))
            .group_by(lsh_bands.c.article_id)
            .order_by(desc("n"))
            .limit(20)
        ).all()
        best: tuple[float, str] | None = None
        for candidate, _n in rows:
            other = conn.execute(
                select(articles.c.text, articles.c.duplicate_of).where(articles.c.id == candidate)
            ).first()
            if other is None:
                continue
            score = jaccard(grams, shingles(other[0]))
            if score >= DUPLICATE_JACCARD and (best is None or score > best[0]):
                best = (score, other[1] or candidate)
        return best[1] if best else None

    def _store_entities(self, conn: Connection, article: Article) -> dict[str, str]:
        local_to_kb = self.resolver.resolve_all(conn, article.entities, article_id=article.id)
        rows = [
            {
                "article_id": article.id,
                "local_id": entity.id,
                "entity_id": local_to_kb[entity.id],
                "mentions": max(1, len(entity.mentions)),
            }
            for entity in article.entities
        ]
        if rows:
            conn.execute(insert(article_entities), rows)
        return local_to_kb

    def _store_quotes(
        self, conn: Connection, article: Article, local_to_kb: dict[str, str]
    ) -> None:
        if not article.quotes:
            return
        day = (article.published or None) and article.published[:10]
        rows = []
        for seq, quote in enumerate(article.quotes):
            speaker = quote.speaker
            rows.append(
                {
                    "article_id": article.id,
                    "seq": seq,
                    "text": quote.text,
                    "kind": quote.kind,
                    "start": quote.start,
                    "end": quote.end,
                    "speaker_name": speaker.name if speaker else None,
                    "speaker_mention": speaker.mention if speaker else None,
                    "speaker_local": speaker.entity if speaker else None,
                    "entity_id": local_to_kb.get(speaker.entity)
                    if speaker and speaker.entity
                    else None,
                    "cue": quote.cue,
                    "date": quote.date,
                    "date_text": quote.date_text,
                    "via": list(quote.via),
                    "language": article.language,
                    "day": quote.date or day,
                }
            )
        conn.execute(insert(quotes), rows)
        self.fulltext.index_quotes(conn, article.id, article.language)

    def _assign_story(
        self,
        conn: Connection,
        article: Article,
        local_to_kb: dict[str, str],
        duplicate_of: str | None,
    ) -> None:
        story_id: str | None = None
        if duplicate_of is not None:
            row = conn.execute(
                select(articles.c.story_id).where(articles.c.id == duplicate_of)
            ).first()
            story_id = row[0] if row else None
        mine = self._entity_types(conn, list(set(local_to_kb.values())))
        if story_id is None and mine and article.published:
            day = article.published[:10]
            low: str | None = None
            high: str | None = None
            with contextlib.suppress(ValueError):  # not a date: no story window
                low, high = _shift(day, -STORY_WINDOW_DAYS), _shift(day, STORY_WINDOW_DAYS)
            if low and high:
                story_id = self._story_of_closest(conn, article.id, mine, low, high)
        now = datetime.now(UTC)
        published = (article.published or None) and article.published[:10]
        if story_id is None:
            story_id = article.id
            conn.execute(
                insert(stories).values(
                    id=story_id,
                    title=article.title or _snippet(article.text, None, 100),
                    first_published=published,
                    last_published=published,
                    articles=1,
                    updated_at=now,
                )
            )
        else:
            story = conn.execute(select(stories).where(stories.c.id == story_id)).mappings().first()
            if story is not None:
                first = (
                    min(p for p in (story["first_published"], published) if p)
                    if (story["first_published"] or published)
                    else None
                )
                last = (
                    max(p for p in (story["last_published"], published) if p)
                    if (story["last_published"] or published)
                    else None
                )
                conn.execute(
                    update(stories)
                    .where(stories.c.id == story_id)
                    .values(
                        articles=stories.c.articles + 1,
                        first_published=first,
                        last_published=last,
                        updated_at=now,
                    )
                )
        conn.execute(update(articles).where(articles.c.id == article.id).values(story_id=story_id))

    def _story_of_closest(
        self, conn: Connection, article_id: str, mine: dict[str, str], low: str, high: str
    ) -> str | None:
        """The story of the article in the window that best shares this one's entities, if any.

        Only entities that can tell two events apart (people, organisations, events, places
        smaller than a country) select candidates; two queries in all, however busy the window.
        """
        telling = sorted(e for e, t in mine.items() if TYPE_WEIGHT.get(t, 1.0) >= 1.0)
        if not telling:
            return None
        shared = func.count().label("shared")
        candidates = [
            row[0]
            for row in conn.execute(
                select(article_entities.c.article_id, shared)
                .join(articles, articles.c.id == article_entities.c.article_id)
                .where(
                    article_entities.c.entity_id.in_(telling),
                    articles.c.id != article_id,
                    articles.c.published >= low,
                    articles.c.published <= high,
                )
                .group_by(article_entities.c.article_id)
                .order_by(desc("shared"), article_entities.c.article_id)
                .limit(50)
            )
        ]
        if not candidates:
            return None
        theirs: dict[str, dict[str, str]] = {c: {} for c in candidates}
        for other, entity_id, etype in conn.execute(
            select(article_entities.c.article_id, entities.c.id, entities.c.type)
            .join(entities, entities.c.id == article_entities.c.entity_id)
            .where(article_entities.c.article_id.in_(candidates))
        ):
            theirs[other][entity_id] = etype
        best: tuple[float, str] | None = None
        for other, types in theirs.items():
            if same_story(mine, types):
                score = story_score(mine, types)[1]
                if best is None or score > best[0]:
                    best = (score, other)
        if best is None:
            return None
        row = conn.execute(select(articles.c.story_id).where(articles.c.id == best[1])).first()
        return row[0] if row and row[0] else None

    def _entity_types(self, conn: Connection, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        rows = conn.execute(select(entities.c.id, entities.c.type).where(entities.c.id.in_(ids)))
        return {r[0]: r[1] for r in rows}


def _default_knowledge() -> KnowledgeLookup:
    """The curated knowledge file that ships with the package, as a name lookup."""
    knowledge = load_knowledge()

    def lookup(name: str) -> tuple[str, str, str] | None:
        hit = knowledge.lookup(name)
        return (hit.id, hit.name, hit.type) if hit is not None else None

    return lookup
