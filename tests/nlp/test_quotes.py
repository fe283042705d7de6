"""Quotations and reported speech, each form in English and Russian (texts written for newswatch)."""

from __future__ import annotations

from newswatch.knowledge import load_knowledge
from newswatch.nlp.quotes import find_quotes, quote_spans
from newswatch.record import Entity, Mention, Quote


def _quotes(text: str, lang: str, **kwargs: object) -> tuple[Quote, ...]:
    return find_quotes(text, lang, published="2022-12-20", knowledge=load_knowledge(), **kwargs)  # type: ignore[arg-type]


def _one(text: str, lang: str, key: str) -> Quote:
    found = [q for q in _quotes(text, lang) if key in q.text]
    assert len(found) == 1, _quotes(text, lang)
    return found[0]


def _who(q: Quote) -> str:
    assert q.speaker is not None
    return q.speaker.name


# -- quotation marks --------------------------------------------------------------------------


def test_quote_spans_pair_guillemets_with_nested_low_quotes() -> None:
    text = "«Он сказал: „нет“, и всё», — заявил он."
    spans = quote_spans(text)
    assert len(spans) == 1
    assert text[spans[0].inner_start : spans[0].inner_end] == "Он сказал: „нет“, и всё"


def test_quote_spans_unclosed_mark_runs_to_paragraph_end_only() -> None:
    text = "“An open quote that never closes, he said.\nA new paragraph with “a closed one” here."
    first_line_end = text.index("\n")
    spans = quote_spans(text, 0, first_line_end)
    assert len(spans) == 1 and not spans[0].closed
    assert spans[0].inner_end == first_line_end


def test_quote_spans_straight_marks_and_apostrophes() -> None:
    text = 'The minister\'s aide said "we are ready" and didn’t add more.'
    spans = quote_spans(text)
    assert [text[s.inner_start : s.inner_end] for s in spans] == ["we are ready"]


# -- English direct quotations ----------------------------------------------------------------


def test_quotes_direct_quote_takes_speaker_after_comma() -> None:
    text = "“The border is calm and we see no threat today,” Bakhtiyor Alimov said on Monday."
    q = _one(text, "en", "border is calm")
    assert q.kind == "direct" and q.cue == "said"
    assert _who(q) == "Bakhtiyor Alimov"
    assert q.text == text[q.start : q.end] == "The border is calm and we see no threat today"
    assert q.date == "2022-12-19" and q.date_text == "on Monday"


def test_quotes_direct_quote_with_inverted_said() -> None:
    text = "“We will open two more crossings next spring,” said Nodira Karimova."
    assert _who(_one(text, "en", "two more crossings")) == "Nodira Karimova"


def test_quotes_colon_lead_in_gives_speaker() -> None:
    text = "Farrukh Sobirov said: “The talks went well and both sides made concessions.”"
    q = _one(text, "en", "talks went well")
    assert q.kind == "direct" and _who(q) == "Farrukh Sobirov"


def test_quotes_split_quote_has_one_speaker_for_both_parts() -> None:
    text = (
        "“The water agreement is fair to everyone,” Rustam Kholov said, "
        "“and it will be signed before the end of the year.”"
    )
    quotes = _quotes(text, "en")
    assert len(quotes) == 2
    assert {_who(q) for q in quotes} == {"Rustam Kholov"}


def test_quotes_continuation_takes_previous_speaker() -> None:
    text = (
        "“The reservoir is half empty this winter,” Almaz Toktorov told reporters.\n"
        "“We have asked our neighbours for more electricity and they agreed.”"
    )
    q = _one(text, "en", "asked our neighbours")
    assert _who(q) == "Almaz Toktorov"


def test_quotes_unclosed_quote_takes_speaker_after_comma() -> None:
    text = (
        "“This issue is not being discussed at this time. We need to work for quality, "
        "Zas was cited as saying by RIA Novosti."
    )
    q = _one(text, "en", "not being discussed")
    assert _who(q) == "Zas"
    assert q.text.endswith("work for quality")
    assert q.via == ("RIA Novosti",)


