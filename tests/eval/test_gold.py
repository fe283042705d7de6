from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newswatch.cli import app
from newswatch.eval.gold import (
    Counts,
    c4_baseline,
    evaluate,
    keep_all_baseline,
    load_gold,
    normalise,
    score_file,
)
from newswatch.record import Article, Entity, Quote, Speaker

CASES = Path(__file__).resolve().parents[1] / "data" / "textdump"


def _article(text: str = "", **kwargs: object) -> Article:
    return Article(id="x", text=text, **kwargs)  # type: ignore[arg-type]


def test_normalise_folds_quotes_apostrophes_case_and_space() -> None:
    assert normalise("  «Tajikistan’s»\n “BORDER”  ‘x’ ") == '"tajikistan\'s" "border" \'x\''


def test_lines_article_kept_as_substring_and_boilerplate_dropped_when_not_a_line() -> None:
    gold = {
        "lang": "en",
        "published": None,
        "article": ["He said “yes”.", "Missing line."],
        "boilerplate": ["All news", "Share"],
    }
    article = _article('Before. He said "yes". After.\nShare', language="en")
    result = score_file("f", article, gold)
    c = result.counts
    assert (c.article, c.article_kept, c.boilerplate, c.boilerplate_dropped) == (2, 1, 2, 1)
    assert (c.lines, c.lines_right) == (4, 2)
    assert result.missed_article == ["Missing line."]
    assert result.kept_boilerplate == ["Share"]
    # a boilerplate line that is only part of a kept line is still dropped
    assert (
        score_file("f", _article("All news today was quiet."), gold).counts.boilerplate_dropped == 2
    )


def test_published_compares_first_ten_characters_and_lang_is_exact() -> None:
    gold = {"lang": "ru", "published": "2023-03-14", "article": [], "boilerplate": []}
    result = score_file("f", _article(published="2023-03-14T10:00", language="ru"), gold)
    assert (result.counts.published_right, result.counts.lang_right) == (1, 1)
    result = score_file("f", _article(published=None, language="en"), gold)
    assert (result.counts.published_right, result.counts.lang_right) == (0, 0)


def _quote(text: str, name: str, *, entity: str | None = None, **kwargs: object) -> Quote:
    return Quote(text=text, kind="direct", start=0, end=len(text),
                 speaker=Speaker(name=name, entity=entity), **kwargs)  # type: ignore[arg-type]  # fmt: skip


def test_quotes_precision_recall_attribution_date_via_and_not_quotes() -> None:
    gold = {
        "lang": "en",
        "quotes": [
            {"key": "no threat of direct invasion", "speaker": ["Zas"], "date": "2022-12-19",
             "via": ["Sputnik"]},
            {"key": "not being discussed", "speaker": ["Stanislav Zas"]},
            {"key": "maybe a statement", "speaker": ["Zas"], "optional": True},
        ],
        "not_quotes": ["Kremlin spokesman says"],
    }  # fmt: skip
    entity = Entity(id="e1", name="Stanislav Zas", type="PERSON", aliases=("Mr. Zas",))
    quotes = (
        _quote("There is NO threat of direct invasion now", "the secretary-general", entity="e1",
               date="2022-12-19", via=("Sputnik Tajikistan",)),
        _quote("This issue is not being discussed", "Someone Else"),
        _quote("Kremlin spokesman says Russia needs workers", "Zas"),
    )  # fmt: skip
    article = _article("...", entities=(entity,), quotes=quotes)
    c = score_file("f", article, gold).counts
    assert (c.predicted, c.predicted_right) == (3, 1)  # wrong speaker; a not_quote
    assert (c.gold_quotes, c.gold_found) == (2, 1)  # the optional one is not counted
    assert c.not_quote_errors == 1
    assert (c.dates, c.dates_right, c.vias, c.vias_right) == (1, 1, 1, 1)
    ratios = c.ratios()
    assert ratios["quote_precision"] == pytest.approx(1 / 3)
    assert ratios["quote_recall"] == pytest.approx(1 / 2)
    assert ratios["quote_f1"] == pytest.approx(0.4)


