"""Stage 5, quotes: direct, indirect and partial statements with speaker, cue, date and via.

The text is read paragraph by paragraph (one per line). In each paragraph the quotation marks
are paired by a small state machine that knows which marks close which (“…”, "…", «…», „…“,
‘…’ inside), so an odd mark cannot swallow more than its own paragraph: an opening mark with no
close runs to its attribution (``…quality, Zas was cited as saying by RIA Novosti.``) or to the
paragraph end. Then each quotation looks for its attribution after it (``,” X said``,
``», — заявил X``), before it (``X said: “…”``, ``По словам X, «…»``), or continues the
previous speaker; reported speech (``X said that…``, ``According to X,…``, ``По словам X,…``,
``…, the minister said.``) is read sentence by sentence around the cue words of
:mod:`newswatch.nlp.lexicon`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from newswatch.knowledge import Knowledge
from newswatch.nlp.dates import find_dates, text_year
from newswatch.nlp.interviews import Answer, Interview, find_interview, interview_cue
from newswatch.nlp.lexicon import speech_en, speech_ru
from newswatch.nlp.speakers import Resolver, gender_of_cue
from newswatch.nlp.via import OutletNames, ViaMention, chain, find_via, is_domain, outlet_like
from newswatch.record import Entity, Quote, Speaker

__all__ = ["QuoteSpan", "find_quotes", "outlet_names_from", "quote_spans"]

#: Paragraphs longer than this are read only up to it (a 5 MB line is no article paragraph).
MAX_PARAGRAPH = 20_000


# -- quotation marks ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Quotation marks in a paragraph: ``open`` is the mark, ``inner`` the words inside."""

    open: int
    close: int | None
    inner_start: int
    inner_end: int

    @property
    def closed(self) -> bool:
        return self.close is not None

    @property
    def end(self) -> int:
        return self.close + 1 if self.close is not None else self.inner_end


_MAX_DEPTH = 8
_MARKS = re.compile(r"''|[«»“”„\"‘’‹›]")
_OPEN_CONTEXT = " \t\n([{—–-:;,/" + "«“„‘"


def quote_spans(text: str, start: int = 0, end: int | None = None) -> list[QuoteSpan]:
    """The outermost quotations in ``text[start:end]`` (one paragraph), in order.

    A mark that cannot be paired is dropped; an opening mark left open at the end runs to
    ``end``. Inner quotations (« „…“ », “ ‘…’ ”) are skipped over, not returned.
    """
    end = len(text) if end is None else end
    spans: list[QuoteSpan] = []
    stack: list[tuple[str, int]] = []

    wide: set[int] = set()  # where a two-character mark ('') starts

    def finish(open_at: int, close_at: int | None) -> None:
        inner_end = close_at if close_at is not None else end
        if close_at is not None and close_at in wide:
            close_at += 1
        inner_start = open_at + (2 if open_at in wide else 1)
        spans.append(QuoteSpan(open_at, close_at, inner_start, max(inner_start, inner_end)))

    for m in _MARKS.finditer(text, start, end):
        ch, i = m.group(0), m.start()
        if ch == "''":  # two apostrophes for a double mark, as some wire copy writes it
            ch = '"'
            wide.add(i)
        before = text[i - 1] if i > start else " "
        after = text[m.end()] if m.end() < end else " "
        top = stack[-1][0] if stack else None
        if len(stack) >= _MAX_DEPTH and ch in '«‹„“"‘':
            continue  # marks nested this deep are noise, not quotations
        if ch in "«‹":
            stack.append((ch, i))
        elif ch in "»›":
            want = "«" if ch == "»" else "‹"
            idx = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == want), None)
            if idx is not None:
                if idx == 0:
                    finish(stack[0][1], i)
                del stack[idx:]
        elif ch == "„":
            stack.append((ch, i))
        elif ch == "“":
            if top == "„":
                if len(stack) == 1:
                    finish(stack[0][1], i)
                stack.pop()
            elif top == "“" and before not in _OPEN_CONTEXT and not after.isalnum():
                # “…“ used as a closing mark
                if len(stack) == 1:
                    finish(stack[0][1], i)
                stack.pop()
            elif top == "“" and len(stack) == 1:
                # a new opening while one is open: the first was never closed
                finish(stack[0][1], None if False else i)
                spans[-1] = QuoteSpan(spans[-1].open, None, spans[-1].inner_start, i)
                stack[0] = ("“", i)
            else:
                stack.append((ch, i))
        elif ch == "”":
            idx = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] in '“„"'), None)
            if idx is not None:
                if idx == 0:
                    finish(stack[0][1], i)
                del stack[idx:]
        elif ch == '"':
            if top == '"' or (top in ("“", "„") and before not in _OPEN_CONTEXT):
                if len(stack) == 1:
                    finish(stack[0][1], i)
                stack.pop()
            elif before in _OPEN_CONTEXT and not after.isspace():
                stack.append((ch, i))
            elif top is not None:
                idx = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == '"'), None)
                if idx is not None:
                    if idx == 0:
                        finish(stack[0][1], i)
                    del stack[idx:]
        elif ch == "‘":
            if before in _OPEN_CONTEXT and after.isalnum():
                stack.append((ch, i))
        elif ch == "’" and top == "‘" and not after.isalnum():
            if len(stack) == 1:
                finish(stack[0][1], i)
            stack.pop()
    if stack and stack[0][0] != "‘":
        finish(stack[0][1], None)
    spans.sort(key=lambda s: s.open)
    return spans


# -- language data as patterns --------------------------------------------------------------------


