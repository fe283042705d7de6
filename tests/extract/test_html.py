from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newswatch.eval.scoring import score_page
from newswatch.extract.html import HtmlOptions, clean_lines, extract_html, split_lines
from newswatch.read import read_bytes
from newswatch.record import Outlet

PAGES = Path(__file__).resolve().parents[1] / "data" / "html"
NAMES = sorted(p.name.removesuffix(".html") for p in PAGES.glob("*.html"))


def _expected(name: str) -> dict:
    return json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))


def _extract(name: str):
    doc = read_bytes((PAGES / f"{name}.html").read_bytes())
    return extract_html(doc.text)


def test_our_pages_are_all_there():
    assert len(NAMES) >= 6
    assert all((PAGES / f"{n}.expected.json").exists() for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_html_page_text_is_the_expected_lines(name):
    expected = _expected(name)
    assert _extract(name).text.split("\n") == (expected["text"] or [""])


@pytest.mark.parametrize("name", NAMES)
def test_html_page_drops_its_furniture(name):
    text = _extract(name).text
    for fragment in _expected(name)["absent"]:
        assert fragment not in text


@pytest.mark.parametrize("name", NAMES)
def test_html_page_metadata(name):
    expected, found = _expected(name), _extract(name)
    assert found.title == expected["title"]
    assert found.published == expected["published"]
    assert list(found.authors) == expected["authors"]
    outlet = expected["outlet"]
    assert found.outlet == (Outlet(**outlet) if outlet else None)
    assert found.url == expected["url"]


@pytest.mark.parametrize("name", NAMES)
def test_html_page_rules_do_not_lose_article_text(name):
    """Every rule switched off scores no better on our pages than all of them on."""
    expected = "\n".join(_expected(name)["text"])
    doc = read_bytes((PAGES / f"{name}.html").read_bytes())
    bare = HtmlOptions(
        favor_precision=False,
        fallback=False,
        drop_title_lines=False,
        drop_furniture=False,
        drop_related=False,
        unwrap_layout_tables=False,
        clean_title=False,
    )
    ours = score_page(extract_html(doc.text).text, expected)
    plain = score_page(extract_html(doc.text, options=bare).text, expected)
    assert ours.recall >= plain.recall - 1e-9
    assert ours.precision >= plain.precision - 1e-9


def test_html_windows_1251_page_is_read_and_decoded():
    doc = read_bytes((PAGES / "ru-layout-table.html").read_bytes())
    assert doc.encoding == "cp1251"
    assert "Худжанде" in extract_html(doc.text).text


def test_html_layout_table_paragraphs_stay_separate_lines():
    text = _extract("ru-layout-table").text
    assert all(not line.startswith("|") for line in text.split("\n"))
    assert len(text.split("\n")) >= 3


def test_html_data_table_keeps_head_and_rows():
    text = _extract("en-football-stats").text
    assert "| Team | Played | Points |" in text.split("\n")
    assert "| Khujand | 10 | 18 |" in text.split("\n")


def test_html_hostile_markup_leaks_no_script():
    text = _extract("en-hostile").text
    for marker in ("LEAK", "alert", "javascript", "document.write", "secretToken"):
        assert marker not in text


def test_html_empty_document_gives_empty_text():
    assert extract_html("").text == ""
    assert extract_html("<html><body></body></html>").text == ""


def test_html_passes_url_through_when_page_has_none():
    html = (PAGES / "en-football-stats.html").read_text(encoding="utf-8")
    found = extract_html(html, url="https://sport.example/a/1")
    assert found.url == "https://sport.example/a/1"
    assert found.outlet is not None and found.outlet.domain == "sport.example"


@pytest.mark.slow
def test_html_huge_page_does_not_crash():
    paragraph = "<p>" + "Officials met in Dushanbe to discuss the border. " * 20 + "</p>\n"
    menu = '<ul><li><a href="/x">A link</a></li></ul>\n'
    html = "<html><body><article>" + (paragraph + menu) * 1200 + "</article></body></html>"
    found = extract_html(html)
    assert "Officials met in Dushanbe" in found.text


def test_clean_lines_drops_related_heading_and_its_list():
    text = "\n".join(
        [
            "The minister said the talks would continue next week in the capital.",
            "Read more:",
            "- Gas exports fall for a third month",
            "Border road reopens after floods",
            "Next paragraph of the story ends with a full stop.",
        ]
    )
    assert clean_lines(text).split("\n") == [
        "The minister said the talks would continue next week in the capital.",
        "Next paragraph of the story ends with a full stop.",
    ]


def test_clean_lines_drops_title_only_near_the_top():
    lines = ["Talks resume", "Body one.", "Body two.", "Body three.", "Talks resume"]
    assert clean_lines("\n".join(lines), title="Talks resume").split("\n") == lines[1:]


def test_clean_lines_drops_furniture_lines():
    text = "Поделиться\nВерсия для печати\n© 2012 Газета\nФото: РИА Новости\nТекст статьи."
    assert clean_lines(text) == "Текст статьи."


def test_clean_lines_keeps_rows_with_figures():
    text = "| Pos | Name |\n| 1 | Kyle |\n| Print | Discuss |"
    assert clean_lines(text).split("\n") == ["| Pos | Name |", "| 1 | Kyle |"]


_TAGS = ["p", "div", "table", "tr", "td", "script", "style", "a", "h1", "article", "iframe", "ul"]
_soup = st.lists(
    st.one_of(
        st.sampled_from(_TAGS).map(lambda t: f"<{t}>"),
        st.sampled_from(_TAGS).map(lambda t: f"</{t}>"),
        st.sampled_from(['<a href="javascript:x()">', "<img onerror=x>", "<!--", "-->", "&amp;"]),
        st.text(max_size=40),
    ),
    max_size=60,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_soup)
def test_html_random_tag_soup_never_raises(html):
    found = extract_html(html)
    assert isinstance(found.text, str)


def _page_with_title(title: str, heading: str = "") -> str:
    body = "<p>" + "The water talks went on late into the night in Tashkent. " * 6 + "</p>"
    return (
        f'<html><head><title>{title}</title><meta property="og:site_name" content="Steppe Herald">'
        f"</head><body>{heading}<article>{body}</article></body></html>"
    )


def test_html_title_keeps_the_part_that_is_the_page_heading():
    html = _page_with_title(
        "Water talks end | Politics - Steppe Herald", "<h2>Water talks end</h2><h2>Other</h2>"
    )
    assert extract_html(html).title == "Water talks end"


def test_html_title_drops_the_site_name_part():
    html = _page_with_title("Steppe Herald | Water talks end without a deal")
    assert extract_html(html).title == "Water talks end without a deal"


def test_html_title_without_separators_is_kept_whole():
    html = _page_with_title("Water talks end without a deal")
    assert extract_html(html).title == "Water talks end without a deal"


def test_html_dropped_furniture_lines_are_kept_as_boilerplate():
    found = _extract("ru-measles")
    assert not set(found.boilerplate) & set(found.text.split("\n"))
    assert any("Поделиться" in line for line in found.boilerplate)


def test_split_lines_keeps_order_and_reports_what_went():
    kept, dropped = split_lines("Talks resume\nBody one.\nShare\nBody two.", title="Talks resume")
    assert kept == ["Body one.", "Body two."]
    assert dropped == ["Talks resume", "Share"]
