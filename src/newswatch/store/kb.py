"""One entity across the whole base: an article's entities resolved to knowledge-base ids.

Joined through the curated knowledge file, names and aliases in any script (``name_key`` /
``loose_key``), surnames with compatible first names or roles, and spelling variants (rapidfuzz).
Conservative: two people who share a surname stay apart unless first names or roles agree.
Merged ids keep resolving: ``merged_into`` points from the old id to the one that absorbed it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
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

    @staticmethod
    def _names(conn: Connection, entity_id: str) -> list[str]:
        return [
            r[0]
            for r in conn.execute(
                select(entity_names.c.name).where(entity_names.c.entity_id == entity_id)
            )
        ]

    @staticmethod
    def _roles(conn: Connection, entity_id: str) -> list[str]:
        return [
            r[0]
            for r in conn.execute(
                select(entity_roles.c.role).where(entity_roles.c.entity_id == entity_id)
            )
        ]

    def _candidates_by_keys(
        self, conn: Connection, keys: Iterable[str], types: set[str]
    ) -> list[str]:
        keys = sorted(set(k for k in keys if k))
        if not keys:
            return []
        rows = conn.execute(
            select(entity_names.c.entity_id)
            .join(entities, entities.c.id == entity_names.c.entity_id)
            .where(
                entity_names.c.key.in_(keys),
                entities.c.type.in_(sorted(types)),
                entities.c.merged_into.is_(None),
            )
            .distinct()
        )
        return [r[0] for r in rows]

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
    def _person_matches(self, conn: Connection, entity: Entity, candidate: str) -> bool:
        mine = [loose_key(n).split() for n in (entity.name, *entity.aliases)]
        theirs = [loose_key(n).split() for n in self._names(conn, candidate)]
        my_full = [t for t in mine if len(t) >= 2]
        their_full = [t for t in theirs if len(t) >= 2]
        my_roles = [role_key(r) for r in entity.roles]
        their_roles = [role_key(r) for r in self._roles(conn, candidate)]
        roles_match = any(roles_agree(a, b) for a in my_roles for b in their_roles)
        if my_full and their_full:
            for a in my_full:
                for b in their_full:
                    if a[-1] == b[-1] and _first_names_agree(a[0], b[0]):
                        return True
                    if a[-1] == b[-1] and roles_match:
                        return True
                    if (
                        " ".join(a) == " ".join(b)
                        or fuzz.ratio(" ".join(a), " ".join(b)) >= _FUZZY_MIN
                    ):
                        return True
            return False
        # One side knows only a surname: join only when the roles agree.
        return roles_match

    def resolve(self, conn: Connection, entity: Entity, *, article_id: str) -> str:
        """The knowledge-base id of ``entity``, creating or merging entities as needed."""
        names = [entity.name, *entity.aliases]
        types = _COMPATIBLE.get(entity.type, {entity.type})
        found: list[str] = []
        known = self._knowledge_hit(names)
        if known is not None:
            kid, canonical_name, ktype = known
            existing = conn.execute(select(entities.c.id).where(entities.c.id == kid)).first()
            if existing is None:
                self._create(
                    conn, kid, canonical_name, ktype if ktype else entity.type, knowledge_id=kid
                )
            found.append(self.canonical(conn, kid) if existing is not None else kid)
        if entity.type == _PERSON:
            keys = {loose_key(n) for n in names}
            keys |= {k.split()[-1] for k in list(keys) if k}
            candidates = self._candidates_by_keys(conn, keys, types)
            full = loose_key(entity.name)
            if not candidates and " " in full:
                candidates = self._fuzzy_candidates(conn, full, types)
            found += [c for c in candidates if self._person_matches(conn, entity, c)]
        elif not found:
            keys = {loose_key(n) for n in names}
            found += self._candidates_by_keys(conn, keys, types)
            if not found:
                found += self._fuzzy_candidates(conn, loose_key(entity.name), types)
        # Candidates are live entities already; only the curated id may have been merged away.
        found = list(dict.fromkeys(found))
        if not found:
            new_id = (
                "n"
                + hashlib.sha256(
                    f"{entity.type}|{name_key(entity.name)}|{article_id}".encode()
                ).hexdigest()[:15]
            )
            self._create(conn, new_id, entity.name, entity.type)
            found = [new_id]
        target = self._oldest(conn, found) if len(found) > 1 else found[0]
        for other in found:
            if other != target:
                self.merge(conn, other, into=target)
        self._add_names(conn, target, names, entity.roles)
        return target

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

    def _add_names(
        self, conn: Connection, entity_id: str, names: Iterable[str], roles: Iterable[str]
    ) -> None:
        """Record the names and roles of ``entity_id`` not recorded yet (reads first: most are)."""
        new_names = [n for n in dict.fromkeys(names) if n.strip() and loose_key(n)]
        if new_names:
            known = set(self._names(conn, entity_id))
            rows = [
                {
                    "entity_id": entity_id,
                    "name": n,
                    "key": loose_key(n),
                    "script": script_of_name(n),
                }
                for n in new_names
                if n not in known
            ]
            insert_ignore(conn, entity_names, rows)
        new_roles = [r for r in dict.fromkeys(roles) if r.strip()]
        if new_roles:
            known_roles = set(self._roles(conn, entity_id))
            insert_ignore(
                conn,
                entity_roles,
                [{"entity_id": entity_id, "role": r} for r in new_roles if r not in known_roles],
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
