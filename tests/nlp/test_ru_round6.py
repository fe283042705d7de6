"""Russian outlet chains and wire leads, generalisation round 6 (texts written for newswatch)."""

from __future__ import annotations

from newswatch.pipeline import analyse
from newswatch.record import Article, Quote, article_id
from newswatch.settings import Settings


def _article(text: str) -> Article:
    article = Article(
        id=article_id(url=None, text=text), text=text, language="ru", published="2025-03-14"
    )
    return analyse(article, settings=Settings())


def _quotes(text: str) -> tuple[Quote, ...]:
    return _article(text).quotes


def _one(text: str, key: str) -> Quote:
    found = [q for q in _quotes(text) if key in q.text]
    assert len(found) == 1, _quotes(text)
    return found[0]


def test_a_press_service_ending_a_two_sentence_lead_covers_its_first_sentence() -> None:
    text = (
        "Кыргызстан с июня начнет продавать электроэнергию в Китай по новой линии. "
        "Первые поставки составят 200 мегаватт, сообщает пресс-служба Министерства энергетики "
        "Кыргызстана."
    )
    first = _one(text, "начнет продавать электроэнергию")
    second = _one(text, "Первые поставки составят")
    assert first.speaker is not None and second.speaker is not None
    assert first.speaker.name == second.speaker.name
    assert "Министерство энергетики" in first.speaker.name


def test_a_longer_paragraph_before_a_press_service_is_not_all_its_words() -> None:
    text = (
        "В Бишкеке прошел форум. На нем выступили десятки экспертов. "
        "Итоги подведут в мае, сообщает пресс-служба мэрии."
    )
    assert not any("прошел форум" in q.text for q in _quotes(text))


def test_a_person_ending_a_lead_does_not_take_the_sentence_before() -> None:
    text = (
        "В Оше открылся новый рынок. Торговцам дадут места бесплатно, сказал мэр города "
        "Азамат Бекишев."
    )
    assert not any("открылся новый рынок" in q.text for q in _quotes(text))


def test_citing_one_word_of_a_body_gives_no_outlet() -> None:
    text = (
        "Как пишет Kapital.kz со ссылкой на Бюро национальной статистики, экспорт угля из "
        "Казахстана вырос на 12%."
    )
    q = _one(text, "экспорт угля")
    assert q.via == ("Kapital.kz",)


def test_a_channel_named_in_marks_after_its_media_word_is_an_outlet() -> None:
    text = (
        "Глава ассоциации Марат Оспанов в эфире телеканала «Атамекен Бизнес» заявил, что цены "
        "на муку вырастут осенью."
    )
    q = _one(text, "цены на муку")
    assert q.via == ("Атамекен Бизнес",)
    media = [e.name for e in _article(text).entities if e.type == "MEDIA"]
    assert "Атамекен Бизнес" in media


def test_a_newspaper_by_its_own_name_in_marks_is_an_outlet() -> None:
    text = "Как пишет «Российская газета», новые правила вступят в силу с января."
    media = [e.name for e in _article(text).entities if e.type == "MEDIA"]
    assert "Российская газета" in media


def test_a_speech_verb_inside_an_outlets_name_is_no_cue() -> None:
    text = (
        "Эксперт Ильдар Сафин в эфире радиостанции «Говорит Москва» заявил, что очереди на "
        "границе сократятся."
    )
    q = _one(text, "очереди на границе")
    assert q.cue == "заявил"
    assert q.via == ("Говорит Москва",)


def test_an_organisations_own_channel_is_where_it_spoke_not_who() -> None:
    text = (
        "С мая в городе введут платную парковку. Об этом сообщила мэрия Алматы в своем "
        "Telegram-канале. Ранее сроки не называли."
    )
    q = _one(text, "платную парковку")
    assert q.speaker is not None and q.speaker.name.startswith("мэрия")


def test_a_test_range_and_a_sanatorium_named_in_marks_are_facilities() -> None:
    text = (
        "Учения пройдут на полигоне «Эдельвейс», раненых разместят в санатории «Иссык-Куль Аврора»."
    )
    facs = {e.name for e in _article(text).entities if e.type == "FAC"}
    assert "Эдельвейс" in facs


def test_a_site_whose_domain_starts_with_a_digit_is_the_outlet_spoken_to() -> None:
    text = (
        "Как сообщил 24.kg источник в Министерстве финансов, бюджет на следующий год будет "
        "пересмотрен."
    )
    q = _one(text, "бюджет на следующий год")
    assert q.speaker is not None and q.speaker.name.startswith("источник в Министерстве")
    assert q.via == ("24.kg",)


def test_a_state_agency_by_what_it_deals_in_is_no_outlet() -> None:
    text = (
        "Как сообщает Kun.uz со ссылкой на Агентство по статистике, население Ташкента "
        "превысило 3 миллиона человек."
    )
    q = _one(text, "население Ташкента")
    assert q.speaker is not None and q.speaker.name.startswith("Агентство по статистике")
    assert q.via == ("Kun.uz",)


def test_the_press_service_of_the_body_named_before_is_that_body() -> None:
    text = (
        "Министерство транспорта Казахстана с мая повысит тарифы на перевозку грузов. "
        "Об этом сообщила пресс-служба ведомства."
    )
    q = _one(text, "повысит тарифы")
    assert q.speaker is not None and q.speaker.name.startswith("Министерство транспорта")


def test_the_bare_agency_citing_a_speaker_is_the_outlet_named_before() -> None:
    text = (
        "Как передает Kabar, глава союза фермеров Канат Омуров заявил, что урожай пшеницы "
        "снизится.\n"
        "«Засуха ударила по северу страны сильнее, чем мы ожидали», — цитирует Омурова агентство."
    )
    q = _one(text, "Засуха ударила")
    assert q.speaker is not None and q.speaker.name == "Канат Омуров"
    assert q.via == ("Kabar",)


def test_a_pronoun_inside_quoting_words_is_the_speaker_and_the_outlet_carries() -> None:
    text = (
        "Министр Зарина Рахимова заявила, что граница откроется уже в сентябре.\n"
        "«Для жителей приграничных сел это сократит путь до рынков», — приводит ее слова "
        "агентство «Ховар»."
    )
    q = _one(text, "сократит путь")
    assert q.speaker is not None and q.speaker.name == "Зарина Рахимова"
    assert q.via == ("Ховар",)
