"""Knowledge-base benchmarks: ingest throughput, search and quote-query latency, size on disk.

Figures, and the commands that produce them, are in ``docs/knowledge-base.md``. These are
measurements, never tests: the test suite only checks that they run on a tiny base.

- :func:`bench_ingest`: generated English text dumps (``newswatch.benchgen``) written to files and
  ingested through the whole pipeline (read → extract → language → entities → quotes → store)
  with 1, 2… worker processes, each run into a fresh scratch database.
- :func:`bench_search`: a base of generated records (10⁵ by default) loaded with
  :func:`bulk_load` -- the store's tables and its full-text indexing, written in batches, with
  entity ids taken from the generator's cast instead of the resolver, and no stories or
  near-duplicate bands (the queries timed here read neither) -- then ``Store.search`` and
  ``Store.quotes`` timed for rare, medium and common terms and phrases, with and without a date
  window.
"""

from __future__ import annotations

import contextlib
import hashlib
import random
import re
import statistics
import tempfile
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.engine import make_url

from newswatch.benchgen import FIRST_DAY, LAST_DAY, generate_articles, text_dump
from newswatch.record import Article
from newswatch.resolve import loose_key, script_of_name
from newswatch.settings import Settings
from newswatch.store import Store
from newswatch.store.engine import normalise_url
from newswatch.store.schema import article_entities, articles, entities, entity_names, quotes

__all__ = ["bench_ingest", "bench_search", "bulk_load", "database_bytes", "scratch_database"]

Progress = Callable[[str], None]
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
# Words too common to be worth a query, in either language.
_STOP = frozenset(
    {
        "that", "this", "with", "from", "have", "been", "will", "were", "said", "they", "their",
        "which", "also", "after", "about", "there", "than", "more", "года", "этом", "было",
        "быть", "будет", "того", "чтобы", "также", "которые", "после", "более",
    }
)  # fmt: skip
# Shares of the documents holding a term: of articles, and of statements (each much shorter).
BANDS = {"rare": (0.0, 0.001), "medium": (0.005, 0.05), "common": (0.2, 1.0)}
QUOTE_BANDS = {"rare": (0.0, 0.0005), "medium": (0.002, 0.01), "common": (0.02, 1.0)}


def _quiet(_message: str) -> None:
    return None


# -- databases --------------------------------------------------------------------------------
def _is_postgres(url: str) -> bool:
    return normalise_url(url).startswith("postgresql")


@contextlib.contextmanager
def scratch_database(where: str) -> Iterator[str]:
    """A fresh, empty database URL, removed afterwards.

    ``where`` is ``sqlite`` (a file in a temporary folder) or the URL of a PostgreSQL server on
    which a database ``newswatch_bench_…`` is created and then dropped.
    """
    if not _is_postgres(where):
        with tempfile.TemporaryDirectory(prefix="newswatch-bench-") as folder:
            yield f"sqlite:///{Path(folder) / 'kb.db'}"
        return
    import psycopg

    admin = where.replace("postgresql+psycopg://", "postgresql://")
    name = f"newswatch_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield str(make_url(normalise_url(admin)).set(database=name).render_as_string(False))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
            )
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def database_bytes(store: Store) -> int:
    """The size of the base: the SQLite file after a WAL checkpoint, or ``pg_database_size``."""
    with store.engine.connect() as conn:
        if store.dialect == "postgresql":
            return int(
                conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
            )
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        pages = conn.execute(text("PRAGMA page_count")).scalar_one()
        size = conn.execute(text("PRAGMA page_size")).scalar_one()
        return int(pages) * int(size)


# -- ingest -----------------------------------------------------------------------------------
def bench_ingest(
    where: str = "sqlite",
    *,
    articles: int = 300,
    workers: tuple[int, ...] = (1, 2),
    seed: int = 1,
    progress: Progress = _quiet,
) -> list[dict[str, Any]]:
    """Articles per second through the whole pipeline into a fresh base, per worker count."""
    from newswatch.ingest.files import iter_file_sources
    from newswatch.ingest.run import ingest_sources

    results = []
    with tempfile.TemporaryDirectory(prefix="newswatch-dumps-") as folder:
        words = 0
        for article in generate_articles(articles, seed=seed):
            words += len(article.text.split())
            Path(folder, f"{article.id}.txt").write_text(text_dump(article), encoding="utf-8")
        for n in workers:
            with scratch_database(where) as url, Store.open(url) as store:
                empty = database_bytes(store)
                progress(f"ingest: {articles} articles, {n} worker(s), {store.dialect}")
                started = time.perf_counter()
                summary = ingest_sources(
                    iter_file_sources([folder]), store, settings=Settings(db=url), workers=n
                )
                seconds = time.perf_counter() - started
                counts = store.counts()
                size = database_bytes(store)
            results.append(
                {
                    "database": store.dialect,
                    "workers": n,
                    "articles": articles,
                    "words_per_article": round(words / max(articles, 1)),
                    "stored": summary.counts["new"],
                    "failed": summary.failed,
                    "seconds": round(seconds, 2),
                    "articles_per_second": round(summary.counts["new"] / seconds, 2),
                    "quotes": counts["quotes"],
                    "entities": counts["entities"],
                    "bytes_per_1000_articles": round((size - empty) * 1000 / max(articles, 1)),
                }
            )
    return results


