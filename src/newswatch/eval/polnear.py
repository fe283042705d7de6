"""``newswatch eval polnear``: score attribution (quotes and speakers) against PolNeAR.

PolNeAR (``../shared/data/polnear``, see its README) marks every attribution in US political
news with brat standoff files: a *source* (who), a *cue* (the reporting words) and a *content*
(what was said). This module reads a split (``train/`` or ``dev/``), runs newswatch's language
stages on each text and scores what they find in two ways:

- **exact**: per label (source, cue, content), precision/recall/F1 of spans that cover exactly
  the same *word tokens* as a gold span (punctuation and quotation marks are not tokens);
- **lenient**: a predicted quote matches a gold content when they share at least half of the
  gold content's word tokens (one to one, largest overlap first); *content+source* counts a
  match only when the speaker is right too: the gold source's head word (the last word token
  of the source's first phrase, before a comma, parenthesis, dash or *who*; possessive
  ``'s`` dropped; case ignored) is one of the words of the
  predicted speaker's ``name`` or ``mention``.

How a text is fed to the pipeline: the file has the headline on its first line and paragraphs
separated by blank lines. The headline is left out (newswatch keeps a headline as ``title``,
never in ``text``, and the quotes stage reads only ``text``); every other non-blank line is one
paragraph, stripped, and the paragraphs are joined by ``\\n`` into ``Article.text``. A map from
each character of that text back to the file lets every predicted span be scored on the file's
own tokens. Gold attributions with a span in the headline are not scored (they are counted).

A ``partial`` quote lying inside another predicted quote is not a separate prediction: PolNeAR
gives each token one label at most, so nested spans cannot be gold.
"""

from __future__ import annotations

import bisect
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newswatch.pipeline import analyse
from newswatch.record import Article, Quote, article_id
from newswatch.settings import Settings

__all__ = [
    "PUBLISHED_TEST",
    "AnnotatedText",
    "Attribution",
    "GoldContent",
    "Prediction",
    "PrfCounts",
    "Problem",
    "Report",
    "appositive_heads",
    "body_text",
    "evaluate",
    "find_cue",
    "head_word",
    "load_split",
    "match_lenient",
    "observations",
    "parse_ann",
    "predictions_from_quotes",
    "report_view",
    "speaker_words",
    "token_set",
    "word_tokens",
]

#: Published exact-span F1 on PolNeAR's *test* split (source / cue / content), for context only:
#: they were not measured here and the test split is not beside the project.
PUBLISHED_TEST: dict[str, dict[str, float | None]] = {
    "rule baseline": {"source": 0.107, "cue": 0.228, "content": 0.056},
    "CoreNLP": {"source": 0.139, "cue": None, "content": 0.175},
    "CofeNet (BERT)": {"source": 0.832, "cue": 0.753, "content": 0.729},
}

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_POSSESSIVE = re.compile(r"['’]s?$")
_APPOSITION = re.compile(r"[,(\[—–]| - |\b(?:who|which|that)\b", re.I)
_ANN_ID = re.compile(r"^[TERAMN#]\d*\t")
_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([^\t]*)\t?")
_RANGE = re.compile(r"^(\d+) (\d+)$")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")
_CONTENT_ROLE = re.compile(r"^Content\d*$")
_ANCHORS = ("Attribution", "Attribution-no-source")

Ranges = tuple[tuple[int, int], ...]


# -- the gold -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """A line of an annotation file that was skipped, and why (``line`` counts from 1)."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}: {self.reason}"
            if self.line
            else f"{self.file}: {self.reason}"
        )


@dataclass(frozen=True, slots=True)
class Attribution:
    """One gold attribution: character ranges in the text file, ``None``/empty when absent."""

    content: Ranges
    source: Ranges | None = None
    cue: Ranges | None = None


@dataclass(frozen=True, slots=True)
class AnnotatedText:
    """A text of a split with the gold of its first annotator (by file name)."""

    name: str
    text: str
    annotator: str
    attributions: tuple[Attribution, ...]
    problems: tuple[Problem, ...] = ()


def _parse_ranges(raw: str, text_length: int) -> Ranges | str:
    ranges: list[tuple[int, int]] = []
    for part in raw.split(";"):
        m = _RANGE.match(part.strip())
        if m is None:
            return f"bad span {part.strip()!r}"
        start, end = int(m.group(1)), int(m.group(2))
        if start > end or end > text_length:
            return f"span {start}-{end} outside the text ({text_length} characters)"
        ranges.append((start, end))
    return tuple(ranges)


