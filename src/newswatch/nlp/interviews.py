"""Interviews: question-and-answer layouts, whose answers are statements of the person asked.

Four layouts are read, each only when it repeats (one question in an article is no interview):

- labels: ``Q: …`` / ``A: …`` (``Вопрос:`` / ``Ответ:``);
- names: ``Kazinform: …?`` / ``Zhaksylyk Omarov: …`` — two labels that alternate, the one whose
  lines are questions is the interviewer's, the other names the speaker of every answer;
- dashes: ``— …?`` / ``— …`` (Russian interviews): a dashed line after a dashed question is an
  answer, the dashed line after an answer is the interviewer's turn (a dash opens a new turn),
  a paragraph without the dash is the reporter's narration;
- plain: a short paragraph that ends in a question mark, then the answer's paragraphs.

Apart from the names layout, the person interviewed is the one named in the lead (the
paragraphs before the first question), preferring the one nearest an interview word
(*told*, *spoke to*, *в интервью*). Questions are never statements.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from newswatch.nlp.lexicon import speech_en, speech_ru

__all__ = ["Answer", "Interview", "find_interview", "interview_cue"]


@dataclass(frozen=True, slots=True)
class Answer:
    """An answer's words (without its label) and the label naming its speaker, if one does."""

    start: int
    end: int
    label: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Interview:
    """Paragraphs (by index) that are questions, answers, and the lead before the questions."""

    questions: frozenset[int]
    answers: dict[int, Answer]
    lead: tuple[int, int]
    #: True when an answer may run over several paragraphs with no label (the plain layout).
    plain: bool = False


#: At least this many questions, each followed by an answer, make an interview.
MIN_PAIRS = 2
#: A plain question (no label, no dash) is a short paragraph; there must be more of them.
MIN_PLAIN_PAIRS = 3
_PLAIN_QUESTION_WORDS = 40
_LEAD_PARAGRAPHS = 3


