from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from newswatch import alerts as watch
from newswatch.ingest.web import FetchError, check_address
from newswatch.record import Article, Entity, Mention, article_id
from newswatch.store import Store
from newswatch.store.schema import webhook_deliveries
from newswatch.web.auth import Accounts
from tests.conftest import ROOT
from tests.web.conftest import make_article, sign_up, zas_article


def _user(store: Store, name: str) -> int:
    return Accounts(store.engine).register(name, "a long enough password")


def test_alerts_are_found_when_the_store_writes_an_article(store: Store) -> None:
    me = _user(store, "ana")
    keyword = watch.create_watchlist(store.engine, user_id=me, kind="keyword", value="invasion")
    speaker = watch.create_watchlist(store.engine, user_id=me, kind="speaker", value="Zas")
    other = watch.create_watchlist(store.engine, user_id=me, kind="keyword", value="harvest")
    store.add_article(zas_article(1))
    page = watch.list_alerts(
        store.engine, watchlist_ids=[keyword["id"], speaker["id"], other["id"]]
    )
    by_watch = {a["watchlist"]["id"]: a for a in page.items}
    assert set(by_watch) == {keyword["id"], speaker["id"]}
    assert by_watch[speaker["id"]]["quote_seq"] == 0
    assert by_watch[speaker["id"]]["snippet"].startswith("Stanislav Zas: ")


def test_keyword_matches_whole_words_only(store: Store) -> None:
    me = _user(store, "ben")
    watch_id = watch.create_watchlist(store.engine, user_id=me, kind="keyword", value="gas")["id"]
    store.add_article(make_article("Vegas is far away.", title="Travel", published="2023-01-01"))
    assert watch.list_alerts(store.engine, watchlist_ids=[watch_id]).items == []
    store.add_article(make_article("Gas prices rose.", title="Prices", published="2023-01-02"))
    assert len(watch.list_alerts(store.engine, watchlist_ids=[watch_id]).items) == 1


def test_entity_watch_is_resolved_to_the_knowledge_base_entity(store: Store) -> None:
    store.add_article(zas_article(1))
    me = _user(store, "cat")
    made = watch.create_watchlist(
        store.engine, user_id=me, kind="entity", value="Zas", find_entity=store.find_entity
    )
    assert made["entity_id"] is not None
    store.add_article(zas_article(2))
    assert len(watch.list_alerts(store.engine, watchlist_ids=[made["id"]]).items) == 1


def test_watchlist_values_are_checked(store: Store) -> None:
    me = _user(store, "dan")
    for kind, value, hook in (
        ("person", "x", None),
        ("keyword", "   ", None),
        ("keyword", "!!!", None),
        ("keyword", "gas", "javascript:alert(1)"),
    ):
        with pytest.raises(watch.WatchlistError):
            watch.create_watchlist(
                store.engine, user_id=me, kind=kind, value=value, webhook_url=hook
            )


def test_one_user_cannot_read_anothers_watchlist_or_feed(client: TestClient, store: Store) -> None:
    csrf = sign_up(client, "owner")
    made = client.post(
        "/api/watchlists",
        json={"kind": "keyword", "value": "invasion"},
        headers={"X-CSRF-Token": csrf},
    ).json()
    store.add_article(zas_article(1))
    feed = f"/watchlists/{made['id']}/feed.atom"
    atom = client.get(feed, params={"token": made["feed_token"]})
    assert atom.status_code == 200 and atom.headers["content-type"].startswith(
        "application/atom+xml"
    )
    assert "CSTO chief speaks (1)" in atom.text and "<entry>" in atom.text
    client.cookies.clear()
    sign_up(client, "intruder")
    assert client.get(f"/api/watchlists/{made['id']}").status_code == 404
    assert client.get(f"/api/watchlists/{made['id']}/alerts").status_code == 404
    assert client.get(f"/watchlists/{made['id']}").status_code == 404
    assert client.get("/api/watchlists").json()["items"] == []
    assert client.get("/api/alerts").json()["items"] == []
    assert client.get(feed, params={"token": "guess"}).status_code == 404
    assert client.get(feed).status_code == 404


def test_ingest_api_uploads_a_file_and_finds_alerts(client: TestClient, store: Store) -> None:
    csrf = sign_up(client, "uploader")
    headers = {"X-CSRF-Token": csrf}
    client.post("/api/watchlists", json={"kind": "keyword", "value": "одкб"}, headers=headers)
    sample = ROOT / "samples" / "ru-csto-zas-press-conference.html"
    with sample.open("rb") as handle:
        response = client.post(
            "/api/ingest", files={"file": (sample.name, handle, "text/html")}, headers=headers
        )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["counts"]["new"] == 1
    article_id = body["results"][0]["article_id"]
    assert client.get(f"/articles/{article_id}").status_code == 200
    alerts = client.get("/api/alerts").json()["items"]
    assert [a["article"]["id"] for a in alerts] == [article_id]
    assert "ОДКБ" in alerts[0]["snippet"]


def test_ingest_refuses_a_url_to_a_loopback_address(client: TestClient) -> None:
    csrf = sign_up(client, "fetcher")
    response = client.post(
        "/api/ingest", data={"url": "http://127.0.0.1:9/page"}, headers={"X-CSRF-Token": csrf}
    )
    assert response.status_code == 200
    result = response.json()["results"][0]
    assert result["status"] == "failed" and "refused" in result["reason"]


