"""Generalisation round 5 (Russian): forms of Russian news writing met in new unseen dumps.

Texts written for newswatch; the real entities stage runs on each, as in the pipeline.
"""

from __future__ import annotations

from functools import cache

from newswatch.knowledge import load_knowledge
from newswatch.nlp.entities import find_entities
from newswatch.nlp.quotes import find_quotes
from newswatch.record import Entity, Quote


@cache
def _quotes(text: str) -> tuple[Quote, ...]:
    knowledge = load_knowledge()
    entities = find_entities(text, "ru", knowledge=knowledge)
    return find_quotes(text, "ru", entities, published="2024-04-10", knowledge=knowledge)


def _find(text: str, key: str) -> Quote:
    found = [q for q in _quotes(text) if key in q.text]
    assert len(found) == 1, _quotes(text)
    return found[0]


def _name(q: Quote) -> str | None:
    return q.speaker.name if q.speaker is not None else None


def _entities(text: str) -> tuple[Entity, ...]:
    return find_entities(text, "ru", knowledge=load_knowledge())


def test_quotes_ru_as_outlet_reports_citing_a_source_opens_the_sentence() -> None:
    text = (
        "Как сообщает ТАСС со ссылкой на МВД России, с начала года из страны выдворены более "
        "шести тысяч иностранцев."
    )
    q = _find(text, "выдворены более шести тысяч")
    assert _name(q) == "Министерство внутренних дел России"
    assert q.via == ("ТАСС",)  # "России" in the source's name is no outlet


def test_quotes_ru_as_outlet_reports_citing_a_press_service() -> None:
    text = (
        "Как передает агентство Bloomberg со ссылкой на пресс-службу министерства транспорта, "
        "стороны договорились о единой ставке на перевозку контейнеров."
    )
    q = _find(text, "договорились о единой ставке")
    assert "пресс-служб" in (_name(q) or "")
    assert q.via == ("Bloomberg",)


def test_quotes_ru_as_another_outlet_writes_the_outlet_is_the_source() -> None:
    text = (
        "Как пишет газета «Коммерсантъ», в правительстве рассматривают возможность продлить "
        "программу льготной ипотеки."
    )
    q = _find(text, "рассматривают возможность продлить")
    assert _name(q) == "Коммерсантъ"
    assert q.via == ()


def test_quotes_ru_head_of_an_organisation_named_again_is_the_person_named_with_it() -> None:
    text = (
        "Глава национальной компании «Кыргыз темир жолу» Азамат Дуйшенбиев сообщил, что работы "
        "начнутся весной.\n"
        "«Мы уже подписали соглашение о подготовке кадров», — уточнил глава «Кыргыз темир жолу»."
    )
    assert _name(_find(text, "подписали соглашение")) == "Азамат Дуйшенбиев"


def test_quotes_ru_head_of_an_organisation_with_no_person_named_stays_the_organisation() -> None:
    text = "Глава МИД Таджикистана заявил, что переговоры продолжатся на следующей неделе."
    assert _name(_find(text, "переговоры продолжатся")) == (
        "Министерство иностранных дел Таджикистана"
    )


def test_entities_ru_one_word_agency_of_country_and_agency_stems_is_an_organisation() -> None:
    text = (
        "По данным Кыргызгидромета, в горах ожидаются дожди. В Узгидромете сообщили, что "
        "водность рек упадет. Казгидромет предупредил о смоге."
    )
    orgs = {e.name for e in _entities(text) if e.type == "ORG"}
    assert {"Кыргызгидромет", "Узгидромет", "Казгидромет"} <= orgs
    assert not any(e.type == "PERSON" for e in _entities(text))


def test_entities_ru_a_capitalised_role_or_adjective_opening_a_sentence_is_no_person() -> None:
    text = (
        "Эколог, руководитель общественного фонда Мадина Есенова считает, что газ не поможет.\n"
        "Таджикский энергетик Азиз Шоев отметил, что главный риск — безопасность."
    )
    people = {e.name for e in _entities(text) if e.type == "PERSON"}
    assert people == {"Мадина Есенова", "Азиз Шоев"}
    assert _name(_find(text, "газ не поможет")) == "Мадина Есенова"


def test_quotes_ru_interlocutor_of_the_agency_is_the_person_who_spoke_to_it() -> None:
    text = (
        "Энергетик Азиз Шоев в беседе с Sputnik Таджикистан отметил, что главный риск проекта — "
        "безопасность.\n"
        "«Линия идет через неспокойные провинции, — сказал собеседник агентства. — Реалистично "
        "говорить о 2027 годе»."
    )
    assert _name(_find(text, "неспокойные провинции")) == "Азиз Шоев"
    assert _name(_find(text, "Реалистично")) == "Азиз Шоев"