# -- the latency base -------------------------------------------------------------------------
def _kb_id(entity_key: str) -> str:
    return "b" + hashlib.sha256(entity_key.encode("utf-8")).hexdigest()[:15]


def _entity_key(article: Article, local: str) -> str:
    entity = next(e for e in article.entities if e.id == local)
    # The generator names one person, organisation or place the same way in every article.
    return f"{entity.type}|{entity.name}|{entity.roles[0] if entity.roles else ''}"


def bulk_load(
    store: Store,
    records: Iterator[Article],
    *,
    batch: int = 500,
    progress: Progress = _quiet,
) -> int:
    """Write generated records in batches of ``batch`` articles per transaction; returns the count.

    The rows are those ``Store.add_article`` writes for searching and quotes (articles, full-text
    rows, entities and their names, article-entity links, quotes) with entity ids from the
    generator's cast; stories and near-duplicate bands are left out.
    """
    known: set[str] = set()
    total = 0
    pending: list[Article] = []

    def flush() -> None:
        nonlocal total
        if not pending:
            return
        now = datetime.now(UTC)
        with store.engine.begin() as conn:
            article_rows: list[dict[str, Any]] = []
            link_rows: list[dict[str, Any]] = []
            quote_rows: list[dict[str, Any]] = []
            entity_rows: list[dict[str, Any]] = []
            name_rows: list[dict[str, Any]] = []
            for article in pending:
                record = article.to_dict()
                article_rows.append(
                    {
                        "id": article.id,
                        "url": article.url,
                        "path": None,
                        "source": article.url,
                        "outlet_name": article.outlet.name if article.outlet else None,
                        "outlet_domain": article.outlet.domain if article.outlet else None,
                        "language": article.language,
                        "title": article.title,
                        "published": article.published,
                        "authors": [],
                        "text": article.text,
                        "boilerplate": [],
                        "record": {"entities": record["entities"], "quotes": record["quotes"]},
                        "story_id": None,
                        "duplicate_of": None,
                        "ingested_at": now,
                    }
                )
                local_to_kb: dict[str, str] = {}
                for entity in article.entities:
                    key = _entity_key(article, entity.id)
                    kb = _kb_id(key)
                    local_to_kb[entity.id] = kb
                    link_rows.append(
                        {
                            "article_id": article.id,
                            "local_id": entity.id,
                            "entity_id": kb,
                            "mentions": len(entity.mentions),
                        }
                    )
                    if kb not in known:
                        known.add(kb)
                        entity_rows.append(
                            {"id": kb, "name": entity.name, "type": entity.type, "created_at": now}
                        )
                        name_rows.append(
                            {
                                "entity_id": kb,
                                "name": entity.name,
                                "key": loose_key(entity.name),
                                "script": script_of_name(entity.name),
                            }
                        )
                for seq, q in enumerate(article.quotes):
                    speaker = q.speaker
                    quote_rows.append(
                        {
                            "article_id": article.id,
                            "seq": seq,
                            "text": q.text,
                            "kind": q.kind,
                            "start": q.start,
                            "end": q.end,
                            "speaker_name": speaker.name if speaker else None,
                            "speaker_mention": speaker.mention if speaker else None,
                            "speaker_local": speaker.entity if speaker else None,
                            "entity_id": local_to_kb.get(speaker.entity or "") if speaker else None,
                            "cue": q.cue,
                            "date": q.date,
                            "date_text": q.date_text,
                            "via": list(q.via),
                            "language": article.language,
                            "day": q.date or article.published,
                        }
                    )
            if entity_rows:
                conn.execute(insert(entities), entity_rows)
                conn.execute(insert(entity_names), name_rows)
            conn.execute(insert(articles), article_rows)
            conn.execute(insert(article_entities), link_rows)
            if quote_rows:
                conn.execute(insert(quotes), quote_rows)
            _index_batch(conn, store.dialect, [a.id for a in pending])
        total += len(pending)
        progress(f"loaded {total} articles")
        pending.clear()

    for article in records:
        pending.append(article)
        if len(pending) >= batch:
            flush()
    flush()
    if store.dialect == "postgresql":
        # What autovacuum does soon after a bulk load: without column statistics the planner
        # misjudges every full-text condition.
        with store.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))
    return total


