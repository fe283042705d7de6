"""HTML pages: main text and metadata with trafilatura (comments off, one paragraph per line)."""

from __future__ import annotations

from urllib.parse import urlsplit

import trafilatura

from newswatch.extract import Extraction
from newswatch.record import Outlet

__all__ = ["extract_html"]


def extract_html(html: str, *, url: str | None = None) -> Extraction:
    """The article in an HTML page. A page with no article gives empty ``text``."""
    doc = trafilatura.bare_extraction(
        html, url=url, include_comments=False, with_metadata=True, include_tables=True
    )
    if not isinstance(doc, trafilatura.settings.Document):
        return Extraction(text="", url=url)
    text = doc.text or ""
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(line for line in lines if line)
    page_url = doc.url or url
    domain = doc.hostname or (urlsplit(page_url).hostname if page_url else None)
    outlet = Outlet(name=doc.sitename, domain=domain) if (doc.sitename or domain) else None
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    return Extraction(
        text=text,
        title=doc.title or None,
        published=(doc.date or None),
        authors=authors,
        outlet=outlet,
        url=page_url,
    )
