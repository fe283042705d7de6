from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newswatch.cli import app
from newswatch.eval.polnear import (
    AnnotatedText,
    GoldContent,
    PrfCounts,
    appositive_heads,
    body_text,
    evaluate,
    find_cue,
    head_word,
    load_split,
    match_lenient,
    observations,
    parse_ann,
    predictions_from_quotes,
    speaker_words,
    token_set,
    word_tokens,
)
from newswatch.record import Article, Quote, Speaker

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "polnear_mini" / "dev"
DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev"
FLOORS = json.loads((ROOT / "tests" / "floors" / "polnear.json").read_text(encoding="utf-8"))
MAYOR = "daily-a_2016-10-01_mayor-says-bridge"
COUNCIL = "daily-b_2016-10-02_council-vote-delayed"


def _mini(name: str, annotator: str) -> tuple[str, str]:
    text = (MINI / "text" / f"{name}.txt").read_text(encoding="utf-8")
    ann = (MINI / "attributions" / f"{name}_{annotator}.ann").read_text(encoding="utf-8")
    return text, ann


def _words(text: str, ranges) -> list[str]:
    return [w for s, e in ranges for w in text[s:e].split()]


# -- parsing -------------------------------------------------------------------------------------


def test_parse_ann_discontinuous_content_keeps_both_ranges():
    text, ann = _mini(MAYOR, "aaaa")
    found, problems = parse_ann(ann, text)
    assert problems == []
    split = found[2]
    assert len(split.content) == 2
    assert [text[s:e] for s, e in split.content] == [
        "“We are on schedule,”",
        "“and the budget has not grown.”",
    ]
    assert split.source is not None and _words(text, split.source) == ["Ruiz"]


def test_parse_ann_relation_without_source_keeps_its_cue_and_content():
    text, ann = _mini(COUNCIL, "cccc")
    found, _ = parse_ann(ann, text)
    unattributed = found[0]
    assert unattributed.source is None
    assert unattributed.cue is not None and _words(text, unattributed.cue) == ["reported"]
    assert " ".join(_words(text, unattributed.content)).endswith("was delayed")


def test_parse_ann_relation_without_cue_is_still_an_attribution():
    text = "Ruiz: the bridge opens in April."
    ann = "T1\tSource 0 4\tRuiz\nT2\tContent 6 32\tthe bridge opens in April\nE1\tAttribution:T1 Content:T2 Source:T1\n"
    (found,), problems = parse_ann(ann, text)
    assert problems == []
    assert found.cue is None and found.source == ((0, 4),) and found.content == ((6, 32),)


def test_parse_ann_span_across_a_paragraph_break_reads_its_text_lines_as_continuation():
    text, ann = _mini(COUNCIL, "cccc")
    found, problems = parse_ann(ann, text)
    told = found[1]
    assert "\n\n" in text[told.content[0][0] : told.content[0][1]]
    assert not any("residents" in p.reason for p in problems)


def test_parse_ann_malformed_lines_are_reported_with_line_and_reason_and_skipped():
    text, ann = _mini(COUNCIL, "cccc")
    found, problems = parse_ann(ann, text, name="b.ann")
    assert len(found) == 2  # E3 refers to spans that were refused: no content, no attribution
    assert [(p.line, p.reason) for p in problems] == [
        (13, "span 9999-10005 outside the text (242 characters)"),
        (14, "bad span 'abc def'"),
        (15, "Content refers to unknown T99"),
        (15, "Source refers to unknown T8"),
        (16, "not an annotation line: 'this line is no annotation'"),
    ]
    assert str(problems[0]).startswith("b.ann:13: ")


def test_parse_ann_relation_with_only_an_anchor_is_no_attribution():
    found, problems = parse_ann(
        "T1\tAttribution 0 4\tsaid\nE1\tAttribution-no-source:T1 \n", "said"
    )
    assert found == [] and problems == []


@settings(max_examples=200, deadline=None)
@given(ann=st.text(alphabet="TE#0123456789 \t\n;:-abcSourceCueContent"), text=st.text(max_size=50))
def test_parse_ann_never_raises_on_hostile_input(ann, text):
    found, _ = parse_ann(ann, text)
    for item in found:
        assert all(0 <= s <= e <= len(text) for s, e in item.content)


def test_load_split_takes_the_first_annotator_by_file_name_as_gold():
    docs, problems = load_split(MINI)
    assert [d.name for d in docs] == [MAYOR, COUNCIL]
    mayor = docs[0]
    assert mayor.annotator == "aaaa" and len(mayor.attributions) == 4
    assert len(problems) == 5 and all(p.file == f"{COUNCIL}_cccc.ann" for p in problems)


