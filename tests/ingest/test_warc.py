from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newswatch.cli import app
from newswatch.ingest.warc import iter_warc_sources
from tests.ingest.conftest import article_html

runner = CliRunner()


def _response(
    writer: WARCWriter, uri: str, body: bytes, ctype: str, status: str = "200 OK"
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
    )
    writer.write_record(record)


def make_warc(path: Path, *, truncate: bool) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for n in range(4):
        _response(
            writer,
            f"https://news.example/{n}.html",
            article_html(n).encode(),
            "text/html; charset=utf-8",
        )
    _response(writer, "https://news.example/report.pdf", b"%PDF-1.7 report", "application/pdf")
    _response(
        writer, "https://news.example/gone.html", b"gone", "text/html", status="404 Not Found"
    )
    _response(writer, "https://news.example/last.html", article_html(9).encode() * 3, "text/html")
    data = buffer.getvalue()
    if truncate:
        data = data[:-200]  # the last record is cut short, as by a crawler that died
    path.write_bytes(data)


def test_warc_records_become_sources_and_bad_records_are_reported(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    make_warc(warc, truncate=True)
    sources = list(iter_warc_sources(str(warc)))
    good = [s for s in sources if s.error is None]
    bad = {s.name.rsplit("/", 1)[-1]: s.error for s in sources if s.error is not None}
    assert [s.url for s in good] == [f"https://news.example/{n}.html" for n in range(4)]
    assert bad["report.pdf"] == "not an HTML page (application/pdf)"
    assert bad["gone.html"].startswith("HTTP status 404")
    assert any(
        "truncated or corrupt" in (e or "") or "unreadable" in (e or "") for e in bad.values()
    )


def test_ingest_warc_stores_articles_and_reports_bad_records(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    make_warc(warc, truncate=True)
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    result = runner.invoke(app, ["ingest", str(warc), "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    (summary,) = json.loads(result.stdout)
    assert summary["new"] == 4
    assert summary["failed"] == 3
    again = runner.invoke(app, ["ingest", str(warc), "--db", db, "--format", "json"])
    (summary,) = json.loads(again.stdout)
    assert summary["new"] == 0 and summary["skipped"] == 4


def test_warc_garbage_file_is_one_clear_failure(tmp_path: Path) -> None:
    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(gzip.compress(b"this is not a WARC file at all\r\n\r\n" * 10))
    sources = list(iter_warc_sources(str(junk)))
    assert sources
    assert all(s.error and "\n" not in s.error for s in sources)
