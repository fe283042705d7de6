from __future__ import annotations

import os
import signal
from collections import Counter
from pathlib import Path

from distributed import Client

from newswatch.batch import UnitReport, plan_units, prepare_output, run_batch, start_local_cluster
from newswatch.settings import Settings
from tests.batch.test_batch import leftover_temps, read_shards
from tests.ingest.conftest import article_html

PAGES = 30


def test_batch_survives_a_worker_killed_mid_run(tmp_path: Path) -> None:
    inputs = tmp_path / "pages"
    inputs.mkdir()
    for n in range(PAGES):
        (inputs / f"page-{n:02d}.html").write_text(article_html(n), "utf-8")
    out = tmp_path / "out"
    prepare_output(out, 1)
    units, _ = plan_units([str(inputs)], files_per_task=1)
    assert len(units) == PAGES  # one task per page: many in flight when the worker dies

    killed: dict[str, object] = {}
    with start_local_cluster(2, dashboard=None) as cluster, Client(cluster) as client:

        def kill_once(report: UnitReport) -> None:
            if killed:
                return
            pids = client.run(os.getpid)
            address = next(a for a, pid in pids.items() if pid == report.worker_pid)
            in_flight = client.processing(workers=[address])[address]
            if not in_flight:
                return  # nothing running there at this moment: wait for the next report
            killed.update(pid=report.worker_pid, in_flight=len(in_flight), done=1)
            os.kill(report.worker_pid, signal.SIGKILL)

        summary = run_batch(units, out, client, settings=Settings(), on_report=kill_once)
        restarted = client.run(os.getpid)

    assert killed, "no worker was killed while it had a task in flight"
    assert killed["pid"] not in restarted.values()  # the nanny started a new worker process
    assert summary.failed == []
    assert sorted(r.name for r in summary.reports) == sorted(u.name for u in units)
    records, errors = read_shards(out)
    assert errors == []
    assert len(records) == PAGES
    assert not [p for p, n in Counter(r["path"] for r in records).items() if n > 1]
    assert len({r["id"] for r in records}) == PAGES
    assert not leftover_temps(out)
