"""General forms of news attribution beyond the plain cue verbs, in English and Russian.

Texts written for newswatch; the real entities stage runs on each, as in the pipeline.
"""

from __future__ import annotations

from functools import cache

from newswatch.knowledge import load_knowledge
from newswatch.nlp.entities import find_entities
from newswatch.nlp.quotes import find_quotes
from newswatch.record import Quote


@cache
def _quotes(text: str, lang: str) -> tuple[Quote, ...]:
    knowledge = load_knowledge()
    entities = find_entities(text, lang, knowledge=knowledge)
    return find_quotes(text, lang, entities, published="2024-04-10", knowledge=knowledge)


def _find(text: str, lang: str, key: str) -> Quote:
    found = [q for q in _quotes(text, lang) if key in q.text]
    assert len(found) == 1, _quotes(text, lang)
    return found[0]


def _name(q: Quote) -> str | None:
    return q.speaker.name if q.speaker is not None else None


def test_quotes_ru_naming_verb_gives_the_quoted_words_to_its_subject() -> None:
    text = (
        "Министр иностранных дел Кыргызстана Жээнбек Кулубаев назвал это решение «естественным "
        "шагом в развитии отношений». Он также отметил, что переговоры продолжатся."
    )
    q = _find(text, "ru", "естественным шагом")
    assert (q.kind, _name(q), q.cue) == ("partial", "Жээнбек Кулубаев", "назвал")


def test_quotes_en_called_described_criticized_give_the_quoted_words_to_the_subject() -> None:
    text = (
        'Energy Minister Ibrahim Ahmed called the expansion "a historic step for the region."\n'
        'The ambassador, John Smith, described the talks as "frank and very useful."\n'
        'Human Rights Watch criticized the ministry for "failing to protect migrants from abuse." '
        "The group said the law was vague."
    )

    # the marked words are a partial quote; the verb's object with them is reported whole
    def both(key: str) -> set[tuple[str, str | None, str | None]]:
        return {(q.kind, _name(q), q.cue) for q in _quotes(text, "en") if key in q.text}

    assert both("historic step") == {
        ("partial", "Ibrahim Ahmed", "called"),
        ("indirect", "Ibrahim Ahmed", "called"),
    }
    assert {k for k, _n, _c in both("frank and very useful")} == {"partial", "indirect"}
    assert {n for _k, n, _c in both("frank and very useful")} == {"John Smith"}
    assert both("failing to protect") == {
        ("partial", "Human Rights Watch", "criticized"),
        ("indirect", "Human Rights Watch", "criticized"),
    }


def test_quotes_a_cue_after_a_full_stop_with_its_own_clause_is_no_tail_of_the_quotation() -> None:
    text = '"We will not sign this deal." The minister said the talks would go on.'
    quotes = _quotes(text, "en")
    assert not any("not sign" in q.text and q.cue == "said" for q in quotes), quotes


def test_quotes_ru_attribution_inside_one_quotation_splits_it_in_two() -> None:
    text = (
        "«Граница должна быть открыта для торговли, — добавил дипломат Сергей Иванов. — Мы "
        "готовы к диалогу с соседями»."
    )
    first = _find(text, "ru", "Граница должна")
    second = _find(text, "ru", "Мы готовы")
    assert _name(first) == _name(second) == "Сергей Иванов"
    assert first.text == "Граница должна быть открыта для торговли"
    assert "добавил" not in second.text


def test_quotes_ru_outlet_citing_a_source_makes_the_source_speak_and_the_outlet_carry() -> None:
    text = (
        "«Газпром» и узбекская сторона обсуждают увеличение поставок газа, как сообщает "
        "«Интерфакс» со ссылкой на источник в отрасли. Собеседник «Интерфакса» уточнил, что "
        "главным ограничением остается пропускная способность трубы."
    )
    q = _find(text, "ru", "обсуждают увеличение")
    assert _name(q) == "источник в отрасли"
    assert q.via == ("Интерфакс",)
    assert _name(_find(text, "ru", "пропускная способность")) == "источник в отрасли"
    assert not any(q.text == "Газпром" for q in _quotes(text, "ru"))


def test_quotes_ru_outlet_with_sources_before_the_verb() -> None:
    text = "Reuters со ссылкой на два источника сообщило, что переговоры о поставках сорваны."
    q = _find(text, "ru", "переговоры о поставках")
    assert _name(q) == "два источника"
    assert "Reuters" in q.via


