"""Knowledge-base verbs of the ``newswatch`` command: ingest, search, quotes, entities, stories, export."""

from __future__ import annotations

import io
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newswatch.ingest import Source
from newswatch.ingest.files import expand_paths, is_warc, iter_file_sources
from newswatch.output import Format, write_records
from newswatch.settings import Settings, load_settings

if TYPE_CHECKING:
    from newswatch.ingest.run import IngestSummary
    from newswatch.store import IngestResult, Store

__all__ = ["register"]

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (default: $NEWSWATCH_DB or sqlite:///newswatch.db)."),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="text, json, jsonl or csv.")]
LimitOption = Annotated[int, typer.Option(min=1, max=100_000, help="At most this many results.")]
_stderr = Console(stderr=True)


def _settings(db: str | None) -> Settings:
    return load_settings(overrides={"db": db})


def _open(db: str | None) -> Store:
    from newswatch.store import Store

    settings = _settings(db)
    try:
        return Store.open(settings.db)
    except Exception as exc:  # a driver error opening the base: one clear line
        _stderr.print(
            f"newswatch: cannot open the database {settings.db}: {exc}",
            markup=False,
            highlight=False,
        )
        raise typer.Exit(2) from exc


def _table(rows: list[dict[str, Any]], columns: list[str], title: str | None = None) -> str:
    table = Table(title=title, show_lines=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    buffer = io.StringIO()
    Console(file=buffer, width=160, color_system=None).print(table)
    return buffer.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return str(value.get("name") or value.get("domain") or "")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _emit(
    rows: list[dict[str, Any]], fmt: Format, columns: list[str], title: str | None = None
) -> None:
    if fmt is Format.text:
        sys.stdout.write(_table(rows, columns, title) if rows else "(nothing found)\n")
        return
    flat = rows
    if fmt is Format.csv:
        flat = [
            {c: _cell(r.get(c)) if isinstance(r.get(c), dict | list) else r.get(c) for c in columns}
            for r in rows
        ]
    write_records(flat, fmt, sys.stdout, columns=columns)


def _sources(
    paths: list[str], feeds: list[str], sitemaps: list[str], settings: Settings, allow_private: bool
) -> Iterator[Source]:
    urls = [p for p in paths if p.startswith(("http://", "https://"))]
    local = [p for p in paths if p not in urls]
    warcs = [p for p, err in expand_paths(local) if err is None and is_warc(p)]
    plain = [p for p in local if not is_warc(p)]
    from newswatch.ingest.warc import iter_warc_sources

    yield from (s for s in iter_file_sources(plain) if not is_warc(s.name))
    for warc in warcs:
        yield from iter_warc_sources(warc, max_bytes=settings.max_bytes)
    if urls or feeds or sitemaps:
        from newswatch.ingest.web import (
            Fetcher,
            iter_feed_sources,
            iter_sitemap_sources,
            iter_url_sources,
        )

        with Fetcher(settings=settings, allow_private=allow_private) as fetcher:
            yield from iter_url_sources(urls, fetcher)
            for feed in feeds:
                yield from iter_feed_sources(feed, fetcher)
            for sitemap in sitemaps:
                yield from iter_sitemap_sources(sitemap, fetcher)


def ingest_cmd(
    sources: Annotated[
        list[str] | None, typer.Argument(help="Files, folders, globs, .warc(.gz) files, URLs.")
    ] = None,
    feed: Annotated[
        list[str] | None, typer.Option("--feed", help="An RSS or Atom feed URL (repeatable).")
    ] = None,
    sitemap: Annotated[
        list[str] | None,
        typer.Option("--sitemap", help="A sitemap or sitemap index URL (repeatable)."),
    ] = None,
    db: DbOption = None,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Worker processes for the pipeline.")
    ] = 1,
    allow_private: Annotated[
        bool, typer.Option(help="Allow fetching private and loopback addresses.")
    ] = False,
    strict: Annotated[bool, typer.Option(help="Exit 1 when any input failed.")] = False,
    from_batch: Annotated[
        Path | None,
        typer.Option("--from-batch", help="Load the shards of a `newswatch batch` output folder."),
    ] = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="text or json: the summary.")
    ] = Format.text,
) -> None:
    """Ingest documents into the knowledge base (idempotent; failures are recorded, the run goes on)."""
    from newswatch.ingest.run import ingest_sources

    settings = _settings(db)
    if not (sources or feed or sitemap or from_batch):
        raise typer.BadParameter("give at least one source, --feed, --sitemap or --from-batch")
    if from_batch is not None and (sources or feed or sitemap):
        raise typer.BadParameter("--from-batch loads a batch folder alone; ingest sources apart")
    store = _open(db)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} done"),
        TimeElapsedColumn(),
        console=_stderr,
        transient=True,
        disable=not _stderr.is_terminal,
    )
    with store, progress:
        task = progress.add_task("ingesting", total=None)

        def tick(result: IngestResult) -> None:
            progress.update(task, advance=1, description=f"{result.status}: {result.source[-60:]}")

        if from_batch is not None:
            from newswatch.batch_load import load_batch

            try:
                summary = load_batch(from_batch, store, on_result=tick)
            except FileNotFoundError as exc:
                _stderr.print(f"newswatch: {exc}", markup=False, highlight=False)
                raise typer.Exit(2) from exc
            _print_summary(summary, fmt)
            raise typer.Exit(1 if strict and summary.failed else 0)
        summary = ingest_sources(
            _sources(sources or [], feed or [], sitemap or [], settings, allow_private),
            store,
            settings=settings,
            workers=workers,
            on_result=tick,
        )
    _print_summary(summary, fmt)
    raise typer.Exit(1 if strict and summary.failed else 0)


