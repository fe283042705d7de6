"""The outlets a statement came through: ``cited by RIA Novosti``, ``передает ТАСС``.

A chain is ordered nearest to the speaker first: ``RIA Novosti reported, citing Sputnik`` gives
``["Sputnik", "RIA Novosti"]``. Names are taken as the text gives them and canonicalised to the
outlet's usual name when the knowledge file knows it (``OutletNames``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from newswatch.nlp.lexicon import speech_en, speech_ru
from newswatch.nlp.lexicon.en import MONTHS_AND_DAYS

__all__ = ["OutletNames", "ViaMention", "find_via", "is_domain", "outlet_like"]

#: Maps a name as written to the outlet's usual name, or None when it is not a known outlet.
OutletNames = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class ViaMention:
    """An outlet named as carrying statements; ``rank`` 0 is nearest to the speaker."""

    start: int
    end: int
    name: str
    rank: int


# An outlet's name as written: capitalised words, acronyms, domains (24.kg, Kun.uz), «Ховар».
_NAME = (
    r"(?:«[^«»\n]{1,60}»"
    r"|(?:[A-ZА-ЯЁ0-9][\w.&'’-]*[\w]|[A-ZА-ЯЁ0-9])(?:[ \t]+(?:[A-ZА-ЯЁ0-9][\w.&'’-]*[\w]|[A-ZА-ЯЁ]))*"
    r"|\d+\.[a-z]{2,4})"
)
_THE = r"(?:the\s+)?"
_MEDIA_EN = "|".join(w.replace(" ", r"\s+") for w in speech_en.MEDIA_WORDS)
_MEDIA_SUFFIX_EN = rf"(?:\s+(?:{_MEDIA_EN}))?"
_EN_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    # citing X / according to X / cited by X: the outlet nearest the speaker
    (re.compile(rf"\b(?:citing|quoting)\s+{_THE}(?P<name>{_NAME}){_MEDIA_SUFFIX_EN}"), 0),
    (
        re.compile(
            rf"\b(?:cited|quoted)(?:\s+as\s+saying)?\s+by\s+{_THE}(?P<name>{_NAME}){_MEDIA_SUFFIX_EN}"
        ),
        1,
    ),
    (
        re.compile(
            rf"\b(?:[Aa]ccording\s+to|[Tt]old|[Ii]n\s+an\s+interview\s+with|[Ss]peaking\s+to|"
            rf"[Ii]n\s+comments\s+to|[Rr]eported\s+by|(?:carried|published|broadcast|aired)\s+by)"
            rf"\s+{_THE}(?P<name>{_NAME}){_MEDIA_SUFFIX_EN}"
        ),
        1,
    ),
    (
        re.compile(
            rf"(?:^|[,;—–-][”\"»’']?\s*|\.[”\"»’']?\s+){_THE}(?P<name>{_NAME}){_MEDIA_SUFFIX_EN}\s+"
            rf"(?:reports|reported|writes|wrote|informs|informed)\b"
        ),
        2,
    ),
    (re.compile(rf",\s+(?:reports|reported|writes)\s+{_THE}(?P<name>{_NAME})"), 2),
)
_MEDIA_RU = "|".join(speech_ru.MEDIA_WORDS)
_MEDIA_WORD_RU = rf"(?:(?i:{_MEDIA_RU})\s+)"
# "передает корреспондент НИАТ «Ховар»", "сообщает ИА «Кабар»": a reporter and the agency's kind
_REPORTER_RU = (
    r"(?:(?i:(?:собственный\s+|специальный\s+)?корреспондент(?:ы)?)\s+)?"
    r"(?:(?:НИАТ|ИА|МИА|ИИА|НИА|ИАЦ)\s+)?"
)
_RU_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"(?i:со\s+ссылкой\s+на)\s+{_MEDIA_WORD_RU}?(?P<name>{_NAME})"), 0),
    # "цитирует Шарипова агентство «Азия-Плюс»": the outlet after its media word
    (
        re.compile(
            rf"(?i:цитирует|цитируют|приводит\s+слова|приводят\s+слова)\s+"
            rf"(?:[^\s«»,.;:!?]+\s+){{1,6}}?{_MEDIA_WORD_RU}(?P<name>{_NAME})"
        ),
        1,
    ),
    (
        re.compile(
            rf"(?i:передает|передаёт|сообщает|пишет|информирует|"
            rf"передало|сообщило|написало)\s+{_REPORTER_RU}{_MEDIA_WORD_RU}?(?P<name>{_NAME})"
        ),
        1,
    ),
    # "слова которого приводит Kun.uz", "привел и «Интерфакс»": only a name surely an outlet
    (
        re.compile(
            rf"(?i:цитирует|цитируют|привел[аио]?|приводит|приводят)\s+"
            rf"(?:(?i:и|также|затем)\s+)?{_MEDIA_WORD_RU}?(?P<sure>{_NAME})"
        ),
        1,
    ),
    # "приводит слова замминистра Виктора Лебедева ТАСС": the outlet ends the run of names;
    # "приводит его слова РИА Новости": a possessive before the words
    (
        re.compile(
            rf"(?i:приводит|приводят|привело|привел[аи]?)\s+(?:(?i:его|её|ее|их)\s+)?(?i:слова)\s+"
            rf"(?:[^\s«»,.;:!?]+\s+){{0,8}}?(?P<name>{_NAME})"
        ),
        1,
    ),
    (
        re.compile(
            rf"(?i:в\s+интервью|в\s+беседе\s+с|в\s+эфире|в\s+комментарии|в\s+разговоре\s+с)"
            rf"(?:\s+[а-яё-]+){{0,3}}\s+(?P<name>{_NAME})"
        ),
        1,
    ),
)
# "сообщил Sputnik, что…", "сказал «Интерфаксу»": an outlet (dative) right after a speech verb,
# taken only when it is surely an outlet (see ``_sure_outlet``).
_RU_TOLD = re.compile(
    rf"(?<![\w-])(?i:{'|'.join(speech_ru.TOLD_VERBS)})(?![\w-])"
    rf"(?P<words>(?:\s+[^\s«»,.;:!?—]+){{0,5}}?)\s+(?P<name>{_NAME})"
)
# "В министерстве ТАСС сообщили, что…": the outlet spoken to (dative) before a plural cue of an
# organisation, taken only when it is surely an outlet.
_RU_TOLD_BEFORE = re.compile(
    rf"(?P<name>{_NAME})\s+(?i:{'|'.join(speech_ru.TOLD_PLURAL)})(?![\w-])"
)
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")

_LOWER_ORG_EN = frozenset(speech_en.ORG_NOUNS) | frozenset(speech_en.STATEMENT_NOUNS)
_NOT_OUTLET = frozenset(
    {"he", "she", "they", "it", "we", "i", "mr", "ms", "mrs", "dr", "он", "она", "они", "это"}
)
_DOMAIN = re.compile(r"^\w[\w-]*\.(?:kg|uz|ru|tj|kz|com|net|org|info|tv|am|az|ge|by|ua|news)$")
_MONTHS_DAYS = MONTHS_AND_DAYS


def is_domain(name: str) -> bool:
    """A news site's domain (``24.kg``, ``Kapital.kz``): an outlet whatever else it is called."""
    return bool(_DOMAIN.match(_clean(name).lower()))


