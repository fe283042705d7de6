import subprocess
import sys

import pytest

from newswatch.nlp.entities import find_entities, person_gender
from newswatch.nlp.russian import best_surname, lemma, surname_candidates


def people(entities):
    return [e for e in entities if e.type == "PERSON"]


def named(entities, name):
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, [(e.name, e.type) for e in entities]
    return found[0]


def test_entities_ru_name_in_genitive_is_named_in_the_nominative():
    text = "Об этом говорится в словах Виктора Лебедева. Позднее Лебедев уточнил детали."
    entities = find_entities(text, "ru")
    lebedev = named(entities, "Виктор Лебедев")
    assert lebedev.type == "PERSON"
    assert {"Виктора Лебедева", "Лебедев"} <= set(lebedev.aliases)
    assert person_gender(lebedev, "ru") == "masc"


def test_entities_ru_surname_unknown_to_the_dictionary_declines_to_its_nominative():
    text = (
        "Генеральный секретарь ОДКБ Станислав Зась провел пресс-конференцию в Москве.\n"
        "По словам Зася, угрозы прямого вторжения из Афганистана нет.\n"
        "Журналисты поговорили с Засем после встречи.\n"
        "Вопрос о расширении организации Засю не задавали."
    )
    entities = find_entities(text, "ru")
    assert [p.name for p in people(entities)] == ["Станислав Зась"]
    zas = people(entities)[0]
    assert {"Зася", "Засем", "Засю"} <= set(zas.aliases)
    assert zas.roles == ("генеральный секретарь ОДКБ",)


def test_surname_rules_bring_declined_forms_to_one_nominative():
    forms = [(form, None, frozenset()) for form in ("Зася", "Засем", "Засю")]
    assert best_surname(forms) == "Зась"
    assert surname_candidates("Засем", "masc")[0] == "Зась"
    assert surname_candidates("Расулзоды")[0] == "Расулзода"
    assert surname_candidates("Руденко") == ("Руденко",)
    assert surname_candidates("Лебедевым", "masc", {"ablt"})[0] == "Лебедев"
    assert surname_candidates("Лебедевой", "femn")[0] == "Лебедева"
    assert surname_candidates("Иванова", "femn", {"nomn"}) == ("Иванова",)


def test_entities_ru_role_before_a_name_is_its_nominative_without_the_country():
    text = "В переговорах участвовал заместитель министра иностранных дел России Андрей Руденко."
    entities = find_entities(text, "ru")
    rudenko = named(entities, "Андрей Руденко")
    assert rudenko.roles == ("заместитель министра иностранных дел",)
    assert named(entities, "Россия").type == "GPE"


def test_entities_ru_people_with_one_surname_and_two_first_names_stay_apart():
    text = (
        "Рустам Назаров встретился с Саидджоном Назаровым в Душанбе. "
        "Рустам Назаров заявил, что встреча прошла успешно."
    )
    entities = find_entities(text, "ru")
    names = sorted(p.name for p in people(entities))
    assert len(names) == 2
    assert names[0].startswith("Рустам") and names[1].startswith("Саидджон")
    assert all(name.endswith("Назаров") for name in names)


def test_entities_ru_long_form_and_acronym_are_one_org():
    text = (
        "Организация Договора о коллективной безопасности (ОДКБ) проведет учения. "
        "В ОДКБ подчеркнули, что Организация готова к расширению."
    )
    entities = find_entities(text, "ru")
    odkb = named(entities, "Организация Договора о коллективной безопасности")
    assert odkb.type == "ORG"
    assert "ОДКБ" in odkb.aliases
    assert [m.text for m in odkb.mentions].count("ОДКБ") == 2
    assert "Организация" in [m.text for m in odkb.mentions]


def test_entities_ru_unknown_long_form_takes_its_acronym_in_parentheses():
    text = (
        "Региональная антитеррористическая структура (РАТС) ШОС провела совещание. "
        "Представители РАТС обсудили обмен данными."
    )
    entities = find_entities(text, "ru")
    rats = [e for e in entities if "РАТС" in e.aliases or e.name == "РАТС"]
    assert len(rats) == 1
    assert rats[0].name.startswith("Региональная антитеррористическая структура")
    assert len([m for m in rats[0].mentions if m.text == "РАТС"]) == 2


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Об этом передает ТАСС.", "ТАСС"),
        ("Как сообщает «Ховар», встреча прошла в Душанбе.", "Ховар"),
        ("Об этом сообщило РИА Новости.", "РИА Новости"),
        ("Как пишет Sputnik Таджикистан, рейсы возобновятся.", "Sputnik Таджикистан"),
        ("По данным агентства «Азия-Плюс», граница открыта.", "Азия-Плюс"),
        ("Об этом сообщает издание Kun.uz.", "Kun.uz"),
    ],
)
def test_entities_ru_outlets_are_media(text, outlet):
    entities = find_entities(text, "ru")
    media = [e for e in entities if e.type == "MEDIA"]
    assert any(outlet in (e.name, *e.aliases) for e in media), [(e.name, e.type) for e in entities]


