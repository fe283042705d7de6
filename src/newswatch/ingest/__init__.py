"""Sources for the knowledge base: files, folders and globs, URLs, feeds, sitemaps, WARC files."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

__all__ = ["Source", "digest_of"]


@dataclass(frozen=True, slots=True)
class Source:
    """One input document: its bytes, or the reason they could not be had.

    ``name`` is what the knowledge base records it under (a path, or a URL).
    """

    name: str
    data: bytes | None = None
    url: str | None = None
    error: str | None = None


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
