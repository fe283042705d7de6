"""The curated knowledge file: countries, places, organisations, ministries and outlets.

``data/knowledge.json`` ships with the package and is written by us. Each entry has a stable
``id`` (``gpe:tj``, ``org:csto``, ``media:tass``), a ``type`` (one of
:data:`newswatch.record.ENTITY_TYPES`), names and acronyms in English, Russian and Tajik, and
optionally the entity it belongs to (``in``) and web domains. The entities stage uses it as a
gazetteer; the quotes stage looks outlets up by any of their names; the knowledge base (issue 4)
resolves entities across documents and languages through the same ids.

Lookups are by *key*: casefolded, ``ё`` read as ``е``, quotation marks, a leading "the" and
white space normalised, so ``"«Ховар»"``, ``"the Kremlin"`` and ``"RIA  Novosti"`` all find their
entry. Russian names are also found in any grammatical case (``"МИД Таджикистана"``,
``"Министерству иностранных дел Таджикистана"``) through their lemmas.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from newswatch.record import ENTITY_TYPES

__all__ = [
    "Knowledge",
    "KnowledgeError",
    "KnownEntity",
    "load_knowledge",
    "name_key",
]

LANGUAGES = ("en", "ru", "tg")

_QUOTES = re.compile(r"[\"'«»„“”‘’‹›`]")
_WS = re.compile(r"\s+")
_THE = re.compile(r"^the\s+")
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+|\S", re.UNICODE)


class KnowledgeError(ValueError):
    """The knowledge file is malformed."""


def name_key(name: str) -> str:
    """The form names are compared in: casefolded, ``ё``→``е``, no quotes, no leading "the"."""
    key = unicodedata.normalize("NFKC", name).casefold().replace("ё", "е")
    key = _QUOTES.sub(" ", key)
    key = _WS.sub(" ", key).strip(" .,;:")
    return _THE.sub("", key)


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """One curated entity: a stable id, a type and its names per language."""

    id: str
    type: str
    names: Mapping[str, tuple[str, ...]]
    acronyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    kind: str | None = None
    part_of: str | None = None
    domains: tuple[str, ...] = ()
    demonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The canonical name: the first English one (else the first of any language)."""
        for lang in LANGUAGES:
            if self.names.get(lang):
                return self.names[lang][0]
        return self.id

    def name_in(self, lang: str | None) -> str:
        """The first name in ``lang`` (``"ru"``: ``"Организация Договора о коллективной безопасности"``)."""
        found = self.names.get(lang or "en")
        return found[0] if found else self.name

    def all_names(self, lang: str | None = None) -> tuple[str, ...]:
        """Every name and acronym, in ``lang`` only when given, without repeats."""
        langs = (lang,) if lang else tuple(self.names) + tuple(self.acronyms)
        seen: dict[str, None] = {}
        for code in langs:
            for name in (*self.names.get(code, ()), *self.acronyms.get(code, ())):
                seen.setdefault(name, None)
        return tuple(seen)

    def all_acronyms(self, lang: str | None = None) -> tuple[str, ...]:
        langs = (lang,) if lang else tuple(self.acronyms)
        seen: dict[str, None] = {}
        for code in langs:
            for name in self.acronyms.get(code, ()):
                seen.setdefault(name, None)
        return tuple(seen)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KnowledgeError(f"{where}: expected a list of non-empty strings")
    return tuple(value)


