"""Russian news forms of names: cases, female and double surnames, patronymics, titles, and
organisations named through a genitive chain. Texts written for newswatch."""

from __future__ import annotations

from newswatch.knowledge import load_knowledge
from newswatch.nlp.entities import find_entities
from newswatch.record import Entity


def _entities(text: str) -> tuple[Entity, ...]:
    return find_entities(text, "ru", knowledge=load_knowledge())


def _person(text: str, name: str) -> Entity:
    people = [e for e in _entities(text) if e.type == "PERSON" and e.name == name]
    assert len(people) == 1, _entities(text)
    return people[0]


def _org_names(text: str) -> set[str]:
    return {e.name for e in _entities(text) if e.type == "ORG"}


def test_entities_ru_first_name_in_the_instrumental_beside_an_indeclinable_surname() -> None:
    text = "Встреча прошла с акимом Туркестанской области Дарханом Сатыбалды."
    person = _person(text, "Дархан Сатыбалды")
    assert person.roles == ("аким Туркестанской области",)


def test_entities_ru_a_first_name_of_its_own_is_not_read_as_a_declined_guess() -> None:
    text = "Исломом Каримовым восхищались. Ислом Каримов руководил страной."
    person = _person(text, "Ислом Каримов")
    assert "Исломом Каримовым" in person.aliases


def test_entities_ru_instrumental_and_prepositional_join_the_nominative() -> None:
    text = (
        "Депутат Жогорку Кенеша Эрмек Садыралиев выступил против. С Садыралиевым согласилась "
        "Жылдыз Мамбетова. О Мамбетовой писали газеты."
    )
    man = _person(text, "Эрмек Садыралиев")
    assert man.roles == ("депутат Жогорку Кенеша",)
    assert "Садыралиевым" in man.aliases
    assert "Мамбетовой" in _person(text, "Жылдыз Мамбетова").aliases


def test_entities_ru_double_female_surname_and_board_chair_title() -> None:
    text = "Об этом рассказала председатель правления банка Алия Сарсенова-Ким."
    assert _person(text, "Алия Сарсенова-Ким").roles == ("председатель правления банка",)


def test_entities_ru_patronymic_in_the_instrumental_goes_to_the_nominative() -> None:
    text = "Министр встретился с Сергеем Викторовичем Лавровым. Беседа с Лавровым длилась час."
    person = _person(text, "Сергей Викторович Лавров")
    assert "Лавровым" in person.aliases


def test_entities_ru_ministry_keeps_its_country_in_the_genitive() -> None:
    text = (
        "По данным Министерства энергетики Узбекистана, дефицит вырос. Сотрудники Министерства "
        "энергетики и водных ресурсов Республики Таджикистан приехали."
    )
    names = _org_names(text)
    assert "Министерство энергетики Узбекистана" in names
    assert "Министерство энергетики и водных ресурсов Республики Таджикистан" in names
    places = {e.name for e in _entities(text) if e.type == "GPE"}
    assert {"Узбекистан", "Таджикистан"} <= places


def test_entities_ru_adjective_agrees_with_its_noun_in_the_nominative() -> None:
    text = "Нужно согласование Центрального банка Узбекистана. Пришли люди из налоговой службы."
    assert "Центральный банк Узбекистана" in _org_names(text)


def test_entities_ru_subject_after_its_verb_takes_the_verb_gender() -> None:
    text = "Садыралиеву возразила его коллега по фракции Жылдыз Мамбетова."
    assert _person(text, "Жылдыз Мамбетова").aliases == ()


def test_entities_ru_institution_named_by_what_it_deals_in() -> None:
    text = (
        "По информации Комитета по регулированию естественных монополий, тарифы снижены. "
        "Совет по итогам встречи решил ничего не менять. Агентство по статистике при "
        "Президенте сообщило о росте."
    )
    names = _org_names(text)
    assert "Комитет по регулированию естественных монополий" in names
    assert "Агентство по статистике" in names
    assert not any(name.startswith("Совет по") for name in names)


def test_entities_ru_first_name_in_ddin_in_the_genitive_stays_first() -> None:
    text = "По словам главы МИД Таджикистана Сироджиддина Мухриддина, переговоры продолжатся."
    assert _person(text, "Сироджиддин Мухриддин").aliases == ("Сироджиддина Мухриддина",)


def test_entities_ru_known_acronym_with_another_country_is_that_country_body() -> None:
    text = "Об этом сообщили в пресс-службе МЧС Кыргызстана. МЧС России направило спасателей."
    names = _org_names(text)
    assert "МЧС Кыргызстана" in names
    assert any("России" in name for name in names)


def test_entities_ru_tajik_surname_in_zoda_stays_as_written() -> None:
    text = "Пресс-секретарь президента Абдуфаттох Шарифзода сообщил, что визит перенесен."
    assert _person(text, "Абдуфаттох Шарифзода").roles == ("пресс-секретарь президента",)


def test_entities_ru_subject_of_a_feminine_verb_is_a_woman_in_the_nominative() -> None:
    # «Парвина» is also the genitive of a man's name pymorphy3 knows («Парвин»)
    text = "Начальник Таджикгидромета Парвина Азизова проинформировала участников совещания."
    person = _person(text, "Парвина Азизова")
    assert person.roles == ("начальник Таджикгидромета",)