def _index_batch(conn: Any, dialect: str, ids: list[str]) -> None:
    """Full-text rows for a batch, with the same columns and configurations as ``store.fulltext``."""
    if dialect == "postgresql":
        config = (
            "CAST(CASE language WHEN 'en' THEN 'english' WHEN 'ru' THEN 'russian' "
            "ELSE 'simple' END AS regconfig)"
        )
        conn.execute(
            text(
                f"UPDATE articles SET fts = setweight(to_tsvector({config}, coalesce(title, '')), 'A')"
                f" || to_tsvector({config}, text) || to_tsvector('simple', text)"
                " WHERE id = ANY(:ids)"
            ),
            {"ids": ids},
        )
        conn.execute(
            text(
                f"UPDATE quotes SET fts = to_tsvector({config}, text) || to_tsvector('simple', text)"
                " WHERE article_id = ANY(:ids)"
            ),
            {"ids": ids},
        )
        return
    marks = ", ".join(f":i{n}" for n in range(len(ids)))
    params = {f"i{n}": value for n, value in enumerate(ids)}
    conn.execute(
        text(
            "INSERT INTO articles_fts(rowid, title, text) SELECT rowid, coalesce(title, ''), text"
            f" FROM articles WHERE id IN ({marks})"
        ),
        params,
    )
    conn.execute(
        text(
            "INSERT INTO quotes_fts(rowid, text, speaker) SELECT id, text,"
            f" coalesce(speaker_name, '') FROM quotes WHERE article_id IN ({marks})"
        ),
        params,
    )


# -- queries ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class QuerySet:
    """Terms and phrases by how many documents hold them, from a sample of the generated base."""

    terms: dict[str, list[str]]
    phrases: dict[str, list[str]]
    quote_terms: dict[str, list[str]]
    speakers: dict[str, list[str]]


def _band(
    counts: Counter[str], n: int, share: tuple[float, float], k: int, rng: random.Random
) -> list[str]:
    low, high = share
    fits = sorted(w for w, c in counts.items() if low * n <= c <= max(high * n, 1) and c >= 1)
    if low == 0.0:  # rare: seen, but in at most 0.1% of the sample
        fits = sorted(w for w, c in counts.items() if c <= max(high * n, 2))
    return rng.sample(fits, min(k, len(fits)))


def choose_queries(sample: list[Article], *, per_kind: int = 20, seed: int = 1) -> QuerySet:
    """Terms, phrases and speakers in the rare, medium and common bands of ``sample``."""
    rng = random.Random(f"queries:{seed}")
    words: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    quote_words: Counter[str] = Counter()
    speakers: Counter[str] = Counter()
    n_quotes = 0
    for article in sample:
        tokens = [t for t in re.findall(r"\w+", article.text.lower())]
        words.update({t for t in tokens if _WORD.fullmatch(t) and t not in _STOP})
        pairs.update(
            {
                f"{a} {b}"
                for a, b in pairwise(tokens)
                if _WORD.fullmatch(a) and _WORD.fullmatch(b) and a not in _STOP and b not in _STOP
            }
        )
        for q in article.quotes:
            n_quotes += 1
            quote_words.update(
                {
                    t
                    for t in re.findall(r"\w+", q.text.lower())
                    if _WORD.fullmatch(t) and t not in _STOP
                }
            )
        speakers.update({q.speaker.name for q in article.quotes if q.speaker and q.speaker.entity})
    n = len(sample)
    return QuerySet(
        terms={b: _band(words, n, s, per_kind, rng) for b, s in BANDS.items()},
        phrases={
            b: [f'"{p}"' for p in _band(pairs, n, s, per_kind, rng)] for b, s in BANDS.items()
        },
        quote_terms={
            b: _band(quote_words, n_quotes, s, per_kind, rng) for b, s in QUOTE_BANDS.items()
        },
        speakers={
            "rare": rng.sample(
                sorted(s for s, c in speakers.items() if c <= 2),
                min(per_kind, sum(1 for c in speakers.values() if c <= 2)),
            ),
            "common": [s for s, _c in speakers.most_common(per_kind)],
        },
    )


def _windows(count: int, seed: int, days: int = 30) -> list[tuple[str, str]]:
    rng = random.Random(f"windows:{seed}")
    span = (LAST_DAY - FIRST_DAY).days - days
    starts = [FIRST_DAY + timedelta(days=rng.randrange(span)) for _ in range(count)]
    return [(s.isoformat(), (s + timedelta(days=days)).isoformat()) for s in starts]


