from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newswatch.extract.textdump import Label, classify_lines, extract_textdump
from newswatch.pipeline import extract

CASES = Path(__file__).resolve().parents[1] / "data" / "textdump"

PARAGRAPH_EN = (
    "The ministry said on Tuesday that the new rules would apply to all companies registered "
    "in the country, and that inspections would begin in the autumn."
)
PARAGRAPH_RU = (
    "Министерство сообщило во вторник, что новые правила будут распространяться на все "
    "компании, зарегистрированные в стране, а проверки начнутся осенью."
)


def _case(name: str) -> tuple[str, dict[str, object]]:
    text = (CASES / f"{name}.txt").read_text(encoding="utf-8")
    gold = json.loads((CASES / f"{name}.gold.json").read_text(encoding="utf-8"))
    return text, gold


@pytest.mark.parametrize("name", sorted(p.stem for p in CASES.glob("*.txt")))
def test_textdump_written_cases_keep_the_article_and_drop_the_furniture(name: str) -> None:
    text, gold = _case(name)
    found = extract_textdump(text)
    kept = found.text.split("\n")
    for line in gold["article"]:  # type: ignore[attr-defined]
        assert line in kept
    for line in gold["boilerplate"]:  # type: ignore[attr-defined]
        assert line not in kept
        assert line in found.boilerplate
    assert found.published == gold["published"]


def test_textdump_headline_list_after_article_goes_to_boilerplate_in_order() -> None:
    text, _ = _case("en-headline-list-after")
    found = extract_textdump(text)
    assert found.title == "Uzbekistan opens new border crossing with Kyrgyzstan in Fergana Valley"
    assert found.boilerplate[-7:-1] == (
        "Latest",
        "Kazakhstan raises fuel prices for the second time this year",
        "Turkmen president meets Chinese energy delegation",
        "Dushanbe hosts regional water conference",
        "Tajik migrants face new Russian exam rules",
        "Kyrgyz parliament approves budget amendments",
    )
    assert found.text.startswith("Uzbekistan and Kyrgyzstan on Tuesday opened")


def test_textdump_keeps_intertitle_and_list_inside_article() -> None:
    text, _ = _case("en-furniture-inside")
    kept = extract_textdump(text).text.split("\n")
    start = kept.index("What changes")
    assert kept[start : start + 5] == [
        "What changes",
        "Under the new law, producers will be able to:",
        "- sign contracts with the grid operator for up to 25 years;",
        "- sell surplus power from rooftop panels;",
        "- import equipment without customs duties.",
    ]


def test_textdump_drops_furniture_inside_article_even_with_full_stop() -> None:
    text = "\n".join(
        [
            PARAGRAPH_EN,
            "We use cookies to give you the best experience. By continuing you accept them.",
            PARAGRAPH_EN.replace("Tuesday", "Wednesday"),
            "Log in to leave a comment.",
        ]
    )
    found = extract_textdump(text)
    assert found.boilerplate == (
        "We use cookies to give you the best experience. By continuing you accept them.",
        "Log in to leave a comment.",
    )


def test_textdump_russian_article_with_english_and_tajik_furniture() -> None:
    text, _ = _case("ru-english-furniture")
    found = extract_textdump(text)
    assert "Search" in found.boilerplate
    assert "Kazakhstan to build new nuclear plant" in found.boilerplate
    text, _ = _case("ru-tajik-furniture")
    found = extract_textdump(text)
    assert "Инчунин хонед: Дар Душанбе фестивали ҷавонон баргузор мешавад" in found.boilerplate
    assert "Дар Хуҷанд пули нав сохта шуд" in found.boilerplate
    assert found.title == "Правительство Таджикистана утвердило программу развития туризма"


