"""Plain-text crawl dumps: keep the article, drop the site furniture around and inside it.

A dump is one paragraph or one piece of furniture per line. Each line gets features (length,
terminal punctuation, case, digits, script against the document's main script, furniture phrases
of :mod:`newswatch.extract.furniture`, bullets); then a decision that uses context:

1. *prose* lines (sentences ending in punctuation, or long lower-case lines) are found, and the
   article is the heaviest cluster of them, clusters joined across short gaps (a photo credit or a
   "Read also" line inside the article) but not across a run of headline-like lines;
2. inside the article, furniture phrases, boxes of other stories, lines in another script and runs
   of headline-like lines go; intertitles (one short line before a paragraph), list items (bullets,
   or lines after a lead-in ending in ``:``) and short sentences stay;
3. outside it everything goes, but for the headline above the article (the ``title``) and a
   dateline, which is read into ``published`` (the rest of a dateline line stays when it is
   article text).

:func:`classify_lines` gives the label of every line, for tests and debugging.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from newswatch.extract import Extraction
from newswatch.extract.dateline import (
    Dateline,
    DateMatch,
    find_dates,
    has_date_label,
    read_dateline,
    resolve_year,
    years_in,
)
from newswatch.extract.furniture import (
    BIOS,
    BOX_HEADERS,
    CLOSING,
    LABELS,
    NOTICES,
    SELF_REFERENCES,
    SOCIAL,
)

__all__ = ["Label", "LineLabel", "classify_lines", "extract_textdump"]

_LETTER = r"a-zа-яёӣӯҷҳғқәңөұүһі"
# Split by the script a phrase starts in, so a line is searched only for phrases it could hold;
# the leading \b lets the engine skip the middle of words quickly.


def _latin_phrase(pattern: str) -> bool:
    """Whether a phrase's first letter (after regex syntax) is Latin."""
    return (
        next((ch for ch in pattern.replace(r"\d", "").replace(r"\s", "") if ch.isalpha()), "a")
        < "\u0080"
    )


_NOTICE_LATN = re.compile(r"\b(?:" + "|".join(n for n in NOTICES if _latin_phrase(n)) + ")")
_NOTICE_OTHER = re.compile(r"\b(?:" + "|".join(n for n in NOTICES if not _latin_phrase(n)) + ")")
# A wire desk's initials closing a story ("ba-kh/jm", "abc/xy").
_SIGNATURE = re.compile(r"^[a-z]{2,4}(?:-[a-z]{2,4})*/[a-z]{2,4}(?:-[a-z]{2,4})*$")
_COPYRIGHT = re.compile(r"\(c\)\s*\d{4}|copyright\b")
_TIME_PREFIX = re.compile(r"^\d{1,2}:\d{2}\s")
_SPLIT = re.compile(r"[\s|,/•·]+")
_NAME = r"[A-ZА-ЯЁ][\w.'’-]+(?:\s+[A-ZА-ЯЁ][\w.'’-]+){0,3}"
_BYLINE = re.compile(rf"^[Bb]y\s+{_NAME}(?:,?\s+(?:and|with|in|for)\s+{_NAME})*\s*(?:[,|/].*)?$")
_LABEL = re.compile(rf"(?:{'|'.join(LABELS)})(?![{_LETTER}])")
_BOX = re.compile(rf"(?:{'|'.join(BOX_HEADERS)})(?![{_LETTER}])")
_BIO = re.compile(rf"(?:[A-ZА-ЯЁ][\w'’.-]+\s+){{1,3}}(?i:{'|'.join(BIOS)})")
_SELF = tuple(re.compile(p) for p in SELF_REFERENCES)
_SOCIAL = frozenset(SOCIAL)
_CLOSING = re.compile(rf"(?:{'|'.join(CLOSING)})(?![{_LETTER}])")
_LEAD = re.compile(r"^[\W_]+")
_WORD = re.compile(rf"[{_LETTER}A-ZА-ЯЁ0-9][\w'’-]*", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?…][\"'»”’)\]]*$|[.!?…][\"'»”’)\]]*\s*\(\d+\)$")
_CLOSERS = "\"'»”’)]*"
_BULLET = re.compile(r"^(?:[-–—•*·▪►▸●○◦✓✔]\s*|\d{1,2}[.)]\s+|[a-zа-я]\)\s+)")
_QUOTE_START = re.compile(r"^[«\"“„‘'–—-]")
_URL = re.compile(r"^(?:https?://|www\.)\S+$|^\S+@\S+\.\w+$", re.IGNORECASE)
# A headline in a list stamped with a time or date ("17:42 ...", "20.10.2023 | ...",
# "... 14:05"), or a weather line ("Almaty +18°C").
_STAMPED = re.compile(
    r"^\d{1,2}:\d{2}\b|^\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?\b|\b\d{1,2}:\d{2}$|[+\-−]?\d+\s*°"
)
_RATE = re.compile(
    r"\b(?:usd|eur|rub|tjs|kzt|uzs|kgs|cny|gbp|\$|€|₽|dollar|euro|rouble|ruble|tenge|yuan|доллар\w*|евро|рубл\w*|юан\w*|тенге|сом\w*)\b.*\d[.,]\d",
    re.IGNORECASE,
)
_NUMBERS_ONLY = re.compile(r"^[\W\d_]*$")
_TAJIK = frozenset("ӣӯҷҳӢӮҶҲ")

