"""Interviews: every answer is a statement of the person asked (texts written for newswatch)."""

from __future__ import annotations

from newswatch.knowledge import load_knowledge
from newswatch.nlp.entities import find_entities
from newswatch.nlp.interviews import find_interview
from newswatch.nlp.quotes import find_quotes
from newswatch.record import Quote


def _quotes(text: str, lang: str) -> tuple[Quote, ...]:
    kb = load_knowledge()
    entities = find_entities(text, lang, knowledge=kb)
    return find_quotes(text, lang, entities, published="2023-05-10", knowledge=kb)


def _speakers(quotes: tuple[Quote, ...]) -> set[str]:
    return {q.speaker.name for q in quotes if q.speaker is not None}


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


_QA_EN = (
    "Energy Minister Timur Bekov told the Kun.uz news agency how the country will get through "
    "the winter.\n"
    "Q: Will there be power cuts this winter?\n"
    "A: There will be no scheduled outages for households if the reservoir fills up.\n"
    "Q: Where will the imports come from?\n"
    "A: We have signed contracts with two neighbours for the cold months.\n"
    "Bekov also said that the ministry would publish the tariff plan in July."
)


def test_quotes_interview_answers_after_a_labels_belong_to_the_person_in_the_lead() -> None:
    quotes = _quotes(_QA_EN, "en")
    answers = [q for q in quotes if "outages" in q.text or "contracts" in q.text]
    assert len(answers) == 2
    assert all(q.kind == "direct" and q.speaker is not None for q in answers)
    assert _speakers(tuple(answers)) == {"Timur Bekov"}
    assert answers[0].text == (
        "There will be no scheduled outages for households if the reservoir fills up."
    )
    assert answers[0].via == ("Kun.uz",)


def test_quotes_interview_questions_are_never_statements() -> None:
    quotes = _quotes(_QA_EN, "en")
    assert not [q for q in quotes if "power cuts" in q.text or "imports come" in q.text]
    narration = [q for q in quotes if "tariff plan" in q.text]
    assert len(narration) == 1 and narration[0].kind == "indirect"


def test_quotes_interview_name_labels_give_the_answer_speaker() -> None:
    text = (
        "Our correspondent spoke to a glaciologist about the melting of the Pamir glaciers.\n"
        "Asia-Plus: How fast are the glaciers shrinking?\n"
        "Farrukh Nazarov: By our estimates they have lost about a fifth of their area.\n"
        "Asia-Plus: What should be done?\n"
        "Farrukh Nazarov: Weather stations in the mountains have to be rebuilt first."
    )
    quotes = _quotes(text, "en")
    assert [q.text for q in quotes] == [
        "By our estimates they have lost about a fifth of their area.",
        "Weather stations in the mountains have to be rebuilt first.",
    ]
    assert _speakers(quotes) == {"Farrukh Nazarov"}


def test_quotes_interview_russian_dash_answers_belong_to_the_person_in_the_lead() -> None:
    text = (
        "Заместитель министра энергетики Динара Сарсенова в интервью Kapital.kz рассказала о "
        "тарифах и ремонте сетей.\n"
        "— Будут ли отключения этой зимой?\n"
        "— Плановых отключений для населения не будет, резервы у нас есть.\n"
        "— Почему растут тарифы?\n"
        "— Износ сетей в отдельных регионах превышает 60 процентов.\n"
        "Замминистра отметила, что план модернизации утвержден."
    )
    quotes = _quotes(text, "ru")
    answers = [q for q in quotes if "отключений для" in q.text or "Износ сетей" in q.text]
    assert len(answers) == 2 and _speakers(tuple(answers)) == {"Динара Сарсенова"}
    assert answers[0].via == ("Kapital.kz",)
    assert not [q for q in quotes if "?" in q.text]
    narration = [q for q in quotes if "план модернизации" in q.text]
    assert len(narration) == 1 and _speakers(tuple(narration)) == {"Динара Сарсенова"}


def test_quotes_interview_plain_questions_then_answers_over_several_paragraphs() -> None:
    text = (
        "Sputnik spoke to Dilnoza Rahimova, head of the national tuberculosis centre.\n"
        "How many cases were registered last year?\n"
        "We registered about four thousand new cases, fewer than before the pandemic.\n"
        "What worries you most?\n"
        "Drug resistance worries me most of all.\n"
        "We have agreed with colleagues abroad to exchange data on such patients.\n"
        "Who pays for the treatment?\n"
        "The Global Fund covers most of the cost of medicines."
    )
    quotes = _quotes(text, "en")
    assert len(quotes) == 4
    assert _speakers(quotes) == {"Dilnoza Rahimova"}
    assert any("exchange data" in q.text for q in quotes)


def test_quotes_interview_list_after_a_colon_is_part_of_the_answer() -> None:
    text = (
        "Гидролог Динара Абакирова ответила на вопросы «Азаттыка».\n"
        "«Азаттык»: Что вы предлагаете?\n"
        "Динара Абакирова: Я бы выделила две вещи:\n"
        "— восстановить метеостанции в горах;\n"
        "— перейти на капельное орошение.\n"
        "«Азаттык»: Власти говорят, что уже ремонтируют каналы?\n"
        "Динара Абакирова: Это правда, но потери воды все еще велики."
    )
    quotes = _quotes(text, "ru")
    assert len(quotes) == 2
    assert "капельное орошение" in quotes[0].text and quotes[0].text.startswith("Я бы")
    assert _speakers(quotes) == {"Динара Абакирова"}


def test_find_interview_one_question_is_no_interview() -> None:
    text = (
        "Why does the border matter?\n"
        "Because two thirds of the trade crosses it, the minister said.\n"
        "The talks resume in May."
    )
    assert find_interview(text, _paragraphs(text), "en") is None


def test_find_interview_rhetorical_questions_without_an_interview_word_give_no_speaker() -> None:
    text = (
        "The ministry published its plan for the winter.\n"
        "Will it work?\n"
        "Nobody knows yet.\n"
        "Who will pay?\n"
        "The budget, as always.\n"
        "Is there an alternative?\n"
        "Imports, which are expensive."
    )
    assert find_interview(text, _paragraphs(text), "en") is not None
    assert _quotes(text, "en") == ()