def test_textdump_dateline_goes_to_published_and_its_rest_stays() -> None:
    text = "\n".join(
        ["Ministry announces new rules", f"DUSHANBE, March 14, 2023 — {PARAGRAPH_EN}", PARAGRAPH_EN]
    )
    found = extract_textdump(text)
    assert found.published == "2023-03-14"
    assert found.title == "Ministry announces new rules"
    assert found.text.split("\n") == [PARAGRAPH_EN, PARAGRAPH_EN]
    assert found.boilerplate == ()


def test_textdump_yearless_dateline_stays_null_without_certain_year() -> None:
    text = "\n".join(
        [f"ТАШКЕНТ, 12 мая. /ТАСС/. {PARAGRAPH_RU}", "Это случилось в 2019 и 2021 годах."]
    )
    assert extract_textdump(text).published is None


def test_textdump_yearless_dateline_takes_the_year_of_the_same_date_elsewhere() -> None:
    text, _ = _case("ru-tass-yearless")
    assert extract_textdump(text).published == "2023-05-12"


def test_textdump_no_terminal_punctuation_anywhere_keeps_long_lines() -> None:
    text, gold = _case("en-no-punctuation")
    found = extract_textdump(text)
    assert found.text.split("\n") == gold["article"]


def test_textdump_first_line_that_is_a_paragraph_is_not_the_title() -> None:
    found = extract_textdump(f"{PARAGRAPH_EN}\n{PARAGRAPH_EN}\nAll news")
    assert found.title is None
    assert found.text == f"{PARAGRAPH_EN}\n{PARAGRAPH_EN}"
    assert found.boilerplate == ("All news",)


def test_textdump_seed_keeps_nine_paragraphs_and_drops_the_twelve_lines_after(
    seed_bytes: bytes,
) -> None:
    article = extract(seed_bytes, path="seed.txt")
    kept = article.text.split("\n")
    assert len(kept) == 9
    assert kept[0].startswith(
        "The Collective Security Treaty Organization (CSTO) Secretary-General"
    )
    assert kept[-1].endswith("Kazakhstan, Kyrgyzstan, and Tajikistan.")
    assert len(article.boilerplate) == 12
    assert article.boilerplate[-2:] == ("All news", "Авторизуйтесь, пожалуйста")
    assert article.title is None
    assert article.language == "en"


@pytest.mark.slow
def test_textdump_handles_a_ten_thousand_line_dump() -> None:
    lines = []
    for i in range(10_000):
        lines.append(PARAGRAPH_EN if i % 3 else f"Headline number {i} about the region")
    found = extract_textdump("\n".join(lines))
    assert (
        len(found.text.split("\n")) + len(found.boilerplate) + (found.title is not None) == 10_000
    )
    assert found.text.count(PARAGRAPH_EN) == 6666


@pytest.mark.parametrize("text", ["", "   \n\t\n", "\n\n\n"])
def test_textdump_empty_and_whitespace_dumps_give_empty_text(text: str) -> None:
    found = extract_textdump(text)
    assert (found.text, found.title, found.published, found.boilerplate) == ("", None, None, ())


def test_textdump_one_line_dump() -> None:
    assert extract_textdump(PARAGRAPH_EN).text == PARAGRAPH_EN
    assert extract_textdump("All news").text == ""


def test_textdump_hostile_text_does_not_crash() -> None:
    hostile = "\n".join(
        [
            "<script>alert(1)</script>",
            "\x00\x01\x02" * 50,
            "(" * 5000,
            "1" * 10_000,
            "‮reversed‬ text ﷽" * 20,
            "a, " * 3000 + ".",
            "DUSHANBE, " * 500 + "March 14, 2023 —",
        ]
    )
    found = extract_textdump(hostile)
    assert isinstance(found.text, str)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=120),
            st.sampled_from(
                [PARAGRAPH_EN, PARAGRAPH_RU, "All news", "Read also: x", "14:32 / 21.06.2023", ""]
            ),
        ),
        max_size=30,
    )
)
def test_textdump_every_line_ends_up_in_exactly_one_place(parts: list[str]) -> None:
    text = "\n".join(parts)
    labels = classify_lines(text)
    assert [item.line for item in labels] == [s.strip() for s in text.splitlines() if s.strip()]
    found = extract_textdump(text)
    texts = sum(1 for item in labels if item.label is Label.TEXT)
    datelines = [item for item in labels if item.label is Label.DATELINE]
    assert len(datelines) <= 1
    kept_rest = sum(1 for item in datelines if item.rest)
    title = sum(1 for item in labels if item.label is Label.TITLE)
    assert title == (found.title is not None)
    assert len(found.boilerplate) + texts + len(datelines) + title == len(labels)
    assert (len(found.text.split("\n")) if found.text else 0) == texts + kept_rest


