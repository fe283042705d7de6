"""WARC files (CC-NEWS style): each HTML response record is a source; other records are reported."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newswatch.ingest import Source

__all__ = ["iter_warc_sources"]

_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def _one_line(exc: BaseException, limit: int = 160) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short(record: Any, data: bytes) -> bool:
    """Whether the payload came out shorter than the record says it is.

    A record whose digest could not be checked after a full read was cut short; so was a payload
    shorter than its HTTP Content-Length.
    """
    if (
        record.rec_headers.get_header("WARC-Payload-Digest")
        and record.digest_checker.passed is None
    ):
        return True
    declared = record.http_headers.get_header("Content-Length") if record.http_headers else None
    return bool(declared and declared.isdigit() and len(data) < int(declared))


def iter_warc_sources(path: str, *, max_bytes: int = 10 * 1024 * 1024) -> Iterator[Source]:
    """Sources from the response records of the WARC file at ``path``."""
    index = 0
    try:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream, check_digests=True):
                if record.rec_type != "response":
                    continue
                index += 1
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{index}"
                name = f"{path}#{uri}"
                http = record.http_headers
                status = http.get_statuscode() if http is not None else None
                ctype = (http.get_header("Content-Type") if http is not None else None) or ""
                if status and not status.startswith("2"):
                    _ = record.content_stream().read()
                    yield Source(name=name, url=uri, error=f"HTTP status {status} in the archive")
                    continue
                if ctype.lower().split(";")[0].strip() not in _HTML_TYPES:
                    _ = record.content_stream().read()
                    yield Source(
                        name=name, url=uri, error=f"not an HTML page ({ctype or 'no content type'})"
                    )
                    continue
                data = record.content_stream().read(max_bytes + 1)
                if len(data) > max_bytes:
                    yield Source(
                        name=name, url=uri, error=f"over the size limit of {max_bytes} bytes"
                    )
                    continue
                if record.digest_checker.passed is False or _short(record, data):
                    yield Source(name=name, url=uri, error="truncated or corrupt WARC record")
                    continue
                yield Source(name=name, data=data, url=uri)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield Source(
            name=f"{path}#record-{index + 1}",
            error=f"truncated or corrupt WARC record ({_one_line(exc)})",
        )
    except Exception as exc:  # zlib and warcio raise a variety of errors on damaged archives
        yield Source(
            name=f"{path}#record-{index + 1}",
            error=f"unreadable WARC data ({type(exc).__name__}: {_one_line(exc)})",
        )