def parse_ann(ann: str, text: str, *, name: str = "") -> tuple[list[Attribution], list[Problem]]:
    """The attributions of one brat ``.ann`` file over ``text``, and the lines that were skipped.

    ``T`` lines give labelled spans (several ranges joined by ``;``); ``E`` lines tie an
    ``Attribution`` (or ``Attribution-no-source``) anchor to its ``Source``, ``Cue`` and
    ``Content`` (``Content2``... add to the content). A ``T`` whose span crosses a line break
    carries the break in its text, so its next lines are read as the rest of that text. Notes
    (``#``) and other brat lines (``A``, ``R``, ``M``, ``N``) are not used. A relation without
    a content is no attribution to score. Nothing here raises on bad input.
    """
    spans: dict[str, Ranges] = {}
    problems: list[Problem] = []
    events: list[tuple[int, str]] = []
    lines = ann.split("\n")
    carry = 0
    for number, line in enumerate(lines, 1):
        if carry and not _ANN_ID.match(line):
            carry -= 1
            continue
        carry = 0
        if not line.strip():
            continue
        if line.startswith("T"):
            m = _T_LINE.match(line)
            if m is None:
                problems.append(Problem(name, number, "a T line without id, label and span"))
                continue
            ranges = _parse_ranges(m.group(3), len(text))
            if isinstance(ranges, str):
                problems.append(Problem(name, number, ranges))
                continue
            if m.group(1) in spans:
                problems.append(Problem(name, number, f"{m.group(1)} given twice"))
                continue
            spans[m.group(1)] = ranges
            carry = sum(text.count("\n", start, end) for start, end in ranges)
        elif line.startswith("E"):
            events.append((number, line))
        elif _ANN_ID.match(line):
            continue
        else:
            problems.append(Problem(name, number, f"not an annotation line: {line[:40]!r}"))
    attributions = []
    for number, line in events:
        found = _event(line, spans, name, number, problems)
        if found is not None:
            attributions.append(found)
    return attributions, sorted(problems, key=lambda p: p.line)


def _event(
    line: str, spans: dict[str, Ranges], name: str, number: int, problems: list[Problem]
) -> Attribution | None:
    m = _E_LINE.match(line)
    if m is None:
        problems.append(Problem(name, number, "an E line without id and arguments"))
        return None
    content: list[tuple[int, int]] = []
    source = cue = None
    for arg in m.group(2).split():
        role, _, ref = arg.partition(":")
        if not ref:
            problems.append(Problem(name, number, f"argument without a span id: {arg!r}"))
            continue
        if ref not in spans:
            problems.append(Problem(name, number, f"{role} refers to unknown {ref}"))
            continue
        if role == "Source":
            source = spans[ref]
        elif role == "Cue":
            cue = spans[ref]
        elif _CONTENT_ROLE.match(role):
            content.extend(spans[ref])
        elif role not in _ANCHORS:
            problems.append(Problem(name, number, f"unknown role {role!r}"))
    if not content:
        return None
    return Attribution(content=tuple(sorted(content)), source=source, cue=cue)


def load_split(
    split_dir: Path, *, limit: int | None = None
) -> tuple[list[AnnotatedText], list[Problem]]:
    """The texts of a split (``text/NAME.txt`` + ``attributions/NAME_ANNOTATOR.ann``), by name.

    Where a text has two annotators, the first ``.ann`` by file name is the gold. ``limit``
    keeps the first N texts in name order. Unreadable files are reported, not raised.
    """
    text_dir, ann_dir = split_dir / "text", split_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise ValueError(f"not a PolNeAR split (want text/ and attributions/): {split_dir}")
    first: dict[str, Path] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        stem, sep, _annotator = path.stem.rpartition("_")
        first.setdefault(stem if sep else path.stem, path)
    texts: list[AnnotatedText] = []
    problems: list[Problem] = []
    for stem in sorted(first)[:limit] if limit is not None else sorted(first):
        ann_path = first[stem]
        try:
            text = (text_dir / f"{stem}.txt").read_text(encoding="utf-8")
            ann = ann_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(ann_path.name, 0, f"cannot read the text or its gold: {exc}"))
            continue
        found, skipped = parse_ann(ann, text, name=ann_path.name)
        annotator = ann_path.stem.rpartition("_")[2]
        texts.append(AnnotatedText(stem, text, annotator, tuple(found), tuple(skipped)))
        problems.extend(skipped)
    return texts, problems


