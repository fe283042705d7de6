"""Load-test tooling for the web app (not a test: speed is measured, never asserted).

Build a base of synthetic articles (``newswatch.benchgen``), written in batches by
``newswatch.bench_kb.bulk_load`` (the store's rows for reading, without stories and
near-duplicate bands; ``--add-article`` writes each through ``Store.add_article`` instead, which
resolves entities and stories and is far slower on a large base)::

    .venv/bin/python -m tests.web.load build --db sqlite:////tmp/nw-load.db --articles 10000

then serve it and drive it with wrk on loopback (``p95.lua`` prints the 95th percentile)::

    .venv/bin/newswatch serve --db sqlite:////tmp/nw-load.db --workers 2 --port 8765 &
    wrk -t2 -c16 -d30s --latency -s tests/web/p95.lua http://127.0.0.1:8765/
    wrk -t2 -c16 -d30s --latency -s tests/web/p95.lua http://127.0.0.1:8765/api/quotes

The figures are in docs/web.md.
"""

from __future__ import annotations

import argparse
import sys
import time

from newswatch.store import Store


def build(db: str, articles: int, seed: int, russian: float, *, add_article: bool) -> None:
    from newswatch.bench_kb import bulk_load
    from newswatch.benchgen import generate_articles

    started = time.perf_counter()
    with Store.open(db) as store:
        have = store.counts()["articles"]
        records = generate_articles(articles - have, seed=seed, russian=russian, start=have)
        if add_article:
            for n, article in enumerate(records, 1):
                store.add_article(article)
                if n % 1000 == 0:
                    rate = n / (time.perf_counter() - started)
                    sys.stderr.write(f"{have + n} articles ({rate:.0f}/s)\n")
        else:
            bulk_load(store, records, progress=lambda m: sys.stderr.write(m + "\n"))
        counts = store.counts()
    sys.stderr.write(f"{counts} in {time.perf_counter() - started:.0f} s\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("build", help="fill a base with synthetic articles")
    make.add_argument("--db", required=True)
    make.add_argument("--articles", type=int, default=10_000)
    make.add_argument("--seed", type=int, default=1)
    make.add_argument("--russian", type=float, default=0.3)
    make.add_argument(
        "--add-article", action="store_true", help="write through Store.add_article (slow)"
    )
    args = parser.parse_args()
    build(args.db, args.articles, args.seed, args.russian, add_article=args.add_article)


if __name__ == "__main__":
    main()
