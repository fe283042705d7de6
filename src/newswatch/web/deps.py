"""What every request handler needs: the app's state, who is asking, CSRF checks, rendering."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from fastapi import HTTPException, Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from newswatch.alerts import WebhookSender
from newswatch.settings import Settings
from newswatch.store import Store
from newswatch.web.auth import PRE_SESSION_COOKIE, SESSION_COOKIE, Accounts, Viewer, same_token

__all__ = ["AppState", "WebConfig", "app_state", "render", "require_user", "viewer"]


@dataclass(frozen=True, slots=True)
class WebConfig:
    """How the web app behaves beyond the pipeline's settings."""

    #: Mark cookies Secure (serve over HTTPS, e.g. behind a proxy).
    secure_cookies: bool = False
    #: Let URL ingest and webhooks reach private and loopback addresses (tests, intranets).
    allow_private: bool = False
    #: Run the background webhook sender.
    webhooks: bool = True
    #: Seconds between two passes of the webhook sender.
    webhook_interval: float = 5.0
    session_days: int = 14


@dataclass
class AppState:
    settings: Settings
    config: WebConfig
    store: Store
    accounts: Accounts
    templates: Jinja2Templates
    sender: WebhookSender | None = field(default=None)


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.newswatch
    return state


def viewer(request: Request) -> Viewer | None:
    """The signed-in user: an ``Authorization: Bearer`` API token, else the session cookie."""
    if hasattr(request.state, "viewer"):
        cached: Viewer | None = request.state.viewer
        return cached
    accounts = app_state(request).accounts
    found: Viewer | None = None
    header = request.headers.get("authorization", "")
    if header[:7].lower() == "bearer ":
        found = accounts.token_viewer(header[7:].strip())
    elif SESSION_COOKIE in request.cookies:
        found = accounts.session_viewer(request.cookies.get(SESSION_COOKIE))
    request.state.viewer = found
    return found


def require_user(request: Request) -> Viewer:
    """The API's signed-in user, or 401; a cookie-authenticated write must carry its CSRF token."""
    who = viewer(request)
    if who is None:
        raise HTTPException(
            status_code=401,
            detail="sign in (session cookie) or send Authorization: Bearer <API token>",
            headers={"WWW-Authenticate": "Bearer"},
        )
    writes = request.method not in ("GET", "HEAD", "OPTIONS")
    if (
        writes
        and who.via == "session"
        and not same_token(request.headers.get("x-csrf-token"), who.csrf)
    ):
        raise HTTPException(status_code=403, detail="missing or wrong X-CSRF-Token header")
    return who


def form_csrf(request: Request) -> tuple[str, bool]:
    """The CSRF token forms on this page carry, and whether it must be set as a cookie."""
    who = viewer(request)
    if who is not None and who.csrf:
        return who.csrf, False
    existing = request.cookies.get(PRE_SESSION_COOKIE)
    if existing and 20 <= len(existing) <= 100:
        return existing, False
    return secrets.token_urlsafe(32), True


def form_csrf_ok(request: Request, submitted: str | None) -> bool:
    who = viewer(request)
    if who is not None and who.via == "session":
        return same_token(submitted, who.csrf)
    return same_token(submitted, request.cookies.get(PRE_SESSION_COOKIE))


def set_cookie(response: Response, request: Request, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=app_state(request).config.secure_cookies,
        path="/",
    )


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
) -> Response:
    """A page from ``template``, with the viewer and a CSRF token for its forms."""
    state = app_state(request)
    token, new = form_csrf(request)
    page = {"viewer": viewer(request), "csrf_token": token, **(context or {})}
    response = state.templates.TemplateResponse(request, template, page, status_code=status_code)
    if new:
        set_cookie(response, request, PRE_SESSION_COOKIE, token, max_age=86400)
    return response
