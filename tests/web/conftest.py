from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newswatch.record import Article, Entity, Mention, Outlet, Quote, Speaker, article_id
from newswatch.settings import Settings
from newswatch.store import Store
from newswatch.web import create_app
from newswatch.web.deps import WebConfig

HOSTILE_TITLE = '<script>alert("title")</script><img src=x onerror="alert(1)">'
HOSTILE_TEXT = (
    'Officials said <script>alert("body")</script> nothing.\n'
    '<img src=x onerror="alert(2)"> and <a href="javascript:alert(3)">click</a> here.'
)


def _person(local: str, name: str, text: str, *aliases: str, roles: tuple[str, ...] = ()) -> Entity:
    at = text.find(name)
    mentions = (Mention(at, at + len(name), name),) if at >= 0 else ()
    return Entity(
        id=local, name=name, type="PERSON", aliases=aliases, roles=roles, mentions=mentions
    )


def make_article(
    text: str,
    *,
    title: str,
    published: str,
    speaker: str | None = None,
    said: str | None = None,
    language: str = "en",
    url: str | None = None,
    outlet: str | None = "Asia-Plus",
) -> Article:
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    if speaker and said:
        entity = _person("e1", speaker, text, speaker.split()[-1], roles=("spokesman",))
        start = text.find(said)
        at = text.find(speaker)
        quotes = (
            Quote(
                text=said,
                kind="direct",
                start=start,
                end=start + len(said),
                speaker=Speaker(
                    name=speaker, entity="e1", mention=speaker, start=at, end=at + len(speaker)
                ),
                cue="said",
                date=published,
                via=("Sputnik Tajikistan",),
            ),
        )
        entities = (entity,)
    return Article(
        id=article_id(url=url, text=text),
        text=text,
        url=url,
        title=title,
        published=published,
        language=language,
        outlet=Outlet(name=outlet, domain=None) if outlet else None,
        entities=entities,
        quotes=quotes,
    )


def zas_article(n: int, published: str = "2022-12-20") -> Article:
    said = f"There is no threat of invasion number {n}"
    text = f"Stanislav Zas spoke in Dushanbe.\n“{said},” Stanislav Zas said on Monday."
    return make_article(
        text,
        title=f"CSTO chief speaks ({n})",
        published=published,
        speaker="Stanislav Zas",
        said=said,
    )


def hostile_article() -> Article:
    return make_article(
        HOSTILE_TEXT, title=HOSTILE_TITLE, published="2023-01-05", url="javascript:alert(4)"
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'web.db'}") as opened:
        yield opened


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    app = create_app(
        Settings(db=str(store.engine.url)), config=WebConfig(webhooks=False), store=store
    )
    with TestClient(app) as test_client:
        yield test_client


_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def sign_up(client: TestClient, username: str, password: str = "correct horse battery") -> str:
    """Register (which signs in) through the forms; the session's CSRF token."""
    token = csrf_of(client.get("/register").text)
    response = client.post(
        "/register",
        data={
            "username": username,
            "password": password,
            "password2": password,
            "csrf_token": token,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/watchlists").text)