_SENTENCE_END = re.compile(r"[.!?…][\"'»”’)]*\s+[A-ZА-ЯЁ«\"“]")
_NOTICE_CHARS = 400  # notices show themselves early: longer lines are searched this far
_SAMPLE_WORDS = 24  # words of a line looked at for its script and case
_GAP = 3  # non-article lines that may separate two parts of one article
_PROSE_WORDS = 6  # words of a sentence ending in punctuation that make it prose
_PARAGRAPH_WORDS = 15  # fewer words between headlines: one more headline
_LONG_WORDS = 20  # words of a line without final punctuation that still make it prose
_DECK_WORDS = 5  # fewer words above the article: a rubric, not a deck
_FOOT_DATE_CHARS = 40
_MASTHEAD_WORDS = 3  # words of a line that may name the outlet ("Sputnik Кыргызстан")  # a date line at the foot of the article is short


class Label(StrEnum):
    """Where a line of a dump goes."""

    TEXT = "text"
    BOILERPLATE = "boilerplate"
    TITLE = "title"
    DATELINE = "dateline"


@dataclass(frozen=True, slots=True)
class LineLabel:
    """One non-empty line of a dump and where it went; ``rest`` is kept text of a dateline."""

    line: str
    label: Label
    rest: str = ""


@dataclass(slots=True)
class _Line:
    text: str
    words: int
    terminal: bool
    colon: bool
    lead_in: bool
    bullet: bool
    script: str | None
    tajik: bool
    furniture: bool
    box: bool
    lower_ratio: float
    dateline: Dateline | None = None
    prose: bool = False
    listed: bool = False
    closing: bool = False
    boxed: bool = False
    short_box: bool = False
    labelled: bool = False


def _letters(tokens: Sequence[str]) -> tuple[int, int, int]:
    """Letters in Cyrillic and in Latin words, and words that start in lower case, in one pass
    over the first few words."""
    cyr = lat = lower = 0
    for token in tokens[:_SAMPLE_WORDS]:
        first = token[0]
        if first.islower():
            lower += 1
        if "\u0400" <= first <= "\u04ff":
            cyr += len(token)
        elif first.isascii() and first.isalpha():
            lat += len(token)
    return cyr, lat, lower


def _is_share_bar(low: str) -> bool:
    if low.split(None, 1)[0].strip(":.|") not in _SOCIAL:
        return False
    parts = [p for p in _SPLIT.split(low) if p]
    return bool(parts) and len(parts) <= 12 and all(p.strip(":.") in _SOCIAL for p in parts)


