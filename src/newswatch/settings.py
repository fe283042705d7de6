"""Settings, resolved once: packaged defaults -> config file -> environment -> flags.

The resolved :class:`Settings` is passed into the stages; nothing reads the environment later.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

__all__ = ["Settings", "load_settings"]

ENV_PREFIX = "NEWSWATCH_"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a stage may be tuned by. Defaults are the packaged defaults."""

    #: Inputs larger than this (after decompression) are refused.
    max_bytes: int = 10 * 1024 * 1024
    #: Languages the detector chooses among (ISO 639-1). Tajik is told by its own letters.
    languages: tuple[str, ...] = ("en", "ru", "tg", "uk", "kk")
    #: The database URL for the knowledge base.
    db: str = "sqlite:///newswatch.db"
    #: Fetching: the User-Agent sent with every request.
    user_agent: str = (
        "newswatch/0.1 (+https://github.com/newswatch/newswatch; news research crawler)"
    )
    #: Fetching: seconds to wait for a connection and for each read.
    timeout: float = 15.0
    #: Fetching: attempts per URL for errors worth retrying (timeouts, 429, 5xx).
    retries: int = 3
    #: Fetching: seconds between two requests to the same host (unless robots.txt asks for more).
    host_delay: float = 1.0
    #: Fetching: redirects followed before a URL is given up.
    max_redirects: int = 5


def _coerce(name: str, raw: Any, default: Any) -> Any:
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return raw
        return str(raw).strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, float):
        try:
            return float(raw)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"setting {name}: not a number: {raw!r}") from exc
    if isinstance(default, int):
        try:
            return int(raw)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"setting {name}: not a whole number: {raw!r}") from exc
    if isinstance(default, tuple):
        if isinstance(raw, str):
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        return tuple(raw)
    return str(raw)


def load_settings(
    *,
    config_file: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Resolve settings in order: defaults, a TOML config file, ``NEWSWATCH_*`` variables, overrides."""
    settings = Settings()
    known = {f.name: getattr(settings, f.name) for f in fields(Settings)}
    layers: list[Mapping[str, Any]] = []
    if config_file is not None:
        with Path(config_file).open("rb") as handle:
            data = tomllib.load(handle)
        layers.append(data.get("newswatch", data))
    env = os.environ if environ is None else environ
    layers.append(
        {
            key[len(ENV_PREFIX) :].lower(): value
            for key, value in env.items()
            if key.startswith(ENV_PREFIX) and key[len(ENV_PREFIX) :].lower() in known
        }
    )
    if overrides:
        layers.append({k: v for k, v in overrides.items() if v is not None})
    for layer in layers:
        changes = {k: _coerce(k, v, known[k]) for k, v in layer.items() if k in known}
        settings = replace(settings, **changes)
    return settings