def _chunk(seed: int, russian: float, start: int, count: int) -> list[Article]:
    return list(generate_articles(count, seed=seed, russian=russian, start=start))


def generated_in_background(
    count: int, *, seed: int, russian: float, chunk: int = 500
) -> Iterator[Article]:
    """The generated records, made in a worker process while the caller writes the last ones."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        starts = iter(range(0, count, chunk))
        pending: deque[Future[list[Article]]] = deque()
        for start in starts:
            pending.append(pool.submit(_chunk, seed, russian, start, min(chunk, count - start)))
            if len(pending) >= 3:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _holds_first(store: Store, seed: int, russian: float) -> bool:
    """Whether the base holds the first generated article of ``seed``: it is the same base."""
    first = next(generate_articles(1, seed=seed, russian=russian))
    return store.has_article(first.id)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _time_kind(
    run: Callable[[str, tuple[str, str] | None], int],
    queries: list[str],
    windows: list[tuple[str, str]] | None,
    repeat: int,
) -> dict[str, Any]:
    times: list[float] = []
    hits: list[int] = []
    for i, q in enumerate(queries):  # one untimed pass: a warm cache, as in use
        run(q, windows[i] if windows else None)
    for _ in range(repeat):
        for i, q in enumerate(queries):
            started = time.perf_counter()
            hits.append(run(q, windows[i] if windows else None))
            times.append((time.perf_counter() - started) * 1000)
    if not times:
        return {"queries": 0}
    return {
        "queries": len(queries),
        "runs": len(times),
        "p50_ms": round(_percentile(times, 0.5), 1),
        "p95_ms": round(_percentile(times, 0.95), 1),
        "max_ms": round(max(times), 1),
        "median_results": statistics.median(hits),
    }


def bench_search(
    url: str,
    *,
    articles: int = 100_000,
    seed: int = 1,
    russian: float = 0.3,
    per_kind: int = 20,
    repeat: int = 3,
    sample: int = 5000,
    batch: int = 500,
    progress: Progress = _quiet,
) -> dict[str, Any]:
    """Load (or reuse) a base of ``articles`` generated records at ``url`` and time the queries."""
    with Store.open(url) as store:
        have = store.counts()["articles"]
        load: dict[str, Any] = {"reused": have == articles}
        if have == 0:
            empty = database_bytes(store)
            started = time.perf_counter()
            bulk_load(
                store, generated_in_background(articles, seed=seed, russian=russian), batch=batch,
                progress=progress,
            )  # fmt: skip
            seconds = time.perf_counter() - started
            load |= {
                "seconds": round(seconds, 1),
                "articles_per_second": round(articles / seconds, 1),
            }
        elif have != articles or not _holds_first(store, seed, russian):
            raise ValueError(
                f"{url} holds {have} articles, not the {articles} of seed {seed}: use an empty base"
            )
        else:
            empty = 0
        size = database_bytes(store)
        counts = store.counts()
        progress("choosing queries")
        chosen = choose_queries(
            list(generate_articles(min(sample, articles), seed=seed, russian=russian)),
            per_kind=per_kind, seed=seed,
        )  # fmt: skip

        def search(q: str, window: tuple[str, str] | None) -> int:
            since, until = window or (None, None)
            return len(store.search(q, since=since, until=until).items)

        def about(q: str, window: tuple[str, str] | None) -> int:
            since, until = window or (None, None)
            return len(store.quotes(about=q, since=since, until=until).items)

        def speaker(q: str, window: tuple[str, str] | None) -> int:
            since, until = window or (None, None)
            return len(store.quotes(speaker=q, since=since, until=until).items)

        kinds: list[dict[str, Any]] = []
        plan = [
            ("search", "term", search, chosen.terms),
            ("search", "phrase", search, chosen.phrases),
            ("quotes --about", "term", about, chosen.quote_terms),
            ("quotes --speaker", "name", speaker, chosen.speakers),
        ]
        for command, what, run, bands in plan:
            for band, queries in bands.items():
                for dated in (False, True):
                    label = f"{command} {band} {what}{' +30-day window' if dated else ''}"
                    progress(f"timing {label}")
                    windows = _windows(len(queries), seed) if dated else None
                    kinds.append(
                        {
                            "query": label,
                            "examples": ", ".join(queries[:3]),
                            **_time_kind(run, queries, windows, repeat),
                        }
                    )
    return {
        "database": store.dialect,
        "articles": counts["articles"],
        "quotes": counts["quotes"],
        "entities": counts["entities"],
        "bytes": size,
        "bytes_per_1000_articles": round((size - empty) * 1000 / max(counts["articles"], 1)),
        "load": load,
        "kinds": kinds,
    }