def _is_menu(text: str) -> bool:
    """Five or more capitalised section names and nothing else ("Politics Economy Society")."""
    parts = text.split()
    return len(parts) >= 5 and all(
        p == "&" or (p[0].isupper() and not any(ch.isdigit() for ch in p)) for p in parts
    )


def _box_header(bare: str) -> bool:
    """A header standing alone ("Read also", "Latest news:"), not a label with a headline."""
    found = _BOX.match(bare)
    return found is not None and len(bare[found.end() :].strip(" :.-—–»>|")) <= 12


def _furniture(
    text: str, low: str, words: int, terminal: bool, cyr: int, lat: int
) -> tuple[str, bool]:
    """Why the line is furniture ("notice", "label", "pattern"; "" when it is not), and whether it
    opens a box of other stories: by phrases and patterns alone."""
    bare = _LEAD.sub("", low)
    head = low[:_NOTICE_CHARS]
    if (lat and _NOTICE_LATN.search(head)) or ((cyr or not lat) and _NOTICE_OTHER.search(head)):
        return "notice", _box_header(bare)
    if words > 40:  # what follows are patterns of short lines
        copyright = text.startswith("©") or _COPYRIGHT.match(low) is not None
        return ("pattern" if copyright else ""), False
    label = _LABEL.match(bare)
    if label is not None:
        after = bare[label.end() :].lstrip()
        labelled = after.startswith(":") or label.group(0).endswith(":")
        if words <= 8 or (labelled and words <= 40) or (not terminal and words <= 16):
            return "label", _box_header(bare)
    if _SIGNATURE.match(text):
        return "pattern", False
    if _URL.match(text) or _NUMBERS_ONLY.match(text) or (words <= 12 and _is_share_bar(low)):
        return "pattern", False
    if words <= 14 and _TIME_PREFIX.match(text):
        return "pattern", False
    if words <= 20 and not terminal and (_RATE.search(text) or _STAMPED.search(text)):
        return "pattern", False
    if text.count("|") >= 2 and not terminal:
        return "pattern", False
    if words >= 5 and not terminal and _is_menu(text):
        return "pattern", False
    if words <= 40 and (text.startswith("©") or _COPYRIGHT.match(low)):
        return "pattern", False
    if _BYLINE.match(text):
        return "pattern", False
    if words <= 30 and _BIO.match(text):
        return "pattern", False
    return "", False


def _features(text: str) -> _Line:
    low = text.lower()
    tokens = _WORD.findall(text, 0, _NOTICE_CHARS)
    words = (
        len(tokens) if len(text) <= _NOTICE_CHARS else len(tokens) + text.count(" ", _NOTICE_CHARS)
    )
    stripped = text.rstrip(_CLOSERS)
    terminal = bool(_TERMINAL.search(text, max(0, len(text) - 16)))
    colon = stripped.endswith((":", ";", ","))
    cyr, lat, lower = _letters(tokens)
    script = None if cyr == lat == 0 else ("cyrl" if cyr >= lat else "latn")
    tajik = cyr > 0 and any(ch in text for ch in _TAJIK)
    why, box = _furniture(text, low, words, terminal, cyr, lat)
    furniture = bool(why)
    closing = furniture and bool(_CLOSING.match(low) or _CLOSING.match(_LEAD.sub("", low)))
    return _Line(
        text=text,
        words=words,
        terminal=terminal,
        colon=colon,
        lead_in=stripped.endswith(":"),
        bullet=bool(_BULLET.match(text)),
        script=script,
        tajik=tajik,
        furniture=furniture,
        box=box,
        lower_ratio=lower / min(words, _SAMPLE_WORDS) if words else 0.0,
        closing=closing,
        labelled=why == "label",
    )


