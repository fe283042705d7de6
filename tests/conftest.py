from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_acef7f7aebaea87e.txt"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def seed_bytes() -> bytes:
    if not SEED.exists():
        pytest.skip(f"the seed is not beside the project: {SEED}")
    return SEED.read_bytes()
