"""The shingle metric of the Zyte article-extraction benchmark.

Texts are split into ``\\w+`` tokens (case kept), turned into a multiset of overlapping 4-token
shingles, and compared page by page; per-page counts are normalised so that long pages do not
weigh more than short ones. Corpus precision and recall are means over pages, and F1 is the
harmonic mean of those two means (not a mean of per-page F1).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["CorpusScore", "PageScore", "score_corpus", "score_page", "shingles", "tokens"]

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def tokens(text: str) -> list[str]:
    """The ``\\w+`` tokens of a text, case kept."""
    return _TOKEN.findall(text)


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of ``n``-token windows; a shorter text is one short shingle, empty has none."""
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


@dataclass(frozen=True, slots=True)
class PageScore:
    """One page: normalised TP/FP/FN, and whether the token sequences are equal."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def predicted(self) -> bool:
        """The prediction produced something (it counts towards corpus precision)."""
        return self.tp + self.fp > 0

    @property
    def has_gold(self) -> bool:
        """The gold has text (the page counts towards corpus recall)."""
        return self.tp + self.fn > 0


def score_page(predicted: str, gold: str) -> PageScore:
    """Compare one prediction with its gold text."""
    pred, true = shingles(predicted), shingles(gold)
    tp = fp = fn = 0
    for key in pred.keys() | true.keys():
        p, g = pred.get(key, 0), true.get(key, 0)
        tp += min(p, g)
        fp += max(p - g, 0)
        fn += max(g - p, 0)
    total = tp + fp + fn
    exact = tokens(predicted) == tokens(gold)
    if total == 0:
        return PageScore(0.0, 0.0, 0.0, exact)
    return PageScore(tp / total, fp / total, fn / total, exact)


@dataclass(frozen=True, slots=True)
class CorpusScore:
    """Corpus precision and recall (means over pages), their harmonic mean, and accuracy."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


def score_corpus(pages: Iterable[PageScore]) -> CorpusScore:
    """Precision over pages with a prediction, recall over pages with gold text."""
    scored = list(pages)
    precisions = [p.precision for p in scored if p.predicted]
    recalls = [p.recall for p in scored if p.has_gold]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(p.exact for p in scored) / len(scored) if scored else 0.0
    return CorpusScore(precision, recall, f1, accuracy, len(scored))
