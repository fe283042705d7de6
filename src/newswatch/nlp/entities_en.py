"""English entities: spaCy's tokenizer and EntityRuler over the knowledge file, and our rules.

By default a blank spaCy pipeline (``spacy.blank("en")``, built once per process) tokenises the
text and an EntityRuler marks every name and acronym of the knowledge file. Capitalised runs of
words that the knowledge file does not know are read by their heads ("… Ministry", "… Region",
"… Day"), their titles ("Deputy Foreign Minister …", "Mr. …") and the name lists (first names of
the region, surname endings). When a trained English pipeline is installed (``en_core_web_sm``
and its larger siblings, found with ``spacy.util.is_package``), its named entities are added to
what the rules find; nothing is downloaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from newswatch.knowledge import Knowledge
from newswatch.nlp.lexicon import en as lex
from newswatch.nlp.names import Found, web_domain

__all__ = ["english_pipeline", "find_english", "first_names", "trained_pipeline_name"]

TRAINED_PIPELINES = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")
_SENTENCE_END = frozenset('.!?…:;"“”«»‘’()—–\n')
_APPOSITIVE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?([^,.;:“”\"()\n]{3,80}?)\s*(?=[,;]|\.\s)")
_JOINING = frozenset({"of", "for", "and", "the", "on", "&"})
_ROLE_LINKS = frozenset({"of", "for", "to"})  # "Minister of …", "Commissioner for …", "Envoy to …"
_FIRST_WORDS = frozenset(
    [
        "hydropower",
        "power",
        "thermal",
        "hydroelectric",
        "water",
        "gas",
        "oil",
        "coal",
        "solar",
        "wind",
        "nuclear",
        "training",
        "military",
        "border",
        "railway",
        "rail",
        "air",
        "transmission",
    ]
)
# After those first words only: "CASA-1000 power line", "the Kambarata-1 hydropower project".
_FAC_AFTER_FIRST = frozenset({"line", "lines", "project"})
# Before a lower-case event head: "Interaction-2024 joint exercise".
_EVENT_MODIFIERS = frozenset(
    {"joint", "military", "naval", "international", "anti-terrorist", "command-staff"}
)
# A name with a number and no head word: "Kambarata-1", "CASA-1000", "Interaction-2024".
_NUMBERED = re.compile(r"[A-Z][A-Za-z]{2,}-\d{1,4}")
# "the port of Novorossiysk", "the village of Ak-Sai": a place noun and "of" before a name.
_PLACE_NOUNS = frozenset(
    {"port", "city", "town", "village", "district", "region", "province", "exclave", "enclave"}
)
# Company names: one word with a capital inside ("KazMunayGas") or a trade ending ("Turkmengaz").
_COMPANY_ENDINGS = ("gaz", "gas", "neft", "energo", "bank", "telecom", "invest", "trans", "oil")
_OUTLET_AFTER = ("news agency", "agency", "newspaper", "news website", "website", "news portal")
_SPACY_TYPES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "FAC",
    "EVENT": "EVENT",
}
_TRANSLIT = {
    "а": ("a",), "б": ("b",), "в": ("v",), "г": ("g",), "д": ("d",), "е": ("e",),
    "ё": ("yo", "o"), "ж": ("zh", "j"), "з": ("z",), "и": ("i",), "й": ("y", "i"), "к": ("k",),
    "л": ("l",), "м": ("m",), "н": ("n",), "о": ("o",), "п": ("p",), "р": ("r",), "с": ("s",),
    "т": ("t",), "у": ("u",), "ф": ("f",), "х": ("kh", "h"), "ц": ("ts",), "ч": ("ch",),
    "ш": ("sh",), "щ": ("shch",), "ъ": ("",), "ы": ("y",), "ь": ("",), "э": ("e",),
    "ю": ("yu", "iu"), "я": ("ya", "ia"),
}  # fmt: skip


def _transliterations(word: str) -> Iterator[str]:
    """A few Latin spellings of a Cyrillic name: one per choice of the letters spelled two ways."""
    word = word.replace("дж", "ж")
    choices = [_TRANSLIT.get(ch, (ch,)) for ch in word]
    variable = [i for i, c in enumerate(choices) if len(c) > 1][:4]
    for mask in range(1 << len(variable)):
        picks = [c[0] for c in choices]
        for bit, i in enumerate(variable):
            if mask >> bit & 1:
                picks[i] = choices[i][1]
        yield "".join(picks)


@cache
def first_names() -> frozenset[str]:
    """First names in lower case: natasha's list of the region's names in Latin spellings, and ours."""
    names = set(lex.COMMON_FIRST_NAMES) | lex.MALE_GIVEN_NAMES | lex.FEMALE_GIVEN_NAMES
    spec = find_spec("natasha")  # finds the package without importing it (see docs/entities.md)
    if spec is not None and spec.submodule_search_locations:
        path = Path(next(iter(spec.submodule_search_locations))) / "data" / "dict" / "first.txt"
        if path.exists():
            for line in path.read_text(encoding="utf-8").split("\n"):
                word = line.split("#", 1)[0].strip()
                if len(word) > 2:
                    names.update(_transliterations(word))
    return frozenset(names)


@cache
def trained_pipeline_name() -> str | None:
    """The name of an installed trained English spaCy pipeline, or None (looked up once)."""
    import spacy

    for name in TRAINED_PIPELINES:
        if spacy.util.is_package(name):
            return name
    return None


@cache
def _trained(name: str) -> Any:
    import spacy

    return spacy.load(name, exclude=["parser", "lemmatizer", "textcat"])


def _name_patterns(knowledge: Knowledge) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Phrase patterns for the knowledge file's names: matched in any letter case, and those
    matched only as written (acronyms, all-caps names, names that start in lower case)."""
    any_case: list[dict[str, Any]] = []
    exact: list[dict[str, Any]] = []
    for entity in knowledge:
        names = list(entity.names.get("en", ())) + [
            n for lang in ("ru", "tg") for n in entity.names.get(lang, ()) if n.isascii()
        ]
        for name in dict.fromkeys(names):
            name = re.sub(r"^the\s+", "", name)
            pattern = {"label": entity.type, "id": entity.id, "pattern": name}
            if name.isupper() or (not name[:1].isupper() and not name[:1].isdigit()):
                exact.append(pattern)
            else:
                any_case.append(pattern)
        for acronym in entity.all_acronyms():
            if acronym.isascii():
                exact.append({"label": entity.type, "id": entity.id, "pattern": acronym})
    return any_case, exact