def _print_summary(summary: IngestSummary, fmt: Format) -> None:
    counts = {k: summary.counts.get(k, 0) for k in ("new", "duplicate", "skipped", "failed")}
    if fmt in (Format.json, Format.jsonl):
        failures = [{"source": s, "reason": r} for s, r in summary.failures]
        write_records([{**counts, "failures": failures}], fmt, sys.stdout)
        return
    line = ", ".join(f"{n} {k}" for k, n in counts.items())
    _stderr.print(f"ingest: {line}", markup=False, highlight=False)
    for source, reason in summary.failures:
        _stderr.print(f"  failed: {source}: {reason}", markup=False, highlight=False)


def search_cmd(
    query: Annotated[str, typer.Argument(help='Words (all must occur) and "exact phrases".')],
    lang: Annotated[str | None, typer.Option(help="Language code, e.g. en or ru.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name or domain contains this.")] = None,
    limit: LimitOption = 20,
    db: DbOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Search articles."""
    with _open(db) as store:
        page = store.search(query, lang=lang, since=since, until=until, outlet=outlet, limit=limit)
    _emit(page.items, fmt, ["id", "published", "language", "outlet", "title", "url", "snippet"])


def quotes_cmd(
    speaker: Annotated[
        str | None, typer.Option(help="Any name of the speaker, any script or case.")
    ] = None,
    about: Annotated[str | None, typer.Option(help="Words the statement contains.")] = None,
    since: Annotated[str | None, typer.Option(help="Said on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Said on or before YYYY-MM-DD.")] = None,
    lang: Annotated[str | None, typer.Option(help="Language code.")] = None,
    limit: LimitOption = 50,
    db: DbOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Statements: who said what, when, and according to whom."""
    with _open(db) as store:
        page = store.quotes(
            speaker=speaker, about=about, since=since, until=until, lang=lang, limit=limit
        )
    if fmt is Format.text or fmt is Format.csv:
        rows = [_quote_row(q) for q in page.items]
        _emit(rows, fmt, ["date", "speaker", "kind", "text", "via", "article", "language"])
        return
    write_records(page.items, fmt, sys.stdout)


def _quote_row(q: dict[str, Any]) -> dict[str, Any]:
    article = q["article"]
    return {
        "date": q["date"] or article["published"],
        "speaker": (q["speaker"] or {}).get("name"),
        "kind": q["kind"],
        "text": q["text"],
        "via": q["via"],
        "article": article["title"] or article["id"],
        "language": article["language"],
    }


def entities_cmd(
    type_: Annotated[
        str | None, typer.Option("--type", help="PERSON, ORG, GPE, LOC, FAC, EVENT or MEDIA.")
    ] = None,
    top: Annotated[
        int, typer.Option(min=1, max=100_000, help="How many, most written-about first.")
    ] = 50,
    db: DbOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """The entities of the knowledge base, most written-about first."""
    with _open(db) as store:
        page = store.entities(type=type_, top=top)
    _emit(page.items, fmt, ["id", "type", "name", "articles", "quotes"])


def entity_cmd(
    name: Annotated[str, typer.Argument(help="Any name of the entity, in any script, or its id.")],
    db: DbOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """One entity: its names in every script, roles, and its statements over time."""
    with _open(db) as store:
        found = store.entity(name)
        statements = store.quotes(entity_id=found["id"], limit=1000).items if found else []
    if found is None:
        _stderr.print(f"newswatch: no entity called {name!r}", markup=False, highlight=False)
        raise typer.Exit(1)
    if fmt is not Format.text:
        write_records([found], fmt, sys.stdout)
        return
    out = [
        f"{found['name']}  ({found['type']}, {found['id']})",
        f"  names:     {', '.join(found['aliases']) or '-'}",
        f"  roles:     {', '.join(found['roles']) or '-'}",
        f"  languages: {', '.join(found['languages']) or '-'}",
        f"  articles:  {found['articles']}   quotes: {found['quotes']}   "
        f"seen {found['first_seen'] or '?'} to {found['last_seen'] or '?'}",
        "",
    ]
    by_month: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in statements:
        day = q["date"] or q["article"]["published"] or "????-??"
        by_month[day[:7]].append(q)
    for month in sorted(by_month):
        out.append(f"  {month}  {'#' * min(40, len(by_month[month]))} {len(by_month[month])}")
    sys.stdout.write("\n".join(out) + "\n\n")
    if statements:
        _emit(
            [_quote_row(q) for q in statements],
            Format.text,
            ["date", "kind", "text", "via", "article", "language"],
        )


def stories_cmd(
    since: Annotated[
        str | None, typer.Option(help="Stories active on or after YYYY-MM-DD.")
    ] = None,
    min_articles: Annotated[
        int, typer.Option(min=1, help="Only stories told by at least this many articles.")
    ] = 2,
    limit: LimitOption = 50,
    db: DbOption = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Stories: the same event as told by several outlets and languages."""
    with _open(db) as store:
        page = store.stories(since=since, min_articles=min_articles, limit=limit)
    if fmt is not Format.text and fmt is not Format.csv:
        write_records(page.items, fmt, sys.stdout)
        return
    rows = [
        {
            "id": s["id"],
            "last": s["last_published"],
            "articles": len(s["articles"]),
            "languages": s["languages"],
            "title": s["title"],
            "outlets": sorted({_cell(a["outlet"]) or "?" for a in s["articles"]}),
        }
        for s in page.items
    ]
    _emit(rows, fmt, ["id", "last", "articles", "languages", "outlets", "title"])


def export_cmd(
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="jsonl (records), csv (quotes) or ftm (FollowTheMoney)."
        ),
    ] = "jsonl",
    db: DbOption = None,
) -> None:
    """Export the knowledge base: every article record, every statement, or FollowTheMoney entities."""
    with _open(db) as store:
        if fmt == "jsonl":
            write_records((a.to_dict() for a in store.iter_articles()), Format.jsonl, sys.stdout)
        elif fmt == "csv":
            rows = chain.from_iterable(
                _article_quote_rows(a.to_dict()) for a in store.iter_articles()
            )
            write_records(rows, Format.csv, sys.stdout, columns=_QUOTE_COLUMNS)
        elif fmt == "ftm":
            from newswatch.export_ftm import ftm_entities

            write_records(ftm_entities(store), Format.jsonl, sys.stdout)
        else:
            raise typer.BadParameter("jsonl, csv or ftm", param_hint="--format")


_QUOTE_COLUMNS = [
    "article_id",
    "published",
    "language",
    "url",
    "speaker",
    "kind",
    "cue",
    "date",
    "via",
    "text",
]


def _article_quote_rows(record: dict[str, Any]) -> Iterable[dict[str, Any]]:
    for q in record["quotes"]:
        yield {
            "article_id": record["id"],
            "published": record["published"],
            "language": record["language"],
            "url": record["url"],
            "speaker": (q["speaker"] or {}).get("name"),
            "kind": q["kind"],
            "cue": q["cue"],
            "date": q["date"],
            "via": "; ".join(q["via"]),
            "text": q["text"],
        }


def register(app: typer.Typer) -> None:
    """Add the knowledge-base verbs to ``app``."""
    app.command("ingest")(ingest_cmd)
    app.command("search")(search_cmd)
    app.command("quotes")(quotes_cmd)
    app.command("entities")(entities_cmd)
    app.command("entity")(entity_cmd)
    app.command("stories")(stories_cmd)
    app.command("export")(export_cmd)
