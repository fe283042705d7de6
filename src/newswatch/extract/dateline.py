"""Dates and datelines in English and Russian, with plain regexes and month tables.

``find_dates`` finds calendar dates in any text ("March 14, 2023", "5 апреля 2023 г.",
"14.03.2023", "2023-03-14", and "19 декабря" without a year) and is meant to be reused by the
stages that resolve when a statement was made. ``read_dateline`` reads one line of a text dump as a
dateline: a place and date opening the article ("DUSHANBE, March 14, 2023 —", "ТАШКЕНТ, 12 мая.
/ТАСС/."), a labelled date line ("Published: 09:15, 21 June 2023", "Опубликовано: 14.03.2023
10:12", a print issue's stamp "№124 от 12.07.2023") or a line that is only a date and time
("14:32 / 21.06.2023"), perhaps after the outlet's name ("bne IntelliNews 20 February 2024").

dateparser would read more forms but costs milliseconds per call; these regexes cost microseconds
(see ``docs/textdump.md``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = [
    "DateMatch",
    "Dateline",
    "find_dates",
    "has_date_label",
    "parse_date",
    "read_dateline",
    "resolve_year",
    "years_in",
]

_MONTHS_EN = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTHS_RU = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7,
    "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
    "янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8,
    "сен": 9, "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12,
}  # fmt: skip
MONTHS: dict[str, int] = {**_MONTHS_EN, **_MONTHS_RU}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR_SUFFIX = r"(?:\s*(?:г\.|гг\.|года|год|г(?![а-яё])))?"
# Each pattern names its groups d (day), m (month number), mn (month name), y (year).
_PATTERNS = [
    # 2023-03-14, 2023-03-14T10:12:00, 2023/03/14
    r"(?<!\d)(?P<y1>(?:19|20)\d\d)[-/.](?P<m1>[01]?\d)[-/.](?P<d1>[0-3]?\d)(?!\d)",
    # 14.03.2023, 14/03/2023, 14-03-2023
    rf"(?<![\d.])(?P<d2>[0-3]?\d)[./-](?P<m2>[01]?\d)[./-](?P<y2>(?:19|20)\d\d)(?!\d){_YEAR_SUFFIX}",
    # 14 March 2023, 5 апреля 2023 г., 14th of March, 2023, 19 декабря
    rf"(?<!\d)(?P<d3>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<mn3>{_MONTH})\.?"
    rf"(?![a-zа-яё])(?:,?\s+(?P<y3>(?:19|20)\d\d)(?!\d){_YEAR_SUFFIX})?",
    # March 14, 2023, Nov 3, Dec. 19 2022
    rf"(?<![a-zа-яё])(?P<mn4>{_MONTH})\.?\s+(?P<d4>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    rf"(?:,?\s+(?P<y4>(?:19|20)\d\d)(?!\d))?",
]
# Every date starts a word: the look-behind lets the engine skip the middle of words quickly.
_DATE = re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{p})" for p in _PATTERNS) + ")", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
# A cheap test before the full one: a date has digits around a separator, or a month's name.
_MAYBE_DATE = re.compile(
    r"\d[./-]\d|(?<!\w)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|янв|фев|мар|апр|ма[йя]"
    r"|июн|июл|авг|сен|окт|ноя|дек)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A calendar date found in a text; ``year`` is None when the text gives none."""

    start: int
    end: int
    year: int | None
    month: int
    day: int

    @property
    def iso(self) -> str | None:
        """``YYYY-MM-DD``, or None without a year."""
        if self.year is None:
            return None
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: 29 February stays possible
    except ValueError:
        return False
    return True


def find_dates(text: str) -> list[DateMatch]:
    """Every calendar date in ``text``, in order. Impossible dates (31.02) are skipped."""
    found: list[DateMatch] = []
    for m in _DATE.finditer(text):
        g = m.groupdict()
        year: int | None
        if g["y1"]:
            year, month, day = int(g["y1"]), int(g["m1"]), int(g["d1"])
        elif g["y2"]:
            year, month, day = int(g["y2"]), int(g["m2"]), int(g["d2"])
        elif g["mn3"]:
            year = int(g["y3"]) if g["y3"] else None
            month, day = MONTHS[g["mn3"].lower()], int(g["d3"])
        else:
            year = int(g["y4"]) if g["y4"] else None
            month, day = MONTHS[g["mn4"].lower()], int(g["d4"])
        if _valid(year, month, day):
            found.append(DateMatch(m.start(), m.end(), year, month, day))
    return found