@pytest.mark.parametrize(
    "inserted",
    [
        ["Read also", "Tajikistan to build new airport in Kulob", "Uzbek exports grow by a fifth"],
        ["Read also: Kyrgyzstan and China sign agreement on railway"],
        ["Photo: Sputnik / Ivan Petrov"],
        ["Share", "Facebook Twitter Telegram"],
    ],
)
def test_textdump_furniture_dropped_into_the_middle_does_not_split_the_article(
    inserted: list[str],
) -> None:
    text, gold = _case("en-headline-list-after")
    lines = text.split("\n")
    middle = 4  # between the second and the third paragraph
    found = extract_textdump("\n".join(lines[:middle] + inserted + lines[middle:]))
    assert found.text.split("\n") == gold["article"]
    assert all(line in found.boilerplate for line in inserted)


def test_textdump_short_sentence_between_headlines_is_one_more_headline() -> None:
    text, gold = _case("en-captions-list-after")
    found = extract_textdump(text)
    assert "Kazakhstan lifts ban on fuel exports." in found.boilerplate
    assert found.text.split("\n") == gold["article"]


GOLD_DEV = CASES.parent / "gold" / "dev"
_INSERTS = {
    "box": {
        "en": [
            "Read also",
            "Tajikistan to build new airport in Kulob",
            "Uzbek exports grow by a fifth",
        ],
        "ru": ["Читайте также", "В Кулябе построят новый аэропорт", "Экспорт Узбекистана вырос"],
    },
    "inline": {
        "en": ["Read also: Kyrgyzstan and China sign agreement on railway"],
        "ru": ["Читайте также: Киргизия и Китай подписали соглашение о железной дороге"],
    },
    "credit": {"en": ["Photo: Sputnik / Ivan Petrov"], "ru": ["Фото: Sputnik / Иван Петров"]},
}


def robustness_on_dev(kind: str) -> float:
    """Line accuracy on the dev dumps with furniture of ``kind`` put in the article's middle."""
    from newswatch.eval.gold import normalise

    right = total = 0
    for gold_path in sorted(GOLD_DEV.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        lines = (
            gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
            .read_text(encoding="utf-8")
            .split("\n")
        )
        kept_at = [i for i, line in enumerate(lines) if line.strip() in gold["article"]]
        if len(kept_at) >= 4:
            middle = kept_at[len(kept_at) // 2]
            lines = lines[:middle] + _INSERTS[kind][gold["lang"]] + lines[middle:]
        found = extract_textdump("\n".join(lines))
        text = normalise(found.text)
        text_lines = {normalise(line) for line in found.text.split("\n")}
        right += sum(normalise(line) in text for line in gold["article"])
        right += sum(normalise(line) not in text_lines for line in gold["boilerplate"])
        total += len(gold["article"]) + len(gold["boilerplate"])
    return right / total


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(_INSERTS))
def test_textdump_dev_dumps_with_furniture_put_inside_the_article(kind: str) -> None:
    if not any(GOLD_DEV.glob("*.gold.json")):
        pytest.skip("no dev gold dumps yet")
    assert robustness_on_dev(kind) >= 0.99


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("ru-release-numbered", "О визите Министра иностранных дел в Туркменистан"),
        ("ru-box-inside-and-bio", "Нацбанк Киргизии сохранил учетную ставку на уровне 13%"),
        ("en-furniture-inside", "Tajik parliament passes law on renewable energy"),
    ],
)
def test_textdump_title_is_the_headline_not_the_menu_or_byline(name: str, title: str) -> None:
    text, _ = _case(name)
    assert extract_textdump(text).title == title