# -- tokens and the text fed to the pipeline -------------------------------------------------------


def word_tokens(text: str) -> list[tuple[int, int]]:
    """Word tokens (letters and digits, with inner apostrophes) as ``(start, end)``."""
    return [m.span() for m in _WORD.finditer(text)]


def token_set(
    tokens: Sequence[tuple[int, int]], ranges: Iterable[tuple[int, int]]
) -> frozenset[int]:
    """The indices of the tokens that overlap any of ``ranges``."""
    starts = [s for s, _ in tokens]
    found: set[int] = set()
    for start, end in ranges:
        if end <= start:
            continue
        i = max(bisect.bisect_right(starts, start) - 1, 0)
        while i < len(tokens) and tokens[i][0] < end:
            if tokens[i][1] > start:
                found.add(i)
            i += 1
    return frozenset(found)


def body_text(text: str) -> tuple[str, list[int], int]:
    """The article text fed to the pipeline, its map back to ``text``, and the headline's end.

    Non-blank lines after the first (the headline) are stripped and joined by ``\\n``;
    ``offsets[i]`` is the position in ``text`` of character ``i`` of the result.
    """
    parts: list[str] = []
    offsets: list[int] = []
    headline_end = 0
    seen_headline = False
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        if stripped and not seen_headline:
            seen_headline = True
            headline_end = position + lead + len(stripped)
        elif stripped:
            if parts:
                offsets.append(offsets[-1] + 1)
            parts.append(stripped)
            offsets.extend(range(position + lead, position + lead + len(stripped)))
        position += len(line) + 1
    return "\n".join(parts), offsets, headline_end


# -- predictions -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Prediction:
    """A predicted quote as character ranges in the text file, with its speaker's words."""

    content: Ranges
    source: Ranges | None = None
    cue: Ranges | None = None
    speaker: frozenset[str] = frozenset()


def _norm_word(word: str) -> str:
    return _POSSESSIVE.sub("", word.lower()) or word.lower()


def speaker_words(*names: str | None) -> frozenset[str]:
    """The lower-cased words of a speaker's name and mention, possessive ``'s`` dropped."""
    return frozenset(_norm_word(w) for name in names if name for w in _WORD.findall(name))


def head_word(text: str, ranges: Ranges | None) -> str | None:
    """The head of a gold source: the last word of its first phrase (the words before a comma,
    a parenthesis, a dash or *who/which/that*: ``Brian Fallon, the campaign's press secretary``
    gives ``fallon``), lower case, possessive ``'s`` dropped.
    """
    if not ranges:
        return None
    source = " ".join(text[start:end] for start, end in ranges)
    phrase = _APPOSITION.split(source, maxsplit=1)[0]
    words = _WORD.findall(phrase) or _WORD.findall(source)
    return _norm_word(words[-1]) if words else None


_RELATIVE_WORD = re.compile(r"\b(?:who|which|that)\b", re.I)
_APPOSITION_BREAK = re.compile(r"[,(\[\])—–]| - ")


def appositive_heads(text: str, ranges: Ranges | None) -> frozenset[str]:
    """The heads of the phrases that name the gold source's entity again, after its first one
    (``her senior policy adviser, Jake Sullivan`` gives ``sullivan``): the last word of each
    phrase between commas, brackets or dashes, before any *who/which/that*. Lower case,
    possessive ``'s`` dropped. The first phrase's head is :func:`head_word`'s.
    """
    if not ranges:
        return frozenset()
    source = " ".join(text[start:end] for start, end in ranges)
    source = _RELATIVE_WORD.split(source, maxsplit=1)[0]
    heads = set()
    for phrase in _APPOSITION_BREAK.split(source)[1:]:
        words = _WORD.findall(phrase)
        if len(words) >= 1 and not phrase.strip().startswith(("R-", "D-", "I-")):
            heads.add(_norm_word(words[-1]))
    return frozenset(heads)