def _labels(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_QA = {
    lang: re.compile(
        rf"(?P<label>(?P<q>{_labels(lex.INTERVIEW_QUESTION_LABELS)})|"
        rf"(?P<a>{_labels(lex.INTERVIEW_ANSWER_LABELS)}))\s*:\s+(?=\S)",
        re.IGNORECASE,
    )
    for lang, lex in (("en", speech_en), ("ru", speech_ru))
}
# "Zhaksylyk Omarov: …", "«Азаттык»: …": a short capitalised label, then a colon
_NAME_LABEL = re.compile(
    r"(?P<label>«[^«»\n]{1,40}»|[A-ZА-ЯЁ][\w.'’-]*(?:[ \t]+[A-ZА-ЯЁ][\w.'’-]*){0,3})"
    r"[ \t]*:[ \t]+(?=\S)"
)
_DASH = re.compile(r"[—–][ \t]+(?=\S)")
_LIST_ITEM = re.compile(r"[—–•*-][ \t]+(?=\S)")
_QUOTE_MARKS = re.compile(r"[«»“”„\"]")
_CUES = {
    lang: re.compile(
        rf"(?<![\w-])(?:{_labels(lex.INTERVIEW_CUES)})(?![\w-])".replace(r"\ ", r"\s+"),
        re.IGNORECASE,
    )
    for lang, lex in (("en", speech_en), ("ru", speech_ru))
}


def interview_cue(text: str, start: int, end: int, lang: str | None) -> re.Match[str] | None:
    """The first interview word (*told*, *spoke to*, *в интервью*) in ``text[start:end]``."""
    return _CUES["ru" if lang == "ru" else "en"].search(text, start, end)


def _is_question(line: str) -> bool:
    return line.rstrip().rstrip('»”")').endswith("?")


def _ends_sentence(line: str) -> bool:
    return line.rstrip().rstrip('»”")').endswith((".", "!", "?", "…", ":"))


def find_interview(
    text: str, paragraphs: list[tuple[int, int]], lang: str | None
) -> Interview | None:
    """The interview layout of an article whose paragraphs are ``paragraphs``, or None."""
    lines = [text[a:b] for a, b in paragraphs]
    for finder in (_by_qa_labels, _by_names, _by_dashes, _plain):
        found = finder(lines, paragraphs, lang)
        if found is not None:
            return found
    return None


def _lead(paragraphs: list[tuple[int, int]], first_question: int) -> tuple[int, int]:
    first = max(0, first_question - _LEAD_PARAGRAPHS)
    if first >= first_question:
        return (0, 0)
    return paragraphs[first][0], paragraphs[first_question - 1][1]


def _continuations(
    lines: list[str], paragraphs: list[tuple[int, int]], answers: dict[int, Answer], taken: set[int]
) -> None:
    """A list after an answer ending in a colon (``three things:`` / ``— …``) is part of it.

    The answer then runs over the list's paragraphs (one statement, line breaks included).
    """
    for i in sorted(answers):
        j = i + 1
        if not lines[i].rstrip().endswith(":"):
            continue
        while j < len(lines) and j not in taken and _LIST_ITEM.match(lines[j]):
            taken.add(j)
            j += 1
        if j > i + 1:
            answers[i] = Answer(answers[i].start, paragraphs[j - 1][1], answers[i].label)
            for k in range(i + 1, j):
                answers[k] = Answer(paragraphs[k][0], paragraphs[k][0], answers[i].label)


def _by_qa_labels(
    lines: list[str], paragraphs: list[tuple[int, int]], lang: str | None
) -> Interview | None:
    pattern = _QA["ru" if lang == "ru" else "en"]
    questions: set[int] = set()
    answers: dict[int, Answer] = {}
    for i, line in enumerate(lines):
        m = pattern.match(line)
        if m is None:
            continue
        if m.group("q"):
            questions.add(i)
        elif questions:
            answers[i] = Answer(paragraphs[i][0] + m.end(), paragraphs[i][1])
    if len(questions) < MIN_PAIRS or len(answers) < MIN_PAIRS:
        return None
    _continuations(lines, paragraphs, answers, questions | set(answers))
    return Interview(frozenset(questions), answers, _lead(paragraphs, min(questions)))


def _by_names(
    lines: list[str], paragraphs: list[tuple[int, int]], lang: str | None
) -> Interview | None:
    labelled: dict[int, re.Match[str]] = {}
    for i, line in enumerate(lines):
        m = _NAME_LABEL.match(line)
        if m is not None:
            labelled[i] = m
    counts = Counter(m.group("label") for m in labelled.values())
    repeated = [label for label, n in counts.items() if n >= MIN_PAIRS]
    if len(repeated) < 2:
        return None

    def asks(label: str) -> float:
        rows = [i for i, m in labelled.items() if m.group("label") == label]
        return sum(_is_question(lines[i]) for i in rows) / len(rows)

    by_asking = sorted(repeated, key=asks, reverse=True)
    asker, answerer = by_asking[0], by_asking[-1]
    if asks(asker) < 0.5 or asks(answerer) >= 0.5:
        return None
    questions = {i for i, m in labelled.items() if m.group("label") == asker}
    answers: dict[int, Answer] = {}
    for i, m in labelled.items():
        if m.group("label") == answerer and any(q < i for q in questions):
            a, _b = paragraphs[i]
            answers[i] = Answer(a + m.end(), paragraphs[i][1], (a + m.start(), a + m.end("label")))
    if len(answers) < MIN_PAIRS:
        return None
    _continuations(lines, paragraphs, answers, questions | set(answers))
    return Interview(frozenset(questions), answers, _lead(paragraphs, min(questions)))


def _by_dashes(
    lines: list[str], paragraphs: list[tuple[int, int]], lang: str | None
) -> Interview | None:
    questions: set[int] = set()
    answers: dict[int, Answer] = {}
    asked = False
    for i, line in enumerate(lines):
        m = _DASH.match(line)
        if m is None:
            if _ends_sentence(line):
                asked = False  # the reporter's narration: the next dashed line needs a question
            continue
        if _is_question(line) or (i - 1 in answers and not _is_question(lines[i - 1])):
            # a dash opens a new turn: the dashed line right after an answer is the
            # interviewer's again, a rejoinder with no question mark too («— Но ведь …»)
            questions.add(i)
            asked = True
        elif asked:
            answers[i] = Answer(paragraphs[i][0] + m.end(), paragraphs[i][1])
    pairs = sum(1 for q in questions if q + 1 in answers)
    if pairs < MIN_PAIRS:
        return None
    return Interview(frozenset(questions), answers, _lead(paragraphs, min(questions)))


def _plain(
    lines: list[str], paragraphs: list[tuple[int, int]], lang: str | None
) -> Interview | None:
    def question(line: str) -> bool:
        return (
            _is_question(line)
            and len(line.split()) <= _PLAIN_QUESTION_WORDS
            and not _QUOTE_MARKS.search(line)
            and not _LIST_ITEM.match(line)
        )

    questions = [i for i, line in enumerate(lines) if question(line)]
    answered = [q for q in questions if q + 1 < len(lines) and not question(lines[q + 1])]
    if len(answered) < MIN_PLAIN_PAIRS:
        return None
    answers: dict[int, Answer] = {}
    qs = set(questions)
    for q in answered:
        j = q + 1
        while j < len(lines) and j not in qs and _ends_sentence(lines[j]):
            answers[j] = Answer(*paragraphs[j])
            j += 1
    return Interview(frozenset(qs), answers, _lead(paragraphs, questions[0]), plain=True)