def parse_date(text: str, *, year: int | None = None) -> str | None:
    """The first date in ``text`` as ``YYYY-MM-DD``; ``year`` completes a date that has none."""
    for found in find_dates(text):
        y = found.year if found.year is not None else year
        if y is not None and _valid(y, found.month, found.day):
            return f"{y:04d}-{found.month:02d}-{found.day:02d}"
    return None


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline read from one line of a dump.

    ``kind`` is ``"place"`` (a place and date opening the article), ``"published"`` (a labelled
    publication date), ``"updated"`` (a labelled update date) or ``"date"`` (a line that is only a
    date). ``rest`` is the article text after a place dateline ("" when the line is all dateline).
    """

    kind: str
    date: DateMatch
    rest: str = ""


_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?"
_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri"
    "|sat|sun|понедельник|вторник|среда|среду|четверг|пятница|пятницу|суббота|субботу|воскресенье"
    "|пн|вт|ср|чт|пт|сб|вс"
)
_ZONES = r"gmt|utc|msk|мск|et|est|edt|cet|cest|bst|pst|pdt|tjt|uzt|kgt|almt|ast|time"
_PUBLISHED = (
    r"published|posted|date|publication date|first published|опубликовано|опубликован|"
    r"дата публикации|дата|размещено|добавлено|создано|нашр шуд|санаи нашр"
)
_UPDATED = r"updated|last updated|modified|обновлено|обновлен|изменено|последнее обновление"
_LABEL = re.compile(
    rf"^\s*(?:(?P<pub>{_PUBLISHED})|(?P<upd>{_UPDATED}))\s*(?:on|at|в)?\s*[:：\-–—|]?\s*",
    re.IGNORECASE,
)
# What may surround a date on a line that is only a date: times, weekdays, zones, "at", "г.".
_FILLER = re.compile(
    rf"(?<![a-z])t(?=\d)|{_TIME}|(?<![a-zа-яё])(?:{_WEEKDAYS}|{_ZONES}|at|on|in|в|г|года|год)(?![a-zа-яё])"
    r"|\(\s*utc\s*[+-]\s*\d{1,2}(?::\d\d)?\s*\)|[+-]\d{2}:?\d{2}|[\s,.:;/|\-–—()•·]+",
    re.IGNORECASE,
)
# A place dateline: one to four capitalised words (and a region) before a comma and the date.
_PLACE = re.compile(
    r"^(?P<place>[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё.'’\-]*(?:[ \-][A-ZА-ЯЁ(][A-Za-zА-Яа-яЁё.'’()\-]*){0,3}"
    r"(?:,\s*[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё.'’\-]*(?: [A-ZА-ЯЁ][A-Za-zА-Яа-яЁё.'’\-]*){0,2})?)"
    r"[,.]\s+"
)
_AFTER_PLACE_DATE = re.compile(
    rf"\s*(?:г\.|года)?(?:,?\s*{_TIME})?"
    r"\s*\.?\s*(?P<agency>\([^()]{1,40}\)|/[^/]{1,40}/)?\s*(?P<dot>\.)?\s*"
    r"(?:(?-i:[A-ZА-ЯЁ][A-ZА-ЯЁ\-]+(?: [A-ZА-ЯЁ][A-ZА-ЯЁ\-]+)?)\s*(?=[—–-]))?"
    r"(?P<dash>[—–-]{1,2}|:)?\s*",
    re.IGNORECASE,
)


_PLACE_WORDS = re.compile(r"\s*[A-ZА-ЯЁ][a-zа-яё'’\-]+(?:\s+[A-ZА-ЯЁ][a-zа-яё'’\-]+)?\s*")
# The outlet's name before a lone date ("bne IntelliNews 20 February 2024").
_NAME_BEFORE = re.compile(
    r"\s*(?=[^\d\s]*(?:\s+[^\d\s]+)?\s+\d)(?=\S*[A-ZА-ЯЁ]|\S+\s+\S*[A-ZА-ЯЁ])"
    r"[A-Za-zА-Яа-яЁё][\w'’/\-]*(?:\s+[A-Za-zА-Яа-яЁё][\w'’/\-]*)?\s+"
)
# A print issue's stamp: "Газета «Коммерсантъ» №124 от 12.07.2023, стр. 9".
_ISSUE = re.compile(r"№\s*\d+(?:\s*\(\d+\))?\s+от\s+")
# An agency's name alone after the dash ("Бишкек, 12 ноября 2024, 10:15 — ИА Регнум").
_AGENCY = re.compile(r"(?:(?:ИА|РИА|МИА)\s+)?[A-ZА-ЯЁ][\w.\-]*(?:\s+[A-ZА-ЯЁ][\w.\-]*)?")


def _date_and_byline(line: str) -> DateMatch | None:
    """``09:47, 14 ноября 2024, Бишкек - 24.kg, Айзада Касымова``: a time and a full date
    first, then only names (a place, the site, the author), no sentence."""
    dates = find_dates(line)
    if not dates or dates[0].year is None or _FILLER.sub("", line[: dates[0].start]):
        return None
    words = [w for w in re.split(r"[\s,|•·]+", line[dates[0].end :]) if w.strip("-–—")]
    if not words or len(words) > 8:
        return None
    if all(w[:1].isupper() or w[:1].isdigit() or "." in w for w in words):
        return dates[0]
    return None


def _only_date(text: str) -> DateMatch | None:
    """The date when ``text`` is nothing but one date with times, weekdays and separators."""
    dates = find_dates(text)
    if not dates or len({(d.year, d.month, d.day) for d in dates}) != 1:
        return None
    rest = text
    for d in reversed(dates):
        rest = rest[: d.start] + " " + rest[d.end :]
    rest = _FILLER.sub(" ", rest)
    if rest.strip() and not _PLACE_WORDS.fullmatch(rest):
        before = _NAME_BEFORE.match(text)
        after = _FILLER.sub(" ", text[dates[-1].end :])
        if before is None or before.end() != dates[0].start or after.strip():
            return None
    return dates[0]


def has_date_label(line: str) -> bool:
    """Whether ``line`` starts with a date label ("Published:", "Опубликовано", "Updated")."""
    return _LABEL.match(line) is not None


def read_dateline(line: str) -> Dateline | None:
    """Read ``line`` as a dateline, or None when it is not one."""
    line = line.strip()
    if len(line) <= 120:  # a date line, labelled or not, is short
        if not _DIGIT.search(line) or not _MAYBE_DATE.search(line):
            return None
        label = _LABEL.match(line)
        if label and label.end() < len(line):
            found = _only_date(line[label.end() :])
            if found is not None:
                return Dateline("updated" if label.group("upd") else "published", found)
        found = _only_date(line) if len(line) <= 80 else None
        if found is not None:
            return Dateline("date", found)
        found = _date_and_byline(line)
        if found is not None:
            return Dateline("date", found)
        issue = _ISSUE.search(line)
        if issue is not None:
            dates = find_dates(line[issue.end() : issue.end() + 40])
            if dates and dates[0].start == 0:
                return Dateline("published", dates[0])
    place = _PLACE.match(line)
    if place and len(place.group("place")) <= 40:
        dates = find_dates(line[place.end() : place.end() + 60])
        if dates and dates[0].start == 0:
            found = dates[0]
            date_end = place.end() + found.end
            sep = _AFTER_PLACE_DATE.match(line, date_end)
            if sep is not None:
                rest = line[sep.end() :].strip()
                ended = sep.group("dash") or "." in line[date_end - 1 : sep.end()]
                if sep.group("dash") and _AGENCY.fullmatch(rest):
                    rest = ""
                if not rest or ended:
                    return Dateline("place", found, rest)
    return None


_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,]\d)")
_RANGE = re.compile(r"(?<!\d)(?:19|20)\d\d\s*[-–—]\s*((?:19|20)\d\d)(?!\d)")


def years_in(text: str) -> set[int]:
    """The years a text names; a range ("1997-2024", as in copyright lines) counts as its end."""
    text = _RANGE.sub(r"\1", text)
    return {int(y) for y in _YEAR.findall(text)}


def resolve_year(
    found: DateMatch, others: list[DateMatch], years: set[int] | None = None
) -> int | None:
    """A year for a date that lacks one, taken from elsewhere in the document only when certain.

    Certain means either: the document gives the same day and month elsewhere, always with the
    same year; or the document names one year and no other (``years``, from :func:`years_in`).
    Otherwise None: the date stays unknown rather than guessed.
    """
    if found.year is not None:
        return found.year
    same = {
        d.year
        for d in others
        if d.year is not None and d.month == found.month and d.day == found.day
    }
    if len(same) == 1:
        return same.pop()
    if not same and years is not None and len(years) == 1:
        return next(iter(years))
    return None