def test_textdump_headline_that_opens_with_a_label_word_is_still_the_title() -> None:
    text = f"Source: fewer migrants leave for Russia after new entry rules\n{PARAGRAPH_EN}"
    assert (
        extract_textdump(text).title
        == "Source: fewer migrants leave for Russia after new entry rules"
    )


def test_textdump_menu_row_above_the_headline_is_not_the_title() -> None:
    text = (
        "Home | Politics | Economy | Society | All news\n"
        "Tajikistan proposes a regional drug control centre\n"
        f"{PARAGRAPH_EN}"
    )
    found = extract_textdump(text)
    assert found.title == "Tajikistan proposes a regional drug control centre"
    assert found.boilerplate[0].startswith("Home | Politics")


# Paragraphs of a written article, used to build dumps around one kind of furniture at a time.
ARTICLE_RU = [
    "Правительство Киргизии утвердило программу строительства малых гидроэлектростанций на "
    "реках Нарынской и Иссык-Кульской областей до 2030 года.",
    "По словам заместителя министра энергетики, частные инвесторы получат гарантии покупки "
    "электроэнергии по фиксированному тарифу в течение пятнадцати лет.",
    "Эксперты считают, что без повышения тарифов для населения программа не привлечет "
    "достаточно средств, а дефицит электроэнергии зимой сохранится.",
]
ARTICLE_EN = [
    "The government of Kyrgyzstan has approved a programme to build small hydropower plants "
    "on rivers in the Naryn and Issyk-Kul regions by 2030, the ministry said.",
    "Private investors will be guaranteed the purchase of electricity at a fixed tariff for "
    "fifteen years, a deputy energy minister told reporters in Bishkek.",
    "Economists say the programme will not attract enough money unless household tariffs rise, "
    "and that winter shortages will persist for several more years.",
]


def _dump(*parts: str | list[str]) -> str:
    return "\n".join(line for part in parts for line in ([part] if isinstance(part, str) else part))


@pytest.mark.parametrize(
    "furniture",
    [
        "Следите за новостями «Вестника» в Дзен и Telegram.",
        "Материал подготовлен при поддержке читателей. Поддержите Vestnik.kg.",
        "Вы используете устаревший браузер. Пожалуйста, обновите его, чтобы сайт работал.",
        "Айгуль Токтосунова — корреспондент «Вестника» в Бишкеке.",
    ],
)
def test_textdump_russian_prompts_and_author_notes_after_the_article_go(furniture: str) -> None:
    found = extract_textdump(
        _dump("Заголовок новости о гидроэлектростанциях", ARTICLE_RU, furniture)
    )
    assert found.text.split("\n") == ARTICLE_RU
    assert found.boilerplate == (furniture,)


@pytest.mark.parametrize(
    "furniture",
    [
        "Katherine Moore is a freelance journalist covering Central Asia.",
        "You are using an outdated browser. Please update your browser to view this site.",
    ],
)
def test_textdump_english_author_note_and_browser_prompt_go(furniture: str) -> None:
    found = extract_textdump(
        _dump("Kyrgyzstan approves small hydropower plan", ARTICLE_EN, furniture)
    )
    assert found.text.split("\n") == ARTICLE_EN
    assert found.boilerplate == (furniture,)


@pytest.mark.parametrize(
    "line",
    [
        "Aibek Asanov, who is a journalist in Naryn and has followed the project since 2019, said "
        "that villagers had not been asked about the dams and would protest if nothing changed.",
        "Rahmon's new spokesman is a former reporter for a private television channel.",
    ],
)
def test_textdump_sentence_about_a_journalist_inside_the_article_stays(line: str) -> None:
    text = _dump("Kyrgyzstan approves small hydropower plan", ARTICLE_EN[:2], line, ARTICLE_EN[2:])
    assert line in extract_textdump(text).text.split("\n")