def test_load_split_limit_keeps_the_first_texts_by_name():
    docs, _ = load_split(MINI, limit=1)
    assert [d.name for d in docs] == [MAYOR]


def test_load_split_refuses_a_folder_without_text_and_attributions(tmp_path):
    with pytest.raises(ValueError, match="not a PolNeAR split"):
        load_split(tmp_path)


def test_load_split_reports_an_annotation_whose_text_is_missing(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "attributions" / "gone_ab12.ann").write_text("T1\tCue 0 4\tsaid\n")
    docs, problems = load_split(tmp_path)
    assert docs == [] and "cannot read" in problems[0].reason


# -- tokens and the text fed to the pipeline -------------------------------------------------------


def test_word_tokens_skip_punctuation_and_keep_inner_apostrophes():
    text = "“Clinton’s team,” he said — don't."
    assert [text[s:e] for s, e in word_tokens(text)] == ["Clinton’s", "team", "he", "said", "don't"]


def test_token_set_takes_every_token_a_range_overlaps():
    tokens = word_tokens("one two three four")
    assert token_set(tokens, [(1, 2), (9, 10)]) == {0, 2}
    assert token_set(tokens, [(3, 4)]) == set()
    assert token_set(tokens, [(5, 5)]) == set()


def test_body_text_drops_the_headline_and_joins_paragraphs_by_one_newline():
    text = "Headline here\n\n  First para.  \n\n\nSecond para.\n"
    body, offsets, headline_end = body_text(text)
    assert body == "First para.\nSecond para."
    assert headline_end == len("Headline here")
    assert text[offsets[0] : offsets[10] + 1] == "First para."
    assert text[offsets[12] : offsets[-1] + 1] == "Second para."


@given(st.text(alphabet="ab \n\t.", max_size=80))
def test_body_text_maps_every_character_back_to_the_same_character(text):
    body, offsets, headline_end = body_text(text)
    assert len(offsets) == len(body)
    for i, ch in enumerate(body):
        if ch != "\n":
            assert text[offsets[i]] == ch
            assert offsets[i] >= headline_end
    assert offsets == sorted(offsets)


# -- predictions ---------------------------------------------------------------------------------


def test_head_word_is_the_last_word_of_the_first_phrase_without_possessive():
    text = "Brian Fallon, the campaign’s press secretary, Hillary Clinton’s team who"
    assert head_word(text, ((0, 45),)) == "fallon"
    assert head_word(text, ((46, 63),)) == "clinton"
    assert head_word(text, ((46, 68),)) == "team"
    assert head_word(text, ((69, 72),)) == "who"
    assert head_word(text, None) is None


def test_appositive_heads_name_the_same_source_again_before_a_relative_clause():
    text = "her senior policy adviser, Jake Sullivan, who spoke to Ana (R-Fla.) and Bo — the envoy"
    assert appositive_heads(text, ((0, 40),)) == {"sullivan"}
    assert appositive_heads(text, ((0, len(text)),)) == {"sullivan"}  # not past "who"
    assert appositive_heads("Ruiz (R-Fla.) — the envoy", ((0, 25),)) == {"envoy"}
    assert appositive_heads("Snyder spokesman Dave Murray", ((0, 28),)) == frozenset()
    assert appositive_heads(text, None) == frozenset()


def test_match_lenient_credits_an_appositive_head_unless_asked_for_the_head_only():
    gold = [GoldContent(frozenset(range(4)), "adviser", frozenset({"sullivan"}))]
    guess = [(frozenset(range(4)), frozenset({"jake", "sullivan"}))]
    assert match_lenient(gold, guess, with_source=True) == 1
    assert match_lenient(gold, guess, with_source=True, appositions=False) == 0


def test_speaker_words_are_lower_case_words_of_name_and_mention():
    assert speaker_words("Donald Trump", "Trump’s", None) == {"donald", "trump"}


def test_find_cue_picks_the_occurrence_nearest_the_mention_outside_the_quote():
    body = "He said it. “I said no,” Ruiz said. Later Ruiz said more."
    quote = [(12, 24)]
    assert find_cue(body, "said", quote, (25, 29)) == (30, 34)
    assert find_cue(body, "according to", quote, (25, 29)) is None
    assert find_cue(body, None, quote, None) is None