def _alts(words: Sequence[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


@dataclass(frozen=True, slots=True)
class _Cues:
    cue: re.Pattern[str]
    verbs: dict[str, bool]
    that: re.Pattern[str]
    openers: re.Pattern[str]
    stop_after: re.Pattern[str]
    adverbs: re.Pattern[str]
    impersonal: frozenset[str]
    clause_openers: frozenset[str]
    about_this: re.Pattern[str]


_EN_CUES = _Cues(
    cue=re.compile(
        r"(?<![\w-])(?:(?P<accpro>in\s+(?:his|her|their)\s+(?:view|opinion|words))"
        rf"|(?P<passive>{_alts(speech_en.PASSIVE_CUES)})"
        rf"|(?P<acc>{_alts(speech_en.ACCORDING_TO)})"
        rf"|(?P<verb>{_alts(speech_en.CUE_PHRASES)}|{_alts(list(speech_en.CUE_VERBS))}))(?![\w-])",
        re.IGNORECASE,
    ),
    verbs=speech_en.CUE_VERBS,
    that=re.compile(r"\bthat\b", re.IGNORECASE),
    openers=re.compile(rf"^(?:(?:{_alts(speech_en.OPENERS)}|and|but|so)\b,?\s*)+", re.IGNORECASE),
    stop_after=re.compile(
        r"[,.;:!?()]|\s(?:on|in|at|during|after|before|to|that|while|when|as|from|last|"
        r"yesterday|today|this|told|earlier|later|adding|citing|according|who|which)\b"
    ),
    adverbs=re.compile(
        r"(?:\s+(?:also|further|then|again|later|additionally|previously|earlier|recently|"
        r"reportedly|repeatedly|once again|himself|herself|has|have|had|is|was|would|will|"
        r"on\s+\w+(?:\s+\d{1,2})?|in\s+a\s+statement))+\s*$",
        re.IGNORECASE,
    ),
    impersonal=frozenset(),
    clause_openers=frozenset(speech_en.CLAUSE_OPENERS),
    about_this=re.compile(r"(?!)"),
)
_RU_CUES = _Cues(
    cue=re.compile(
        rf"(?<![\w-])(?:(?P<accpro>по\s+(?:его|ее|её|их)\s+(?:словам|мнению|данным|оценке))"
        rf"|(?P<acc>{_alts(speech_ru.ACCORDING_TO)})"
        rf"|(?P<passive>{_alts(speech_ru.PASSIVE_CUES)})"
        rf"|(?P<verb>{_alts(list(speech_ru.CUE_VERBS) + list(speech_ru.IMPERSONAL_CUES))}))(?![\w-])",
        re.IGNORECASE,
    ),
    verbs={**speech_ru.CUE_VERBS, **dict.fromkeys(speech_ru.IMPERSONAL_CUES, True)},
    that=re.compile(r"(?:,\s*|\s)(?:что|чтобы)\b", re.IGNORECASE),
    openers=re.compile(rf"^(?:(?:{_alts(speech_ru.OPENERS)}|и|а|но)\b,?\s*)+", re.IGNORECASE),
    stop_after=re.compile(
        r"[,.;:!?()«»]|\s(?:передает|передаёт|сообщает|пишет|что|в\s+интервью|в\s+беседе|"
        r"в\s+ходе|во\s+время|в\s+эфире|на\s+брифинге|на\s+пресс-конференции)\b|\s—",
        re.IGNORECASE,
    ),
    adverbs=re.compile(
        r"(?:\s+(?:также|тоже|еще|ещё|уже|вновь|снова|ранее|же|вчера|сегодня|накануне|"
        r"в\s+\w+\s*|\d{1,2}\s+\w+))+\s*$",
        re.IGNORECASE,
    ),
    impersonal=frozenset(speech_ru.IMPERSONAL_CUES),
    clause_openers=frozenset(),
    about_this=re.compile(
        rf"^(?:об\s+этом|о\s+том|это|также\s+об\s+этом|{speech_ru.SUCH_VIEW})\s+", re.IGNORECASE
    ),
)
_POSSESSIVE = {**speech_ru.POSSESSIVE_PRONOUNS, "his": "m", "her": "f", "their": "p"}
_OUTLET_CUES = frozenset({"reported", "reports", "writes", "wrote", "пишет", "передает"})
_NOT_CLAUSE_EN = frozenset(
    [
        "about",
        "of",
        "to",
        "by",
        "with",
        "for",
        "in",
        "on",
        "at",
        "from",
        "into",
        "over",
        "after",
        "before",
        "during",
        "as",
        "than",
    ]
)
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# A phrase that starts with a role noun names a person ("глава агентства", "the head of ...").
_ROLE_FIRST = (
    re.compile(rf"(?:the\s+)?(?:{'|'.join(speech_en.ROLE_NOUNS)})(?![\w-])"),
    re.compile(rf"(?:{'|'.join(speech_ru.ROLE_NOUNS)})(?![\w-])"),
)
_PARTICIPLE = re.compile(
    rf"[,;][”\"»’']?\s+(?:and\s+)?(?P<cue>{_alts(speech_en.PARTICIPLE_CUES)})"
    r"(?P<that>(?:\s+(?!that\b)[\w'’.-]+){0,3}?\s+that\b)?(?![\w-])",
    re.IGNORECASE,
)
_OUTLET_CLAUSE = re.compile(r"\b(?:reported|reports|writes|wrote|said\s+in\s+a\s+report)\b")
# "ASTANA, March 11 (Reuters) - ", "ASTANA. KAZINFORM – ": a dateline before the words
_DATELINE = re.compile(r"[A-ZА-ЯЁ][A-ZА-ЯЁ .'-]{2,30}[,.][^\n—–]{0,40}?\s[-—–]\s+")
# "… what Kazakhstan expects from …", "how the country is preparing": a question, reported
_EMBEDDED_QUESTION = re.compile(
    r"\b(?:what|how|why|whether)\s+(?:[\w'’-]+\s+){1,4}$", re.IGNORECASE
)
_AUXILIARY = re.compile(
    r"\b(?:had|has|have|was|were|is|are|would|will|could|should|did|does|do|can|may|might|must|"
    r"not)\b"
)
# "have not yet said which …": a negated cue, or a question reported after it, is no statement
_NEGATED_CUE = re.compile(
    r"(?:\b(?:not|never|n't|no\s+longer)|(?<![\w-])(?:не|ни))\s+(?!only\b|только\b)(?:\w+\s+)?$",
    re.IGNORECASE,
)
_QUESTION_WORD = re.compile(
    r"\s*(?:which|what|whether|how|why|when|where|who|ли|какие|какой|какая|как|когда|где|почему)\b",
    re.IGNORECASE,
)
_IT_CLAUSE = re.compile(
    r"\s+(?:[a-z]+ly\s+)?(?:would|will|was|is|had|has|could|should|may|might|can|did|does|"
    r"wo|needs|plans|"
    r"wants|intends|expects|remains|believes|sees|hopes|fears|[a-z]+ed|[a-z]{3,}[^s\W]s)"
    r"(?:n['’]t)?\b"
)
# "назвал это решение «…»", "called the expansion “…”": a naming verb, its object, the mark
_NAMING = (
    re.compile(
        rf"(?<![\w-])(?P<verb>{'|'.join(speech_en.NAMING_CUES)})(?![\w-])"
        r"(?=(?:\s+[\w'’-]+){0,8}\s*$)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?<![\w-])(?P<verb>{'|'.join(speech_ru.NAMING_CUES)})(?![\w-])"
        r"(?=(?:\s+[\w-]+){0,8}\s*$)",
        re.IGNORECASE,
    ),
)
# "«…, — добавил дипломат. — …»": the attribution inside one Russian quotation
_INSIDE_DASH = re.compile(r"[,.!?…]\s*[—–]\s+")
_INSIDE_RESUME = re.compile(r"[.,:]\s*[—–]\s+")
# "…, как сообщает «Интерфакс» со ссылкой на источник в отрасли": the source speaks, the outlet
# carries; "Reuters со ссылкой на два источника сообщило, что …"; "…, Reuters reported, citing
# two sources"; "Reuters, citing two sources, reported that …".
_CITING = (
    re.compile(r"(?<![\w-])citing(?=\s)", re.IGNORECASE),
    re.compile(r"(?<![\w-])со\s+ссылкой\s+на(?=\s)", re.IGNORECASE),
)
_CITED_END = (
    re.compile(r"[,.;:!?()«»“”\"]|\s(?:as|that|in\s+a|on\s+\w+day)\b|\s[—–]"),
    re.compile(r"[,.;:!?()«»\"]|\s(?:сообщил[оаи]?|сообщает|передает|передаёт|пишет|что)\b|\s[—–]"),
)
_AS_REPORTED = (
    re.compile(
        r",\s*(?:as\s+)?(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})\s+(?:reported|reports|said|says),?\s*$"
    ),
    re.compile(
        r",\s*(?:как\s+)?(?:сообщает|сообщило|сообщил|передает|передаёт|пишет|пишут|"
        r"сообщают|передают)\s+(?:[\w-]+\s+)?(?:«[^«»]{1,40}»|[A-ZА-ЯЁ][\w.-]*(?:\s+[A-ZА-ЯЁ][\w.-]*){0,2})\s*$",
        re.IGNORECASE,
    ),
)
# "заявил на брифинге, что A: «": the words between "что" and the colon before the mark
_THAT_THEN_COLON = re.compile(
    r"[^.!?;:«»]{0,80}?,?\s+что\s+(?P<what>[^.!?;:«»]+?)\s*:\s*$", re.IGNORECASE
)
_TOLD_PLURAL_NEXT = re.compile(rf"\s+(?:{_alts(speech_ru.TOLD_PLURAL)})(?![\w-])", re.IGNORECASE)
# "О сроках строительства, переговорах … рассказал X": what was talked about, not what was said
_TOPIC = re.compile(r"\s*(?:о|об|обо)\s+(?!этом\b|том\b|том,)[а-яё]", re.IGNORECASE)
# "…, сообщает пресс-служба X", "…, сообщили вчера в X": an organisation's own attribution
_PRESS_SERVICE_AFTER = re.compile(
    r"\s+(?:(?:вчера|сегодня|накануне)\s+)?(?:пресс-служб|в\s+(?!интервью|эфире|беседе)|во\s+)",
    re.IGNORECASE,
)
# A media word or an agency's letters before an outlet's name: "НИАТ «Ховар»", "агентству «Ховар»"
_MEDIA_LEAD = re.compile(
    r"\s+(?:[А-ЯЁA-Z]{2,5}|агентству|агентства|информагентству|изданию|порталу|газете|"
    r"телеканалу|радио|сайту)(?=\s)"
)
# A participle clause after a statement's source: ", опубликованном в четверг,"
_PARTICIPLE_CLAUSE = re.compile(
    r"\s*(?:опубликованн|распространенн|распространённ|размещенн|размещённ|обнародованн|"
    r"направленн|сделанн|принят)[а-яё]*(?:\s+[^\s,.;:!?«»]+){0,5},"
)
_NAME_IN_MARKS = re.compile(r"«[^«»\n.!?;]{1,50}»")
_SUCH_VIEW_VERB = re.compile(
    rf"(?P<verb>{_alts(speech_ru.SUCH_VIEW_VERBS)})(?![\w-])", re.IGNORECASE
)
_SUCH_VIEW_CUE = re.compile(
    rf"(?:{speech_ru.SUCH_VIEW})\s+(?:[^\s,.;:!?]+\s+){{0,3}}?"
    rf"(?P<verb>{_alts(speech_ru.SUCH_VIEW_VERBS)})(?![\w-])",
    re.IGNORECASE,
)
_OUTLET_AS_SOURCE = re.compile(rf"(?:{_alts(speech_ru.OUTLET_AS_SOURCE)})", re.IGNORECASE)
# "Как сообщает ТАСС со ссылкой на …, CONTENT": an outlet's verb opening the sentence.
_AS_VERBS_RU = (
    r"(?:сообщает|сообщило|сообщил|сообщают|передает|передаёт|передают|передало|пишет|пишут|"
    r"информирует)"
)
_AS_LEAD = re.compile(rf"\s*как\s+{_AS_VERBS_RU}\s", re.IGNORECASE)
# The circumstances that open a sentence before its speaker: "In a statement on Wednesday, …",
# "Speaking at a press conference, …", "В своем заявлении, …"
_CIRCUMSTANCE = re.compile(
    r"\s*(?:in|at|on|during|after|before|speaking|asked|addressing|responding|writing|"
    r"в\s+своем|в\s+своём|выступая|отвечая)\b",
    re.IGNORECASE,
)
_THAT_NEXT = re.compile(r"[\s,]*(?:that|что|чтобы)\b", re.IGNORECASE)
_NAME_STOPS = re.compile(r"[!?,:;…]|\.(?!\w)")  # «Газета.Ru» is a name
# A sentence going on after a short name in marks: a lower-case word that is no speech verb
_SENTENCE_GOES_ON = re.compile(
    r"[ \t]+(?!(?:сказал|заявил|отметил|said|says|told|added)\w*\b)[a-zа-яё]"
)
# What may stand between a cue and its "that": whom it was told to, when, where, how
# ("told reporters on Monday that", "said in a statement late Tuesday that"); not a clause of
# its own ("says Obama's decision was an arrangement that took …").
_CIRCUMSTANCES_AFTER_CUE = re.compile(
    r"\s*,?\s*[\"“]?(?:on|in|at|during|to|last|this|after|before|while|when|from|earlier|later|"
    r"yesterday|today|repeatedly|also|again|publicly|privately|recently|late|early|reporters|"
    r"journalists|the\s+media|by|via|through|with|for|under|[A-Z][\w.'’-]*|him|her|them|me|us|"
    r"you|[a-z]+ly|[a-z]+ed)\b",
)
_FINITE_IN = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|could|can|should|may)\b"
    r"|(?:\b[A-Z][\w'’-]*|\b(?:he|she|they|we|i))\s+(?:[a-z]+ed|wants|needs|plans|says|"
    r"thinks|believes|knows|hopes|expects|does|goes|gets|makes|takes|sees)\b"
)
_FUNCTION_WORDS = frozenset(
    ["the", "a", "an", "and", "or", "of", "this", "that", "its", "his", "her"]
)
_PAST_THE_VERB = re.compile(
    r"(?:[a-z]+ed|[a-z]+ly|also|then|has|had|have|was|is|were|are|will|would|can|could|did|does)$"
)
# "…, who said …", "…, which reported …": the cue's subject is the relative pronoun
_WHO_BEFORE = re.compile(r",\s*(?P<who>who|which)\s+(?:(?:also|has|have|had|later|then)\s+)?$")
_NAME_BEFORE_WHO = re.compile(
    r"((?:[A-Z][\w.'’-]*\s+(?:of\s+(?:the\s+)?)?){0,4}[A-Z][\w'’-]*)(?:\s*\([^()]{1,20}\))?"
    r"\s*,\s*(?:who|which)$"
)
# Words after a cue that begin its object, not a statement: "warned of …", "stressed the need"
_NOT_STRAIGHT_ON = frozenset(
    ["the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our", "my",
     "him", "them", "me", "us", "you", "what", "how", "why", "whether", "so", "yes", "no",
     "nothing", "something", "anything", "more", "much", "little", "up", "out", "off", "back"]
)  # fmt: skip
_AND_BEFORE = re.compile(r"[^,]\s+(?:and|but)\s+(?:(?:also|then|later|has|had|have)\s+)?$")
_PRONOUN_CLAUSE = re.compile(
    r"\s+(he|she|they|we|i)(?:['’](?:d|ll|s|re|ve|m))?\s+(?!(?:and|or|to|of|in|that)\b)[a-z]"
)
_ASK = frozenset(["asked", "asks", "wondered", "wonders"])
_QUANTITY_NEXT = re.compile(
    r"\s+(?:than\s+)?(?:\d|half|a\s+third|a\s+quarter|two-thirds|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|a\s+dozen|a\s+hundred|a\s+thousand|a\s+million|\$|€|£)"
)
# After a cue, up to its resuming comma: "he said, because …", "suggested in a tweet, women …"
_RESUME_AFTER_CUE = re.compile(r"((?:\s+[\w'’.-]+){0,6}?)\s*,\s+(?=\S)")
_NEGATED_AUX = re.compile(r"\b(?:won|can|don|doesn|didn|isn|aren|wasn|weren|hasn|haven)['’]t\b")
_SUBJECT_OPENERS = frozenset(
    ["he", "she", "they", "i", "we", "the", "a", "an", "his", "her", "their", "its", "our"]
)
_INVERTIBLE = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tells",
        "added",
        "adds",
        "noted",
        "notes",
        "wrote",
        "writes",
        "asked",
        "asks",
        "continued",
        "replied",
        "answered",
        "responded",
        "explained",
        "argued",
        "argues",
        "warned",
        "warns",
        "stressed",
        "stresses",
        "insisted",
        "insists",
        "recalled",
        "recalls",
        "declared",
        "announced",
        "reported",
        "reports",
        "observed",
        "remarked",
        "commented",
        "countered",
        "cautioned",
        "concluded",
        "confirmed",
        "acknowledged",
        "admitted",
        "conceded",
        "emphasized",
        "emphasised",
        "underlined",
        "underscored",
        "predicted",
        "promised",
        "pointed",
        "went",
        "tweeted",
        "posted",
    ]
)
_PHRASAL_AFTER = re.compile(r"\s+(?:through|over|up|out|back|off|twice|again)\b", re.IGNORECASE)
_SECOND_CUE_EN = re.compile(
    rf"(?<![\w-])(?:{_alts([w for w, free in speech_en.CUE_VERBS.items() if w not in speech_en.THAT_ONLY])}"
    rf"|{'|'.join(speech_en.NAMING_CUES)})(?![\w-])",
    re.IGNORECASE,
)
_AND_NEXT = re.compile(r",?\s+(?:and|but)\s+(?:(?:also|then|later)\s+)?$")
_MEDIA_WORDS, _ORG_WORDS = (
    tuple(
        re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in words)})(?!\w)") for words in pair
    )
    for pair in (
        (speech_en.MEDIA_WORDS, speech_ru.MEDIA_WORDS),
        (speech_en.ORG_NOUNS, speech_ru.ORG_NOUNS),
    )
)
# "Как сообщает издание X, …", "Как передает ТАСС, …" opening a sentence with a cue of its own
_AS_OUTLET_SAYS = re.compile(
    rf"Как\s+{_AS_VERBS_RU}\s+(?:(?i:{'|'.join(speech_ru.MEDIA_WORDS)})\s+)?"
    r"(?P<name>«[^«»\n]{1,50}»|[A-ZА-ЯЁ0-9][\w.-]*(?:\s+[A-ZА-ЯЁ][\w.-]*){0,2}),\s+"
)
_CITED_TAIL = re.compile(r"\s+(?:со\s+ссылкой\s+на|citing)\s+[\s\w«»\"'-]{1,80}", re.IGNORECASE)
_INDEFINITE_AFTER = re.compile(r"\s+(?:a|an|one)\s+[a-z]", re.IGNORECASE)
_INDEFINITE_END = re.compile(r"[,.;:!?()“”\"]|\s(?:who|which|that|as|when|while|after|on)\b|\s[—–]")
_SENTENCE_CLOSERS = frozenset(".!?…:;\"”»’')")
_INTRO_PARTICIPLES = frozenset(
    ["asked", "pressed", "questioned", "quizzed", "challenged", "confronted", "interviewed",
     "reached", "contacted", "approached", "told", "shown", "given", "faced", "known"]
)  # fmt: skip
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_DASH_AFTER = re.compile(r"\s*,?\s*[—–-]")
# Words between a Russian cue and its speaker: "заявил в четверг X", "сообщил журналистам вчера X".
_RU_AFTER_CUE_SKIP = re.compile(
    r"(?:\s+(?:(?:в|во)\s+(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)|"
    r"\d{1,2}\s+[а-я]+я|вчера|сегодня|накануне|также|тоже|журналистам|репортерам|"
    r"корреспонденту|корреспондентам|журналисту|"
    r"на\s+брифинге|на\s+пресс-конференции|"
    # "сообщил на заседании правительства в среду министр X": a meeting and whose it is
    r"на\s+(?:заседании|совещании|встрече|форуме|сессии|съезде|конференции|пленарном\s+заседании)"
    r"(?:\s+(?!глав)[а-яё]+(?:а|ы|и|ов|ей|ого))?))+(?=\s)",
    re.IGNORECASE,
)
# A state agency, named by what it deals in: "Агентство по статистике", "Агентства внешней
# трудовой миграции" (an outlet is "агентство «Ховар»", "Агентство Bloomberg")
_STATE_AGENCY = re.compile(r"\s*Агентств[оау]\w*\s+(?:по\s|при\s|[а-яё]+(?:ой|ого|ых|ей)\s)")
_THEIR_WORDS = re.compile(r"\s(его|ее|её|их)\s+слова$", re.IGNORECASE)
# "цитирует Осмонова агентство.", "приводит его слова издание": the outlet without its name
_BARE_OUTLET = re.compile(
    r"(?:цитирует|цитируют|приводит\s+слова|приводят\s+слова)\s+(?:[^\s,.;:!?«»]+\s+){0,4}?"
    r"(?:агентство|издание|портал|газета|сайт|телеканал)(?=\s*[.,;!?]|\s*$)",
    re.IGNORECASE,
)
# "в своем Telegram-канале", "на официальном сайте": where an organisation said it
_OWN_CHANNEL = re.compile(
    r"\s+(?:в|на)\s+(?:(?:сво[её]м|официальном|собственном)\s+)?"
    r"(?:(?i:telegram|телеграм|facebook|instagram|инстаграм)[\w-]*|сайте|странице|аккаунте|"
    r"соцсетях|социальных\s+сетях)(?![\w-])",
)
# Where a Russian speaker's words after the cue surely end.
_RU_SPEAKER_END = re.compile(r"[.;:!?()«»]|\s—|,\s*(?:что|чтобы|отметив|добавив|подчеркнув)\b")
# An outlet's name at a place: «…» or capitalised words.
# (“Ъ” in English marks: a Russian name in them, as «Ъ»)
_NAME_AT = re.compile(
    r"\s*(«[^«»\n]{1,50}»|“(?=[^“”\n]{0,48}[А-ЯЁа-яё])[^“”\n]{1,50}”|"
    r"[A-ZА-ЯЁ][\w.-]*(?:\s+[A-ZА-ЯЁ][\w.-]*){0,2}|"
    r"\d[\w-]*\.[a-z]{2,4}(?![\w.]))"  # "Как сообщил 24.kg источник": a domain from a digit
)
_RELATIVE = re.compile(
    r",\s*(?:who|which|whose|whom|который|которая|которые|которого)\b[^,]*(?:,|$)"
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"”»’')]*\s+(?=[\"“«„‘'(]{0,2}[A-ZА-ЯЁ0-9—–-])")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Maj|Capt|Sen|Rep|Gov|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
    r"Sep|Sept|Oct|Nov|Dec|No|Vol|vs|etc|Inc|Ltd|Co|U\.S|U\.N|г|гг|ул|им|т\.е|т\.д|т\.п|млн|млрд|"
    r"тыс|руб|долл)|\b[A-ZА-ЯЁ])\.$"
)


