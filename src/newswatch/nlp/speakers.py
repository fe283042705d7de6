"""Who a statement belongs to: the words at the attribution site resolved through the document.

A pronoun (*he*, *она*) goes to the last compatible person; a role (*the minister*, *генсек*)
to the person who holds it; a surname or *Mr. Zas* to the entity it is a mention of; an
organisation or its statement (*the ministry said in a statement*) to the organisation; an
unnamed source (*a source in the ministry*) is a speaker with no entity. Nothing else is: not
*it*, not *the report*, never a place.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from newswatch.nlp.lexicon import en as lex_en
from newswatch.nlp.lexicon import speech_en, speech_ru
from newswatch.record import Entity, Speaker

__all__ = ["Resolver", "gender_of_cue", "name_gender"]

_SPEAKING_TYPES = ("PERSON", "ORG", "MEDIA")


def _words_regex(words: Sequence[str]) -> re.Pattern[str]:
    alts = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:{alts})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Lang:
    pronouns: dict[str, str]
    honorifics: frozenset[str]
    not_speakers: frozenset[str]
    role: re.Pattern[str]
    source: re.Pattern[str]
    org: re.Pattern[str]
    statement: re.Pattern[str]
    title_words: frozenset[str]
    indefinite: tuple[str, ...]
    synonyms: dict[str, tuple[str, ...]]


def _full(pattern: Sequence[str]) -> re.Pattern[str]:
    """Any listed word or phrase as a whole word inside a phrase."""
    alts = "|".join(f"(?:{p})" for p in sorted(pattern, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.IGNORECASE)


_TITLE_WORDS_EN = frozenset(
    w
    for role in speech_en.ROLE_NOUNS
    for w in re.split(r"[\s]+", role)
    if w not in {"member", "head", "chief", "general"}
) | frozenset(
    {
        "deputy", "foreign", "first", "vice", "state", "chief", "senior", "acting", "former",
        "prime", "interior", "defense", "defence", "energy", "labor", "labour", "finance",
        "economy", "health", "security", "education", "justice", "agriculture", "transport",
        "emergency", "general", "head", "mr.", "mrs.", "ms.", "dr.", "mr", "ms", "mrs", "dr",
        "the", "secretary-general", "press", "spokesman", "ambassador", "chairman",
    }
)  # fmt: skip

_EN = _Lang(
    pronouns=speech_en.PRONOUNS,
    honorifics=frozenset(speech_en.HONORIFICS),
    not_speakers=frozenset(speech_en.NOT_SPEAKERS),
    role=_full(speech_en.ROLE_NOUNS),
    source=_full(speech_en.SOURCE_NOUNS),
    org=_full(speech_en.ORG_NOUNS),
    statement=_full(speech_en.STATEMENT_NOUNS),
    title_words=_TITLE_WORDS_EN,
    indefinite=("a ", "an ", "one ", "two ", "three ", "several ", "some ", "many ", "other "),
    synonyms=speech_en.ROLE_SYNONYMS,
)
_RU = _Lang(
    pronouns=speech_ru.PRONOUNS,
    honorifics=frozenset(speech_ru.HONORIFICS),
    not_speakers=frozenset(speech_ru.NOT_SPEAKERS),
    role=_full(speech_ru.ROLE_NOUNS),
    source=_full(speech_ru.SOURCE_NOUNS),
    org=_full(speech_ru.ORG_NOUNS),
    statement=_full(speech_ru.STATEMENT_NOUNS),
    title_words=frozenset(),
    indefinite=("один ", "одна ", "ряд ", "несколько "),
    synonyms=speech_ru.ROLE_SYNONYMS,
)
# Words of a role mention that say nothing of which person it is.
_ROLE_STOP = frozenset(
    [
        "the",
        "this",
        "that",
        "also",
        "said",
        "says",
        "with",
        "from",
        "their",
        "about",
        "which",
        "other",
        "former",
        "first",
    ]
)

_CAP_RUN = re.compile(
    r"(?:[A-ZА-ЯЁ][\w'’.-]*[\w.]|[A-ZА-ЯЁ]\.?)(?:\s+(?:[A-ZА-ЯЁ][\w'’.-]*\w|[A-ZА-ЯЁ]\.))*"
)
_ORG_RUN = re.compile(
    r"(?:[A-ZА-ЯЁ][\w'’.-]*\w)(?:\s+(?:(?:of|for|and|the|on|de)\s+)*(?:[A-ZА-ЯЁ][\w'’.-]*\w))*"
)
# Capitalised words that start sentences and are no names.
_NOT_NAMES = frozenset(
    [
        # words that open English sentences, capitalised for that alone
        *[
            "Recent",
            "New",
            "Nearly",
            "Let",
            "Despite",
            "Many",
            "Most",
            "Some",
            "Several",
            "Few",
            "Both",
            "All",
            "Each",
            "Every",
            "Other",
            "Others",
            "Such",
            "More",
            "Fewer",
            "Only",
            "Even",
            "Now",
            "Here",
            "There",
            "Instead",
            "Indeed",
            "Perhaps",
            "Maybe",
            "Overall",
            "Nevertheless",
            "Nonetheless",
            "Although",
            "Though",
            "Because",
            "Once",
            "Until",
            "Where",
            "What",
            "Why",
            "How",
            "Who",
            "Which",
            "Whether",
            "Our",
            "Their",
            "His",
            "Her",
            "Its",
            "My",
            "Your",
            "We",
            "They",
            "It",
            "He",
            "She",
            "You",
            "A",
            "An",
            "Another",
            "No",
            "Not",
            "Just",
            "First",
            "Second",
            "Third",
            "Finally",
            "Former",
            "Top",
            "Senior",
            "Local",
            "Foreign",
            "Young",
            "Old",
        ],
        "However",
        "Meanwhile",
        "At",
        "In",
        "On",
        "The",
        "This",
        "That",
        "These",
        "Those",
        "But",
        "And",
        "After",
        "Before",
        "During",
        "According",
        "Speaking",
        "Earlier",
        "Later",
        "Also",
        "Still",
        "Yet",
        "Asked",
        "Commenting",
        "Last",
        "Next",
        "Since",
        "While",
        "When",
        "As",
        "If",
        "Then",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Today",
        "Yesterday",
        "Moreover",
        "Furthermore",
        "Besides",
        "Однако",
        "Также",
        "Кроме",
        "Вместе",
        "При",
        "Между",
        "Ранее",
        "Позднее",
        "Затем",
        "Вчера",
        "Сегодня",
        "Он",
        "Она",
        "Они",
        "По",
        "Как",
        "В",
        "На",
        "Об",
        "О",
        "Это",
        "Этот",
        "Эта",
        "Эти",
        "Так",
        "Тем",
        "Впрочем",
        "Помимо",
        "Кстати",
    ]
)
_FEMALE_END = re.compile(r"(?:ova|eva|ina|aya|skaya|ova|ова|ева|ина|ая|ская|ёва)$", re.IGNORECASE)
# The noun of an unnamed source at the start of the words, after an article or a number and
# up to two modifiers ("a senior Western source", "один из собеседников", "два источника").
_UNNAMED = (
    re.compile(
        r"(?:(?P<det>the|a|an|one|two|three|several|some|other|this|that)\s+)?"
        r"(?:[\w-]+\s+){0,2}?"
        rf"(?P<noun>{'|'.join(speech_en.UNNAMED_SOURCE_NOUNS)})(?![\w-])"
    ),
    re.compile(
        r"(?:(?P<det>один\s+из|одна\s+из|два|две|три|несколько|ряд)\s+)?"
        r"(?:[\w-]+\s+){0,2}?"
        rf"(?P<noun>{'|'.join(speech_ru.UNNAMED_SOURCE_NOUNS)})(?![\w-])"
    ),
)
# A group named by a quantifier: "ряда экспертов", "несколько аналитиков", "some analysts".
_SOME_OF = re.compile(
    r"(?:ряда?|несколько|многие|многих|некоторые|некоторых|большинство|часть|группа|"
    r"some|several|many|most|a\s+number\s+of|a\s+group\s+of)\s+\w"
)
# "Putin's", "the minister's", "Trump’s GOP primary": the words up to the last possessive
_OWNER_EN = re.compile(r"(?:[^\s,]+\s+){0,4}?[^\s,]+['’]s?\s+(?!.*['’]s\s)")
_GROUP_END_EN = re.compile(rf"(?<![\w-])(?:{'|'.join(speech_en.PEOPLE_PLURALS)})$")
_SHARE_OF = re.compile(
    r"(?:\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent)|[a-z-]+\s+(?:percent|per\s+cent)|"
    r"(?:half|a\s+third|a\s+quarter|two-thirds|a\s+majority|most)\s)\s*of\s+\w"
)
_BRACKET_END = re.compile(r"\s*\([^()\n]{1,30}\)\s*$")
_ACRONYM = re.compile(r"(?:the\s+)?((?:[A-Z]\.){2,}|[A-Z]{2,6})", re.IGNORECASE)
# Where the words after a person's name stop telling of that person.
_CONTEXT_END = re.compile(r"[.!?;\n«»“”\"]|$")
# Men's first names that end in -а/-я, as Russian writes them.
_MALE_IN_A = frozenset(
    [
        "никита",
        "илья",
        "фома",
        "кузьма",
        "лука",
        "муса",
        "иса",
        "мустафа",
        "яхья",
        "хамза",
        "зия",
        "юсуфа",
        "шайя",
        "тоша",
        "саша",
        "миша",
        "паша",
        "ваня",
        "вася",
        "гриша",
        "петя",
        "коля",
        "толя",
        "дима",
        "женя",
        "сережа",
        "серёжа",
        "леша",
        "лёша",
    ]
)
_TAIL_NAME = re.compile(r"(?:[A-ZА-ЯЁ][a-zа-яё'’-]+\s+)?[A-ZА-ЯЁ][a-zа-яё'’-]+\s*$")
_POSSESSIVE = re.compile(r"['’]s$")
_WORD = re.compile(r"[\w'’.-]+")


def name_gender(name: str) -> str | None:
    """``"f"`` for a name that reads as a woman's (-ova, -ева...; a Russian first name in -а/-я)."""
    words = name.split()
    last = words[-1] if words else ""
    if _FEMALE_END.search(last):
        return "f"
    first = words[0].lower() if len(words) > 1 else ""
    if re.fullmatch(r"[а-яё-]+[ая]", first) and first not in _MALE_IN_A:
        return "f"
    if first in lex_en.FEMALE_GIVEN_NAMES:  # "Hillary Clinton", "Nancy Pelosi"
        return "f"
    if first in lex_en.MALE_GIVEN_NAMES:
        return "m"
    return None


