"""The quality gate: quotes and entities on the dev gold set may not fall below pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newswatch.eval.gold import evaluate

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "data" / "gold" / "dev"
FLOORS = ROOT / "tests" / "floors" / "quotes.json"


@pytest.mark.slow
def test_quotes_gate_scores_stay_above_floors() -> None:
    if not any(DEV.glob("*.gold.json")):
        pytest.skip("no dev gold dumps")
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    scores = evaluate([DEV]).to_dict()["scores"]
    below = [
        f"{lang} {key}: {scores[lang][key]:.3f} < {floor}"
        for lang, keys in floors.items()
        if not lang.startswith("_")
        for key, floor in keys.items()
        if lang in scores and (scores[lang][key] or 0.0) < floor
    ]
    assert not below, "; ".join(below)