def _main_script(lines: Sequence[_Line]) -> tuple[str | None, bool]:
    """The script of the document's sentences (weighted by length), and whether they are Tajik."""
    weight: dict[str, int] = {}
    tajik = 0
    total = 0
    for line in lines:
        if line.script and line.terminal and line.words >= _PROSE_WORDS and not line.furniture:
            weight[line.script] = weight.get(line.script, 0) + len(line.text)
            total += len(line.text)
            tajik += len(line.text) if line.tajik else 0
    if not weight:
        for line in lines:
            if line.script:
                weight[line.script] = weight.get(line.script, 0) + len(line.text)
    if not weight:
        return None, False
    main = max(weight, key=lambda k: weight[k])
    return main, total > 0 and tajik / total > 0.5


def _foreign(line: _Line, script: str | None, tajik_doc: bool) -> bool:
    if script is None or line.script is None:
        return False
    return line.script != script or (script == "cyrl" and line.tajik and not tajik_doc)


def _prose(line: _Line, script: str | None, tajik_doc: bool) -> bool:
    if line.furniture or line.dateline is not None or _foreign(line, script, tajik_doc):
        return False
    if line.terminal and line.words >= _PROSE_WORDS:
        return True
    if line.lead_in and line.words >= _PROSE_WORDS and line.lower_ratio >= 0.5:
        return True
    return line.words >= _LONG_WORDS and line.lower_ratio >= 0.5


def _mark_lists(lines: Sequence[_Line]) -> None:
    """Mark list items: bulleted lines, and the lines after a lead-in ending in ``:`` up to the
    item that ends the list with a full stop."""
    in_list = False
    for line in lines:
        if line.furniture:
            in_list = False
            continue
        if line.bullet or (
            in_list and line.words <= 40 and (line.colon or line.terminal or line.words <= 12)
        ):
            line.listed = True
        else:
            in_list = False
        if line.listed and line.terminal and not line.bullet:
            in_list = False
        if line.lead_in:
            in_list = True


def _headline_shaped(line: _Line) -> bool:
    """Shaped like a headline: a few words, no final punctuation, not a list item."""
    return not (line.terminal or line.listed or line.colon or line.prose) and 3 <= line.words <= 30


def _headline_like(line: _Line) -> bool:
    return _headline_shaped(line) and not line.furniture


def _article_span(lines: Sequence[_Line]) -> tuple[int, int] | None:
    """First and last index of the article: the heaviest cluster of prose lines."""
    prose = [i for i, line in enumerate(lines) if line.prose]
    if not prose:
        return None
    clusters: list[list[int]] = [[prose[0]]]
    for i in prose[1:]:
        between = lines[clusters[-1][-1] + 1 : i]
        nxt = lines[i]
        after = lines[i + 1] if i + 1 < len(lines) else None
        paragraph = nxt.words >= _PARAGRAPH_WORDS or nxt.lead_in or _paragraph_follows(lines, i)
        if between and paragraph and _headline_like(between[-1]) and not between[-1].boxed:
            between = between[:-1]  # an intertitle over the next paragraph
        gap = sum(1 for line in between if not (line.listed or line.dateline or line.short_box))
        headlines = _max_run(between, lambda line: _headline_shaped(line) and not line.boxed)
        closed = any(line.closing for line in between)
        # across a box of other stories, or past headlines, only to a real paragraph: a short
        # sentence there is one more headline of a list
        boxed = any(line.box for line in between) and not paragraph
        headed = (
            any(_headline_like(line) and not line.boxed for line in between)
            and not paragraph
            and after is not None
            and _headline_like(after)
        )
        if gap <= _GAP and headlines < 3 and not (closed or boxed or headed):
            clusters[-1].append(i)
        else:
            clusters.append([i])
    best = max(clusters, key=lambda c: sum(len(lines[i].text) for i in c))
    return best[0], best[-1]


def _paragraph_follows(lines: Sequence[_Line], i: int) -> bool:
    """Whether a long paragraph comes right after line ``i`` (over one intertitle at most)."""
    for j in (i + 1, i + 2):
        if j >= len(lines):
            return False
        if lines[j].prose and lines[j].words >= _LONG_WORDS:
            return True
        if j == i + 2 or not _headline_like(lines[j]):
            return False
    return False