def test_quotes_en_outlet_reported_citing_sources() -> None:
    text = "Talks on the gas deal have stalled, Reuters reported, citing two sources."
    q = _find(text, "en", "Talks on the gas deal")
    assert _name(q) == "two sources"
    assert q.via == ("Reuters",)


def test_quotes_ru_one_outlet_citing_another_is_no_source() -> None:
    text = "Переговоры о поставках сорваны, сообщает РИА Новости со ссылкой на ТАСС."
    assert not any(_name(q) == "ТАСС" for q in _quotes(text, "ru"))


def test_quotes_ru_the_agency_word_refers_to_the_ministry_named_before() -> None:
    text = (
        "По информации Министерства транспорта Узбекистана, новая дорога сократит путь грузов. "
        "В ведомстве также отметили, что Ташкент рассчитывает подключить маршрут к коридору."
    )
    q = _find(text, "ru", "рассчитывает подключить")
    assert _name(q) is not None and _name(q).startswith("Министерство транспорта")


def test_quotes_ru_appeal_verb_takes_the_object_and_infinitive_as_the_statement() -> None:
    text = (
        "Сейсмолог Гульмира Садыкова призвала горожан не поддаваться панике и не доверять слухам."
    )
    q = _find(text, "ru", "не поддаваться панике")
    assert (_name(q), q.kind) == ("Гульмира Садыкова", "indirect")


def test_quotes_ru_unattributed_quotation_after_reported_speech_continues_its_speaker() -> None:
    text = (
        "Заместитель министра транспорта Нурлан Абдыкеримов рассказал, что основные разногласия по проекту сняты. "
        "«Три года назад мы спорили о каждом километре пути.\n"
        "«Теперь эти вопросы решены», — сказал замминистра."
    )
    q = _find(text, "ru", "Три года назад")
    assert _name(q) == "Нурлан Абдыкеримов"


def test_quotes_ru_prosecutor_named_again_is_the_state_prosecutor() -> None:
    text = (
        "Государственный обвинитель Бахтиёр Юлдашев настаивал на реальных сроках. Адвокат "
        "Дилноза Рахматуллаева с ним не согласилась.\n"
        "«Это прямой результат того, что деньги ушли не на асфальт», — заявил прокурор в суде."
    )
    assert _name(_find(text, "ru", "прямой результат")) == "Бахтиёр Юлдашев"


def test_quotes_ru_banker_between_dashes_is_a_role() -> None:
    text = (
        "Председатель правления банка Фаррух Собиров назвал приватизацию «естественным шагом». "
        "«Банк готов к приходу частного акционера, — пояснил банкир. — Новому владельцу не "
        "придется начинать с нуля»."
    )
    assert _name(_find(text, "ru", "Новому владельцу")) == "Фаррух Собиров"
    assert _name(_find(text, "ru", "Банк готов")) == "Фаррух Собиров"


def test_quotes_ru_organisation_names_impersonally_with_a_plural_naming_verb() -> None:
    text = (
        "В Федерации футбола Таджикистана инициативу назвали «маленьким, но важным шагом к "
        "доверию»."
    )
    q = _find(text, "ru", "важным шагом")
    assert _name(q) == "Федерация футбола Таджикистана"


def test_quotes_ru_outlet_name_with_a_dot_in_marks_is_the_outlet_spoken_to() -> None:
    text = (
        "Замминистра Нурлан Абдыкеримов рассказал «Газете.Ru», что основные разногласия по "
        "проекту сняты."
    )
    q = _find(text, "ru", "основные разногласия")
    assert _name(q) == "Нурлан Абдыкеримов"
    assert q.via == ("Газета.Ru",)


def test_quotes_ru_noticed_and_proposed_report_statements() -> None:
    text = (
        "Экономист Рахим Оспанов заметил, что выбора у государства немного. Депутат Гаухар "
        "Нургалиева предложила обязать энергопредприятия публиковать отчеты."
    )
    assert _name(_find(text, "ru", "выбора у государства")) == "Рахим Оспанов"
    assert _name(_find(text, "ru", "обязать энергопредприятия")) == "Гаухар Нургалиева"


