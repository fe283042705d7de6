"""When a statement was made: date words found by regular expressions and resolved.

``on December 19``, ``on Monday``, ``yesterday``, ``19 декабря``, ``в пятницу``, ``вчера`` are
resolved against the publication date. A weekday is the most recent such day on or before it.
Without a publication date, a date is known only when the text makes the year certain (the
date names its year, or every dated mention in the text names the same year).
Regexes and month/weekday tables only: this runs on every statement of every article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DateMention", "find_dates", "parse_published", "text_year"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """Date words in the text and the day they name (None when it cannot be known)."""

    start: int
    end: int
    text: str
    date: str | None


_MONTHS_EN = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS_EN = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_MONTHS_RU = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}  # fmt: skip
_WEEKDAYS_RU = {
    "понедельник": 0, "вторник": 1, "среду": 2, "четверг": 3, "пятницу": 4, "субботу": 5,
    "воскресенье": 6,
}  # fmt: skip
# Days back from the publication date; None: known to be vague ("last week").
_RELATIVE_EN = {
    "today": 0, "earlier today": 0, "this morning": 0, "this afternoon": 0, "tonight": 0,
    "yesterday": 1, "last night": 1, "the day before yesterday": 2, "last week": None,
    "earlier this week": None, "this week": None, "last month": None, "recently": None,
}  # fmt: skip
_RELATIVE_RU = {
    "сегодня": 0, "вчера": 1, "позавчера": 2, "накануне": 1, "на прошлой неделе": None,
    "на этой неделе": None, "в прошлом месяце": None, "недавно": None, "ранее": None,
}  # fmt: skip


def _alternatives(words: dict[str, int | None]) -> str:
    """Regex alternatives for phrases, longest first, spaces as ``\\s+`` (verbose patterns)."""
    return "|".join(w.replace(" ", r"\s+") for w in sorted(words, key=len, reverse=True))


_MONTH_EN = "|".join(sorted(_MONTHS_EN, key=len, reverse=True))
_WEEKDAY_EN = "|".join(_WEEKDAYS_EN)
_PART_EN = r"(?:\s+(?:morning|afternoon|evening|night))?"
_EN = re.compile(
    rf"""\b(?:(?P<on>on|last|this|since)\s+)?
    (?:
      (?P<wd>{_WEEKDAY_EN}){_PART_EN}
        (?:,?\s+(?P<m1>{_MONTH_EN})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>\d{{4}})\b)?)?
    | (?P<m2>{_MONTH_EN})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>\d{{4}})\b)?
    | (?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m3>{_MONTH_EN})\b\.?(?:,?\s+(?P<y3>\d{{4}})\b)?
    | (?P<rel>{_alternatives(_RELATIVE_EN)})\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_WEEKDAY_RU = "понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье"
_MONTH_RU = "|".join(_MONTHS_RU)
_RU = re.compile(
    rf"""(?<![\w-])(?:
      (?P<wd>(?:во?\s+)(?:минувш(?:ий|ую|ее)\s+|прошл(?:ый|ую|ое)\s+|эт(?:от|у|о)\s+)?(?:{_WEEKDAY_RU}))
        (?:,?\s+(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH_RU}))?
    | (?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH_RU})(?:\s+(?P<y2>\d{{4}})(?:\s*(?:года|г\.))?)?
    | (?P<rel>{_alternatives(_RELATIVE_RU)})
    )(?![\w-])""",
    re.IGNORECASE | re.VERBOSE,
)
_YEAR_IN_DATE = re.compile(
    rf"\b(?:(?:{_MONTH_EN})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+|\d{{1,2}}\s+(?:(?:{_MONTH_EN})|(?:{_MONTH_RU}))\.?,?\s+)(\d{{4}})\b",
    re.IGNORECASE,
)


def parse_published(published: str | None) -> date | None:
    """The publication date of an article (its first ten characters, ``YYYY-MM-DD``)."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def text_year(text: str) -> int | None:
    """The year the text makes certain: every full date in it names the same year."""
    years = {int(m.group(1)) for m in _YEAR_IN_DATE.finditer(text[:200_000])}
    return years.pop() if len(years) == 1 else None


def _day(year: int | None, month: int, day: int, published: date | None) -> str | None:
    if year is None:
        if published is None:
            return None
        year = published.year
        try:
            if date(year, month, day) > published + timedelta(days=1):
                year -= 1
        except ValueError:
            return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _weekday(weekday: int, published: date | None) -> str | None:
    if published is None:
        return None
    return (published - timedelta(days=(published.weekday() - weekday) % 7)).isoformat()


def _relative(days: int | None, published: date | None) -> str | None:
    if days is None or published is None:
        return None
    return (published - timedelta(days=days)).isoformat()


def _resolve_en(m: re.Match[str], published: date | None, year: int | None) -> str | None:
    g = m.groupdict()
    if g["m1"]:
        y = int(g["y1"]) if g["y1"] else year
        return _day(y, _MONTHS_EN[g["m1"].lower()], int(g["d1"]), published)
    if g["wd"]:
        return _weekday(_WEEKDAYS_EN[g["wd"].lower()], published)
    if g["m2"]:
        y = int(g["y2"]) if g["y2"] else year
        return _day(y, _MONTHS_EN[g["m2"].lower()], int(g["d2"]), published)
    if g["m3"]:
        y = int(g["y3"]) if g["y3"] else year
        return _day(y, _MONTHS_EN[g["m3"].lower()], int(g["d3"]), published)
    return _relative(_RELATIVE_EN[" ".join(g["rel"].lower().split())], published)


def _resolve_ru(m: re.Match[str], published: date | None, year: int | None) -> str | None:
    g = m.groupdict()
    if g["m1"]:
        return _day(year, _MONTHS_RU[g["m1"].lower()], int(g["d1"]), published)
    if g["wd"]:
        return _weekday(_WEEKDAYS_RU[g["wd"].lower().split()[-1]], published)
    if g["m2"]:
        y = int(g["y2"]) if g["y2"] else year
        return _day(y, _MONTHS_RU[g["m2"].lower()], int(g["d2"]), published)
    return _relative(_RELATIVE_RU[" ".join(g["rel"].lower().split())], published)


def find_dates(
    text: str,
    lang: str | None,
    *,
    published: str | None = None,
    year: int | None = None,
    start: int = 0,
    end: int | None = None,
) -> list[DateMention]:
    """Date words in ``text[start:end]`` (offsets into ``text``), each with the day it names.

    ``year`` is the year the whole text makes certain (:func:`text_year`), used for a date
    without its year when ``published`` is unknown.
    """
    end = len(text) if end is None else end
    pub = parse_published(published)
    if lang == "ru":
        pattern, resolve = _RU, _resolve_ru
    else:
        pattern, resolve = _EN, _resolve_en
    found: list[DateMention] = []
    for m in pattern.finditer(text, start, end):
        if lang != "ru" and m.group("on") and m.group("on").lower() == "since":
            continue
        found.append(DateMention(m.start(), m.end(), m.group(0), resolve(m, pub, year)))
    return found