def find_cue(
    text: str,
    cue: str | None,
    quote: Sequence[tuple[int, int]],
    near: tuple[int, int] | None,
) -> tuple[int, int] | None:
    """Where ``cue`` (the words the record gives) is in ``text``: the occurrence nearest the
    speaker's mention (or the quote when there is none), outside the quote's ``(start, end)``
    pieces when there is one. Searched within 300 characters around the quote and the mention.
    """
    if not cue or not cue.strip() or not quote:
        return None
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, cue.split())) + r"(?!\w)", re.I)
    hull = (min(s for s, _ in quote), max(e for _, e in quote))
    anchor = near or hull
    low = max(min(hull[0], anchor[0]) - 300, 0)
    high = min(max(hull[1], anchor[1]) + 300, len(text))
    best: tuple[tuple[bool, int], tuple[int, int]] | None = None
    for m in pattern.finditer(text, low, high):
        inside = any(s <= m.start() and m.end() <= e for s, e in quote)
        distance = max(anchor[0] - m.end(), m.start() - anchor[1], 0)
        key = (inside, distance)
        if best is None or key < best[0]:
            best = (key, m.span())
    return best[1] if best else None


def _to_file(offsets: Sequence[int], start: int | None, end: int | None) -> Ranges | None:
    if start is None or end is None:
        return None
    start, end = max(start, 0), min(end, len(offsets))
    if end <= start:
        return None
    return ((offsets[start], offsets[end - 1] + 1),)


def _mention(quote: Quote) -> tuple[int, int] | None:
    speaker = quote.speaker
    if speaker is None or speaker.start is None or speaker.end is None:
        return None
    return (speaker.start, speaker.end)


def _split_pair(body: str, first: Quote, second: Quote) -> bool:
    """``“…,” X said, “…”``: two quotes of one mention with only the attribution between them."""
    mention = _mention(first)
    if mention is None or mention != _mention(second):
        return False
    if not (first.end <= mention[0] and mention[1] <= second.start):
        return False
    gap = body[first.end : second.start]
    return "\n" not in gap and len(_WORD.findall(gap)) <= 10


def predictions_from_quotes(
    quotes: Sequence[Quote], body: str, offsets: Sequence[int]
) -> tuple[list[Prediction], int]:
    """The quotes of a record as predictions over the file, and how many nested ones were dropped.

    A quote inside another is dropped; a quote split by its attribution (two quotes of one
    mention with the attribution between them) is one prediction of two ranges, as in PolNeAR.
    """
    kept: list[Quote] = []
    for quote in sorted(quotes, key=lambda q: (q.start, -q.end)):
        if any(k.start <= quote.start and quote.end <= k.end for k in kept):
            continue
        kept.append(quote)
    groups: list[list[Quote]] = []
    for quote in kept:
        if groups and _split_pair(body, groups[-1][-1], quote):
            groups[-1].append(quote)
        else:
            groups.append([quote])
    found: list[Prediction] = []
    for group in groups:
        content = tuple(r for q in group for r in _to_file(offsets, q.start, q.end) or ())
        if not content:
            continue
        first = group[0]
        speaker, mention = first.speaker, _mention(first)
        cue_at = find_cue(body, first.cue, [(q.start, q.end) for q in group], mention)
        found.append(
            Prediction(
                content=content,
                source=_to_file(offsets, *mention) if mention else None,
                cue=_to_file(offsets, *cue_at) if cue_at else None,
                speaker=speaker_words(speaker.name, speaker.mention) if speaker else frozenset(),
            )
        )
    return found, len(quotes) - len(kept)


# -- scores ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class PrfCounts:
    """True positives over predicted and gold items, summed over texts."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: int, predicted: int, gold: int) -> None:
        self.tp += tp
        self.predicted += predicted
        self.gold += gold

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass(frozen=True, slots=True)
class GoldContent:
    """A gold content as word-token indices, with its source's head word (``None``: no source)."""

    tokens: frozenset[int]
    head: str | None
    #: Heads of the phrases in apposition that name the same entity (see ``appositive_heads``).
    also: frozenset[str] = frozenset()


