"""The knowledge base: SQLite by default, PostgreSQL for teams and scale."""

from newswatch.store.engine import StoreError
from newswatch.store.queries import Page
from newswatch.store.store import IngestResult, Store

__all__ = ["IngestResult", "Page", "Store", "StoreError"]
