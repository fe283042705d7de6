from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newswatch.cli import app
from newswatch.eval.extraction import daniel_reference_text, dataset_kind, evaluate, load_pages
from newswatch.eval.scoring import PageScore, score_corpus, score_page, shingles

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
FLOORS = json.loads((ROOT / "tests" / "floors" / "extraction.json").read_text(encoding="utf-8"))


def test_shingles_are_four_token_windows_as_a_multiset():
    assert shingles("a b c d a b c d") == {
        ("a", "b", "c", "d"): 2,
        ("b", "c", "d", "a"): 1,
        ("c", "d", "a", "b"): 1,
        ("d", "a", "b", "c"): 1,
    }


def test_shingles_short_text_is_one_short_shingle_and_empty_has_none():
    assert shingles("Hello, world!") == {("Hello", "world"): 1}
    assert shingles(" ,.; ") == {}


def test_shingles_tokens_keep_case_and_cyrillic():
    assert shingles("Москва, 5 декабря — ТАСС") == {("Москва", "5", "декабря", "ТАСС"): 1}


def test_score_page_hand_computed():
    # gold: w1..w6 -> 3 shingles; prediction: w1..w5 x -> shingles (1-4), (2-5), (3,4,5,x)
    score = score_page("w1 w2 w3 w4 w5 x", "w1 w2 w3 w4 w5 w6")
    # TP 2, FP 1, FN 1 -> normalised by 4
    assert (score.tp, score.fp, score.fn) == (0.5, 0.25, 0.25)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(2 / 3)
    assert not score.exact


def test_score_page_exact_match_scores_one_and_counts_as_accurate():
    score = score_page("One two three four five.", "One, two three four five")
    assert (score.precision, score.recall, score.exact) == (1.0, 1.0, True)


def test_score_page_empty_prediction_has_zero_recall_and_no_precision():
    score = score_page("", "one two three four five")
    assert not score.predicted
    assert score.recall == 0.0


def test_score_page_both_empty_is_perfect_and_counts_nowhere():
    score = score_page("", "")
    assert (score.precision, score.recall, score.exact) == (1.0, 1.0, True)
    assert not score.predicted and not score.has_gold


def test_score_corpus_precision_skips_empty_predictions_and_f1_is_of_the_means():
    pages = [
        score_page("a b c d e", "a b c d e"),  # P 1, R 1
        score_page("", "a b c d e"),  # no prediction: R 0
        score_page("a b c d x", "a b c d e"),  # TP 1 FP 1 FN 1: P 0.5, R 0.5
    ]
    corpus = score_corpus(pages)
    assert corpus.precision == pytest.approx(0.75)
    assert corpus.recall == pytest.approx(0.5)
    assert corpus.f1 == pytest.approx(2 * 0.75 * 0.5 / 1.25)
    assert corpus.accuracy == pytest.approx(1 / 3)


def test_score_corpus_of_nothing_is_zero():
    assert score_corpus([]).f1 == 0.0
    assert score_corpus([PageScore(0.0, 0.0, 0.0, True)]).f1 == 0.0


def test_daniel_reference_text_strips_markup_one_paragraph_a_line():
    raw = "<p>Заголовок</p>\n<p>Текст <a href='x'>статьи</a> &amp; ещё.<script>var x=1;</script></p>\n"
    assert daniel_reference_text(raw) == "Заголовок\nТекст статьи & ещё."


def _tiny_zyte(tmp_path: Path) -> Path:
    (tmp_path / "html").mkdir()
    body = (
        "<p>" + "The border talks resumed in Batken on Wednesday after a long pause. " * 8 + "</p>"
    )
    page = f"<html><head><title>Talks</title></head><body><article>{body}</article></body></html>"
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress(page.encode()))
    gold = {"p1": {"articleBody": body[3:-4], "url": "https://example.org/a"}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path


def test_dataset_kind_refuses_an_unknown_folder(tmp_path):
    with pytest.raises(ValueError, match="not a known data set"):
        dataset_kind(tmp_path)


def test_evaluate_scores_both_tools_on_a_tiny_data_set(tmp_path):
    kind, results = evaluate(_tiny_zyte(tmp_path))
    assert kind == "zyte"
    assert [r.tool for r in results] == ["newswatch", "trafilatura"]
    assert results[0].score.f1 == pytest.approx(1.0)
    assert load_pages(tmp_path)[0].url == "https://example.org/a"


def test_cli_eval_extraction_prints_json_rows(tmp_path):
    result = CliRunner().invoke(
        app, ["eval", "extraction", str(_tiny_zyte(tmp_path)), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {row["tool"] for row in rows} == {"newswatch", "trafilatura"}
    assert all(row["dataset"] == "zyte" for row in rows)


def test_cli_eval_extraction_unknown_folder_fails_with_reason(tmp_path):
    result = CliRunner().invoke(app, ["eval", "extraction", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a known data set" in result.stderr


def test_cli_bench_html_reports_ratio(tmp_path):
    result = CliRunner().invoke(
        app, ["bench", "html", str(_tiny_zyte(tmp_path)), "--rounds", "1", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["pages"] == 1 and row["ratio_median"] > 0


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_extraction_gate_floors(name):
    path = DATA / name
    if not path.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the data set is missing in CI: {path}")
        pytest.skip(f"the data set is not beside the project: {path}")
    _, results = evaluate(path, tools=("newswatch",))
    score = results[0].score
    floor = FLOORS[name]
    assert score.precision >= floor["precision"]
    assert score.recall >= floor["recall"]
    assert score.f1 >= floor["f1"]
    assert score.accuracy >= floor["accuracy"]
