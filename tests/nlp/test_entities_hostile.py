"""Bad input never crashes the entities stage, and every mention it returns is a real span."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newswatch.nlp.entities import MAX_CHARS, find_entities

PIECES = st.sampled_from(
    [
        "Mr. ",
        "Zas",
        "CSTO",
        "SCTO",
        "(",
        ")",
        "“",
        "”",
        "«",
        "»",
        '"',
        " said ",
        "Secretary-General ",
        "the Organization ",
        "Зась",
        "Зася ",
        "ОДКБ",
        "Виктора Лебедева",
        "по словам ",
        "\n",
        ". ",
        " ",
        "Ministry of ",
        "Dushanbe",
        "Ǆ",
        "\u0301",
        "\x00",
        "🙂",
        "٣",
        "İ",
    ]
)


def assert_spans(text, entities):
    for entity in entities:
        assert entity.name
        for mention in entity.mentions:
            assert 0 <= mention.start < mention.end <= len(text)
            assert text[mention.start : mention.end] == mention.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.sampled_from(["en", "ru", "tg", None, "xx"]))
def test_entities_any_text_in_any_language_gives_real_spans(text, lang):
    assert_spans(text, find_entities(text, lang))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=80), st.sampled_from(["en", "ru"]))
def test_entities_name_like_pieces_in_any_order_give_real_spans(pieces, lang):
    text = "".join(pieces)
    assert_spans(text, find_entities(text, lang))


def test_entities_fifty_thousand_quotation_marks():
    for lang in ("en", "ru"):
        text = "“" * 25_000 + "«" * 25_000
        assert find_entities(text, lang) == ()


def test_entities_text_without_sentence_ends():
    en = " ".join(["Rustam Nazarov met Dilnoza Karimova in Dushanbe and"] * 400)
    ru = " ".join(["Рустам Назаров встретил Дилнозу Каримову в Душанбе и"] * 400)
    for text, lang in ((en, "en"), (ru, "ru")):
        entities = find_entities(text, lang)
        assert_spans(text, entities)
        assert any(e.type == "PERSON" for e in entities)


def test_entities_mixed_scripts_in_one_text():
    text = (
        "CSTO Secretary-General Stanislav Zas (Станислав Зась) said «ОДКБ готова» in Dushanbe; "
        "Тоҷикистон ва Ӯзбекистон, 中国, العربية."
    )
    for lang in ("en", "ru", "tg"):
        assert_spans(text, find_entities(text, lang))


def test_entities_five_megabyte_article_reads_only_its_beginning():
    line = "Mr. Zas told RIA Novosti that the CSTO would meet in Dushanbe.\n"
    text = line * (5_000_000 // len(line))
    entities = find_entities(text, "en")
    assert_spans(text, entities)
    assert max(m.end for e in entities for m in e.mentions) <= MAX_CHARS


def test_entities_empty_and_blank_text():
    for text in ("", " ", "\n\n\t"):
        assert find_entities(text, "en") == ()
        assert find_entities(text, "ru") == ()
