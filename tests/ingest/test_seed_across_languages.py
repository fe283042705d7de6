"""The seed and a Russian report of the same press conference, ingested through the whole
pipeline: one entity for Stanislav Zas / Станислав Зась, one for CSTO / ОДКБ, and statements
from both articles found by the Russian surname."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newswatch.cli import app
from tests.conftest import ROOT

runner = CliRunner()
RUSSIAN_REPORT = ROOT / "samples" / "ru-csto-zas-press-conference.html"


def test_seed_and_russian_report_share_entities_and_speaker(
    seed_bytes: bytes, db_url: str, tmp_path: Path
) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_bytes(seed_bytes)
    result = runner.invoke(app, ["ingest", str(seed), str(RUSSIAN_REPORT), "--db", db_url])
    assert result.exit_code == 0, result.output

    found = runner.invoke(app, ["quotes", "--speaker", "Зась", "--db", db_url, "--format", "json"])
    assert found.exit_code == 0, found.output
    quotes = json.loads(found.stdout)
    assert {q["article"]["language"] for q in quotes} == {"en", "ru"}
    assert len({q["speaker"]["kb_entity"] for q in quotes}) == 1

    zas = json.loads(runner.invoke(app, ["entity", "Зась", "--db", db_url, "-f", "json"]).stdout)[0]
    names = {zas["name"], *zas["aliases"]}
    assert {"Stanislav Zas", "Станислав Зась"} <= names
    assert zas["languages"] == ["en", "ru"]
    csto = json.loads(runner.invoke(app, ["entity", "ОДКБ", "--db", db_url, "-f", "json"]).stdout)[
        0
    ]
    assert (
        csto["id"]
        == json.loads(runner.invoke(app, ["entity", "CSTO", "--db", db_url, "-f", "json"]).stdout)[
            0
        ]["id"]
    )
    assert csto["languages"] == ["en", "ru"]
