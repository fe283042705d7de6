"""An ingest run: the pure pipeline over sources (in worker processes), the store as sole writer.

Workers only compute; the main process writes each article in its own transaction, so a run that
is killed leaves a consistent base, and running it again skips what is already done.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from newswatch.ingest import Source, digest_of
from newswatch.pipeline import extract
from newswatch.read import ReadError
from newswatch.record import Article
from newswatch.settings import Settings
from newswatch.store import IngestResult, Store

__all__ = ["IngestSummary", "ingest_sources", "process_source"]

Job = tuple[str, bytes, str | None, str]
Outcome = tuple[str, str, dict[str, Any] | None, str | None]


@dataclass
class IngestSummary:
    """What a run did: counts by status, and each failure with its reason."""

    counts: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    results: list[IngestResult] = field(default_factory=list)

    def add(self, result: IngestResult) -> None:
        self.counts[result.status] += 1
        self.results.append(result)
        if result.status == "failed":
            self.failures.append((result.source, result.reason or "unknown"))

    @property
    def failed(self) -> int:
        return self.counts["failed"]


_worker_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_settings  # one per worker process, set once by the pool's initializer
    _worker_settings = settings


def process_source(job: Job, settings: Settings | None = None) -> Outcome:
    """Run the pure pipeline on one source's bytes: ``(name, digest, record or None, error)``."""
    name, data, url, digest = job
    settings = settings or _worker_settings or Settings()
    path = None if url else name
    try:
        article = extract(data, url=url, path=path, settings=settings)
    except ReadError as exc:
        return name, digest, None, str(exc)
    except Exception as exc:  # a bug on one document must not end the run
        return name, digest, None, f"processing failed ({type(exc).__name__}: {exc})"
    if not article.text.strip():
        return name, digest, None, "no article text found"
    return name, digest, article.to_dict(), None


def _store_outcome(store: Store, outcome: Outcome) -> IngestResult:
    name, digest, record, error = outcome
    if record is None:
        return store.record_failure(name, error or "unknown error", digest=digest)
    return store.add_article(Article.from_dict(record), source=name, digest=digest)


def ingest_sources(
    sources: Iterable[Source],
    store: Store,
    *,
    settings: Settings,
    workers: int = 1,
    skip_done: bool = True,
    on_result: Callable[[IngestResult], None] | None = None,
) -> IngestSummary:
    """Process and store every source; failures are recorded with their reason and the run goes on."""
    summary = IngestSummary()

    def report(result: IngestResult) -> None:
        summary.add(result)
        if on_result is not None:
            on_result(result)

    def jobs() -> Iterator[Job]:
        for source in sources:
            if source.error is not None or source.data is None:
                report(store.record_failure(source.name, source.error or "no data"))
                continue
            digest = digest_of(source.data)
            if skip_done and store.source_done(source.name, digest):
                report(IngestResult(source=source.name, status="skipped"))
                continue
            yield source.name, source.data, source.url, digest

    if workers <= 1:
        for job in jobs():
            report(_store_outcome(store, process_source(job, settings)))
        return summary

    window = max(4, workers * 4)  # bounded: the sources are read lazily, memory stays flat
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(settings,)
    ) as pool:
        pending: list[Future[Outcome]] = []
        for job in jobs():
            pending.append(pool.submit(process_source, job))
            if len(pending) >= window:
                report(_store_outcome(store, pending.pop(0).result()))
        for future in pending:
            report(_store_outcome(store, future.result()))
    return summary


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))
