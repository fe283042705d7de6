from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newswatch.cli import app
from newswatch.ingest.web import Fetcher, FetchError, check_address
from newswatch.settings import Settings
from newswatch.store import Store

runner = CliRunner()


def test_ingest_feed_stores_good_pages_and_records_each_failure(
    news_site: str, db_url: str, fast_fetch: None
) -> None:
    result = runner.invoke(
        app,
        [
            "ingest",
            "--feed",
            f"{news_site}/feed.xml",
            "--allow-private",
            "--db",
            db_url,
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    (summary,) = json.loads(result.stdout)
    assert summary["new"] == 15
    assert summary["failed"] == 5
    reasons = {f["source"].rsplit("/", 1)[-1]: f["reason"] for f in summary["failures"]}
    assert reasons["missing.html"] == "HTTP 404"
    assert reasons["slow.html"].startswith("timed out")
    assert reasons["report.pdf"] == "not an HTML page (application/pdf)"
    assert reasons["a"].startswith("too many redirects")
    assert reasons["secret.html"] == "disallowed by robots.txt"
    with Store.open(db_url) as store:
        assert store.counts()["articles"] == 15
        assert len(store.errors()) == 5


def test_ingest_strict_exits_1_on_failures(news_site: str, tmp_path, fast_fetch: None) -> None:
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    url = f"{news_site}/news/missing.html"
    assert runner.invoke(app, ["ingest", url, "--allow-private", "--db", db]).exit_code == 0
    assert (
        runner.invoke(app, ["ingest", url, "--allow-private", "--db", db, "--strict"]).exit_code
        == 1
    )


def test_ingest_sitemap_index_is_followed(news_site: str, tmp_path, fast_fetch: None) -> None:
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    result = runner.invoke(
        app,
        [
            "ingest",
            "--sitemap",
            f"{news_site}/sitemap_index.xml",
            "--allow-private",
            "--db",
            db,
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["new"] == 3


def test_fetcher_refuses_loopback_unless_allowed(news_site: str) -> None:
    with pytest.raises(FetchError, match="private, loopback"):
        check_address(f"{news_site}/news/1.html", allow_private=False)
    with pytest.raises(FetchError, match="not an http"):
        check_address("file:///etc/passwd", allow_private=True)
    settings = Settings(timeout=1.0, retries=1, host_delay=0.0)
    with Fetcher(settings=settings) as fetcher, pytest.raises(FetchError, match="private"):
        fetcher.fetch(f"{news_site}/news/1.html")
    with Fetcher(settings=settings, allow_private=True) as fetcher:
        assert b"update 1" in fetcher.fetch(f"{news_site}/news/1.html").data


def test_fetcher_size_cap(news_site: str) -> None:
    settings = Settings(timeout=1.0, retries=1, host_delay=0.0, max_bytes=100)
    with (
        Fetcher(settings=settings, allow_private=True) as fetcher,
        pytest.raises(FetchError, match="size limit"),
    ):
        fetcher.fetch(f"{news_site}/news/2.html")
