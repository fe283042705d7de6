"""Statement dates: words found and resolved against the publication date."""

from __future__ import annotations

from newswatch.nlp.dates import find_dates, text_year


def _day(text: str, lang: str, published: str | None = "2022-12-20") -> str | None:
    found = find_dates(text, lang, published=published)
    assert found, text
    return found[0].date


def test_dates_month_and_day_take_the_publication_year() -> None:
    assert _day("Mr. Zas said on December 19.", "en") == "2022-12-19"
    assert _day("19 декабря он заявил", "ru") == "2022-12-19"


def test_dates_late_month_before_january_publication_is_last_year() -> None:
    assert _day("said on December 29", "en", "2023-01-03") == "2022-12-29"


def test_dates_weekday_is_most_recent_on_or_before_publication() -> None:
    assert _day("said on Friday", "en") == "2022-12-16"
    assert _day("said on Tuesday", "en") == "2022-12-20"
    assert _day("в пятницу заявил", "ru") == "2022-12-16"


def test_dates_yesterday_and_vchera() -> None:
    assert _day("said yesterday", "en") == "2022-12-19"
    assert _day("вчера сообщил", "ru") == "2022-12-19"


def test_dates_vague_words_have_no_day() -> None:
    found = find_dates("said last week", "en", published="2022-12-20")
    assert found[0].text == "last week" and found[0].date is None


def test_dates_without_publication_date_need_a_certain_year() -> None:
    assert _day("said on Monday", "en", None) is None
    assert _day("said on December 19", "en", None) is None
    assert _day("said on December 19, 2022", "en", None) == "2022-12-19"
    text = "The summit of December 18, 2022 ended. He spoke on December 19."
    year = text_year(text)
    assert year == 2022
    assert find_dates(text, "en", year=year)[-1].date == "2022-12-19"


def test_dates_text_year_is_none_when_years_differ() -> None:
    assert text_year("on March 3, 2021 and on May 5, 2022") is None
