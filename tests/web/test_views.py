from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newswatch.record import Article, Entity, Mention, Quote, Speaker, article_id
from newswatch.web.views import annotate, safe_href, timeline


@given(st.text(max_size=200))
def test_safe_href_only_passes_absolute_http_urls(url: str) -> None:
    href = safe_href(url)
    if href is not None:
        assert href.lower().startswith(("http://", "https://"))


def test_safe_href_refuses_script_and_data_links() -> None:
    for url in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "//evil.example/",
        "/relative",
        "http:/no-host",
        None,
    ):
        assert safe_href(url) is None, url
    assert safe_href("https://asiaplustj.info/en/news") == "https://asiaplustj.info/en/news"


spans = st.tuples(st.integers(-5, 60), st.integers(-5, 60))


@settings(max_examples=200)
@given(
    text=st.text(alphabet=st.sampled_from("ab \n“”<>&"), max_size=50),
    quote_spans=st.lists(spans, max_size=4),
    mention_spans=st.lists(spans, max_size=4),
)
def test_annotate_keeps_every_character_whatever_the_offsets(
    text: str, quote_spans: list[tuple[int, int]], mention_spans: list[tuple[int, int]]
) -> None:
    quotes = tuple(
        Quote(text="x", kind="direct", start=a, end=b, speaker=Speaker("S", start=b, end=a))
        for a, b in quote_spans
    )
    entity = Entity(
        id="e1",
        name="A",
        type="PERSON",
        mentions=tuple(Mention(a, b, "A") for a, b in mention_spans),
    )
    article = Article(
        id=article_id(url=None, text=text or "x"), text=text, entities=(entity,), quotes=quotes
    )
    paragraphs = annotate(article, {"e1": "kb1"})
    rebuilt = "\n".join("".join(s.text for s in p.segments) for p in paragraphs)
    assert rebuilt == "\n".join(line for line in text.split("\n") if line)


def test_annotate_marks_a_statement_and_its_speaker() -> None:
    text = "“No threat,” Zas said."
    quote = Quote(
        text="No threat",
        kind="direct",
        start=1,
        end=10,
        speaker=Speaker("Zas", "e1", "Zas", 13, 16),
    )
    entity = Entity(id="e1", name="Zas", type="PERSON", mentions=(Mention(13, 16, "Zas"),))
    article = Article(id="x", text=text, entities=(entity,), quotes=(quote,))
    [paragraph] = annotate(article, {"e1": "kb-zas"})
    marked = {s.text: s for s in paragraph.segments}
    assert marked["No threat"].quote == 0
    assert marked["Zas"].speaker and marked["Zas"].kb_entity == "kb-zas"


def test_timeline_fills_quiet_months_and_weeks() -> None:
    bars = timeline([("2022-10-03", 1), ("2022-12-20", 2), (None, 5), ("not a day", 1)])
    assert [(b.label, b.count) for b in bars] == [("2022-10", 1), ("2022-11", 0), ("2022-12", 2)]
    assert bars[2].height > bars[0].height > bars[1].height == 0
    weeks = timeline([("2022-12-26", 1), ("2023-01-09", 1)], by="week")
    assert [b.label for b in weeks] == ["2022-W52", "2023-W01", "2023-W02"]