def test_quotes_pronoun_goes_to_last_speaker() -> None:
    text = (
        "Shahlo Nazarova said that the ministry had opened a hotline for migrants.\n"
        "“More than three thousand calls came in the first week,” she said."
    )
    assert _who(_one(text, "en", "three thousand calls")) == "Shahlo Nazarova"


def test_quotes_short_scare_quote_is_not_a_statement() -> None:
    text = 'The so-called "green corridor" opened in the Fergana Valley on Friday.'
    assert _quotes(text, "en") == ()


# -- English reported speech ------------------------------------------------------------------


def test_quotes_reported_speech_with_that() -> None:
    text = "Deputy Foreign Minister Andrei Rudakov said on Tuesday that Moscow was ready to help."
    q = _one(text, "en", "Moscow was ready")
    assert q.kind == "indirect" and _who(q) == "Andrei Rudakov"
    assert q.date == "2022-12-20"  # the publication day is a Tuesday


def test_quotes_according_to_gives_speaker() -> None:
    text = "According to Dilnoza Karimova, the canal will take a fifth of the river's flow."
    q = _one(text, "en", "canal will take")
    assert q.kind == "indirect" and _who(q) == "Dilnoza Karimova"


def test_quotes_according_to_an_outlet_is_no_speaker() -> None:
    text = "According to the 24.kg news agency, the pass was closed for two days."
    assert _quotes(text, "en") == ()


def test_quotes_reported_speech_with_speaker_after_comma() -> None:
    text = "The new rules will not affect seasonal workers, the ministry said."
    q = _one(text, "en", "new rules will not affect")
    assert q.kind == "indirect" and "ministry" in _who(q)


def test_quotes_unnamed_source_is_a_speaker_without_entity() -> None:
    text = "A source in the Kyrgyz government said maps of the border remained the main obstacle."
    q = _one(text, "en", "maps of the border")
    assert q.speaker is not None and q.speaker.entity is None
    assert q.speaker.name == "A source in the Kyrgyz government"


def test_quotes_role_resolves_to_the_person_who_holds_it() -> None:
    text = (
        "CSTO Secretary-General Stanislav Zas said that there was no direct threat.\n"
        "The CSTO secretary-general also said that new members had not been discussed."
    )
    q = _one(text, "en", "new members")
    assert _who(q) == "Stanislav Zas"


def test_quotes_role_resolves_through_entity_roles() -> None:
    text = "Almazbek Toktorov opened the plant.\nThe minister also noted that imports would grow."
    mention = Mention(0, 17, "Almazbek Toktorov")
    person = Entity(
        "e1", "Almazbek Toktorov", "PERSON", roles=("Energy Minister",), mentions=(mention,)
    )
    quotes = find_quotes(text, "en", [person], published="2024-01-16")
    assert quotes and quotes[0].speaker is not None
    assert quotes[0].speaker.entity == "e1"


def test_quotes_speaker_mention_resolves_to_its_entity() -> None:
    text = "“There is no threat of invasion,” Mr. Zas said on December 19."
    start = text.index("Zas")
    zas = Entity("e1", "Stanislav Zas", "PERSON", mentions=(Mention(start, start + 3, "Zas"),))
    q = find_quotes(text, "en", [zas], published="2022-12-20")[0]
    assert q.speaker is not None
    assert (q.speaker.name, q.speaker.entity, q.speaker.mention) == (
        "Stanislav Zas",
        "e1",
        "Mr. Zas",
    )
    assert text[q.speaker.start or 0 : q.speaker.end] == "Mr. Zas"


def test_quotes_it_and_places_are_no_speakers() -> None:
    text = "It said that the road was closed. The report says the harvest fell by a third."
    assert _quotes(text, "en") == ()


def test_quotes_paragraph_end_outlet_applies_to_its_statements() -> None:
    text = "Nazarova said that the patents would cost more next year, Sputnik Tajikistan reports."
    q = _one(text, "en", "patents would cost")
    assert q.via == ("Sputnik Tajikistan",)
    assert "Sputnik" not in q.text


