"""Stage 2, extract: the article and its metadata out of an HTML page or a text dump."""

from __future__ import annotations

from dataclasses import dataclass

from newswatch.record import Outlet

__all__ = ["Extraction"]


@dataclass(frozen=True, slots=True)
class Extraction:
    """What extraction finds; the pipeline turns it into an :class:`~newswatch.record.Article`."""

    text: str
    title: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    outlet: Outlet | None = None
    url: str | None = None
    boilerplate: tuple[str, ...] = ()
