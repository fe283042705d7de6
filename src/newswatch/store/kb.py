"""One entity across the whole base: an article's entities resolved to knowledge-base ids.

Joined through the curated knowledge file, names and aliases in any script (``name_key`` /
``loose_key``), surnames with compatible first names or roles, and spelling variants (rapidfuzz).
Conservative: two people who share a surname stay apart unless first names or roles agree.
Merged ids keep resolving: ``merged_into`` points from the old id to the one that absorbed it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import Connection, and_, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from newswatch.record import Entity
from newswatch.resolve import loose_key, name_key, role_key, roles_agree, script_of_name
from newswatch.store.schema import article_entities, entities, entity_names, entity_roles, quotes

__all__ = ["EntityResolver", "KnowledgeLookup", "insert_ignore"]

#: name -> (knowledge id, canonical name, type) or None
KnowledgeLookup = Callable[[str], "tuple[str, str, str] | None"]

_PERSON = "PERSON"
_FUZZY_MIN = 90.0
_COMPATIBLE = {
    "ORG": {"ORG", "MEDIA"},
    "MEDIA": {"MEDIA", "ORG"},
    "GPE": {"GPE", "LOC"},
    "LOC": {"LOC", "GPE"},
}


def insert_ignore(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert rows, skipping those that would break a unique constraint."""
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(table).on_conflict_do_nothing(), rows)


