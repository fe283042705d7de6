from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newswatch.batch import (
    BatchError,
    Unit,
    _chunks,
    _report_from_marker,
    is_done,
    plan_units,
    prepare_output,
    run_batch,
    run_unit,
)
from newswatch.batch_bench import generate_warcs
from newswatch.batch_load import iter_shard_lines, shard_paths
from newswatch.cli import app
from newswatch.settings import Settings

runner = CliRunner()


def read_shards(out: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    shards, error_shards = shard_paths(out)
    records = [value for s in shards for value, _ in iter_shard_lines(s)]
    errors = [value for s in error_shards for value, _ in iter_shard_lines(s)]
    return [r for r in records if r], [e for e in errors if e]


def leftover_temps(out: Path) -> list[Path]:
    return [p for p in out.rglob(".*") if p.name.endswith(".tmp")]


# -- planning, without a cluster ---------------------------------------------------------------


def test_plan_one_task_per_warc_and_chunks_of_plain_files(tmp_path: Path) -> None:
    warcs = generate_warcs(tmp_path / "warc", pages=12, files=2)
    plain = tmp_path / "plain"
    plain.mkdir()
    for n in range(30):
        (plain / f"{n:02d}.txt").write_text(f"Page {n}.", "utf-8")
    units, missing = plan_units(
        [str(tmp_path / "warc"), str(plain), "nowhere/at-all"], files_per_task=5
    )
    assert missing == [("nowhere/at-all", "no such file or folder")]
    assert [u.paths for u in units if u.kind == "warc"] == [(str(w),) for w in warcs]
    chunks = [u.paths for u in units if u.kind == "files"]
    assert [p for chunk in chunks for p in chunk] == [
        str(plain / f"{n:02d}.txt") for n in range(30)
    ]
    assert all(len(chunk) <= 10 for chunk in chunks)
    assert len({u.name for u in units}) == len(units)


def test_plan_names_do_not_depend_on_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("Some text.", "utf-8")
    absolute, _ = plan_units([str(tmp_path / "a.txt")])
    monkeypatch.chdir(tmp_path)
    relative, _ = plan_units(["a.txt"])
    assert absolute[0].name == relative[0].name
    assert absolute[0].signature == relative[0].signature


def test_plan_signature_changes_when_an_input_changes(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_text("Some text.", "utf-8")
    before, _ = plan_units([str(page)])
    page.write_text("Some other, longer text.", "utf-8")
    after, _ = plan_units([str(page)])
    assert before[0].name == after[0].name
    assert before[0].signature != after[0].signature


def test_plan_a_file_named_twice_is_one_input(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some text.", "utf-8")
    units, _ = plan_units([str(tmp_path), str(tmp_path / "a.txt")])
    assert [u.paths for u in units] == [(str(tmp_path / "a.txt"),)]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text("abcdefgh/", min_size=1, max_size=12), min_size=1, max_size=60, unique=True),
    st.integers(min_value=1, max_value=8),
    st.data(),
)
def test_chunks_adding_a_file_changes_at_most_two_chunks(
    paths: list[str], per_task: int, data: st.DataObject
) -> None:
    paths = sorted(paths)
    chunks = list(_chunks(paths, per_task))
    assert [p for c in chunks for p in c] == paths
    assert all(len(c) <= 2 * per_task for c in chunks)
    extra = data.draw(
        st.text("abcdefgh/", min_size=1, max_size=12).filter(lambda p: p not in paths)
    )
    grown = list(_chunks(sorted([*paths, extra]), per_task))
    before = {tuple(c) for c in chunks}
    changed = [c for c in grown if tuple(c) not in before]
    # The chunk the file joins changes; capped chunks after it may shift by one.
    if all(len(c) < 2 * per_task for c in grown):
        assert len(changed) <= 2


def test_output_folder_keeps_its_files_per_task(tmp_path: Path) -> None:
    assert prepare_output(tmp_path / "out", 7) == 7
    assert prepare_output(tmp_path / "out", None) == 7
    with pytest.raises(BatchError, match="--files-per-task 7"):
        prepare_output(tmp_path / "out", 8)


# -- one task, without a cluster ---------------------------------------------------------------


def test_run_unit_writes_records_errors_and_tables(plain_inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    prepare_output(out, 1000)
    units, _ = plan_units([str(plain_inputs)], files_per_task=1000)
    assert len(units) == 1
    report = run_unit(units[0], str(out), Settings())
    records, errors = read_shards(out)
    assert report.inputs == len(units[0].paths) == report.articles + report.errors
    assert len(records) == report.articles and len(errors) == report.errors
    failed = {Path(e["source"]).name: e["reason"] for e in errors}
    assert "empty.txt" in failed and "binary.bin" in failed
    assert all(r["source"] == r["path"] and len(r["digest"]) == 64 for r in records)
    articles = ds.dataset(out / "articles").to_table()
    quotes = ds.dataset(out / "quotes").to_table()
    entities = ds.dataset(out / "entities").to_table()
    assert sorted(articles.column("id").to_pylist()) == sorted(r["id"] for r in records)
    assert quotes.num_rows == sum(len(r["quotes"]) for r in records) > 0
    assert entities.num_rows == sum(len(r["entities"]) for r in records)
    assert is_done(out, units[0])
    assert not leftover_temps(out)


def test_a_lost_result_is_read_back_from_the_units_marker(
    plain_inputs: Path, tmp_path: Path
) -> None:
    # a worker that dies after writing its unit loses the result it held: the marker has it
    out = tmp_path / "out"
    prepare_output(out, 1000)
    units, _ = plan_units([str(plain_inputs)], files_per_task=1000)
    assert _report_from_marker(out, units[0]) is None  # not run: it must run (again)
    report = run_unit(units[0], str(out), Settings())
    assert _report_from_marker(out, units[0]) == report
    (out / "_done" / f"{units[0].name}.json").write_text("{broken", "utf-8")
    assert _report_from_marker(out, units[0]) is None


def test_run_unit_reports_bad_warc_records_and_keeps_the_good_ones(tmp_path: Path) -> None:
    (warc,) = generate_warcs(tmp_path / "warc", pages=60, files=1)
    data = warc.read_bytes()
    warc.write_bytes(data[: len(data) * 2 // 3])  # cut off, as by a crawler that died
    out = tmp_path / "out"
    prepare_output(out, None)
    (unit,) = plan_units([str(warc)])[0]
    report = run_unit(unit, str(out), Settings())
    records, errors = read_shards(out)
    reasons = [e["reason"] for e in errors]
    assert 20 < report.articles < 60
    assert any(r.startswith("HTTP status 404") for r in reasons)
    assert any("truncated or corrupt" in r or "unreadable" in r for r in reasons)
    assert all(r["url"] and r["source"] == f"{warc}#{r['url']}" for r in records)


def test_run_unit_that_fails_leaves_no_shard(tmp_path: Path) -> None:
    out = tmp_path / "out"
    prepare_output(out, None)
    unit = Unit(name="files-x-000", kind="files", paths=(str(tmp_path),), signature="s")

    (out / "articles").rmdir()  # the task cannot write its table: it fails, whole
    with pytest.raises(OSError):
        run_unit(unit, str(out), Settings())
    assert shard_paths(out) == ([], [])
    assert not is_done(out, unit)
    assert not leftover_temps(out)


# -- on a local cluster of two workers -------------------------------------------------------------


def test_batch_cli_equals_sequential_extract_record_for_record(
    plain_inputs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "batch",
            str(plain_inputs),
            "--out",
            str(out),
            "--workers",
            "2",
            "--dashboard",
            "127.0.0.1:0",
            "--files-per-task",
            "2",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)[0]
    assert summary["failed"] == [] and summary["done"] == summary["units"] > 2
    records, errors = read_shards(out)

    sequential = runner.invoke(app, ["extract", str(plain_inputs), "--format", "jsonl"])
    expected = [json.loads(line) for line in sequential.stdout.splitlines() if line.strip()]
    with_text = {r["path"]: r for r in expected if r["text"].strip()}
    got = {
        r["path"]: {k: v for k, v in r.items() if k not in ("source", "digest")} for r in records
    }
    assert got == with_text
    inputs = {str(p) for p in plain_inputs.rglob("*") if p.is_file()}
    assert {e["source"] for e in errors} == inputs - set(with_text)
    assert summary["articles"] == len(records) and summary["errors"] == len(errors)


def test_batch_rerun_skips_finished_shards_and_redoes_changed_inputs(
    client: Any, plain_inputs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    prepare_output(out, 3)
    units, _ = plan_units([str(plain_inputs)], files_per_task=3)
    first = run_batch(units, out, client, settings=Settings())
    assert first.failed == [] and len(first.reports) == len(units) and first.skipped == 0
    records, _ = read_shards(out)

    again = run_batch(units, out, client, settings=Settings())
    assert again.reports == [] and again.skipped == len(units)

    changed = sorted(plain_inputs.rglob("*.txt"))[-1]
    changed.write_text(changed.read_text("utf-8") + "\nOne more closing line.\n", "utf-8")
    units, _ = plan_units([str(plain_inputs)], files_per_task=3)
    third = run_batch(units, out, client, settings=Settings())
    assert [r.name for r in third.reports] == [u.name for u in units if str(changed) in u.paths]
    rerun, _ = read_shards(out)
    assert len(rerun) == len(records)
    assert len({r["path"] for r in rerun}) == len(rerun)
    assert not leftover_temps(out)


def test_batch_goes_on_past_a_task_that_fails(
    client: Any, plain_inputs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    prepare_output(out, 1000)
    units, _ = plan_units([str(plain_inputs)], files_per_task=1000)
    warc_units, _ = plan_units([str(p) for p in generate_warcs(tmp_path / "w", pages=5, files=1)])
    bad = Unit(name="files-bad-1", kind="tape", paths=(str(plain_inputs),), signature="s")
    summary = run_batch([*units, bad, *warc_units], out, client, settings=Settings())
    assert sorted(r.name for r in summary.reports) == sorted(u.name for u in units + warc_units)
    assert [name for name, _ in summary.failed] == ["files-bad-1"]
    assert "unknown kind of unit" in summary.failed[0][1]
    assert not leftover_temps(out)
