"""The pure pipeline: read -> extract -> language (-> entities -> quotes).

Each stage is a function of its input and its settings; none touches the network or a database.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newswatch.extract import Extraction
from newswatch.extract.html import extract_html
from newswatch.extract.textdump import extract_textdump
from newswatch.knowledge import load_knowledge
from newswatch.language import detect_language
from newswatch.nlp.entities import find_entities
from newswatch.nlp.quotes import find_quotes
from newswatch.read import Document, ReadError, read_bytes
from newswatch.record import Article, article_id
from newswatch.settings import Settings

__all__ = ["ReadError", "analyse", "extract", "extract_document"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def extract_document(
    doc: Document,
    *,
    url: str | None = None,
    published: str | None = None,
    path: str | None = None,
    settings: Settings,
) -> Article:
    """Extraction and language detection on an already decoded document."""
    found: Extraction = (
        extract_html(doc.text, url=url) if doc.is_html else extract_textdump(doc.text)
    )
    canonical = found.url or url
    article = Article(
        id=article_id(url=canonical, text=found.text),
        text=found.text,
        path=path,
        url=canonical,
        outlet=found.outlet,
        title=found.title,
        published=published or found.published,
        authors=found.authors,
        boilerplate=found.boilerplate,
    )
    language = detect_language(article.text or (article.title or ""), settings.languages)
    return replace(article, language=language)


def analyse(article: Article, *, settings: Settings) -> Article:
    """The language stages after extraction: entities, then quotes.

    Only ``text`` is read: never the title or the boilerplate (headlines that say "says").
    """
    knowledge = load_knowledge()
    entities = article.entities or find_entities(
        article.text, article.language, knowledge=knowledge
    )
    quotes = find_quotes(
        article.text,
        article.language,
        entities,
        published=article.published,
        knowledge=knowledge,
    )
    return replace(article, entities=entities, quotes=quotes)


def extract(
    data: bytes | str,
    *,
    url: str | None = None,
    published: str | None = None,
    path: str | None = None,
    settings: Settings | None = None,
) -> Article:
    """Turn a raw page or text dump into an :class:`Article`.

    ``data`` is the raw bytes (HTML or text, possibly gzipped) or already decoded text.
    ``published`` (``YYYY-MM-DD``) overrides the date found in the document.
    Raises :class:`~newswatch.read.ReadError` when the input is not a document.
    """
    settings = settings or Settings()
    if published is not None and not _DATE.match(published):
        raise ValueError(f"published must be YYYY-MM-DD, not {published!r}")
    if isinstance(data, str):
        data = data.encode("utf-8")
    doc = read_bytes(data, max_bytes=settings.max_bytes)
    article = extract_document(doc, url=url, published=published, path=path, settings=settings)
    return analyse(article, settings=settings)
