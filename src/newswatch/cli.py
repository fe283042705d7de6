"""The ``newswatch`` command: thin verbs over the library."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

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


def iter_inputs(paths: list[str]) -> Iterator[tuple[str, bytes | None, str | None]]:
    """Yield ``(name, data, error)`` for each input: files, folders (recursively, sorted) or ``-``."""
    for name in paths:
        if name == "-":
            yield name, sys.stdin.buffer.read(), None
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            for file in files:
                yield from _read_file(file, str(file))
        elif path.exists():
            yield from _read_file(path, name)
        else:
            yield name, None, "no such file or folder"


def _read_file(path: Path, name: str) -> Iterator[tuple[str, bytes | None, str | None]]:
    try:
        yield name, path.read_bytes(), None
    except OSError as exc:
        yield name, None, f"cannot read: {exc.strerror or exc}"


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
        for name, data, error in iter_inputs(paths):
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


def main() -> None:  # pragma: no cover - the console script
    app()