def match_lenient(
    gold: Sequence[GoldContent],
    predicted: Sequence[tuple[frozenset[int], frozenset[str]]],
    *,
    with_source: bool,
    appositions: bool = True,
) -> int:
    """How many one-to-one matches: a prediction shares at least half of a gold content's tokens
    (largest overlap first). ``with_source``: the speaker must be right too — the gold head word
    (or, with ``appositions``, the head of a phrase in apposition to it: the same entity named
    again) is one of the predicted speaker's words, or, for a gold without source, the
    prediction has no speaker either.
    """
    pairs: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        if not g.tokens:
            continue
        for pi, (tokens, speaker) in enumerate(predicted):
            shared = len(g.tokens & tokens)
            if not shared or 2 * shared < len(g.tokens):
                continue
            if with_source and not (
                (g.head in speaker or (appositions and bool(g.also & speaker)))
                if g.head is not None
                else not speaker
            ):
                continue
            pairs.append((-shared, gi, pi))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, gi, pi in sorted(pairs):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
    return len(used_gold)


@dataclass(slots=True)
class Report:
    """What ``evaluate`` measured on a split."""

    split: str
    texts: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    headline_excluded: int = 0
    gold_without_source: int = 0
    nested_dropped: int = 0
    seconds: float = 0.0
    exact: dict[str, PrfCounts] = field(
        default_factory=lambda: {label: PrfCounts() for label in ("source", "cue", "content")}
    )
    lenient_content: PrfCounts = field(default_factory=PrfCounts)
    lenient_content_source: PrfCounts = field(default_factory=PrfCounts)
    #: The same with the first phrase's head word only (the measure before appositions counted).
    lenient_content_source_head: PrfCounts = field(default_factory=PrfCounts)

    @property
    def pages_per_second(self) -> float:
        return self.texts / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "split": self.split,
            "texts": self.texts,
            "failed": len(self.failed),
            "problems": len(self.problems),
            "headline_attributions_excluded": self.headline_excluded,
            "gold_contents": self.lenient_content.gold,
            "gold_contents_without_source": self.gold_without_source,
            "predicted_quotes": self.lenient_content.predicted,
            "nested_quotes_dropped": self.nested_dropped,
            "exact": {label: counts.to_dict() for label, counts in self.exact.items()},
            "lenient": {
                "content": self.lenient_content.to_dict(),
                "content_source": self.lenient_content_source.to_dict(),
                "content_source_head_only": self.lenient_content_source_head.to_dict(),
            },
            "published_test_f1": PUBLISHED_TEST,
            "pages_per_second": round(self.pages_per_second, 2),
        }


def _score_text(doc: AnnotatedText, quotes: Sequence[Quote], body: str, offsets: Sequence[int],
                headline_end: int, report: Report) -> None:  # fmt: skip
    tokens = word_tokens(doc.text)
    predicted, nested = predictions_from_quotes(quotes, body, offsets)
    report.nested_dropped += nested
    gold = []
    for item in doc.attributions:
        spans = [*item.content, *(item.source or ()), *(item.cue or ())]
        if any(start < headline_end for start, _ in spans):
            report.headline_excluded += 1
            continue
        gold.append(item)

    def tokens_of(item: Attribution | Prediction, label: str) -> frozenset[int]:
        found = token_set(tokens, getattr(item, label) or ())
        if label == "content":  # a token has one label at most: the attribution is no content
            found -= token_set(tokens, (*(item.source or ()), *(item.cue or ())))
        return found

    def spans_of(label: str, items: Iterable[Attribution | Prediction]) -> set[frozenset[int]]:
        return {span for span in (tokens_of(item, label) for item in items) if span}

    for label, counts in report.exact.items():
        want, got = spans_of(label, gold), spans_of(label, predicted)
        counts.add(len(want & got), len(got), len(want))
    contents = [
        GoldContent(
            tokens_of(item, "content"),
            head_word(doc.text, item.source),
            appositive_heads(doc.text, item.source),
        )
        for item in gold
    ]
    contents = [c for c in contents if c.tokens]
    report.gold_without_source += sum(c.head is None for c in contents)
    guesses = [(tokens_of(p, "content"), p.speaker) for p in predicted]
    for counts, with_source, appositions in (
        (report.lenient_content, False, True),
        (report.lenient_content_source, True, True),
        (report.lenient_content_source_head, True, False),
    ):
        tp = match_lenient(contents, guesses, with_source=with_source, appositions=appositions)
        counts.add(tp, len(guesses), len(contents))