def gender_of_cue(cue: str | None) -> str | None:
    """The speaker's gender or number a Russian past-tense cue gives (заявила -> f)."""
    if not cue:
        return None
    word = cue.lower().split()[-1]
    if re.search(r"[а-яё]ла$", word) or word.endswith(("ена", "ана")):
        return "f"
    if re.search(r"[а-яё]ли$", word) or word.endswith(("ены", "ют", "ят")):
        return "p"
    if re.search(r"[а-яё]л$", word) or word.endswith("ен"):
        return "m"
    return None


def _looks_named(speaker: Speaker) -> bool:
    """A person's name (an entity, or capitalised words), not a role or an unnamed source."""
    if speaker.entity is not None:
        return True
    words = speaker.name.split()
    return bool(words) and all(w[:1].isupper() and not w.isupper() for w in words)


@dataclass(slots=True)
class _Said:
    """A speaker already found, where it was found."""

    at: int
    speaker: Speaker
    type: str | None
    phrase: str


@dataclass(slots=True)
class Resolver:
    """Resolves attribution phrases of one article, in text order, remembering its speakers."""

    text: str
    lang: str | None
    entities: Sequence[Entity] = ()
    #: Tells a place's name (never a speaker) when the entity stage did not mark it.
    is_place: Callable[[str], bool] | None = None
    history: list[_Said] = field(default_factory=list)
    #: The whole attribution phrase each resolved speaker came from, by the speaker's start.
    phrases: dict[int, str] = field(default_factory=dict)
    #: Genders learned from the verbs of the text, by speaker name.
    genders: dict[str, str] = field(default_factory=dict)
    _spans: list[tuple[int, int, Entity]] = field(default_factory=list)
    _lower_words: frozenset[str] | None = None
    _starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        spans = [(m.start, m.end, e) for e in self.entities for m in e.mentions]
        spans.sort(key=lambda s: (s[0], -s[1]))
        self._spans = spans
        self._starts = [s[0] for s in spans]

    @property
    def _lex(self) -> _Lang:
        return _RU if self.lang == "ru" else _EN

    # -- looking things up -------------------------------------------------------------------

    def entities_in(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """Entity mentions inside ``[start, end)``, in order."""
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self._spans) and self._spans[i][0] < end:
            s, e, ent = self._spans[i]
            if e <= end:
                out.append((s, e, ent))
            i += 1
        return out

    def _before(self, pos: int, types: tuple[str, ...]) -> list[tuple[int, int, Entity]]:
        """Entity mentions of ``types`` ending before ``pos``, nearest first."""
        i = bisect_left(self._starts, pos)
        found = [s for s in self._spans[:i] if s[1] <= pos and s[2].type in types]
        return found[::-1]

    def _speaker_for(self, ent: Entity, mention: str, start: int, end: int) -> Speaker:
        return Speaker(name=ent.name, entity=ent.id, mention=mention, start=start, end=end)

    def remember(self, at: int, speaker: Speaker, type_: str | None, phrase: str) -> None:
        """Record a speaker found at ``at`` (pronouns and roles look back over these)."""
        self.history.append(_Said(at, speaker, type_, phrase))

    # -- resolution ----------------------------------------------------------------------------

    def resolve(self, start: int, end: int, *, gender: str | None = None) -> Speaker | None:
        """The speaker the words ``text[start:end]`` stand for, or None when they are no speaker."""
        start, end = self._trim(start, end)
        speaker = self._resolve(start, end, gender)
        if speaker is not None and speaker.start is not None:
            self.phrases[speaker.start] = self.text[start:end]
        return speaker

    def _resolve(self, start: int, end: int, gender: str | None) -> Speaker | None:
        if end <= start or end - start > 240:
            return None
        phrase = self.text[start:end]
        low = " ".join(phrase.lower().split())
        lex = self._lex
        if low == "it" and self.lang != "ru":
            return self._it(start, end)
        if low in lex.not_speakers:
            return None
        if low in lex.pronouns:
            return self.pronoun(start, end, lex.pronouns[low] if gender is None else gender)
        if self.lang == "ru" and low in speech_ru.PLACE_PRONOUNS:
            # the organisation that spoke last or was named last, whichever is nearer
            said = next(
                (x for x in reversed(self.history) if x.at < start and x.type != "PERSON"), None
            )
            named_org = next(iter(self._before(start, ("ORG",))), None)
            if named_org is not None and (said is None or named_org[0] > said.at):
                return self._speaker_for(named_org[2], phrase, start, end)
            if said is not None:
                return Speaker(said.speaker.name, said.speaker.entity, phrase, start, end)
            return None
        unnamed = self._unnamed_source(start, end, low)
        if unnamed is not None:
            return unnamed
        if self.lang != "ru":
            owner = _OWNER_EN.match(phrase)
            if owner is not None and owner.end() < len(phrase.rstrip()):
                # "Putin's spokesman Dmitry Peskov", "Mr. Rubio's backers": the owner is no speaker
                owned = self._resolve(start + owner.end(), end, gender)
                if owned is not None and owned.entity is None and _GROUP_END_EN.search(low):
                    return Speaker(name=phrase, mention=phrase, start=start, end=end)
                return owned
            if _GROUP_END_EN.search(low) or _SHARE_OF.match(low):
                # "Republican opponents", "74 percent of registered voters": a group speaks
                return Speaker(name=phrase, mention=phrase, start=start, end=end)
        if _SOME_OF.match(low) and not any(
            ent.type == "PERSON" for _s, _e, ent in self.entities_in(start, end)
        ):
            # "по мнению ряда экспертов", "some analysts": a group, never one person named before
            return Speaker(name=phrase, mention=phrase, start=start, end=end)
        found = self._by_entity(start, end)
        if found is not None and lex.role.fullmatch(" ".join((found.mention or "").split())):
            # "Вице-министр" taken for a person's name: a role, resolved as one
            return self._role(start, end, found.mention or "", gender)
        role_after = lex.role.search(low[found.end - start :]) if found and found.end else None
        if found is not None and found.entity is not None and role_after:
            kind = next((e.type for e in self.entities if e.id == found.entity), None)
            if kind != "PERSON":  # "the CSTO secretary-general": the organisation is a modifier
                return self._role(start, end, role_after.group(0), gender)
            words_after = low[(found.end or start) - start :].split()
            if (
                self.lang != "ru"
                and len((found.mention or "").split()) == 1
                and words_after
                and role_after.group(0).startswith(words_after[0])
            ):
                # "The Florida senator": one word before a role is its place, not a name
                return self._role(start, end, role_after.group(0), gender)
        if found is not None and self.lang == "ru" and found.entity is not None:
            role_first = lex.role.match(low)
            kind = next((e.type for e in self.entities if e.id == found.entity), None)
            gap = "x"
            if role_first is not None and found.start is not None:
                gap = self.text[start + role_first.end() : found.start]
            if role_first is not None and kind in ("ORG", "MEDIA") and not gap.strip(' «"„'):
                # "— сказал глава «Кыргыз темир жолу»", "подчеркнул председатель Комитета": the
                # organisation in the genitive names whose head speaks, the person named with it
                head = self._role(start, end, role_first.group(0), gender, strict=True)
                if head is not None and head.entity is not None:
                    return head
        if found is not None:
            return found
        if lex.statement.search(low) and not lex.role.search(low):
            return self._statement(start, end)
        if (
            low.startswith(lex.indefinite)
            or (
                lex.source.fullmatch(low.split()[0] if low.split() else "")
                and self.lang == "ru"
                and not lex.role.match(low)
            )
        ) and (lex.source.search(low) or lex.role.search(low)):
            return Speaker(name=phrase, mention=phrase, start=start, end=end)
        first = low.split()[0]
        if lex.source.fullmatch(first) and first.endswith("s") and self.lang != "ru":
            return Speaker(name=phrase, mention=phrase, start=start, end=end)
        role = lex.role.search(low)
        rest = phrase.split()[1:]
        if role and all(not w[:1].isupper() or w.isupper() for w in rest):
            # "Замминистра", "Главный санврач", "Глава таджикской делегации": a role, no name
            org = lex.org.search(low)
            if not org or org.start() > role.start():
                return self._role(start, end, role.group(0), gender)
        named = self._by_capitals(start, end)
        if named is not None:
            return named
        acronym = _ACRONYM.fullmatch(phrase)
        if acronym and acronym.group(1).replace(".", "").isupper() and self.lang != "ru":
            # "The S.E.C. said": an organisation by its letters, unless a place
            name = acronym.group(1)
            if self.is_place is None or not self.is_place(name):
                return Speaker(name=name, mention=phrase, start=start, end=end)
        org = lex.org.search(low)
        if org and self.lang == "ru" and org.group(0).startswith("пресс-"):
            # "пресс-служба ведомства": the press service speaks for the body named after it
            body = lex.org.search(low, org.end())
            org = body if body is not None and not body.group(0).startswith("пресс-") else org
        if org and (not role or org.start() > role.start()):
            return self._organisation(start, end, org.group(0))
        if role:
            return self._role(start, end, role.group(0), gender)
        if lex.source.search(low):
            return Speaker(name=phrase, mention=phrase, start=start, end=end)
        return None

    def _unnamed_source(self, start: int, end: int, low: str) -> Speaker | None:
        """*A source in the ministry*: an unnamed speaker, not the ministry named in its words.

        *The source* (*источник*, *собеседник агентства*) alone is the unnamed source named
        before it, when there is one. A person's name in the words makes them no unnamed source.
        """
        m = _UNNAMED[self.lang == "ru"].match(low)
        if m is None or any(ent.type == "PERSON" for _s, _e, ent in self.entities_in(start, end)):
            return None
        phrase = self.text[start:end]
        if self._definite(m, low):
            head = m.group("noun")[:5]
            for said in reversed(self.history):
                name = said.speaker.name.lower()
                if said.at < start and said.speaker.entity is None and head in name:
                    return Speaker(said.speaker.name, None, phrase, start, end)
            unnamed_before = any(
                said.at < start
                and said.speaker.entity is None
                and _UNNAMED[True].match(" ".join(said.speaker.name.lower().split()))
                for said in self.history
            )
            if self.lang == "ru" and head == "собес" and not unnamed_before:
                # "Таджикский энергетик X в беседе с Sputnik отметил … — сказал собеседник
                # агентства": with no unnamed source before, the person who spoke to it
                for said in reversed(self.history):
                    if said.at < start and said.type == "PERSON" and said.speaker.entity:
                        sp = said.speaker
                        return Speaker(sp.name, sp.entity, phrase, start, end)
        return Speaker(name=phrase, mention=phrase, start=start, end=end)

    def link_sources(self, speakers: Sequence[Speaker | None]) -> list[Speaker | None]:
        """*The source* (*источник*) alone stands for the unnamed source named before it.

        Run once every speaker of the text is known (statements are read out of text order
        within a paragraph); ``speakers`` in any order, returned in the same order.
        """
        named = sorted(
            (
                sp
                for sp in speakers
                if sp is not None and sp.entity is None and sp.start is not None
            ),
            key=lambda sp: sp.start or 0,
        )
        out: list[Speaker | None] = []
        for sp in speakers:
            if sp is None or sp.entity is not None or sp.start is None or not sp.mention:
                out.append(sp)
                continue
            # the words that named it (a pronoun's speaker is named by its antecedent's words)
            low = " ".join(sp.name.lower().split())
            m = _UNNAMED[self.lang == "ru"].match(low)
            if m is None or not self._definite(m, low):
                out.append(sp)
                continue
            head = m.group("noun")[:5]
            unnamed = _UNNAMED[self.lang == "ru"]
            before = [
                e for e in named
                if (e.start or 0) < sp.start and e.name != sp.name and (
                    head in e.name.lower() or (
                        self.lang == "ru" and unnamed.match(" ".join(e.name.lower().split()))
                    )
                )
            ]  # fmt: skip
            out.append(replace(sp, name=before[-1].name) if before else sp)
        return out

    def _definite(self, m: re.Match[str], low: str) -> bool:
        rest = low[m.end() :].split()
        if self.lang == "ru":
            return not m.group("det") and len(rest) <= 1
        return m.group("det") in ("the", "this", "that") and not (
            rest and rest[0] in ("in", "at", "close", "with", "from", "familiar")
        )

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        while start < end and text[start] in ' \t,;:—–-"«»“”„()':
            start += 1
        while end > start and text[end - 1] in ' \t,;:—–-"«»“”„(':
            if text[end - 1] in "»”" and text.count(
                "«“"[text[end - 1] == "”"], start, end
            ) > text.count(text[end - 1], start, end - 1):
                break  # "собеседник «Интерфакса»": the mark closes a name inside the words
            end -= 1
        # "Sen. David Perdue (R-Ga.)": a party and state, an age or an acronym in brackets
        bracket = _BRACKET_END.search(text, start, end)
        if bracket and bracket.start() > start:
            end = bracket.start()
        return start, end

    def pronoun(self, start: int, end: int, gender: str) -> Speaker | None:
        """The speaker a pronoun at ``text[start:end]`` stands for: the last one that fits."""
        mention = self.text[start:end]
        if gender == "p":
            for said in reversed(self.history):
                if said.at < start and said.type != "PERSON":
                    return Speaker(said.speaker.name, said.speaker.entity, mention, start, end)
            return None
        earlier = [said for said in self.history if said.at < start]
        last = max(earlier, key=lambda said: said.at) if earlier else None
        source = (
            _UNNAMED[self.lang == "ru"].match(" ".join(last.speaker.name.lower().split()))
            if last is not None and last.speaker.entity is None
            else None
        )
        named_since = last is not None and any(
            s > last.at for s, _e, _ent in self._before(start, ("PERSON",))[:1]
        )
        single = source is not None and source.group("det") in (None, "one", "a", "an", "the",
                                                                 "один из", "одна из")  # fmt: skip
        if last is not None and gender in ("m", None) and single and not named_since:
            # "Собеседник уточнил, что … По его словам, …": the unnamed source just quoted
            return Speaker(last.speaker.name, None, mention, start, end)
        candidates: list[tuple[int, Speaker, str]] = []
        for said in reversed(self.history):
            if said.at < start and said.type in ("PERSON", None) and _looks_named(said.speaker):
                candidates.append((said.at, said.speaker, said.speaker.name))
                if len(candidates) >= 4:
                    break
        for s, _e, ent in self._before(start, ("PERSON",))[:6]:
            if self.lang == "ru" and self._in_marks(s):
                continue  # «Вагон до Хайратона …», — объяснил он: not a name inside a quotation
            candidates.append((s, Speaker(ent.name, ent.id), ent.name))
        candidates.sort(key=lambda c: -c[0])
        # a name that reads as a woman's fits "she" first; other names fit either
        passes: tuple[tuple[str | None, ...], ...] = (
            (("f",), (None,)) if gender == "f" else (("m", None),)
        )
        for wanted in passes:
            for _at, speaker, name in candidates:
                if self.gender_of(name) in wanted:
                    return Speaker(speaker.name, speaker.entity, mention, start, end)
        return None

    def _it(self, start: int, end: int) -> Speaker | None:
        """*It said* after an organisation spoke or was named in the same or the last paragraph
        (*The ministry said … It said the increase …*): that organisation; otherwise no one."""
        para = self.text.rfind("\n", 0, start)
        window = self.text.rfind("\n", 0, max(para, 0)) + 1 if para > 0 else 0
        mention = self.text[start:end]
        for said in reversed(self.history):
            if said.at < window:
                break
            if said.at < start:
                if said.type == "ORG":
                    return Speaker(said.speaker.name, said.speaker.entity, mention, start, end)
                return None  # a person spoke last: "it" is no speaker of theirs
        for s, _e, ent in self._before(start, ("ORG",))[:1]:
            if s >= window:
                return self._speaker_for(ent, mention, start, end)
        return None

    def _in_marks(self, pos: int) -> bool:
        """Whether ``pos`` is inside a «…» or “…” quotation of its paragraph."""
        seg = self.text[self.text.rfind("\n", 0, pos) + 1 : pos]
        return seg.count("«") > seg.count("»") or seg.count("“") > seg.count("”")

    def _by_entity(self, start: int, end: int) -> Speaker | None:
        inside = self.entities_in(start, end)
        if not inside:
            return None
        if self.lang == "ru":
            # «Адвокат Нурпеисова Тимур Ахметжанов заявил»: a name in the nominative is the
            # subject, one in another case (the client's) is not
            nominative = [
                (s, e, ent) for s, e, ent in inside
                if ent.type == "PERSON" and self.text[s:e].split()[-1:] == ent.name.split()[-1:]
            ]  # fmt: skip
            people = [x for x in inside if x[2].type == "PERSON"]
            if nominative and len(people) > len(nominative):
                inside = nominative + [x for x in inside if x[2].type != "PERSON"]
        for wanted in _SPEAKING_TYPES:
            for s, e, ent in inside:
                if ent.type == wanted:
                    s = self._with_honorific(s)
                    return self._speaker_for(ent, self.text[s:e], s, e)
        return None

    def _with_honorific(self, s: int) -> int:
        m = re.search(
            r"(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+$|(?:г-н|г-жа)\s+$", self.text[max(0, s - 6) : s]
        )
        return s - len(m.group(0)) if m else s

    def _statement(self, start: int, end: int) -> Speaker | None:
        mention = self.text[start:end]
        for _s, _e, ent in self.entities_in(start, end):
            if ent.type in ("ORG", "PERSON"):
                return self._speaker_for(ent, mention, start, end)
        org = self._lex.org.search(mention)
        if org:
            found = self._organisation(start, end, org.group(0))
            if found.entity is None:
                name = mention[org.start() :]
                return Speaker(name=name, mention=mention, start=start, end=end)
            return found
        for said in reversed(self.history):
            unnamed_org = said.type in ("ORG", None) and said.speaker.entity is None
            if said.at < start and unnamed_org and self._lex.org.search(said.phrase):
                return Speaker(said.speaker.name, None, mention, start, end)
            if said.at < start and said.type == "ORG":
                return Speaker(said.speaker.name, said.speaker.entity, mention, start, end)
        for _s, _e, ent in self._before(start, ("ORG",))[:1]:
            return self._speaker_for(ent, mention, start, end)
        return None

    def _organisation(self, start: int, end: int, noun: str) -> Speaker:
        mention = self.text[start:end]
        head = noun.lower()[:5]
        org_synonyms = speech_ru.ORG_SYNONYMS if self.lang == "ru" else speech_en.ORG_SYNONYMS
        heads = (head, *org_synonyms.get(head, ()))
        for s, _e, ent in self._before(start, ("ORG",)):
            names = [ent.name.lower(), *(a.lower() for a in ent.aliases)]
            if self.lang == "ru":
                # "атомная компания «Казатомпром» … в сообщении компании": the word that
                # introduced the name right before it
                names.append(self.text[max(0, s - 24) : s].lower())
            if any(h in n for h in heads for n in names):
                return self._speaker_for(ent, mention, start, end)
        for said in reversed(self.history):
            if said.at < start and head in said.speaker.name.lower():
                return Speaker(said.speaker.name, said.speaker.entity, mention, start, end)
        name = re.sub(r"^(?:the|a|an)\s+", "", mention, flags=re.IGNORECASE)
        return Speaker(name=name, mention=mention, start=start, end=end)

    def _role(
        self, start: int, end: int, role: str, gender: str | None, *, strict: bool = False
    ) -> Speaker | None:
        """The person a role stands for. ``strict``: only one introduced with it (the role of a
        named organisation is no other person's: *председателя Комитета по архитектуре*)."""
        mention = self.text[start:end]
        head = role.lower().split()[-1][:6]
        found = self._by_role_words(start, mention, role, gender)
        if found is not None:
            return found
        if strict:
            return None
        for said in reversed(self.history):
            if (
                said.at < start
                and said.type in ("PERSON", None)
                and head in said.phrase.lower()
                and self._fits(said.speaker.name, gender)
            ):
                return Speaker(said.speaker.name, said.speaker.entity, mention, start, end)
        para_start = self.text.rfind("\n", 0, start) + 1
        for s, _e, ent in self._before(start, ("PERSON",))[:1]:
            # "Один из авторов — вице-президент союза X. «…», — сказал функционер.": the person
            # just named in the paragraph, when no speaker or role words point elsewhere
            if (
                s >= para_start
                and self._fits(ent.name, gender)
                and not any(para_start <= said.at < start for said in self.history)
            ):
                return self._speaker_for(ent, mention, start, end)
        if self.lang == "ru":
            # "Урбанист X обратила внимание … «…», — считает эксперт": the person named after
            # the last statement is the one the role points back to
            last_said = max((said.at for said in self.history if said.at < start), default=-1)
            for s, _e, ent in self._before(start, ("PERSON",))[:1]:
                if s > last_said and self._fits(ent.name, gender):
                    return self._speaker_for(ent, mention, start, end)
        for said in reversed(self.history):
            person = said.type in ("PERSON", None) and _looks_named(said.speaker)
            if said.at < start and person and self._fits(said.speaker.name, gender):
                return Speaker(said.speaker.name, said.speaker.entity, mention, start, end)
        return Speaker(name=mention, mention=mention, start=start, end=end)

    def _by_role_words(
        self, start: int, mention: str, role: str, gender: str | None
    ) -> Speaker | None:
        """The person introduced with this role: *замминистра* after *заместитель министра X*.

        Each person named before is scored by the words around its name in its own sentence
        (and its entity roles): the role or a synonym of it counts 2, each other word of the
        mention (*агентства* in *глава агентства*) 1. The best score of at least 2 wins; the
        nearest person on a tie.
        """
        text = self.text
        low = role.lower()
        synonyms = self._lex.synonyms
        key = next(
            (k for k in synonyms if low.startswith(k) or low.split()[-1].startswith(k)), None
        )
        wanted = [syn.split() for syn in synonyms[key]] if key else [[low.split()[-1][:6]]]
        role_words = set(re.findall(r"[\w-]+", low))
        others = [
            w[:5] if self.lang == "ru" else w
            for w in re.findall(r"[\w-]+", mention.lower())
            if len(w) >= 4 and w not in role_words and w not in _ROLE_STOP
        ]
        best: tuple[int, Entity, int, int] | None = None
        for s, e, ent in self._before(start, ("PERSON",)):
            if not self._fits(ent.name, gender):
                continue
            left = max(text.rfind(". ", 0, s), text.rfind("\n", 0, s), s - 160)
            after = _CONTEXT_END.search(text, e, e + 100)
            ctx = " ".join(
                (*ent.roles, text[left + 1 : s], text[e : after.start() if after else e])
            )
            ctx = ctx.lower()
            score = 2 if any(all(p in ctx for p in syn) for syn in wanted) else 0
            score += sum(1 for o in others if o in ctx)
            if score >= 2 and (best is None or score > best[0]):
                best = (score, ent, s, e)
        if best is None:
            return None
        return self._speaker_for(best[1], mention, start, start + len(mention))

    def learn_gender(self, name: str, gender: str | None) -> None:
        """Remember a person's gender as a verb showed it (*заявила* -> f)."""
        if gender in ("m", "f") and name:
            self.genders[name] = gender

    def gender_of(self, name: str) -> str | None:
        """A person's gender when known: from a verb of theirs, else from the name's endings."""
        return self.genders.get(name) or name_gender(name)

    def _fits(self, name: str, gender: str | None) -> bool:
        if gender not in ("m", "f"):
            return True
        known = self.gender_of(name)
        if known is None:
            return gender != "f"
        return known == gender

    def _by_capitals(self, start: int, end: int) -> Speaker | None:
        """A name the entity stage did not give: capitalised words, titles left out."""
        phrase = self.text[start:end]
        lex = self._lex
        tail = _TAIL_NAME.search(phrase)
        if self.lang == "ru" and tail and not lex.org.search(tail.group(0)):
            s, e = start + tail.start(), start + len(phrase.rstrip())
            name = " ".join(tail.group(0).split())
            place = self.is_place is not None and self.is_place(name)
            if not self._blocked(s, e) and name.split()[0] not in _NOT_NAMES and not place:
                full = self._full_name(name, s)
                return Speaker(name=full, mention=self.text[s:e], start=s, end=e)
        for m in _ORG_RUN.finditer(phrase):
            run = m.group(0)
            if lex.org.search(run) and run[:1].isupper() and len(run.split()) > 1:
                if run.split()[0].lower() in ("the", "a") or lex.role.search(phrase[m.end() :]):
                    continue
                if self._blocked(start + m.start(), start + m.end()):
                    continue
                return Speaker(name=run, mention=run, start=start + m.start(), end=start + m.end())
        runs = list(_CAP_RUN.finditer(phrase))
        for m in reversed(runs):
            words = m.group(0).split()
            offset = m.start()
            while words and (
                words[0].lower() in lex.title_words
                or words[0].lower() in lex.honorifics
                or words[0].isupper()
                or _POSSESSIVE.search(words[0])
            ):
                offset = phrase.index(words[0], offset) + len(words[0])
                words = words[1:]
            words = [w for w in words if not w.isupper() or len(w) == 1]
            if not words or (len(words) == 1 and len(words[0]) < 3):
                continue
            if self.lang == "ru" and len(words) > 2:
                words = words[-2:]
            name = " ".join(words)
            low = name.lower()
            if low in lex.not_speakers or low in lex.pronouns or words[0] in _NOT_NAMES:
                continue
            if len(words) == 1 and self._common_word(words[0]):
                continue  # "Recent polling shows", "Nearly half said": a word, capitalised
            if self.is_place is not None and self.is_place(name):
                continue
            s = start + phrase.index(words[0], offset)
            e = s + len(self.text[s:].split(words[-1], 1)[0]) + len(words[-1])
            if self._blocked(s, e):
                continue
            s = self._with_honorific(s)
            return Speaker(name=self._full_name(name, s), mention=self.text[s:e], start=s, end=e)
        return None

    def _common_word(self, word: str) -> bool:
        """A capitalised word that is no name: an English adverb in -ly, or a word the same text
        writes in lower case elsewhere."""
        if self.lang == "ru" or not word[:1].isupper():
            return False
        low = word.lower()
        if low.endswith("ly") and len(low) > 4:
            return True
        found = self._lower_words
        if found is None:
            found = self._lower_words = frozenset(
                re.findall(r"(?<![\w'’-])[a-z][a-z'’-]+", self.text)
            )
        return low in found

    def _blocked(self, start: int, end: int) -> bool:
        """True when an entity that cannot speak (a place, an event) is named at these words."""
        for s, e, ent in self._spans[max(0, bisect_left(self._starts, start) - 3) :]:
            if s >= end:
                break
            if e > start and ent.type not in _SPEAKING_TYPES:
                return True
        return False

    def _full_name(self, name: str, before: int) -> str:
        """A surname said before in full ("Mr. Zas" after "Stanislav Zas") gets the full name."""
        if " " in name:
            return name
        for said in reversed(self.history):
            if said.at < before and said.speaker.name.split()[-1:] == [name]:
                return said.speaker.name
        return name
