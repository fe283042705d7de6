"""HTML pages: main text and metadata with trafilatura, then generic clean-up of its lines.

trafilatura finds the article (comments off, precision mode). A few rules, the same for every
site and each one measured (the ablation in ``docs/extraction.md``), work around it:

- *layout tables*: tables whose cells hold paragraphs, headings or tables are turned into plain
  blocks first, so that an old table-laid page does not come out as one glued table row;
- *fallback*: when precision mode returns almost nothing, trafilatura's recall mode is tried on
  the same tree and the longer text kept (precision mode sometimes settles on a reprint notice);
- *title*: the headline is taken out of a ``<title>`` that also names the site or section, and
  lines near the top that repeat it are dropped -- the headline is the ``title``, not ``text``;
- *related lists*: "Read more" / "Читайте также" headings go with the headlines listed under them;
- *furniture*: lines that are site furniture whatever the site -- share and print buttons,
  copyright and photo-credit lines, newsletter plugs, table rows of menu links, calendar and
  archive widgets, bare dates and times.

Lines dropped by these rules are returned as ``boilerplate``. Nothing here is keyed to a site,
a domain or a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document
from trafilatura.utils import load_html

from newswatch.extract import Extraction
from newswatch.record import Outlet

__all__ = ["HtmlOptions", "clean_lines", "extract_html", "split_lines"]


@dataclass(frozen=True, slots=True)
class HtmlOptions:
    """Which rules run. The defaults are the measured best; the others exist for the ablation."""

    favor_precision: bool = True
    fallback: bool = True
    drop_title_lines: bool = True
    drop_furniture: bool = True
    drop_related: bool = True
    unwrap_layout_tables: bool = True
    clean_title: bool = True


DEFAULT_OPTIONS = HtmlOptions()

# Precision mode returning fewer characters than this is retried in recall mode.
_FALLBACK_CHARS = 500
# Lines near the top that are checked against the headline.
_TITLE_WINDOW = 3

_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
# A line that is nothing but a date and/or a time: 17.01.2012 11:02, 2024-03-14, 18:51
_TIMESTAMP = re.compile(
    r"^[\s|—–-]*(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4})?[\s,|—–-]*"
    r"(?:\d{1,2}:\d{2}(?::\d{2})?)?[\s|—–-]*$"
)
# The rule under a table's head row, as trafilatura writes it: |---|---|
_TABLE_RULE = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+$")

# Whole lines that are page furniture in any news site (compared in lower case, after trimming
# punctuation at the ends). Kept short and generic: buttons, prompts and labels, not content.
_FURNITURE_LINES = frozenset(
    {
        # English
        "share",
        "share this",
        "share this article",
        "share this story",
        "share on facebook",
        "share on twitter",
        "tweet",
        "email",
        "print",
        "print this article",
        "comments",
        "comment",
        "leave a comment",
        "add a comment",
        "advertisement",
        "sponsored",
        "sponsored content",
        "subscribe",
        "sign up",
        "newsletter",
        "sign up for our newsletter",
        "follow us",
        "back to top",
        "related",
        "recommended",
        "tags",
        "topics",
        "more",
        "continue reading",
        "story continues below",
        "article continues below advertisement",
        # Russian
        "поделиться",
        "поделитесь",
        "печать",
        "версия для печати",
        "распечатать",
        "обсудить",
        "комментарии",
        "комментировать",
        "оставить комментарий",
        "отправить комментарий",
        "добавить комментарий",
        "ваше мнение",
        "реклама",
        "подписаться",
        "подпишитесь",
        "мобильная версия",
        "порекомендовать другу",
        "в статье",
        "теги",
        "метки",
        "рубрики",
        "наверх",
        "подробнее",
        "все новости",
        "новости",
        "читать дальше",
        "читать далее",
        "читать новость",
        "смотреть",
        "версия для pda",
        "архив",
        "авторизация",
        "read more",
        "read full story",
        "tell us what you think",
    }
)

# Line openings that mark furniture whatever follows (a button, a prompt, a credit).
_FURNITURE_START = re.compile(
    r"^(?:©|\(c\)\s|copyright\b|all rights reserved|все права защищены|"
    r"при (?:использовании|перепечатке|цитировании)|"
    r"(?:photo|image|picture|фото|фотография|иллюстрация)\s*(?:credit)?\s*(?::|—|-|©)|"
    r"(?:поделитесь|присоединяйтесь к нам|подписывайтесь на нас|follow us on|"
    r"sign up for|subscribe to (?:our|the)|like this story|have a tip\b|"
    r"updated(?: at| on)?\s*\d|обновлено:?\s*\d|"
    r"нашли (?:опечатку|ошибку)|зарегистрируйтесь или войдите|выделите (?:любой фрагмент|её|ее)|"
    r"постоянный адрес (?:статьи|новости|материала)|адрес редакции|учредитель\b|"
    r"размещение рекламы|оцените,? пожалуйста|"
    r"добавлено:|источник:\s*$))",
    re.I,
)
# A newsletter or subscription plug, wherever in a short line.
_PROMO = re.compile(
    r"\b(?:sign up|subscribe)\b.*\bnewsletters?\b|\bnewsletters?\b.*\b(?:sign up|subscribe)\b",
    re.I,
)
# Archive and calendar widgets: a month name or a year alone; a row of day numbers.
_ARCHIVE_WORD = re.compile(
    r"^(?:(?:19|20)\d\d|январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|"
    r"ноябрь|декабрь|january|february|march|april|may|june|july|august|september|october|"
    r"november|december)$",
    re.I,
)
_CALENDAR_CELL = re.compile(
    r"^(?:\d{1,2}|пн|вт|ср|чт|пт|сб|вс|mo|tu|we|th|fr|sa|su|mon|tue|wed|thu|fri|sat|sun)?$",
    re.I,
)

# A heading after which a list of other stories follows: the heading and that list go.
_RELATED_HEADING = re.compile(
    r"^(?:read (?:more|also|next)|see (?:also|more)|related(?: articles| stories| news| coverage)?|"
    r"more (?:from|on|stories|news)\b.*|recommended(?: for you)?|most (?:read|popular|shared)|"
    r"you (?:may|might) (?:also )?like|don'?t miss|trending(?: now)?|top stories|"
    r"читайте (?:также|еще|ещё|в разделе.*|по теме)|смотрите также|см\. также|"
    r"(?:новости|ссылки|также|больше|ещё|еще|материалы) по теме|по теме|ранее на тему.*|"
    r"другие новости.*|последние новости.*|самые популярные.*|популярные новости.*|"
    r"самое (?:читаемое|популярное)|популярное|похожие (?:новости|статьи))"
    r"\s*[:.]?$",
    re.I,
)
# A heading is short: a sentence that happens to open with "Самые популярные" is not one.
_HEADING_WORDS = 8
# A one-line plug for another story: "READ MORE: ...", "Related: ...", "Also on site.com ...".
_RELATED_INLINE = re.compile(
    r"^(?:(?:read (?:more|also)|see (?:more|also)|related|читайте (?:также|еще|ещё)|"
    r"смотрите также)\s*:|also on [\w.-]+\.\w+)\s*\S",
    re.I,
)
# A line of such a list: a bullet item, or a short line without a sentence's end.
_LIST_ITEM = re.compile(r"^[-–—•*·]\s+")
_SENTENCE_END = re.compile(r"[.!?…»\"”]\s*$")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _is_table_menu_row(line: str) -> bool:
    """A table row (as trafilatura writes one) of at most three short labels and no figures.

    Layout tables of old sites come out as rows like ``| Print | Discuss | Mobile version |``;
    a data table has figures in its rows, and its header row has more columns.
    """
    if not line.startswith("|") or _DIGIT.search(line):
        return False
    cells = [cell for cell in _cells(line) if cell]
    return len(cells) <= 3 and all(len(_words(cell)) <= 4 for cell in cells)


def _next_worded(lines: list[str]) -> list[str]:
    """For each line, the next line after it that has a word in it (or "")."""
    following: list[str] = []
    upcoming = ""
    for line in reversed(lines):
        following.append(upcoming)
        if _WORD.search(line):
            upcoming = line
    return following[::-1]


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _is_table_header(line: str, after: str) -> bool:
    """A table row followed by a row of as many cells with figures in it: a data table's head."""
    return (
        line.startswith("|")
        and after.startswith("|")
        and bool(_DIGIT.search(after))
        and len(_cells(line)) == len(_cells(after))
    )