def evaluate(
    split_dir: Path,
    *,
    limit: int | None = None,
    settings: Settings | None = None,
    progress: Callable[[str], None] | None = None,
    stage: Callable[[Article], Article] | None = None,
) -> Report:
    """Run the language stages over a PolNeAR split and score them (see the module's doc).

    ``stage`` replaces :func:`newswatch.pipeline.analyse` (a test's oracle or baseline).
    """
    resolved = settings or Settings()
    run = stage or (lambda article: analyse(article, settings=resolved))
    docs, problems = load_split(split_dir, limit=limit)
    report = Report(split=str(split_dir), problems=problems)
    for number, doc in enumerate(docs, 1):
        body, offsets, headline_end = body_text(doc.text)
        article = Article(id=article_id(url=None, text=body), text=body, language="en")
        started = time.perf_counter()
        try:
            quotes = run(article).quotes
        except Exception as exc:  # a failing stage is scored as finding nothing, and reported
            report.failed.append((doc.name, f"{type(exc).__name__}: {exc}"))
            quotes = ()
        report.seconds += time.perf_counter() - started
        report.texts += 1
        _score_text(doc, quotes, body, offsets, headline_end, report)
        if progress is not None and number % 25 == 0:
            progress(f"polnear: {number}/{len(docs)} texts")
    return report


def report_view(data: dict[str, Any]) -> str:
    """A readable view of :meth:`Report.to_dict`."""

    def row(name: str, counts: dict[str, Any]) -> str:
        return (
            f"  {name:<16} {counts['precision']:>9.3f} {counts['recall']:>7.3f} "
            f"{counts['f1']:>7.3f} {counts['tp']:>6} {counts['predicted']:>9} {counts['gold']:>6}"
        )

    head = f"  {'':<16} {'precision':>9} {'recall':>7} {'f1':>7} {'tp':>6} {'predicted':>9} {'gold':>6}"
    lines = [
        f"PolNeAR {data['split']}: {data['texts']} texts, {data['failed']} failed, "
        f"{data['problems']} annotation lines skipped, {data['pages_per_second']} pages/s",
        f"gold contents {data['gold_contents']} ({data['gold_contents_without_source']} without "
        f"source), headline attributions not scored {data['headline_attributions_excluded']}, "
        f"predicted quotes {data['predicted_quotes']} (nested dropped "
        f"{data['nested_quotes_dropped']})",
        "",
        "lenient (shares >= half of the gold content's words; speaker by the source's head word "
        "or a phrase in apposition to it)",
        head,
        row("content", data["lenient"]["content"]),
        row("content+source", data["lenient"]["content_source"]),
        row("  (head only)", data["lenient"]["content_source_head_only"]),
        "",
        "exact token-span match",
        head,
        *(row(label, counts) for label, counts in data["exact"].items()),
        "",
        "published exact F1 on the test split (context; not measured here): source / cue / content",
    ]
    for name, f1 in data["published_test_f1"].items():
        cells = " / ".join(
            "-" if f1[k] is None else f"{f1[k]:.3f}" for k in ("source", "cue", "content")
        )
        lines.append(f"  {name:<16} {cells}")
    return "\n".join(lines)


# -- learning from the training split ---------------------------------------------------------------


def observations(docs: Iterable[AnnotatedText]) -> dict[str, Counter[str]]:
    """Counts over the gold, to learn from (never shipped): cue words, source head words, the
    source forms (lower-cased), and the shape of the attributions (where the cue stands).
    """
    counts: dict[str, Counter[str]] = {
        "cue": Counter(),
        "source_head": Counter(),
        "source": Counter(),
        "shape": Counter(),
    }

    def words(ranges: Ranges) -> str:
        return " ".join(" ".join(doc.text[s:e].split()) for s, e in ranges).lower()

    for doc in docs:
        for item in doc.attributions:
            shape = counts["shape"]
            shape["attributions"] += 1
            if len(item.content) > 1:
                shape["content in several pieces"] += 1
            if item.cue:
                counts["cue"][words(item.cue)] += 1
                cue_at = item.cue[0][0]
                if cue_at < item.content[0][0]:
                    shape["cue before content"] += 1
                elif cue_at >= item.content[-1][1]:
                    shape["cue after content"] += 1
                else:
                    shape["cue between content pieces"] += 1
            else:
                shape["no cue"] += 1
            head = head_word(doc.text, item.source)
            if item.source and head:
                counts["source_head"][head] += 1
                counts["source"][words(item.source)] += 1
                if item.cue and item.source[0][0] > item.cue[0][0]:
                    shape["source after cue"] += 1
            elif not item.source:
                shape["no source"] += 1
    return counts
