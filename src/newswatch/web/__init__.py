"""The analyst's web app and HTTP API over the knowledge base (``newswatch serve``)."""

from newswatch.web.app import create_app

__all__ = ["create_app"]
