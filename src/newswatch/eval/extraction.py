"""``newswatch eval extraction``: score HTML extraction against a gold data set.

Two data sets are recognised by their layout:

- the Zyte article-extraction benchmark (``ground-truth.json`` + ``html/<id>.html.gz``): the
  gold ``articleBody`` has no headline, so the extracted ``text`` is scored alone;
- DAnIEL-ru (``manifest.json`` + ``html/`` + ``reference/``): the gold keeps the headline as its
  first paragraph, so for *every* tool a separately returned title is prepended to the text
  before scoring (trafilatura's plain ``extract()`` returns no title, so it is scored as is).

Every page goes through newswatch's own reading stage (:func:`newswatch.read.read_bytes`), so both
tools see the same decoded text. Scores are the shingle metric of :mod:`newswatch.eval.scoring`.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

from newswatch.eval.scoring import CorpusScore, PageScore, score_corpus, score_page
from newswatch.extract.html import HtmlOptions, extract_html
from newswatch.read import ReadError, read_bytes

__all__ = [
    "ABLATIONS",
    "BenchResult",
    "GoldPage",
    "Tool",
    "ToolResult",
    "ablation",
    "bench_html",
    "dataset_kind",
    "evaluate",
    "load_pages",
    "newswatch_tool",
    "trafilatura_tool",
]

_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_PARAGRAPH = re.compile(r"</p\s*>|<br\s*/?>", re.I)


@dataclass(frozen=True, slots=True)
class GoldPage:
    """One page of a data set: its id, raw bytes, URL (when known) and gold text."""

    id: str
    data: bytes
    gold: str
    url: str | None = None


def dataset_kind(path: Path) -> str:
    """``zyte`` or ``daniel`` by the folder's layout; ``ValueError`` for anything else."""
    if (path / "ground-truth.json").is_file() and (path / "html").is_dir():
        return "zyte"
    if (path / "manifest.json").is_file() and (path / "reference").is_dir():
        return "daniel"
    raise ValueError(
        "not a known data set (want ground-truth.json + html/, "
        "or manifest.json + html/ + reference/)"
    )


def daniel_reference_text(raw: str) -> str:
    """A DAnIEL reference as plain text: one paragraph per line, stray markup removed."""
    raw = _SCRIPT.sub(" ", raw)
    raw = _PARAGRAPH.sub("\n", raw)
    lines = (" ".join(html.unescape(_TAG.sub(" ", line)).split()) for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)


def load_pages(path: Path, *, limit: int | None = None) -> list[GoldPage]:
    """The pages of a data set, in a stable order (sorted by id)."""
    kind = dataset_kind(path)
    pages: list[GoldPage] = []
    if kind == "zyte":
        truth = json.loads((path / "ground-truth.json").read_text(encoding="utf-8"))
        for key in sorted(truth)[:limit]:
            data = gzip.decompress((path / "html" / f"{key}.html.gz").read_bytes())
            item = truth[key]
            pages.append(GoldPage(key, data, item.get("articleBody") or "", item.get("url")))
    else:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        for entry in sorted(manifest, key=lambda e: e["id"])[:limit]:
            key = entry["id"]
            data = gzip.decompress((path / "html" / f"{key}.html.gz").read_bytes())
            raw = (path / "reference" / f"{key}.txt").read_text(encoding="utf-8")
            pages.append(GoldPage(key, data, daniel_reference_text(raw)))
    return pages


# A tool: decoded HTML and the page's URL in, (title or None, text) out.
Tool = Callable[[str, str | None], tuple[str | None, str]]


def newswatch_tool(page_html: str, url: str | None) -> tuple[str | None, str]:
    """newswatch's extraction: its title and text."""
    found = extract_html(page_html, url=url)
    return found.title, found.text


def trafilatura_tool(page_html: str, url: str | None) -> tuple[str | None, str]:
    """trafilatura's plain ``extract()`` with its defaults: text only, no title."""
    return None, trafilatura.extract(page_html, url=url) or ""


TOOLS: dict[str, Tool] = {"newswatch": newswatch_tool, "trafilatura": trafilatura_tool}


@dataclass(slots=True)
class ToolResult:
    """A tool's corpus score, its time, and the per-page scores (by page id)."""

    tool: str
    score: CorpusScore
    seconds: float
    pages: dict[str, PageScore] = field(default_factory=dict)
    failed: int = 0

    @property
    def pages_per_second(self) -> float:
        return self.score.pages / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "tool": self.tool,
            "precision": round(self.score.precision, 4),
            "recall": round(self.score.recall, 4),
            "f1": round(self.score.f1, 4),
            "accuracy": round(self.score.accuracy, 4),
            "pages": self.score.pages,
            "failed": self.failed,
            "seconds": round(self.seconds, 2),
            "pages_per_second": round(self.pages_per_second, 2),
        }


def _decode(page: GoldPage) -> str | None:
    try:
        return read_bytes(page.data).text
    except ReadError:
        return None


def run_tool(
    name: str, tool: Tool, pages: Sequence[tuple[GoldPage, str | None]], *, prepend_title: bool
) -> ToolResult:
    """Run one tool over decoded pages and score it; a page the tool fails on scores as empty."""
    per_page: dict[str, PageScore] = {}
    failed = 0
    seconds = 0.0
    for page, text in pages:
        prediction = ""
        if text is not None:
            start = time.perf_counter()
            try:
                title, body = tool(text, page.url)
            except Exception:  # a tool crashing on a page is scored, not fatal
                failed += 1
                title, body = None, ""
            seconds += time.perf_counter() - start
            prediction = f"{title}\n{body}" if prepend_title and title else body
        else:
            failed += 1
        per_page[page.id] = score_page(prediction, page.gold)
    return ToolResult(name, score_corpus(per_page.values()), seconds, per_page, failed)


