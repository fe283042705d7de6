"""Parquet tables of a batch run: articles, quotes and entities, one file per shard and table.

Each table is a folder (``DIR/articles/``, ``DIR/quotes/``, ``DIR/entities/``) of Parquet files
with one schema, so ``pyarrow.dataset.dataset("DIR/quotes")``, DuckDB or ``dask.dataframe``
read all shards as one table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

__all__ = ["SCHEMAS", "TableWriter", "table_rows"]

_LIST = pa.list_(pa.string())

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("id", pa.string()),
            ("source", pa.string()),
            ("path", pa.string()),
            ("url", pa.string()),
            ("outlet_name", pa.string()),
            ("outlet_domain", pa.string()),
            ("language", pa.string()),
            ("title", pa.string()),
            ("published", pa.string()),
            ("authors", _LIST),
            ("text", pa.string()),
            ("entities", pa.int32()),
            ("quotes", pa.int32()),
        ]
    ),
    "quotes": pa.schema(
        [
            ("article_id", pa.string()),
            ("seq", pa.int32()),
            ("text", pa.string()),
            ("kind", pa.string()),
            ("start", pa.int32()),
            ("end", pa.int32()),
            ("speaker_name", pa.string()),
            ("speaker_mention", pa.string()),
            ("speaker_entity", pa.string()),
            ("cue", pa.string()),
            ("date", pa.string()),
            ("date_text", pa.string()),
            ("via", _LIST),
            ("language", pa.string()),
            ("published", pa.string()),
        ]
    ),
    "entities": pa.schema(
        [
            ("article_id", pa.string()),
            ("local_id", pa.string()),
            ("name", pa.string()),
            ("type", pa.string()),
            ("aliases", _LIST),
            ("roles", _LIST),
            ("mentions", pa.int32()),
            ("language", pa.string()),
        ]
    ),
}


def table_rows(record: dict[str, Any], source: str) -> dict[str, list[dict[str, Any]]]:
    """The rows one article record adds to each table."""
    outlet = record.get("outlet") or {}
    article = {
        "id": record["id"],
        "source": source,
        "path": record.get("path"),
        "url": record.get("url"),
        "outlet_name": outlet.get("name"),
        "outlet_domain": outlet.get("domain"),
        "language": record.get("language"),
        "title": record.get("title"),
        "published": record.get("published"),
        "authors": list(record.get("authors") or []),
        "text": record["text"],
        "entities": len(record.get("entities") or []),
        "quotes": len(record.get("quotes") or []),
    }
    quotes = []
    for seq, quote in enumerate(record.get("quotes") or []):
        speaker = quote.get("speaker") or {}
        quotes.append(
            {
                "article_id": record["id"],
                "seq": seq,
                "text": quote["text"],
                "kind": quote["kind"],
                "start": quote["start"],
                "end": quote["end"],
                "speaker_name": speaker.get("name"),
                "speaker_mention": speaker.get("mention"),
                "speaker_entity": speaker.get("entity"),
                "cue": quote.get("cue"),
                "date": quote.get("date"),
                "date_text": quote.get("date_text"),
                "via": list(quote.get("via") or []),
                "language": record.get("language"),
                "published": record.get("published"),
            }
        )
    entities = [
        {
            "article_id": record["id"],
            "local_id": entity["id"],
            "name": entity["name"],
            "type": entity["type"],
            "aliases": list(entity.get("aliases") or []),
            "roles": list(entity.get("roles") or []),
            "mentions": len(entity.get("mentions") or []),
            "language": record.get("language"),
        }
        for entity in record.get("entities") or []
    ]
    return {"articles": [article], "quotes": quotes, "entities": entities}


class TableWriter:
    """Rows of one table streamed into one Parquet file, a row group every ``flush_rows`` rows."""

    def __init__(self, path: Path, schema: pa.Schema, *, flush_rows: int = 2000) -> None:
        self.path = path
        self.schema = schema
        self.flush_rows = flush_rows
        self._rows: list[dict[str, Any]] = []
        self._writer = pq.ParquetWriter(str(path), schema, compression="zstd")

    def add(self, rows: list[dict[str, Any]]) -> None:
        self._rows.extend(rows)
        if len(self._rows) >= self.flush_rows:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self.schema))
            self._rows = []

    def close(self) -> None:
        """Write what is left; a shard without rows still gets a file with the schema."""
        self._flush()
        self._writer.close()