# -- one article ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    quote: Quote
    para: int
    sentence: tuple[int, int]
    region: tuple[int, int]  # the attribution's words: searched for date and via
    cue_at: int


@dataclass(slots=True)
class _Reader:
    text: str
    lang: str | None
    resolver: Resolver
    published: str | None
    year: int | None
    outlet_names: OutletNames | None
    found: list[_Found] = field(default_factory=list)
    used_cues: set[int] = field(default_factory=set)
    #: The person an interview's answers belong to, with its cue, date and via (once read).
    interviewee: tuple[Speaker, str | None, Quote] | None = None
    interviewee_read: bool = False
    #: The end of each sentence's words, by the sentence (see ``_content_end``).
    content_ends: dict[tuple[int, int], int] = field(default_factory=dict)
    #: Where a second cue of the sentence's subject begins ("said A and added that B").
    split_at: int | None = None
    #: Outlets closing each paragraph ("…, Sputnik Tajikistan reports."), read once per paragraph.
    tail_via: dict[tuple[int, int], list[ViaMention]] = field(default_factory=dict)
    #: Quotations of the paragraph being read that have no attribution of their own yet.
    waiting: list[tuple[int, QuoteSpan, int, int, tuple[int, int], int]] = field(
        default_factory=list
    )

    @property
    def cues(self) -> _Cues:
        return _RU_CUES if self.lang == "ru" else _EN_CUES

    # -- sentences -----------------------------------------------------------------------------

    def sentences(self, start: int, end: int, spans: list[QuoteSpan]) -> list[tuple[int, int]]:
        text = self.text
        closed = [(s.open, s.end) for s in spans if s.closed]
        out: list[tuple[int, int]] = []
        s0 = start
        for m in _SENTENCE_END.finditer(text, start, end):
            cut = m.start()
            # a cut inside a quotation, unless only its closing marks follow: “ongoing.” He …
            if any(a < cut < b - 1 and m.end() < b for a, b in closed):
                continue
            if _ABBREV.search(text[max(start, cut - 6) : cut + 1]):
                continue
            out.append((s0, m.end()))
            s0 = m.end()
        if s0 < end:
            out.append((s0, end))
        return out

    # -- attribution around a cue ---------------------------------------------------------------

    def _first_cue(self, start: int, end: int, spans: list[QuoteSpan]) -> re.Match[str] | None:
        for m in self.cues.cue.finditer(self.text, start, end):
            if m.start() in self.used_cues:
                continue
            if any(s.inner_start <= m.start() < s.inner_end for s in spans):
                continue
            return m
        return None

    def _after_cue(self, cue: re.Match[str], end: int) -> tuple[int, int]:
        """The speaker's words after a cue (``said X``, ``заявил X``, ``according to X,``)."""
        text = self.text
        a = cue.end()
        word = cue.group(0).lower()
        if self.lang == "ru" and word in self.cues.impersonal:
            m = re.match(r"\s+(?:в|во)\s+", text[a:end])
            if m:
                a += m.end()
                stop = re.compile(r"[,.;:!?()«»]|\s—|\s(?:передает|сообщает|пишет)\b")
                m2 = stop.search(text, a, end)
                return a, m2.start() if m2 else end
        if self.lang == "ru":
            skip = _RU_AFTER_CUE_SKIP.match(text, a, end)
            if skip:
                a = skip.end()
            a = self._past_outlet(a, end)
        pron = re.match(r"\s+(он|она|они|he|she|they|him|her|them)\b", text[a:end], re.IGNORECASE)
        if pron:
            return a + pron.start(1), a + pron.end(1)
        # "По информации «Газпрома», …": a name in marks is the speaker's words, not a stop
        named = re.match(r"\s*(?:[\w-]+\s+){0,3}«[^«»\n]{1,50}»", text[a:end])
        m2 = self._stop_after(a + (named.end() if named else 0), end)
        b = m2.start() if m2 else end
        if self.lang != "ru" and _INDEFINITE_AFTER.match(text, a, end):
            # "said a driver from Rushan who asked …": an unnamed source with where it is from
            m3 = _INDEFINITE_END.search(text, a, end)
            b = max(b, m3.start() if m3 else end)
        if self.lang == "ru" and not self._has_person(a, b):
            # "сообщила заместитель министра труда, миграции и занятости Шоира Шарифзода."
            far = _RU_SPEAKER_END.search(text, b, end)
            while far is not None and far.group(0) == "«":
                # "заместитель директора ОАО «Российские железные дороги» X": a name in marks
                close = _NAME_IN_MARKS.match(text, far.start(), end)
                if close is None:
                    break
                far = _RU_SPEAKER_END.search(text, close.end(), end)
            for _s, e, ent in self.resolver.entities_in(b, far.start() if far else end):
                if ent.type == "PERSON":
                    b = e
                    break
        if self.lang == "ru":
            b = self._before_outlet(a, b)
            channel = _OWN_CHANNEL.search(text, a, b)
            if channel is not None and channel.start() > a:
                b = channel.start()  # "сообщила мэрия в своем Telegram-канале": where, not who
        elif text[b : b + 1] == "," and not self._has_person(a, b):
            # "said the deputy minister, Ali Karimov": the name in apposition to the role
            for s, e, ent in self.resolver.entities_in(b, min(end, b + 60)):
                if ent.type == "PERSON" and not text[b + 1 : s].strip():
                    return a, e
        return a, b

    def _stop_after(self, start: int, end: int) -> re.Match[str] | None:
        """Where the speaker's words after a cue end; not at the point of ``Mr.`` or ``J.``."""
        text = self.text
        at = start
        while True:
            m = self.cues.stop_after.search(text, at, end)
            if (
                m is None
                or text[m.start()] != "."
                or not _ABBREV.search(text[max(start, m.start() - 6) : m.start() + 1])
            ):
                return m
            at = m.end()

    def _has_person(self, start: int, end: int) -> bool:
        return any(ent.type == "PERSON" for _s, _e, ent in self.resolver.entities_in(start, end))

    def _outlet_at(self, start: int, end: int) -> int | None:
        """The end of an outlet's name at ``start`` (``«Интерфаксу»``, ``Sputnik``), if one is."""
        m = _NAME_AT.match(self.text, start, end)
        if m is None:
            return None
        name = m.group(1).strip("«»“”")
        if self.outlet_names is not None and self.outlet_names(name) is not None:
            return m.end()
        for s, e, ent in self.resolver.entities_in(m.start(1), m.end()):
            if ent.type == "MEDIA" and s == m.start(1):
                return e
        return None

    def _past_outlet(self, start: int, end: int) -> int:
        """After the outlet spoken to: ``сказал «Интерфаксу» замминистра`` -> ``замминистра``."""
        after = self._outlet_at(start, end)
        if self.lang == "ru":
            # "сообщил корреспонденту НИАТ «Ховар» директор …", "сказал агентству «Ховар» X":
            # an agency's letters or a media word, then its name
            lead = _MEDIA_LEAD.match(self.text, start, end)
            if after is None and lead is not None:
                after = self._outlet_at(lead.end(), end)
            elif after is not None:
                after = self._outlet_at(after, end) or after
        return after if after is not None else start

    def _before_outlet(self, start: int, end: int) -> int:
        """Without the outlet at the end: ``сказал эксперт Азаттыку`` -> ``эксперт``."""
        words = list(re.finditer(r"\S+", self.text[start:end]))
        for w in words[1:][-3:]:
            at = start + w.start()
            got = self._outlet_at(at - 1, end)
            if got is not None and not self.text[got:end].strip():
                return at
        return end

    def _subject_candidates(self, left: int, right: int) -> list[tuple[int, int]]:
        """Where the subject before a cue may be: after openers, without relative clauses."""
        text = self.text
        seg = text[left:right]
        m = self.cues.openers.match(seg)
        if m:
            left += m.end()
            seg = seg[m.end() :]
        adv = self.cues.adverbs.search(seg)
        if adv:
            right = left + adv.start()
            seg = seg[: adv.start()]
        seg_stripped = seg.rstrip(" ,")
        right = left + len(seg_stripped)
        if not seg_stripped.strip():
            return []
        rel = _RELATIVE.search(seg_stripped)
        if rel and not seg_stripped[rel.end() :].strip():
            seg_stripped = seg_stripped[: rel.start()]
            right = left + len(seg_stripped)
        if "," not in seg_stripped:
            return [(left, right)]
        first = seg_stripped.index(",")
        last = seg_stripped.rindex(",")
        last_words = seg_stripped[last + 1 :].split()
        if self.lang != "ru" and (
            len(seg_stripped[:first].split()) == 1
            or (last_words and last_words[0].lower() in _SUBJECT_OPENERS)
        ):
            # "Significantly, the judge said", "…, that is cause for celebration, he said":
            # the words nearest the verb first
            return [(left + last + 1, right), (left, left + first), (left, right)]
        return [(left, left + first), (left + last + 1, right), (left, right)]

    def _is_subject(self, start: int, end: int, *, impersonal: bool = False) -> bool:
        words = self.text[start:end].split()
        if not words or len(words) > 16:
            return False
        first = words[0].lower()
        if impersonal and first in ("в", "во") and len(words) > 1:
            return True
        if self.lang != "ru" and first.endswith("ing") and first not in ("king",):
            return False
        if self.lang != "ru" and first in _INTRO_PARTICIPLES:
            return False  # "Asked what a commitment looks like, Devine replied …"
        preps = ("in", "at", "on", "during", "after", "for", "with", "from", "by", "to", "of", "as",
                 "в", "на", "во", "при", "после", "с", "к", "о", "об", "для", "из")  # fmt: skip
        return first not in preps

    def _resolve_any(
        self, candidates: list[tuple[int, int]], gender: str | None, impersonal: bool = False
    ) -> Speaker | None:
        # words that hold a person's name go first: "Глава делегации, замминистра X Y, отметил"
        candidates = sorted(candidates, key=lambda c: not self._has_person(*c))
        for a, b in candidates:
            if not self._is_subject(a, b, impersonal=impersonal):
                continue
            m = re.match(r"\s*(?:в|во)\s+", self.text[a:b], re.IGNORECASE) if impersonal else None
            if m:
                a += m.end()
                if self.lang == "ru":
                    b = self._before_outlet(a, b)  # "В хокимияте Ташкента Sputnik пояснили"
            speaker = self.resolver.resolve(a, b, gender=gender)
            if speaker is not None:
                return speaker
        return None

    def _impersonal(self, cue: re.Match[str]) -> bool:
        """Russian plural cues with no person (*сообщили в министерстве*, *как заявили в МИД*)."""
        words = cue.group(0).lower().split()
        return self.lang == "ru" and bool(words) and words[-1] in self.cues.impersonal

    def _gender(self, cue: re.Match[str]) -> str | None:
        return gender_of_cue(cue.group(0)) if self.lang == "ru" else None

    def speaker_at_cue(
        self, cue: re.Match[str], left: int, right: int, *, prefer_after: bool = False
    ) -> Speaker | None:
        """The speaker of a cue: the subject in ``[left, cue)`` or the words after it."""
        kind = cue.lastgroup
        gender = self._gender(cue)
        impersonal = self._impersonal(cue)
        if kind == "accpro":
            word = re.search(r"\s(\w+)\s", cue.group(0))
            pron = word.group(1).lower() if word else "his"
            g = _POSSESSIVE.get(pron, "m")
            a = cue.start() + (word.start(1) if word else 0)
            return self.resolver.pronoun(a, a + len(pron), g)
        their = _THEIR_WORDS.search(cue.group(0)) if self.lang == "ru" else None
        if their is not None:
            # "— приводит его слова РИА Новости": the pronoun inside the cue is the speaker
            a = cue.start() + their.start(1)
            g = {"его": "m", "ее": "f", "её": "f"}.get(their.group(1).lower(), "p")
            return self.resolver.pronoun(a, a + len(their.group(1)), g)
        if kind == "acc" and _OUTLET_AS_SOURCE.fullmatch(cue.group(0)):
            # "Как пишет газета «Коммерсантъ», …": the outlet is the source, not a via
            a = cue.end()
            comma = self.text.find(",", a, right)
            b = comma if comma >= 0 else right
            return self.resolver.resolve(a, b) if self._is_media(a, b) else None
        if kind == "acc":
            a, b = self._after_cue(cue, right)
            if self._is_media(a, b):
                return None
            return self._resolve_any([(a, b)], gender, impersonal)
        before = self._subject_candidates(left, cue.start())
        after_ok = kind != "passive" or self.lang == "ru"
        if self.lang != "ru" and kind == "verb":
            # "…, said the minister": only verbs of saying put their speaker after them
            after_ok = cue.group(0).lower().split()[0] in _INVERTIBLE
        after = [self._after_cue(cue, right)] if after_ok else []
        if kind == "passive" and self.lang == "ru":
            before = []
        order = (after + before) if prefer_after or not before else (before + after)
        if not order:
            return None
        speaker = self._resolve_any(order, gender, impersonal)
        if (
            speaker is not None
            and cue.group(0).lower() in _OUTLET_CUES
            and speaker.start is not None
            and speaker.end is not None
            and self._is_media(speaker.start, speaker.end)
        ):
            return None
        return speaker

    def _in_outlet_name(self, cue: re.Match[str]) -> bool:
        """A cue word inside an outlet's name (``«Говорит Москва»``) is none (Russian only)."""
        if self.lang != "ru":
            return False
        return any(
            ent.type == "MEDIA" and s <= cue.start() and cue.end() <= e
            for s, e, ent in self.resolver.entities_in(cue.start() - 60, cue.end() + 60)
        )

    def _is_media(self, start: int, end: int) -> bool:
        for _s, _e, ent in self.resolver.entities_in(start, end):
            if ent.type == "MEDIA":
                return True
        words = self.text[start:end].lower()
        if is_domain(words.strip()):
            return True
        if _ROLE_FIRST[self.lang == "ru"].match(words.strip()):
            return False  # "глава агентства", "the agency's director": a person
        if self.lang == "ru" and _STATE_AGENCY.match(self.text, start, end):
            return False  # "Агентство внешней трудовой миграции", "Агентства по статистике"
        if _MEDIA_WORDS[self.lang == "ru"].search(words):
            return True
        if self.outlet_names is not None:
            name = re.sub(r"^(?:the)\s+", "", self.text[start:end].strip(), flags=re.IGNORECASE)
            return bool(name) and self.outlet_names(name) is not None
        return False

    # -- direct quotations ----------------------------------------------------------------------

    def tail(
        self, start: int, end: int, spans: list[QuoteSpan], *, whole: bool = False
    ) -> tuple[Speaker, re.Match[str], int] | None:
        """An attribution starting at ``start`` (after a closing mark): ``, X said``."""
        text = self.text
        m = re.match(r"[\s,.!?…;]*(?:[—–-]+\s*)?", text[start:end])
        p = start + (m.end() if m else 0)
        if p >= end:
            return None
        cue = self._first_cue(p, min(end, p + 160), spans)
        if cue is None or self._has_stop(p, cue.start()):
            return None
        if len(text[p : cue.start()].split()) > 14:
            return None
        if whole and re.search(r"[\"“«„]", text[p:end]):
            return None
        if self._new_sentence(start, p) and self._content_start(cue, end) is not None:
            return None  # "«…». Он также отметил, что …": the next sentence's own statement
        speaker = self.speaker_at_cue(cue, p, end, prefer_after=p == cue.start())
        if speaker is None:
            return None
        return speaker, cue, p

    def _new_sentence(self, start: int, p: int) -> bool:
        """True when a sentence ends at the closing mark at ``start`` and another begins at ``p``."""
        text = self.text
        ended = re.search(r"[.!?…]", text[start:p]) or text[max(0, start - 2) : start].rstrip(
            "»”\"’'"
        ).endswith((".", "!", "?", "…"))
        return bool(ended) and p < len(text) and text[p].isupper()

    def naming(self, start: int, end: int) -> tuple[Speaker, re.Match[str]] | None:
        """A naming verb before the mark: ``X назвал это решение «``, ``X called it “``."""
        m = _NAMING[self.lang == "ru"].search(self.text, start, end)
        if m is None or self._has_stop(m.end("verb"), end):
            return None
        candidates = self._subject_candidates(start, m.start())
        if not candidates:
            return None
        if self.lang != "ru" and _AND_BEFORE.search(self.text, start, m.start()):
            # "He says he respects Clinton and calls her “…”": the sentence's subject names
            first = self._sentence_subject(start, m.start())
            return (first, m) if first is not None else None
        plural = self.lang == "ru" and m.group("verb").lower().endswith("и")
        # "В Министерстве транспорта назвали приговор «…»": the organisation, impersonally
        speaker = self._resolve_any(candidates, self._gender(m), impersonal=plural)
        if speaker is None or (
            speaker.start is not None
            and self._is_media(speaker.start, speaker.end or speaker.start)
        ):
            return None
        return speaker, m

    def inside(
        self, span: QuoteSpan, a: int, b: int
    ) -> tuple[Speaker, re.Match[str], int, int, int] | None:
        """``«…, — добавил дипломат. — …»``: the attribution between dashes inside a quotation.

        Gives the speaker, the cue, the end of the first part, the start of the second part and
        the end of the attribution.
        """
        text = self.text
        for dash in _INSIDE_DASH.finditer(text, a, b):
            cue = self._first_cue(dash.end(), min(b, dash.end() + 120), [])
            if cue is None or len(text[dash.end() : cue.start()].split()) > 3:
                continue
            resume = _INSIDE_RESUME.search(text, cue.end(), b)
            if resume is None or self._has_stop(cue.end(), resume.start()):
                continue
            if len(text[cue.end() : resume.start()].split()) > 14:
                continue
            speaker = self.speaker_at_cue(
                cue, dash.end(), resume.start(), prefer_after=dash.end() == cue.start()
            )
            if speaker is None:
                continue
            cut = dash.start() + (1 if text[dash.start()] in ".!?…" else 0)
            return speaker, cue, cut, resume.end(), resume.start()
        return None

    def head(
        self, start: int, end: int, spans: list[QuoteSpan]
    ) -> tuple[Speaker, re.Match[str]] | None:
        """An attribution before an opening mark: ``X said: “``, ``По словам X, «``."""
        text = self.text
        seg = text[start:end].rstrip()
        if not seg or not (
            seg.endswith((":", ",", "—", "–")) or re.search(r"\b(?:that|что)$", seg, re.IGNORECASE)
        ):
            return None
        cue = None
        for m in self.cues.cue.finditer(text, start, end):
            if m.start() in self.used_cues or any(
                s.inner_start <= m.start() < s.inner_end for s in spans
            ):
                continue
            cue = m
        if cue is None:
            return None
        if (
            self.lang != "ru"
            and re.search(r"\bthat$", seg, re.IGNORECASE)
            and len(text[cue.end() : end].split()) > 6
        ):
            return None  # "told the crowd that it meant a lot to him that “…”": a partial
        left = start
        speaker = self.speaker_at_cue(cue, left, end)
        if speaker is None:
            return None
        return speaker, cue

    def direct(self, para: int, start: int, end: int, spans: list[QuoteSpan]) -> None:
        text = self.text
        sentences = self.sentences(start, end, spans)
        prev_end = start
        split: tuple[Speaker, re.Match[str], int] | None = None
        for idx, span in enumerate(spans):
            inner_s, inner_e = self._inner(span)
            if inner_e <= inner_s:
                prev_end = span.end
                continue
            nxt = spans[idx + 1].open if idx + 1 < len(spans) else end
            sent = next(((a, b) for a, b in sentences if a <= span.open < b), (start, end))
            attribution: tuple[Speaker, re.Match[str], tuple[int, int]] | None = None
            kind = "direct"
            inside = self.inside(span, inner_s, inner_e) if span.closed else None
            if inside is not None:
                speaker, cue, cut_at, resume, stop = inside
                self.used_cues.add(cue.start())
                for qa, qb in ((inner_s, cut_at), (resume, inner_e)):
                    qa, qb = self._inner(QuoteSpan(qa, None, qa, qb))
                    if len(text[qa:qb].split()) >= 1:
                        self._add(
                            Quote(text[qa:qb], "direct", qa, qb, speaker, cue.group(0)),
                            para, sent, (cut_at, stop), cue.start(),
                        )  # fmt: skip
                prev_end = span.end
                split = None
                continue
            if span.closed and inner_s > sent[0]:
                named = self.naming(max(sent[0], prev_end), span.open)
                if named is not None:
                    attribution = (named[0], named[1], (max(sent[0], prev_end), span.open))
                    kind = "partial"
            if attribution is not None:
                pass
            elif span.closed:
                got = self.tail(span.end, min(nxt, max(sent[1], span.end + 1)), spans)
                if got is None:
                    got = self.tail(span.end, nxt, spans, whole=True)
                if got is not None:
                    speaker, cue, _p = got
                    stop = self._attribution_end(cue, nxt)
                    attribution = (speaker, cue, (span.end, stop))
            else:
                cut = self._unclosed_attribution(span, spans)
                if cut is not None:
                    inner_e, speaker, cue = cut
                    attribution = (speaker, cue, (inner_e, span.inner_end))
            if attribution is None and split is not None and split[2] <= span.open:
                between = text[split[2] : span.open]
                if not between.strip(" ,;:—–-"):
                    attribution = (split[0], split[1], (prev_end, span.open))
            if attribution is None:
                hs = max(sent[0], prev_end)
                got_head = self.head(hs, span.open, spans)
                if got_head is not None:
                    speaker, cue = got_head
                    attribution = (speaker, cue, (hs, span.open))
            prev_end = span.end
            split = None
            if attribution is not None and attribution[1].start() > span.open:
                split = (attribution[0], attribution[1], self._clause_end(attribution[1], nxt))
            words = len(text[inner_s:inner_e].split())
            if attribution is None:
                # read once the paragraph's reported speech is known ("X said that A. «B…»")
                self.waiting.append((para, span, inner_s, inner_e, sent, words))
                continue
            speaker, cue, region = attribution
            if words < 1 or (words < 3 and cue.start() < span.open and not span.closed):
                continue
            self.used_cues.add(cue.start())
            self._add(
                Quote(text[inner_s:inner_e], kind, inner_s, inner_e, speaker, cue.group(0)),
                para, sent, region, cue.start(),
            )  # fmt: skip
            if kind == "partial" and self.lang != "ru":
                self._named_object(para, sent, cue, speaker, span)
            if self.lang == "ru" and cue.end() <= span.open:
                self._that_then_colon(para, sent, cue, span.open, speaker)

    def _named_object(
        self, para: int, sent: tuple[int, int], cue: re.Match[str], speaker: Speaker,
        span: QuoteSpan,
    ) -> None:  # fmt: skip
        """``Sanders called the DNC's suspension “arbitrary.”``: what was said of what, reported
        whole (the words in marks are the partial quote)."""
        text = self.text
        a = cue.end()
        b = self._content_end(*sent)
        stop = re.search(r"[;:]|\s[—–]\s", text[span.end : b])
        if stop:
            b = span.end + stop.start()
        while b > a and text[b - 1] in " \t,.;:":
            b -= 1
        while a < b and text[a] in " \t,":
            a += 1
        if not (a < span.open and span.end <= b + 1) or len(text[a:b].split()) < 3:
            return
        quote = Quote(text[a:b], "indirect", a, b, speaker, cue.group(0))
        self._add(quote, para, sent, (sent[0], a), cue.start())

    def _that_then_colon(
        self, para: int, sent: tuple[int, int], cue: re.Match[str], mark: int, speaker: Speaker
    ) -> None:
        """``X заявил, что A: «B»``: A is reported speech of the quotation's speaker too."""
        text = self.text
        m = _THAT_THEN_COLON.match(text, cue.end(), mark)
        if m is None or len(m.group("what").split()) < 3:
            return
        a, b = m.span("what")
        self._add(
            Quote(text[a:b], "indirect", a, b, speaker, cue.group(0)),
            para, sent, (sent[0], a), cue.start(),
        )  # fmt: skip

    def _inner(self, span: QuoteSpan) -> tuple[int, int]:
        text = self.text
        a, b = span.inner_start, span.inner_end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1] in " \t,;:—–-":
            b -= 1
        return a, b

    def _has_stop(self, start: int, end: int) -> bool:
        """True when a sentence ends in ``[start, end)`` (not the dot of *Mr.* or *U.S.*)."""
        text = self.text
        for m in re.finditer(r"[.!?;](?!\w)", text[start:end]):  # not the dot of Газета.Ru
            i = start + m.start()
            if text[i] == "." and _ABBREV.search(text[max(0, i - 6) : i + 1]):
                continue
            if text[i] == "." and text[i + 1 : i + 2] == ")":
                continue  # "Rep. Earl Blumenauer (D-Ore.) said": a party and state
            return True
        return False

    def _clause_end(self, cue: re.Match[str], limit: int) -> int:
        """Where a cue's clause ends: ``,” he said, “…`` ends at the second comma."""
        m = re.search(r"[,.;:!?]", self.text[cue.end() : limit])
        return cue.end() + m.start() if m else limit

    def _attribution_end(self, cue: re.Match[str], limit: int) -> int:
        # a name in marks does not end it: "в сообщении ОАО «Рогунская ГЭС», распространенном…"
        for m in re.finditer(r"[.!?;](?!\w)|[\"“«„]", self.text[cue.end() : limit]):
            at = cue.end() + m.start()
            if self.text[at] == "«" and re.match(r"«[A-ZА-ЯЁ][^«»\n]{0,40}»", self.text[at:limit]):
                continue
            if self.text[at] in ".!?;" or not self._in_name(at):
                return at
        return limit

    def _in_name(self, at: int) -> bool:
        """True when the mark at ``at`` closes a short name in marks («Рогунская ГЭС»)."""
        text = self.text
        opened = text.rfind("«", max(0, at - 42), at)
        return text[at] == "»" and opened >= 0 and "»" not in text[opened:at]

    def _unclosed_attribution(
        self, span: QuoteSpan, spans: list[QuoteSpan]
    ) -> tuple[int, Speaker, re.Match[str]] | None:
        """``“…quality, Zas was cited as saying by RIA Novosti.``: where the words end."""
        text = self.text
        lo = max(span.inner_start, span.inner_end - 400)
        for m in reversed(list(re.finditer(r"[,.!?](?=\s)", text[lo : span.inner_end]))):
            c = lo + m.start()
            rest = text[c + 1 : span.inner_end]
            if len(rest.split()) > 20:
                break
            cue = self._first_cue(c + 1, span.inner_end, [])
            if cue is None or self._has_stop(c + 1, cue.start()):
                continue
            if len(text[c + 1 : cue.start()].split()) > 8:
                continue
            speaker = self.speaker_at_cue(
                cue, c + 1, span.inner_end, prefer_after=not text[c + 1 : cue.start()].strip()
            )
            if speaker is not None:
                end = c + 1 if text[c] in ".!?" else c
                return end, speaker, cue
        return None

    def continuations(self) -> None:
        """The quotations of a paragraph with no attribution of their own, once it is read."""
        waiting, self.waiting = self.waiting, []
        for item in waiting:
            self._maybe_continuation(*item)

    def _maybe_continuation(
        self, para: int, span: QuoteSpan, a: int, b: int, sent: tuple[int, int], words: int
    ) -> None:
        """A quotation with no attribution of its own continues the last speaker's words."""
        if words < 3 or not self.found:
            return
        text = self.text
        lead = text[sent[0] : span.open].strip()
        if lead and not re.fullmatch(r"[\W_]*", lead):
            return
        before = [f for f in self.found if f.para <= para and f.quote.start < span.open]
        if not before:
            return
        last = max(before, key=lambda f: f.quote.start)
        if last.para < para - 1 or last.quote.speaker is None:
            return
        q = last.quote
        self._add(
            Quote(text[a:b], "direct", a, b, q.speaker, q.cue, q.date, q.date_text, q.via),
            para, sent, (span.end, span.end), -1, inherit=True,
        )  # fmt: skip

    # -- interviews -----------------------------------------------------------------------------

    def answer(self, para: int, answer: Answer, interview: Interview) -> bool:
        """An interview's answer as a statement of the person asked; False to read it as prose."""
        text = self.text
        lead = self._interviewee(interview)
        if answer.label is not None:
            a, b = answer.label
            label = text[a:b].strip("«»")
            speaker = self.resolver.resolve(a, b) or Speaker(label, None, text[a:b], a, b)
        elif lead is not None:
            speaker = lead[0]
            if interview.plain and para - 1 not in interview.questions and speaker.entity:
                para_end = answer.end
                if any(
                    e.id == speaker.entity
                    for _s, _e, e in self.resolver.entities_in(answer.start, para_end)
                ):
                    return False  # "Nazarova said…": the reporter's narration between answers
        else:
            return False
        a, b = answer.start, answer.end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if not text[a:b].strip(" .,;:!?—–-"):
            return True
        cue, dated = (lead[1], lead[2]) if lead is not None else (None, None)
        self._add(
            Quote(text[a:b], "direct", a, b, speaker, cue,
                  dated.date if dated else None, dated.date_text if dated else None,
                  dated.via if dated else ()),
            para, (a, b), (a, a), -1, inherit=True,
        )  # fmt: skip
        return True

    def _interviewee(self, interview: Interview) -> tuple[Speaker, str | None, Quote] | None:
        """The person named in an interview's lead, nearest an interview word (*told*, *spoke to*).

        Without such a word, the first person of the lead, except in the plain layout (where a
        few questions may be a reporter's own).
        """
        if self.interviewee_read:
            return self.interviewee
        self.interviewee_read = True
        lo, hi = interview.lead
        people = [(s, e, ent) for s, e, ent in self.resolver.entities_in(lo, hi)
                  if ent.type == "PERSON"]  # fmt: skip
        if not people:
            return None
        cue = interview_cue(self.text, lo, hi, self.lang)
        if cue is None and interview.plain:
            return None
        if cue is not None:
            s, e, ent = min(
                people, key=lambda p: min(abs(p[0] - cue.end()), abs(cue.start() - p[1]))
            )
        else:
            s, e, ent = people[0]
        speaker = Speaker(ent.name, ent.id, self.text[s:e], s, e)
        sent = next(((a, b) for a, b in self.sentences(lo, hi, []) if a <= s < b), (lo, hi))
        at = cue.start() if cue is not None else s
        probe = Quote("", "direct", hi, hi, speaker)
        probe = self._dated(probe, sent, sent, at)
        probe = replace(probe, via=self._via(probe, sent, sent))
        self.interviewee = (speaker, cue.group(0) if cue is not None else None, probe)
        return self.interviewee

    # -- reported speech ------------------------------------------------------------------------

    def indirect(self, para: int, start: int, end: int, spans: list[QuoteSpan]) -> None:
        text = self.text
        line = text[start:end].strip()
        if line and line[-1] not in _SENTENCE_CLOSERS and len(line.split()) <= 12:
            return  # an intertitle ("Officials say work is going on") reports no statement
        for s0, s1 in self.sentences(start, end, spans):
            if self._covered(s0, s1, spans):
                continue
            if self._citing(para, s0, s1, spans):
                continue
            lead = self.cues.openers.match(text[s0:s1])
            body = s0 + (lead.end() if lead else 0)
            carried = _AS_OUTLET_SAYS.match(text, body, s1) if self.lang == "ru" else None
            if (
                carried is not None
                and self._outlet_at(carried.start("name") - 1, s1) is not None
                and self._own_cue(carried.end(), s1)
            ):
                # "Как сообщает издание Kaktus.media, мэр … пообещал …": the outlet only carries
                body = carried.end()
            got = False
            for cue in self.cues.cue.finditer(text, s0, s1):
                if cue.start() in self.used_cues or any(
                    s.inner_start <= cue.start() < s.inner_end for s in spans
                ):
                    continue
                if self._in_outlet_name(cue):
                    continue  # "в эфире радиостанции «Говорит Москва» заявил": no cue
                if self.split_at is not None and cue.start() < self.split_at:
                    continue
                self.split_at = None
                got = self._reported(para, s0, s1, body, cue, spans)
                if got and self.split_at is None:
                    break
            self.split_at = None
            if self.lang == "ru" and not got:
                self._such_view(para, s0, s1, body, spans)
            if self.lang != "ru":
                self._participle(para, s0, s1, spans)

    def _such_view(self, para: int, s0: int, s1: int, body: int, spans: list[QuoteSpan]) -> bool:
        """``Такие данные РБК привел X``, ``Такое заявление сделал X``: the sentence before."""
        text = self.text
        m = _SUCH_VIEW_CUE.match(text, body, s1)
        if m is None or self._has_stop(body, m.start("verb")):
            return False
        cue = _SUCH_VIEW_VERB.match(text, m.start("verb"))
        prior = self._previous_sentence(s0, spans)
        if cue is None or prior is None:
            return False
        speaker = self.speaker_at_cue(
            cue, cue.start(), self._content_end(s0, s1), prefer_after=True
        )
        if speaker is None:
            return False
        return self._emit(para, prior, prior[0], self._content_end(*prior), speaker, cue, (s0, s1),
                          spans)  # fmt: skip

    def _citing(self, para: int, s0: int, s1: int, spans: list[QuoteSpan]) -> bool:
        """An outlet citing its sources: the sources are the speaker, the outlet is the via.

        ``…, как сообщает «Интерфакс» со ссылкой на источник в отрасли.``, ``Reuters со ссылкой
        на два источника сообщило, что …``, ``…, Reuters reported, citing two sources.``
        """
        ru = self.lang == "ru"
        text = self.text
        m = _CITING[ru].search(text, s0, s1)
        if m is None or any(s.inner_start <= m.start() < s.inner_end for s in spans):
            return False
        stop = _CITED_END[ru].search(text, m.end(), s1)
        a, b = m.end(), stop.start() if stop else s1
        while b > a and text[b - 1] in " .":
            b -= 1
        if b <= a or self._outlet_at(a, b) is not None or self._is_media(a, b):
            return False  # "со ссылкой на ТАСС": one outlet citing another, a via chain
        speaker = self.resolver.resolve(a, b)
        if speaker is None or speaker.start is None:
            return False
        if speaker.entity is not None and self._is_media(speaker.start, speaker.end or b):
            return False
        end = self._content_end(s0, s1)
        lead = text[s0 : m.start()]
        outlet_before = self._is_media(s0, m.start()) or any(
            self._outlet_at(w.start() + s0 - 1, m.start()) is not None
            for w in re.finditer(r"\S+", lead)
        )
        as_reported = _AS_REPORTED[ru].search(text, s0, m.start())
        if as_reported is not None and self._speaks_within(s0, as_reported.start(), spans):
            return False  # "X сообщил, что …, пишет Y со ссылкой на пресс-службу": X speaks
        if as_reported is not None:
            # "CONTENT, как сообщает X со ссылкой на …" / "CONTENT, Reuters reported, citing …"
            a0 = s0
            lead_m = self.cues.openers.match(text, s0, as_reported.start())
            if lead_m:
                a0 = lead_m.end()
            region = (as_reported.start(), max(b, m.end()))
            return self._emit_cited(para, (s0, s1), a0, as_reported.start(), speaker, m, region,
                                    spans)  # fmt: skip
        if not outlet_before:
            return False
        if ru and stop is not None and text[stop.start()] == "," and _AS_LEAD.match(lead):
            # "Как сообщает ТАСС со ссылкой на МВД России, CONTENT"
            a0 = stop.end()
            while a0 < end and text[a0] == " ":
                a0 += 1
            return self._emit_cited(para, (s0, s1), a0, end, speaker, m, (s0, a0), spans,
                                    self._lead_outlet(s0, m.start()))  # fmt: skip
        that = self.cues.that.search(text, b, min(end, b + 120))
        if that is None or self._has_stop(b, that.start()):
            return False
        # "Reuters со ссылкой на два источника сообщило, что CONTENT"
        return self._emit_cited(para, (s0, s1), that.end(), end, speaker, m, (s0, that.end()),
                                spans, self._lead_outlet(s0, m.start()))  # fmt: skip

    def _lead_outlet(self, a: int, b: int) -> str | None:
        """The first outlet named in ``text[a:b]``, by its known name when it has one."""
        text = self.text
        for w in re.finditer(r"\S+", text[a:b]):
            got = self._outlet_at(a + w.start(), b)
            if got is not None:
                name = text[a + w.start() : got].strip(' ,«»"')
                return (self.outlet_names(name) if self.outlet_names else None) or name
        return None

    def _speaks_within(self, start: int, end: int, spans: list[QuoteSpan]) -> bool:
        """True when ``[start, end)`` holds an attribution of its own: a person, then a cue."""
        for cue in self.cues.cue.finditer(self.text, start, end):
            if cue.lastgroup != "verb" or any(s.open <= cue.start() < s.end for s in spans):
                continue
            if self._has_person(start, cue.start()):
                return True
        return False

    def _emit_cited(
        self,
        para: int,
        sent: tuple[int, int],
        a: int,
        b: int,
        speaker: Speaker,
        cue: re.Match[str],
        region: tuple[int, int],
        spans: list[QuoteSpan],
        outlet: str | None = None,
    ) -> bool:
        """Emit the sources' statement; ``outlet`` (the subject of the sentence) carries it."""
        if not self._emit(para, sent, a, b, speaker, cue, region, spans):
            return False
        if outlet:
            for f in self.found[-3:]:
                if f.cue_at == cue.start() and outlet not in f.quote.via:
                    f.quote = replace(f.quote, via=(*f.quote.via, outlet))
        return True

    def _participle(self, para: int, s0: int, s1: int, spans: list[QuoteSpan]) -> None:
        """``X said …, adding that …``: a second statement of the sentence's speaker."""
        text = self.text
        ours = [f for f in self.found[-6:] if f.sentence == (s0, s1) and f.quote.speaker]
        first_participle = _PARTICIPLE.search(text, s0, s1)
        if not ours or (
            first_participle is not None
            and all(f.quote.start > first_participle.start() for f in ours)
        ):
            # no statement before the participle: "Mrs. Clinton tried …, saying that … ''…''"
            self._participle_of_subject(para, s0, s1, spans)
            return
        for m in _PARTICIPLE.finditer(text, s0, s1):
            if any(s.inner_start <= m.start("cue") < s.inner_end for s in spans):
                continue
            if m.start() in self.used_cues:
                continue
            first = next((f for f in ours if f.quote.start < m.start() < f.quote.end), None)
            source = first or ours[-1]
            if first is None and source.quote.start > m.start():
                continue
            word = m.group("cue").lower()
            if not m.group("that") and word not in ("adding", "saying"):
                continue  # "noting the construction of…" names a thing, not a statement
            if _OUTLET_CLAUSE.search(text, source.quote.end, m.start()):
                continue  # "…, TASS reported, noting…": the outlet's words
            a, b = m.end(), self._content_end(s0, s1)
            while a < b and text[a] in " \t,:":
                a += 1
            if len(text[a:b].split()) < 3:
                continue
            if first is not None and first.quote.kind == "indirect":
                q = first.quote
                cut = m.start()
                while cut > q.start and text[cut - 1] in " ,;":
                    cut -= 1
                first.quote = replace(q, text=text[q.start : cut], end=cut)
            self.used_cues.add(m.start())
            q = source.quote
            self._add(
                Quote(text[a:b], "indirect", a, b, q.speaker, word, q.date, q.date_text, q.via),
                para, (s0, s1), source.region, m.start(), inherit=True,
            )  # fmt: skip
            break

    def _participle_of_subject(self, para: int, s0: int, s1: int, spans: list[QuoteSpan]) -> None:
        """``The ministry declined to comment, saying (that) …``: the sentence's subject speaks."""
        text = self.text
        m = next(
            (
                m
                for m in _PARTICIPLE.finditer(text, s0, s1)
                if m.start() not in self.used_cues
                and not any(s.open <= m.start("cue") < s.end for s in spans)
                and (m.group("that") or m.group("cue").lower() in ("adding", "saying"))
            ),
            None,
        )
        if m is None:
            return
        lead = self.cues.openers.match(text, s0, m.start())
        body = lead.end() if lead else s0
        speaker = self._sentence_subject(body, m.start())
        if speaker is None:
            return
        a, b = m.end(), self._content_end(s0, s1)
        while a < b and text[a] in " \t,:":
            a += 1
        if len(text[a:b].split()) < 3:
            return
        cue = re.compile(re.escape(m.group("cue"))).match(text, m.start("cue"))
        if cue is not None:
            self._emit(para, (s0, s1), a, b, speaker, cue, (s0, m.end()), spans)

    def _sentence_subject(self, start: int, end: int) -> Speaker | None:
        """The speaker named by the first words of a sentence, before its first verb: the longest
        run of up to eight words that resolves, followed by a lower-case word (``Mr. Obama
        revised``, ``The departments declined``, ``She also compared``)."""
        text = self.text
        words = list(re.finditer(r"[^\s,]+", text[start:end]))[:9]
        # "France's party leader, Marine Le Pen, voiced support …": the name in apposition
        for s, e, ent in self.resolver.entities_in(start, min(end, start + 120)):
            if ent.type == "PERSON" and re.match(r",\s+[a-z]", text[e : e + 3]):
                lead = text[start:s]
                if lead.count(",") != 1 or len(lead.split()) > 10:
                    continue
                if re.search(r",\s*$", lead) and not _PAST_THE_VERB.search(
                    text[start:s].rstrip(" ,").split()[-1] if text[start:s].strip(" ,") else "x"
                ):
                    named = self.resolver.resolve(s, e)
                    if named is not None:
                        return named
        for k in range(1, min(8, len(words) - 1) + 1):
            nxt = words[k].group(0)
            if not nxt[:1].islower() or nxt.lower() in _NOT_CLAUSE_EN:
                continue
            if nxt.lower() in _FUNCTION_WORDS or words[k - 1].group(0).lower() in _FUNCTION_WORDS:
                continue
            if _ROLE_FIRST[0].fullmatch(nxt.lower()):
                continue  # "The Florida senator sought …": the role is part of the subject
            b = start + words[k - 1].end()
            if k > 1 and _PAST_THE_VERB.match(words[k - 1].group(0)):
                return None  # "She also compared Trump to …": the subject was "She" or nothing
            if "," in text[start:b] or not self._is_subject(start, b):
                continue
            speaker = self.resolver.resolve(start, b)
            if speaker is not None:
                return speaker
        return None

    def _covered(self, s0: int, s1: int, spans: list[QuoteSpan]) -> bool:
        """A sentence mostly in quotation marks whose quotations have their speaker already.

        One with an unattributed quotation is read on (``Trump says fraud “would be…”``).
        """
        inside = sum(max(0, min(s1, s.end) - max(s0, s.open)) for s in spans)
        if inside <= 0.6 * (s1 - s0):
            return False
        return any(s0 <= f.quote.start < s1 for f in self.found[-8:])

    def _reported(
        self,
        para: int,
        s0: int,
        s1: int,
        body: int,
        cue: re.Match[str],
        spans: list[QuoteSpan],
    ) -> bool:
        text = self.text
        kind = cue.lastgroup
        end = self._content_end(s0, s1)
        # According to X, CONTENT. / По словам X, CONTENT.
        if kind in ("acc", "accpro") and cue.start() <= body + 1:
            comma = text.find(",", cue.end(), end)
            if comma < 0:
                return False
            while self.lang == "ru" and _PARTICIPLE_CLAUSE.match(text, comma + 1, end):
                # "Как отмечается в сообщении МИД, опубликованном в четверг, CONTENT"
                nxt = text.find(",", comma + 1, end)
                if nxt < 0:
                    break
                comma = nxt
            speaker = self.speaker_at_cue(cue, body, comma)
            if speaker is None:
                return False
            return self._emit(para, (s0, s1), comma + 1, end, speaker, cue, (s0, comma), spans)
        if kind in ("acc", "accpro"):
            # CONTENT, according to X.
            comma = text.rfind(",", s0, cue.start())
            if comma < 0 or text[comma : cue.start()].strip(" ,—–-"):
                return False
            speaker = self.speaker_at_cue(cue, cue.start(), end)
            if speaker is None:
                return False
            after = text.find(",", speaker.end or cue.end(), end)
            if after >= 0 and len(text[after:end].split()) >= 2:
                # "A, по мнению X, B": the words around the parenthesis are one statement
                return self._emit(para, (s0, s1), body, end, speaker, cue, (comma, after), spans)
            return self._emit(para, (s0, s1), body, comma, speaker, cue, (comma, end), spans)
        if self.lang == "ru" and _TOPIC.match(text, body, cue.start()):
            return False  # "О сроках строительства … рассказал X": a topic, no statement
        if _EMBEDDED_QUESTION.search(text, body, cue.start()):
            return False  # "asked him about … what Kazakhstan expects from…": no statement
        if kind == "verb" and _NEGATED_CUE.search(text, max(body, cue.start() - 24), cue.start()):
            return False  # "Officials have not yet said which partner…", "не уточнил"
        if kind == "verb" and _QUESTION_WORD.match(text, cue.end()):
            return False  # "said which foreign partner will build…": a question, reported
        word = cue.group(0).lower()
        if kind == "verb" and self.lang != "ru" and _PHRASAL_AFTER.match(text, cue.end()):
            return False  # "helping the company think through its results": no statement
        if kind == "verb" and self.lang != "ru" and _BE_BEFORE.search(text, body, cue.start()):
            return False  # "a delegation is expected in Kabul": a passive, no one speaking
        if word in speech_en.THAT_ONLY and (
            self.lang == "ru" or not _THAT_NEXT.match(text, cue.end()) or word in ("asked", "asks")
        ):
            return False  # "…, World Bank data show.", "who asked that his name not be …"
        if kind == "verb" and self.lang != "ru":
            relative = _WHO_BEFORE.search(text, body, cue.start())
            if relative is not None:
                return self._relative(para, (s0, s1), relative, cue, end, spans)
        # Об этом заявил X: the statement is the sentence before.
        about = self.cues.about_this.match(text[body : cue.start()])
        between = text[body + about.end() : cue.start()] if about else ""
        # "Об этом на брифинге в четверг сообщила X": circumstances between, no clause
        if about and len(between) <= 80 and "," not in between:
            speaker = self.speaker_at_cue(cue, cue.start(), end, prefer_after=True)
            prior = self._previous_sentence(s0, spans)
            if speaker is None or prior is None:
                return False
            para_start = text.rfind("\n", 0, s0) + 1
            if (
                self.lang == "ru"
                and para_start < prior[0]
                and about.group(0).lower().startswith("об")
            ):
                # "A. B. Об этом сообщила пресс-служба X": the news of the paragraph before it,
                # as when "Об этом" opens the next paragraph
                prior = (para_start, prior[1])
            if speaker.entity is not None:
                # "…, по мнению ряда экспертов, снизит роль партий. Такое мнение высказал X":
                # the named speaker of the words replaces an unnamed one read in them before
                self.found = [
                    f for f in self.found
                    if not (prior[0] <= f.quote.start < prior[1] and f.quote.kind == "indirect"
                            and f.quote.speaker is not None and f.quote.speaker.entity is None)
                ]  # fmt: skip
            return self._emit(para, prior, prior[0], self._content_end(*prior), speaker, cue,
                              (s0, s1), spans)  # fmt: skip
        # CONTENT, X said. / CONTENT, — заявил X.
        comma = text.rfind(",", body, cue.start())
        if _CIRCUMSTANCE.match(text, body, max(body, comma)):
            comma = -1  # "In a statement on Wednesday, the ministry said …": no statement before
        tail_end = end
        if self.lang == "ru" and end <= cue.start():
            # "CONTENT, заявил РИА Новости посол X": the outlet spoken to ended the content at
            # the comma; the speaker is after it
            tail_end = s1
            while tail_end > cue.end() and text[tail_end - 1] in " \t.!?…":
                tail_end -= 1
        if comma > body and self._no_that_after(cue, tail_end):
            # the last comma first; then earlier ones, for a list inside the speaker's words
            # ("…, officials from Kazakhstan, Azerbaijan and Georgia said")
            for _ in range(3):
                if comma <= body:
                    break
                got = self.tail(comma, tail_end, spans)
                if (
                    got is not None
                    and got[1].start() == cue.start()
                    and self._ends_sentence(got, tail_end)
                ):
                    if not self._emit(para, (s0, s1), body, comma, got[0], cue,
                                      (comma, tail_end), spans):  # fmt: skip
                        return False
                    self._lead_before(para, s0, got[0], cue, (comma, tail_end), spans)
                    return True
                between = text[comma : cue.start()]
                closing = not between.strip(" ,")  # "…, his top aide, Tad Devine, told …"
                listed = re.search(r"\b(?:and|or|и|или)\b", between) and len(between.split()) <= 5
                if not (closing or listed):
                    break
                comma = text.rfind(",", body, comma)
                if closing and comma > body:
                    comma = text.rfind(",", body, comma)  # before the apposition's first comma
        # X said (that) CONTENT.
        speaker = None
        # the subject is after any quotation before the cue, never a name quoted in it
        left = max([body, *(s.end for s in spans if body < s.end <= cue.start())])
        subject = self._subject_candidates(left, cue.start())
        if (
            self.lang != "ru"
            and left == body
            and _AND_BEFORE.search(text, body, cue.start())
            and len(text[body : cue.start()].split()) > 3
        ):
            # "Wilson praised the plan and said …": the subject of the sentence
            speaker = self._sentence_subject(body, cue.start())
        elif subject:
            speaker = self._resolve_any(subject, self._gender(cue), self._impersonal(cue))
        if speaker is None:
            return False
        if (
            cue.group(0).lower() in _OUTLET_CUES
            and speaker.start is not None
            and self._is_media(speaker.start, speaker.end or speaker.start)
        ):
            return False
        content = self._content_start(cue, end)
        if content is None:
            return self._interrupted(para, (s0, s1), body, end, speaker, cue, spans)
        if self.lang != "ru" and cue.group(0).lower() not in speech_en.THAT_ONLY:
            # "says A and calls her “B”": the second verb brings a statement of its own
            for second in _SECOND_CUE_EN.finditer(text, content, end):
                joined = _AND_NEXT.search(text, content, second.start())
                if joined is not None and joined.end() == second.start():
                    end = joined.start()
                    self.split_at = second.start()
                    break
        before = text.rfind(",", body, speaker.start or cue.start())
        if (
            before > body
            and re.fullmatch(r"\s*,\s*", text[cue.end() : content])
            and not self._has_stop(body, before)
            and not _CIRCUMSTANCE.match(text, body, before)
            and self.lang != "ru"
        ):
            # "The decision, officials said, will be reviewed": the words around the attribution
            return self._emit(para, (s0, s1), body, end, speaker, cue, (before, content), spans)
        return self._emit(para, (s0, s1), content, end, speaker, cue, (s0, content), spans)

    def _resumes(self, cue: re.Match[str], end: int) -> bool:
        """True when the words after a cue's resuming comma go on with the statement (English)."""
        if self.lang == "ru":
            return False
        resume = _RESUME_AFTER_CUE.match(self.text, cue.end(), end)
        if resume is None or _FINITE_IN.search(resume.group(1)):
            return False
        words = self.text[resume.end() : end]
        rest = words.split()
        if len(rest) < 3 or re.match(
            r"(?:[a-z]+ing|according|as|who|which|citing|in|on|at)$", rest[0].lower()
        ):
            return False
        # a clause of its own, not an apposition ("…, announced on Monday, the second rise …")
        return bool(
            _FINITE_IN.search(words)
            or _NEGATED_AUX.search(words)
            or rest[0].lower() in ("because", "but", "while", "although", "though", "since", "so")
        )

    def _interrupted(
        self,
        para: int,
        sent: tuple[int, int],
        body: int,
        end: int,
        speaker: Speaker,
        cue: re.Match[str],
        spans: list[QuoteSpan],
    ) -> bool:
        """``While …, that is cause for celebration, he said, because …``, ``If she wins,
        Clinton suggested in a tweet, women won't be punished``: the words around the
        attribution are one statement, whatever word resumes it."""
        text = self.text
        if self.lang == "ru" or speaker.start is None:
            return False
        before = text.rfind(",", body, speaker.start)
        resume = _RESUME_AFTER_CUE.match(text, cue.end(), end)
        if before <= body or resume is None or _FINITE_IN.search(resume.group(1)):
            return False
        if self._has_stop(body, before) or len(text[resume.end() : end].split()) < 2:
            return False
        if len(text[before + 1 : speaker.start].split()) > 0:
            return False  # the speaker's words are all that stand between the commas
        return self._emit(para, sent, body, end, speaker, cue, (before, resume.end()), spans)

    def _relative(
        self,
        para: int,
        sent: tuple[int, int],
        relative: re.Match[str],
        cue: re.Match[str],
        end: int,
        spans: list[QuoteSpan],
    ) -> bool:
        """``Bob Smith, who said he would …, left early``: the person before *who* speaks, in
        the words up to the comma that closes the clause."""
        text = self.text
        who = relative.start("who")
        person = relative.group("who").lower() == "who"
        named = _NAME_BEFORE_WHO.search(text, max(0, who - 80), relative.end("who"))
        if named is None:
            return False
        found = self.resolver.resolve(named.start(1), named.end(1))
        kinds = {e.id: e.type for e in self.resolver.entities}
        org = found is not None and (
            kinds.get(found.entity or "") in ("ORG", "MEDIA") or self._lex_org(found.name)
        )
        if found is None or org == person or self._is_media(named.start(1), named.end(1)):
            return False
        content = self._content_start(cue, end)
        if content is None:
            return False
        close = text.find(",", content, end)
        stop = close if close > content and len(text[close:end].split()) >= 2 else end
        mention = text[who : relative.end("who")]
        speaker = replace(found, mention=mention, start=who, end=relative.end("who"))
        return self._emit(para, sent, content, stop, speaker, cue, (who, content), spans)

    def _lead_before(
        self,
        para: int,
        s0: int,
        speaker: Speaker,
        cue: re.Match[str],
        region: tuple[int, int],
        spans: list[QuoteSpan],
    ) -> None:
        """``A. B, сообщает пресс-служба X``: a wire lead of two sentences, the tail attribution of
        an organisation covers the sentence before it too (Russian only)."""
        if self.lang != "ru":
            return
        text = self.text
        kinds = {e.id: e.type for e in self.resolver.entities}
        org = kinds.get(speaker.entity or "") in ("ORG", "GPE") or self._lex_org(speaker.name)
        press = _PRESS_SERVICE_AFTER.match(text, cue.end(), region[1]) is not None
        if not (org or press) or kinds.get(speaker.entity or "") in ("PERSON", "MEDIA"):
            return
        para_start = text.rfind("\n", 0, s0) + 1
        if para_start >= s0:
            return
        sents = self.sentences(para_start, s0, spans)
        if len(sents) != 1:
            return  # only the lead's one sentence before: a longer paragraph is the outlet's
        a, b = sents[0]
        if any(s.open < b and s.end > a for s in spans):
            return  # a quotation of its own
        if any(f.quote.start < b and f.quote.end > a for f in self.found):
            return  # a statement of its own
        if self.cues.cue.search(text, a, b) is not None:
            return  # a cue of its own, read or not
        self._emit(para, (a, b), a, self._content_end(a, b), speaker, cue, region, spans)

    def _lex_org(self, name: str) -> bool:
        return bool(_ORG_WORDS[self.lang == "ru"].search(name.lower()))

    def _own_cue(self, start: int, end: int) -> bool:
        """True when a cue verb of the sentence's own speaker follows ``start`` before a comma."""
        comma = self.text.find(",", start, end)
        cue = self.cues.cue.search(self.text, start, comma if comma >= 0 else end)
        return cue is not None and cue.lastgroup == "verb"

    def _ends_sentence(self, got: tuple[Speaker, re.Match[str], int], end: int) -> bool:
        """``…, X said (on Monday).`` ends the sentence; ``…, who …, said the government…`` not."""
        speaker, cue, _p = got
        if self._resumes(cue, end):
            return False  # "…, he said, because …": the statement goes on after the attribution
        if speaker.start is not None and speaker.start > cue.start():
            if re.match(r"\s*[a-z]", self.text[speaker.end or speaker.start : end]) and (
                (speaker.mention or "").lower() in speech_en.PRONOUNS
            ):
                return False  # "…, said he also may campaign": the pronoun opens the statement
            return not _AUXILIARY.search(speaker.mention or "")
        return self.lang == "ru" or self._content_start(cue, end) is None

    def _no_that_after(self, cue: re.Match[str], end: int) -> bool:
        tail = self.text[cue.end() : end]
        if self.cues.that.search(tail):
            return False
        words = len(tail.split())
        circumstances = re.match(
            r"\s*(?:,|(?:on|in|at|during|after|before|while|as|from|last|yesterday|today|this)\b)",
            tail,
        )
        if (
            self.lang != "ru"
            and words <= 30
            and circumstances
            and self._content_start(cue, end) is None
        ):
            return True  # "…, X said on Monday, as repairs continue at …": circumstances
        # a Russian speaker after the cue may carry a long title (first deputy minister of …)
        return words <= (18 if self.lang == "ru" else 12)

    def _content_start(self, cue: re.Match[str], end: int) -> int | None:
        """Where the reported words begin after the cue: after *that*/*что*, or straight on."""
        text = self.text
        window_end = min(end, cue.end() + 120)
        that = self.cues.that.search(text, cue.end(), window_end)
        between = text[cue.end() : that.start()] if that else ""
        # "said that…", "told reporters on Monday that…"; not the "that" of a later clause
        # ("says hackers are active, and that…")
        near = len(between.split()) <= 4 or bool(
            _CIRCUMSTANCES_AFTER_CUE.match(between) and not _FINITE_IN.search(between)
        )
        if that and re.search(r"\b(?:and|but|or)\s*$", between):
            near = False  # "said X would…, and that Y…": the statement starts after the cue
        if that and near and len(between.split()) <= 12 and not re.search(r"[.;!?](?!\w)", between):
            return that.end()
        words = cue.group(0).lower().split()
        word = words[-1] if words[-1] in self.cues.verbs or len(words) == 1 else words[0]
        if self.lang == "ru" and cue.group(0).lower().startswith(speech_ru.APPEAL_CUES):
            return cue.end()  # "призвала горожан не поддаваться панике" (English news: no)
        if not self.cues.verbs.get(word, False):
            # "announced they will suspend …", "confirmed he would run": a subject pronoun
            # opens a clause after any verb of saying (not after one of knowing or finding)
            lead = _PRONOUN_CLAUSE.match(text, cue.end(), end)
            if self.lang != "ru" and lead and word in self.cues.verbs and word not in _ASK:
                return lead.start(1)
            return None
        if self.lang == "ru":
            m = re.match(r"\s*:\s*", text[cue.end() : end])
            return cue.end() + m.end() if m else None
        rest = text[cue.end() : end]
        # skip a date or "told reporters" between the cue and the words
        skip = re.match(
            r"(?:\s+(?:on|last|this)\s+\w+(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,\s*\d{4})?|"
            r"\s+(?:yesterday|today)|\s+reporters|\s+journalists|\s+the\s+media)*\s*,?\s*",
            rest,
        )
        p = cue.end() + (skip.end() if skip else 0)
        if re.match(r"[\"“«„]|''", text[p:end]):
            return p  # "said “it gets me mad” …": the statement opens with a quotation
        nxt = re.match(r"[\w'’-]+", text[p:end])
        if not nxt:
            return None
        w = nxt.group(0)
        if w.lower() == "it" and _IT_CLAUSE.match(text, p + 2):
            return p  # "said it would…": the statement, not the object of the verb
        if w.lower() in ("about", "over", "more", "fewer", "less") and _QUANTITY_NEXT.match(
            text, p + len(w)
        ):
            return p  # "said about half of the rise came from …": a figure opens the statement
        if w.lower() in _NOT_CLAUSE_EN or w.lower() in ("it", "by"):
            return None
        if w.lower() in self.cues.clause_openers or (w[:1].isupper() and w.lower() != "i"):
            return p
        if (
            self.cues.verbs.get(word)
            and w.lower() not in _NOT_STRAIGHT_ON
            and w.replace("'", "").replace("’", "").isalpha()
        ):
            return p  # "observers say readers might …", "he warned voters would …"
        return None

    def _content_end(self, s0: int, s1: int) -> int:
        """The end of a sentence's words, before ``, RIA Novosti reported`` and the full stop."""
        known = self.content_ends.get((s0, s1))
        if known is None:
            known = self.content_ends[(s0, s1)] = self._find_content_end(s0, s1)
        return known

    def _find_content_end(self, s0: int, s1: int) -> int:
        text = self.text
        end = s1
        while end > s0 and text[end - 1] in " \t.!?…":
            end -= 1
        for via in find_via(text, self.lang, start=max(s0, end - 200), end=s1,
                            outlet_names=self.outlet_names, is_outlet=self._outlet_ok):  # fmt: skip
            if self.lang == "ru" and _TOLD_PLURAL_NEXT.match(text, via.end):
                continue  # "В X, который …, Kazinform сообщили, что …": the outlet spoken to
            if via.rank >= 1 and not _THAT_NEXT.match(text, via.end):
                # (not "…, told Trend that …": the outlet spoken to, the words after it)
                comma = text.rfind(",", s0, via.start)
                if comma > s0 and not text[via.end : end].strip(" .—–-"):
                    return comma
                if comma > s0 and re.fullmatch(r"[\s\w,]*", text[via.end : end]):
                    return comma
                if comma > s0 and _CITED_TAIL.fullmatch(text, via.end, end):
                    return comma  # "…, пишет X со ссылкой на пресс-службу акимата"
                if comma > s0 and _PARTICIPLE.match(text, via.end, end):
                    return comma  # "…, TASS reported, noting…": the rest is the outlet's
        return end

    def _previous_sentence(self, s0: int, spans: list[QuoteSpan]) -> tuple[int, int] | None:
        text = self.text
        para_start = text.rfind("\n", 0, s0) + 1
        if para_start < s0:
            sents = self.sentences(para_start, s0, spans)
            return sents[-1] if sents else None
        if para_start <= 1:
            return None
        prev_start = text.rfind("\n", 0, para_start - 1) + 1
        return (prev_start, para_start - 1)

    def _emit(
        self,
        para: int,
        sent: tuple[int, int],
        a: int,
        b: int,
        speaker: Speaker,
        cue: re.Match[str],
        region: tuple[int, int],
        spans: list[QuoteSpan],
    ) -> bool:
        text = self.text
        while a < b and text[a] in " \t,:—–-":
            a += 1
        dateline = _DATELINE.match(text, a, b)
        if dateline:
            a = dateline.end()
        while b > a and text[b - 1] in " \t,.;:—–-":
            b -= 1
        if len(text[a:b].split()) < 3:
            return False
        inside = [s for s in spans if s.closed and s.open >= a - 1 and s.end <= b + 1]
        quoted = sum(s.end - s.open for s in inside)
        self.used_cues.add(cue.start())
        if len(inside) == 1 and quoted > 0.8 * (b - a):
            # "X said that “…”": the quotation is the statement itself
            span = inside[0]
            ia, ib = self._inner(span)
            self._add(Quote(text[ia:ib], "direct", ia, ib, speaker, cue.group(0)),
                      para, sent, region, cue.start())  # fmt: skip
            return True
        self._add(Quote(text[a:b], "indirect", a, b, speaker, cue.group(0)),
                  para, sent, region, cue.start())  # fmt: skip
        for span in inside:
            ia, ib = self._inner(span)
            if len(text[ia:ib].split()) >= 3 and not _is_name(text, span):
                self._add(Quote(text[ia:ib], "partial", ia, ib, speaker, cue.group(0)),
                          para, sent, region, cue.start())  # fmt: skip
        return True

    # -- date and via ---------------------------------------------------------------------------

    def _add(
        self,
        quote: Quote,
        para: int,
        sent: tuple[int, int],
        region: tuple[int, int],
        cue_at: int,
        *,
        inherit: bool = False,
    ) -> None:
        if not inherit:
            quote = self._dated(quote, sent, region, cue_at)
            quote = replace(quote, via=self._via(quote, sent, region))
        speaker = quote.speaker
        if speaker is not None:
            if self.lang == "ru" and quote.cue and not inherit:
                self.resolver.learn_gender(speaker.name, gender_of_cue(quote.cue))
            types = {e.id: e.type for e in self.resolver.entities}
            self.resolver.remember(
                speaker.start if speaker.start is not None else quote.start,
                speaker,
                types.get(speaker.entity or ""),
                self.resolver.phrases.get(speaker.start, speaker.name)
                if speaker.start is not None
                else speaker.name,
            )
        self.found.append(_Found(quote, para, sent, region, cue_at))

    def _dated(
        self, quote: Quote, sent: tuple[int, int], region: tuple[int, int], cue_at: int
    ) -> Quote:
        lo, hi = min(region[0], sent[0] if region[0] > sent[1] else region[0]), region[1]
        lo, hi = max(lo, sent[0]), max(hi, lo)
        dates = [
            d
            for d in find_dates(
                self.text,
                self.lang,
                published=self.published,
                year=self.year,
                start=lo,
                end=min(max(hi, sent[1] if quote.start > cue_at else hi), len(self.text)),
            )
            if not (quote.start <= d.start < quote.end)
        ]
        if not dates:
            return quote
        best = min(dates, key=lambda d: abs(d.start - cue_at))
        return replace(quote, date=best.date, date_text=best.text)

    def _via(self, quote: Quote, sent: tuple[int, int], region: tuple[int, int]) -> tuple[str, ...]:
        text = self.text
        lo, hi = min(region[0], sent[0]), max(region[1], sent[1])
        near: list[ViaMention] = find_via(
            text, self.lang, start=lo, end=hi, outlet_names=self.outlet_names,
            exclude=[(quote.start, quote.end)], is_outlet=self._outlet_ok,
        )  # fmt: skip
        names = list(chain(near))
        para_end = text.find("\n", sent[1])
        para_end = len(text) if para_end < 0 else para_end
        last = text.rfind("\n", 0, para_end) + 1
        tail_start = max(last, para_end - 120)
        tail = self.tail_via.get((tail_start, para_end))
        if tail is None:
            tail = find_via(text, self.lang, start=tail_start, end=para_end,
                            outlet_names=self.outlet_names, is_outlet=self._outlet_ok)  # fmt: skip
            self.tail_via[(tail_start, para_end)] = tail
        for via in tail:
            last_words = not text[via.end : para_end].strip(' .»”"—–-')
            if via.rank >= 1 and last_words and via.name not in names:
                names.append(via.name)
        if self.lang == "ru" and not names and _BARE_OUTLET.search(text, lo, hi):
            # "«…», — цитирует Осмонова агентство.": the outlet named last before the quotation
            before = find_via(text, self.lang, start=max(0, quote.start - 800), end=quote.start,
                              outlet_names=self.outlet_names, is_outlet=self._outlet_ok)  # fmt: skip
            if before:
                names.append(max(before, key=lambda v: v.start).name)
        if self.lang == "ru" and quote.speaker is not None and quote.speaker.entity is not None:
            # "Как пишет «Коммерсантъ», …": the outlet that speaks is not its own carrier
            names = [n for n in names if n != quote.speaker.name]
        return tuple(names)

    def _outlet_ok(self, start: int, end: int, name: str) -> bool:
        for _s, _e, ent in self.resolver.entities_in(start, end):
            if ent.type in ("PERSON", "GPE", "LOC", "ORG") and not self._is_media(start, end):
                return False
        return True


