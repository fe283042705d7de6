"""The ``newswatch`` command: thin verbs over the library."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from newswatch.cli_batch import register as register_batch_commands
from newswatch.cli_store import register as register_store_commands
from newswatch.cli_web import register as register_web_commands
from newswatch.ingest.files import iter_file_sources
from newswatch.output import Format, write_records
from newswatch.pipeline import extract
from newswatch.read import ReadError
from newswatch.record import Article
from newswatch.settings import load_settings

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

app = typer.Typer(
    name="newswatch",
    help="Who said what, when, and according to whom: news into a searchable record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(
    help="Score extraction and attribution against gold data.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")


def _err(message: str) -> None:
    sys.stderr.write(f"newswatch: {message}\n")
    sys.stderr.flush()


def article_text_view(record: dict[str, Any]) -> str:
    """A readable view of one article record."""
    outlet = record.get("outlet") or {}
    head = [
        f"== {record.get('title') or '(no title)'}",
        f"   id {record['id']}  language {record.get('language') or '?'}  "
        f"published {record.get('published') or '?'}",
    ]
    if record.get("path") or record.get("url"):
        head.append(f"   from {record.get('url') or record.get('path')}")
    if outlet:
        head.append(f"   outlet {outlet.get('name') or outlet.get('domain')}")
    if record.get("authors"):
        head.append(f"   by {', '.join(record['authors'])}")
    body = [""] + [f"   {line}" for line in record["text"].split("\n")]
    tail: list[str] = []
    if record.get("entities"):
        tail.append("")
        tail.append("   entities:")
        for ent in record["entities"]:
            roles = f" ({'; '.join(ent['roles'])})" if ent.get("roles") else ""
            tail.append(f"     {ent['type']:<7} {ent['name']}{roles}")
    if record.get("quotes"):
        tail.append("")
        tail.append("   quotes:")
        for q in record["quotes"]:
            who = (q.get("speaker") or {}).get("name") or "?"
            extra = [x for x in (q.get("date"), ", ".join(q.get("via") or [])) if x]
            more = f"  [{'; '.join(extra)}]" if extra else ""
            tail.append(f"     {who} ({q['kind']}, {q.get('cue') or '-'}): {q['text']}{more}")
    if record.get("boilerplate"):
        tail.append("")
        tail.append(f"   dropped {len(record['boilerplate'])} lines of site furniture")
    return "\n".join(head + body + tail)


@app.command("extract")
def extract_cmd(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders (read recursively) or - for stdin.")
    ],
    url: Annotated[str | None, typer.Option(help="The page's URL (for one input).")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date, YYYY-MM-DD, when the page does not say.")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text, json, jsonl.")] = Format.text,
    config: Annotated[Path | None, typer.Option(help="A TOML settings file.")] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Refuse inputs larger than this.")] = None,
) -> None:
    """Turn raw news pages or text dumps into clean article records."""
    if fmt is Format.csv:
        raise typer.BadParameter("extract prints json, jsonl or text", param_hint="--format")
    if published is not None and not _ISO_DATE.match(published):
        raise typer.BadParameter("must be YYYY-MM-DD", param_hint="--published")
    settings = load_settings(config_file=config, overrides={"max_bytes": max_bytes})
    failed = 0

    def records() -> Iterator[dict[str, Any]]:
        nonlocal failed
        for source in iter_file_sources(paths):
            name, data, error = source.name, source.data, source.error
            if error is None and data is not None:
                try:
                    article: Article = extract(
                        data, url=url, published=published, path=name, settings=settings
                    )
                except (ReadError, ValueError) as exc:
                    error = str(exc)
                else:
                    yield article.to_dict()
                    continue
            failed += 1
            _err(f"{name}: {error}")

    write_records(records(), fmt, sys.stdout, text_view=article_text_view)
    raise typer.Exit(1 if failed else 0)


bench_app = typer.Typer(help="Measure speed and memory.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")


def _table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    widths = [max(len(col), *(len(str(row[col])) for row in rows)) for col in columns]
    lines = ["  ".join(col.ljust(w) for col, w in zip(columns, widths, strict=True))]
    lines += [
        "  ".join(str(row[col]).ljust(w) for col, w in zip(columns, widths, strict=True))
        for row in rows
    ]
    return "\n".join(lines)


@eval_app.command("extraction")
def eval_extraction_cmd(
    dataset: Annotated[
        Path, typer.Argument(help="article-extraction-benchmark or daniel-ru folder.")
    ],
    limit: Annotated[int | None, typer.Option(help="Score only the first N pages.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text or json.")] = Format.text,
    ablation: Annotated[
        bool, typer.Option(help="Score newswatch with each of its rules turned off in turn.")
    ] = False,
) -> None:
    """Score newswatch's HTML extraction, and trafilatura's defaults, against a data set."""
    from newswatch.eval import extraction as ev

    if fmt not in (Format.text, Format.json):
        raise typer.BadParameter("eval extraction prints text or json", param_hint="--format")
    try:
        kind, results = (
            ev.ablation(dataset, limit=limit)
            if ablation
            else ev.evaluate(dataset, limit=limit, progress=lambda m: _err(m))
        )
    except (OSError, ValueError) as exc:
        _err(f"{dataset}: {exc}")
        raise typer.Exit(2) from exc
    rows = [{"dataset": kind, **row} for row in ev.iter_rows(results)]
    if fmt is Format.json:
        write_records(rows, fmt, sys.stdout)
        return
    columns = ["tool", "precision", "recall", "f1", "accuracy", "pages", "failed"]
    columns += ["pages_per_second"]
    title = "title prepended" if kind == "daniel" else "text alone"
    sys.stdout.write(f"{kind} ({dataset}, {title})\n{_table(rows, columns)}\n")


@bench_app.command("html")
def bench_html_cmd(
    dataset: Annotated[
        Path, typer.Argument(help="A data set folder (default: the Zyte benchmark).")
    ] = Path("../shared/data/article-extraction-benchmark"),
    rounds: Annotated[int, typer.Option(min=1, help="Passes over the pages.")] = 3,
    limit: Annotated[int | None, typer.Option(help="Only the first N pages.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text or json.")] = Format.text,
) -> None:
    """Per-page time and memory of newswatch's HTML extraction against trafilatura's."""
    from newswatch.eval.extraction import bench_html

    try:
        result = bench_html(dataset, rounds=rounds, limit=limit).to_dict()
    except (OSError, ValueError) as exc:
        _err(f"{dataset}: {exc}")
        raise typer.Exit(2) from exc
    if fmt is Format.json:
        write_records([result], Format.json, sys.stdout)
    else:
        sys.stdout.write("".join(f"{key:<34} {value}\n" for key, value in result.items()))


def _eval_gold(dirs: list[Path], part: str, fmt: Format, details: bool, baseline: str) -> None:
    from newswatch.eval import gold

    if fmt not in (Format.text, Format.json):
        raise typer.BadParameter(f"eval {part} prints text or json", param_hint="--format")
    missing = [d for d in dirs if not d.is_dir()]
    if missing:
        _err(f"{missing[0]}: no such folder")
        raise typer.Exit(2)
    baselines = {"none": None, "keep-all": gold.keep_all_baseline, "c4": gold.c4_baseline}
    if baseline not in baselines:
        raise typer.BadParameter("none, keep-all or c4", param_hint="--baseline")
    report = gold.evaluate(dirs, extractor=baselines[baseline])
    if not report.files:
        _err(f"{', '.join(map(str, dirs))}: no NAME.txt with a NAME.gold.json")
        raise typer.Exit(2)
    data = report.to_dict(details=details)
    if fmt is Format.json:
        write_records([data], Format.json, sys.stdout)
    else:
        sys.stdout.write(gold.report_view(data, part=part) + "\n")
    for item in report.files:
        if item.error:
            _err(f"{item.name}: {item.error}")


_GoldDirs = Annotated[list[Path], typer.Argument(help="Folders of NAME.txt + NAME.gold.json.")]
_Details = Annotated[bool, typer.Option("--details", help="What went wrong, file by file.")]
_EvalFormat = Annotated[Format, typer.Option("--format", "-f", help="text or json.")]


@eval_app.command("dumps")
def eval_dumps_cmd(
    dirs: _GoldDirs,
    fmt: _EvalFormat = Format.text,
    details: _Details = False,
    baseline: Annotated[
        str, typer.Option(help="Score a baseline instead: keep-all, or c4 (lines ending in . ! ?).")
    ] = "none",
) -> None:
    """Score text-dump extraction (lines, published, language) against gold dumps."""
    _eval_gold(dirs, "dumps", fmt, details, baseline)


@eval_app.command("quotes")
def eval_quotes_cmd(
    dirs: _GoldDirs, fmt: _EvalFormat = Format.text, details: _Details = False
) -> None:
    """Score quotes (speaker, date, via) and entities against gold dumps."""
    _eval_gold(dirs, "quotes", fmt, details, "none")


@eval_app.command("polnear")
def eval_polnear_cmd(
    split: Annotated[Path, typer.Argument(help="A PolNeAR split: text/ + attributions/.")],
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N texts.")] = None,
    fmt: _EvalFormat = Format.text,
) -> None:
    """Score attribution (quote, speaker, cue spans) against PolNeAR, exact and lenient."""
    from newswatch.eval import polnear

    if fmt not in (Format.text, Format.json):
        raise typer.BadParameter("eval polnear prints text or json", param_hint="--format")
    try:
        report = polnear.evaluate(split, limit=limit, progress=_err)
    except (OSError, ValueError) as exc:
        _err(f"{split}: {exc}")
        raise typer.Exit(2) from exc
    for problem in report.problems:
        _err(f"skipped {problem}")
    for name, error in report.failed:
        _err(f"{name}: the pipeline failed: {error}")
    if fmt is Format.json:
        write_records([report.to_dict()], Format.json, sys.stdout)
    else:
        sys.stdout.write(polnear.report_view(report.to_dict()) + "\n")


@bench_app.command("pipeline")
def bench_pipeline_cmd(
    langs: Annotated[list[str] | None, typer.Argument(help="Languages (default: en ru).")] = None,
    articles: Annotated[int, typer.Option(help="Articles per language.")] = 100,
    words: Annotated[int, typer.Option(help="Words per generated article.")] = 600,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text or json.")] = Format.text,
) -> None:
    """Time the whole of extract (read -> quotes) on generated ~600-word articles, per core."""
    from newswatch.eval.bench_pipeline import bench_pipeline

    rows = [
        bench_pipeline(lang, articles=articles, words=words).to_dict()
        for lang in langs or ["en", "ru"]
    ]
    if fmt is Format.json:
        write_records(rows, Format.json, sys.stdout)
    else:
        sys.stdout.write(_table(rows, list(rows[0])) + "\n")


@bench_app.command("dumps")
def bench_dumps_cmd(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Dump files or folders (default: gold dev + seed).")
    ] = None,
    seconds: Annotated[
        float, typer.Option(min=0.1, help="Time each run at least this long.")
    ] = 2.0,
    fmt: _EvalFormat = Format.text,
) -> None:
    """Dumps per second per core (CPU time) and peak memory of the text-dump classifier."""
    from newswatch.eval.gold import bench
    from newswatch.extract.textdump import extract_textdump

    names = paths or ["tests/data/gold/dev", "../shared/seed"]
    texts = []
    for source in iter_file_sources(names):
        if source.data is not None and not source.name.endswith(".json"):
            texts.append(source.data.decode("utf-8", errors="replace"))
        elif source.error is not None:
            _err(f"{source.name}: {source.error}")
    if not texts:
        _err("no dumps to time")
        raise typer.Exit(2)
    result = bench(
        f"extract_textdump over {len(texts)} dumps", texts, extract_textdump, min_seconds=seconds
    ).to_dict()
    if fmt is Format.json:
        write_records([result], Format.json, sys.stdout)
    else:
        sys.stdout.write("".join(f"{key:<18} {value}\n" for key, value in result.items()))


@bench_app.command("ingest")
def bench_ingest_cmd(
    db: Annotated[
        str, typer.Option(help="sqlite, or a PostgreSQL server URL (a scratch database is made).")
    ] = "sqlite",
    articles: Annotated[int, typer.Option(min=1, help="Generated English articles.")] = 300,
    workers: Annotated[
        list[int] | None, typer.Option(help="Worker counts (default 1 and 2).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Generator seed.")] = 1,
    fmt: _EvalFormat = Format.text,
) -> None:
    """Ingest throughput (articles/s) through the whole pipeline, per number of workers."""
    from newswatch.bench_kb import bench_ingest

    rows = bench_ingest(
        db, articles=articles, workers=tuple(workers or (1, 2)), seed=seed, progress=_err
    )
    if fmt is Format.json:
        write_records(rows, Format.json, sys.stdout)
    else:
        sys.stdout.write(_table(rows, list(rows[0])) + "\n")


@bench_app.command("search")
def bench_search_cmd(
    db: Annotated[str, typer.Option(help="An empty database, or one this bench filled before.")],
    articles: Annotated[int, typer.Option(min=1, help="Articles in the base.")] = 100_000,
    seed: Annotated[int, typer.Option(help="Generator seed.")] = 1,
    per_kind: Annotated[int, typer.Option(min=1, help="Queries of each kind.")] = 20,
    repeat: Annotated[int, typer.Option(min=1, help="Timed passes over the queries.")] = 3,
    fmt: _EvalFormat = Format.text,
) -> None:
    """Search and quote-query latency (p50, p95) per kind of query, on a generated base."""
    from newswatch.bench_kb import bench_search

    try:
        result = bench_search(
            db, articles=articles, seed=seed, per_kind=per_kind, repeat=repeat, progress=_err
        )
    except ValueError as exc:
        _err(str(exc))
        raise typer.Exit(2) from exc
    if fmt is Format.json:
        write_records([result], Format.json, sys.stdout)
        return
    head = {k: v for k, v in result.items() if k != "kinds"}
    sys.stdout.write("".join(f"{key:<24} {value}\n" for key, value in head.items()))
    sys.stdout.write(_table(result["kinds"], list(result["kinds"][0])) + "\n")


register_store_commands(app)
register_web_commands(app)
register_batch_commands(app)


def main() -> None:  # pragma: no cover - the console script
    app()