def evaluate(
    path: Path,
    *,
    limit: int | None = None,
    tools: Sequence[str] = ("newswatch", "trafilatura"),
    progress: Callable[[str], None] | None = None,
) -> tuple[str, list[ToolResult]]:
    """Score each named tool on the data set at ``path``; returns the data set's kind and results."""
    kind = dataset_kind(path)
    pages = load_pages(path, limit=limit)
    decoded = [(page, _decode(page)) for page in pages]
    results = []
    for name in tools:
        if progress:
            progress(f"scoring {name} on {len(decoded)} pages")
        results.append(run_tool(name, TOOLS[name], decoded, prepend_title=kind == "daniel"))
    return kind, results


def iter_rows(results: Sequence[ToolResult]) -> Iterator[dict[str, object]]:
    """One JSON-ready row per tool."""
    for result in results:
        yield result.to_dict()


# The rules of :mod:`newswatch.extract.html`, each turned off in turn for the ablation table.
ABLATIONS: dict[str, HtmlOptions] = {
    "all rules": HtmlOptions(),
    "no precision mode": HtmlOptions(favor_precision=False),
    "no fallback": HtmlOptions(fallback=False),
    "no title-line drop": HtmlOptions(drop_title_lines=False),
    "no related-list drop": HtmlOptions(drop_related=False),
    "no furniture-line drop": HtmlOptions(drop_furniture=False),
    "no layout-table unwrap": HtmlOptions(unwrap_layout_tables=False),
    "no title clean-up": HtmlOptions(clean_title=False),
    "no rules (comments off only)": HtmlOptions(
        favor_precision=False,
        fallback=False,
        drop_title_lines=False,
        drop_furniture=False,
        drop_related=False,
        unwrap_layout_tables=False,
        clean_title=False,
    ),
}


def ablation(path: Path, *, limit: int | None = None) -> tuple[str, list[ToolResult]]:
    """newswatch scored with each rule turned off in turn (and with none of them)."""
    kind = dataset_kind(path)
    decoded = [(page, _decode(page)) for page in load_pages(path, limit=limit)]
    results = []
    for name, options in ABLATIONS.items():

        def tool(
            page_html: str, url: str | None, options: HtmlOptions = options
        ) -> tuple[str | None, str]:
            found = extract_html(page_html, url=url, options=options)
            return found.title, found.text

        results.append(run_tool(name, tool, decoded, prepend_title=kind == "daniel"))
    return kind, results


@dataclass(frozen=True, slots=True)
class BenchResult:
    """Per-page times (seconds, medians over pages and rounds) and peak traced memory (bytes)."""

    pages: int
    rounds: int
    newswatch_median: float
    trafilatura_median: float
    newswatch_total: float
    trafilatura_total: float
    newswatch_peak: int
    trafilatura_peak: int
    max_rss_kib: int

    @property
    def ratio(self) -> float:
        """newswatch's median per-page time over trafilatura's."""
        return self.newswatch_median / self.trafilatura_median if self.trafilatura_median else 0.0

    @property
    def total_ratio(self) -> float:
        """newswatch's total time over trafilatura's (the mean per page, in effect)."""
        return self.newswatch_total / self.trafilatura_total if self.trafilatura_total else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "pages": self.pages,
            "rounds": self.rounds,
            "newswatch_ms_per_page_median": round(self.newswatch_median * 1000, 2),
            "trafilatura_ms_per_page_median": round(self.trafilatura_median * 1000, 2),
            "ratio_median": round(self.ratio, 3),
            "newswatch_seconds_per_round": round(self.newswatch_total / self.rounds, 2),
            "trafilatura_seconds_per_round": round(self.trafilatura_total / self.rounds, 2),
            "ratio_total": round(self.total_ratio, 3),
            "newswatch_peak_traced_mib": round(self.newswatch_peak / 2**20, 1),
            "trafilatura_peak_traced_mib": round(self.trafilatura_peak / 2**20, 1),
            "process_max_rss_mib": round(self.max_rss_kib / 1024, 1),
        }


def _trafilatura_bare(page_html: str, url: str | None) -> object:
    return trafilatura.bare_extraction(
        page_html, url=url, with_metadata=True, include_comments=False
    )


def _newswatch_html(page_html: str, url: str | None) -> object:
    return extract_html(page_html, url=url)


def _peak(fn: Callable[[str, str | None], object], pages: Sequence[tuple[str, str | None]]) -> int:
    tracemalloc.start()
    try:
        for text, url in pages:
            tracemalloc.reset_peak()
            fn(text, url)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def bench_html(path: Path, *, rounds: int = 3, limit: int | None = None) -> BenchResult:
    """Time newswatch's HTML extraction (with metadata) against trafilatura's
    ``bare_extraction(with_metadata=True, include_comments=False)`` on the same decoded pages,
    in this process, alternating the two on each page; then the peak traced memory of each."""
    pages = [
        (text, page.url)
        for page in load_pages(path, limit=limit)
        if (text := _decode(page)) is not None
    ]
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        for text, url in pages:
            start = time.perf_counter()
            _trafilatura_bare(text, url)
            middle = time.perf_counter()
            _newswatch_html(text, url)
            ours.append(time.perf_counter() - middle)
            theirs.append(middle - start)
    return BenchResult(
        pages=len(pages),
        rounds=rounds,
        newswatch_median=statistics.median(ours) if ours else 0.0,
        trafilatura_median=statistics.median(theirs) if theirs else 0.0,
        newswatch_total=sum(ours),
        trafilatura_total=sum(theirs),
        newswatch_peak=_peak(_newswatch_html, pages),
        trafilatura_peak=_peak(_trafilatura_bare, pages),
        max_rss_kib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    )