def test_files_without_quotes_or_entities_keys_are_not_scored_for_them() -> None:
    c = score_file("f", _article("x"), {"lang": "en", "article": [], "boilerplate": []}).counts
    assert (c.quote_files, c.entity_files) == (0, 0)
    assert c.ratios()["quote_precision"] is None
    assert c.ratios()["entity_recall"] is None


def test_entities_found_with_compatible_types() -> None:
    gold = {
        "lang": "en",
        "entities": [
            {"key": ["CSTO"], "type": "ORG"},
            {"key": ["Sputnik Tajikistan"], "type": "ORG"},
            {"key": ["Dushanbe"], "type": "GPE"},
            {"key": ["Zas"], "type": "PERSON"},
        ],
    }
    entities = (
        Entity(id="e1", name="Collective Security Treaty Organization", type="ORG",
               aliases=("CSTO",)),
        Entity(id="e2", name="Sputnik Tajikistan", type="MEDIA"),
        Entity(id="e3", name="Dushanbe", type="LOC"),
        Entity(id="e4", name="Zas", type="ORG"),
    )  # fmt: skip
    c = score_file("f", _article("x", entities=entities), gold).counts
    assert (c.entities, c.entities_found) == (4, 3)  # a PERSON found as ORG does not count


def test_counts_add_up_per_language() -> None:
    total = Counts()
    total += Counts(lines=2, lines_right=1)
    total += Counts(lines=3, lines_right=3)
    assert total.ratios()["line_accuracy"] == pytest.approx(4 / 5)


def test_evaluate_written_cases_through_the_pipeline() -> None:
    report = evaluate([CASES])
    totals = report.totals()
    assert set(totals) == {"en", "ru", "all"}
    assert totals["all"].files == len(load_gold([CASES]))
    assert (totals["all"].ratios()["line_accuracy"] or 0.0) >= 0.95
    assert totals["all"].ratios()["lang_accuracy"] == 1.0


def test_baselines_score_lower_than_the_classifier() -> None:
    ours = evaluate([CASES]).totals()["all"].ratios()["line_accuracy"]
    keep = evaluate([CASES], extractor=keep_all_baseline).totals()["all"]
    c4 = evaluate([CASES], extractor=c4_baseline).totals()["all"].ratios()["line_accuracy"]
    assert keep.article_kept == keep.article and keep.boilerplate_dropped == 0
    assert ours is not None and c4 is not None and ours > c4


def test_cli_eval_dumps_prints_scores_as_text_and_json() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["eval", "dumps", str(CASES)])
    assert result.exit_code == 0, result.output
    assert "line_accuracy" in result.output and "published_accuracy" in result.output
    result = runner.invoke(app, ["eval", "dumps", str(CASES), "--format", "json", "--details"])
    data = json.loads(result.stdout)
    assert set(data[0]["scores"]) == {"en", "ru", "all"}
    assert len(data[0]["files"]) == len(load_gold([CASES]))


def test_cli_eval_quotes_and_missing_folder() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["eval", "quotes", str(CASES)])
    assert result.exit_code == 0
    assert "quote_recall" in result.output
    result = runner.invoke(app, ["eval", "dumps", str(CASES / "nope")])
    assert result.exit_code == 2


def test_cli_bench_dumps_reports_speed_and_memory() -> None:
    result = CliRunner().invoke(
        app, ["bench", "dumps", str(CASES), "--seconds", "0.1", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)[0]
    assert data["dumps_per_second"] > 0 and data["peak_kib"] > 0


def test_evaluate_scores_extraction_when_a_later_stage_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import newswatch.pipeline

    def broken(article: Article, **_: object) -> Article:
        raise RuntimeError("stage broke")

    monkeypatch.setattr(newswatch.pipeline, "analyse", broken)
    report = evaluate([CASES])
    assert all(f.error == "RuntimeError: stage broke" for f in report.files)
    assert report.totals()["all"].ratios()["line_accuracy"] == pytest.approx(
        evaluate([CASES], extractor=lambda item: _extracted(item))
        .totals()["all"]
        .ratios()["line_accuracy"]
    )


def _extracted(item: object) -> Article:
    from newswatch.eval.gold import _extraction_only

    return _extraction_only(item)  # type: ignore[arg-type]
