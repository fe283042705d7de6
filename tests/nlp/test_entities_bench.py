"""Speed of the entities stage (benchmarks: skipped unless ``--benchmark-only``).

Run as a script for the figures in ``docs/entities.md``::

    OPENBLAS_NUM_THREADS=1 .venv/bin/python tests/nlp/test_entities_bench.py [en] [ru]

The inputs are the development gold dumps (``tests/data/gold/dev``) after extraction, joined in
pairs into articles of about 600 words. Throughput is articles per CPU second of this process
(per core), on a first pass (word caches cold for these texts) and a second pass (warm).
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

import pytest

from newswatch.nlp.entities import find_entities

DEV = Path(__file__).resolve().parents[1] / "data" / "gold" / "dev"


def articles(lang: str, words: int = 600) -> list[str]:
    """The dev dumps of ``lang``, extracted, joined until each article has ``words`` words."""
    from newswatch.pipeline import extract_document
    from newswatch.read import read_bytes
    from newswatch.settings import Settings

    settings = Settings()
    out: list[str] = []
    current: list[str] = []
    for path in sorted(DEV.glob(f"{lang}-*.txt")):
        doc = read_bytes(path.read_bytes(), max_bytes=settings.max_bytes)
        current.append(extract_document(doc, settings=settings).text)
        if sum(len(t.split()) for t in current) >= words:
            out.append("\n".join(current))
            current = []
    return out


@pytest.mark.benchmark
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_entities_speed_on_600_word_articles(benchmark, lang):
    texts = articles(lang)
    if not texts:
        pytest.skip("no dev gold dumps")
    find_entities(texts[0], lang)
    benchmark(lambda: [find_entities(t, lang) for t in texts])


def main(langs: list[str]) -> None:
    for lang in langs:
        texts = articles(lang)
        words = sum(len(t.split()) for t in texts) / max(1, len(texts))
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        find_entities("Mr. Zas said." if lang == "en" else "Зась заявил ТАСС.", lang)
        if lang == "ru":
            from newswatch.knowledge import load_knowledge

            load_knowledge().lemma_index()
        startup = time.perf_counter() - start_wall, time.process_time() - start_cpu
        print(f"{lang}: start-up {startup[0]:.2f} s wall, {startup[1]:.2f} s CPU")
        for label in ("first pass", "second pass"):
            cpu = time.process_time()
            for text in texts:
                find_entities(text, lang)
            spent = time.process_time() - cpu
            print(
                f"{lang}: {label}: {len(texts)} articles of {words:.0f} words, "
                f"{len(texts) / spent:.1f} articles/s per core"
            )
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{lang}: peak resident memory so far {rss:.0f} MB", file=sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:] or ["en", "ru"])
