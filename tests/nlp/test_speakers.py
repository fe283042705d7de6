"""Speaker resolution through the document."""

from __future__ import annotations

from newswatch.knowledge import load_knowledge
from newswatch.nlp.quotes import find_quotes
from newswatch.nlp.speakers import Resolver, gender_of_cue, name_gender
from newswatch.record import Entity, Mention, Speaker


def test_speakers_pronoun_she_prefers_a_womans_name() -> None:
    text = "Dilnoza Karimova met Rustam Kholov. She said"
    r = Resolver(text, "en")
    r.remember(0, Speaker("Dilnoza Karimova"), "PERSON", "Dilnoza Karimova")
    r.remember(21, Speaker("Rustam Kholov"), "PERSON", "Rustam Kholov")
    start = text.index("She")
    found = r.resolve(start, start + 3)
    assert found is not None and found.name == "Dilnoza Karimova" and found.mention == "She"


def test_speakers_it_and_report_are_no_speakers() -> None:
    text = "it / the report"
    r = Resolver(text, "en")
    assert r.resolve(0, 2) is None
    assert r.resolve(5, len(text)) is None


def test_speakers_places_are_never_speakers() -> None:
    text = "Tajikistan"
    place = Entity("e1", "Tajikistan", "GPE", mentions=(Mention(0, 10, "Tajikistan"),))
    assert Resolver(text, "en", [place]).resolve(0, 10) is None


def test_speakers_unnamed_source_keeps_its_words() -> None:
    text = "a source in the ministry"
    found = Resolver(text, "en").resolve(0, len(text))
    assert found == Speaker(text, None, text, 0, len(text))


def test_speakers_organisation_statement_goes_to_the_organisation() -> None:
    text = "The Foreign Ministry issued a statement. the statement"
    ministry = Entity(
        "e1", "Foreign Ministry", "ORG", mentions=(Mention(4, 20, "Foreign Ministry"),)
    )
    start = text.index("the statement")
    found = Resolver(text, "en", [ministry]).resolve(start, len(text))
    assert found is not None and found.entity == "e1"


def test_speakers_russian_cue_gives_gender() -> None:
    assert gender_of_cue("заявила") == "f"
    assert gender_of_cue("заявил") == "m"
    assert gender_of_cue("сообщили") == "p"
    assert name_gender("Мария Захарова") == "f"


def test_unnamed_source_in_a_ministry_is_no_ministry_and_the_source_refers_back() -> None:
    text = (
        "Источник в Министерстве финансов сообщил, что бюджет будет пересмотрен в мае. "
        "«Решение уже принято», — добавил источник."
    )
    at = text.index("Министерстве финансов")
    ministry = Entity(
        "e1", "Министерство финансов", "ORG", mentions=(Mention(at, at + 21, text[at : at + 21]),)
    )
    quotes = find_quotes(text, "ru", [ministry], published="2023-01-10", knowledge=load_knowledge())
    assert len(quotes) == 2
    for q in quotes:
        assert q.speaker is not None and q.speaker.entity is None
        assert q.speaker.name == "Источник в Министерстве финансов"
    assert quotes[1].speaker is not None and quotes[1].speaker.mention == "источник"
