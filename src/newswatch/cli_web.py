"""The ``serve`` verb: the web app and HTTP API on the knowledge base."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from newswatch.settings import load_settings

__all__ = ["register"]


def _default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def serve_cmd(
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="Database URL (default: $NEWSWATCH_DB or sqlite:///newswatch.db)."
        ),
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[
        int | None, typer.Option(min=1, max=64, help="Server processes (default: up to 2).")
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(help="Let URL ingest and webhooks reach private and loopback addresses."),
    ] = False,
    secure_cookies: Annotated[
        bool, typer.Option(help="Mark cookies Secure (when served over HTTPS).")
    ] = False,
    access_log: Annotated[bool, typer.Option(help="Log every request to stderr.")] = False,
) -> None:
    """Serve the web app and the HTTP API (OpenAPI at /api/openapi.json)."""
    import uvicorn

    from newswatch.store import Store

    settings = load_settings(overrides={"db": db})
    try:  # create or migrate the base once, before the workers start
        Store.open(settings.db).close()
    except Exception as exc:  # a driver error opening the base: one clear line
        sys.stderr.write(f"newswatch: cannot open the database {settings.db}: {exc}\n")
        raise typer.Exit(2) from exc
    # The workers build the app from the environment (uvicorn's factory takes no arguments).
    os.environ["NEWSWATCH_DB"] = settings.db
    os.environ["NEWSWATCH_ALLOW_PRIVATE"] = "1" if allow_private else ""
    os.environ["NEWSWATCH_SECURE_COOKIES"] = "1" if secure_cookies else ""
    count = workers or _default_workers()
    sys.stderr.write(
        f"newswatch: serving {settings.db} at http://{host}:{port}/ ({count} worker"
        f"{'s' if count != 1 else ''}; Ctrl-C stops)\n"
    )
    uvicorn.run(
        "newswatch.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=count,
        access_log=access_log,
        log_level="warning",
    )


def register(app: typer.Typer) -> None:
    """Add the web verbs to the ``newswatch`` command."""
    app.command("serve")(serve_cmd)
