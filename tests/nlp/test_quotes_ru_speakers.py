"""Russian speakers: roles named again in short, speakers after the cue, outlets spoken to.

Texts written for newswatch; the entity stage is replaced by the entities each test names.
"""

from __future__ import annotations

from newswatch.knowledge import load_knowledge
from newswatch.nlp.quotes import find_quotes
from newswatch.record import Entity, Mention, Quote


def _person(text: str, eid: str, name: str, *forms: str) -> Entity:
    mentions = []
    for form in forms:
        at = text.index(form)
        mentions.append(Mention(at, at + len(form), form))
    return Entity(eid, name, "PERSON", mentions=tuple(mentions))


def _find(text: str, entities: list[Entity], key: str) -> Quote:
    quotes = find_quotes(text, "ru", entities, published="2023-06-21", knowledge=load_knowledge())
    found = [q for q in quotes if key in q.text]
    assert len(found) == 1, quotes
    return found[0]


def _name(q: Quote) -> str | None:
    return q.speaker.name if q.speaker is not None else None


def test_quotes_ru_speaker_after_cue_runs_past_commas_in_the_role() -> None:
    text = (
        "Центры подготовки откроются в трех городах. Об этом сообщила заместитель министра "
        "труда, миграции и занятости населения Дилноза Каримова."
    )
    person = _person(text, "e1", "Дилноза Каримова", "Дилноза Каримова")
    q = _find(text, [person], "Центры подготовки")
    assert _name(q) == "Дилноза Каримова"


def test_quotes_ru_short_role_goes_to_the_person_introduced_with_it() -> None:
    text = (
        "Заместитель министра иностранных дел Рустам Холов заявил, что переговоры продолжатся.\n"
        "Министр энергетики Фаррух Собиров сообщил, что тарифы вырастут.\n"
        "«Мы готовы обсуждать каждый участок границы», — сказал замминистра."
    )
    people = [
        _person(text, "e1", "Рустам Холов", "Рустам Холов"),
        _person(text, "e2", "Фаррух Собиров", "Фаррух Собиров"),
    ]
    q = _find(text, people, "каждый участок")
    assert _name(q) == "Рустам Холов"


def test_quotes_ru_head_of_agency_matches_its_director() -> None:
    text = (
        "Директор Агентства по контролю за наркотиками Бахром Алиев сообщил об изъятии груза.\n"
        "Как отметил глава агентства, контрабандисты все чаще используют лодки."
    )
    q = _find(text, [_person(text, "e1", "Бахром Алиев", "Бахром Алиев")], "контрабандисты")
    assert _name(q) == "Бахром Алиев"


def test_quotes_ru_capitalised_role_is_no_name() -> None:
    text = (
        "Вице-министр энергетики Асель Нурланова рассказала о планах ведомства.\n"
        "Вице-министр отметила, что импорт электроэнергии сократится."
    )
    q = _find(text, [_person(text, "e1", "Асель Нурланова", "Асель Нурланова")], "импорт")
    assert _name(q) == "Асель Нурланова"


def test_quotes_ru_feminine_verb_skips_a_man_for_the_role() -> None:
    text = (
        "Председатель комитета Шоира Одинаева заявила, что программа будет продлена.\n"
        "Председатель правления Нурлан Бекенов заявил, что банк поддержит программу.\n"
        "«Мы начнем уже в июле», — сказала председатель."
    )
    people = [
        _person(text, "e1", "Шоира Одинаева", "Шоира Одинаева"),
        _person(text, "e2", "Нурлан Бекенов", "Нурлан Бекенов"),
    ]
    assert _name(_find(text, people, "начнем уже")) == "Шоира Одинаева"


def test_quotes_ru_outlet_spoken_to_is_not_the_speaker() -> None:
    text = (
        "«Решение о создании центра уже одобрено», — сказал «Интерфаксу» заместитель "
        "министра Ерлан Сатыбалдиев."
    )
    person = _person(text, "e1", "Ерлан Сатыбалдиев", "Ерлан Сатыбалдиев")
    q = _find(text, [person], "одобрено")
    assert _name(q) == "Ерлан Сатыбалдиев"
    assert q.via == ("Интерфакс",)


def test_quotes_ru_role_before_an_outlet_in_the_dative() -> None:
    text = (
        "Эксперт Тимур Бакиров считает, что сети изношены.\n"
        "«Любая новая мощность наполовину уходит в провода», — сказал эксперт Азаттыку."
    )
    q = _find(text, [_person(text, "e1", "Тимур Бакиров", "Тимур Бакиров")], "мощность")
    assert _name(q) == "Тимур Бакиров"
    assert q.via == ("Азаттык",)


def test_quotes_ru_names_in_guillemets_are_no_statements() -> None:
    text = (
        "Директор ОАО «Рогунская ГЭС» Абдулло Курбонов сообщил, что второй агрегат запущен.\n"
        "«Основной поток идет через Бадахшан», — сказал он в интервью агентству «Ховар»."
    )
    person = _person(text, "e1", "Абдулло Курбонов", "Абдулло Курбонов")
    quotes = find_quotes(text, "ru", [person], published="2023-06-21", knowledge=load_knowledge())
    assert [q.text for q in quotes if q.kind == "direct"] == ["Основной поток идет через Бадахшан"]
    assert all("Ховар" not in q.text and q.text != "Рогунская ГЭС" for q in quotes)
    direct = next(q for q in quotes if q.kind == "direct")
    assert _name(direct) == "Абдулло Курбонов" and direct.via == ("Ховар",)


def test_quotes_ru_short_answer_in_guillemets_with_dash_is_a_statement() -> None:
    text = "Бахром Алиев дал короткий ответ: «Нет», — сказал он."
    person = _person(text, "e1", "Бахром Алиев", "Бахром Алиев")
    q = _find(text, [person], "Нет")
    assert q.kind == "direct" and _name(q) == "Бахром Алиев"


def test_quotes_ru_speaker_after_cue_and_a_weekday() -> None:
    text = (
        "Монтаж начался. Его ввод запланирован на 2025 год, сообщил журналистам в среду первый "
        "заместитель министра энергетики и водных ресурсов Таджикистана Абдулло Курбонзода."
    )
    person = _person(text, "e1", "Абдулло Курбонзода", "Абдулло Курбонзода")
    q = _find(text, [person], "Его ввод")
    assert _name(q) == "Абдулло Курбонзода"
    assert q.date == "2023-06-21" and q.date_text == "в среду"


def test_quotes_ru_about_this_with_circumstances_before_the_cue() -> None:
    text = (
        "Заболеваемость корью снизилась почти в три раза. Об этом на брифинге в Службе "
        "центральных коммуникаций в четверг сообщила санитарный врач Гаухар Толеуова."
    )
    person = _person(text, "e1", "Гаухар Толеуова", "Гаухар Толеуова")
    q = _find(text, [person], "Заболеваемость корью")
    assert _name(q) == "Гаухар Толеуова" and q.date == "2023-06-15"


def test_quotes_ru_role_taken_for_a_person_resolves_to_the_person_named_with_it() -> None:
    text = (
        "Вице-министр энергетики Асель Нурланова рассказала о планах.\n"
        "Вице-министр отметила, что министерство рассчитывает сократить импорт."
    )
    person = _person(text, "e1", "Асель Нурланова", "Асель Нурланова")
    role = Entity("e2", "Вице-министр", "PERSON", mentions=(Mention(61, 73, "Вице-министр"),))
    assert text[61:73] == "Вице-министр"
    q = _find(text, [person, role], "сократить импорт")
    assert _name(q) == "Асель Нурланова"