@pytest.mark.parametrize(
    ("header", "language"),
    [("Похожие материалы", "ru"), ("Читать далее:", "ru"), ("Similar stories", "en")],
)
def test_textdump_box_of_headlines_that_end_in_a_full_stop_or_question_goes(
    header: str, language: str
) -> None:
    article = ARTICLE_RU if language == "ru" else ARTICLE_EN
    headlines = (
        [
            "Киргизия и Таджикистан подписали договор о границе. Что дальше?",
            "В Душанбе обсудили водную повестку ШОС.",
            "Туркмения увеличит поставки газа в Китай?",
            "Мирзиёев подписал указ о тарифах",
        ]
        if language == "ru"
        else [
            "Kyrgyzstan and Tajikistan sign border treaty. What next?",
            "Dushanbe hosts talks on regional water use.",
            "Will Turkmenistan sell more gas to China?",
            "Uzbek president signs decree on tariffs",
        ]
    )
    title = (
        "Киргизия построит малые ГЭС"
        if language == "ru"
        else "Kyrgyzstan approves small hydropower plan"
    )
    found = extract_textdump(_dump(title, article, header, headlines, "© 2024 Vestnik"))
    assert found.text.split("\n") == article
    assert found.boilerplate == (header, *headlines, "© 2024 Vestnik")


def test_textdump_short_sentence_after_a_box_inside_the_article_stays() -> None:
    short = "Экспорт электроэнергии пока не планируется."
    text = _dump(
        "Заголовок",
        ARTICLE_RU[:2],
        ["Читайте также", "В Кулябе построят новый аэропорт", "Экспорт Узбекистана вырос"],
        short,
        ARTICLE_RU[2:],
    )
    assert extract_textdump(text).text.split("\n") == [*ARTICLE_RU[:2], short, *ARTICLE_RU[2:]]


def test_textdump_lone_date_at_the_foot_is_the_publication_date() -> None:
    text = _dump("Kyrgyzstan approves small hydropower plan", ARTICLE_EN, "Oct 8, 2024", "Sign up")
    found = extract_textdump(text)
    assert found.published == "2024-10-08"
    assert found.text.split("\n") == ARTICLE_EN


def test_textdump_dates_of_a_list_at_the_foot_are_not_the_publication_date() -> None:
    text = _dump(
        "Kyrgyzstan approves small hydropower plan",
        ARTICLE_EN,
        "Latest news",
        ["Tajikistan raises power tariffs", "Oct 8, 2024", "Uzbek exports grow", "Oct 7, 2024"],
    )
    assert extract_textdump(text).published is None


def test_textdump_deck_under_the_title_stays_but_a_rubric_goes() -> None:
    deck = "Узбекистан выставляет на продажу контрольный пакет Узпромстройбанка"
    text = _dump("Ташкент ищет банкира", "Коммерсантъ", "Экономика Финансы", deck, ARTICLE_RU)
    found = extract_textdump(text)
    assert found.title == "Ташкент ищет банкира"
    assert found.text.split("\n") == [deck, *ARTICLE_RU]
    rubric = extract_textdump(_dump("Ташкент ищет банкира", "Экономика Финансы", ARTICLE_RU))
    assert rubric.text.split("\n") == ARTICLE_RU


def test_textdump_outlet_pointing_to_its_own_story_goes_but_other_sources_stay() -> None:
    own = "Ранее Sputnik сообщал, что в Баткенской области из-за паводков перекрыли трассу."
    other = "Ранее Минэнерго сообщало, что в Нарынской области построят еще две станции."
    text = _dump("Заголовок", "Sputnik Кыргызстан", ARTICLE_RU, other, own, "Поделиться")
    found = extract_textdump(text)
    assert found.text.split("\n") == [*ARTICLE_RU, other]
    assert own in found.boilerplate
