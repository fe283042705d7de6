"""The FollowTheMoney export: every article, entity, mention and statement, with stable ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newswatch.benchgen import generate_articles
from newswatch.cli import app
from newswatch.store import Store

followthemoney = pytest.importorskip(
    "followthemoney", reason="the FtM export needs the optional extra: pip install -e '.[ftm]'"
)

from newswatch.export_ftm import ftm_entities  # noqa: E402


@pytest.fixture
def base(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    with Store.open(url) as store:
        for article in generate_articles(3, seed=11, russian=0.34):
            store.add_article(article)
    return url


def _export(url: str) -> list[dict]:  # type: ignore[type-arg]
    with Store.open(url) as store:
        return list(ftm_entities(store))


def test_ftm_export_gives_valid_entities_of_the_chosen_schemata(base: str) -> None:
    from followthemoney import model

    items = _export(base)
    schemata = {item["schema"] for item in items}
    assert {"Article", "Person", "Organization", "Address", "Documentation"} <= schemata
    for item in items:
        proxy = model.get_proxy(item)  # raises on an unknown schema or property
        assert proxy.id == item["id"]
        for prop in proxy.schema.required:
            assert proxy.get(prop), (item["schema"], prop)


def test_ftm_export_ids_are_stable_across_exports(base: str) -> None:
    first = _export(base)
    assert [i["id"] for i in first] == [i["id"] for i in _export(base)]
    assert len({i["id"] for i in first}) == len(first)


def test_ftm_export_statements_link_speaker_and_article_with_date(base: str) -> None:
    items = _export(base)
    by_id = {i["id"]: i for i in items}
    statements = [
        i for i in items
        if i["schema"] == "Documentation" and i["properties"].get("role") == ["statement"]
    ]  # fmt: skip
    assert statements
    for item in statements:
        props = item["properties"]
        assert by_id[props["document"][0]]["schema"] == "Article"
        assert by_id[props["entity"][0]]["schema"] in {"Person", "Organization"}
        assert props["summary"] and props["date"]
    notes = [i for i in items if i["schema"] == "Note"]  # unnamed sources
    assert all(by_id[n["properties"]["entity"][0]]["schema"] == "Article" for n in notes)


def test_ftm_export_articles_carry_title_date_url_and_text(base: str) -> None:
    articles = [i for i in _export(base) if i["schema"] == "Article"]
    assert len(articles) == 3
    for item in articles:
        props = item["properties"]
        assert props["title"] and props["publishedAt"] and props["sourceUrl"] and props["bodyText"]
        assert props["language"][0] in {"eng", "rus"}


def test_export_command_writes_one_ftm_entity_per_line(base: str) -> None:
    result = CliRunner().invoke(app, ["export", "--format", "ftm", "--db", base])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().split("\n")
    assert all(json.loads(line)["schema"] for line in lines)
