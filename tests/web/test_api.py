from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newswatch.store import Store
from tests.web.conftest import hostile_article, make_article, zas_article


def test_api_lists_page_with_cursors_and_lose_nothing(client: TestClient, store: Store) -> None:
    for n in range(7):
        store.add_article(zas_article(n, published=f"2022-12-{10 + n:02d}"))
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/articles", params=params).json()
        assert set(body) == {"items", "next"}
        seen += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            break
    assert pages == 3
    assert len(seen) == len(set(seen)) == 7
    published = [client.get(f"/api/articles/{i}").json()["published"] for i in seen]
    assert published == sorted(published, reverse=True)


def test_api_refuses_a_bad_cursor_and_a_huge_limit(client: TestClient) -> None:
    assert client.get("/api/quotes", params={"cursor": "not-a-cursor"}).status_code == 400
    assert client.get("/api/articles", params={"limit": 5000}).status_code == 422
    assert client.get("/api/articles", params={"since": "yesterday"}).status_code == 422


def test_api_article_is_the_record_json(client: TestClient, store: Store) -> None:
    article = zas_article(1)
    store.add_article(article)
    body = client.get(f"/api/articles/{article.id}").json()
    assert body["id"] == article.id
    assert body["quotes"][0]["speaker"]["name"] == "Stanislav Zas"
    assert client.get("/api/articles/0000000000000000").status_code == 404


def test_api_quotes_filter_by_speaker_and_words(client: TestClient, store: Store) -> None:
    store.add_article(zas_article(1))
    store.add_article(
        make_article(
            "Rustam Nazarov spoke.\n“Prices will fall,” Rustam Nazarov said.",
            title="Prices",
            published="2023-02-01",
            speaker="Rustam Nazarov",
            said="Prices will fall",
        )
    )
    by_speaker = client.get("/api/quotes", params={"speaker": "Zas"}).json()["items"]
    assert [q["speaker"]["name"] for q in by_speaker] == ["Stanislav Zas"]
    about = client.get("/api/quotes", params={"about": "prices"}).json()["items"]
    assert [q["text"] for q in about] == ["Prices will fall"]
    assert client.get("/api/quotes", params={"until": "2022-12-31"}).json()["items"][0]["speaker"][
        "name"
    ] == ("Stanislav Zas")


def test_api_entity_has_timeline_and_its_statements(client: TestClient, store: Store) -> None:
    store.add_article(zas_article(1, "2022-11-20"))
    store.add_article(zas_article(2, "2022-12-20"))
    store.add_article(zas_article(3, "2022-12-21"))
    entities = client.get("/api/entities", params={"type": "PERSON"}).json()["items"]
    zas = next(e for e in entities if e["name"] == "Stanislav Zas")
    body = client.get(f"/api/entities/{zas['id']}").json()
    assert body["timeline"] == [
        {"period": "2022-11", "quotes": 1},
        {"period": "2022-12", "quotes": 2},
    ]
    quotes = client.get(f"/api/entities/{zas['id']}/quotes", params={"limit": 2}).json()
    assert len(quotes["items"]) == 2 and quotes["next"] is not None
    assert client.get("/api/entities/nobody-at-all").status_code == 404


def test_api_search_and_stories(client: TestClient, store: Store) -> None:
    store.add_article(zas_article(1))
    found = client.get("/api/search", params={"q": "Dushanbe"}).json()["items"]
    assert len(found) == 1 and "Dushanbe" in found[0]["snippet"]
    stories = client.get("/api/stories").json()["items"]
    assert stories and client.get(f"/api/stories/{stories[0]['id']}").status_code == 200
    assert client.get("/api/stories/nope").status_code == 404


def test_openapi_describes_every_endpoint(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/quotes",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/entities/{entity_id}/quotes",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/search",
        "/api/watchlists",
        "/api/ingest",
    ):
        assert path in paths


def test_every_response_carries_a_content_security_policy(client: TestClient) -> None:
    for path in ("/", "/api/articles", "/static/style.css", "/no/such/page"):
        policy = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_hostile_article_is_shown_as_text(client: TestClient, store: Store) -> None:
    article = hostile_article()
    store.add_article(article)
    for path in (f"/articles/{article.id}", "/", "/search?q=officials"):
        html = client.get(path).text
        assert "<script>alert" not in html
        assert "onerror=" not in html.replace("onerror=&#34;", "").replace("onerror=&quot;", "")
        assert 'href="javascript:' not in html
    page = client.get(f"/articles/{article.id}").text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in page
    assert "javascript:alert(4)" in page  # shown, as text


def test_pages_render_for_the_reading_paths(client: TestClient, store: Store) -> None:
    article = zas_article(1)
    store.add_article(article)
    entity = client.get("/api/entities").json()["items"][0]["id"]
    story = client.get("/api/stories").json()["items"][0]["id"]
    for path in (
        "/",
        "/?lang=en&since=2022-01-01",
        f"/articles/{article.id}",
        "/entities",
        f"/entities/{entity}",
        f"/entities/{entity}?by=week",
        "/quotes?speaker=Zas",
        "/search?q=Dushanbe",
        "/stories",
        f"/stories/{story}",
        "/login",
        "/register",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
    assert client.get("/articles/nope").status_code == 404
    assert "must be a date" in client.get("/?since=soon").text


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=st.text(alphabet=st.sampled_from("<>\"'&/= ascriptonerror:"), min_size=1, max_size=40),
    body=st.text(alphabet=st.sampled_from("<>\"'&/= \nimgjavascript:"), min_size=1, max_size=80),
)
def test_any_scraped_title_and_text_come_back_escaped(
    client: TestClient, store: Store, title: str, body: str
) -> None:
    if not body.strip():
        body += "x"
    article = make_article(body, title=title, published="2023-03-01", url=f"javascript:{title}")
    store.add_article(article)
    page = client.get(f"/articles/{article.id}").text
    main = page.split("<main>")[1].split("</main>")[0]
    text_part = main.split('<div class="text" id="text">')[1].split("</div>")[0]
    # Only our own tags remain: paragraphs (and marks, which this article has none of).
    assert set(re.findall(r"</?([a-zA-Z]+)", text_part)) <= {"p"}
    assert 'href="javascript' not in main
    assert html.unescape(main.split('<h1 id="title">')[1].split("</h1>")[0]) == title
