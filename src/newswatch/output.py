"""One output convention for every command: text (for a person), json, jsonl, csv."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import Any, TextIO

__all__ = ["Format", "write_records"]


class Format(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _csv_cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_records(
    records: Iterable[dict[str, Any]],
    fmt: Format,
    out: TextIO,
    *,
    text_view: Callable[[dict[str, Any]], str] | None = None,
    columns: Sequence[str] | None = None,
) -> int:
    """Write ``records`` to ``out`` as ``fmt``, streaming where the format allows. Returns the count."""
    count = 0
    if fmt is Format.json:
        out.write("[")
        for record in records:
            out.write(",\n" if count else "\n")
            out.write(json.dumps(record, ensure_ascii=False, indent=2))
            count += 1
        out.write("\n]\n" if count else "]\n")
    elif fmt is Format.jsonl:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    elif fmt is Format.csv:
        writer: csv.DictWriter[str] | None = None
        for record in records:
            if writer is None:
                writer = csv.DictWriter(
                    out, fieldnames=list(columns or record), extrasaction="ignore"
                )
                writer.writeheader()
            writer.writerow({k: _csv_cell(v) for k, v in record.items()})
            count += 1
    else:
        view = text_view or (lambda r: json.dumps(r, ensure_ascii=False, indent=2))
        for record in records:
            if count:
                out.write("\n")
            out.write(view(record).rstrip("\n") + "\n")
            count += 1
    out.flush()
    return count
