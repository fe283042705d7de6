"""Russian outlets that carry a statement (texts written for newswatch)."""

from __future__ import annotations

from newswatch.pipeline import analyse
from newswatch.record import Article, Quote, article_id
from newswatch.settings import Settings


def _quotes(text: str) -> tuple[Quote, ...]:
    article = Article(
        id=article_id(url=None, text=text), text=text, language="ru", published="2025-03-14"
    )
    return analyse(article, settings=Settings()).quotes


def _one(text: str, key: str) -> Quote:
    found = [q for q in _quotes(text) if key in q.text]
    assert len(found) == 1, _quotes(text)
    return found[0]


def test_a_reporter_of_an_agency_carries_the_statement() -> None:
    text = (
        "Министр энергетики Далер Джума заявил, что новые тарифы вступят в силу с апреля, "
        "передает корреспондент НИАТ «Ховар»."
    )
    q = _one(text, "новые тарифы")
    assert q.text == "новые тарифы вступят в силу с апреля"
    assert q.via == ("Ховар",)


def test_an_outlet_opening_the_sentence_only_carries_it() -> None:
    text = (
        "Как передает ТАСС, министр иностранных дел Сергей Лавров заявил, что переговоры "
        "продолжатся в следующем месяце."
    )
    q = _one(text, "переговоры продолжатся")
    assert q.speaker is not None and q.speaker.name == "Сергей Лавров"
    assert q.via == ("ТАСС",)
    assert not any(q.text.startswith("Как") for q in _quotes(text))


def test_an_outlet_citing_a_press_service_carries_a_named_speakers_words() -> None:
    text = (
        "Заместитель акима Алматы Ерлан Тулегенов сообщил, что стоимость проезда вырастет до "
        "200 тенге, пишет Tengrinews.kz со ссылкой на пресс-службу акимата."
    )
    q = _one(text, "стоимость проезда")
    assert q.speaker is not None and q.speaker.name == "Ерлан Тулегенов"
    assert q.text == "стоимость проезда вырастет до 200 тенге"
    assert q.via == ("Tengrinews.kz",)
    # with no speaker in the words, the press service cited is the source
    q = _one("Стоимость проезда вырастет до 200 тенге, пишет Tengrinews.kz со ссылкой на "
             "пресс-службу акимата.", "Стоимость проезда")  # fmt: skip
    assert q.speaker is not None and "пресс-служб" in q.speaker.name