def _is_name(text: str, span: QuoteSpan) -> bool:
    """A name in quotation marks mid-sentence, no statement: агентство «Ховар», ОАО «Рогунская ГЭС».

    Up to four words, capitalised, without a stop or a comma inside, after a word (not after a
    colon, a dash or a comma) and not followed by ``, —`` (which brings a speaker).
    """
    if span.close is None:
        return False
    inner = text[span.inner_start : span.inner_end]
    words = inner.split()
    if (
        4 < len(words) <= 8
        and not _NAME_STOPS.search(inner)
        and all(w[:1].isupper() for w in words if len(w) > 3)
    ):
        # "The Lead with Jake Tapper", "Friends of the Aral Sea": a title in marks
        words = words[:4]
    if not words or len(words) > 4 or not inner[:1].isupper() or _NAME_STOPS.search(inner):
        return False
    before = text[max(0, span.open - 30) : span.open].rstrip()
    if (not before or before[-1] in ".!?…\n") and _SENTENCE_GOES_ON.match(text, span.end):
        return True  # "«Газпром» и узбекская сторона обсуждают": the subject of a sentence
    if not before or not before[-1].isalnum():
        return False
    return not _DASH_AFTER.match(text, span.end)


# "собеседник агентства", "источник издания", "the agency's source": the outlet's own source
_AGENCY_SOURCE = re.compile(
    r"(?:собеседник|источник)\w*\s+(?:агентства|издания|газеты|телеканала)|"
    r"(?:agency|outlet|newspaper)'s\s+(?:source|interlocutor)",
    re.IGNORECASE,
)


