"""The HTTP API: JSON over the knowledge base, described at ``/api/openapi.json``.

Every list takes ``limit`` and ``cursor`` and answers ``{"items": [...], "next": cursor or
null}``; a list is never cut short silently: ``next`` says there is more. Watchlists, alerts and
ingest are for signed-in users: a session cookie (writes then need the ``X-CSRF-Token`` header)
or ``Authorization: Bearer <personal API token>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from newswatch import alerts as watch
from newswatch.ingest import Source
from newswatch.ingest.run import IngestSummary, ingest_sources
from newswatch.store import Page
from newswatch.web.auth import Viewer
from newswatch.web.data import entity_days
from newswatch.web.deps import AppState, app_state, require_user
from newswatch.web.views import timeline

__all__ = ["ingest", "router"]

router = APIRouter(prefix="/api", tags=["api"])

_DATE = r"^\d{4}-\d{2}-\d{2}$"
Limit = Annotated[int, Query(ge=1, le=200, description="At most this many items.")]
Cursor = Annotated[str | None, Query(max_length=200, description="`next` of the page before.")]
Day = Annotated[str | None, Query(pattern=_DATE, description="YYYY-MM-DD")]
Lang = Annotated[str | None, Query(max_length=8, description="Language code, e.g. en or ru.")]
State = Annotated[AppState, Depends(app_state)]
User = Annotated[Viewer, Depends(require_user)]


class ListPage(BaseModel):
    """One page of a list; ``next`` is the cursor of the following page, null at the end."""

    items: list[dict[str, Any]]
    next: str | None


class WatchlistIn(BaseModel):
    kind: str = Field(
        description="entity, speaker or keyword", pattern="^(entity|speaker|keyword)$"
    )
    value: str = Field(min_length=1, max_length=200, description="The name or the keyword.")
    name: str | None = Field(default=None, max_length=200)
    webhook_url: str | None = Field(default=None, max_length=2000)


def paged(call: Callable[[], Page]) -> Response:
    """The page as ``{"items": [...], "next": ...}``, serialised once (``ListPage`` documents it;
    re-validating every item through pydantic would only cost time)."""
    try:
        page = call()
    except ValueError as exc:  # a cursor that is not one of ours
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    return JSONResponse({"items": page.items, "next": page.next})


# -- reading ------------------------------------------------------------------------------------
@router.get("/articles", response_model=ListPage, summary="The news feed, newest first")
def list_articles(
    state: State,
    limit: Limit = 20,
    cursor: Cursor = None,
    lang: Lang = None,
    since: Day = None,
    until: Day = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    store = state.store
    return paged(
        lambda: store.feed(
            lang=lang, since=since, until=until, outlet=outlet, limit=limit, cursor=cursor
        )
    )


@router.get("/articles/{article_id}", summary="An article record (the JSON of DESIGN.md)")
def get_article(article_id: str, state: State) -> dict[str, Any]:
    article = state.store.article(article_id[:64])
    if article is None:
        raise HTTPException(status_code=404, detail="no such article")
    return article.to_dict()


@router.get("/quotes", response_model=ListPage, summary="Statements, newest first")
def list_quotes(
    state: State,
    limit: Limit = 50,
    cursor: Cursor = None,
    speaker: Annotated[
        str | None, Query(max_length=200, description="Any name, any script.")
    ] = None,
    about: Annotated[
        str | None, Query(max_length=500, description="Words in the statement.")
    ] = None,
    since: Day = None,
    until: Day = None,
    lang: Lang = None,
) -> Response:
    store = state.store
    return paged(
        lambda: store.quotes(
            speaker=speaker,
            about=about,
            since=since,
            until=until,
            lang=lang,
            limit=limit,
            cursor=cursor,
        )
    )


@router.get("/entities", response_model=ListPage, summary="Entities, most written-about first")
def list_entities(
    state: State,
    limit: Limit = 50,
    cursor: Cursor = None,
    type: Annotated[str | None, Query(max_length=8, description="PERSON, ORG, GPE…")] = None,
) -> Response:
    store = state.store
    return paged(lambda: store.entities(type=type, top=limit, cursor=cursor))


def _entity(state: AppState, entity_id: str) -> dict[str, Any]:
    found = state.store.entity(entity_id[:200])
    if found is None:
        raise HTTPException(status_code=404, detail="no such entity")
    return found


@router.get("/entities/{entity_id}", summary="An entity: names, roles, counts, timeline")
def get_entity(
    entity_id: str,
    state: State,
    by: Annotated[str, Query(pattern="^(week|month)$")] = "month",
) -> dict[str, Any]:
    found = _entity(state, entity_id)
    bars = timeline(entity_days(state.store.engine, found["id"]), by)
    return {**found, "timeline": [{"period": b.label, "quotes": b.count} for b in bars]}


@router.get(
    "/entities/{entity_id}/quotes", response_model=ListPage, summary="An entity's statements"
)
def entity_quotes(
    entity_id: str,
    state: State,
    limit: Limit = 50,
    cursor: Cursor = None,
    about: Annotated[str | None, Query(max_length=500)] = None,
    since: Day = None,
    until: Day = None,
    lang: Lang = None,
) -> Response:
    found = _entity(state, entity_id)
    store = state.store
    return paged(
        lambda: store.quotes(
            entity_id=found["id"],
            about=about,
            since=since,
            until=until,
            lang=lang,
            limit=limit,
            cursor=cursor,
        )
    )


@router.get("/stories", response_model=ListPage, summary="Stories, most recent first")
def list_stories(
    state: State,
    limit: Limit = 50,
    cursor: Cursor = None,
    since: Day = None,
    min_articles: Annotated[int, Query(ge=1, le=1000)] = 1,
) -> Response:
    store = state.store
    return paged(
        lambda: store.stories(since=since, min_articles=min_articles, limit=limit, cursor=cursor)
    )


@router.get("/stories/{story_id}", summary="A story: its articles side by side")
def get_story(story_id: str, state: State) -> dict[str, Any]:
    found = state.store.story(story_id[:64])
    if found is None:
        raise HTTPException(status_code=404, detail="no such story")
    return found


@router.get("/search", response_model=ListPage, summary="Articles matching words and phrases")
def search(
    state: State,
    q: Annotated[str, Query(max_length=500, description='Words (all must occur), "phrases".')] = "",
    limit: Limit = 20,
    cursor: Cursor = None,
    lang: Lang = None,
    since: Day = None,
    until: Day = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    store = state.store
    return paged(
        lambda: store.search(
            q, lang=lang, since=since, until=until, outlet=outlet, limit=limit, cursor=cursor
        )
    )


# -- watchlists and alerts (signed in) ----------------------------------------------------------
@router.get("/watchlists", response_model=ListPage, summary="Your watchlists")
def list_watchlists(state: State, user: User, limit: Limit = 50, cursor: Cursor = None) -> Response:
    engine = state.store.engine
    return paged(
        lambda: watch.list_watchlists(engine, user_id=user.user_id, limit=limit, cursor=cursor)
    )


@router.post("/watchlists", status_code=201, summary="Watch an entity, a speaker or a keyword")
def create_watchlist(body: WatchlistIn, state: State, user: User) -> dict[str, Any]:
    try:
        return watch.create_watchlist(
            state.store.engine,
            user_id=user.user_id,
            kind=body.kind,
            value=body.value,
            name=body.name,
            webhook_url=body.webhook_url,
            find_entity=state.store.find_entity,
        )
    except watch.WatchlistError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc


def _own_watchlist(state: AppState, user: Viewer, watchlist_id: int) -> dict[str, Any]:
    found = watch.get_watchlist(state.store.engine, user_id=user.user_id, watchlist_id=watchlist_id)
    if found is None:  # someone else's looks exactly like a missing one
        raise HTTPException(status_code=404, detail="no such watchlist")
    return found


@router.get("/watchlists/{watchlist_id}", summary="One of your watchlists")
def get_watchlist(watchlist_id: int, state: State, user: User) -> dict[str, Any]:
    return _own_watchlist(state, user, watchlist_id)


@router.delete(
    "/watchlists/{watchlist_id}", status_code=204, summary="Delete one of your watchlists"
)
def delete_watchlist(watchlist_id: int, state: State, user: User) -> None:
    if not watch.delete_watchlist(
        state.store.engine, user_id=user.user_id, watchlist_id=watchlist_id
    ):
        raise HTTPException(status_code=404, detail="no such watchlist")


@router.get("/watchlists/{watchlist_id}/alerts", response_model=ListPage, summary="Its alerts")
def watchlist_alerts(
    watchlist_id: int, state: State, user: User, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    _own_watchlist(state, user, watchlist_id)
    engine = state.store.engine
    return paged(
        lambda: watch.list_alerts(engine, watchlist_ids=[watchlist_id], limit=limit, cursor=cursor)
    )


@router.get("/alerts", response_model=ListPage, summary="Alerts of all your watchlists")
def my_alerts(state: State, user: User, limit: Limit = 50, cursor: Cursor = None) -> Response:
    engine = state.store.engine
    mine = watch.list_watchlists(engine, user_id=user.user_id, limit=10_000).items
    ids = [w["id"] for w in mine]
    return paged(lambda: watch.list_alerts(engine, watchlist_ids=ids, limit=limit, cursor=cursor))


# -- ingest (signed in) -------------------------------------------------------------------------
_SAFE_NAME = re.compile(r"[^\w.\-]+", re.UNICODE)


def ingest(
    state: AppState, *, url: str | None, filename: str | None, data: bytes | None
) -> IngestSummary:
    """Ingest one uploaded file or one URL (fetched politely, through the address guard)."""
    settings = state.settings
    if data is not None:
        name = "upload:" + (_SAFE_NAME.sub("_", filename or "file")[:200] or "file")
        sources = [Source(name=name, data=data)]
        summary = ingest_sources(sources, state.store, settings=settings, workers=1)
    elif url:
        from newswatch.ingest.web import Fetcher, iter_url_sources

        with Fetcher(settings=settings, allow_private=state.config.allow_private) as fetcher:
            summary = ingest_sources(
                iter_url_sources([url], fetcher), state.store, settings=settings, workers=1
            )
    else:
        raise ValueError("give a URL or a file")
    if state.sender is not None:
        state.sender.poke()
    return summary


async def read_upload(upload: UploadFile, limit: int) -> bytes:
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(status_code=413, detail=f"over the size limit of {limit} bytes")
    return data


def summary_json(summary: IngestSummary) -> dict[str, Any]:
    return {
        "counts": {k: summary.counts.get(k, 0) for k in ("new", "duplicate", "skipped", "failed")},
        "results": [
            {
                "source": r.source,
                "status": r.status,
                "article_id": r.article_id,
                "reason": r.reason,
            }
            for r in summary.results
        ],
    }


@router.post("/ingest", summary="Ingest an uploaded file or a URL")
async def ingest_endpoint(
    state: State,
    user: User,
    file: Annotated[UploadFile | None, File(description="An HTML page or a text dump.")] = None,
    url: Annotated[str | None, Form(max_length=2000, description="An http(s) URL.")] = None,
) -> dict[str, Any]:
    from starlette.concurrency import run_in_threadpool

    if file is None and not (url or "").strip():
        raise HTTPException(status_code=422, detail="give a file or a url")
    data = await read_upload(file, state.settings.max_bytes) if file is not None else None
    if data is None and not re.match(r"^https?://", (url or "").strip(), re.IGNORECASE):
        raise HTTPException(status_code=422, detail="the url must be http:// or https://")
    summary = await run_in_threadpool(
        ingest,
        state,
        url=(url or "").strip() or None,
        filename=file.filename if file is not None else None,
        data=data,
    )
    return summary_json(summary)