def _teaser(line: _Line) -> bool:
    """One sentence of summary under a headline in a box of other stories."""
    body = line.text.rstrip(_CLOSERS)[:-1]
    return line.terminal and line.words <= 35 and not _SENTENCE_END.search(body)


def _box_end(lines: Sequence[_Line], j: int, *, sentences: bool) -> int:
    """Where the headlines of a box that starts at ``j`` end. With ``sentences``, short sentences
    and questions count as headlines too (a headline may end in "?" or ".")."""
    n = len(lines)
    while j < n and not lines[j].furniture:
        line = lines[j]
        short = sentences and line.terminal and line.words < _PARAGRAPH_WORDS and not line.listed
        if not (_headline_shaped(line) or short):
            break
        j += 1
    return j


def _paragraph(lines: Sequence[_Line], j: int) -> bool:
    return j < len(lines) and lines[j].prose and lines[j].words >= _PARAGRAPH_WORDS


def _mark_boxes(lines: Sequence[_Line]) -> None:
    """Mark what a box header ("Read also", "Latest news") heads: the headlines under it, or the
    pairs of headline and one-sentence summary."""
    n = len(lines)
    for i, header in enumerate(lines):
        if not header.box:
            continue
        j = i + 1
        pairs = 0
        while j + 1 < n and _headline_shaped(lines[j]) and _teaser(lines[j + 1]):
            j += 2
            pairs += 1
        if pairs < 2:
            j = i + 1
        items = j
        j = _box_end(lines, items, sentences=True)
        if _paragraph(lines, j):  # the article goes on: its short sentences are not headlines
            j = _box_end(lines, items, sentences=False)
        for line in lines[i + 1 : j]:
            line.boxed = True
            line.prose = False
        if pairs < 2 and j - i - 1 <= 3:  # a short box, as "Read also" inside an article
            for line in lines[i:j]:
                line.short_box = True


def _max_run(lines: Sequence[_Line], pred: Callable[[_Line], bool]) -> int:
    """The longest run of consecutive ``lines`` for which ``pred`` holds."""
    best = run = 0
    for line in lines:
        run = run + 1 if pred(line) else 0
        best = max(best, run)
    return best


def _inside(
    lines: Sequence[_Line], start: int, end: int, script: str | None, tj: bool
) -> list[bool]:
    """Keep (True) or drop each line of the article span ``start..end``."""
    keep = [False] * len(lines)
    in_box = False
    for i in range(start, end + 1):
        line = lines[i]
        if line.prose:
            keep[i] = True
            in_box = False
            continue
        if line.furniture or line.dateline is not None or line.boxed:
            in_box = in_box or line.box
            continue
        if _foreign(line, script, tj) and not (line.terminal and line.words >= 12):
            continue
        if in_box and not (line.bullet or line.terminal):
            continue
        if line.listed or line.terminal or line.colon:
            keep[i] = True
            continue
        nxt = _neighbour(lines, i, +1, len(lines))
        prev = _neighbour(lines, i, -1, start - 1)
        single = not (prev is not None and _headline_like(prev)) and not (
            nxt is not None and _headline_like(nxt)
        )
        followed = nxt is not None and (
            nxt.prose or nxt.listed or (nxt.terminal and not nxt.furniture)
        )
        if followed and single and line.words <= 15:
            keep[i] = True  # an intertitle
    return keep


def _neighbour(lines: Sequence[_Line], i: int, step: int, stop: int) -> _Line | None:
    """The nearest line before or after ``i`` that is not furniture (a credit, a share bar)."""
    j = i + step
    while j != stop and (lines[j].furniture or lines[j].boxed):
        j += step
    return None if j == stop else lines[j]


def _extend(lines: Sequence[_Line], start: int, end: int, script: str | None, tj: bool) -> int:
    """Short sentences right after the last paragraph ("He declined to comment.") belong to it."""
    last = end
    while last + 1 < len(lines):
        nxt = lines[last + 1]
        if nxt.furniture or not nxt.terminal or nxt.dateline or _foreign(nxt, script, tj):
            break
        last += 1
    if last + 1 < len(lines) and _headline_like(lines[last + 1]):
        return end  # short sentences running on into headlines: a list of other stories
    return last