def test_quotes_ru_outlet_spoken_to_between_the_cue_and_a_role_with_the_name() -> None:
    text = (
        "Стороны могут подписать соглашение о наборе мигрантов до лета, заявил РИА Новости "
        "посол Узбекистана в России Жахонгир Убайдуллаев."
    )
    q = _find(text, "соглашение о наборе мигрантов")
    assert (_name(q), q.via) == ("Жахонгир Убайдуллаев", ("РИА Новости",))


def test_quotes_ru_plural_cues_of_an_organisation_confirm_recommend_noted_before() -> None:
    text = (
        "В Министерстве труда РИА Новости подтвердили, что консультации с узбекской стороной "
        "продолжаются.\n"
        "В Министерстве водного хозяйства рекомендовали фермерам сократить площади под рисом.\n"
        "Как отмечали ранее в Министерстве экологии, число постов мониторинга вырастет вдвое."
    )
    assert "Министерство труда" in (_name(_find(text, "консультации с узбекской")) or "")
    assert _name(_find(text, "площади под рисом")) == "Министерство водного хозяйства"
    assert "Министерство экологии" in (_name(_find(text, "число постов")) or "")


def test_quotes_ru_the_outlet_reminding_its_reader_is_no_speaker() -> None:
    text = (
        "Напомним, что в Министерстве энергетики ранее заявили, что новые тарифы позволят "
        "сократить потери в сетях."
    )
    assert _name(_find(text, "сократить потери")) == "Министерство энергетики"


def test_quotes_ru_informed_and_explains_are_cues() -> None:
    text = (
        "Начальник Таджикгидромета Парвина Азизова проинформировала участников совещания, что в "
        "июне ожидается больше осадков.\n"
        "«Город зажат горами, — объясняет Азизова. — Ветра зимой почти нет»."
    )
    assert _name(_find(text, "больше осадков")) == "Парвина Азизова"
    assert _name(_find(text, "Ветра зимой")) == "Парвина Азизова"


def test_quotes_ru_about_this_said_at_a_government_meeting_on_a_weekday_by_a_minister() -> None:
    text = (
        "В области начался отвод земель под строительство дороги. Об этом сообщил на заседании "
        "правительства в среду министр транспорта Тилек Жумабаев."
    )
    q = _find(text, "начался отвод земель")
    assert (_name(q), q.date) == ("Тилек Жумабаев", "2024-04-10")


def test_entities_ru_person_after_an_institution_named_after_someone_is_a_person() -> None:
    text = (
        "Доцент Казахского национального университета имени аль-Фараби Арман Бекмухамедов "
        "выступил на форуме. Университет имени Абая Кунанбаева открыл филиал."
    )
    ents = _entities(text)
    assert "Арман Бекмухамедов" in {e.name for e in ents if e.type == "PERSON"}
    orgs = {e.name for e in ents if e.type == "ORG"}
    assert "Казахский национальный университет имени аль-Фараби" in orgs
    assert not any("Кунанбаев" in e.name for e in ents if e.type == "PERSON")


def test_quotes_ru_interview_dash_after_an_answer_is_the_interviewers_turn() -> None:
    text = (
        "Kun.uz спросил у экономиста Азизбека Турсунова, что означает реформа.\n"
        "— Зачем повышать тарифы?\n"
        "— Потому что тарифы не покрывают себестоимость.\n"
        "— Но ведь зимой многие районы и так сидят без света.\n"
        "— Именно поэтому. Сети изношены, нужны инвестиции.\n"
        "— Кого защитит государство?\n"
        "— Малообеспеченные семьи получают компенсацию."
    )
    quotes = _quotes(text)
    assert not any("сидят без света" in q.text for q in quotes), quotes
    assert _name(_find(text, "Сети изношены")) == "Азизбек Турсунов"


def test_quotes_ru_such_data_were_given_by_x_names_the_sentence_before() -> None:
    text = (
        "Грузопоток по коридору за десять месяцев вырос на треть. Такие данные РБК привел "
        "заместитель генерального директора ОАО «Российские железные дороги» Дмитрий Станкевич.\n"
        "Стороны не договорились о цене газа. Такое заявление сделал министр Мирлан Токтосунов.\n"
        "Рост цен привел к снижению спроса. Это привело к сокращению импорта."
    )
    assert _name(_find(text, "вырос на треть")) == "Дмитрий Станкевич"
    assert _name(_find(text, "о цене газа")) == "Мирлан Токтосунов"
    assert not any("снижению спроса" in q.text for q in _quotes(text))


