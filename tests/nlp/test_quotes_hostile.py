"""Hostile and odd input never crashes the quotes stage (kept quick)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newswatch.nlp.quotes import find_quotes, quote_spans

_ALPHABET = st.sampled_from(list('«»“”„"‘’ ,.:—-\nabc Он сказал said Zas 19 декабря'))


@settings(max_examples=150, deadline=None)
@given(st.text(_ALPHABET, max_size=300), st.sampled_from(["en", "ru", None]))
def test_quotes_any_mix_of_marks_and_words_gives_valid_offsets(text: str, lang: str | None) -> None:
    for q in find_quotes(text, lang, published="2022-12-20"):
        assert 0 <= q.start <= q.end <= len(text)
        assert q.text == text[q.start : q.end]


def test_quotes_fifty_thousand_quotation_marks() -> None:
    text = "“" * 25_000 + " he said " + "”" * 25_000
    assert isinstance(find_quotes(text, "en"), tuple)
    assert isinstance(quote_spans(text), list)


def test_quotes_no_sentence_ends_and_mixed_scripts() -> None:
    text = " ".join(["Zas said that Зась заявил что" for _ in range(2000)])
    for q in find_quotes(text, "en"):
        assert q.text == text[q.start : q.end]


def test_quotes_five_megabyte_article_in_one_line() -> None:
    sentence = "“We are ready,” Mr. Zas said on Monday. The talks went on. "
    text = sentence * (5_000_000 // len(sentence))
    quotes = find_quotes(text, "en", published="2022-12-20")
    assert quotes and all(q.end <= len(text) for q in quotes)