def test_quotes_citing_chain_is_nearest_first() -> None:
    text = "Ivan Petrov said that talks would resume, RIA Novosti reported, citing Sputnik."
    q = _one(text, "en", "talks would resume")
    assert q.via == ("Sputnik", "RIA Novosti")


# -- Russian ------------------------------------------------------------------------------------


def test_quotes_ru_guillemets_dash_then_cue_and_speaker() -> None:
    text = "«Ситуация на границе остается стабильной», — заявил Хуршед Назарзода в пятницу."
    q = _one(text, "ru", "Ситуация на границе")
    assert q.kind == "direct" and q.cue == "заявил"
    assert _who(q) == "Хуршед Назарзода"
    assert q.date == "2022-12-16"


def test_quotes_ru_colon_lead_in_with_pronoun() -> None:
    text = (
        "Министр Шоира Шарифзода заявила, что экзамены станут проще.\n"
        "Она подчеркнула: «Центры подготовки откроются во всех областях страны»."
    )
    q = _one(text, "ru", "Центры подготовки")
    assert _who(q) == "Шоира Шарифзода"


def test_quotes_ru_quoted_words_via_outlet() -> None:
    text = "«Мы ценим помощь наших партнеров», — приводит слова Хайруллозоды ТАСС."
    q = _one(text, "ru", "Мы ценим")
    assert "Хайруллозод" in _who(q)
    assert q.via == ("ТАСС",)


def test_quotes_ru_reported_speech_with_chto() -> None:
    text = "Глава МИД Сирожиддин Мухриддин заявил, что переговоры продолжатся в январе."
    q = _one(text, "ru", "переговоры продолжатся")
    assert q.kind == "indirect" and _who(q) == "Сирожиддин Мухриддин"


def test_quotes_ru_po_slovam_gives_speaker() -> None:
    text = "По словам Нурбека Асанкулова, стороны согласовали еще сорок километров границы."
    q = _one(text, "ru", "стороны согласовали")
    assert "Асанкулов" in _who(q)


def test_quotes_ru_possessive_pronoun_goes_to_last_speaker() -> None:
    text = (
        "Нурбек Асанкулов заявил, что работа идет по графику.\n"
        "По его словам, следующий раунд пройдет в Душанбе."
    )
    assert _who(_one(text, "ru", "следующий раунд")) == "Нурбек Асанкулов"


def test_quotes_ru_kak_otmetil_gives_speaker() -> None:
    text = "Как отметил Ерлан Сатыбалдиев, решение о создании центра уже одобрено."
    assert _who(_one(text, "ru", "решение о создании")) == "Ерлан Сатыбалдиев"


def test_quotes_ru_statement_of_organisation() -> None:
    text = "«Стороны договорились о графике встреч рабочих групп», — говорится в сообщении МИД."
    q = _one(text, "ru", "Стороны договорились")
    assert "МИД" in _who(q)


def test_quotes_ru_impersonal_cue_goes_to_organisation() -> None:
    text = "В министерстве отметили, что техники на границе по-прежнему недостаточно."
    q = _one(text, "ru", "техники на границе")
    assert "министерств" in _who(q)


def test_quotes_ru_about_this_takes_sentence_before() -> None:
    text = (
        "Программа укрепления границы находится на завершающей стадии. "
        "Об этом заявил журналистам заместитель генсека Аскар Жумагалиев."
    )
    q = _one(text, "ru", "завершающей стадии")
    assert _who(q) == "Аскар Жумагалиев"


def test_quotes_ru_transmits_outlet_is_via() -> None:
    text = "Источник в правительстве сообщил, что вопрос пунктов пропуска не обсуждался, передает Sputnik."
    q = _one(text, "ru", "вопрос пунктов")
    assert q.speaker is not None and q.speaker.entity is None
    assert q.via == ("Sputnik",)
