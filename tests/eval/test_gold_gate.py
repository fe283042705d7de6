"""The quality gate for text dumps: scores on the gold set may not fall below the pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newswatch.eval.gold import evaluate

TESTS = Path(__file__).resolve().parents[1]
GOLD = [TESTS / "data" / "gold" / "dev", TESTS / "data" / "gold" / "heldout"]
FLOORS = TESTS / "floors" / "dumps.json"


def below_floors(dirs: list[Path], floors: dict[str, dict[str, float]]) -> list[str]:
    """Every per-language score under its floor, as ``"ru line_accuracy 0.95 < 0.98"``."""
    totals = evaluate(dirs).totals()
    failures = []
    for lang, wanted in floors.items():
        if lang.startswith("_"):
            continue
        if lang not in totals:
            failures.append(f"{lang}: no gold files")
            continue
        scores = totals[lang].ratios()
        for key, floor in wanted.items():
            value = scores[key]
            if value is None or value < floor:
                failures.append(f"{lang} {key} {value} < {floor}")
    return failures


@pytest.mark.slow
def test_gold_dumps_line_published_and_lang_scores_stay_above_floors() -> None:
    if not any(d.is_dir() and any(d.glob("*.gold.json")) for d in GOLD):
        pytest.skip("no gold dumps yet")
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert below_floors([d for d in GOLD if d.is_dir()], floors) == []
