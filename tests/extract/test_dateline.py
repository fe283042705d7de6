from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newswatch.extract.dateline import (
    DateMatch,
    find_dates,
    parse_date,
    read_dateline,
    resolve_year,
    years_in,
)


@pytest.mark.parametrize(
    ("line", "kind", "iso", "rest"),
    [
        (
            "DUSHANBE, March 14, 2023 — The ministry said",
            "place",
            "2023-03-14",
            "The ministry said",
        ),
        ("DUSHANBE, March 14, 2023 —", "place", "2023-03-14", ""),
        (
            "Душанбе, 5 апреля 2023 г. — Министерство сообщило",
            "place",
            "2023-04-05",
            "Министерство сообщило",
        ),
        ("Published: 09:15, 21 June 2023", "published", "2023-06-21", ""),
        ("Опубликовано: 14.03.2023 10:12", "published", "2023-03-14", ""),
        ("Updated: Dec. 20, 2022 at 3:15 pm GMT", "updated", "2022-12-20", ""),
        ("14:32 / 21.06.2023", "date", "2023-06-21", ""),
        ("2023-03-14T10:12:00+05:00", "date", "2023-03-14", ""),
        ("Tuesday, 20 December 2022 11:05", "date", "2022-12-20", ""),
        ("16/01/2024 12:05, Bishkek", "date", "2024-01-16", ""),
        ("20 декабря 2022, 14:05", "date", "2022-12-20", ""),
        ("Бишкек, 12 ноября 2024, 10:15 — ИА Регнум", "place", "2024-11-12", ""),
        (
            "ALMATY, 3 March 2024, 09:30 — Kazakh officials said",
            "place",
            "2024-03-03",
            "Kazakh officials said",
        ),
        ("bne IntelliNews 20 February 2024", "date", "2024-02-20", ""),
        ("RFE/RL 4 May 2023", "date", "2023-05-04", ""),
        ("Газета «Коммерсантъ» №124 от 12.07.2023, стр. 9", "published", "2023-07-12", ""),
        ("«Ведомости» № 45 (5512) от 14 марта 2023 г.", "published", "2023-03-14", ""),
    ],
)
def test_read_dateline_reads_english_and_russian_forms(
    line: str, kind: str, iso: str, rest: str
) -> None:
    found = read_dateline(line)
    assert found is not None
    assert (found.kind, found.date.iso, found.rest) == (kind, iso, rest)


@pytest.mark.parametrize(
    ("line", "month", "day", "rest"),
    [
        ("BISHKEK, Nov 3 (Reuters) – Kyrgyz officials said", 11, 3, "Kyrgyz officials said"),
        ("ТАШКЕНТ, 12 мая. /ТАСС/. Президент Узбекистана", 5, 12, "Президент Узбекистана"),
        ("MOSCOW, December 20. /TASS/. The CSTO said", 12, 20, "The CSTO said"),
        ("Астана. 4 июля. ИНТЕРФАКС - Лидеры государств", 7, 4, "Лидеры государств"),
        ("Baku, Azerbaijan, September 11. Kazakhstan expects", 9, 11, "Kazakhstan expects"),
        ("Tashkent, Uzbekistan, Jan. 5. The ministry said", 1, 5, "The ministry said"),
    ],
)
def test_read_dateline_without_year_keeps_day_month_and_drops_the_agency(
    line: str, month: int, day: int, rest: str
) -> None:
    found = read_dateline(line)
    assert found is not None
    assert found.kind == "place"
    assert (found.date.year, found.date.month, found.date.day) == (None, month, day)
    assert found.rest == rest


@pytest.mark.parametrize(
    "line",
    [
        "In Dushanbe, March 14 saw heavy rain.",
        "The CSTO secretary-general on December 19 held a press conference.",
        "Views: 1234",
        "USD 10.93 EUR 11.80",
        "Kazakhstan, China agree to speed up pipeline",
        "Deadline for bids 20 February 2024",
        "The talks ended on 20 February 2024",
        "Выпуск №12 вышел",
        "",
    ],
)
def test_read_dateline_refuses_sentences_and_furniture(line: str) -> None:
    assert read_dateline(line) is None


def test_find_dates_in_running_text_with_and_without_years() -> None:
    found = find_dates("on December 19, and on 19 декабря 2022 года; then 2022-12-20")
    assert [(d.year, d.month, d.day) for d in found] == [
        (None, 12, 19),
        (2022, 12, 19),
        (2022, 12, 20),
    ]


def test_find_dates_skips_impossible_dates() -> None:
    assert find_dates("31.02.2023") == []
    assert parse_date("29 February 2024") == "2024-02-29"


def test_parse_date_completes_a_missing_year_only_when_given() -> None:
    assert parse_date("19 декабря") is None
    assert parse_date("19 декабря", year=2022) == "2022-12-19"


def test_resolve_year_takes_the_year_of_the_same_day_elsewhere() -> None:
    yearless = DateMatch(0, 5, None, 11, 3)
    assert resolve_year(yearless, find_dates("Updated 3 November 2022")) == 2022


def test_resolve_year_stays_unknown_when_not_certain() -> None:
    yearless = DateMatch(0, 5, None, 11, 3)
    assert resolve_year(yearless, find_dates("4 November 2022")) is None
    assert resolve_year(yearless, [], years_in("since 1991 ... © 2022")) is None
    assert resolve_year(yearless, [], years_in("© 1997-2022 Agency")) == 2022


@given(st.text(max_size=300))
def test_dateline_parsing_never_raises(text: str) -> None:
    read_dateline(text)
    for found in find_dates(text):
        assert 1 <= found.month <= 12
        assert 1 <= found.day <= 31


def test_dateline_time_and_full_date_then_place_site_and_author_is_a_date_line() -> None:
    # 24.kg writes "time, date, place - site, author" above its articles
    found = read_dateline("09:47, 14 ноября 2024, Бишкек - 24.kg, Айзада Касымова")
    assert found is not None and found.kind == "date"
    assert (found.date.year, found.date.month, found.date.day) == (2024, 11, 14)
    assert read_dateline("14 ноября 2024 года в Бишкеке прошел форум") is None
    assert read_dateline("09:47, 14 ноября 2024, в Бишкеке прошел форум молодых ученых") is None
