"""Accounts: argon2 password hashes, server-side sessions, CSRF tokens, API tokens, sign-in limits.

Secrets handed to a browser or a script (session ids, API tokens) are random and stored only as
their SHA-256 digests, so a copy of the database opens no account. Every form carries a CSRF
token: the session's own when signed in, else a random value that must match a cookie (the
double-submit pattern, for the sign-in and sign-up forms).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from newswatch.store.schema import api_tokens, login_failures, sessions, users

__all__ = [
    "SESSION_COOKIE",
    "Accounts",
    "AuthError",
    "RateLimited",
    "Viewer",
    "same_token",
]

SESSION_COOKIE = "nw_session"
PRE_SESSION_COOKIE = "nw_csrf"
_USERNAME = re.compile(r"^[A-Za-z0-9_.-]{3,64}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
#: Failed sign-ins allowed in the window, per account name and per client address.
FAILURES_PER_USER = 5
FAILURES_PER_ADDRESS = 20
FAILURE_WINDOW = timedelta(minutes=15)


class AuthError(ValueError):
    """Registration or sign-in refused; the message can be shown to the visitor."""


class RateLimited(AuthError):
    """Too many failed sign-ins: wait before trying again."""


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is asking: a signed-in user, through a session cookie or an API token."""

    user_id: int
    username: str
    #: The session's CSRF token; None for API-token requests (no cookie, nothing to forge).
    csrf: str | None
    via: str


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def same_token(a: str | None, b: str | None) -> bool:
    """Constant-time comparison of two secrets; a missing one never matches."""
    if not a or not b:
        return False
    return secrets.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Accounts:
    """Users, sessions and API tokens in the knowledge base's database."""

    def __init__(self, engine: Engine, *, session_days: int = 14) -> None:
        self.engine = engine
        self.session_lifetime = timedelta(days=session_days)
        self.hasher = PasswordHasher()
        # Verified against when the account does not exist, so timing does not tell.
        self._dummy_hash = self.hasher.hash(secrets.token_hex(16))

    # -- registration and sign-in ------------------------------------------------------------
    def register(self, username: str, password: str) -> int:
        username = (username or "").strip()
        if not _USERNAME.match(username):
            raise AuthError("a user name is 3 to 64 letters, digits, dots, dashes or underscores")
        if not (MIN_PASSWORD <= len(password or "") <= MAX_PASSWORD):
            raise AuthError(f"a password has at least {MIN_PASSWORD} characters")
        hashed = self.hasher.hash(password)
        try:
            with self.engine.begin() as conn:
                taken = conn.execute(
                    select(users.c.id).where(func.lower(users.c.username) == username.lower())
                ).first()
                if taken is not None:
                    raise AuthError("that user name is taken")
                result = conn.execute(
                    insert(users).values(
                        username=username, password_hash=hashed, created_at=datetime.now(UTC)
                    )
                )
        except IntegrityError as exc:
            raise AuthError("that user name is taken") from exc
        key = result.inserted_primary_key
        if not key:
            raise AuthError("the account could not be created")
        return int(key[0])

    def _recent_failures(self, key: str, since: datetime) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(
                    select(func.count())
                    .select_from(login_failures)
                    .where(login_failures.c.key == key, login_failures.c.at >= since)
                ).scalar_one()
            )

    def authenticate(self, username: str, password: str, *, address: str) -> Viewer:
        """The user, when the password is right and the limits allow; else :class:`AuthError`."""
        username = (username or "").strip()[:64]
        now = datetime.now(UTC)
        since = now - FAILURE_WINDOW
        user_key, address_key = f"user:{username.lower()}", f"ip:{address}"
        if (
            self._recent_failures(user_key, since) >= FAILURES_PER_USER
            or self._recent_failures(address_key, since) >= FAILURES_PER_ADDRESS
        ):
            raise RateLimited("too many failed sign-ins: try again in 15 minutes")
        with self.engine.connect() as conn:
            row = conn.execute(
                select(users.c.id, users.c.username, users.c.password_hash).where(
                    func.lower(users.c.username) == username.lower()
                )
            ).first()
        ok = False
        try:
            ok = self.hasher.verify(row[2] if row else self._dummy_hash, password[:MAX_PASSWORD])
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok or row is None:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(login_failures),
                    [{"key": user_key, "at": now}, {"key": address_key, "at": now}],
                )
                conn.execute(delete(login_failures).where(login_failures.c.at < since))
            raise AuthError("wrong user name or password")
        return Viewer(user_id=int(row[0]), username=row[1], csrf=None, via="password")

    # -- sessions ------------------------------------------------------------------------------
    def new_session(self, user_id: int) -> tuple[str, str]:
        """A new session for ``user_id``: ``(cookie value, CSRF token)``."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            conn.execute(delete(sessions).where(sessions.c.expires_at < now))
            conn.execute(
                insert(sessions).values(
                    token_hash=_digest(token),
                    user_id=user_id,
                    csrf=csrf,
                    created_at=now,
                    expires_at=now + self.session_lifetime,
                )
            )
        return token, csrf

    def session_viewer(self, token: str | None) -> Viewer | None:
        if not token or len(token) > 200:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(
                select(users.c.id, users.c.username, sessions.c.csrf, sessions.c.expires_at)
                .join(users, users.c.id == sessions.c.user_id)
                .where(sessions.c.token_hash == _digest(token))
            ).first()
        if row is None or _aware(row[3]) < datetime.now(UTC):
            return None
        return Viewer(user_id=int(row[0]), username=row[1], csrf=row[2], via="session")

    def end_session(self, token: str | None) -> None:
        if token:
            with self.engine.begin() as conn:
                conn.execute(delete(sessions).where(sessions.c.token_hash == _digest(token)))

    # -- API tokens ----------------------------------------------------------------------------
    def new_api_token(self, user_id: int, name: str) -> str:
        """A personal API token (shown once: only its digest is kept)."""
        token = "nw_" + secrets.token_urlsafe(32)
        name = " ".join((name or "").split())[:100] or "API token"
        with self.engine.begin() as conn:
            conn.execute(
                insert(api_tokens).values(
                    user_id=user_id,
                    name=name,
                    token_hash=_digest(token),
                    created_at=datetime.now(UTC),
                )
            )
        return token

    def token_viewer(self, token: str | None) -> Viewer | None:
        if not token or len(token) > 200:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(
                select(users.c.id, users.c.username)
                .join(api_tokens, api_tokens.c.user_id == users.c.id)
                .where(api_tokens.c.token_hash == _digest(token))
            ).first()
        return Viewer(user_id=int(row[0]), username=row[1], csrf=None, via="token") if row else None

    def api_tokens(self, user_id: int) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(api_tokens.c.id, api_tokens.c.name, api_tokens.c.created_at)
                .where(api_tokens.c.user_id == user_id)
                .order_by(api_tokens.c.id)
            ).all()
        return [{"id": r[0], "name": r[1], "created_at": _aware(r[2]).isoformat()} for r in rows]

    def revoke_api_token(self, user_id: int, token_id: int) -> bool:
        with self.engine.begin() as conn:
            result = conn.execute(
                delete(api_tokens).where(
                    api_tokens.c.id == token_id, api_tokens.c.user_id == user_id
                )
            )
        return bool(result.rowcount)
