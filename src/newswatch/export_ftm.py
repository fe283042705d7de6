"""The knowledge base as FollowTheMoney entities, for Aleph (``newswatch export --format ftm``).

Needs the optional extra ``newswatch[ftm]`` (the ``followthemoney`` package, which builds pyicu
against Debian's ``libicu-dev``). One FtM entity dict per yielded item; the CLI writes one JSON
object per line, which ``ftm`` and Aleph (``alephclient write-entities``) load as they are.

How our records map onto FtM schemata, and why:

- article → ``Article`` (title, publishedAt, sourceUrl, bodyText, language, publisher, author):
  the FtM document type for a published text.
- PERSON → ``Person`` (name, alias with every name in every script, position with the roles).
- ORG → ``Organization``. MEDIA → ``Organization`` too, with ``classification`` "media": an
  outlet is not necessarily a state body (``PublicBody``), and Aleph has no schema for outlets.
- GPE, LOC, FAC → ``Address`` (``full`` = the place name): FtM models places only as addresses
  or as a country code on other entities; an Address is a Thing Aleph shows and can be linked.
- EVENT → ``Event``.
- an entity named in an article → ``Documentation`` (document = the Article, entity = the
  entity, role "mentioned"): FtM's interval for "this document is about this thing". FtM's
  ``Mention`` schema is for names not yet resolved to an entity; ours are resolved.
- a statement whose speaker is a resolved entity → ``Documentation`` with role "statement",
  the statement's ``date``, its text as ``summary`` and kind, cue and outlets as ``description``:
  Aleph shows it on the speaker's page and on the article, in time order. FtM has no quote schema.
- a statement from an unnamed source (no entity) → ``Note`` on the Article, the speaker's
  description as its name and the statement as its ``description``.

Ids are stable: ``make_id`` over our own ids (the article id, the knowledge-base entity id, the
article id and the quote's place in it), so a second export of the same base gives the same ids.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from newswatch.store import Store
from newswatch.store.schema import article_entities, entities, entity_names, entity_roles, quotes

__all__ = ["FTM_SCHEMA", "ftm_entities"]

FTM_SCHEMA = {
    "PERSON": "Person",
    "ORG": "Organization",
    "MEDIA": "Organization",
    "GPE": "Address",
    "LOC": "Address",
    "FAC": "Address",
    "EVENT": "Event",
}
_LANGUAGE = {"en": "eng", "ru": "rus", "tg": "tgk", "uz": "uzb", "kk": "kaz", "ky": "kir"}
_PREFIX = "newswatch"


def _model() -> Any:
    try:
        from followthemoney import model
    except ImportError as exc:  # the optional extra is not installed
        raise RuntimeError(
            "the FollowTheMoney export needs the optional extra: pip install 'newswatch[ftm]'"
        ) from exc
    return model


def _entity_proxies(store: Store, model: Any) -> Iterator[tuple[str, Any]]:
    """(kb id, proxy) for every knowledge-base entity that is not merged into another."""
    with store.engine.connect() as conn:
        names: dict[str, list[str]] = defaultdict(list)
        for entity_id, name in conn.execute(
            select(entity_names.c.entity_id, entity_names.c.name).order_by(entity_names.c.name)
        ):
            names[entity_id].append(name)
        roles: dict[str, list[str]] = defaultdict(list)
        for entity_id, role in conn.execute(
            select(entity_roles.c.entity_id, entity_roles.c.role).order_by(entity_roles.c.role)
        ):
            roles[entity_id].append(role)
        rows = conn.execute(
            select(entities.c.id, entities.c.name, entities.c.type)
            .where(entities.c.merged_into.is_(None))
            .order_by(entities.c.id)
        ).all()
    for entity_id, name, etype in rows:
        schema = FTM_SCHEMA.get(etype, "Organization")
        proxy = model.make_entity(schema)
        proxy.make_id(_PREFIX, "entity", entity_id)
        proxy.add("name", name)
        if schema == "Address":
            proxy.add("full", name)
        if schema != "Event":
            proxy.add("alias", [n for n in names[entity_id] if n != name])
        if schema == "Person":
            proxy.add("position", roles[entity_id])
        elif schema == "Organization" and etype == "MEDIA":
            proxy.add("classification", "media")
        yield entity_id, proxy


def ftm_entities(store: Store) -> Iterator[dict[str, Any]]:
    """Every article, entity, mention and statement of ``store`` as an FtM entity dict."""
    model = _model()
    entity_ids: dict[str, str] = {}
    for kb_id, proxy in _entity_proxies(store, model):
        entity_ids[kb_id] = proxy.id
        yield proxy.to_dict()
    for article in store.iter_articles():
        doc = model.make_entity("Article")
        doc.make_id(_PREFIX, "article", article.id)
        doc.add("title", article.title or article.text[:100])
        doc.add("publishedAt", article.published)
        doc.add("sourceUrl", article.url)
        doc.add("bodyText", article.text)
        doc.add("language", _LANGUAGE.get(article.language or ""))
        if article.outlet:
            doc.add("publisher", article.outlet.name or article.outlet.domain)
        doc.add("author", list(article.authors))
        yield doc.to_dict()
        with store.engine.connect() as conn:
            links = conn.execute(
                select(article_entities.c.entity_id)
                .where(article_entities.c.article_id == article.id)
                .distinct()
                .order_by(article_entities.c.entity_id)
            ).all()
            statements = conn.execute(
                select(quotes).where(quotes.c.article_id == article.id).order_by(quotes.c.seq)
            ).mappings()
            statement_rows = list(statements)
        for (entity_id,) in links:
            target = _target(store, entity_ids, entity_id)
            if target is None:
                continue
            link = model.make_entity("Documentation")
            link.make_id(_PREFIX, "mention", article.id, entity_id)
            link.add("document", doc.id)
            link.add("entity", target)
            link.add("role", "mentioned")
            yield link.to_dict()
        for row in statement_rows:
            yield _statement(model, doc, row, entity_ids, store).to_dict()


def _target(store: Store, entity_ids: dict[str, str], kb_id: str) -> str | None:
    """The FtM id of a knowledge-base entity, following merges (links are kept canonical)."""
    if kb_id not in entity_ids:
        with store.engine.connect() as conn:
            canonical = store.resolver.canonical(conn, kb_id)
        entity_ids[kb_id] = entity_ids.get(canonical, "")
    return entity_ids[kb_id] or None


def _statement(model: Any, doc: Any, row: Any, entity_ids: dict[str, str], store: Store) -> Any:
    detail = ", ".join(
        part
        for part in (
            row["kind"],
            f"cue: {row['cue']}" if row["cue"] else "",
            f"via {' ← '.join(row['via'])}" if row["via"] else "",
            f"speaker: {row['speaker_name']}" if row["speaker_name"] else "",
        )
        if part
    )
    target = _target(store, entity_ids, row["entity_id"]) if row["entity_id"] else None
    if target is not None:
        proxy = model.make_entity("Documentation")
        proxy.make_id(_PREFIX, "statement", row["article_id"], str(row["seq"]))
        proxy.add("document", doc.id)
        proxy.add("entity", target)
        proxy.add("role", "statement")
        proxy.add("date", row["date"] or row["day"])
        proxy.add("summary", row["text"])
        proxy.add("description", detail)
        return proxy
    proxy = model.make_entity("Note")
    proxy.make_id(_PREFIX, "statement", row["article_id"], str(row["seq"]))
    proxy.add("entity", doc.id)
    proxy.add("name", row["speaker_name"] or "unattributed statement")
    proxy.add("description", row["text"])
    proxy.add("summary", detail)
    return proxy
