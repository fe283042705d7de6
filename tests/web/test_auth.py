from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from newswatch.store import Store
from newswatch.store.schema import users
from newswatch.web.auth import SESSION_COOKIE
from tests.web.conftest import csrf_of, sign_up


def test_signed_out_pages_send_to_sign_in_and_api_says_401(client: TestClient) -> None:
    for path in ("/watchlists", "/ingest", "/account"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")
    assert "You need an account" in client.get("/login?next=%2Fwatchlists").text
    assert client.get("/api/watchlists").status_code == 401
    assert client.post("/api/watchlists", json={"kind": "keyword", "value": "x"}).status_code == 401
    assert client.post("/api/ingest", data={"url": "https://example.org/"}).status_code == 401


def test_passwords_are_stored_as_argon2_hashes(client: TestClient, store: Store) -> None:
    sign_up(client, "alice", "a very long secret")
    with store.engine.connect() as conn:
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2") and "a very long secret" not in stored


def test_session_cookie_is_httponly_and_samesite(client: TestClient) -> None:
    token = csrf_of(client.get("/register").text)
    response = client.post(
        "/register",
        data={"username": "bob", "password": "p" * 12, "password2": "p" * 12, "csrf_token": token},
        follow_redirects=False,
    )
    cookie = next(
        v
        for k, v in response.headers.multi_items()
        if k == "set-cookie" and v.startswith(SESSION_COOKIE)
    )
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie


def test_forms_without_the_csrf_token_are_refused(client: TestClient) -> None:
    client.get("/register")
    response = client.post(
        "/register", data={"username": "eve", "password": "p" * 12, "password2": "p" * 12}
    )
    assert response.status_code == 403
    csrf = sign_up(client, "carol")
    assert client.post("/watchlists", data={"kind": "keyword", "value": "gas"}).status_code == 403
    ok = client.post(
        "/watchlists",
        data={"kind": "keyword", "value": "gas", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert ok.status_code == 303


def test_cookie_api_writes_need_the_csrf_header(client: TestClient) -> None:
    csrf = sign_up(client, "dave")
    body = {"kind": "keyword", "value": "water"}
    assert client.post("/api/watchlists", json=body).status_code == 403
    created = client.post("/api/watchlists", json=body, headers={"X-CSRF-Token": csrf})
    assert created.status_code == 201


def test_sign_in_is_rate_limited(client: TestClient) -> None:
    sign_up(client, "frank", "the right password")
    client.post("/logout", data={"csrf_token": csrf_of(client.get("/").text)})
    token = csrf_of(client.get("/login").text)
    for _ in range(5):
        wrong = client.post(
            "/login", data={"username": "frank", "password": "wrong one!", "csrf_token": token}
        )
        assert wrong.status_code == 400
    right = client.post(
        "/login",
        data={"username": "frank", "password": "the right password", "csrf_token": token},
        follow_redirects=False,
    )
    assert right.status_code == 429
    assert "too many failed sign-ins" in right.text


def test_sign_in_and_out(client: TestClient) -> None:
    sign_up(client, "grace", "the right password")
    client.post("/logout", data={"csrf_token": csrf_of(client.get("/").text)})
    assert client.get("/watchlists", follow_redirects=False).status_code == 303
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login",
        data={
            "username": "grace",
            "password": "the right password",
            "csrf_token": token,
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/watchlists"
    assert client.get("/watchlists").status_code == 200


def test_api_token_works_as_bearer_and_only_for_its_user(client: TestClient) -> None:
    csrf = sign_up(client, "heidi")
    page = client.post("/account/tokens", data={"name": "script", "csrf_token": csrf}).text
    token = page.split('id="new-token">')[1].split("<")[0]
    client.cookies.clear()
    bearer = {"Authorization": f"Bearer {token}"}
    made = client.post("/api/watchlists", json={"kind": "keyword", "value": "dam"}, headers=bearer)
    assert made.status_code == 201
    assert [w["value"] for w in client.get("/api/watchlists", headers=bearer).json()["items"]] == [
        "dam"
    ]
    assert (
        client.get("/api/watchlists", headers={"Authorization": "Bearer nw_wrong"}).status_code
        == 401
    )


def test_accounts_migration_goes_down_and_up_again(store: Store) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

    from newswatch.store.engine import _MIGRATIONS, migrate

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    assert "watchlists" not in inspect(store.engine).get_table_names()
    migrate(store.engine)
    assert {"users", "sessions", "api_tokens", "watchlists", "alerts", "webhook_deliveries"} <= set(
        inspect(store.engine).get_table_names()
    )
