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


def test_via_russian_outlet_spoken_to_in_the_dative() -> None:
    assert _chain("Источник сообщил Sputnik Кыргызстан, что", "ru") == ("Sputnik Кыргызстан",)
    assert _chain("— сказал «Интерфаксу» заместитель министра", "ru") == ("Интерфакс",)
    assert _chain("— пояснила Одинаева «Ховару».", "ru") == ("Ховар",)


def test_via_russian_person_spoken_to_is_no_outlet() -> None:
    assert _chain("— сказал Асанкулов журналистам в Бишкеке.", "ru") == ()


def test_via_russian_outlet_ends_a_run_of_names() -> None:
    text = "», — приводит слова замминистра Белоруссии Виктора Лебедева ТАСС."
    assert _chain(text, "ru") == ("ТАСС",)
    assert _chain("», — приводит слова Сыдыкова РИА Новости.", "ru") == ("РИА Новости",)


def test_via_russian_outlet_after_its_media_word() -> None:
    assert _chain("», — цитирует Шарипова агентство «Азия-Плюс».", "ru") == ("Азия-Плюс",)
    assert _chain("Он в комментарии радио «Азаттык» отметил, что", "ru") == ("Азаттык",)
    assert _chain("Ли, слова которого приводит агентство Синьхуа, заявил", "ru") == ("Синьхуа",)


def test_via_russian_chain_through_a_second_outlet() -> None:
    text = "», — приводит слова Саиди Gazeta.uz со ссылкой на агентство «Бахтар»."
    assert _chain(text, "ru") == ("Бахтар", "Gazeta.uz")


def test_via_keeps_the_acronym_the_text_uses_when_it_is_a_known_name() -> None:
    assert _chain("The canal is nearly finished, AFP reported.", "en") == ("AFP",)
    assert _chain("Работы завершены, передает ТАСС.", "ru") == ("ТАСС",)


def test_via_statement_carried_by_an_agency() -> None:
    text = (
        "The minister said in a statement carried by the Dunyo news agency that the line is open."
    )
    assert _chain(text, "en") == ("Dunyo",)


def test_via_outlet_reports_after_a_closing_quotation_mark() -> None:
    assert _chain('He said: "We will be ready by summer," Avesta reported.', "en") == ("Avesta",)
