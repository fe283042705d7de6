"""Outlets a statement came through, nearest to the speaker first."""

from __future__ import annotations

from newswatch.knowledge import load_knowledge
from newswatch.nlp.quotes import outlet_names_from
from newswatch.nlp.via import chain, find_via


def _chain(text: str, lang: str) -> tuple[str, ...]:
    return chain(find_via(text, lang, outlet_names=outlet_names_from(load_knowledge(), lang)))


def test_via_cited_as_saying_by() -> None:
    assert _chain("quality, Zas was cited as saying by RIA Novosti.", "en") == ("RIA Novosti",)


def test_via_outlet_reports_at_the_end() -> None:
    assert _chain("He called it a success, Sputnik Tajikistan reports.", "en") == (
        "Sputnik Tajikistan",
    )


def test_via_citing_comes_first() -> None:
    assert _chain("RIA Novosti reported, citing Sputnik.", "en") == ("Sputnik", "RIA Novosti")


def test_via_news_agency_name_is_canonical() -> None:
    assert _chain("according to the 24.kg news agency", "en") == ("24.kg",)


def test_via_russian_transmits_and_reports() -> None:
    assert _chain("— заявил он, передает ТАСС.", "ru") == ("ТАСС",)
    assert _chain("— сказал он, сообщает «Ховар».", "ru") == ("Ховар",)
    assert _chain("», — приводит слова Лаврова ТАСС.", "ru") == ("ТАСС",)


def test_via_common_nouns_are_no_outlets() -> None:
    assert _chain("The ministry reported.", "en") == ()
    assert _chain("He told reporters.", "en") == ()
