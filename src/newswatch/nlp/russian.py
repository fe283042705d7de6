"""Russian morphology for names: lemmas through pymorphy3, and our own rules for surnames.

pymorphy3 (not pymorphy2: see ``docs/entities.md``) is asked only about the words of names, never
about whole texts, and its answers are cached. Surnames that its dictionary lacks (``Зась``,
``Расулзода``) are brought to the nominative by the declension rules in :data:`_SURNAME_RULES`;
when one person's surname occurs in several forms in a document, the nominative that explains most
of them wins (``Зася``, ``Засем``, ``Засю`` → ``Зась``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

__all__ = [
    "NamePart",
    "analyse_name_word",
    "best_surname",
    "first_name_nominative",
    "lemma",
    "surname_candidates",
    "surname_readings",
]

_VOWELS = frozenset("аеёиоуыэюяaeiou")


@cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The dictionary form of one Russian word, lower case (``"Таджикистана"`` → ``"таджикистан"``)."""
    lowered = word.lower().replace("ё", "е")
    if not lowered or not lowered.replace("-", "").isalpha():
        return lowered
    parses = _morph().parse(lowered)
    return str(parses[0].normal_form).replace("ё", "е") if parses else lowered


@dataclass(frozen=True, slots=True)
class NamePart:
    """What one capitalised word of a Russian name is: its role, nominative, gender and case."""

    word: str
    kind: str  # "first", "patronymic", "surname" or "unknown"
    nominative: str
    gender: str | None  # "masc", "femn" or None
    cases: frozenset[str]
    score: float


