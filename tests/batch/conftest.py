from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DATA
from tests.store.conftest import db_url, pg_database  # noqa: F401  (fixtures shared with the store tests)

pytest.importorskip("distributed", reason="the batch extra is not installed")


@pytest.fixture
def plain_inputs(tmp_path: Path) -> Path:
    """A folder of plain inputs: our HTML pages and text dumps, and two that are not documents."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    for pattern, sub in (("html/*.html", "html"), ("textdump/*.txt", "dumps")):
        for source in sorted(DATA.glob(pattern)):
            (folder / sub).mkdir(exist_ok=True)
            shutil.copy(source, folder / sub / source.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 40)
    return folder


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    """Two single-threaded worker processes on 127.0.0.1, no dashboard: the default engine, small."""
    from distributed import Client

    from newswatch.batch import start_local_cluster

    with start_local_cluster(2, dashboard=None) as cluster, Client(cluster) as dask_client:
        yield dask_client
