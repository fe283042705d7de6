"""English reported speech and wire-copy habits (texts written for newswatch)."""

from __future__ import annotations

from newswatch.knowledge import load_knowledge
from newswatch.nlp.quotes import find_quotes, quote_spans
from newswatch.record import Quote


def _quotes(text: str) -> tuple[Quote, ...]:
    return find_quotes(text, "en", published="2016-09-20", knowledge=load_knowledge())


def _one(text: str, key: str) -> Quote:
    found = [q for q in _quotes(text) if key in q.text]
    assert len(found) == 1, _quotes(text)
    return found[0]


def _who(q: Quote) -> str | None:
    return q.speaker.name if q.speaker is not None else None


def test_quote_spans_two_apostrophes_are_a_double_mark() -> None:
    text = "''This is no reform,'' said Alan Cole. She isn't sure."
    spans = quote_spans(text)
    assert [text[s.inner_start : s.inner_end] for s in spans] == ["This is no reform,"]
    assert text[spans[0].open : spans[0].end] == "''This is no reform,''"


def test_quotes_two_apostrophe_quotes_take_speaker_and_continue() -> None:
    text = "''There is no evidence,'' Mr. Burman said. ''The real issue is governance today.''"
    quotes = _quotes(text)
    assert [q.text for q in quotes] == [
        "There is no evidence",
        "The real issue is governance today.",
    ]
    assert {_who(q) for q in quotes} == {"Burman"}


def test_quotes_party_and_state_in_brackets_are_not_the_speaker() -> None:
    q = _one("Sen. David Perdue (R-Ga.) said he did not believe the polls.", "believe the polls")
    assert _who(q) == "David Perdue"


def test_quotes_said_it_would_is_a_statement() -> None:
    q = _one("The S.E.C. said it would increase oversight of the program.", "increase oversight")
    assert q.kind == "indirect" and _who(q) == "S.E.C."
    assert q.text.startswith("it would")


def test_quotes_said_it_alone_is_no_statement() -> None:
    assert _quotes("He said it twice.") == ()


def test_quotes_that_of_a_later_clause_is_not_the_complementizer() -> None:
    text = (
        "Secretary Jeh Johnson says hackers are taking aim at state election officials, "
        "and that one attempt was successful."
    )
    q = _one(text, "hackers are taking aim")
    assert _who(q) == "Jeh Johnson"


def test_quotes_campaign_speaks() -> None:
    q = _one("The campaign says the ad will air nationally next week.", "ad will air")
    assert q.speaker is not None and "campaign" in (q.speaker.mention or "").lower()


def test_quotes_adding_that_is_a_second_statement_of_the_speaker() -> None:
    text = (
        "The mayor said the curfew would be lifted on Friday, "
        "adding that the police would stay on the streets."
    )
    quotes = _quotes(text)
    assert [q.text for q in quotes] == [
        "the curfew would be lifted on Friday",
        "the police would stay on the streets",
    ]
    assert [q.cue for q in quotes] == ["said", "adding"]
    assert {_who(q) for q in quotes} == {"The mayor"}


def test_quotes_outlet_noting_is_no_statement_of_the_speaker() -> None:
    text = (
        "Askar Zhunusov said that the river must be shared fairly, TASS reported, "
        "noting the construction of a new canal in the north."
    )
    assert [q.cue for q in _quotes(text)] == ["said"]


def test_quotes_sentence_mostly_quoted_with_cue_before_is_read() -> None:
    q = _one("Trump says voter fraud “would be one hell of a way to lose.”", "voter fraud")
    assert q.kind == "indirect" and _who(q) == "Trump"


def test_quotes_according_to_him_goes_to_the_last_speaker() -> None:
    text = (
        "Igor Zverev said the rules would change.\n"
        "According to him, about 650,000 foreigners stay in Russia illegally."
    )
    assert _who(_one(text, "650,000 foreigners")) == "Igor Zverev"


def test_quotes_second_that_clause_does_not_move_the_statement() -> None:
    text = "Zaheer said the authorities would guard the sites and that work would start soon."
    assert _one(text, "guard the sites").text.startswith("the authorities would guard")


def test_quotes_dateline_is_not_part_of_the_statement() -> None:
    text = (
        "ASTANA, March 11 (Reuters) - Kazakhstan plans to raise oil shipments this year, "
        "Deputy Energy Minister Yerlan Akbarov said on Monday."
    )
    assert _one(text, "oil shipments").text.startswith("Kazakhstan plans")


def test_quotes_relative_clause_subject_is_not_a_statement_before_said() -> None:
    text = (
        "Deputy Chairman Nurlanbek Sydykov, who visited the region last week, "
        "said the government had allocated 4.2 billion soms."
    )
    q = _one(text, "allocated")
    assert q.text.startswith("the government") and "Sydykov" in (_who(q) or "")


def test_quotes_en_next_statement_of_the_speaker_keeps_the_outlet_and_the_date() -> None:
    text = (
        "A source in the CSTO Secretariat told RIA Novosti on Monday that a second batch could "
        'be delivered in the autumn. "Everything depends on the factories," the source said.'
    )
    quotes = find_quotes(text, "en", published="2022-12-20", knowledge=load_knowledge())
    second = [q for q in quotes if "factories" in q.text]
    assert len(second) == 1
    assert second[0].via == ("RIA Novosti",) and second[0].date == "2022-12-19"


def test_quotes_en_outlet_clause_with_a_participle_ends_the_statement() -> None:
    text = (
        "Zhunusov also said that Afghanistan must join the dialogue on the river, TASS reported, "
        "noting the construction of a canal in the north of the country."
    )
    quotes = find_quotes(text, "en", published="2022-12-20", knowledge=load_knowledge())
    assert [q.text for q in quotes] == ["Afghanistan must join the dialogue on the river"]
    assert quotes[0].via == ("TASS",)


def test_quotes_en_belief_and_pledge_verbs_report_a_view() -> None:
    text = (
        "Rustam Kholov pledged that the new border post would open in March. "
        "Many farmers think the canal will take their water."
    )
    quotes = find_quotes(text, "en", published="2022-12-20", knowledge=load_knowledge())
    assert [(q.text, q.cue) for q in quotes] == [
        ("the new border post would open in March", "pledged"),
        ("the canal will take their water", "think"),
    ]


def test_quotes_en_asked_not_to_be_named_is_no_statement() -> None:
    text = "The official asked that his name not be published for fear of reprisals."
    quotes = find_quotes(text, "en", published="2022-12-20", knowledge=load_knowledge())
    assert quotes == ()
