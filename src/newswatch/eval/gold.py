"""The gold-file scorer: text dumps with ``NAME.gold.json`` twins, scored as ``DESIGN.md`` says.

Every comparison is made after :func:`normalise` (lower case, double quotation marks to ``"``,
apostrophe-like marks to ``'``, white space collapsed).

- Lines, micro-averaged: an ``article`` line is right when it is a substring of ``text``; a
  ``boilerplate`` line is right when it is not a line of ``text``.
- Quotes (files with a ``quotes`` key): a predicted quote matches a gold one when its text contains
  the key, and is attributed right when an accepted name is a substring of its speaker's ``name``
  or ``mention`` or of the name or an alias of the speaker's entity. Precision: predicted quotes
  that match a gold quote and are attributed right, over all predicted. Recall: non-optional gold
  quotes matched by a quote attributed right. A predicted quote that contains a ``not_quotes``
  string is an error whatever else it scores.
- ``date`` and ``via`` (where a gold quote has them), on the quote matching it (one attributed right
  when there is one): the date equal; the first accepted outlet a substring of one of its ``via``.
- Entities (files with an ``entities`` key): found when an entity of a compatible type has a name
  or alias containing one of the keys.
- ``published`` (first 10 characters) and ``lang``: equal to the record's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from newswatch.record import Article, Entity, Quote

__all__ = [
    "BenchResult",
    "Counts",
    "FileResult",
    "GoldFile",
    "Report",
    "bench",
    "c4_baseline",
    "evaluate",
    "keep_all_baseline",
    "load_gold",
    "normalise",
    "report_view",
    "score_file",
]

_DOUBLE = re.compile('["“”„‟«»″‶〝〞〟＂❝❞⹂]')
_SINGLE = re.compile("['‘’‚‛′‵ʹʻʼʽ`´ꞌ＇❛❜]")
_WS = re.compile(r"\s+")

#: Predicted types accepted for a gold type (a gold type not listed accepts only itself).
COMPATIBLE: dict[str, frozenset[str]] = {
    "PERSON": frozenset({"PERSON"}),
    "ORG": frozenset({"ORG", "MEDIA"}),
    "GPE": frozenset({"GPE", "LOC"}),
}


def normalise(text: str) -> str:
    """Lower case, every double quotation mark to ``"``, apostrophes to ``'``, spaces collapsed."""
    text = _SINGLE.sub("'", _DOUBLE.sub('"', text.lower()))
    return _WS.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class GoldFile:
    """One dump and its gold annotations."""

    name: str
    path: Path
    data: bytes
    gold: dict[str, Any]

    @property
    def lang(self) -> str:
        return str(self.gold.get("lang") or "?")


def load_gold(dirs: Iterable[Path]) -> list[GoldFile]:
    """Every ``NAME.txt`` with a ``NAME.gold.json`` beside it in ``dirs`` (not recursive), sorted."""
    found: list[GoldFile] = []
    for folder in dirs:
        for gold_path in sorted(Path(folder).glob("*.gold.json")):
            txt = gold_path.with_name(gold_path.name[: -len(".gold.json")] + ".txt")
            if not txt.exists():
                continue
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            found.append(GoldFile(txt.stem, txt, txt.read_bytes(), gold))
    return found


@dataclass(slots=True)
class Counts:
    """Numerators and denominators; add with ``+=``, read the ratios."""

    lines: int = 0
    lines_right: int = 0
    article: int = 0
    article_kept: int = 0
    boilerplate: int = 0
    boilerplate_dropped: int = 0
    files: int = 0
    published_right: int = 0
    lang_right: int = 0
    quote_files: int = 0
    predicted: int = 0
    predicted_right: int = 0
    gold_quotes: int = 0
    gold_found: int = 0
    not_quote_errors: int = 0
    dates: int = 0
    dates_right: int = 0
    vias: int = 0
    vias_right: int = 0
    entity_files: int = 0
    entities: int = 0
    entities_found: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    def ratios(self) -> dict[str, float | None]:
        def div(a: int, b: int) -> float | None:
            return a / b if b else None

        precision = div(self.predicted_right, self.predicted)
        recall = div(self.gold_found, self.gold_quotes)
        f1 = None
        if precision is not None and recall is not None:
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "line_accuracy": div(self.lines_right, self.lines),
            "article_kept": div(self.article_kept, self.article),
            "boilerplate_dropped": div(self.boilerplate_dropped, self.boilerplate),
            "published_accuracy": div(self.published_right, self.files),
            "lang_accuracy": div(self.lang_right, self.files),
            "quote_precision": precision,
            "quote_recall": recall,
            "quote_f1": f1,
            "date_accuracy": div(self.dates_right, self.dates),
            "via_accuracy": div(self.vias_right, self.vias),
            "entity_recall": div(self.entities_found, self.entities),
        }