def _clean(name: str) -> str:
    name = name.strip(" \t,.;:")
    if name.startswith("«") and name.endswith("»"):
        name = name[1:-1].strip()
    return name


def outlet_like(name: str, outlet_names: OutletNames | None = None) -> str | None:
    """The outlet's usual name when ``name`` names an outlet, else None.

    Known to the knowledge file: its usual name. Otherwise a name that reads like an outlet
    (a domain, an agency's name with a media word) is taken as written; a common noun, a
    pronoun or a calendar word is not.
    """
    name = _clean(name)
    if not name or len(name) > 60:
        return None
    if outlet_names is not None:
        known = outlet_names(name)
        if known:
            return known
    low = name.lower()
    first = low.split()[0]
    if first in _NOT_OUTLET or first.rstrip(".") in _NOT_OUTLET or first in _MONTHS_DAYS:
        return None
    if any(low == w or low.endswith(" " + w) for w in _LOWER_ORG_EN):
        return None
    return name


def _patterns(lang: str | None) -> tuple[tuple[re.Pattern[str], int], ...]:
    return _RU_PATTERNS if lang == "ru" else _EN_PATTERNS


def _sure_outlet(name: str, outlet_names: OutletNames | None) -> str | None:
    """An outlet's name only when it surely is one: known, in «…», a domain, or Latin script."""
    clean = _clean(name)
    if outlet_names is not None:
        known = outlet_names(clean)
        if known:
            return known
    if name.strip().startswith("«") or _DOMAIN.match(clean.lower()):
        return outlet_like(clean)
    if _LATIN.search(clean) and not _CYRILLIC.search(clean):
        return outlet_like(clean)
    return None


