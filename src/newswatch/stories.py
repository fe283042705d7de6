"""Near-duplicates (MinHash LSH) and stories (one event told by several outlets, any language).

Pure functions; the store keeps the band hashes in a table so that candidates are found with an
indexed lookup, however many articles the base holds.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping

__all__ = [
    "BANDS",
    "DUPLICATE_JACCARD",
    "STORY_WINDOW_DAYS",
    "band_keys",
    "jaccard",
    "shingles",
    "story_score",
]

NUM_PERM = 64
BANDS = 16  # 16 bands of 4 rows: pairs above Jaccard ~0.5 become candidates
ROWS = NUM_PERM // BANDS
DUPLICATE_JACCARD = 0.6  # verified on the shingle sets themselves
STORY_WINDOW_DAYS = 3
STORY_MIN_SCORE = 0.34
STORY_MIN_SHARED = 4.0
# How much a shared entity of each type says that two articles tell the same event.
TYPE_WEIGHT = {
    "PERSON": 3.0,
    "ORG": 2.0,
    "EVENT": 3.0,
    "FAC": 1.5,
    "LOC": 1.0,
    "GPE": 0.5,
    "MEDIA": 0.0,
}

_WORD = re.compile(r"\w+", re.UNICODE)
_SHINGLE = 5


def shingles(text: str) -> set[str]:
    """Overlapping 5-word windows of the lower-cased text (one window for a shorter text)."""
    words = _WORD.findall(text.lower())
    if len(words) < _SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def band_keys(grams: Iterable[str]) -> list[str]:
    """The LSH band hashes of a shingle set: articles sharing one are near-duplicate candidates."""
    from datasketch import MinHash  # imports scipy: only when articles are stored

    minhash = MinHash(num_perm=NUM_PERM, seed=7)
    minhash.update_batch([g.encode("utf-8") for g in grams])
    values = minhash.hashvalues
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        keys.append(f"{band:02d}{hashlib.blake2b(chunk, digest_size=12).hexdigest()}")
    return keys


def story_score(a: Mapping[str, str], b: Mapping[str, str]) -> tuple[float, float]:
    """Weighted overlap of two articles' resolved entities ({entity id: type}).

    Returns ``(shared weight, weighted Jaccard)``.
    """
    shared = sum(TYPE_WEIGHT.get(a[e], 1.0) for e in a.keys() & b.keys())
    union = sum(TYPE_WEIGHT.get(t, 1.0) for t in {**a, **b}.values())
    return shared, (shared / union if union else 0.0)


def same_story(a: Mapping[str, str], b: Mapping[str, str]) -> bool:
    shared, score = story_score(a, b)
    return shared >= STORY_MIN_SHARED and score >= STORY_MIN_SCORE