@dataclass(slots=True)
class FileResult:
    """The score of one file, with what went wrong (for ``--details``)."""

    name: str
    lang: str
    counts: Counts
    missed_article: list[str] = field(default_factory=list)
    kept_boilerplate: list[str] = field(default_factory=list)
    published: tuple[str | None, str | None] = (None, None)
    language: tuple[str | None, str | None] = (None, None)
    quote_errors: list[str] = field(default_factory=list)
    missed_entities: list[str] = field(default_factory=list)
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "lang": self.lang,
            "scores": self.counts.ratios(),
            "missed_article": self.missed_article,
            "kept_boilerplate": self.kept_boilerplate,
            "published": {"gold": self.published[0], "found": self.published[1]},
            "language": {"gold": self.language[0], "found": self.language[1]},
            "quote_errors": self.quote_errors,
            "missed_entities": self.missed_entities,
            "error": self.error,
        }


def _score_lines(article: Article, gold: dict[str, Any], result: FileResult) -> None:
    text = normalise(article.text)
    text_lines = {normalise(line) for line in article.text.split("\n")}
    c = result.counts
    for line in gold.get("article", []):
        c.article += 1
        if normalise(line) in text:
            c.article_kept += 1
        else:
            result.missed_article.append(line)
    for line in gold.get("boilerplate", []):
        c.boilerplate += 1
        if normalise(line) not in text_lines:
            c.boilerplate_dropped += 1
        else:
            result.kept_boilerplate.append(line)
    c.lines = c.article + c.boilerplate
    c.lines_right = c.article_kept + c.boilerplate_dropped


def _names_of(quote: Quote, entities: dict[str, Entity]) -> list[str]:
    speaker = quote.speaker
    if speaker is None:
        return []
    names = [speaker.name, speaker.mention or ""]
    entity = entities.get(speaker.entity or "")
    if entity is not None:
        names.append(entity.name)
        names.extend(entity.aliases)
    return [normalise(n) for n in names if n]


def _attributed(quote: Quote, accepted: Sequence[str], entities: dict[str, Entity]) -> bool:
    names = _names_of(quote, entities)
    return any(normalise(a) in n for a in accepted if a for n in names)


def _score_quotes(article: Article, gold: dict[str, Any], result: FileResult) -> None:
    if "quotes" not in gold:
        return
    c = result.counts
    c.quote_files = 1
    entities = {e.id: e for e in article.entities}
    not_quotes = [normalise(s) for s in gold.get("not_quotes", []) if s]
    golds = gold["quotes"]
    keys = [normalise(g["key"]) for g in golds]
    texts = [normalise(q.text) for q in article.quotes]
    bad = [any(n in t for n in not_quotes) for t in texts]
    for q, t, is_bad in zip(article.quotes, texts, bad, strict=True):
        c.predicted += 1
        if is_bad:
            c.not_quote_errors += 1
            result.quote_errors.append(f"not a quote: {q.text[:100]}")
            continue
        correct = any(
            k in t and _attributed(q, g.get("speaker", []), entities)
            for g, k in zip(golds, keys, strict=True)
        )
        if correct:
            c.predicted_right += 1
        else:
            result.quote_errors.append(f"wrong or unmatched: {q.text[:100]}")
    for g, k in zip(golds, keys, strict=True):
        matching = [
            q
            for q, t, is_bad in zip(article.quotes, texts, bad, strict=True)
            if k in t and not is_bad
        ]
        right = [q for q in matching if _attributed(q, g.get("speaker", []), entities)]
        if not g.get("optional", False):
            c.gold_quotes += 1
            if right:
                c.gold_found += 1
            else:
                result.quote_errors.append(f"missed: {g['key']}")
        chosen = right[0] if right else (matching[0] if matching else None)
        if g.get("date"):
            c.dates += 1
            if chosen is not None and chosen.date == g["date"]:
                c.dates_right += 1
        if g.get("via"):
            c.vias += 1
            first = normalise(g["via"][0])
            if chosen is not None and any(first in normalise(v) for v in chosen.via):
                c.vias_right += 1


