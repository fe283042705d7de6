"""Reads the web pages need beyond :class:`~newswatch.store.Store`'s own queries."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from newswatch.store.schema import article_entities, articles, quotes

__all__ = ["article_kb_ids", "article_story", "entity_days"]


def article_kb_ids(engine: Engine, article_id: str) -> dict[str, str]:
    """The knowledge-base entity of each of the article's local entities (``e1`` -> id)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(article_entities.c.local_id, article_entities.c.entity_id).where(
                article_entities.c.article_id == article_id
            )
        ).all()
    return {r[0]: r[1] for r in rows}


def article_story(engine: Engine, article_id: str) -> str | None:
    with engine.connect() as conn:
        row = conn.execute(select(articles.c.story_id).where(articles.c.id == article_id)).first()
    return row[0] if row else None


def entity_days(engine: Engine, entity_id: str) -> list[tuple[str | None, int]]:
    """How many statements the entity made on each day (the statement's date, else the article's)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(quotes.c.day, func.count())
            .where(quotes.c.entity_id == entity_id)
            .group_by(quotes.c.day)
            .order_by(quotes.c.day)
        ).all()
    return [(r[0], int(r[1])) for r in rows]