def _as_before(text: str, quotes: list[Quote]) -> list[Quote]:
    """A speaker's next statement in a paragraph keeps the date and outlet of the one before.

    ``X told RIA Novosti on Monday that … "…," the source said.``: the same occasion.
    ``quotes`` in text order.
    """
    out: list[Quote] = []
    last: dict[tuple[int, str], Quote] = {}
    unnamed: dict[str, Quote] = {}
    for q in quotes:
        speaker = q.speaker
        if speaker is not None:
            key = (text.rfind("\n", 0, q.start), speaker.name)
            before = last.get(key)
            if before is not None and not q.via and before.via:
                q = replace(q, via=before.via)
            source = unnamed.get(speaker.name) if speaker.entity is None else None
            if source is not None and not q.via and source.via:
                # an unnamed source speaks through the outlet that first cited it
                # ("источник в отрасли" of «Интерфакс», later "собеседник «Интерфакса»")
                q = replace(q, via=source.via)
            if (
                not q.via
                and speaker.entity is None
                and _AGENCY_SOURCE.search(speaker.mention or "")
            ):
                # "Один из собеседников агентства": the outlet that cited the sources before
                cited = [u for u in unnamed.values() if u.start < q.start]
                if cited:
                    q = replace(q, via=cited[-1].via)
            if speaker.entity is None and q.via:
                unnamed.setdefault(speaker.name, q)
            if before is not None and q.date is None and before.date is not None:
                q = replace(q, date=before.date, date_text=before.date_text)
            last[key] = q
        out.append(q)
    return out