def _score_entities(article: Article, gold: dict[str, Any], result: FileResult) -> None:
    if "entities" not in gold:
        return
    c = result.counts
    c.entity_files = 1
    for g in gold["entities"]:
        c.entities += 1
        accepted = COMPATIBLE.get(g.get("type", ""), frozenset({g.get("type", "")}))
        keys = [normalise(k) for k in g.get("key", []) if k]
        found = any(
            e.type in accepted
            and any(k in normalise(n) for k in keys for n in (e.name, *e.aliases))
            for e in article.entities
        )
        if found:
            c.entities_found += 1
        else:
            result.missed_entities.append(" / ".join(g.get("key", [])))


def score_file(name: str, article: Article, gold: dict[str, Any]) -> FileResult:
    """Score one record against its gold annotations."""
    lang = str(gold.get("lang") or "?")
    result = FileResult(name=name, lang=lang, counts=Counts(files=1))
    _score_lines(article, gold, result)
    gold_published = gold.get("published")
    found_published = article.published[:10] if article.published else None
    result.published = (gold_published, found_published)
    result.counts.published_right = int(gold_published == found_published)
    result.language = (gold.get("lang"), article.language)
    result.counts.lang_right = int(gold.get("lang") == article.language)
    _score_quotes(article, gold, result)
    _score_entities(article, gold, result)
    return result


@dataclass(slots=True)
class Report:
    """Scores per language and overall, and per file."""

    files: list[FileResult]

    def totals(self) -> dict[str, Counts]:
        """``{"en": Counts, "ru": Counts, ..., "all": Counts}``."""
        out: dict[str, Counts] = {}
        for result in self.files:
            out.setdefault(result.lang, Counts())
            out[result.lang] += result.counts
        overall = Counts()
        for counts in out.values():
            overall += counts
        return {**dict(sorted(out.items())), "all": overall}

    def to_dict(self, *, details: bool = False) -> dict[str, Any]:
        totals = self.totals()
        data: dict[str, Any] = {
            "scores": {k: v.ratios() for k, v in totals.items()},
            "counts": {k: {"files": v.files, "lines": v.lines} for k, v in totals.items()},
        }
        if details:
            data["files"] = [f.to_dict() for f in self.files]
        return data


def _pipeline(item: GoldFile) -> Article:
    from newswatch.pipeline import extract

    return extract(item.data, path=str(item.path))


def _extraction_only(item: GoldFile) -> Article:
    """Read, extract and language only: what is scored when a later stage fails."""
    from newswatch.pipeline import extract_document
    from newswatch.read import read_bytes
    from newswatch.settings import Settings

    settings = Settings()
    doc = read_bytes(item.data, max_bytes=settings.max_bytes)
    return extract_document(doc, path=str(item.path), settings=settings)


def keep_all_baseline(item: GoldFile) -> Article:
    """For scale: every line kept."""
    text = item.data.decode("utf-8", errors="replace")
    lines = [s.strip() for s in text.splitlines() if s.strip()]
    return Article(id=item.name, text="\n".join(lines))


def c4_baseline(item: GoldFile) -> Article:
    """For scale: C4's rule, keep the lines that end in terminal punctuation."""
    text = item.data.decode("utf-8", errors="replace")
    lines = [s.strip() for s in text.splitlines() if s.strip()]
    kept = [s for s in lines if s.rstrip("\"'”’»)").endswith((".", "!", "?", "…"))]
    return Article(id=item.name, text="\n".join(kept))


