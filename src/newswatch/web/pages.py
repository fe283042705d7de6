"""The pages: server-rendered, readable without JavaScript, at stable URLs."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import quote as url_quote

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from newswatch import alerts as watch
from newswatch.web.api import ingest, read_upload
from newswatch.web.auth import (
    PRE_SESSION_COOKIE,
    SESSION_COOKIE,
    AuthError,
    RateLimited,
    Viewer,
)
from newswatch.web.data import article_kb_ids, article_story, entity_days
from newswatch.web.deps import app_state, form_csrf_ok, render, set_cookie, viewer
from newswatch.web.views import annotate, query_string, timeline

__all__ = ["login_redirect", "router"]

router = APIRouter(include_in_schema=False)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FEED_PAGE = 20
QUOTES_PAGE = 30
Text = Annotated[str | None, Query(max_length=500)]


def login_redirect(request: Request) -> str:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/login?next=" + url_quote(target, safe="")


def _local_next(target: str | None) -> str:
    """Where to go after signing in: a path on this site only (no ``//host``, no scheme)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/watchlists"


def page_user(request: Request) -> Viewer:
    who = viewer(request)
    if who is None or who.via != "session":
        raise HTTPException(status_code=401)
    return who


def _check_csrf(request: Request, token: str | None) -> None:
    if not form_csrf_ok(request, token):
        raise HTTPException(
            status_code=403, detail="This form has expired. Go back, reload the page and try again."
        )


def _filters(request: Request, names: tuple[str, ...]) -> tuple[dict[str, str], list[str]]:
    """The page's filter values from its query string; dates that are not dates are refused."""
    values: dict[str, str] = {}
    problems: list[str] = []
    for name in names:
        raw = (request.query_params.get(name) or "").strip()[:500]
        if not raw:
            continue
        if name in ("since", "until") and not _DATE.match(raw):
            problems.append(f"{name} must be a date like 2024-05-31")
            continue
        values[name] = raw
    return values, problems


def _cursor(request: Request) -> str | None:
    raw = request.query_params.get("cursor")
    return raw[:200] if raw else None


def _bad_cursor(exc: ValueError) -> HTTPException:
    return HTTPException(status_code=400, detail=str(exc))


# -- reading ------------------------------------------------------------------------------------
@router.get("/")
def feed_page(request: Request) -> Response:
    store = app_state(request).store
    filters, problems = _filters(request, ("lang", "outlet", "since", "until"))
    try:
        page = store.feed(limit=FEED_PAGE, cursor=_cursor(request), **filters)
    except ValueError as exc:
        raise _bad_cursor(exc) from exc
    return render(
        request,
        "feed.html",
        {
            "page": page,
            "filters": filters,
            "problems": problems,
            "more": query_string(filters, cursor=page.next) if page.next else None,
        },
    )


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str) -> Response:
    store = app_state(request).store
    article = store.article(article_id[:64])
    if article is None:
        raise HTTPException(status_code=404, detail="There is no such article.")
    kb_ids = article_kb_ids(store.engine, article.id)
    return render(
        request,
        "article.html",
        {
            "article": article,
            "paragraphs": annotate(article, kb_ids),
            "kb_ids": kb_ids,
            "story_id": article_story(store.engine, article.id),
        },
    )


@router.get("/entities")
def entities_page(request: Request) -> Response:
    store = app_state(request).store
    filters, _ = _filters(request, ("type",))
    try:
        page = store.entities(type=filters.get("type"), top=50, cursor=_cursor(request))
    except ValueError as exc:
        raise _bad_cursor(exc) from exc
    return render(
        request,
        "entities.html",
        {
            "page": page,
            "filters": filters,
            "more": query_string(filters, cursor=page.next) if page.next else None,
        },
    )