def test_predictions_drop_nested_quotes_and_join_a_quote_split_by_its_attribution():
    body = "“We are on schedule,” Ruiz said, “and the budget has not grown.”"
    ruiz = Speaker(name="Ana Ruiz", mention="Ruiz", start=22, end=26)
    quotes = [
        Quote(text="We are on schedule", kind="direct", start=1, end=19, speaker=ruiz, cue="said"),
        Quote(text="and the budget", kind="partial", start=34, end=48, speaker=ruiz),
        Quote(text="and the budget has not grown.", kind="direct", start=34, end=63, speaker=ruiz, cue="said"),
    ]  # fmt: skip
    offsets = [i + 100 for i in range(len(body))]
    (prediction,), nested = predictions_from_quotes(quotes, body, offsets)
    assert nested == 1
    assert prediction.content == ((101, 119), (134, 163))
    assert prediction.source == ((122, 126),)
    assert prediction.cue == ((127, 131),)
    assert prediction.speaker == {"ana", "ruiz"}


def test_predictions_keep_two_quotes_of_different_paragraphs_apart():
    body = "“We are ready,” Ruiz said.\n“It opens soon,” Ruiz said."
    ruiz = Speaker(name="Ruiz", mention="Ruiz", start=16, end=20)
    quotes = [
        Quote(text="We are ready", kind="direct", start=1, end=13, speaker=ruiz),
        Quote(text="It opens soon", kind="direct", start=28, end=41, speaker=ruiz),
    ]
    found, _ = predictions_from_quotes(quotes, body, list(range(len(body))))
    assert len(found) == 2


# -- scores --------------------------------------------------------------------------------------


def test_prf_counts_hand_computed():
    counts = PrfCounts(tp=2, predicted=4, gold=5)
    assert counts.precision == 0.5 and counts.recall == 0.4
    assert counts.f1 == pytest.approx(2 * 0.5 * 0.4 / 0.9)
    assert PrfCounts().f1 == 0.0


def test_match_lenient_needs_half_of_the_gold_words():
    gold = [GoldContent(frozenset(range(10)), "ruiz")]
    assert match_lenient(gold, [(frozenset(range(5, 12)), frozenset())], with_source=False) == 1
    assert match_lenient(gold, [(frozenset(range(6, 12)), frozenset())], with_source=False) == 0


def test_match_lenient_is_one_to_one():
    gold = [GoldContent(frozenset(range(4)), "a"), GoldContent(frozenset(range(4, 8)), "a")]
    one_big = [(frozenset(range(8)), frozenset({"a"}))]
    assert match_lenient(gold, one_big, with_source=False) == 1
    two = [(frozenset(range(3)), frozenset()), (frozenset({0, 1, 2, 3}), frozenset())]
    assert match_lenient(gold[:1], two, with_source=False) == 1


def test_match_lenient_with_source_needs_the_head_word_among_the_speaker_words():
    gold = [GoldContent(frozenset(range(4)), "ruiz"), GoldContent(frozenset(range(4, 8)), None)]
    right = [(frozenset(range(4)), frozenset({"ana", "ruiz"}))]
    wrong = [(frozenset(range(4)), frozenset({"engineer"}))]
    assert match_lenient(gold, right, with_source=True) == 1
    assert match_lenient(gold, wrong, with_source=True) == 0
    # a gold content without a source is right only when no speaker was given either
    assert match_lenient(gold, [(frozenset(range(4, 8)), frozenset())], with_source=True) == 1
    assert match_lenient(gold, [(frozenset(range(4, 8)), frozenset({"x"}))], with_source=True) == 0


def _oracle(doc: AnnotatedText):
    """A stage that returns the gold of ``doc`` as quotes (scores must all be 1)."""
    body, offsets, headline_end = body_text(doc.text)
    back = {orig: i for i, orig in enumerate(offsets)}

    def span(start: int, end: int) -> tuple[int, int]:
        return back[start], back[end - 1] + 1

    def stage(article: Article) -> Article:
        quotes = []
        for item in doc.attributions:
            if item.content[0][0] < headline_end:
                continue
            speaker = None
            if item.source:
                start, end = span(*item.source[0])
                speaker = Speaker(
                    name=body[start:end], mention=body[start:end], start=start, end=end
                )
            cue = " ".join(doc.text[s:e] for s, e in item.cue) if item.cue else None
            for s, e in item.content:
                start, end = span(s, e)
                quotes.append(
                    Quote(body[start:end], "indirect", start, end, speaker=speaker, cue=cue)
                )
        return replace(article, quotes=tuple(quotes))

    return stage


