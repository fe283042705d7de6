"""Bulk load of a batch run's shards into the knowledge base (``newswatch ingest --from-batch``).

Every article goes through :meth:`Store.add_article`, so entity resolution, near-duplicates and
stories are the same as for any ingest, and each article is committed whole or not at all.
The load is idempotent: a source already stored with the same digest is skipped, and so is a
failure already recorded. Needs neither Dask nor pyarrow: the shards are gzip JSON Lines.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select

from newswatch.ingest.run import IngestSummary
from newswatch.record import Article
from newswatch.store import IngestResult, Store
from newswatch.store.schema import sources

__all__ = ["iter_shard_lines", "load_batch", "shard_paths"]

_CHECK_BATCH = 500


def shard_paths(out: Path) -> tuple[list[Path], list[Path]]:
    """The article shards and the error shards of a batch output folder, in name order."""
    if not out.is_dir():
        raise FileNotFoundError(f"{out}: no such folder")
    shards = sorted(p for p in out.glob("*.jsonl.gz") if not p.name.startswith("errors-"))
    errors = sorted(out.glob("errors-*.jsonl.gz"))
    return shards, errors


def iter_shard_lines(path: Path) -> Iterator[tuple[dict[str, Any] | None, str | None]]:
    """``(object, None)`` per line of a shard, or ``(None, reason)`` for a line or file that is bad."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except ValueError as exc:
                    yield None, f"{path.name} line {number}: not JSON ({exc})"
                    continue
                if not isinstance(value, dict):
                    yield None, f"{path.name} line {number}: not a JSON object"
                    continue
                yield value, None
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as exc:
        yield None, f"{path.name}: unreadable shard ({exc})"


def _known_sources(store: Store, names: list[str]) -> dict[str, tuple[str, str]]:
    """``source -> (digest, status)`` for those of ``names`` the knowledge base has seen."""
    found: dict[str, tuple[str, str]] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(names), _CHECK_BATCH):
            part = names[start : start + _CHECK_BATCH]
            rows = conn.execute(
                select(sources.c.source, sources.c.digest, sources.c.status).where(
                    sources.c.source.in_(part)
                )
            )
            found.update({r[0]: (r[1], r[2]) for r in rows})
    return found


def _batches(path: Path) -> Iterator[list[tuple[dict[str, Any] | None, str | None]]]:
    batch: list[tuple[dict[str, Any] | None, str | None]] = []
    for item in iter_shard_lines(path):
        batch.append(item)
        if len(batch) >= _CHECK_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def load_batch(
    out: Path, store: Store, *, on_result: Callable[[IngestResult], None] | None = None
) -> IngestSummary:
    """Load every shard of the batch folder ``out`` into ``store``; failures are recorded too."""
    summary = IngestSummary()

    def report(result: IngestResult) -> None:
        summary.add(result)
        if on_result is not None:
            on_result(result)

    shards, error_shards = shard_paths(out)
    for shard in shards:
        for batch in _batches(shard):
            names = [str(v.get("source")) for v, _ in batch if v is not None]
            known = _known_sources(store, names)
            for value, problem in batch:
                if value is None:
                    report(store.record_failure(str(shard), problem or "bad shard line"))
                    continue
                source, digest = str(value.get("source")), str(value.get("digest") or "")
                seen = known.get(source)
                if seen is not None and seen[1] != "failed" and seen[0] == digest:
                    report(IngestResult(source=source, status="skipped"))
                    continue
                try:
                    article = Article.from_dict(value)
                except (KeyError, TypeError, ValueError) as exc:
                    report(store.record_failure(source, f"not an article record ({exc})"))
                    continue
                report(store.add_article(article, source=source, digest=digest))
    for shard in error_shards:
        for batch in _batches(shard):
            names = [str(v.get("source")) for v, _ in batch if v is not None]
            known = _known_sources(store, names)
            for value, problem in batch:
                if value is None:
                    report(store.record_failure(str(shard), problem or "bad shard line"))
                    continue
                source = str(value.get("source"))
                if source in known:  # stored, or its failure recorded, before
                    report(IngestResult(source=source, status="skipped"))
                    continue
                reason = str(value.get("reason") or "unknown error")
                report(store.record_failure(source, reason, digest=value.get("digest")))
    return summary