def _is_furniture(line: str) -> bool:
    if not _WORD.search(line) or _TIMESTAMP.match(line):
        return True  # separators, stray punctuation, a bare date or time
    if _is_label(line) or all(_is_label(part) for part in line.split(" | ")):
        return True
    if len(_words(line)) <= 25 and _FURNITURE_START.match(line.lstrip("| \t")):
        return True
    if len(_words(line)) <= 40 and _PROMO.search(line):
        return True
    return _is_table_menu_row(line) or _is_calendar_row(line)


def _is_label(text: str) -> bool:
    bare = text.strip(" \t|:;,.!?-–—•*·»«\"'()[]").lower()
    return bare in _FURNITURE_LINES or bool(_ARCHIVE_WORD.match(bare))


def _is_calendar_row(line: str) -> bool:
    """A row of a calendar widget: day numbers and weekday names, five cells or more."""
    cells = _cells(line) if line.startswith("|") else []
    return len(cells) >= 5 and all(_CALENDAR_CELL.match(cell) for cell in cells)


def _drop_related(lines: list[str]) -> list[str]:
    """Drop "Read more"-style headings with the run of headline-like lines under each."""
    kept: list[str] = []
    skipping = False
    for line in lines:
        bare = line.strip(" \t|")
        size = len(_words(bare))
        if (_RELATED_HEADING.match(bare) and size <= _HEADING_WORDS) or (
            _RELATED_INLINE.match(bare) and size <= 30
        ):
            skipping = True
            continue
        if skipping and (
            _LIST_ITEM.match(line) or (len(_words(line)) <= 20 and not _SENTENCE_END.search(line))
        ):
            continue
        skipping = False
        kept.append(line)
    return kept