def _headline(line: _Line, script: str | None) -> bool:
    return (
        line.dateline is None
        and not line.furniture
        and line.words >= 2
        and not line.text.rstrip(_CLOSERS).endswith(".")
        and (script is None or line.script in (None, script))
        and len(line.text) <= 300
    )


def _title(lines: Sequence[_Line], start: int, script: str | None) -> int | None:
    """The headline: the line right above the article (over a dateline) when it looks like one;
    else the first line when it does (dumps start with the headline); else the last
    headline-like line above the article, over furniture only."""
    above = start - 1
    while above >= 0 and lines[above].dateline is not None:
        above -= 1
    if 0 <= above < start - 1 and lines[above].words >= 3 and _headline(lines[above], script):
        return above
    first = lines[0] if start > 0 else None
    if first is not None and first.words >= 3 and _headline(first, script):
        return 0
    if (
        first is not None
        and first.labelled
        and first.words >= 6
        and not first.terminal
        and first.text.count("|") < 2  # "Home | Politics | ...": a menu, not a headline
    ):
        return 0  # a headline that opens with a word furniture uses ("Source: ...")
    for i in range(start - 1, -1, -1):
        line = lines[i]
        if line.dateline is not None or line.furniture:
            continue
        if _headline(line, script):
            return i
        if line.words > 3:
            return None
    return None


def _deck(
    lines: Sequence[_Line], start: int, title_at: int | None, script: str | None, tj: bool
) -> bool:
    """Whether the line right above the article is its deck: a second headline under the title
    ("Узбекистан выставляет на продажу контрольный пакет Узпромстройбанка"), a phrase with
    lower-case words, not a rubric or a menu."""
    if title_at is None or start - 1 <= title_at:
        return False
    line = lines[start - 1]
    return (
        _headline_like(line)
        and line.dateline is None
        and not (line.boxed or line.labelled or _foreign(line, script, tj))
        and line.words >= _DECK_WORDS
        and line.lower_ratio >= 0.3
    )


def _published(lines: Sequence[_Line], start: int | None) -> int | None:
    """The line that gives the publication date: a place dateline or labelled date before the
    article or at its start; a date-only line above the article; an update date last."""
    ranked: list[tuple[int, int]] = []
    limit = (start if start is not None else len(lines)) + 1
    for i, line in enumerate(lines):
        found = line.dateline
        if found is None:
            continue
        near = i <= limit
        rank = {"place": 0, "published": 1, "date": 2, "updated": 3}[found.kind]
        if found.kind == "date" and not near:
            continue
        if found.kind == "place" and i > limit + 2:
            continue
        ranked.append((rank if near else rank + 4, i))
    return min(ranked)[1] if ranked else None


def _foot_date(lines: Sequence[_Line], end: int) -> int | None:
    """A line below the article that is nothing but a full date, when it is the only one there:
    some sites print the date at the foot. Two or more are the dates of a list or comments."""
    found: list[int] = []
    for i in range(end + 1, len(lines)):
        line = lines[i]
        if len(line.text) > _FOOT_DATE_CHARS or line.dateline is not None:
            continue
        dateline = read_dateline(line.text)
        if dateline is not None and dateline.kind == "date":
            if dateline.date.year is None or found:
                return None
            line.dateline = dateline
            found.append(i)
    return found[0] if found else None


def _mark_self_references(lines: Sequence[_Line]) -> None:
    """Mark the lines where the outlet points to a story of its own ("Ранее Sputnik сообщал,
    что ..."): furniture when the name is a word of a short line (the masthead, a footer)."""
    found = [
        (line, m)
        for line in lines
        if line.text[:1] in "РрEePp"
        for pattern in _SELF
        if (m := pattern.match(line.text.lower())) is not None
    ]
    if not found:
        return
    names = {
        word.strip('«»"“”©')
        for line in lines
        if line.words <= _MASTHEAD_WORDS
        for word in line.text.lower().split()
    }
    for line, m in found:
        outlet = m.group("outlet").strip('«»"“”')
        named = line.text[m.start("outlet") : m.end("outlet")].lstrip('«"“')[:1]
        if len(outlet) >= 3 and (named.isupper() or named.isdigit()) and outlet in names:
            line.furniture = True