def test_quotes_ru_that_clause_before_a_colon_and_a_quotation_is_reported_speech_too() -> None:
    text = (
        "Замминистра Шухрат Каримов накануне заявил на брифинге, что государство компенсирует "
        "часть затрат на капельные системы: «Фермер получает субсидию до половины стоимости»."
    )
    indirect = _find(text, "компенсирует часть затрат")
    direct = _find(text, "Фермер получает субсидию")
    assert (indirect.kind, _name(indirect), indirect.date) == (
        "indirect",
        "Шухрат Каримов",
        "2024-04-09",
    )
    assert (direct.kind, _name(direct)) == ("direct", "Шухрат Каримов")


def test_quotes_ru_outlet_before_a_plural_cue_of_an_organisation_is_the_via() -> None:
    text = (
        "В Комитете государственных доходов, который курирует таможню, Kazinform сообщили, что "
        "усиленный контроль продлится до конца месяца."
    )
    q = _find(text, "усиленный контроль продлится")
    assert (_name(q), q.via) == ("Комитет государственных доходов", ("Kazinform",))
    assert any(e.type == "MEDIA" for e in _entities(text))


def test_entities_ru_numbered_plants_and_marked_names_after_a_place_head() -> None:
    text = (
        "Строительство Камбаратинской ГЭС-1 обсуждается давно. Власти надеются на перевод "
        "ТЭЦ-2 на газ. На пунктах пропуска «Ак-Жол» и «Чалдовар» скопились фуры. Грузы идут "
        "по коридору «Север — Юг». Снега в горах Западного Тянь-Шаня мало."
    )
    found = {(e.type, e.name) for e in _entities(text)}
    assert {
        ("FAC", "Камбаратинская ГЭС-1"),
        ("FAC", "ТЭЦ-2"),
        ("FAC", "Ак-Жол"),
        ("FAC", "Чалдовар"),
        ("FAC", "Север — Юг"),
        ("LOC", "Западный Тянь-Шань"),
    } <= found


def test_quotes_ru_outlet_in_the_subject_of_a_plural_cue_is_no_speaker() -> None:
    text = (
        "В хокимияте Ташкента Sputnik пояснили, что схему автобусных маршрутов пересмотрят после "
        "открытия станций."
    )
    q = _find(text, "схему автобусных маршрутов")
    assert "хокимият" in (_name(q) or "").lower()
    assert q.via == ("Sputnik",)


def test_quotes_ru_told_the_correspondent_of_an_agency_by_its_letters_and_name() -> None:
    text = (
        "Как сообщил корреспонденту НИАТ «Ховар» директор ГУП «Душанбеводоканал» Абдулло "
        "Рахимзода, первые 30 километров сетей уже заменены."
    )
    assert _name(_find(text, "первые 30 километров")) == "Абдулло Рахимзода"


def test_quotes_ru_a_topic_before_told_is_no_statement() -> None:
    text = (
        "О сроках строительства, переговорах с партнерами и проекте ТАПИ агентству «Интерфакс» "
        "рассказал заместитель председателя госконцерна Мерген Аннаев."
    )
    assert not any("О сроках" in q.text for q in _quotes(text)), _quotes(text)


def test_quotes_ru_role_of_a_named_organisation_is_no_other_person() -> None:
    text = (
        "Представитель ЕБРР Мария Волкова отметила, что банк выделит грант на очистные "
        "сооружения.\n"
        "По информации председателя Комитета по архитектуре и строительству, в новых кварталах "
        "будут строиться только сети с приборами учета."
    )
    assert _name(_find(text, "приборами учета")) != "Мария Волкова"


def test_quotes_ru_a_role_named_again_is_the_person_named_after_the_last_statement() -> None:
    text = (
        "Начальник метрополитена Равшан Исмоилов сказал, что поезд пройдет весной.\n"
        "Урбанист Камола Юсупова в разговоре с Sputnik обратила внимание на другую проблему.\n"
        "«Метро само по себе не решит проблему пробок», — считает эксперт."
    )
    assert _name(_find(text, "не решит проблему пробок")) == "Камола Юсупова"


def test_quotes_ru_about_this_after_several_sentences_covers_the_paragraph() -> None:
    text = (
        "Областной суд приговорил бывшего заместителя хокима района к восьми годам. Еще трое "
        "сотрудников хокимията получили от трех до пяти лет. Об этом сообщила пресс-служба "
        "Верховного суда."
    )
    q = _find(text, "приговорил бывшего заместителя")
    assert "трое сотрудников" in q.text
    assert "Верховн" in (_name(q) or "")


def test_entities_ru_a_known_place_inside_a_facilitys_name_in_marks() -> None:
    text = "Экспорт вырастет после ввода четвертой нитки газопровода «Центральная Азия — Китай»."
    assert ("FAC", "Центральная Азия — Китай") in {(e.type, e.name) for e in _entities(text)}