def _known_tail(
    raw: str, start: int, outlet_names: OutletNames | None, *, sure: bool
) -> tuple[int, str] | None:
    """The longest run of last words of ``raw`` that surely names an outlet, with its offset.

    ``приводит слова Сыдыкова РИА Новости``: the names run together, the outlet ends the run.
    Unless ``sure``, the last word is taken when no run of last words is a known outlet.
    """
    words = list(re.finditer(r"«[^«»]*»|\S+", raw))
    for w in words:
        name = _sure_outlet(raw[w.start() :], outlet_names)
        if name is not None:
            return start + w.start(), name
    if sure or not words:
        return None
    name = outlet_like(words[-1].group(0), outlet_names)
    return (start + words[-1].start(), name) if name is not None else None


def find_via(
    text: str,
    lang: str | None,
    *,
    start: int = 0,
    end: int | None = None,
    outlet_names: OutletNames | None = None,
    exclude: Iterable[tuple[int, int]] = (),
    is_outlet: Callable[[int, int, str], bool] | None = None,
) -> list[ViaMention]:
    """Outlets named in ``text[start:end]`` as carrying statements, nearest to the speaker first.

    ``exclude`` are spans (quotations) whose words are not searched. ``is_outlet(start, end,
    name)`` may veto a name (an entity of another type at that place).
    """
    end = len(text) if end is None else end
    blocked = [(a, b) for a, b in exclude if a < end and b > start]
    found: list[ViaMention] = []
    seen: set[str] = set()

    def keep(a: int, b: int, name: str | None, rank: int) -> None:
        if name is None or any(x <= a < y for x, y in blocked):
            return
        if is_outlet is not None and not is_outlet(a, b, name):
            return
        if name.lower() in seen:
            return
        seen.add(name.lower())
        found.append(ViaMention(a, b, name, rank))

    for pattern, rank in _patterns(lang):
        for m in pattern.finditer(text, start, end):
            if "sure" in pattern.groupindex:
                a, b = m.span("sure")
                keep(a, b, _sure_outlet(m.group("sure"), outlet_names), rank)
                continue
            a, b = m.span("name")
            raw = m.group("name")
            if lang == "ru" and len(raw.split()) > 1:
                # "приводит слова Лаврова ТАСС": the outlet is the last names of the run;
                # after "со ссылкой на" only a sure one ("со ссылкой на МВД России": no outlet).
                got = _known_tail(raw, a, outlet_names, sure=rank == 0)
                if got is not None:
                    keep(got[0], b, got[1], rank)
                continue
            if lang == "ru" and rank == 0:
                # "со ссылкой на Бюро национальной статистики": one word of a body, no outlet
                keep(a, b, _sure_outlet(raw, outlet_names), rank)
                continue
            keep(a, b, outlet_like(raw, outlet_names), rank)
    if lang == "ru":
        for m in _RU_TOLD.finditer(text, start, end):
            runs = re.finditer(_NAME, text[m.start("name") : min(end, m.end() + 40)])
            for _i, run in zip(range(2), runs, strict=False):
                a = m.start("name") + run.start()
                got = _known_tail(run.group(0), a, outlet_names, sure=True)
                if got is not None:
                    keep(got[0], a + len(run.group(0)), got[1], 1)
                    break
        for m in _RU_TOLD_BEFORE.finditer(text, start, end):
            got = _known_tail(m.group("name"), m.start("name"), outlet_names, sure=True)
            if got is not None:
                keep(got[0], m.end("name"), got[1], 1)
    found.sort(key=lambda v: (v.rank, v.start))
    return found


def chain(mentions: Iterable[ViaMention]) -> tuple[str, ...]:
    """The names of a chain in order, each once."""
    out: list[str] = []
    for m in sorted(mentions, key=lambda v: (v.rank, v.start)):
        if m.name not in out:
            out.append(m.name)
    return tuple(out)


# The Russian lexicon is data for the patterns above; kept imported so the two stay in step.
_ = speech_ru.VIA_AFTER