def outlet_names_from(knowledge: Knowledge | None, lang: str | None) -> OutletNames | None:
    """Outlet names canonicalised by the knowledge file, in the article's language."""
    if knowledge is None:
        return None
    code = "ru" if lang == "ru" else "en"

    def usual(name: str) -> str | None:
        found = knowledge.outlet(name)
        if found is None:
            return None
        # the form the text uses, when it is one of the outlet's names: "AFP", "TASS", not the
        # long name a reader of the text would not look for
        written = " ".join(name.split()).casefold()
        same = next((n for n in found.all_names() if n.casefold() == written), None)
        if same is not None:
            return same
        usual = found.name_in(code)
        # "Gazeta.uz" in a Russian text stays in Latin letters when the outlet has such a name
        if not _CYRILLIC.search(name) and _CYRILLIC.search(usual):
            return found.name_in("en")
        return usual

    return usual


def find_quotes(
    text: str,
    lang: str | None,
    entities: Sequence[Entity] = (),
    *,
    published: str | None = None,
    knowledge: Knowledge | None = None,
) -> tuple[Quote, ...]:
    """Every statement in ``text`` with its speaker, cue, date and via, in text order.

    ``entities`` are the article's entities (their mentions let a speaker's words be resolved
    to a person or an organisation); ``published`` (``YYYY-MM-DD``) resolves *on Monday*;
    ``knowledge`` names outlets and tells places from speakers.
    """
    lang = "ru" if lang == "ru" else "en"
    year = text_year(text) if not published else None
    is_place = None
    if knowledge is not None:
        kb = knowledge

        def is_place(name: str) -> bool:
            return kb.place(name) is not None

    resolver = Resolver(text, lang, entities, is_place=is_place)
    reader = _Reader(text, lang, resolver, published, year, outlet_names_from(knowledge, lang))
    paragraphs: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        paragraphs.append((pos, pos + min(len(line), MAX_PARAGRAPH)))
        pos += len(line) + 1
    interview = find_interview(text, paragraphs, lang)
    for para, (start, end) in enumerate(paragraphs):
        if not text[start:end].strip():
            continue
        if interview is not None:
            if para in interview.questions:
                continue
            answer = interview.answers.get(para)
            if answer is not None and reader.answer(para, answer, interview):
                continue
        spans = [s for s in quote_spans(text, start, end) if not _is_name(text, s)]
        reader.direct(para, start, end, spans)
        reader.indirect(para, start, end, spans)
        reader.continuations()
    quotes = sorted((f.quote for f in reader.found), key=lambda q: (q.start, q.end))
    linked = resolver.link_sources([q.speaker for q in quotes])
    quotes = [
        q if q.speaker is sp else replace(q, speaker=sp)
        for q, sp in zip(quotes, linked, strict=True)
    ]
    quotes = _as_before(text, quotes)
    unique: list[Quote] = []
    for q in quotes:
        if unique and unique[-1].start == q.start and unique[-1].end == q.end:
            continue
        unique.append(q)
    return tuple(unique)


# The outlet check is shared with the via module; keep the name bound for readers of this one.
_ = outlet_like
