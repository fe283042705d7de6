"""The benchmark article generator: deterministic, realistic structure, both languages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newswatch.benchgen import generate_article, generate_articles, text_dump
from newswatch.cli import app
from newswatch.language import detect_language
from newswatch.record import ENTITY_TYPES, QUOTE_KINDS, Article


def test_generator_same_seed_and_index_give_the_same_article() -> None:
    assert generate_article(3, 17, "en") == generate_article(3, 17, "en")
    assert generate_article(3, 17, "ru") == generate_article(3, 17, "ru")


def test_generator_other_index_or_seed_gives_another_article() -> None:
    texts = {generate_article(seed, i, "en").text for seed in (1, 2) for i in range(5)}
    assert len(texts) == 10


@pytest.mark.parametrize("language", ["en", "ru"])
def test_generator_articles_are_about_600_words_in_their_language(language: str) -> None:
    for article in generate_articles(5, seed=9, russian=1.0 if language == "ru" else 0.0):
        assert article.language == language
        assert 520 <= len(article.text.split()) <= 760
        assert detect_language(article.text, ("en", "ru")) == language
        assert article.title and article.published and article.url and article.outlet


@pytest.mark.parametrize("language", ["en", "ru"])
def test_generator_offsets_point_at_their_mentions_and_quotes(language: str) -> None:
    article = generate_article(5, 2, language)
    for entity in article.entities:
        assert entity.type in ENTITY_TYPES
        for mention in entity.mentions:
            assert article.text[mention.start : mention.end] == mention.text
    for quote in article.quotes:
        assert quote.kind in QUOTE_KINDS
        assert article.text[quote.start : quote.end] == quote.text
        if quote.speaker and quote.speaker.start is not None:
            assert article.text[quote.speaker.start : quote.speaker.end] == quote.speaker.mention


def test_generator_writes_every_form_of_attribution() -> None:
    kinds, cues, via, unnamed, pronouns = set(), set(), 0, 0, 0
    for article in generate_articles(40, seed=4, russian=0.5):
        for quote in article.quotes:
            kinds.add(quote.kind)
            cues.add(quote.cue)
            via += bool(quote.via)
            unnamed += quote.speaker is not None and quote.speaker.entity is None
            pronouns += quote.speaker is not None and quote.speaker.mention in {
                "he",
                "she",
                "он",
                "она",
            }
    assert kinds == set(QUOTE_KINDS)
    assert {"said", "according to", "added", "по словам", "сказал"} <= cues
    assert via and unnamed and pronouns


def test_generator_people_keep_their_name_and_role_across_articles() -> None:
    roles: dict[str, set[str]] = {}
    for article in generate_articles(200, seed=1):
        for entity in article.entities:
            if entity.type == "PERSON":
                roles.setdefault(entity.name, set()).update(entity.roles)
    recurring = [name for name, r in roles.items() if len(r) == 1]
    assert len(roles) > 100 and len(recurring) > 0.8 * len(roles)


def test_generator_statement_dates_are_at_most_a_week_before_publication() -> None:
    for article in generate_articles(20, seed=2, russian=0.5):
        for quote in article.quotes:
            if quote.date:
                assert quote.date <= article.published
                assert quote.date_text


def test_generator_round_trips_through_the_record_json() -> None:
    article = generate_article(1, 0, "ru")
    assert Article.from_dict(json.loads(json.dumps(article.to_dict()))) == article


def test_text_dump_puts_headline_and_dateline_before_the_text_and_furniture_after() -> None:
    article = generate_article(1, 1, "en")
    lines = text_dump(article).splitlines()
    assert lines[0] == article.title
    assert re.search(r"\d{4} \d\d:\d\d$", lines[1])
    body = article.text.split("\n")
    assert lines[2 : 2 + len(body)] == body
    assert len(lines) > 2 + len(body)


def test_bench_ingest_command_runs_on_a_tiny_base() -> None:
    result = CliRunner().invoke(
        app, ["bench", "ingest", "--articles", "3", "--workers", "1", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["stored"] == 3 and row["failed"] == 0 and row["articles_per_second"] > 0


def test_bench_search_command_runs_on_a_tiny_base(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    args = ["bench", "search", "--db", db, "--articles", "20", "--per-kind", "2", "--repeat", "1"]
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)
    assert report["articles"] == 20 and report["quotes"] > 100
    assert {k["query"] for k in report["kinds"]} >= {
        "search common term",
        "quotes --about rare term",
    }
    again = CliRunner().invoke(app, [*args, "--format", "json"])  # the base is reused
    assert again.exit_code == 0 and json.loads(again.stdout)[0]["load"]["reused"] is True
