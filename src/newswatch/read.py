"""Stage 1, read: bytes in, text out.

Sniffs HTML from plain text, un-gzips, decodes (BOM, declared charset, a fallback detector) and
refuses what is not a document -- binary data, empty input, input over the size limit -- with a
:class:`ReadError` whose message is the reason.
"""

from __future__ import annotations

import codecs
import re
import zlib
from dataclasses import dataclass

from charset_normalizer import from_bytes

__all__ = ["Document", "ReadError", "read_bytes"]

_GZIP_MAGIC = b"\x1f\x8b"
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEAD = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_HTML_SNIFF = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title[\s>]|<div[\s>]|<p[\s>]|<article[\s>]",
    re.I,
)
# Binary formats that sometimes arrive with a text-like name.
_BINARY_MAGIC = (
    b"%PDF",
    b"PK\x03\x04",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x7fELF",
    b"BZh",
    b"\xfd7zXZ",
    b"Rar!",
    b"7z\xbc\xaf",
    b"RIFF",
    b"OggS",
    b"ID3",
    b"\x00\x00\x01\x00",
    b"MZ",
    b"SQLite format 3",
)


class ReadError(ValueError):
    """Raised when input is not a readable document. ``str(error)`` is the reason."""


@dataclass(frozen=True, slots=True)
class Document:
    """Decoded input: its text, whether it is HTML, and the encoding it was read with."""

    text: str
    is_html: bool
    encoding: str


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise ReadError(f"corrupt gzip data ({exc})") from exc
    if len(out) > max_bytes:
        raise ReadError(f"over the size limit of {max_bytes} bytes after decompression")
    if not decompressor.eof:
        raise ReadError("truncated gzip data")
    return out


def _lookup(name: bytes | str) -> str | None:
    label = name.decode("ascii", "ignore") if isinstance(name, bytes) else name
    try:
        codec = codecs.lookup(label.strip().lower())
    except LookupError:
        return None
    # A page that declares latin-1 is, in practice, windows-1252 (as browsers read it).
    return "cp1252" if codec.name in {"latin-1", "iso8859-1"} else codec.name


def _declared_encoding(head: bytes) -> str | None:
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return _lookup(match.group(1)) if match else None


def _looks_binary(data: bytes) -> bool:
    if any(data.startswith(magic) for magic in _BINARY_MAGIC):
        return True
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(sample) * 0.05


def _decode(data: bytes, is_html: bool) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), encoding
    if _looks_binary(data):
        raise ReadError("binary data, not a text or HTML document")
    declared = _declared_encoding(data[:_HEAD]) if is_html else None
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # a wrong declaration: fall through to detection
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000], cp_isolation=None).best()
    detected = _lookup(best.encoding) if best is not None else None
    if detected is None:
        if declared:
            return data.decode(declared, errors="replace"), declared
        raise ReadError("cannot tell the character encoding")
    return data.decode(detected, errors="replace"), detected


def read_bytes(data: bytes, *, max_bytes: int = 10 * 1024 * 1024) -> Document:
    """Turn raw input into a :class:`Document`, or raise :class:`ReadError` with the reason."""
    if data.startswith(_GZIP_MAGIC):
        if len(data) > max_bytes:
            raise ReadError(f"over the size limit of {max_bytes} bytes")
        data = _gunzip(data, max_bytes)
    if len(data) > max_bytes:
        raise ReadError(f"over the size limit of {max_bytes} bytes ({len(data)} bytes)")
    if not data.strip():
        raise ReadError("empty input")
    is_html = bool(_HTML_SNIFF.search(data[:_HEAD]))
    text, encoding = _decode(data, is_html)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise ReadError("empty input")
    if not is_html and _HTML_SNIFF.search(text[:_HEAD].encode("utf-8", "ignore")):
        is_html = True
    return Document(text=text, is_html=is_html, encoding=encoding)