def test_entities_ru_places_are_named_in_the_nominative():
    text = "Сели прошли в Баткенской области и в Ворухе, сообщили в Бишкеке."
    entities = find_entities(text, "ru")
    kinds = {e.name: e.type for e in entities}
    assert kinds.get("Бишкек") == "GPE"
    assert any(name.startswith("Баткен") for name in kinds)


def test_lemma_is_the_dictionary_form():
    assert lemma("Таджикистана") == "таджикистан"
    assert lemma("Министерству") == "министерство"


def test_entities_ru_never_import_pymorphy2_or_natasha():
    code = (
        "import sys\n"
        "from newswatch.nlp.entities import find_entities\n"
        "find_entities('Глава МИД России Сергей Лавров заявил ТАСС.', 'ru')\n"
        "bad = [m for m in ('pymorphy2', 'natasha', 'pkg_resources') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert out.stdout.strip() == ""


def test_entities_ru_first_names_unknown_to_the_dictionary_decline_with_their_surname():
    text = (
        "Дилноза Каримова, экономист Центра экономических исследований, не согласилась. "
        "По словам Дилнозы Каримовой, это не так. Слова Фаридуна Саидова подтвердились. "
        "Фаридун Саидов ответил."
    )
    entities = find_entities(text, "ru")
    assert sorted(p.name for p in people(entities)) == ["Дилноза Каримова", "Фаридун Саидов"]
    karimova = named(entities, "Дилноза Каримова")
    assert "Дилнозы Каримовой" in karimova.aliases
    assert karimova.roles == ("экономист Центра экономических исследований",)
    assert person_gender(karimova, "ru") == "femn"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Эльмира Касымова заявила, что цены не вырастут.", "Эльмира Касымова"),
        ("По словам Эльмиры Касымовой, цены не вырастут.", "Эльмира Касымова"),
        ("Министр Анара Жумабаева сообщила о новых тарифах.", "Анара Жумабаева"),
        ("Об этом сказал Юрий Касымов.", "Юрий Касымов"),
        ("По мнению эксперта Нуриддина Рахимова, цены вырастут.", "Нуриддин Рахимов"),
    ],
)
def test_entities_ru_first_name_and_surname_agree_in_gender_and_case(text, name):
    person = named(people(find_entities(text, "ru")), name)
    assert person.type == "PERSON"


def test_entities_ru_role_word_with_a_prefix_is_a_role_not_a_person():
    text = (
        "Вице-министр энергетики Эльмира Касымова заявила, что тарифы не вырастут.\n"
        "Вице-министр отметила, что станции построят к зиме.\n"
        "Экс-министр Бахтиёр Рахимов с этим не согласен."
    )
    entities = find_entities(text, "ru")
    assert sorted(e.name for e in people(entities)) == ["Бахтиёр Рахимов", "Эльмира Касымова"]
    assert named(entities, "Эльмира Касымова").roles == ("вице-министр энергетики",)
    assert named(entities, "Бахтиёр Рахимов").roles == ("экс-министр",)


def test_entities_ru_web_address_used_as_a_name_is_an_outlet():
    text = (
        "Об этом сообщает Ekonomika.kz. Как пишет Pressa.uz, по данным сайта gov.kz, цены выросли."
    )
    entities = find_entities(text, "ru")
    kinds = {e.name: e.type for e in entities}
    assert kinds["Ekonomika.kz"] == kinds["Pressa.uz"] == "MEDIA"
    assert not [e for e in entities if "gov.kz" in e.name]


def test_entities_ru_shifted_convolutions_compute_what_slovnet_computes():
    import numpy as np
    from slovnet.exec.model import Conv1d

    from newswatch.nlp.entities_ru import _ner

    rng = np.random.default_rng(0)
    for layer in _ner().infer.model.encoder.layers:
        conv = layer.conv
        assert type(conv) is not Conv1d  # ours is in place
        batch = rng.standard_normal((2, conv.weight.shape[1], 37)).astype(np.float32)
        expected = Conv1d.__call__(conv, batch)
        assert np.allclose(conv(batch), expected, atol=1e-4)