def _drop_title(lines: list[str], title: str | None) -> list[str]:
    """Drop lines near the top that repeat the headline (or are the headline cut short)."""
    head = _words(title or "")
    if not head:
        return lines
    kept = []
    for index, line in enumerate(lines):
        words = _words(line)
        if (
            index < _TITLE_WINDOW
            and words
            and (words == head or (len(words) >= 3 and head[: len(words)] == words))
        ):
            continue
        kept.append(line)
    return kept


def split_lines(
    text: str, *, title: str | None = None, options: HtmlOptions = DEFAULT_OPTIONS
) -> tuple[list[str], list[str]]:
    """trafilatura's text split into the article's lines and the furniture lines dropped."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    kept = lines
    if options.drop_title_lines:
        kept = _drop_title(kept, title)
    if options.drop_related:
        kept = _drop_related(kept)
    if options.drop_furniture:
        kept = [
            line
            for line, after in zip(kept, _next_worded(kept), strict=True)
            if _TABLE_RULE.match(line) or not _is_furniture(line) or _is_table_header(line, after)
        ]
    remaining = iter(kept)
    upcoming = next(remaining, None)
    dropped = []
    for line in lines:
        if line == upcoming:
            upcoming = next(remaining, None)
        elif _WORD.search(line):
            dropped.append(line)
    return kept, dropped


def clean_lines(
    text: str, *, title: str | None = None, options: HtmlOptions = DEFAULT_OPTIONS
) -> str:
    """trafilatura's text as newswatch's: one paragraph per line, furniture and headline dropped."""
    return "\n".join(split_lines(text, title=title, options=options)[0])


# A table cell holding paragraphs, headings or another table is page layout, not data.
_LAYOUT_CELL = "./td[.//p or .//h1 or .//h2 or .//h3 or .//table] | ./th[.//p or .//table]"
_OWN_ROWS = "./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"


def _unwrap_layout_tables(tree: HtmlElement) -> None:
    """Turn layout tables (cells holding paragraphs, headings or tables) into plain blocks.

    Old news sites lay the whole page out in tables; trafilatura then reads the article cell as one
    table row and glues its paragraphs together. A data table keeps its markup.
    """
    for table in reversed(list(tree.iter("table"))):
        rows = table.xpath(_OWN_ROWS)
        if not any(row.xpath(_LAYOUT_CELL) for row in rows):
            continue
        for row in rows:
            for cell in row.xpath("./td | ./th"):
                cell.tag = "div"
            row.tag = "div"
        for part in table.xpath("./thead | ./tbody | ./tfoot"):
            part.tag = "div"
        table.tag = "div"


def _parse(html: str, options: HtmlOptions) -> HtmlElement | None:
    tree = load_html(html)
    if tree is not None and options.unwrap_layout_tables:
        _unwrap_layout_tables(tree)
    return tree


def _bare(
    html: HtmlElement, url: str | None, *, precision: bool, metadata: bool
) -> Document | None:
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        favor_precision=precision,
        with_metadata=metadata,
    )
    return doc if isinstance(doc, Document) else None


# Separators between a headline and the site's name or section in a <title>.
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||::|—|–|-|/|»|·)\s+")


def _clean_title(title: str | None, tree: HtmlElement, sitename: str | None) -> str | None:
    """The headline out of a page title that also names the site or the section.

    The part of ``Headline | Section - Site`` that is the page's own heading (an ``h1`` or
    ``h2``) is kept; failing that, a part that is the site's name is dropped.
    """
    if not title:
        return None
    parts = [part for part in _TITLE_SEPARATOR.split(title) if _WORD.search(part)]
    if len(parts) < 2:
        # trafilatura may have taken one part of the <title>: look at the whole of it.
        element = tree.find(".//head/title")
        whole = " ".join(element.text_content().split()) if element is not None else ""
        parts = [part for part in _TITLE_SEPARATOR.split(whole) if _WORD.search(part)]
        if len(parts) < 2 or title not in parts:
            return title
    headings = {tuple(_words(" ".join(h.text_content().split()))) for h in tree.iter("h1", "h2")}
    for part in parts:
        if tuple(_words(part)) in headings:
            return part
    site = _words(sitename or "")
    if site:
        rest = [part for part in parts if _words(part) != site]
        if rest and len(rest) < len(parts):
            return " - ".join(rest)
    return title


def _outlet(doc: Document, page_url: str | None) -> Outlet | None:
    domain = doc.hostname or (urlsplit(page_url).hostname if page_url else None)
    if domain and domain.startswith("www."):
        domain = domain[4:]
    name = (doc.sitename or "").strip() or None
    return Outlet(name=name, domain=domain) if (name or domain) else None


def extract_html(
    html: str, *, url: str | None = None, options: HtmlOptions = DEFAULT_OPTIONS
) -> Extraction:
    """The article in an HTML page. A page with no article gives empty ``text``."""
    tree = _parse(html, options)
    doc = (
        None if tree is None else _bare(tree, url, precision=options.favor_precision, metadata=True)
    )
    if tree is None or doc is None:
        return Extraction(text="", url=url)
    raw = doc.text or ""
    if options.fallback and options.favor_precision and len(raw) < _FALLBACK_CHARS:
        wider = _bare(tree, url, precision=False, metadata=False)
        if wider is not None and len(wider.text or "") > len(raw):
            raw = wider.text or ""
    title = " ".join((doc.title or "").split()) or None
    if options.clean_title:
        title = _clean_title(title, tree, doc.sitename)
    page_url = doc.url or url
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    kept, dropped = split_lines(raw, title=title, options=options)
    return Extraction(
        text="\n".join(kept),
        boilerplate=tuple(dropped),
        title=title,
        published=doc.date or None,
        authors=authors,
        outlet=_outlet(doc, page_url),
        url=page_url,
    )
