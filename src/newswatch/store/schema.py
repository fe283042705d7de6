"""The knowledge base's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Full-text search is dialect-specific and lives beside the tables it indexes: FTS5 virtual tables
on SQLite (created by the migration), a ``tsvector`` column with a GIN index on PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = [
    "alerts",
    "api_tokens",
    "article_entities",
    "articles",
    "entities",
    "entity_names",
    "entity_roles",
    "errors",
    "login_failures",
    "lsh_bands",
    "metadata",
    "quotes",
    "sessions",
    "sources",
    "stories",
    "users",
    "watchlists",
    "webhook_deliveries",
]

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("url", Text),
    Column("path", Text),
    Column("source", Text),
    Column("outlet_name", Text),
    Column("outlet_domain", Text),
    Column("language", String(8)),
    Column("title", Text),
    Column("published", String(10)),
    Column("authors", JSON, nullable=False),
    Column("text", Text, nullable=False),
    Column("boilerplate", JSON, nullable=False),
    Column("record", JSON, nullable=False),
    Column("story_id", String(16)),
    Column("duplicate_of", String(16)),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index(None, "published"),
    Index(None, "language", "published"),
    Index(None, "outlet_domain"),
    Index(None, "story_id"),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(8), nullable=False),
    Column("knowledge_id", String(64)),
    Column("merged_into", String(32), ForeignKey("entities.id")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index(None, "type"),
    Index(None, "knowledge_id"),
)

entity_names = Table(
    "entity_names",
    metadata,
    Column("entity_id", String(32), ForeignKey("entities.id"), nullable=False),
    Column("name", Text, nullable=False),
    # The name folded for matching: lower case, Latin transliteration, no punctuation.
    Column("key", Text, nullable=False),
    Column("script", String(4)),
    UniqueConstraint("entity_id", "name"),
    Index(None, "key"),
)

entity_roles = Table(
    "entity_roles",
    metadata,
    Column("entity_id", String(32), ForeignKey("entities.id"), nullable=False),
    Column("role", Text, nullable=False),
    UniqueConstraint("entity_id", "role"),
)

article_entities = Table(
    "article_entities",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("local_id", String(16), primary_key=True),
    Column("entity_id", String(32), ForeignKey("entities.id"), nullable=False),
    Column("mentions", Integer, nullable=False),
    Index(None, "entity_id"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("speaker_name", Text),
    Column("speaker_mention", Text),
    Column("speaker_local", String(16)),
    Column("entity_id", String(32), ForeignKey("entities.id")),
    Column("cue", Text),
    Column("date", String(10)),
    Column("date_text", Text),
    Column("via", JSON, nullable=False),
    Column("language", String(8)),
    # The statement's date, else the article's: what --since/--until filter on.
    Column("day", String(10)),
    UniqueConstraint("article_id", "seq"),
    Index(None, "entity_id", "day"),
    Index(None, "day"),
)

errors = Table(
    "errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

lsh_bands = Table(
    "lsh_bands",
    metadata,
    Column("band", String(40), nullable=False),
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False),
    Index(None, "band"),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("title", Text),
    Column("first_published", String(10)),
    Column("last_published", String(10)),
    Column("articles", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index(None, "last_published"),
)

sources = Table(
    "sources",
    metadata,
    Column("source", Text, primary_key=True),
    # SHA-256 of the bytes last processed from it: a rerun skips sources already done.
    Column("digest", String(64), nullable=False),
    Column("article_id", String(16)),
    Column("status", String(10), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)


# -- accounts, watchlists and alerts (the web app; migration 0002) ------------------------------
# Secrets (session ids, API tokens) are stored as SHA-256 digests, never as given to the user.

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("username"),
)

sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    # The CSRF token of every form and cookie-authenticated API write in this session.
    Column("csrf", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Index(None, "user_id"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("token_hash"),
    Index(None, "user_id"),
)

login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # "user:NAME" or "ip:ADDRESS": sign-in attempts are limited per account and per address.
    Column("key", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index(None, "key", "at"),
)

watchlists = Table(
    "watchlists",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("name", Text, nullable=False),
    # "entity" (named in an article), "speaker" (makes a statement) or "keyword" (in the text).
    Column("kind", String(8), nullable=False),
    Column("value", Text, nullable=False),
    # The knowledge-base entity an entity or speaker watch was resolved to when it was made.
    Column("entity_id", String(32)),
    # The secret in the URL of the watchlist's private Atom feed.
    Column("feed_token", String(64), nullable=False),
    Column("webhook_url", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("feed_token"),
    Index(None, "user_id"),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("watchlist_id", Integer, ForeignKey("watchlists.id"), nullable=False),
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False),
    # The first matching statement (its seq in the article), when the match was a statement.
    Column("quote_seq", Integer),
    Column("title", Text),
    Column("snippet", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("watchlist_id", "article_id"),
    Index(None, "watchlist_id", "id"),
)

webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("alert_id", Integer, ForeignKey("alerts.id"), nullable=False),
    Column("url", Text, nullable=False),
    # "pending", "delivered" or "failed" (gave up after the last retry).
    Column("status", String(10), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_at", DateTime(timezone=True), nullable=False),
    # A sender claims a delivery until then, so two app processes never send it twice.
    Column("claimed_until", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("delivered_at", DateTime(timezone=True)),
    Index(None, "status", "next_at"),
)
