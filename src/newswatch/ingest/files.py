"""Files, folders (read recursively) and glob patterns as sources."""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterator
from pathlib import Path

from newswatch.ingest import Source

__all__ = ["expand_paths", "iter_file_sources"]

_WARC_SUFFIXES = (".warc", ".warc.gz")
_GLOB_CHARS = frozenset("*?[")


def is_warc(path: str) -> bool:
    return path.lower().endswith(_WARC_SUFFIXES)


def expand_paths(names: list[str]) -> Iterator[tuple[str, str | None]]:
    """Yield ``(path, error)`` for each file named by ``names``: files, folders, globs, ``-``."""
    for name in names:
        if name == "-":
            yield name, None
            continue
        if _GLOB_CHARS & set(name) and not Path(name).exists():
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                yield name, "no file matches the pattern"
            for match in matches:
                yield from expand_paths([match])
            continue
        path = Path(name)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if not any(part.startswith(".") for part in file.relative_to(path).parts):
                    yield str(file), None
        elif path.is_file():
            yield name, None
        else:
            yield name, "no such file or folder"


def iter_file_sources(names: list[str]) -> Iterator[Source]:
    """Each file as a :class:`Source` (WARC files are left to :mod:`newswatch.ingest.warc`)."""
    for name, error in expand_paths(names):
        if error is not None:
            yield Source(name=name, error=error)
        elif name == "-":
            yield Source(name=name, data=sys.stdin.buffer.read())
        else:
            try:
                yield Source(name=name, data=Path(name).read_bytes())
            except OSError as exc:
                yield Source(name=name, error=f"cannot read: {exc.strerror or exc}")