def _case_differs(surface: str, names: Sequence[str]) -> bool:
    """True when ``surface`` writes in lower case a word that a known name in *The …*
    capitalises: ``The diplomat`` is not the magazine ``The Diplomat``."""
    words = surface.split()
    if len(words) < 2 or surface.isupper():
        return False
    for name in names:
        known = name.split()
        if known[0] != "The" or [w.lower() for w in known] != [w.lower() for w in words]:
            continue  # only "The Diplomat", "The Times": names made of a common word
        return any(
            k[:1].isupper() and w[:1].islower() for k, w in zip(known[1:], words[1:], strict=True)
        )
    return False


def _blank() -> Any:
    import spacy
    from spacy.util import compile_infix_regex

    nlp: Any = spacy.blank("en")
    # Keep hyphenated words whole ("Secretary-General", "Gorno-Badakhshan", "Kambarata-1").
    infixes = [p for p in nlp.Defaults.infixes or () if "-" not in str(p)]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


@cache
def english_pipeline(knowledge: Knowledge) -> Any:
    """A blank English pipeline with EntityRulers over ``knowledge`` (built once per process).

    Two phrase rulers and no token patterns: names in any letter case ("Khatlon region"), then
    acronyms as written ("UN", never "un") where no name was found.
    """
    nlp = _blank()
    any_case, exact = _name_patterns(knowledge)
    names = nlp.add_pipe("entity_ruler", name="names", config={"phrase_matcher_attr": "LOWER"})
    names.add_patterns(any_case)
    acronyms = nlp.add_pipe("entity_ruler", name="acronyms", config={"overwrite_ents": False})
    acronyms.add_patterns(exact)
    return nlp


def _is_cap(text: str) -> bool:
    return text[:1].isupper() and any(c.isalpha() for c in text)


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and text[:1].isalpha()


def find_english(text: str, knowledge: Knowledge) -> list[Found]:
    """Every span of ``text`` that names a person, organisation, place, outlet or event."""
    nlp = english_pipeline(knowledge)
    doc = nlp(_breakable(text))
    return _Reader(text, doc, knowledge).read()


_LONG_CHUNK = re.compile(r"\S{64,}")


def _breakable(text: str) -> str:
    """``text`` with a space in every 64th place of a long run without white space.

    spaCy's tokenizer splits a prefix or a suffix off a chunk one at a time, copying the rest:
    50,000 quotation marks in a row would take minutes. The length, and so every offset, stays
    the same; no name is that long.
    """
    if _LONG_CHUNK.search(text) is None:
        return text

    def cut(match: re.Match[str]) -> str:
        chunk = match.group()
        return " ".join(chunk[i : i + 63] for i in range(0, len(chunk), 64)).ljust(len(chunk))

    return _LONG_CHUNK.sub(cut, text)


