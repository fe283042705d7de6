"""The ``newswatch batch`` command (the pipeline on Dask) and ``newswatch bench batch``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newswatch.output import Format, write_records
from newswatch.settings import load_settings

__all__ = ["register"]

_stderr = Console(stderr=True)
_NEEDS_EXTRA = (
    "newswatch batch needs the batch extra (Dask, pyarrow, bokeh): pip install 'newswatch[batch]'"
)


def _say(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def _require_extra() -> None:
    try:
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as exc:
        _say(f"newswatch: {_NEEDS_EXTRA} ({exc})")
        raise typer.Exit(2) from exc


def batch_cmd(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files, folders (read recursively), globs, .warc(.gz) files."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="The output folder (shards, tables).")],
    scheduler: Annotated[
        str | None,
        typer.Option(help="A running Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: local)."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1, max=1024, help="Local cluster: worker processes (default: one a core)."
        ),
    ] = None,
    files_per_task: Annotated[
        int | None,
        typer.Option(
            min=1, help="Plain files per task, on average (default 50; fixed per output folder)."
        ),
    ] = None,
    dashboard: Annotated[
        str, typer.Option(help="Local cluster: the dashboard's address (':0' for any free port).")
    ] = "127.0.0.1:8787",
    config: Annotated[Path | None, typer.Option(help="A TOML settings file.")] = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="text or json: the summary.")
    ] = Format.text,
) -> None:
    """Run the pipeline over many files and WARC archives on Dask, into resumable shards."""
    _require_extra()
    from distributed import Client

    from newswatch.batch import BatchError, plan_units, prepare_output
    from newswatch.batch import start_local_cluster as local

    if scheduler and workers:
        raise typer.BadParameter("--workers sizes the local cluster; not with --scheduler")
    settings = load_settings(config_file=config)
    try:
        per_task = prepare_output(out, files_per_task)
    except (BatchError, OSError) as exc:
        _say(f"newswatch: {exc}")
        raise typer.Exit(2) from exc
    units, missing = plan_units(inputs, files_per_task=per_task)
    for name, reason in missing:
        _say(f"newswatch: {name}: {reason}")
    cluster = None if scheduler else local(workers, dashboard=dashboard)
    try:
        with Client(scheduler or cluster) as client:
            if client.dashboard_link and _has_bokeh():
                _say(f"dashboard: {client.dashboard_link}")
            summary = _run_with_progress(units, out, client, settings)
    finally:
        if cluster is not None:
            cluster.close()
    _print_summary(summary.to_dict(), out, fmt)
    raise typer.Exit(1 if summary.failed or missing else 0)


def _has_bokeh() -> bool:
    try:
        import bokeh  # noqa: F401
    except ImportError:
        return False
    return True


def _run_with_progress(units: list[Any], out: Path, client: Any, settings: Any) -> Any:
    from newswatch.batch import UnitReport, run_batch

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("tasks"),
        TimeElapsedColumn(),
        console=_stderr,
        transient=True,
        disable=not _stderr.is_terminal,
    )
    totals = {"articles": 0, "errors": 0}
    with progress:
        task = progress.add_task("batch", total=None)

        def started(todo: int) -> None:
            progress.update(task, total=todo)
            if todo < len(units):
                _say(f"batch: {len(units) - todo} of {len(units)} tasks done before, skipped")

        def done(report: UnitReport) -> None:
            totals["articles"] += report.articles
            totals["errors"] += report.errors
            progress.update(
                task,
                advance=1,
                description=f"{totals['articles']} articles, {totals['errors']} errors",
            )

        def failed(name: str, reason: str) -> None:
            progress.update(task, advance=1)
            _say(f"newswatch: task {name} failed: {reason}")

        return run_batch(
            units,
            out,
            client,
            settings=settings,
            on_start=started,
            on_report=done,
            on_failure=failed,
        )


def _print_summary(data: dict[str, Any], out: Path, fmt: Format) -> None:
    if fmt in (Format.json, Format.jsonl):
        write_records([{"out": str(out), **data}], fmt, sys.stdout)
        return
    rate = data["articles_per_second"]
    _say(
        f"batch: {data['done']} tasks run, {data['skipped']} skipped, {len(data['failed'])} failed;"
        f" {data['articles']} articles, {data['errors']} errors in {data['seconds']:.1f} s"
        + (f" ({rate} articles/s)" if rate else "")
        + f"; shards in {out}"
    )


def bench_batch_cmd(
    pages: Annotated[int, typer.Option(min=10, help="Pages in the generated WARC files.")] = 10_000,
    files: Annotated[int, typer.Option(min=1, help="WARC files the pages are spread over.")] = 8,
    workers: Annotated[
        list[int] | None, typer.Option("--workers", help="Worker counts to time (repeatable).")
    ] = None,
    work_dir: Annotated[
        Path, typer.Option(help="Where the WARC files and outputs go (kept out of the repo).")
    ] = Path("/tmp/newswatch-bench"),
    postgres: Annotated[
        str | None,
        typer.Option(
            help="An admin URL of a PostgreSQL server to time the load on (own database)."
        ),
    ] = None,
    load_limit: Annotated[
        int | None, typer.Option(min=1, help="Load only the first N articles' shards.")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text or json.")] = Format.text,
) -> None:
    """Articles/s of `batch` with 1 and 2 workers on generated WARC files, and the bulk-load rate."""
    _require_extra()
    from newswatch.batch_bench import bench_batch

    result = bench_batch(
        pages=pages,
        files=files,
        worker_counts=workers or [1, 2],
        work_dir=work_dir,
        postgres_admin=postgres,
        load_limit=load_limit,
        progress=_say,
    )
    if fmt is Format.json:
        write_records([result], Format.json, sys.stdout)
    else:
        sys.stdout.write("".join(f"{key:<34} {value}\n" for key, value in result.items()))


def register(app: typer.Typer) -> None:
    """Add ``batch`` to ``app``, and ``batch`` to its ``bench`` group when it has one."""
    app.command("batch")(batch_cmd)
    for group in app.registered_groups:
        if group.name == "bench" and group.typer_instance is not None:
            group.typer_instance.command("batch")(bench_batch_cmd)