def _cap(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


@lru_cache(maxsize=65536)
def analyse_name_word(word: str) -> tuple[NamePart, ...]:
    """Every reading of ``word`` as part of a person's name, best first (cached)."""
    lowered = word.lower()
    if not lowered.replace("-", "").isalpha():
        return ()
    readings: list[NamePart] = []
    for parse in _morph().parse(lowered):
        tag = parse.tag
        kind = (
            "first"
            if "Name" in tag
            else "patronymic"
            if "Patr" in tag
            else "surname"
            if "Surn" in tag
            else None
        )
        if kind is None or "plur" in tag:
            continue
        gender = tag.gender if tag.gender in ("masc", "femn") else None
        nominative = parse.inflect({"nomn"})
        base = nominative.word if nominative is not None else parse.normal_form
        if kind == "surname" and gender == "femn" and nominative is not None:
            base = nominative.word
        readings.append(
            NamePart(
                word=word,
                kind=kind,
                nominative=_cap(str(base), word),
                gender=gender,
                cases=frozenset({str(tag.case)}) if tag.case else frozenset(),
                score=float(parse.score),
            )
        )
    readings.sort(key=lambda r: -r.score)
    return tuple(readings)


def first_name_nominative(word: str, gender: str | None = None) -> NamePart | None:
    """``word`` read as a first name (``"Виктора"`` → ``Виктор``, masc), preferring ``gender``."""
    readings = [r for r in analyse_name_word(word) if r.kind == "first"]
    if not readings:
        return None
    if gender is not None:
        same = [r for r in readings if r.gender == gender]
        if same:
            return same[0]
    return readings[0]


# Declension of Russian surnames: (ending of the declined form, ending of the nominative,
# gender, the cases the declined form can be in, what the stem before the ending must end in).
_CONSONANT = "consonant"
_VOWEL = "vowel"
_ANY = "any"
_SURNAME_RULES: tuple[tuple[str, str, str, frozenset[str], str], ...] = (
    # Tajik -зода, mostly left undeclined, sometimes declined like a noun in -а.
    ("зоды", "зода", _ANY, frozenset({"gent"}), _ANY),
    ("зоде", "зода", _ANY, frozenset({"datv", "loct"}), _ANY),
    ("зодой", "зода", _ANY, frozenset({"ablt"}), _ANY),
    ("зоду", "зода", _ANY, frozenset({"accs"}), _ANY),
    # Adjectival -ский/-цкий/-ая.
    ("ского", "ский", "masc", frozenset({"gent", "accs"}), _ANY),
    ("скому", "ский", "masc", frozenset({"datv"}), _ANY),
    ("ским", "ский", "masc", frozenset({"ablt"}), _ANY),
    ("ском", "ский", "masc", frozenset({"loct"}), _ANY),
    ("цкого", "цкий", "masc", frozenset({"gent", "accs"}), _ANY),
    ("цкому", "цкий", "masc", frozenset({"datv"}), _ANY),
    ("цким", "цкий", "masc", frozenset({"ablt"}), _ANY),
    ("цком", "цкий", "masc", frozenset({"loct"}), _ANY),
    ("ской", "ская", "femn", frozenset({"gent", "datv", "ablt", "loct"}), _ANY),
    ("скую", "ская", "femn", frozenset({"accs"}), _ANY),
    ("цкой", "цкая", "femn", frozenset({"gent", "datv", "ablt", "loct"}), _ANY),
    ("цкую", "цкая", "femn", frozenset({"accs"}), _ANY),
    # Possessive -ов/-ев/-ёв/-ин/-ын and their feminines in -а.
    *(
        rule
        for suffix in ("ов", "ев", "ёв", "ин", "ын")
        for rule in (
            (suffix + "а", suffix, "masc", frozenset({"gent", "accs"}), _ANY),
            (suffix + "у", suffix, "masc", frozenset({"datv"}), _ANY),
            (suffix + "ым", suffix, "masc", frozenset({"ablt"}), _ANY),
            (suffix + "е", suffix, "masc", frozenset({"loct"}), _ANY),
            (
                suffix + "ой",
                suffix + "а",
                "femn",
                frozenset({"gent", "datv", "ablt", "loct"}),
                _ANY,
            ),
            (suffix + "у", suffix + "а", "femn", frozenset({"accs"}), _ANY),
        )
    ),
    # Masculine nouns in a soft sign (Зась) or -й (Гайдай).
    ("ем", "ь", "masc", frozenset({"ablt"}), _CONSONANT),
    ("я", "ь", "masc", frozenset({"gent", "accs"}), _CONSONANT),
    ("ю", "ь", "masc", frozenset({"datv"}), _CONSONANT),
    ("е", "ь", "masc", frozenset({"loct"}), _CONSONANT),
    ("ем", "й", "masc", frozenset({"ablt"}), _VOWEL),
    ("я", "й", "masc", frozenset({"gent", "accs"}), _VOWEL),
    ("ю", "й", "masc", frozenset({"datv"}), _VOWEL),
    ("е", "й", "masc", frozenset({"loct"}), _VOWEL),
    # Masculine nouns in a hard consonant (Рахмон, Пашинян).
    ("ом", "", "masc", frozenset({"ablt"}), _CONSONANT),
    ("ем", "", "masc", frozenset({"ablt"}), "жшчщц"),
    ("а", "", "masc", frozenset({"gent", "accs"}), _CONSONANT),
    ("у", "", "masc", frozenset({"datv"}), _CONSONANT),
    ("е", "", "masc", frozenset({"loct"}), _CONSONANT),
)

# Endings no declined form of a surname has: the word is its own nominative (Руденко, Черных).
_INDECLINABLE = ("ко", "их", "ых", "аго", "яго", "ово", "о", "и", "э", "зода", "заде")


def _stem_fits(stem: str, need: str) -> bool:
    if len(stem) < 2:
        return False
    last = stem[-1].lower()
    if need == _ANY:
        return True
    if need == _CONSONANT:
        return last.isalpha() and last not in _VOWELS and last not in "ьъй"
    if need == _VOWEL:
        return last in _VOWELS
    return last in need


def surname_candidates(
    form: str, gender: str | None = None, cases: Iterable[str] = ()
) -> tuple[str, ...]:
    """Nominatives ``form`` may be a declined form of, likeliest first (``"Засем"`` → ``Зась``…).

    ``gender`` and ``cases`` (pymorphy3 case names), when known from the first name beside the
    surname, narrow the readings. ``form`` itself is always the last candidate (a nominative, or
    a surname that does not decline).
    """
    lowered = form.lower()
    wanted_cases = frozenset(cases)
    if "nomn" in wanted_cases or lowered.endswith(_INDECLINABLE):
        return (form,)
    found: list[str] = []
    if gender == "femn" and not lowered.endswith(("ой", "ую", "у")):
        return (form,)  # feminine surnames in a consonant do not decline
    for ending, nominative, rule_gender, rule_cases, need in _SURNAME_RULES:
        if not lowered.endswith(ending):
            continue
        if gender is not None and rule_gender not in (_ANY, gender):
            continue
        if wanted_cases and not (wanted_cases & rule_cases):
            continue
        stem = form[: len(form) - len(ending)]
        if not _stem_fits(stem, need):
            continue
        candidate = stem + (nominative.upper() if form.isupper() else nominative)
        if candidate not in found:
            found.append(candidate)
    if form not in found:
        found.append(form)
    return tuple(found)


_FEMININE_NOMINATIVE = ("ова", "ева", "ёва", "ина", "ына", "ская", "цкая", "ая")
_MASCULINE_NOMINATIVE = ("ов", "ев", "ёв", "ин", "ын", "ский", "цкий", "ий", "ый")


@lru_cache(maxsize=65536)
def surname_readings(form: str) -> frozenset[tuple[str | None, str]]:
    """The (gender, case) pairs a surname as written can be in; gender None for either.

    pymorphy3's readings when it knows the word as a surname; else our declension rules, and the
    form itself as a nominative (of the gender its ending tells).
    """
    known = {
        (r.gender, case) for r in analyse_name_word(form) if r.kind == "surname" for case in r.cases
    }
    if known:
        return frozenset(known)
    lowered = form.lower()
    out: set[tuple[str | None, str]] = set()
    for ending, _, rule_gender, rule_cases, need in _SURNAME_RULES:
        if lowered.endswith(ending) and _stem_fits(form[: len(form) - len(ending)], need):
            gender = None if rule_gender == _ANY else rule_gender
            out.update((gender, case) for case in rule_cases)
    if lowered.endswith(_FEMININE_NOMINATIVE):
        out.add(("femn", "nomn"))
    elif lowered.endswith(_MASCULINE_NOMINATIVE):
        out.add(("masc", "nomn"))
    else:
        out.add((None, "nomn"))
    return frozenset(out)


def best_surname(forms: Iterable[tuple[str, str | None, frozenset[str]]]) -> str:
    """The nominative that explains most of one person's surname forms in a document.

    ``forms``: (form as written, gender or None, cases or empty) for each mention. Each form
    gives its likeliest nominative a vote and its other readings half a vote; ties go to the
    candidate met first.
    """
    votes: dict[str, float] = {}
    order: dict[str, int] = {}
    for form, gender, cases in forms:
        for rank, candidate in enumerate(surname_candidates(form, gender, cases)):
            votes[candidate] = votes.get(candidate, 0.0) + (1.0 if rank == 0 else 0.5)
            order.setdefault(candidate, len(order))
    if not votes:
        return ""
    return max(votes, key=lambda c: (votes[c], -order[c]))
