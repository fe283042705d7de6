from __future__ import annotations

import gzip
import json
from pathlib import Path

from typer.testing import CliRunner

from newswatch.cli import app

runner = CliRunner()

ARTICLE_EN = (
    "Tajikistan and Kyrgyzstan agree on a new border crossing\n"
    "DUSHANBE, March 14, 2023 — The governments of Tajikistan and Kyrgyzstan agreed on Tuesday to "
    "open a new crossing on their shared border, officials in both capitals said.\n"
    "The crossing near Isfara will handle freight and passengers, and is expected to open before "
    "the end of the year, according to a statement from the Tajik foreign ministry.\n"
)


def test_extract_json_is_an_array_even_for_one_input(tmp_path: Path) -> None:
    src = tmp_path / "one.txt"
    src.write_text(ARTICLE_EN, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(src), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 1
    record = data[0]
    assert record["path"] == str(src)
    assert record["language"] == "en"
    for key in ("id", "url", "outlet", "title", "published", "authors", "text", "boilerplate"):
        assert key in record
    assert record["entities"] == [] or isinstance(record["entities"], list)


def test_extract_jsonl_one_line_per_input_and_folder_is_recursive(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (tmp_path / "sub" / "b.txt.gz").write_bytes(gzip.compress(ARTICLE_EN.encode("utf-8")))
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["id"] == second["id"]  # the same text gets the same id, gzipped or not


def test_extract_bad_inputs_named_on_stderr_others_still_come_through(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE_EN, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    truncated = tmp_path / "cut.txt.gz"
    truncated.write_bytes(gzip.compress(ARTICLE_EN.encode("utf-8") * 20)[:-30])
    big = tmp_path / "big.txt"
    big.write_text("word " * 3000, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = runner.invoke(
        app,
        [
            "extract",
            str(empty),
            str(good),
            str(binary),
            str(truncated),
            str(big),
            str(missing),
            "--format",
            "jsonl",
            "--max-bytes",
            "10000",
        ],
    )
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.strip().split("\n")]
    assert [r["path"] for r in records] == [str(good)]
    errors = result.stderr.strip().split("\n")
    assert len(errors) == 5
    reasons = dict(line.split(": ", 2)[1:] for line in errors)
    assert reasons[str(empty)] == "empty input"
    assert "binary" in reasons[str(binary)]
    assert "truncated gzip" in reasons[str(truncated)]
    assert "size limit" in reasons[str(big)]
    assert "no such file" in reasons[str(missing)]


def test_extract_stdin_with_url_and_published(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Border talks</title></head><body><article>"
        "<p>Officials from Tajikistan and Kyrgyzstan met in Dushanbe on Monday to discuss the "
        "demarcation of the remaining sections of their border, the ministry said.</p>"
        "<p>The talks will continue next month in Bishkek, according to a statement.</p>"
        "</article></body></html>"
    )
    result = runner.invoke(
        app,
        [
            "extract",
            "-",
            "--url",
            "https://example.org/a/1",
            "--published",
            "2023-03-14",
            "--format",
            "json",
        ],
        input=html,
    )
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.stdout)
    assert record["path"] == "-"
    assert record["url"] == "https://example.org/a/1"
    assert record["published"] == "2023-03-14"
    assert "demarcation" in record["text"]


def test_extract_rejects_a_malformed_published_date(tmp_path: Path) -> None:
    src = tmp_path / "one.txt"
    src.write_text(ARTICLE_EN, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(src), "--published", "14/03/2023"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_extract_text_view_is_readable(tmp_path: Path) -> None:
    src = tmp_path / "one.txt"
    src.write_text(ARTICLE_EN, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(src)])
    assert result.exit_code == 0
    assert "language en" in result.stdout
    assert "Isfara" in result.stdout