class _Reader:
    """One pass over one document's tokens."""

    def __init__(self, text: str, doc: Any, knowledge: Knowledge) -> None:
        self.text = text
        self.doc = doc
        self.knowledge = knowledge
        self.words: list[str] = []
        self.lowers: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        for token in doc:
            word = token.text
            self.words.append(word)
            self.lowers.append(word.lower())
            self.starts.append(token.idx)
            self.ends.append(token.idx + len(word))
        self.taken = [False] * len(doc)
        self.place = [False] * len(doc)  # a token of a known place ("Aral" in "Aral Sea")
        self.found: list[Found] = []
        self.firsts = first_names()

    def read(self) -> list[Found]:
        self._knowledge_spans()
        trained = trained_pipeline_name()
        if trained is not None:
            self._trained_spans(trained)
        self._web_domains()
        self._capitalised_runs()
        self._numbered_names()
        self._acronym_definitions()
        self._known_people()
        self._appositive_roles()
        return self.found

    def _appositive_roles(self) -> None:
        """ "Rustam Nazarov, the head of the district, said": a role between commas after a name."""
        for f in self.found:
            if f.type != "PERSON" or f.role is not None or f.first is None:
                continue
            match = _APPOSITIVE.match(self.text, f.end)
            if match is None:
                continue
            role = match.group(1).strip()
            words = role.lower().split()
            starts_as_role = role[:1].islower() or words[0] in lex.ROLE_WORDS
            if starts_as_role and any(w in lex.ROLE_WORDS for w in words[:3]):
                f.role = role
                f.titled = True

    # -- spans ---------------------------------------------------------------------------

    def _span(self, i: int, j: int) -> tuple[int, int, str]:
        start, end = self.starts[i], self.ends[j - 1]
        return start, end, self.text[start:end]

    def _sentence_start(self, i: int) -> bool:
        k = i - 1
        while k >= 0 and self.words[k].isspace():
            if "\n" in self.words[k]:
                return True
            k -= 1
        return k < 0 or self.words[k][-1:] in _SENTENCE_END

    def _context(self, i: int, j: int) -> frozenset[str]:
        out = set()
        for k in (i - 1, j):
            if 0 <= k < len(self.words) and any(c.isalpha() for c in self.words[k]):
                out.add(self.lowers[k])
        return frozenset(out)

    def _knowledge_spans(self) -> None:
        for ent in self.doc.ents:
            start, end, surface = self._span(ent.start, ent.end)
            if not (surface[:1].isupper() or surface[:1].isdigit()):
                continue  # "turkey", "chad": a name only when written as one
            known = self.knowledge.get(ent.ent_id_)
            if known is None:
                continue
            if _case_differs(surface, known.names.get("en", ())):
                continue  # "The diplomat said": a word, not the magazine The Diplomat
            acronym = surface in known.all_acronyms()
            self.found.append(
                Found(
                    start=start,
                    end=end,
                    text=surface,
                    type=known.type,
                    source="kb",
                    kb=known.id,
                    name=known.name,
                    acronym=acronym,
                    context=self._context(ent.start, ent.end) if acronym else frozenset(),
                )
            )
            for k in range(ent.start, ent.end):
                self.taken[k] = True
                self.place[k] = known.type in ("GPE", "LOC")

    def _web_domains(self) -> None:
        """ "Kapital.kz reported": a news site's web address used as its name is an outlet."""
        for k, word in enumerate(self.words):
            if self.taken[k] or "." not in word:
                continue
            host = web_domain(word.rstrip("."))
            if host is None:
                continue
            start, end, surface = self._span(k, k + 1)
            surface = surface.rstrip(".")
            end = start + len(surface)
            known = self.knowledge.outlet_by_domain(host)
            self.found.append(
                Found(
                    start=start,
                    end=end,
                    text=surface,
                    type="MEDIA",
                    source="kb" if known else "rule",
                    kb=known.id if known else None,
                    name=known.name if known else None,
                    key=None if known else f"MEDIA:{host}",
                )
            )
            self.taken[k] = True

    def _trained_spans(self, name: str) -> None:
        for ent in _trained(name)(self.text).ents:
            kind = _SPACY_TYPES.get(ent.label_)
            if kind is None or any(
                self.taken[k] for k in self._token_range(ent.start_char, ent.end_char)
            ):
                continue
            tokens = self._token_range(ent.start_char, ent.end_char)
            if not tokens:
                continue
            self._classify(tokens[0], tokens[-1] + 1, forced=kind)

    def _token_range(self, start: int, end: int) -> list[int]:
        return [
            k for k in range(len(self.words)) if self.starts[k] >= start and self.ends[k] <= end
        ]

    def _cap_after_links(self, k: int) -> bool:
        """Whether a free capitalised word follows, after at most one more link ("of the")."""
        if k < len(self.words) and self.lowers[k] in _JOINING:
            k += 1
        return k < len(self.words) and _is_cap(self.words[k]) and self._free(k)

    def _head_ahead(self, k: int) -> bool:
        """Whether the capitalised words from ``k`` end in a head word ("… and Road Forum")."""
        while k < len(self.words) and _is_cap(self.words[k]):
            k += 1
        last = self.lowers[k - 1] if k > 0 else ""
        return last in lex.ORG_HEADS or last in lex.EVENT_HEADS or last in lex.MEDIA_HEADS

    def _listed(self, comma: int) -> int | None:
        """The end of "…, Social Security and Migration" after a comma inside an organisation's
        name: capitalised words and commas, then "and" and capitalised words."""
        k = comma
        n = len(self.words)
        seen_and = False
        while k < n and k - comma < 12:
            word = self.words[k]
            if word == "," and not seen_and:
                k += 1
            elif (
                word.lower() == "and" and not seen_and and k + 1 < n and _is_cap(self.words[k + 1])
            ):
                seen_and = True
                k += 1
            elif _is_cap(word) and self._free(k):
                k += 1
                if seen_and and (k >= n or not _is_cap(self.words[k])):
                    return k
            else:
                return None
        return None

    def _free(self, k: int) -> bool:
        """Whether a capitalised run may take token ``k``: not taken, or part of a known place
        inside a longer name ("Caspian Pipeline Consortium", "Fund for Saving the Aral Sea")."""
        return not self.taken[k] or self.place[k]

    def _capitalised_runs(self) -> None:
        n = len(self.words)
        i = 0
        while i < n:
            if not self._free(i) or not _is_cap(self.words[i]) or self.lowers[i] in lex.TIME_WORDS:
                i += 1
                continue
            j = i + 1
            org = self.lowers[i] in lex.ORG_HEADS
            role_of = False  # "Ambassador of Kazakhstan to Russia …": "to" goes on a title's phrase
            while j < n and self._free(j):
                word, lower = self.words[j], self.lowers[j]
                if (_is_cap(word) and lower not in lex.TIME_WORDS) or (
                    (
                        lower in _JOINING
                        or lower in lex.NAME_PARTICLES
                        or (lower == "to" and (role_of or self.lowers[j - 1] in lex.ROLE_WORDS))
                    )
                    and (org or lower not in ("and", "&") or self._head_ahead(j + 1))
                    and self._cap_after_links(j + 1)
                ):
                    org = org or lower in lex.ORG_HEADS
                    role_of = role_of or (
                        lower in _ROLE_LINKS and self.lowers[j - 1] in lex.ROLE_WORDS
                    )
                    j += 1
                elif word == "," and org and (end := self._listed(j)) is not None:
                    j = end  # "Ministry of Labor, Social Security and Migration": the list ends it
                    break
                else:
                    break
            self._classify(i, j)
            i = j

    # -- reading a capitalised run -------------------------------------------------------

    def _lower_next(self, j: int) -> bool:
        """Whether the word after the run starts in lower case (a common noun follows)."""
        return j < len(self.words) and self.words[j][:1].islower()

    def _classify(self, i: int, j: int, forced: str | None = None) -> None:
        while i < j and (self.lowers[i] in lex.NOT_NAMES or not _is_cap(self.words[i])):
            if self.lowers[i] in lex.HONORIFICS:
                break
            i += 1
        while j > i and (self.lowers[j - 1] in lex.ORG_LINKS or self.words[j - 1] == "."):
            j -= 1
        # "five Central Asian countries": a run ending in a people's adjective before a common
        # noun is a modifier, not a name.
        if forced is None and j > i and self.lowers[j - 1] in lex.DEMONYMS and self._lower_next(j):
            return
        if i >= j:
            return
        lowers = self.lowers[i:j]
        if j - i == 1 and lowers[0] in lex.BACK_REFERENCE_HEADS and self._previous_word(i) == "the":
            start, end, surface = self._span(i, j)
            self.found.append(
                Found(start=start, end=end, text=surface, type="ORG", backref=lowers[0])
            )
            self.taken[i] = True
            return
        if all(self.taken[k] for k in range(i, j)):
            return  # only known places: the knowledge file has them
        words = [self.words[k] for k in range(i, j) if not self.taken[k]]
        if (
            not forced
            and all(_is_acronym(w) for w in words)
            and not any(self.taken[i:j])
            # A name with a number is no acronym ("CASA-1000 power line" is a facility); only
            # a head gives it a type (see _numbered_names).
            and not _NUMBERED.fullmatch(words[0])
        ):
            self._acronym(i, j)
            return
        run_end = j
        j, tail = self._head_after(j)
        if tail is not None:
            # "Work on the CASA-1000 power line" at the start of a sentence: the name is the
            # words after the last link ("Line D of the … gas pipeline" elsewhere stays whole).
            links = [k for k in range(i, run_end) if self.lowers[k] in lex.ORG_LINKS]
            if links and links[-1] + 1 < run_end and self._sentence_start(i):
                i = links[-1] + 1
            lowers = self.lowers[i:j]
        kind = forced if forced and forced != "PERSON" else tail
        if kind is None and forced != "PERSON":
            if any(w in lex.ORG_HEADS for w in lowers):
                kind = "MEDIA" if lowers[-1] in lex.MEDIA_HEADS else "ORG"
                role_start, i = i, self._drop_role_prefix(i, j)
                person_at = self._person_after_org(i, j)
                if person_at is not None:
                    # "… Cabinet of Ministers Nurlanbek Sydykov": the organisation, then a person
                    # whose role it is.
                    self._classify(i, person_at, forced="ORG")
                    self._person_or_other(
                        person_at,
                        j,
                        role=self.text[self.starts[role_start] : self.ends[person_at - 1]],
                    )
                    return
            elif lowers[-1] in lex.MEDIA_HEADS and len(lowers) > 1:
                kind = "MEDIA"
            elif (lowers[-1] in lex.LOC_HEADS and len(lowers) > 1) or lowers[0] in (
                "lake",
                "river",
                "mount",
            ):
                kind = lex.LOC_HEADS.get(lowers[-1], "LOC")
            elif lowers[-1] in lex.FAC_HEADS and len(lowers) > 1:
                kind = "FAC"
            elif lowers[-1] in lex.EVENT_HEADS and len(lowers) > 1:
                kind = "EVENT"
        if kind is None and self._outlet_follows(j):
            kind = "MEDIA"
        if kind is not None:
            start, end, surface = self._span(i, j)
            self.found.append(
                Found(
                    start=start,
                    end=end,
                    text=surface,
                    type=kind,
                    key=f"{kind}:{surface.casefold()}",
                )
            )
            for k in range(i, j):
                self.taken[k] = True
            return
        if forced is None and self._titled_person(i, j):
            return
        # No head makes it one name: read the parts between known places on their own.
        k = i
        while k < j:
            if self.taken[k]:
                k += 1
                continue
            end = k
            while end < j and not self.taken[end]:
                end += 1
            while end > k and self.lowers[end - 1] in lex.ORG_LINKS:
                end -= 1
            if end > k:
                self._person_or_other(k, end)
            k = max(end, k + 1)

    def _person_after_org(self, i: int, j: int) -> int | None:
        """Where a person's name starts at the end of an organisation's run, after its last
        head word (see :meth:`_name_at_end`)."""
        heads = [
            k
            for k in range(i, j)
            if self.lowers[k] in lex.ORG_HEADS or self.lowers[k] in ("ministers",)
        ]
        if not heads:
            return None
        return self._name_at_end(heads[-1] + 1, j)

    def _name_at_end(self, a: int, j: int) -> int | None:
        """Where a person's name starts among the last words of tokens ``a`` to ``j`` (at ``a``
        or later): a known first name and one or two more words; else a last word with a surname
        ending, with the word before it unless that word belongs to a role ("… Water Resources
        Khamraev")."""

        def plain(m: int) -> bool:
            lower = self.lowers[m]
            return (
                _is_cap(self.words[m])
                and not self.taken[m]
                and lower not in lex.ORG_LINKS
                and lower not in lex.ROLE_WORDS
                and lower not in lex.HONORIFICS
            )

        for size in (2, 3):
            m = j - size
            if m >= a and self.lowers[m] in self.firsts and all(plain(x) for x in range(m, j)):
                return m
        last = self.lowers[j - 1]
        if j - 1 < a or not plain(j - 1) or not _surname_like(last):
            return None
        before = self.lowers[j - 2]
        if (
            j - 2 >= a
            and plain(j - 2)
            and before not in lex.ROLE_MODIFIERS
            and before not in lex.ORG_HEADS
        ):
            return j - 2
        return j - 1

    def _titled_person(self, i: int, j: int) -> bool:
        """A title, its "of …" phrase and a name: "Minister of Health Farida Usmonova",
        "Ambassador of Kazakhstan to Russia Dauren Abaev". The person takes the title with its
        phrase as role; whether a person was found, the run is read."""
        k = next((m for m in range(i, j) if self.lowers[m] in lex.ROLE_WORDS), None)
        if k is None:
            return False
        role_start = k
        while (
            k < j
            and _is_cap(self.words[k])
            and (self.lowers[k] in lex.ROLE_WORDS or self.lowers[k] in lex.ROLE_MODIFIERS)
        ):
            k += 1
        if k >= j or self.lowers[k] not in _ROLE_LINKS:
            return False
        name_start = self._name_at_end(k + 2, j)  # a word of the phrase, then the name
        if name_start is None:
            return False
        role_end = name_start
        while role_end > k and self.lowers[role_end - 1] in lex.ORG_LINKS:
            role_end -= 1
        self._person_or_other(name_start, j, role=self._role_text(role_start, role_end))
        return True

    def _head_after(self, j: int) -> tuple[int, str | None]:
        """A lower-case head right after a run: "Toktogul reservoir", "Rogun hydropower plant"."""
        k = j
        while k < len(self.words) and self.words[k].isspace() and "\n" not in self.words[k]:
            k += 1
        if k >= len(self.words):
            return j, None
        word = self.lowers[k]
        if self.words[k] != word:
            return j, None
        following = self._next_word(k + 1)
        at = k + 1
        while at < len(self.words) and self.words[at].isspace():
            at += 1
        if word in _FIRST_WORDS and (following in lex.FAC_HEADS or following in _FAC_AFTER_FIRST):
            return at + 1, "FAC"
        if word in _EVENT_MODIFIERS and following in lex.EVENT_HEADS and following.isalpha():
            return at + 1, "EVENT"
        if word in lex.FAC_HEADS:
            return k + 1, "FAC"
        if word in lex.LOC_HEADS:
            return k + 1, lex.LOC_HEADS[word]
        return j, None

    def _outlet_follows(self, j: int) -> bool:
        after = self.text[self.ends[j - 1] : self.ends[j - 1] + 20].lower().lstrip()
        return after.startswith(_OUTLET_AFTER)

    def _drop_role_prefix(self, i: int, j: int) -> int:
        """ "Deputy Director of the Agency …": the organisation starts after the role's "of the"."""
        k = i
        while k < j and self.lowers[k] in lex.ROLE_WORDS and self.lowers[k] not in lex.ORG_HEADS:
            k += 1
        if k > i and k < j and self.lowers[k] == "of":
            k += 1
            while k < j and self.lowers[k] == "the":
                k += 1
            return k
        return i

    def _role_before(self, i: int) -> tuple[int, str | None]:
        """Lower-case role words right before a name: "the ministry's spokesman Ivan Petrov"."""
        k = i - 1
        start = i
        seen_role = False
        while k >= 0:
            lower = self.lowers[k]
            if self.words[k].isspace():
                k -= 1
                continue
            if lower in lex.ROLE_WORDS or lower in lex.ROLE_MODIFIERS:
                seen_role = seen_role or lower in lex.ROLE_WORDS
                start = k
                k -= 1
                continue
            break
        while start < i and self.lowers[start] in lex.ORG_LINKS:
            start += 1
        if not seen_role or start >= i:
            return i, None
        return start, self.text[self.starts[start] : self.ends[i - 1]]

    def _person_or_other(self, i: int, j: int, role: str | None = None) -> None:
        # The title is the run's words up to its last honorific or role word: "Mr.",
        # "Deputy Foreign Minister", "(CSTO) Secretary-General"; the name is what follows it.
        last_title = max(
            (
                k
                for k in range(i, j)
                if self.lowers[k] in lex.HONORIFICS or self.lowers[k] in lex.ROLE_WORDS
            ),
            default=None,
        )
        honorific = False
        honorific_gender: str | None = None
        given_role, role = role, None
        if last_title is not None:
            if last_title + 1 >= j:
                return  # a title alone: "Prime Minister"
            first_title = last_title
            while first_title > i and (
                self.lowers[first_title - 1] in lex.ROLE_WORDS
                or self.lowers[first_title - 1] in lex.ROLE_MODIFIERS
                or self.lowers[first_title - 1] in lex.HONORIFICS
            ):
                first_title -= 1
            titles = [self.lowers[k] for k in range(first_title, last_title + 1)]
            honorific = any(t in lex.HONORIFICS for t in titles)
            honorific_gender = next(
                (lex.HONORIFICS[t] for t in titles if t in lex.HONORIFICS), None
            )
            role_words = [
                k
                for k in range(first_title, last_title + 1)
                if self.lowers[k] not in lex.HONORIFICS
            ]
            if role_words:
                role = self._role_text(role_words[0], role_words[-1] + 1)
            name_start = last_title + 1
            mention_start = first_title if honorific else name_start
        else:
            name_start = mention_start = i
            role_start, role = self._role_before(i)
            if role is not None:
                # "Minister of Energy and Water Resources Daler Juma": capitalised words of the
                # role before the name.
                while (
                    name_start < j - 1
                    and self.lowers[name_start] in lex.ROLE_MODIFIERS
                    and self.lowers[name_start] not in self.firsts
                ):
                    name_start += 1
                mention_start = name_start
                role = self.text[self.starts[role_start] : self.ends[name_start - 1]]
        role = given_role or role
        name = list(range(name_start, j))
        words = [self.words[k] for k in name]
        if not _is_cap(words[0]):
            return  # a title and its phrase, no name: "Minister of Health"
        if all(_is_acronym(w) for w in words):
            self._acronym(name[0], j)
            return
        titled = honorific or role is not None
        known_first = words[0].lower() in self.firsts
        last_word = words[-1].lower()
        surname_like = (
            len(words) > 1
            and last_word.endswith(lex.SURNAME_ENDINGS)
            and not last_word.endswith("ddin")
        )
        speaks = self._next_word(j) in lex.SPEECH_VERBS
        if not (titled or known_first or surname_like or (speaks and len(words) > 1)):
            if len(words) == 1 and _NUMBERED.fullmatch(words[0]):
                return  # typed only by a head elsewhere (see _numbered_names)
            if len(words) == 1 and _company_like(words[0]):
                start, end, surface = self._span(i, j)
                self.found.append(
                    Found(start=start, end=end, text=surface, type="ORG", key=f"ORG:{surface}")
                )
                return
            before = self._previous_word(i)
            # "according to Trump", "in the view of X": a source, not a place
            sourced = before in ("to", "of") and self._previous_word(self._word_before(i)) in (
                "according", "view", "opinion", "words", "told", "said", "reported",
            )  # fmt: skip
            if (
                len(words) == 1
                and not sourced
                and (
                    (before in lex.PLACE_PREPOSITIONS and not self._sentence_start(i))
                    or (
                        before == "of" and self._previous_word(self._word_before(i)) in _PLACE_NOUNS
                    )
                    or (before in ("and", "or") and self._place_ends_at(self._word_before(i)))
                )
            ):
                start, end, surface = self._span(i, j)
                self.found.append(
                    Found(
                        start=start,
                        end=end,
                        text=surface,
                        type="GPE",
                        key=f"GPE:{surface.casefold()}",
                    )
                )
            return
        start, end, surface = self._span(mention_start, j)
        person = Found(start=start, end=end, text=surface, type="PERSON", role=role, titled=titled)
        if len(words) == 1:
            if honorific or not known_first:
                person.last = words[0]
            else:
                person.first = words[0]
                person.known_first = True
        else:
            person.first, person.last = words[0], words[-1]
            person.middle = " ".join(words[1:-1]) or None
            person.known_first = known_first
        person.gender = honorific_gender or _gender_of(
            words[-1] if len(words) > 1 or honorific else ""
        )
        self.found.append(person)
        for k in range(i, j):
            self.taken[k] = True

    def _role_text(self, a: int, b: int) -> str:
        """The role from token ``a`` to ``b``, with the acronym of its organisation before it."""
        k = a - 1
        while k >= 0 and self.words[k].isspace():
            k -= 1
        if k >= 1 and self.words[k] == ")" and _is_acronym(self.words[k - 1]):
            return f"{self.words[k - 1]} {self.text[self.starts[a] : self.ends[b - 1]]}"
        if k >= 0 and _is_acronym(self.words[k]):
            return self.text[self.starts[k] : self.ends[b - 1]]
        return self.text[self.starts[a] : self.ends[b - 1]]

    def _place_ends_at(self, k: int) -> bool:
        """Whether a place found so far ends just before token ``k``."""
        end = self.ends[self._word_before(k)] if k > 0 else -1
        return any(f.end == end and f.type in ("GPE", "LOC") for f in self.found)

    def _word_before(self, i: int) -> int:
        k = i - 1
        while k >= 0 and self.words[k].isspace():
            k -= 1
        return max(k, 0)

    def _previous_word(self, i: int) -> str:
        k = i - 1
        while k >= 0 and self.words[k].isspace():
            k -= 1
        return self.lowers[k] if k >= 0 else ""

    def _next_word(self, j: int) -> str:
        k = j
        while k < len(self.words) and self.words[k].isspace():
            k += 1
        return self.lowers[k] if k < len(self.words) else ""

    def _acronym(self, i: int, j: int) -> None:
        start, end, surface = self._span(i, j)
        if (
            surface.lower() in lex.NOT_ACRONYMS
            or not 2 <= len(surface) <= 8
            or _NUMBERED.fullmatch(surface)  # "TURK-500": see _numbered_names
        ):
            return
        self.found.append(
            Found(
                start=start,
                end=end,
                text=surface,
                type="ORG",
                acronym=True,
                key=f"acronym:{surface}",
                context=self._context(i, j),
            )
        )
        for k in range(i, j):
            self.taken[k] = True

    def _acronym_definitions(self) -> None:
        """ "Caspian Pipeline Consortium (CPC)": the acronym in parentheses names the long form."""
        ends = {f.end: f for f in self.found if not f.acronym and f.type != "PERSON"}
        for f in self.found:
            if not f.acronym:
                continue
            before = self.text[max(0, f.start - 3) : f.start]
            after = self.text[f.end : f.end + 1]
            if not before.endswith("(") or after != ")":
                continue
            k = f.start - 1
            while k > 0 and self.text[k - 1] in " (":
                k -= 1
            long_form = ends.get(k)
            spelled = self._spelled_out(f, k)
            if spelled is not None and (long_form is None or long_form.start > spelled.start):
                # "United Nations Assistance Mission in Afghanistan (UNAMA)": the names inside a
                # long form spelled out by the acronym's letters are one organisation
                self.found = [
                    g for g in self.found if not (spelled.start <= g.start and g.end <= k)
                ]
                self.found.append(spelled)
                f.defines = spelled.start
                continue
            if long_form is not None and not (f.kb and long_form.kb):
                f.defines = long_form.start

    def _spelled_out(self, acronym: Found, end: int) -> Found | None:
        """The capitalised words before ``end`` whose first letters spell ``acronym`` (linking
        words such as *of, in, for, and, the* left out), when there are three letters or more."""
        letters = acronym.text.replace(".", "").upper()
        if len(letters) < 3 or not letters.isalpha():
            return None
        words = list(re.finditer(r"[\w'’-]+", self.text[max(0, end - 160) : end]))
        offset = max(0, end - 160)
        got = ""
        for w in reversed(words):
            word = w.group(0)
            if word.lower() in lex.ORG_LINKS:
                continue
            if not word[:1].isupper():
                return None
            got = word[0].upper() + got
            if not letters.endswith(got):
                return None
            if got == letters:
                start = offset + w.start()
                surface = self.text[start:end]
                return Found(start=start, end=end, text=surface, type="ORG",
                             key=f"ORG:{surface.casefold()}")  # fmt: skip
        return None

    def _numbered_names(self) -> None:
        """ "Kambarata-1" alone joins "the Kambarata-1 hydropower plant" of the same document: a
        name with a number is typed only by a head written after it somewhere."""
        headed: dict[str, Found] = {}
        for f in self.found:
            first = f.text.split(" ", 1)[0]
            if f.type != "PERSON" and f.key and " " in f.text and _NUMBERED.fullmatch(first):
                headed.setdefault(first, f)
        if not headed:
            return
        for k, word in enumerate(self.words):
            named = headed.get(word)
            if named is None or self.taken[k]:
                continue
            start, end, surface = self._span(k, k + 1)
            self.found.append(
                Found(start=start, end=end, text=surface, type=named.type, key=named.key)
            )
            self.taken[k] = True

    def _known_people(self) -> None:
        """Capitalised words left over that are the surname or first name of a person found."""
        lasts = {f.last.casefold() for f in self.found if f.type == "PERSON" and f.last}
        firsts = {f.first.casefold() for f in self.found if f.type == "PERSON" and f.first}
        for k, word in enumerate(self.words):
            if self.taken[k] or not _is_cap(word):
                continue
            key = word.casefold()
            if key in lasts or key in firsts:
                start, end, surface = self._span(k, k + 1)
                person = Found(start=start, end=end, text=surface, type="PERSON")
                if key in lasts:
                    person.last = word
                else:
                    person.first = word
                self.found.append(person)
                self.taken[k] = True


def _surname_like(lower: str) -> bool:
    return lower.endswith(lex.SURNAME_ENDINGS) and not lower.endswith("ddin")


def _company_like(word: str) -> bool:
    if not word.isalpha() or len(word) < 4:
        return False
    inner_capital = any(c.isupper() for c in word[1:]) and not word.isupper()
    return inner_capital or word.lower().endswith(_COMPANY_ENDINGS)


def _gender_of(surname: str) -> str | None:
    lower = surname.lower()
    if lower.endswith(("ova", "eva", "ina", "yeva", "kyzy", "skaya")):
        return "femn"
    if lower.endswith(("ov", "ev", "in", "uly", "sky")):
        return "masc"
    return None