def evaluate(
    dirs: Iterable[Path],
    *,
    extractor: Callable[[GoldFile], Article] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Run every gold dump in ``dirs`` through ``extractor`` (the whole pipeline) and score it."""
    run = extractor or _pipeline
    results: list[FileResult] = []
    for item in load_gold(dirs):
        if progress is not None:
            progress(item.name)
        error = None
        try:
            article = run(item)
        except Exception as exc:  # scored, and reported, whatever a stage does
            error = f"{type(exc).__name__}: {exc}"
            article = Article(id=item.name, text="")
            if extractor is None:  # a later stage failed: still score what extraction gave
                try:
                    article = _extraction_only(item)
                except Exception as inner:
                    error += f"; extraction: {type(inner).__name__}: {inner}"
        result = score_file(item.name, article, item.gold)
        result.error = error
        results.append(result)
    return Report(results)


_LINE_KEYS = ("line_accuracy", "article_kept", "boilerplate_dropped")
_DOC_KEYS = ("published_accuracy", "lang_accuracy")
_QUOTE_KEYS = ("quote_precision", "quote_recall", "quote_f1", "date_accuracy", "via_accuracy")
_ENTITY_KEYS = ("entity_recall",)


def report_view(data: dict[str, Any], *, part: str) -> str:
    """A readable table of :meth:`Report.to_dict` for ``part`` ``"dumps"`` or ``"quotes"``."""
    keys: tuple[str, ...]
    if part == "dumps":
        keys = _LINE_KEYS + _DOC_KEYS
        has_quotes = any(s["quote_precision"] is not None for s in data["scores"].values())
        has_entities = any(s["entity_recall"] is not None for s in data["scores"].values())
        keys += (_QUOTE_KEYS if has_quotes else ()) + (_ENTITY_KEYS if has_entities else ())
    else:
        keys = _QUOTE_KEYS + _ENTITY_KEYS
    width = max(len(k) for k in keys)
    groups = list(data["scores"])
    out = [f"{'':<{width}}  " + "  ".join(f"{g:>7}" for g in groups)]
    counts = data["counts"]
    out.append(f"{'files':<{width}}  " + "  ".join(f"{counts[g]['files']:>7}" for g in groups))
    out.append(f"{'lines':<{width}}  " + "  ".join(f"{counts[g]['lines']:>7}" for g in groups))
    for key in keys:
        cells = []
        for g in groups:
            value = data["scores"][g][key]
            cells.append(f"{value:>7.3f}" if value is not None else f"{'-':>7}")
        out.append(f"{key:<{width}}  " + "  ".join(cells))
    for item in data.get("files", []):
        problems = []
        if item["error"]:
            problems.append(f"  error: {item['error']}")
        if part == "dumps":
            problems += [f"  missed article: {line[:120]}" for line in item["missed_article"]]
            problems += [f"  kept furniture: {line[:120]}" for line in item["kept_boilerplate"]]
            for what in ("published", "language"):
                if item[what]["gold"] != item[what]["found"]:
                    problems.append(f"  {what}: {item[what]['found']} (gold {item[what]['gold']})")
        else:
            problems += [f"  {line}" for line in item["quote_errors"]]
            problems += [f"  missed entity: {line}" for line in item["missed_entities"]]
        if problems:
            out.append(f"\n{item['name']}")
            out.extend(problems)
    return "\n".join(out)


@dataclass(frozen=True, slots=True)
class BenchResult:
    """Speed of one extraction function over a set of dumps, on one core (CPU time).

    ``best_per_second`` is the fastest pass over the set: on a shared machine the other passes
    measure the neighbours as much as the code (``timeit`` reports its minimum for that reason).
    """

    name: str
    dumps: int
    lines: int
    seconds: float
    best_per_second: float
    peak_kib: int

    @property
    def per_second(self) -> float:
        return self.dumps / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "dumps": self.dumps,
            "lines": self.lines,
            "seconds": round(self.seconds, 4),
            "dumps_per_second": round(self.per_second, 1),
            "best_pass_dumps_per_second": round(self.best_per_second, 1),
            "lines_per_second": round(self.lines / self.seconds, 1) if self.seconds else 0.0,
            "peak_kib": self.peak_kib,
        }


def bench(
    name: str, texts: Sequence[str], run: Callable[[str], object], *, min_seconds: float = 1.0
) -> BenchResult:
    """Time ``run`` over ``texts`` in passes until ``min_seconds`` of CPU time pass, then its peak
    memory over one more pass with tracemalloc (traced apart: tracing slows the timing)."""
    import time
    import tracemalloc

    for text in texts[:3]:  # warm up (compiled patterns, caches)
        run(text)
    passes = 0
    elapsed = 0.0
    best = 0.0
    while texts:
        start = time.process_time()
        for text in texts:
            run(text)
        took = time.process_time() - start
        passes += 1
        elapsed += took
        best = max(best, len(texts) / took if took > 0 else 0.0)
        if elapsed >= min_seconds:
            break
    tracemalloc.start()
    for text in texts:
        run(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    lines = sum(t.count("\n") + 1 for t in texts) * passes
    return BenchResult(name, len(texts) * passes, lines, elapsed, best, peak // 1024)