def test_quotes_ru_as_noted_in_an_organisations_statement_published_on_a_weekday() -> None:
    text = (
        "Туркменская сторона подтвердила интерес к проекту. Как отмечается в сообщении МИД "
        "Туркменистана, опубликованном в четверг, Ашхабад готов обеспечить все условия."
    )
    q = _find(text, "Ашхабад готов обеспечить")
    assert "опубликованном" not in q.text
    assert (_name(q), q.date) == ("МИД Туркменистана", "2024-04-04")


def test_quotes_ru_such_data_are_given_by_a_ministry_in_the_present() -> None:
    text = (
        "Число мигрантов в Алматы за полгода выросло почти на четверть. Такие данные приводит "
        "Министерство труда Казахстана."
    )
    assert "Министерство труда" in (_name(_find(text, "выросло почти на четверть")) or "")


def test_quotes_ru_the_companys_statement_is_the_company_named_as_one_before() -> None:
    text = (
        "Национальная атомная компания «Казатомпром» в 2025 году снизит добычу урана на 10%. Об "
        "этом говорится в сообщении компании, опубликованном на бирже."
    )
    assert _name(_find(text, "снизит добычу урана")) == "Казатомпром"


def test_entities_ru_legal_form_and_name_in_marks_is_a_company() -> None:
    text = (
        "В ОАО «Рогунская ГЭС» Радио Озоди ответили, что работы идут по графику, утвержденному "
        "правительством."
    )
    assert ("ORG", "ОАО «Рогунская ГЭС»") in {(e.type, e.name) for e in _entities(text)}
    assert _name(_find(text, "работы идут по графику")) == "ОАО «Рогунская ГЭС»"


def test_entities_ru_a_bodys_letters_and_a_country_in_the_genitive() -> None:
    text = "Как отмечается в сообщении МИД Туркменистана, стороны договорились о тарифах."
    found = {(e.type, e.name) for e in _entities(text)}
    assert ("ORG", "МИД Туркменистана") in found
    assert ("GPE", "Туркменистан") in found


def test_entities_ru_port_and_market_are_heads_of_facilities() -> None:
    text = "Поезда пойдут через порт Туркменбаши. Мамытов работает на рынке «Барахолка»."
    found = {(e.type, e.name) for e in _entities(text)}
    assert {("FAC", "Туркменбаши"), ("FAC", "Барахолка")} <= found


def test_entities_ru_institution_head_and_the_place_it_serves() -> None:
    text = "Суд Согдийской области приговорил его к 12 годам. Прокуратура Бишкека возбудила дело."
    found = {(e.type, e.name) for e in _entities(text)}
    assert {("ORG", "Суд Согдийской области"), ("ORG", "Прокуратура Бишкека")} <= found
    assert ("GPE", "Бишкек") in found


def test_entities_ru_a_river_named_like_a_known_place_is_a_river() -> None:
    text = "Строительство ГЭС на реке Нарын обсуждается давно. В Нарыне открыли школу."
    found = {(e.type, e.name) for e in _entities(text)}
    assert {("LOC", "Нарын"), ("GPE", "Нарын")} <= found


def test_entities_ru_the_country_ending_a_known_organisations_name_is_a_place_too() -> None:
    text = "В Национальном банке Таджикистана напомнили о рисках."
    found = {(e.type, e.name) for e in _entities(text)}
    assert ("GPE", "Таджикистан") in found
    assert any(t == "ORG" and "Национальный банк" in n for t, n in found)


def test_quotes_ru_a_pronoun_after_a_quotation_is_no_name_inside_it() -> None:
    text = (
        "Председатель союза Евгений Гайнуллин считает, что государство должно помочь мельникам.\n"
        "«Мы проигрываем по логистике. Вагон до Хайратона из Костаная идет две недели», — "
        "объяснил он Vlast.kz."
    )
    assert _name(_find(text, "проигрываем по логистике")) == "Евгений Гайнуллин"


def test_quotes_ru_there_is_the_organisation_that_spoke_or_was_named_last() -> None:
    text = (
        "Председатель союза Евгений Гайнуллин считает, что государство должно помочь мельникам.\n"
        "В Министерстве сельского хозяйства с этой оценкой не согласны. Там заявили, что снижение "
        "экспорта носит временный характер."
    )
    assert _name(_find(text, "снижение экспорта")) == "Министерство сельского хозяйства"


def test_quotes_ru_kommersant_by_its_letter_in_english_marks_is_the_outlet_spoken_to() -> None:
    text = (
        "Переговоры о поставках идут с конца прошлого года, рассказали “Ъ” два источника, "
        "знакомые с ходом обсуждения."
    )
    assert _name(_find(text, "Переговоры о поставках")) == "два источника"
    assert ("MEDIA", "Коммерсантъ") in {(e.type, e.name) for e in _entities(text)}
