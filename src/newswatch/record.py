"""The one record that travels through the pipeline: :class:`Article` and its parts.

The JSON form (:meth:`Article.to_dict`) is a public contract, described in ``DESIGN.md``:
keys may be added, existing keys never change meaning.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ENTITY_TYPES",
    "QUOTE_KINDS",
    "Article",
    "Entity",
    "Mention",
    "Outlet",
    "Quote",
    "Speaker",
    "article_id",
    "normalise_for_id",
]

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "MEDIA")
QUOTE_KINDS = ("direct", "indirect", "partial")

_WS = re.compile(r"\s+")


def normalise_for_id(text: str) -> str:
    """Unicode NFKC, lower case, white space collapsed: the text an id is computed over."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text).lower()).strip()


def article_id(*, url: str | None, text: str) -> str:
    """The first 16 hex digits of SHA-256 over the canonical URL, else over the normalised text."""
    basis = url if url else normalise_for_id(text)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Outlet:
    """The publication an article came from."""

    name: str | None = None
    domain: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "domain": self.domain}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Outlet:
        return cls(name=data.get("name"), domain=data.get("domain"))


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of ``Article.text`` that names an entity (code-point offsets, end exclusive)."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(start=int(data["start"]), end=int(data["end"]), text=str(data["text"]))


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place, outlet... named in one article. ``id`` is local (e1, e2...)."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            type=str(data["type"]),
            aliases=tuple(data.get("aliases", ())),
            roles=tuple(data.get("roles", ())),
            mentions=tuple(Mention.from_dict(m) for m in data.get("mentions", ())),
        )


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who made a statement: a resolved entity, or an unnamed source (``entity`` is None)."""

    name: str
    entity: str | None = None
    mention: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "entity": self.entity,
            "mention": self.mention,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Speaker:
        return cls(
            name=str(data["name"]),
            entity=data.get("entity"),
            mention=data.get("mention"),
            start=data.get("start"),
            end=data.get("end"),
        )


@dataclass(frozen=True, slots=True)
class Quote:
    """A statement: ``direct`` (in quotation marks), ``indirect`` (reported) or ``partial``."""

    text: str
    kind: str
    start: int
    end: int
    speaker: Speaker | None = None
    cue: str | None = None
    date: str | None = None
    date_text: str | None = None
    via: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue,
            "date": self.date,
            "date_text": self.date_text,
            "via": list(self.via),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        speaker = data.get("speaker")
        return cls(
            text=str(data["text"]),
            kind=str(data["kind"]),
            start=int(data["start"]),
            end=int(data["end"]),
            speaker=Speaker.from_dict(speaker) if speaker else None,
            cue=data.get("cue"),
            date=data.get("date"),
            date_text=data.get("date_text"),
            via=tuple(data.get("via", ())),
        )


@dataclass(frozen=True, slots=True)
class Article:
    """A clean news article and what was found in it. Stages return new copies (``replace``)."""

    id: str
    text: str
    path: str | None = None
    url: str | None = None
    outlet: Outlet | None = None
    language: str | None = None
    title: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    boilerplate: tuple[str, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The public JSON form, keys in the order ``DESIGN.md`` gives them."""
        return {
            "id": self.id,
            "path": self.path,
            "url": self.url,
            "outlet": self.outlet.to_dict() if self.outlet else None,
            "language": self.language,
            "title": self.title,
            "published": self.published,
            "authors": list(self.authors),
            "text": self.text,
            "boilerplate": list(self.boilerplate),
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        outlet = data.get("outlet")
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            path=data.get("path"),
            url=data.get("url"),
            outlet=Outlet.from_dict(outlet) if outlet else None,
            language=data.get("language"),
            title=data.get("title"),
            published=data.get("published"),
            authors=tuple(data.get("authors", ())),
            boilerplate=tuple(data.get("boilerplate", ())),
            entities=tuple(Entity.from_dict(e) for e in data.get("entities", ())),
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", ())),
        )
