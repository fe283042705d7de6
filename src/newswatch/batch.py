"""Batch runs on Dask: the pure pipeline mapped over files, folders and WARC archives.

The inputs are cut into units of work -- one per WARC file, one per chunk of plain files -- and
each unit is one Dask task. A task writes its own shard into the output folder (which every
worker must see at the same path):

- ``DIR/NAME.jsonl.gz``: one Article record per line (its JSON form, plus ``source``: the input
  as the knowledge base records it, and ``digest``: SHA-256 of the input's bytes);
- ``DIR/errors-NAME.jsonl.gz``: one ``{"source", "reason"}`` line per input that failed;
- ``DIR/articles/NAME.parquet``, ``DIR/quotes/NAME.parquet``, ``DIR/entities/NAME.parquet``;
- ``DIR/_done/NAME.json``: written last, it says the shard is finished and for which inputs.

Every file is written under a temporary name and renamed into place, so a task killed half way
leaves no partial shard, and a task run twice (its worker died, Dask ran it elsewhere) writes
the same shard twice under the same name: the output never holds a record twice. ``NAME`` comes
from the unit's input paths, so running the same command again skips the finished units.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import re
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newswatch.ingest import Source, digest_of
from newswatch.ingest.files import expand_paths, is_warc, iter_file_sources
from newswatch.ingest.run import process_source
from newswatch.ingest.warc import iter_warc_sources
from newswatch.settings import Settings

__all__ = [
    "DEFAULT_FILES_PER_TASK",
    "BatchError",
    "BatchSummary",
    "Unit",
    "UnitReport",
    "is_done",
    "plan_units",
    "prepare_output",
    "run_batch",
    "run_unit",
    "start_local_cluster",
    "worker_memory",
]

DEFAULT_FILES_PER_TASK = 50
_MANIFEST = "batch.json"
_DONE = "_done"
TABLES = ("articles", "quotes", "entities")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class BatchError(Exception):
    """A batch run cannot start; the message says why."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One Dask task: a WARC file, or a chunk of plain files.

    ``name`` (the shard's name) depends only on the input paths; ``signature`` also on their
    sizes and modification times, so an input changed since the last run is processed again.
    """

    name: str
    kind: str
    paths: tuple[str, ...]
    signature: str


@dataclass(frozen=True, slots=True)
class UnitReport:
    """What one task did."""

    name: str
    inputs: int
    articles: int
    errors: int
    seconds: float
    cpu_seconds: float
    worker_pid: int


@dataclass
class BatchSummary:
    """What a run did: units done now, skipped (done before) or failed, and the totals."""

    units: int = 0
    skipped: int = 0
    reports: list[UnitReport] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def articles(self) -> int:
        return sum(r.articles for r in self.reports)

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.reports)

    @property
    def cpu_seconds(self) -> float:
        """CPU time the tasks took: the work itself, whatever else the machines were doing."""
        return sum(r.cpu_seconds for r in self.reports)

    def to_dict(self) -> dict[str, Any]:
        return {
            "units": self.units,
            "done": len(self.reports),
            "skipped": self.skipped,
            "failed": [{"unit": u, "reason": r} for u, r in self.failed],
            "articles": self.articles,
            "errors": self.errors,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.articles / self.seconds, 2) if self.seconds else None,
            "cpu_seconds": round(self.cpu_seconds, 3),
        }


# -- planning ------------------------------------------------------------------------------


def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _stat(path: str) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return f"{os.path.abspath(path)}:missing"
    return f"{os.path.abspath(path)}:{st.st_size}:{st.st_mtime_ns}"


def _unit(kind: str, paths: list[str]) -> Unit:
    absolute = [os.path.abspath(p) for p in paths]
    label = _UNSAFE.sub("_", Path(paths[0]).name)[:40].strip("._") or "input"
    name = f"{kind}-{label}-{_hash(kind, *absolute)[:12]}"
    return Unit(name=name, kind=kind, paths=tuple(paths), signature=_hash(*map(_stat, paths)))


def _chunks(paths: list[str], per_task: int) -> Iterator[list[str]]:
    """Chunks of about ``per_task`` paths whose ends are set by the paths themselves.

    A chunk ends after a path whose hash falls on a boundary (or at twice the size), so adding
    or removing a file changes its own chunk and leaves the others, and their shards, alone.
    """
    chunk: list[str] = []
    for path in paths:
        chunk.append(path)
        boundary = int(_hash(os.path.abspath(path))[:8], 16) % per_task == 0
        if boundary or len(chunk) >= 2 * per_task:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def plan_units(
    inputs: Iterable[str], *, files_per_task: int = DEFAULT_FILES_PER_TASK
) -> tuple[list[Unit], list[tuple[str, str]]]:
    """The units of work for ``inputs`` (files, folders, globs), and the inputs not found."""
    if files_per_task < 1:
        raise ValueError("files_per_task must be at least 1")
    missing: list[tuple[str, str]] = []
    warcs: list[str] = []
    plain: list[str] = []
    seen: set[str] = set()
    for path, error in expand_paths(list(inputs)):
        if error is not None:
            missing.append((path, error))
            continue
        if path == "-":
            missing.append((path, "standard input cannot be split into tasks; give files"))
            continue
        key = os.path.abspath(path)
        if key in seen:  # named twice (a file and its folder): processed once
            continue
        seen.add(key)
        (warcs if is_warc(path) else plain).append(path)
    units = [_unit("warc", [w]) for w in warcs]
    units += [_unit("files", chunk) for chunk in _chunks(plain, files_per_task)]
    return units, missing


def prepare_output(out: Path, files_per_task: int | None) -> int:
    """Create ``out`` and record (or check) how it is cut into tasks; the number to use."""
    out.mkdir(parents=True, exist_ok=True)
    for table in (*TABLES, _DONE):
        (out / table).mkdir(exist_ok=True)
    manifest = out / _MANIFEST
    if manifest.exists():
        try:
            recorded = int(json.loads(manifest.read_text("utf-8"))["files_per_task"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise BatchError(f"{manifest}: unreadable ({exc})") from exc
        if files_per_task is not None and files_per_task != recorded:
            raise BatchError(
                f"{out} was made with --files-per-task {recorded}: use the same, or a new --out"
            )
        return recorded
    chosen = files_per_task or DEFAULT_FILES_PER_TASK
    _write_atomic(manifest, json.dumps({"files_per_task": chosen}).encode("utf-8"))
    return chosen


def is_done(out: Path, unit: Unit) -> bool:
    """Whether ``unit``'s shard was finished, for inputs that have not changed since."""
    marker = out / _DONE / f"{unit.name}.json"
    try:
        done = json.loads(marker.read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(done, dict)
        and done.get("signature") == unit.signature
        and (out / f"{unit.name}.jsonl.gz").exists()
    )


# -- one task --------------------------------------------------------------------------------


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")


def _write_atomic(path: Path, data: bytes) -> None:
    temp = _temp_name(path)
    temp.write_bytes(data)
    os.replace(temp, path)


def unit_sources(unit: Unit, settings: Settings) -> Iterator[Source]:
    """The documents of a unit: the records of its WARC file, or its plain files."""
    if unit.kind == "warc":
        yield from iter_warc_sources(unit.paths[0], max_bytes=settings.max_bytes)
    elif unit.kind == "files":
        yield from iter_file_sources(list(unit.paths))
    else:
        raise ValueError(f"unknown kind of unit: {unit.kind!r}")


class _ShardWriter:
    """The files of one shard, under temporary names until :meth:`commit`."""

    def __init__(self, out: Path, name: str) -> None:
        from newswatch.batch_tables import SCHEMAS, TableWriter

        self.final = {
            "records": out / f"{name}.jsonl.gz",
            "errors": out / f"errors-{name}.jsonl.gz",
            **{table: out / table / f"{name}.parquet" for table in TABLES},
        }
        self.temp = {key: _temp_name(path) for key, path in self.final.items()}
        self._open: list[Any] = []
        try:  # open for the life of the writer; closed by commit() or abandon()
            self._records = gzip.open(self.temp["records"], "wt", encoding="utf-8")  # noqa: SIM115
            self._open.append(self._records)
            self._errors = gzip.open(self.temp["errors"], "wt", encoding="utf-8")  # noqa: SIM115
            self._open.append(self._errors)
            self._tables: dict[str, TableWriter] = {}
            for table in TABLES:
                self._tables[table] = TableWriter(self.temp[table], SCHEMAS[table])
                self._open.append(self._tables[table])
        except BaseException:
            self.abandon()
            raise
        self.articles = 0
        self.errors = 0

    def article(self, record: dict[str, Any], *, source: str, digest: str) -> None:
        from newswatch.batch_tables import table_rows

        line = {**record, "source": source, "digest": digest}
        self._records.write(json.dumps(line, ensure_ascii=False) + "\n")
        for table, rows in table_rows(record, source).items():
            self._tables[table].add(rows)
        self.articles += 1

    def error(self, source: str, reason: str, *, digest: str | None = None) -> None:
        line = {"source": source, "reason": reason, "digest": digest}
        self._errors.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.errors += 1

    def _close(self) -> None:
        while self._open:
            self._open.pop(0).close()

    def commit(self) -> None:
        """Move every file into place; the article shard last of the data files."""
        self._close()
        for key in ("errors", *TABLES, "records"):
            os.replace(self.temp[key], self.final[key])

    def abandon(self) -> None:
        try:
            self._close()
        finally:
            for temp in self.temp.values():
                temp.unlink(missing_ok=True)


def run_unit(unit: Unit, out: str, settings: Settings) -> UnitReport:
    """The Dask task: the pure pipeline over one unit's documents, written as one shard."""
    started, cpu_started = time.perf_counter(), time.process_time()
    folder = Path(out)
    writer = _ShardWriter(folder, unit.name)
    inputs = 0
    try:
        for source in unit_sources(unit, settings):
            inputs += 1
            if source.error is not None or source.data is None:
                writer.error(source.name, source.error or "no data")
                continue
            job = (source.name, source.data, source.url, digest_of(source.data))
            name, digest, record, reason = process_source(job, settings)
            if record is None:
                writer.error(name, reason or "unknown error", digest=digest)
            else:
                writer.article(record, source=name, digest=digest)
        writer.commit()
    except BaseException:
        writer.abandon()
        raise
    report = UnitReport(
        name=unit.name,
        inputs=inputs,
        articles=writer.articles,
        errors=writer.errors,
        seconds=time.perf_counter() - started,
        cpu_seconds=time.process_time() - cpu_started,
        worker_pid=os.getpid(),
    )
    marker = {"signature": unit.signature, "paths": list(unit.paths), **asdict(report)}
    _write_atomic(folder / _DONE / f"{unit.name}.json", json.dumps(marker).encode("utf-8"))
    return report


# -- the run ---------------------------------------------------------------------------------


def _report_from_marker(out: Path, unit: Unit) -> UnitReport | None:
    """The report a finished unit left in its done marker (when its result was lost)."""
    if not is_done(out, unit):
        return None
    try:
        done = json.loads((out / _DONE / f"{unit.name}.json").read_text("utf-8"))
        fields = {name: done[name] for name in UnitReport.__dataclass_fields__}
        return UnitReport(**fields)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _remove_stale_temps(out: Path) -> None:
    """Temporary files left by tasks whose worker was killed (their units ran again elsewhere)."""
    for folder in (out, *(out / t for t in (*TABLES, _DONE))):
        for temp in folder.glob(".*.tmp"):
            temp.unlink(missing_ok=True)


def run_batch(
    units: list[Unit],
    out: Path,
    client: Any,
    *,
    settings: Settings,
    on_start: Callable[[int], None] | None = None,
    on_report: Callable[[UnitReport], None] | None = None,
    on_failure: Callable[[str, str], None] | None = None,
) -> BatchSummary:
    """Run every unit not done before as a task on ``client``'s cluster; wait for them all.

    A task whose worker dies is run again by Dask on another worker; a task that raises is
    retried once, then reported in ``failed`` while the rest of the run goes on.
    """
    from distributed import as_completed

    started = time.perf_counter()
    summary = BatchSummary(units=len(units))
    todo = [u for u in units if not is_done(out, u)]
    summary.skipped = len(units) - len(todo)
    if on_start is not None:
        on_start(len(todo))
    run_id = uuid.uuid4().hex[:8]

    def submit(unit: Unit, attempt: int) -> Any:
        key = f"newswatch-{unit.name}-{run_id}-{attempt}"
        return client.submit(run_unit, unit, str(out), settings, key=key, retries=1)

    futures = {submit(unit, 0): (unit, 0) for unit in todo}
    pending = as_completed(list(futures))
    for future in pending:
        unit, attempt = futures.pop(future)
        report: UnitReport | None = None
        reason: str | None = None
        if future.status == "finished":
            try:
                report = future.result()
            except Exception as exc:  # the result was lost with the worker that held it
                reason = f"{type(exc).__name__}: {exc}"
        else:
            error = future.exception()
            reason = f"{type(error).__name__}: {error}" if error is not None else None
        future.release()
        if report is None and reason is None:
            # no result and no error: the worker holding it died; the unit's own marker tells
            # whether it was written, else it runs again
            report = _report_from_marker(out, unit)
            if report is None and attempt < 2:
                again = submit(unit, attempt + 1)
                futures[again] = (unit, attempt + 1)
                pending.add(again)
                continue
            if report is None:
                reason = "lost: its worker died each time it ran"
        if report is not None:
            summary.reports.append(report)
            if on_report is not None:
                on_report(report)
        else:
            summary.failed.append((unit.name, reason or "unknown"))
            if on_failure is not None:
                on_failure(unit.name, reason or "unknown")
    _remove_stale_temps(out)
    summary.seconds = time.perf_counter() - started
    return summary


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def start_local_cluster(
    workers: int | None = None, *, dashboard: str | None = "127.0.0.1:8787"
) -> Any:
    """A ``LocalCluster`` on 127.0.0.1: one single-threaded worker process per core by default.

    The pipeline is CPU-bound Python, so processes (not threads) give the parallelism; the
    memory limit is the machine's memory shared between the workers.
    """
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=workers or default_workers(),
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=dashboard,
        silence_logs=logging.ERROR,
    )


def _peak_rss_bytes() -> int:
    import resource
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)


def worker_memory(client: Any) -> dict[str, int]:
    """Each worker's peak resident memory so far, in bytes, by worker address."""
    return dict(client.run(_peak_rss_bytes))