def test_evaluate_an_oracle_scores_one_everywhere():
    docs, _ = load_split(MINI)
    oracles = {doc.text: _oracle(doc) for doc in docs}

    def stage(article: Article) -> Article:
        (doc,) = [d for d in docs if body_text(d.text)[0] == article.text]
        return oracles[doc.text](article)

    data = evaluate(MINI, stage=stage).to_dict()
    assert data["texts"] == 2 and data["failed"] == 0 and data["problems"] == 5
    assert data["headline_attributions_excluded"] == 1
    assert data["gold_contents"] == 5 and data["gold_contents_without_source"] == 1
    for counts in [*data["exact"].values(), *data["lenient"].values()]:
        assert counts["f1"] == 1.0, data
    assert data["exact"]["source"]["gold"] == 4


def test_evaluate_finding_nothing_scores_zero_and_a_failing_stage_is_reported():
    nothing = evaluate(MINI, stage=lambda article: article).to_dict()
    assert nothing["lenient"]["content"] == {
        "precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "predicted": 0, "gold": 5,
    }  # fmt: skip

    def broken(article: Article) -> Article:
        raise RuntimeError("boom")

    report = evaluate(MINI, stage=broken)
    assert [error for _, error in report.failed] == ["RuntimeError: boom"] * 2
    assert report.to_dict()["lenient"]["content"]["gold"] == 5


def test_evaluate_a_prediction_with_five_of_eight_gold_words_hand_computed(tmp_path):
    text = "Headline\n\nRuiz said the bridge opens in April and costs less."
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "h.txt").write_text(text, encoding="utf-8")
    (tmp_path / "attributions" / "h_ab12.ann").write_text(
        "T1\tSource 10 14\tRuiz\nT2\tCue 15 19\tsaid\nT3\tContent 20 60\tthe bridge...\n"
        "E1\tAttribution:T1 Content:T3 Cue:T2 Source:T1\n",
        encoding="utf-8",
    )
    ruiz = Speaker(name="Ruiz", mention="Ruiz", start=0, end=4)
    quote = Quote("the bridge opens in April", "indirect", 10, 35, speaker=ruiz, cue="said")

    def stage(article: Article) -> Article:
        assert article.text[10:35] == quote.text
        return replace(article, quotes=(quote,))

    data = evaluate(tmp_path, stage=stage).to_dict()
    # 5 of the gold content's 8 words: a lenient match, with the right speaker; not exact
    assert data["lenient"]["content"]["f1"] == 1.0
    assert data["lenient"]["content_source"]["f1"] == 1.0
    assert data["exact"]["content"] == {
        "precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "predicted": 1, "gold": 1,
    }  # fmt: skip
    assert data["exact"]["source"]["tp"] == 1 and data["exact"]["cue"]["tp"] == 1


# -- the command ---------------------------------------------------------------------------------


def test_cli_eval_polnear_prints_one_json_report_and_names_skipped_lines():
    result = CliRunner().invoke(app, ["eval", "polnear", str(MINI), "--format", "json"])
    assert result.exit_code == 0, result.output
    (data,) = json.loads(result.stdout)
    assert data["texts"] == 2 and set(data["exact"]) == {"source", "cue", "content"}
    assert "bad span 'abc def'" in result.stderr


def test_cli_eval_polnear_text_view_and_limit():
    result = CliRunner().invoke(app, ["eval", "polnear", str(MINI), "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "1 texts" in result.stdout and "content+source" in result.stdout


def test_cli_eval_polnear_refuses_a_folder_that_is_no_split(tmp_path):
    result = CliRunner().invoke(app, ["eval", "polnear", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a PolNeAR split" in result.stderr


# -- the gate ------------------------------------------------------------------------------------


@pytest.mark.slow
def test_polnear_dev_gate_floors():
    if not DEV.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the data set is missing in CI: {DEV}")
        pytest.skip(f"PolNeAR is not beside the project: {DEV}")
    data = evaluate(DEV).to_dict()
    assert data["texts"] == FLOORS["texts"] and data["failed"] == 0
    for name, floor in FLOORS["lenient_f1"].items():
        assert data["lenient"][name]["f1"] >= floor, (name, data["lenient"][name])
    for label, floor in FLOORS["exact_f1"].items():
        assert data["exact"][label]["f1"] >= floor, (label, data["exact"][label])


def test_observations_count_cues_sources_and_shapes_of_the_gold():
    docs, _ = load_split(MINI)
    counts = observations(docs)
    assert counts["cue"] == {"said": 2, "says": 1, "according to": 1, "reported": 1, "told": 1}
    assert counts["source_head"]["ruiz"] == 2 and counts["source_head"]["engineer"] == 1
    assert counts["shape"] == {
        "attributions": 6,
        "cue before content": 4,
        "cue between content pieces": 1,
        "cue after content": 1,
        "content in several pieces": 1,
        "no source": 1,
        "source after cue": 1,
    }