@router.get("/entities/{entity_id}")
def entity_page(request: Request, entity_id: str) -> Response:
    store = app_state(request).store
    found = store.entity(entity_id[:200])
    if found is None:
        raise HTTPException(status_code=404, detail="There is no such entity.")
    by = "week" if request.query_params.get("by") == "week" else "month"
    filters, problems = _filters(request, ("about", "since", "until", "lang"))
    try:
        quotes = store.quotes(
            entity_id=found["id"], limit=QUOTES_PAGE, cursor=_cursor(request), **filters
        )
    except ValueError as exc:
        raise _bad_cursor(exc) from exc
    bars = timeline(entity_days(store.engine, found["id"]), by)
    params = {**filters, "by": by if by == "week" else None}
    return render(
        request,
        "entity.html",
        {
            "entity": found,
            "bars": bars,
            "by": by,
            "top": max((b.count for b in bars), default=0),
            "quotes": quotes,
            "filters": filters,
            "problems": problems,
            "more": query_string(params, cursor=quotes.next) if quotes.next else None,
        },
    )


@router.get("/quotes")
def quotes_page(request: Request) -> Response:
    store = app_state(request).store
    filters, problems = _filters(request, ("speaker", "about", "since", "until", "lang"))
    try:
        page = store.quotes(limit=QUOTES_PAGE, cursor=_cursor(request), **filters)
    except ValueError as exc:
        raise _bad_cursor(exc) from exc
    return render(
        request,
        "quotes.html",
        {
            "page": page,
            "filters": filters,
            "problems": problems,
            "more": query_string(filters, cursor=page.next) if page.next else None,
        },
    )


@router.get("/search")
def search_page(request: Request) -> Response:
    store = app_state(request).store
    filters, problems = _filters(request, ("q", "lang", "outlet", "since", "until"))
    page = None
    if "q" in filters:
        query = filters["q"]
        rest = {k: v for k, v in filters.items() if k != "q"}
        try:
            page = store.search(query, limit=FEED_PAGE, cursor=_cursor(request), **rest)
        except ValueError as exc:
            raise _bad_cursor(exc) from exc
    return render(
        request,
        "search.html",
        {
            "page": page,
            "filters": filters,
            "problems": problems,
            "more": query_string(filters, cursor=page.next) if page and page.next else None,
        },
    )


@router.get("/stories")
def stories_page(request: Request) -> Response:
    store = app_state(request).store
    filters, problems = _filters(request, ("since",))
    try:
        page = store.stories(since=filters.get("since"), limit=30, cursor=_cursor(request))
    except ValueError as exc:
        raise _bad_cursor(exc) from exc
    return render(
        request,
        "stories.html",
        {
            "page": page,
            "filters": filters,
            "problems": problems,
            "more": query_string(filters, cursor=page.next) if page.next else None,
        },
    )


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: str) -> Response:
    store = app_state(request).store
    found = store.story(story_id[:64])
    if found is None:
        raise HTTPException(status_code=404, detail="There is no such story.")
    members = []
    for item in found["articles"]:
        article = store.article(item["id"])
        if article is not None:
            members.append({"summary": item, "article": article})
    return render(request, "story.html", {"story": found, "members": members})


@router.get("/favicon.ico")
def favicon() -> Response:
    """No icon (browsers ask for one): an empty answer rather than a 404 in every console."""
    return Response(status_code=204)


# -- accounts -----------------------------------------------------------------------------------
@router.get("/login")
def login_page(
    request: Request, next: Annotated[str | None, Query(max_length=500)] = None
) -> Response:
    return render(request, "login.html", {"next": _local_next(next), "asked": bool(next)})


@router.post("/login")
def login(
    request: Request,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=2000)] = "",
    csrf_token: Annotated[str | None, Form()] = None,
    next: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    _check_csrf(request, csrf_token)
    state = app_state(request)
    address = request.client.host if request.client else "unknown"
    try:
        who = state.accounts.authenticate(username, password, address=address)
    except AuthError as exc:
        status = 429 if isinstance(exc, RateLimited) else 400
        context = {"error": str(exc), "username": username, "next": _local_next(next)}
        return render(request, "login.html", context, status_code=status)
    return _signed_in(request, who.user_id, _local_next(next))