def classify_lines(text: str) -> list[LineLabel]:
    """Every non-empty line of ``text``, stripped, with where it goes."""
    raw = [s for s in (line.strip() for line in text.splitlines()) if s]
    lines = [_features(s) for s in raw]
    # Datelines open the article: read lines in full down to just past its first sentence, and
    # below that only labelled date lines ("Published: ..." at the foot of some sites).
    top = next((i for i, x in enumerate(lines) if x.terminal and x.words >= _PROSE_WORDS), 0) + 3
    for i, line in enumerate(lines):
        if i < top or has_date_label(line.text):
            line.dateline = read_dateline(line.text)
    _mark_self_references(lines)
    script, tajik_doc = _main_script(lines)
    for line in lines:
        found = line.dateline
        if found is not None and found.kind == "place" and found.rest:
            line.prose = _prose(_features(found.rest), script, tajik_doc)
        else:
            line.prose = _prose(line, script, tajik_doc)
    _mark_lists(lines)
    _mark_boxes(lines)
    span = _article_span(lines)
    keep = [False] * len(lines)
    start = span[0] if span else len(lines)
    if span is not None:
        end = _extend(lines, span[0], span[1], script, tajik_doc)
        keep = _inside(lines, span[0], end, script, tajik_doc)
    date_at = _published(lines, span[0] if span else None)
    if date_at is None and span is not None:
        date_at = _foot_date(lines, span[1])
    title_at = _title(lines, start, script) if span else None
    if span is not None and _deck(lines, start, title_at, script, tajik_doc):
        keep[start - 1] = True
    labels = []
    for i, line in enumerate(lines):
        if i == date_at and line.dateline is not None:
            rest = line.dateline.rest if (keep[i] or span is None or i >= start - 1) else ""
            labels.append(LineLabel(line.text, Label.DATELINE, rest))
        elif i == title_at:
            labels.append(LineLabel(line.text, Label.TITLE))
        elif keep[i]:
            labels.append(LineLabel(line.text, Label.TEXT))
        elif line.dateline is not None and line.dateline.kind == "place" and line.dateline.rest:
            labels.append(LineLabel(line.text, Label.TEXT))  # a dateline that is not the date
        else:
            labels.append(LineLabel(line.text, Label.BOILERPLATE))
    return labels


def _date_of(labels: Sequence[LineLabel], raw_text: str) -> str | None:
    for item in labels:
        if item.label is Label.DATELINE:
            found = read_dateline(item.line)
            if found is None:
                return None
            if found.date.year is not None:
                return found.date.iso
            others: list[DateMatch] = [
                d for other in labels if other is not item for d in find_dates(other.line[:500])
            ]
            year = resolve_year(found.date, others, years_in(raw_text.replace(item.line, " ")))
            if year is None:
                return None
            return f"{year:04d}-{found.date.month:02d}-{found.date.day:02d}"
    return None


def extract_textdump(text: str) -> Extraction:
    """The article in a plain-text dump: title, published date, text and removed lines."""
    labels = classify_lines(text)
    kept: list[str] = []
    dropped: list[str] = []
    title: str | None = None
    for item in labels:
        if item.label is Label.TEXT:
            kept.append(item.line)
        elif item.label is Label.BOILERPLATE:
            dropped.append(item.line)
        elif item.label is Label.TITLE:
            title = item.line
        elif item.rest:
            kept.append(item.rest)
    return Extraction(
        text="\n".join(kept),
        title=title,
        published=_date_of(labels, text),
        boilerplate=tuple(dropped),
    )
