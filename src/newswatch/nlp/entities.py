"""Stage 4, entities: the people, organisations, places, outlets and events an article names.

:func:`find_entities` is the entry point: the language stage finds spans (``entities_en`` for
English, the default; ``entities_ru`` for Russian and Tajik Cyrillic text), and
:func:`newswatch.nlp.names.resolve` groups them into :class:`~newswatch.record.Entity` records
with local ids ``e1, e2, …`` in order of first mention. Never raises on bad input: text that is
empty, huge or not language at all gives what can be read from it, possibly nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newswatch.knowledge import Knowledge, load_knowledge
from newswatch.nlp.names import Found, resolve
from newswatch.record import Article, Entity

__all__ = ["MAX_CHARS", "add_entities", "find_entities", "person_gender"]

# Past this many characters only the beginning of a text is read: an article is far shorter,
# and a 5 MB "article" is a crawl accident that must not stall the pipeline.
MAX_CHARS = 100_000

_EN_SKIP = frozenset({"of", "for", "and", "the", "on", "in", "to", "&", "-", "at", "by"})
_RU_SKIP = frozenset({"о", "по", "и", "в", "на", "за", "при", "для", "-", "с", "об"})
_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)


def _english_heads(name: str) -> set[str]:
    return {w.casefold() for w in _WORDS.findall(name)}


def _russian_heads(name: str) -> set[str]:
    from newswatch.nlp.russian import lemma

    return {lemma(w) for w in _WORDS.findall(name)}


def find_entities(
    text: str, lang: str | None, *, knowledge: Knowledge | None = None
) -> tuple[Entity, ...]:
    """The entities of ``text`` in language ``lang`` (``"en"``, ``"ru"``, ``"tg"``; None: guessed
    from the script), each with its name, type, aliases, roles and mention spans."""
    if not text or not text.strip():
        return ()
    knowledge = knowledge or load_knowledge()
    text = text[:MAX_CHARS]
    if lang is None:
        lang = "ru" if _mostly_cyrillic(text) else "en"
    found: list[Found]
    if lang in ("ru", "tg", "uk", "be", "kk", "ky"):
        from newswatch.nlp import entities_ru
        from newswatch.nlp.russian import best_surname, surname_candidates

        found = entities_ru.find_russian(text, knowledge)
        return resolve(
            found,
            head_words=_russian_heads,
            surname_candidates=surname_candidates,
            best_surname=lambda forms: best_surname(forms),
            initials_skip=_RU_SKIP,
        )
    from newswatch.nlp import entities_en

    found = entities_en.find_english(text, knowledge)
    return resolve(found, head_words=_english_heads, initials_skip=_EN_SKIP)


def add_entities(article: Article, *, knowledge: Knowledge | None = None) -> Article:
    """The article with its ``entities`` filled in (a pipeline stage)."""
    return replace(
        article, entities=find_entities(article.text, article.language, knowledge=knowledge)
    )


def person_gender(entity: Entity, lang: str | None) -> str | None:
    """``"masc"``, ``"femn"`` or None: the gender a person's names tell, for pronoun resolution."""
    if entity.type != "PERSON":
        return None
    if lang in ("ru", "tg") or _mostly_cyrillic(entity.name):
        from newswatch.nlp.russian import first_name_nominative

        first = entity.name.split()[0] if entity.name else ""
        reading = first_name_nominative(first) if first else None
        if reading is not None and reading.gender is not None:
            return reading.gender
        last = entity.name.split()[-1].lower() if entity.name else ""
        if last.endswith(("ова", "ева", "ина", "ская", "цкая")):
            return "femn"
        if last.endswith(("ов", "ев", "ин", "ский", "цкий")):
            return "masc"
        return None
    for alias in (entity.name, *entity.aliases):
        lowered = alias.lower()
        if lowered.startswith(("mr.", "mr ")):
            return "masc"
        if lowered.startswith(("mrs.", "ms.", "mrs ", "ms ")):
            return "femn"
    last = entity.name.split()[-1].lower() if entity.name else ""
    if last.endswith(("ova", "eva", "ina", "kyzy", "skaya")):
        return "femn"
    if last.endswith(("ov", "ev", "in", "uly", "sky")):
        return "masc"
    return None


def _mostly_cyrillic(text: str) -> bool:
    sample = text[:2000]
    cyr = sum(1 for c in sample if "\u0400" <= c <= "\u04ff")
    lat = sum(1 for c in sample if c.isascii() and c.isalpha())
    return cyr > lat