def _signed_in(request: Request, user_id: int, target: str) -> Response:
    token, _csrf = app_state(request).accounts.new_session(user_id)
    response = RedirectResponse(target, status_code=303)
    days = app_state(request).config.session_days
    set_cookie(response, request, SESSION_COOKIE, token, max_age=days * 86400)
    response.delete_cookie(PRE_SESSION_COOKIE, path="/")
    return response


@router.get("/register")
def register_page(request: Request) -> Response:
    return render(request, "register.html", {})


@router.post("/register")
def register(
    request: Request,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=2000)] = "",
    password2: Annotated[str, Form(max_length=2000)] = "",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    _check_csrf(request, csrf_token)
    accounts = app_state(request).accounts
    try:
        if password != password2:
            raise AuthError("the two passwords differ")
        user_id = accounts.register(username, password)
    except AuthError as exc:
        return render(
            request, "register.html", {"error": str(exc), "username": username}, status_code=400
        )
    return _signed_in(request, user_id, "/watchlists")


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str | None, Form()] = None) -> Response:
    _check_csrf(request, csrf_token)
    app_state(request).accounts.end_session(request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/account")
def account_page(request: Request) -> Response:
    who = page_user(request)
    tokens = app_state(request).accounts.api_tokens(who.user_id)
    return render(request, "account.html", {"tokens": tokens})


@router.post("/account/tokens")
def new_token(
    request: Request,
    name: Annotated[str, Form(max_length=200)] = "",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    who = page_user(request)
    _check_csrf(request, csrf_token)
    accounts = app_state(request).accounts
    token = accounts.new_api_token(who.user_id, name)
    context = {"tokens": accounts.api_tokens(who.user_id), "new_token": token}
    return render(request, "account.html", context)


@router.post("/account/tokens/{token_id}/revoke")
def revoke_token(
    request: Request, token_id: int, csrf_token: Annotated[str | None, Form()] = None
) -> Response:
    who = page_user(request)
    _check_csrf(request, csrf_token)
    app_state(request).accounts.revoke_api_token(who.user_id, token_id)
    return RedirectResponse("/account", status_code=303)


# -- watchlists ---------------------------------------------------------------------------------
def _watchlists_context(request: Request, who: Viewer) -> dict[str, Any]:
    engine = app_state(request).store.engine
    mine = watch.list_watchlists(engine, user_id=who.user_id, limit=200).items
    recent = watch.list_alerts(engine, watchlist_ids=[w["id"] for w in mine], limit=30)
    return {"watchlists": mine, "alerts": recent, "kinds": watch.KINDS}


@router.get("/watchlists")
def watchlists_page(request: Request) -> Response:
    who = page_user(request)
    return render(request, "watchlists.html", _watchlists_context(request, who))


@router.post("/watchlists")
def add_watchlist(
    request: Request,
    kind: Annotated[str, Form(max_length=10)] = "",
    value: Annotated[str, Form(max_length=500)] = "",
    name: Annotated[str, Form(max_length=500)] = "",
    webhook_url: Annotated[str, Form(max_length=2000)] = "",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    who = page_user(request)
    _check_csrf(request, csrf_token)
    store = app_state(request).store
    try:
        watch.create_watchlist(
            store.engine,
            user_id=who.user_id,
            kind=kind,
            value=value,
            name=name,
            webhook_url=webhook_url,
            find_entity=store.find_entity,
        )
    except watch.WatchlistError as exc:
        context = {
            **_watchlists_context(request, who),
            "error": str(exc),
            "form": {"kind": kind, "value": value, "name": name, "webhook_url": webhook_url},
        }
        return render(request, "watchlists.html", context, status_code=400)
    return RedirectResponse("/watchlists", status_code=303)


def _own(request: Request, who: Viewer, watchlist_id: int) -> dict[str, Any]:
    found = watch.get_watchlist(
        app_state(request).store.engine, user_id=who.user_id, watchlist_id=watchlist_id
    )
    if found is None:
        raise HTTPException(status_code=404, detail="There is no such watchlist.")
    return found


@router.get("/watchlists/{watchlist_id}")
def watchlist_page(request: Request, watchlist_id: int) -> Response:
    who = page_user(request)
    found = _own(request, who, watchlist_id)
    try:
        alerts = watch.list_alerts(
            app_state(request).store.engine,
            watchlist_ids=[watchlist_id],
            limit=50,
            cursor=_cursor(request),
        )
    except ValueError as exc:
        raise _bad_cursor(exc) from exc
    feed = f"/watchlists/{watchlist_id}/feed.atom?token={url_quote(found['feed_token'])}"
    return render(
        request,
        "watchlist.html",
        {
            "watchlist": found,
            "alerts": alerts,
            "feed_url": str(request.base_url).rstrip("/") + feed,
            "more": query_string({}, cursor=alerts.next) if alerts.next else None,
        },
    )


@router.post("/watchlists/{watchlist_id}/delete")
def remove_watchlist(
    request: Request, watchlist_id: int, csrf_token: Annotated[str | None, Form()] = None
) -> Response:
    who = page_user(request)
    _check_csrf(request, csrf_token)
    if not watch.delete_watchlist(
        app_state(request).store.engine, user_id=who.user_id, watchlist_id=watchlist_id
    ):
        raise HTTPException(status_code=404, detail="There is no such watchlist.")
    return RedirectResponse("/watchlists", status_code=303)


@router.get("/watchlists/{watchlist_id}/feed.atom")
def watchlist_feed(
    request: Request,
    watchlist_id: int,
    token: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """The private Atom feed of a watchlist: the secret token in its URL is the key."""
    engine = app_state(request).store.engine
    found = watch.watchlist_by_feed_token(engine, watchlist_id=watchlist_id, token=token)
    if found is None:
        raise HTTPException(status_code=404, detail="There is no such feed.")
    alerts = watch.list_alerts(engine, watchlist_ids=[watchlist_id], limit=50)
    updated = alerts.items[0]["created_at"] if alerts.items else found["created_at"]
    response = app_state(request).templates.TemplateResponse(
        request,
        "feed.atom",
        {
            "watchlist": found,
            "alerts": alerts.items,
            "updated": updated,
            "base": str(request.base_url).rstrip("/"),
            "self_url": str(request.url),
        },
        media_type="application/atom+xml; charset=utf-8",
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


# -- ingest -------------------------------------------------------------------------------------
@router.get("/ingest")
def ingest_page(request: Request) -> Response:
    page_user(request)
    return render(request, "ingest.html", {})


@router.post("/ingest")
async def ingest_form(
    request: Request,
    file: Annotated[UploadFile | None, File()] = None,
    url: Annotated[str, Form(max_length=2000)] = "",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    page_user(request)
    _check_csrf(request, csrf_token)
    state = app_state(request)
    has_file = file is not None and bool(file.filename)
    url = url.strip()
    if not has_file and not url:
        return render(
            request, "ingest.html", {"error": "Choose a file or give a URL."}, status_code=400
        )
    if not has_file and not re.match(r"^https?://", url, re.IGNORECASE):
        return render(
            request,
            "ingest.html",
            {"error": "The URL must start with http:// or https://."},
            status_code=400,
        )
    data = await read_upload(file, state.settings.max_bytes) if has_file and file else None
    started = datetime.now(UTC)
    summary = await run_in_threadpool(
        ingest,
        state,
        url=None if has_file else url,
        filename=file.filename if has_file and file else None,
        data=data,
    )
    seconds = (datetime.now(UTC) - started).total_seconds()
    return render(request, "ingest.html", {"summary": summary, "seconds": seconds})