def test_quotes_ru_subject_is_the_name_in_the_nominative_not_the_client_in_the_genitive() -> None:
    text = (
        "Бывший заместитель акима Серик Нурпеисов свою вину не признал.\n"
        "Адвокат Нурпеисова Тимур Ахметжанов заявил, что доказательства в деле отсутствуют."
    )
    assert _name(_find(text, "ru", "доказательства в деле")) == "Тимур Ахметжанов"


def test_quotes_ru_descriptive_noun_after_the_cue_is_the_person_just_named() -> None:
    text = (
        "Один из авторов идеи — вице-президент футбольного союза Мирлан Осмонов. «Политики "
        "подписали документ, теперь нужно ездить друг к другу, — сказал функционер. — Мы хотим, "
        "чтобы это стало нормой»."
    )
    assert _name(_find(text, "ru", "Политики подписали")) == "Мирлан Осмонов"
    assert _name(_find(text, "ru", "стало нормой")) == "Мирлан Осмонов"


def test_quotes_a_negated_cue_or_a_reported_question_is_no_statement() -> None:
    text = (
        "Officials have not yet said which foreign partner will build the reactor.\n"
        "The minister said which companies would bid was not yet known.\n"
        "Министр не уточнил, какие компании будут участвовать в конкурсе."
    )
    assert not [q for q in _quotes(text, "en") if "partner" in q.text or "companies" in q.text]
    assert not _quotes("Министр не уточнил, какие компании будут участвовать в конкурсе.", "ru")


def test_quotes_en_relative_clause_after_the_subject_keeps_the_subject_as_speaker() -> None:
    text = (
        "Aigul Seitkali, who chairs a civic group in Balkhash that campaigned against the plant, "
        "said the result did not remove residents' concerns about water from the lake."
    )
    q = _find(text, "en", "did not remove")
    assert _name(q) == "Aigul Seitkali"
    assert not q.text.startswith("Aigul")


def test_quotes_en_a_railway_company_in_a_statement_speaks() -> None:
    text = (
        "Azerbaijan Railways, in a statement posted on Telegram, said it had doubled the number "
        "of container trains running from the port of Alat."
    )
    assert _name(_find(text, "en", "doubled the number")) == "Azerbaijan Railways"


def test_quotes_ru_such_a_view_expressed_by_a_named_person_replaces_a_group_of_experts() -> None:
    text = (
        "Новая система выборов по округам, по мнению ряда экспертов, снизит роль партий. Такое "
        "мнение высказал политолог Бакыт Осмоналиев."
    )
    found = [q for q in _quotes(text, "ru") if "снизит роль партий" in q.text]
    assert [_name(q) for q in found] == ["Бакыт Осмоналиев"]


def test_quotes_ru_parenthetical_according_to_keeps_the_words_on_both_sides() -> None:
    text = "Новая система выборов, по мнению ряда экспертов, снизит роль партий в парламенте."
    q = _find(text, "ru", "Новая система")
    assert "снизит роль партий" in q.text
    assert _name(q) == "ряда экспертов"


def test_quotes_ru_role_named_again_agrees_with_the_verb_in_gender() -> None:
    text = (
        "Депутат Жогорку Кенеша Эрмек Садыралиев назвал решение «поспешным и ненужным».\n"
        "Садыралиеву возразила его коллега по фракции Жылдыз Мамбетова. «Никакая схема не "
        "устроит всех», — отметила депутат."
    )
    assert _name(_find(text, "ru", "Никакая схема")) == "Жылдыз Мамбетова"


def _dated(text: str, lang: str, key: str, published: str) -> Quote:
    knowledge = load_knowledge()
    entities = find_entities(text, lang, knowledge=knowledge)
    quotes = find_quotes(text, lang, entities, published=published, knowledge=knowledge)
    found = [q for q in quotes if key in q.text]
    assert len(found) == 1, quotes
    return found[0]


def test_quotes_en_said_on_a_day_then_circumstances_is_read_with_its_date() -> None:
    text = (
        "Kazakhstan plans to raise oil shipments across the Caspian Sea to 2.2 million tons this "
        "year, Deputy Energy Minister Yerlan Akbarov said on Monday, as repairs continue at a "
        "pumping station damaged by a drone attack."
    )
    q = _dated(text, "en", "raise oil shipments", "2025-03-11")
    assert (_name(q), q.date) == ("Yerlan Akbarov", "2025-03-10")


