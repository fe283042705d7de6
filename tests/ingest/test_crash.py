"""Killing an ingest run with SIGKILL leaves a consistent base; running again finishes the rest."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from newswatch.store import Store
from newswatch.store.engine import make_engine
from newswatch.store.schema import article_entities, articles, quotes, sources, stories

N_FILES = 120


def write_corpus(folder: Path) -> None:
    folder.mkdir()
    for n in range(N_FILES):
        (folder / f"{n:04d}.txt").write_text(
            f"Report number {n} from the border region\n"
            f"DUSHANBE, March {1 + n % 28}, 2023 — Officials said on Monday that talks number {n} on "
            f"water sharing would continue, the ministry said in a statement.\n"
            f"“We expect agreement {n} before the summer,” Deputy Minister Ali Rahimov told reporters.\n"
            f"He added that experts from {n % 7 + 2} countries would join the working group.\n",
            encoding="utf-8",
        )


def count(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())
    finally:
        engine.dispose()


def assert_consistent(url: str) -> int:
    with Store.open(url) as store, store.engine.connect() as conn:
        rows = conn.execute(select(articles.c.id, articles.c.record)).all()
        for article_id, record in rows:
            n_quotes = conn.execute(
                select(func.count()).select_from(quotes).where(quotes.c.article_id == article_id)
            ).scalar_one()
            n_entities = conn.execute(
                select(func.count())
                .select_from(article_entities)
                .where(article_entities.c.article_id == article_id)
            ).scalar_one()
            assert n_quotes == len(record["quotes"]), article_id
            assert n_entities == len(record["entities"]), article_id
        in_stories = conn.execute(
            select(func.coalesce(func.sum(stories.c.articles), 0))
        ).scalar_one()
        assert in_stories == len(rows)
        done = conn.execute(
            select(func.count()).select_from(sources).where(sources.c.status == "new")
        ).scalar_one()
        assert done == len(rows)
        if store.dialect == "sqlite":
            from sqlalchemy import text

            assert conn.execute(text("SELECT count(*) FROM articles_fts")).scalar_one() == len(rows)
        else:
            assert (
                conn.execute(
                    select(func.count()).select_from(articles).where(articles.c.text.is_(None))
                ).scalar_one()
                == 0
            )
        return len(rows)


def run_ingest(folder: Path, url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NEWSWATCH_DB": url}
    return subprocess.Popen(
        [sys.executable, "-m", "newswatch", "ingest", str(folder)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_ingest_survives_sigkill_and_resumes(tmp_path: Path, db_url: str) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    Store.open(db_url).close()  # create the schema before the race
    process = run_ingest(corpus, db_url)
    deadline = time.monotonic() + 120
    try:
        while count(db_url) < 10:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "ingest made no progress"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
        if process.stderr:
            process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    stored = assert_consistent(db_url)
    assert 10 <= stored < N_FILES
    finish = run_ingest(corpus, db_url)
    _, err = finish.communicate(timeout=300)
    assert finish.returncode == 0, err.decode()
    assert assert_consistent(db_url) == N_FILES
    assert f"{stored} skipped" in err.decode()
