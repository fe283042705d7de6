"""Stage 3, language: an ISO 639-1 code per document, and per line where a dump mixes scripts.

lingua is restricted to the configured languages so that it stays small and fast. lingua has no
Tajik: Tajik is told from Russian (and Kazakh) by its own letters.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

__all__ = ["detect_language", "script_of"]

# Letters of Tajik Cyrillic that Russian lacks, and those of Kazakh that Tajik lacks.
_TAJIK_ONLY = frozenset("ӣӯҷҳӢӮҶҲ")
_TAJIK_SHARED = frozenset("ғқҒҚ")
_KAZAKH_ONLY = frozenset("әңөұүһіӘҢӨҰҮҺІ")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_SAMPLE = 3000


def script_of(text: str) -> str | None:
    """``"cyrl"``, ``"latn"`` or None: the script most letters of ``text`` are in."""
    cyr = len(_CYRILLIC.findall(text))
    lat = len(_LATIN.findall(text))
    if cyr == lat == 0:
        return None
    return "cyrl" if cyr > lat else "latn"


@lru_cache(maxsize=8)
def _detector(codes: tuple[str, ...]) -> LanguageDetector | None:
    languages = []
    for code in codes:
        try:
            languages.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())))
        except (AttributeError, ValueError):
            continue  # not a language lingua knows (tg is handled by its letters)
    if len(languages) < 2:
        return None
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def _tajik(text: str) -> bool:
    only = sum(1 for ch in text if ch in _TAJIK_ONLY)
    shared = sum(1 for ch in text if ch in _TAJIK_SHARED)
    kazakh = sum(1 for ch in text if ch in _KAZAKH_ONLY)
    letters = max(1, len(_CYRILLIC.findall(text)))
    return only >= 2 and (only + shared) / letters > 0.004 and kazakh < only


def detect_language(text: str, languages: tuple[str, ...] = ("en", "ru", "tg")) -> str | None:
    """The ISO 639-1 code of ``text``'s language among ``languages``; None when there are no letters."""
    sample = text[:_SAMPLE] if len(text) <= _SAMPLE else text[:_SAMPLE] + text[-_SAMPLE // 3 :]
    script = script_of(sample)
    if script is None:
        return None
    if script == "cyrl" and "tg" in languages and _tajik(sample):
        return "tg"
    detector = _detector(tuple(languages))
    if detector is None:
        candidates = [c for c in languages if c != "tg"]
        return candidates[0] if candidates else None
    found = detector.detect_language_of(sample)
    if found is None:
        return None
    return str(found.iso_code_639_1.name).lower()