def test_quotes_en_a_list_inside_the_speaker_words_after_the_content() -> None:
    text = (
        "Cargo is on track to exceed 4 million tonnes in 2024, officials from Kazakhstan, "
        "Azerbaijan and Georgia said at a logistics forum in Aktau on Tuesday."
    )
    q = _dated(text, "en", "on track to exceed", "2024-10-30")
    assert q.speaker is not None and q.speaker.name.startswith("officials from Kazakhstan")
    assert q.date == "2024-10-29"
    assert not q.text.endswith("Kazakhstan")


def test_quotes_ru_date_after_a_name_in_marks_in_the_attribution() -> None:
    text = (
        "«Все меры по обеспечению безопасности принимаются», — говорится в сообщении "
        "пресс-службы ОАО «Рогунская ГЭС», распространенном 4 апреля."
    )
    assert _dated(text, "ru", "Все меры", "2023-04-05").date == "2023-04-04"


def test_quotes_ru_unnamed_source_keeps_the_outlet_that_cited_it() -> None:
    text = (
        "Поставки газа могут вырасти вдвое, как сообщает «Интерфакс» со ссылкой на источник в "
        "отрасли.\n"
        "Собеседник «Интерфакса» уточнил, что главным ограничением остается пропускная "
        "способность трубы. По его словам, без реконструкции станций нарастить прокачку нельзя."
    )
    for key in ("главным ограничением", "без реконструкции"):
        q = _find(text, "ru", key)
        assert (_name(q), q.via) == ("источник в отрасли", ("Интерфакс",)), key


def test_quotes_ru_the_agency_interlocutor_speaks_through_the_agency() -> None:
    text = (
        "Reuters в понедельник со ссылкой на два источника в отрасли сообщило, что российская "
        "сторона готова начать поставки. Один из собеседников агентства уточнил, что для этого "
        "потребуется реверс газопровода."
    )
    assert "Reuters" in _find(text, "ru", "реверс газопровода").via


def test_quotes_en_outlet_spoken_to_before_that_does_not_end_the_statement() -> None:
    text = (
        "Yevgenia Gorbunova, who chairs the Grain Union of Kazakhstan, told Trend that loading "
        "rates at Aktau had improved but that vessels still waited up to a week."
    )
    q = _find(text, "en", "loading rates")
    assert (_name(q), q.via) == ("Yevgenia Gorbunova", ("Trend",))


def test_quotes_ru_according_to_an_organisation_named_in_marks() -> None:
    text = (
        "По информации «Газпрома», в Ташкенте состоялась рабочая встреча делегаций, на которой "
        "стороны «обсудили технические возможности для наращивания поставок»."
    )
    q = _find(text, "ru", "рабочая встреча")
    assert (_name(q), q.kind) == ("Газпром", "indirect")
    partial = [q for q in _quotes(text, "ru") if q.kind == "partial"]
    assert [(q.text[:8], _name(q)) for q in partial] == [("обсудили", "Газпром")]


def test_quotes_ru_curt_speech_verbs_after_a_quotation() -> None:
    text = "«Вопрос закрыт», — отрезал спикер парламента Нурланбек Шакиев."
    q = _find(text, "ru", "Вопрос закрыт")
    assert (_name(q), q.cue) == ("Нурланбек Шакиев", "отрезал")


def test_quotes_en_attribution_in_mid_sentence_keeps_the_words_around_it() -> None:
    text = "The decision, officials said, will be reviewed next year."
    q = _find(text, "en", "will be reviewed")
    assert q.text == "The decision, officials said, will be reviewed next year"
    assert _name(q) == "officials"


def test_quotes_en_opening_circumstances_are_no_statement() -> None:
    text = (
        "In a statement on Wednesday, the Kazakh Foreign Ministry said it regretted the decision."
    )
    quotes = _quotes(text, "en")
    assert [q.text for q in quotes] == ["it regretted the decision"]


def test_quotes_ru_a_promise_after_a_quotation_is_its_attribution() -> None:
    text = (
        "Глава Минздрава Алымкадыр Бейшеналиев заявил, что вакцин хватит до конца года.\n"
        "«Мы не допустим повторения ситуации», — пообещал аким Алматы Ерболат Досаев."
    )
    q = _find(text, "ru", "не допустим")
    assert (_name(q), q.cue) == ("Ерболат Досаев", "пообещал")