def _first_names_agree(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:  # an initial
        return a[0] == b[0]
    return fuzz.ratio(a, b) >= 85.0


class EntityResolver:
    """Resolves entities on an open connection, inside the article's transaction."""

    def __init__(self, knowledge: KnowledgeLookup | None = None) -> None:
        self._knowledge = knowledge
        #: How many merges this resolver has made (the store re-reads ids only after one).
        self.merges = 0

    # -- lookups -------------------------------------------------------------------------
    @staticmethod
    def canonical(conn: Connection, entity_id: str) -> str:
        """Follow ``merged_into`` to the id that stands for the entity now."""
        seen = set()
        current = entity_id
        while current not in seen:
            seen.add(current)
            row = conn.execute(
                select(entities.c.merged_into).where(entities.c.id == current)
            ).first()
            if row is None or row[0] is None:
                return current
            current = row[0]
        return current

    def _fuzzy_candidates(self, conn: Connection, key: str, types: set[str]) -> list[str]:
        if len(key) < 5:
            return []
        low, high = key[:3], key[:3] + "\uffff"
        rows = conn.execute(
            select(entity_names.c.entity_id, entity_names.c.key)
            .join(entities, entities.c.id == entity_names.c.entity_id)
            .where(
                entity_names.c.key >= low,
                entity_names.c.key < high,
                entities.c.type.in_(sorted(types)),
                entities.c.merged_into.is_(None),
            )
            .limit(500)
        )
        return sorted({eid for eid, other in rows if fuzz.ratio(key, other) >= _FUZZY_MIN})

    # -- decisions -----------------------------------------------------------------------
    @staticmethod
    def _person_matches(
        entity: Entity, their_names: Iterable[str], their_roles: Iterable[str]
    ) -> bool:
        mine = [loose_key(n).split() for n in (entity.name, *entity.aliases)]
        theirs = [loose_key(n).split() for n in their_names]
        my_full = [t for t in mine if len(t) >= 2]
        their_full = [t for t in theirs if len(t) >= 2]
        my_roles = [role_key(r) for r in entity.roles]
        their_keys = [role_key(r) for r in their_roles]
        roles_match = any(roles_agree(a, b) for a in my_roles for b in their_keys)
        if my_full and their_full:
            # Both first names known: they decide (a shared role does not make two people one).
            for a in my_full:
                for b in their_full:
                    if a[-1] == b[-1] and _first_names_agree(a[0], b[0]):
                        return True
                    if fuzz.ratio(" ".join(a), " ".join(b)) >= _FUZZY_MIN:
                        return True
            return False
        # One side knows only a surname: join only when the roles agree.
        return roles_match

    def resolve(self, conn: Connection, entity: Entity, *, article_id: str) -> str:
        """The knowledge-base id of one entity (see :meth:`resolve_all`)."""
        return self.resolve_all(conn, [entity], article_id=article_id)[entity.id]

    def resolve_all(
        self, conn: Connection, ents: Sequence[Entity], *, article_id: str
    ) -> dict[str, str]:
        """The knowledge-base ids of an article's entities, creating or merging as needed.

        A handful of queries per article, whatever its number of entities: the candidates,
        their names and roles are read in bulk, decisions are made in memory, and new names and
        roles are written in one statement each.
        """
        merges_before = self.merges
        hits = {e.id: self._knowledge_hit([e.name, *e.aliases]) for e in ents}
        kids = sorted({h[0] for h in hits.values() if h is not None})
        live: dict[str, str | None] = {}
        if kids:
            live = {
                r[0]: r[1]
                for r in conn.execute(
                    select(entities.c.id, entities.c.merged_into).where(entities.c.id.in_(kids))
                )
            }
        # Candidate entities by name key, with their names and roles, read once.
        wanted: dict[str, set[str]] = {}
        for e in ents:
            if hits[e.id] is not None and e.type != _PERSON:
                continue
            keys = {loose_key(n) for n in (e.name, *e.aliases)} - {""}
            if e.type == _PERSON:
                keys |= {k.split()[-1] for k in keys}
            wanted[e.id] = keys
        by_key: dict[str, set[tuple[str, str]]] = defaultdict(set)
        all_keys = sorted(set().union(*wanted.values())) if wanted else []
        if all_keys:
            for eid, key, etype in conn.execute(
                select(entity_names.c.entity_id, entity_names.c.key, entities.c.type)
                .join(entities, entities.c.id == entity_names.c.entity_id)
                .where(entity_names.c.key.in_(all_keys), entities.c.merged_into.is_(None))
            ):
                by_key[key].add((eid, etype))
        names: dict[str, list[str]] = defaultdict(list)
        roles: dict[str, list[str]] = defaultdict(list)
        self._load_names_roles(
            conn, {eid for ids in by_key.values() for eid, _ in ids}, names, roles
        )
        result: dict[str, str] = {}
        pending_names: dict[str, list[str]] = defaultdict(list)
        pending_roles: dict[str, list[str]] = defaultdict(list)
        for e in ents:
            types = _COMPATIBLE.get(e.type, {e.type})
            found: list[str] = []
            hit = hits[e.id]
            if hit is not None:
                kid, canonical_name, ktype = hit
                if kid not in live:
                    self._create(conn, kid, canonical_name, ktype or e.type, knowledge_id=kid)
                    live[kid] = None
                    names[kid].append(canonical_name)
                found.append(self.canonical(conn, kid) if live[kid] else kid)
            if e.id in wanted:
                candidates = sorted(
                    {eid for k in wanted[e.id] for eid, t in by_key.get(k, ()) if t in types}
                )
                full = loose_key(e.name)
                if not candidates and (e.type != _PERSON or " " in full) and not found:
                    candidates = self._fuzzy_candidates(conn, full, types)
                    self._load_names_roles(conn, set(candidates) - set(names), names, roles)
                if e.type == _PERSON:
                    candidates = [
                        c for c in candidates if self._person_matches(e, names[c], roles[c])
                    ]
                    # A bare surname whose role fits several people joins none of them.
                    if len(candidates) > 1 and " " not in full:
                        candidates = []
                found += candidates
            found = list(dict.fromkeys(found))
            if not found:
                new_id = (
                    "n"
                    + hashlib.sha256(
                        f"{e.type}|{name_key(e.name)}|{article_id}".encode()
                    ).hexdigest()[:15]
                )
                self._create(conn, new_id, e.name, e.type)
                names[new_id].append(e.name)
                found = [new_id]
            target = self._oldest(conn, found) if len(found) > 1 else found[0]
            for other in found:
                if other != target:
                    self.merge(conn, other, into=target)
                    names[target] += names.pop(other, [])
                    roles[target] += roles.pop(other, [])
            # Later entities of this article can match what this one brought.
            for n in (e.name, *e.aliases):
                key = loose_key(n)
                if key:
                    by_key[key].add((target, e.type))
                    if e.type == _PERSON:
                        by_key[key.split()[-1]].add((target, e.type))
                if n.strip() and key and n not in names[target] and n not in pending_names[target]:
                    pending_names[target].append(n)
            for r in e.roles:
                if r.strip() and r not in roles[target] and r not in pending_roles[target]:
                    pending_roles[target].append(r)
            result[e.id] = target
        merged = self.merges != merges_before
        if merged:
            result = {k: self.canonical(conn, v) for k, v in result.items()}
        insert_ignore(
            conn,
            entity_names,
            [
                {
                    "entity_id": self.canonical(conn, t) if merged else t,
                    "name": n,
                    "key": loose_key(n),
                    "script": script_of_name(n),
                }
                for t, ns in pending_names.items()
                for n in ns
            ],
        )
        insert_ignore(
            conn,
            entity_roles,
            [
                {"entity_id": self.canonical(conn, t) if merged else t, "role": r}
                for t, rs in pending_roles.items()
                for r in rs
            ],
        )
        return result

    @staticmethod
    def _load_names_roles(
        conn: Connection,
        ids: set[str],
        names: dict[str, list[str]],
        roles: dict[str, list[str]],
    ) -> None:
        if not ids:
            return
        for eid, name in conn.execute(
            select(entity_names.c.entity_id, entity_names.c.name).where(
                entity_names.c.entity_id.in_(sorted(ids))
            )
        ):
            names[eid].append(name)
        for eid, role in conn.execute(
            select(entity_roles.c.entity_id, entity_roles.c.role).where(
                entity_roles.c.entity_id.in_(sorted(ids))
            )
        ):
            roles[eid].append(role)

    def _knowledge_hit(self, names: list[str]) -> tuple[str, str, str] | None:
        if self._knowledge is None:
            return None
        for name in names:
            hit = self._knowledge(name)
            if hit is not None:
                return hit
        return None

    @staticmethod
    def _oldest(conn: Connection, ids: list[str]) -> str:
        rows = conn.execute(
            select(entities.c.id, entities.c.knowledge_id, entities.c.created_at).where(
                entities.c.id.in_(ids)
            )
        ).all()
        # A curated entity absorbs the others; then the first seen.
        rows = sorted(rows, key=lambda r: (r[1] is None, r[2], r[0]))
        return str(rows[0][0])

    @staticmethod
    def _create(
        conn: Connection, entity_id: str, name: str, etype: str, *, knowledge_id: str | None = None
    ) -> None:
        conn.execute(
            insert(entities).values(
                id=entity_id,
                name=name,
                type=etype,
                knowledge_id=knowledge_id,
                created_at=datetime.now(UTC),
            )
        )
        insert_ignore(
            conn,
            entity_names,
            [
                {
                    "entity_id": entity_id,
                    "name": name,
                    "key": loose_key(name),
                    "script": script_of_name(name),
                }
            ],
        )

    def merge(self, conn: Connection, old: str, *, into: str) -> None:
        """Fold entity ``old`` into ``into``; ``old`` keeps resolving to ``into``."""
        self.merges += 1
        names = (
            conn.execute(select(entity_names).where(entity_names.c.entity_id == old))
            .mappings()
            .all()
        )
        insert_ignore(conn, entity_names, [{**dict(r), "entity_id": into} for r in names])
        conn.execute(delete(entity_names).where(entity_names.c.entity_id == old))
        roles = (
            conn.execute(select(entity_roles).where(entity_roles.c.entity_id == old))
            .mappings()
            .all()
        )
        insert_ignore(conn, entity_roles, [{**dict(r), "entity_id": into} for r in roles])
        conn.execute(delete(entity_roles).where(entity_roles.c.entity_id == old))
        conn.execute(
            update(article_entities)
            .where(article_entities.c.entity_id == old)
            .values(entity_id=into)
        )
        conn.execute(update(quotes).where(quotes.c.entity_id == old).values(entity_id=into))
        conn.execute(update(entities).where(entities.c.merged_into == old).values(merged_into=into))
        conn.execute(update(entities).where(and_(entities.c.id == old)).values(merged_into=into))