# -- webhooks -------------------------------------------------------------------------------------
def _hooked(store: Store, url: str = "https://hooks.example.org/in") -> int:
    me = _user(store, "hooker")
    watch.create_watchlist(
        store.engine, user_id=me, kind="keyword", value="invasion", webhook_url=url
    )
    store.add_article(zas_article(1))
    with store.engine.connect() as conn:
        return int(conn.execute(select(webhook_deliveries.c.id)).scalar_one())


def _delivery(store: Store, delivery_id: int) -> dict[str, object]:
    with store.engine.connect() as conn:
        row = (
            conn.execute(select(webhook_deliveries).where(webhook_deliveries.c.id == delivery_id))
            .mappings()
            .one()
        )
    return dict(row)


def test_webhook_is_posted_once_with_the_alert(store: Store) -> None:
    delivery = _hooked(store)
    received: list[dict[str, object]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        received.append(json.loads(request.content))
        return httpx.Response(204)

    client = httpx.Client(transport=httpx.MockTransport(handler))
    report = watch.deliver_pending(store.engine, guard=lambda _url: None, client=client)
    assert report.delivered == 1
    assert received[0]["watch"] == {"kind": "keyword", "value": "invasion"}
    assert _delivery(store, delivery)["status"] == "delivered"
    assert (
        watch.deliver_pending(store.engine, guard=lambda _url: None, client=client).delivered == 0
    )
    assert len(received) == 1


def test_webhook_is_retried_with_backoff_then_given_up(store: Store) -> None:
    delivery = _hooked(store)
    client = httpx.Client(transport=httpx.MockTransport(lambda _r: httpx.Response(503)))
    moment = datetime.now(UTC)

    def clock() -> datetime:
        return moment

    for attempt in range(1, watch.MAX_ATTEMPTS + 1):
        report = watch.deliver_pending(
            store.engine, guard=lambda _url: None, client=client, now=clock
        )
        state = _delivery(store, delivery)
        assert state["attempts"] == attempt and state["last_error"] == "HTTP 503"
        if attempt < watch.MAX_ATTEMPTS:
            assert report.retrying == 1 and state["status"] == "pending"
            # Not due again until the backoff has passed.
            assert (
                watch.deliver_pending(
                    store.engine, guard=lambda _url: None, client=client, now=clock
                ).retrying
                == 0
            )
            moment += timedelta(hours=2**attempt)
    assert state["status"] == "failed"


def test_webhook_goes_through_the_fetchers_address_guard(store: Store) -> None:
    delivery = _hooked(store, url="http://127.0.0.1:9/hook")
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(200)

    client = httpx.Client(transport=httpx.MockTransport(handler))

    def guard(url: str) -> None:
        check_address(url, allow_private=False)

    watch.deliver_pending(store.engine, guard=guard, client=client)
    assert calls == []
    assert "refused" in str(_delivery(store, delivery)["last_error"])
    with pytest.raises(FetchError):
        check_address("http://127.0.0.1:9/hook", allow_private=False)


def test_speaker_watch_fires_across_scripts(store: Store) -> None:
    store.add_article(zas_article(1))
    me = _user(store, "eva")
    made = watch.create_watchlist(
        store.engine, user_id=me, kind="speaker", value="Зась", find_entity=store.find_entity
    )
    store.add_article(zas_article(2))
    russian = "Станислав Зась выступил в Душанбе.\n«Угрозы нет», — сказал Станислав Зась."
    store.add_article(
        make_article(
            russian,
            title="Зась",
            published="2022-12-21",
            speaker="Станислав Зась",
            said="Угрозы нет",
        )
    )
    snippets = [
        a["snippet"] for a in watch.list_alerts(store.engine, watchlist_ids=[made["id"]]).items
    ]
    assert len(snippets) == 2
    assert any(s.startswith("Stanislav Zas: ") for s in snippets)
    assert any(s.startswith("Станислав Зась: ") for s in snippets)


def test_watch_made_before_its_entity_is_resolved_when_the_entity_arrives(store: Store) -> None:
    me = _user(store, "fay")
    made = watch.create_watchlist(
        store.engine, user_id=me, kind="entity", value="CSTO", find_entity=store.find_entity
    )
    assert made["entity_id"] is None  # nothing in the base yet
    english = org_article(
        "The CSTO met in Minsk.", "Collective Security Treaty Organization", "CSTO"
    )
    russian = org_article(
        "ОДКБ провела учения.", "Организация Договора о коллективной безопасности", "ОДКБ", "ru"
    )
    store.add_article(english)
    assert watch.get_watchlist(store.engine, user_id=me, watchlist_id=made["id"])["entity_id"]
    store.add_article(russian)
    found = watch.list_alerts(store.engine, watchlist_ids=[made["id"]]).items
    assert {a["article"]["id"] for a in found} == {english.id, russian.id}


def org_article(text: str, name: str, alias: str, language: str = "en") -> Article:
    at = text.find(alias)
    entity = Entity(
        id="e1",
        name=name,
        type="ORG",
        aliases=(alias,),
        mentions=(Mention(at, at + len(alias), alias),),
    )
    return Article(
        id=article_id(url=None, text=text),
        text=text,
        language=language,
        published="2022-12-20",
        title=text,
        entities=(entity,),
    )
