from __future__ import annotations

import gzip
from pathlib import Path

from sqlalchemy import func, select
from typer.testing import CliRunner

from newswatch.batch import plan_units, prepare_output, run_unit
from newswatch.batch_bench import generate_warcs
from newswatch.batch_load import load_batch
from newswatch.cli import app
from newswatch.settings import Settings
from newswatch.store import Store
from newswatch.store.schema import articles, errors, quotes, stories

runner = CliRunner()


def batch_output(tmp_path: Path, pages: int = 30) -> Path:
    """The shards of one WARC of generated pages (a 404 among them), written without a cluster."""
    out = tmp_path / "out"
    prepare_output(out, None)
    units, _ = plan_units([str(p) for p in generate_warcs(tmp_path / "w", pages=pages, files=2)])
    for unit in units:
        run_unit(unit, str(out), Settings())
    return out


def count(store: Store, table: object) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_load_batch_stores_articles_entities_quotes_and_stories(
    db_url: str, tmp_path: Path
) -> None:
    out = batch_output(tmp_path)
    with Store.open(db_url) as store:
        summary = load_batch(out, store)
        assert summary.counts["new"] == 29 and summary.counts["failed"] == 1
        assert count(store, articles) == 29
        assert count(store, quotes) > 29
        assert count(store, stories) >= 1
        assert count(store, errors) == 1
        people = store.entities(type="PERSON", top=100).items
        assert people and all(p["articles"] >= 1 for p in people)

        again = load_batch(out, store)
        assert again.counts["skipped"] == 30 and again.counts["new"] == 0
        assert count(store, articles) == 29 and count(store, errors) == 1


def test_load_batch_records_a_damaged_shard_and_goes_on(tmp_path: Path) -> None:
    out = batch_output(tmp_path, pages=10)
    (out / "files-broken-000000000000.jsonl.gz").write_bytes(
        gzip.compress(b'{"source": "x", "id": 1}\nnot json\n')[:-6]
    )
    with Store.open(f"sqlite:///{tmp_path / 'kb.db'}") as store:
        summary = load_batch(out, store)
    assert summary.counts["new"] == 10
    reasons = [reason for _, reason in summary.failures]
    assert any("not an article record" in r for r in reasons)
    assert any("not JSON" in r for r in reasons)


def test_ingest_from_batch_cli_is_idempotent(tmp_path: Path) -> None:
    out = batch_output(tmp_path, pages=10)
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    first = runner.invoke(app, ["ingest", "--from-batch", str(out), "--db", db, "-f", "json"])
    assert first.exit_code == 0, first.output
    assert '"new": 10' in first.stdout
    second = runner.invoke(app, ["ingest", "--from-batch", str(out), "--db", db, "-f", "json"])
    assert '"skipped": 10' in second.stdout and '"new": 0' in second.stdout
    both = runner.invoke(app, ["ingest", "x.html", "--from-batch", str(out), "--db", db])
    assert both.exit_code == 2
    missing = runner.invoke(app, ["ingest", "--from-batch", str(tmp_path / "nope"), "--db", db])
    assert missing.exit_code == 2 and "no such folder" in missing.stderr
