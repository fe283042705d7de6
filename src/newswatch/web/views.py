"""Turning records into what the templates show: marked-up text, charts, safe links.

Nothing here produces HTML: the templates do, with autoescaping, from the plain values made
here, so scraped text can never become markup.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode, urlsplit

from newswatch.record import Article

__all__ = ["FILTERS", "Bar", "Segment", "annotate", "safe_href", "timeline"]


def safe_href(url: object) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None: ``javascript:``, ``data:`` and the
    like are shown as text, never as links."""
    if not isinstance(url, str):
        return None
    candidate = url.strip()
    if any(ord(ch) < 32 for ch in candidate):
        return None
    parts = urlsplit(candidate)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return candidate


def outlet_label(outlet: Any) -> str:
    if isinstance(outlet, Mapping):
        return str(outlet.get("name") or outlet.get("domain") or "")
    if outlet is None:
        return ""
    return str(getattr(outlet, "name", None) or getattr(outlet, "domain", None) or outlet)


def query_string(params: Mapping[str, Any], **changes: Any) -> str:
    """``?a=1&b=2`` from ``params`` with ``changes``; empty values left out."""
    merged = {**params, **changes}
    pairs = [(k, str(v)) for k, v in merged.items() if v not in (None, "")]
    return "?" + urlencode(pairs) if pairs else "?"


FILTERS = {"safe_href": safe_href, "outlet_label": outlet_label}


# -- an article's text with its statements and entities marked ---------------------------------
@dataclass
class Segment:
    """A run of text under the same marks."""

    text: str
    quote: int | None = None  # index of the statement this run is inside
    entity: str | None = None  # local entity id of the mention this run is inside
    entity_type: str | None = None
    kb_entity: str | None = None
    speaker: bool = False  # this run is the speaker's mention of a statement


@dataclass
class Paragraph:
    segments: list[Segment] = field(default_factory=list)


def annotate(article: Article, kb_ids: Mapping[str, str]) -> list[Paragraph]:
    """The text in paragraphs of segments: statements, entity mentions and speakers marked.

    Spans out of range or crossing each other are clipped, never trusted: offsets come from
    the NLP stages and the database, and a wrong one must not break the page.
    """
    text = article.text
    n = len(text)

    def clip(a: int | None, b: int | None) -> tuple[int, int] | None:
        if a is None or b is None:
            return None
        a, b = max(0, a), min(n, b)
        return (a, b) if a < b else None

    quote_spans = [
        (span, i) for i, q in enumerate(article.quotes) if (span := clip(q.start, q.end))
    ]
    speaker_spans = [
        span for q in article.quotes if q.speaker and (span := clip(q.speaker.start, q.speaker.end))
    ]
    types = {e.id: e.type for e in article.entities}
    mention_spans = [
        (span, e.id) for e in article.entities for m in e.mentions if (span := clip(m.start, m.end))
    ]
    cuts = {0, n}
    for (a, b), _ in (*quote_spans, *mention_spans):
        cuts.update((a, b))
    for a, b in speaker_spans:
        cuts.update((a, b))
    pos = text.find("\n")
    while pos >= 0:
        cuts.update((pos, pos + 1))
        pos = text.find("\n", pos + 1)
    paragraphs: list[Paragraph] = [Paragraph()]
    ordered = sorted(cuts)
    for a, b in itertools.pairwise(ordered):
        if text[a:b] == "\n":
            paragraphs.append(Paragraph())
            continue
        quote = next((i for (qa, qb), i in quote_spans if qa <= a < qb), None)
        local = next((eid for (ma, mb), eid in mention_spans if ma <= a < mb), None)
        paragraphs[-1].segments.append(
            Segment(
                text=text[a:b],
                quote=quote,
                entity=local,
                entity_type=types.get(local) if local else None,
                kb_entity=kb_ids.get(local) if local else None,
                speaker=any(sa <= a < sb for sa, sb in speaker_spans),
            )
        )
    return [p for p in paragraphs if p.segments]


# -- an entity's statements over time ----------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    count: int
    x: float
    y: float
    width: float
    height: float


CHART_WIDTH = 720
CHART_HEIGHT = 160


def _period(day: str, by: str) -> str | None:
    try:
        when = date.fromisoformat(day[:10])
    except (TypeError, ValueError):
        return None
    if by == "week":
        year, week, _ = when.isocalendar()
        return f"{year}-W{week:02d}"
    return when.strftime("%Y-%m")


def _periods(first: str, last: str, by: str) -> list[str]:
    """Every period from ``first`` to ``last`` (so quiet weeks show as gaps), at most 400."""
    out = [first]
    if by == "week":
        year, week = int(first[:4]), int(first[6:])
        while out[-1] != last and len(out) < 400:
            monday = date.fromisocalendar(year, week, 1).toordinal() + 7
            y2, w2, _ = date.fromordinal(monday).isocalendar()
            year, week = y2, w2
            out.append(f"{year}-W{week:02d}")
    else:
        year, month = int(first[:4]), int(first[5:7])
        while out[-1] != last and len(out) < 400:
            month += 1
            if month > 12:
                year, month = year + 1, 1
            out.append(f"{year}-{month:02d}")
    return out


def timeline(days: Iterable[tuple[str | None, int]], by: str = "month") -> list[Bar]:
    """Bars of statements per ``month`` or ``week`` from ``(day, count)`` pairs."""
    counts: Counter[str] = Counter()
    for day, count in days:
        period = _period(day, by) if day else None
        if period:
            counts[period] += count
    if not counts:
        return []
    labels = _periods(min(counts), max(counts), by)
    top = max(counts.values())
    # At least a year's months (or a quarter's weeks) of room: one busy month is no wall.
    width = CHART_WIDTH / max(len(labels), 12)
    bars = []
    for i, label in enumerate(labels):
        count = counts.get(label, 0)
        height = (CHART_HEIGHT - 20) * count / top
        bars.append(
            Bar(
                label=label,
                count=count,
                x=round(i * width, 2),
                y=round(CHART_HEIGHT - 20 - height, 2),
                width=round(max(1.0, width - 2), 2),
                height=round(height, 2),
            )
        )
    return bars