def _by_language(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise KnowledgeError(f"{where}: expected an object keyed by language")
    return {lang: _strings(names, f"{where}.{lang}") for lang, names in value.items()}


def _entity(data: Any, index: int) -> KnownEntity:
    if not isinstance(data, dict):
        raise KnowledgeError(f"entities[{index}]: expected an object")
    ident = data.get("id")
    if not isinstance(ident, str) or ":" not in ident:
        raise KnowledgeError(f"entities[{index}]: id must look like 'org:csto', not {ident!r}")
    kind = data.get("type")
    if kind not in ENTITY_TYPES:
        raise KnowledgeError(f"{ident}: type {kind!r} is not one of {', '.join(ENTITY_TYPES)}")
    names = _by_language(data.get("names"), f"{ident}.names")
    if not names:
        raise KnowledgeError(f"{ident}: no names")
    return KnownEntity(
        id=ident,
        type=kind,
        names=names,
        acronyms=_by_language(data.get("acronyms"), f"{ident}.acronyms"),
        kind=data.get("kind"),
        part_of=data.get("in"),
        domains=_strings(data["domains"], f"{ident}.domains") if "domains" in data else (),
        demonyms=_by_language(data.get("demonyms"), f"{ident}.demonyms"),
    )


class Knowledge:
    """The curated entities, indexed by id, by name (any language) and by acronym."""

    def __init__(self, entities: tuple[KnownEntity, ...]) -> None:
        self.entities = entities
        self._by_id: dict[str, KnownEntity] = {}
        self._by_key: dict[str, list[KnownEntity]] = {}
        self._by_domain: dict[str, KnownEntity] = {}
        self._acronyms: dict[str, list[KnownEntity]] = {}
        self._lemma_index: dict[str, list[KnownEntity]] | None = None
        self._lookups: dict[tuple[str, tuple[str, ...]], KnownEntity | None] = {}
        for entity in entities:
            if entity.id in self._by_id:
                raise KnowledgeError(f"{entity.id}: id used twice")
            self._by_id[entity.id] = entity
            for name in (n for lang in entity.names for n in entity.names[lang]):
                bucket = self._by_key.setdefault(name_key(name), [])
                if entity not in bucket:
                    bucket.append(entity)
            for acronym in entity.all_acronyms():
                self._acronyms.setdefault(acronym, []).append(entity)
            for domain in entity.domains:
                self._by_domain[domain.lower()] = entity
        for entity in entities:
            if entity.part_of is not None and entity.part_of not in self._by_id:
                raise KnowledgeError(f"{entity.id}: 'in' names unknown id {entity.part_of!r}")

    def __len__(self) -> int:
        return len(self.entities)

    def __iter__(self) -> Iterator[KnownEntity]:
        return iter(self.entities)

    def get(self, ident: str) -> KnownEntity | None:
        """The entity with this id (``"org:csto"``), or None."""
        return self._by_id.get(ident)

    def lookup(self, name: str, *types: str) -> KnownEntity | None:
        """The entity one of whose names or acronyms is ``name``, in any language and case.

        With ``types``, only entities of those types are considered. Acronyms are matched
        exactly first (``"UN"`` is the United Nations, ``"un"`` is nothing); Russian names are
        also matched through their lemmas (``"МИД Таджикистана"`` in any case).
        """
        cache_key = (name, types)
        if cache_key in self._lookups:
            return self._lookups[cache_key]
        found = self._lookup(name, types)
        if len(self._lookups) >= 65536:
            self._lookups.clear()
        self._lookups[cache_key] = found
        return found

    def _lookup(self, name: str, types: tuple[str, ...]) -> KnownEntity | None:
        wanted = set(types)

        def pick(found: list[KnownEntity] | None) -> KnownEntity | None:
            for entity in found or ():
                if not wanted or entity.type in wanted:
                    return entity
            return None

        stripped = _QUOTES.sub("", name).strip()
        hit = pick(self._acronyms.get(stripped))
        if hit is None:
            key = name_key(name)
            if not key:
                return None
            hit = pick(self._by_key.get(key))
            if hit is None and _has_cyrillic(key):
                hit = pick(self.lemma_index().get(lemma_key(name)))
        return hit

    def outlet(self, name: str) -> KnownEntity | None:
        """A news outlet or agency (MEDIA) by any of its names: ``"RIA Novosti"``, ``"ТАСС"``."""
        found = self.lookup(name, "MEDIA")
        if found is None:
            trimmed = _OUTLET_WORDS.sub("", name_key(name)).strip()
            if trimmed and trimmed != name_key(name):
                found = self.lookup(trimmed, "MEDIA")
        return found

    def outlet_by_domain(self, host: str) -> KnownEntity | None:
        """The outlet whose web site is ``host`` (``"www.asiaplustj.info"``) or a parent of it."""
        parts = host.lower().strip(".").split(".")
        for i in range(len(parts) - 1):
            found = self._by_domain.get(".".join(parts[i:]))
            if found is not None:
                return found
        return None

    def organisation(self, name: str) -> KnownEntity | None:
        """An organisation (ORG) by name or acronym in any language: ``"CSTO"``, ``"ОДКБ"``."""
        return self.lookup(name, "ORG")

    def place(self, name: str) -> KnownEntity | None:
        """A country, region, city or other place (GPE, LOC, FAC)."""
        return self.lookup(name, "GPE", "LOC", "FAC")

    def acronyms(self) -> Mapping[str, list[KnownEntity]]:
        """Every acronym (exact letter case) and the entities it stands for."""
        return self._acronyms

    def lemma_index(self) -> dict[str, list[KnownEntity]]:
        """Russian and Tajik names by their lemma key (built on first use: it needs pymorphy3)."""
        if self._lemma_index is None:
            index: dict[str, list[KnownEntity]] = {}
            for entity in self.entities:
                for lang in ("ru", "tg"):
                    for name in entity.names.get(lang, ()):
                        if _has_cyrillic(name):
                            bucket = index.setdefault(lemma_key(name), [])
                            if entity not in bucket:
                                bucket.append(entity)
            self._lemma_index = index
        return self._lemma_index


_OUTLET_WORDS = re.compile(
    r"\b(news agency|information agency|agency|newspaper|news site|website|portal|tv channel|"
    r"radio|информационное агентство|информагентство|агентство|агентства|агентству|газета|"
    r"газеты|издание|издания|портал|портала|телеканал|телеканала|сайт|сайта|ниа|иа)\b"
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def lemma_key(name: str) -> str:
    """Each word of ``name`` in its dictionary form, for Russian names in any grammatical case."""
    from newswatch.nlp.russian import lemma

    words = _WORD.findall(name_key(name))
    return " ".join(lemma(w) if _has_cyrillic(w) else w for w in words)


def _parse(raw: bytes | str, where: str) -> Knowledge:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise KnowledgeError(f"{where}: not JSON ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        raise KnowledgeError(f"{where}: expected an object with an 'entities' list")
    return Knowledge(tuple(_entity(e, i) for i, e in enumerate(data["entities"])))


def read_knowledge(path: str | Path) -> Knowledge:
    """A knowledge file of the same format as the packaged one (not cached)."""
    return _parse(Path(path).read_bytes(), str(path))


@cache
def load_knowledge() -> Knowledge:
    """The knowledge file that ships with newswatch, read once per process."""
    raw = resources.files("newswatch").joinpath("data/knowledge.json").read_bytes()
    return _parse(raw, "newswatch/data/knowledge.json")
