"""Full-text search per dialect: FTS5 on SQLite, ``tsvector`` on PostgreSQL.

User queries are hostile: they are never spliced into SQL. On SQLite the query is rewritten into
FTS5 syntax with every term quoted; on PostgreSQL it goes to ``websearch_to_tsquery`` as a bound
parameter.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, Table, bindparam, literal_column, text
from sqlalchemy.sql import Select

__all__ = ["FullText", "PostgresFullText", "SQLiteFullText", "fts5_query"]

_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
_PG_CONFIG = {"en": "english", "ru": "russian"}


def fts5_query(query: str) -> str | None:
    """A user's query as safe FTS5 syntax: phrases in double quotes kept, other words ANDed."""
    parts: list[str] = []
    for phrase, word in _TERM.findall(query):
        words = _WORD.findall(phrase if phrase else word)
        if words:
            parts.append('"' + " ".join(words) + '"')
    return " AND ".join(parts) if parts else None


class FullText:
    """What the store needs from a dialect's full-text search."""

    def index_article(
        self, conn: Connection, article_id: str, title: str, body: str, lang: str | None
    ) -> None:
        raise NotImplementedError

    def index_quotes(self, conn: Connection, article_id: str, lang: str | None) -> None:
        """Index every quote of an article (one statement, after the quotes are inserted)."""
        raise NotImplementedError

    def match_articles(self, stmt: Select[Any], articles: Table, query: str) -> Select[Any] | None:
        raise NotImplementedError

    def match_quotes(self, stmt: Select[Any], quotes: Table, query: str) -> Select[Any] | None:
        raise NotImplementedError


class SQLiteFullText(FullText):
    def index_article(
        self, conn: Connection, article_id: str, title: str, body: str, lang: str | None
    ) -> None:
        conn.execute(
            text(
                "INSERT INTO articles_fts(rowid, title, text) "
                "SELECT rowid, :title, :body FROM articles WHERE id = :id"
            ),
            {"title": title, "body": body, "id": article_id},
        )

    def index_quotes(self, conn: Connection, article_id: str, lang: str | None) -> None:
        conn.execute(
            text(
                "INSERT INTO quotes_fts(rowid, text, speaker) "
                "SELECT id, text, coalesce(speaker_name, '') FROM quotes WHERE article_id = :id"
            ),
            {"id": article_id},
        )

    def match_articles(self, stmt: Select[Any], articles: Table, query: str) -> Select[Any] | None:
        match = fts5_query(query)
        if match is None:
            return None
        rowids = text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q").bindparams(
            bindparam("q", match)
        )
        # "+rowid": not a rowid lookup per match (seconds for a common word at 10^5 articles)
        # but a walk down the date index probing the matches, stopping at the page's end.
        # See docs/knowledge-base.md.
        return stmt.where(
            literal_column("+articles.rowid").in_(rowids.columns(literal_column("rowid")))
        )

    def match_quotes(self, stmt: Select[Any], quotes: Table, query: str) -> Select[Any] | None:
        match = fts5_query(query)
        if match is None:
            return None
        rowids = text("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :qq").bindparams(
            bindparam("qq", "text : (" + match + ")")
        )
        return stmt.where(quotes.c.id.in_(rowids.columns(literal_column("rowid"))))


class PostgresFullText(FullText):
    @staticmethod
    def _config(lang: str | None) -> str:
        return _PG_CONFIG.get(lang or "", "simple")

    def index_article(
        self, conn: Connection, article_id: str, title: str, body: str, lang: str | None
    ) -> None:
        conn.execute(
            text(
                "UPDATE articles SET fts = setweight(to_tsvector(CAST(:cfg AS regconfig), :title), 'A')"
                " || to_tsvector(CAST(:cfg AS regconfig), :body)"
                " || to_tsvector('simple', :body) WHERE id = :id"
            ),
            {"cfg": self._config(lang), "title": title, "body": body, "id": article_id},
        )

    def index_quotes(self, conn: Connection, article_id: str, lang: str | None) -> None:
        conn.execute(
            text(
                "UPDATE quotes SET fts = to_tsvector(CAST(:cfg AS regconfig), text)"
                " || to_tsvector('simple', text) WHERE article_id = :id"
            ),
            {"cfg": self._config(lang), "id": article_id},
        )

    @staticmethod
    def _tsquery(param: str) -> str:
        return (
            f"(websearch_to_tsquery('english', :{param}) || websearch_to_tsquery('russian', :{param})"
            f" || websearch_to_tsquery('simple', :{param}))"
        )

    def match_articles(self, stmt: Select[Any], articles: Table, query: str) -> Select[Any] | None:
        if not _WORD.search(query):
            return None
        return stmt.where(
            text(f"articles.fts @@ {self._tsquery('q')}").bindparams(bindparam("q", query))
        )

    def match_quotes(self, stmt: Select[Any], quotes: Table, query: str) -> Select[Any] | None:
        if not _WORD.search(query):
            return None
        return stmt.where(
            text(f"quotes.fts @@ {self._tsquery('qq')}").bindparams(bindparam("qq", query))
        )
