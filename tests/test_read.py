from __future__ import annotations

import gzip

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newswatch.read import ReadError, read_bytes


def test_read_plain_utf8_text_is_not_html() -> None:
    doc = read_bytes("Душанбе, 5 апреля.\nText line.".encode())
    assert not doc.is_html
    assert doc.text.startswith("Душанбе")


def test_read_html_with_declared_cp1251() -> None:
    html = '<html><head><meta charset="windows-1251"></head><body><p>Привет, мир</p></body></html>'
    doc = read_bytes(html.encode("cp1251"))
    assert doc.is_html
    assert "Привет, мир" in doc.text


def test_read_koi8r_text_without_declaration_is_detected() -> None:
    text = "Министерство иностранных дел Таджикистана заявило, что переговоры продолжатся. " * 5
    doc = read_bytes(text.encode("koi8-r"))
    assert "Министерство иностранных дел" in doc.text


def test_read_wrong_declared_charset_falls_back() -> None:
    html = '<html><head><meta charset="utf-8"></head><body><p>Новости Душанбе сегодня</p></body></html>'
    doc = read_bytes(html.encode("cp1251"))
    assert "Новости Душанбе" in doc.text


def test_read_bom_wins() -> None:
    doc = read_bytes(b"\xef\xbb\xbfHello")
    assert doc.text == "Hello"


def test_read_gzip_and_truncated_gzip() -> None:
    packed = gzip.compress(b"Hello, world. A line of news.")
    assert read_bytes(packed).text.startswith("Hello")
    with pytest.raises(ReadError, match="truncated gzip"):
        read_bytes(packed[:-12])


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (b"%PDF-1.7 binary", "binary"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_read_refuses_non_documents(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError, match=reason):
        read_bytes(data)


def test_read_refuses_over_limit_also_after_decompression() -> None:
    with pytest.raises(ReadError, match="size limit"):
        read_bytes(b"a" * 2000, max_bytes=1000)
    with pytest.raises(ReadError, match="size limit"):
        read_bytes(gzip.compress(b"a" * 5000), max_bytes=1000)


@given(st.binary(max_size=4096))
def test_read_any_bytes_gives_text_or_a_reason(data: bytes) -> None:
    try:
        doc = read_bytes(data)
    except ReadError as exc:
        assert str(exc)
    else:
        assert doc.text.strip()
