"""Plain-text crawl dumps: keep the article, drop the site furniture (placeholder: keeps all)."""

from __future__ import annotations

from newswatch.extract import Extraction

__all__ = ["extract_textdump"]


def extract_textdump(text: str) -> Extraction:
    lines = [line.strip() for line in text.split("\n")]
    return Extraction(text="\n".join(line for line in lines if line))
