"""The web app: :func:`create_app` builds it on one knowledge base.

Served by ``newswatch serve`` (uvicorn, several workers through :func:`app_from_env`). Pages are
rendered on the server with Jinja2 (autoescaped: scraped text is hostile), work without
JavaScript, and use htmx, when it runs, for "more" links and live quote search.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newswatch.alerts import WebhookSender
from newswatch.settings import Settings, load_settings
from newswatch.store import Store
from newswatch.web.api import router as api_router
from newswatch.web.auth import Accounts
from newswatch.web.deps import AppState, WebConfig, render
from newswatch.web.pages import login_redirect
from newswatch.web.pages import router as pages_router
from newswatch.web.views import FILTERS

__all__ = ["WebConfig", "app_from_env", "create_app"]

_HERE = Path(__file__).resolve().parent

#: No inline script, no inline style, nothing from elsewhere; forms post only here.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # Feed tokens travel in URLs: never send them on as a Referer.
    (b"referrer-policy", b"no-referrer"),
]


class SecurityHeaders:
    """Adds the security headers to every HTTP response (a plain ASGI middleware: cheap)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in _SECURITY_HEADERS if k not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(_HERE / "templates"),
        autoescape=select_autoescape(["html", "xml", "atom"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    return Jinja2Templates(env=env)


def _guard(config: WebConfig) -> Callable[[str], None]:
    from newswatch.ingest.web import check_address

    def guard(url: str) -> None:
        check_address(url, allow_private=config.allow_private)

    return guard


def create_app(
    settings: Settings | None = None,
    *,
    config: WebConfig | None = None,
    store: Store | None = None,
) -> FastAPI:
    """The web app on the knowledge base at ``settings.db`` (or on ``store`` when given)."""
    settings = settings or Settings()
    config = config or WebConfig()
    the_store = store or Store.open(settings.db)
    state = AppState(
        settings=settings,
        config=config,
        store=the_store,
        accounts=Accounts(the_store.engine, session_days=config.session_days),
        templates=_templates(),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if config.webhooks:
            client = httpx.Client(
                timeout=httpx.Timeout(settings.timeout),
                headers={"User-Agent": settings.user_agent},
                follow_redirects=False,
            )
            state.sender = WebhookSender(
                the_store.engine,
                guard=_guard(config),
                client=client,
                interval=config.webhook_interval,
            )
            state.sender.start()
        try:
            yield
        finally:
            if state.sender is not None:
                state.sender.stop()
                state.sender = None
            if store is None:
                the_store.close()

    app = FastAPI(
        title="newswatch",
        summary="Who said what, when, and according to whom: the knowledge base over HTTP.",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI needs inline script and a CDN: the JSON is the contract
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.newswatch = state
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=_HERE / "static"), name="static")
    app.include_router(api_router)
    app.include_router(pages_router)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
            )
        if exc.status_code == 401:
            target = login_redirect(request)
            return RedirectResponse(target, status_code=303)
        context: dict[str, Any] = {"status": exc.status_code, "message": exc.detail}
        return render(request, "error.html", context, status_code=exc.status_code)

    return app


def app_from_env() -> FastAPI:
    """The app for ``uvicorn --factory``: settings from ``NEWSWATCH_*`` (read once, here)."""
    import os

    settings = load_settings()
    config = WebConfig(
        secure_cookies=os.environ.get("NEWSWATCH_SECURE_COOKIES", "") == "1",
        allow_private=os.environ.get("NEWSWATCH_ALLOW_PRIVATE", "") == "1",
    )
    return create_app(settings, config=config)
