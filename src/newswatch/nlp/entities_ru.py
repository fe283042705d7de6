"""Russian entities: natasha's NER model, the knowledge file by lemmas, and our name rules.

natasha ships its news NER model and word embeddings inside its package; we load those files
with ``slovnet`` and ``navec`` (natasha's own dependencies) and never import natasha's top-level
package, which would import pymorphy2 and, through it, ``pkg_resources`` (see
``docs/entities.md``). Only the NER model runs over the text; pymorphy3 is asked only about the
words of names and roles (cached), which keeps the stage fast.

Names are brought to the nominative: first names by pymorphy3, surnames by its dictionary when
it knows them and by our declension rules when it does not (:mod:`newswatch.nlp.russian`).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from newswatch.knowledge import Knowledge, KnownEntity, name_key
from newswatch.nlp.lexicon import ru as lex
from newswatch.nlp.names import Found, web_domain
from newswatch.nlp.russian import (
    NamePart,
    _morph,
    analyse_name_word,
    lemma,
    surname_candidates,
    surname_readings,
)

__all__ = ["find_russian", "natasha_data", "nominative_phrase"]

_TOKEN = re.compile(r"[^\W_]+(?:[-.'’][^\W_]+)*|[^\w\s]", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_STOP = frozenset('.!?;:…—–«»"“”„()[]')
_CHUNK_TOKENS = 1000
_APPOSITIVE = re.compile(r",\s+([^,.;:«»\"()\n—]{3,80}?)\s*(?=[,;]|\.\s)")
# «Ак-Жол», «Север — Юг»: a short capitalised name in marks, words joined by spaces or a dash
_MARKED_NAME = re.compile(
    r"\s*«((?:[A-ZА-ЯЁ0-9][\w-]*)(?:\s+(?:[—–-]\s+)?[A-ZА-ЯЁ0-9][\w-]*){0,3})»"
)
_NUMBERED = re.compile(r"-\d+$")
# «Хабар 24», «Независимая газета»: an outlet's name in marks, up to four words
_MARKED_OUTLET = re.compile(r"«([A-ZА-ЯЁ0-9][\w-]*(?:\s+[\w-]+){0,3})»")
_AGENCY_COMPOUND = re.compile(
    rf"((?:{'|'.join(lex.AGENCY_COMPOUND_PREFIXES)})(?:{'|'.join(lex.AGENCY_COMPOUND_STEMS)}))"
    r"(а|у|ом|е)?"
)
_DEFINED = re.compile(r"^(.*\S)\s*\(([A-ZА-ЯЁ]{2,8})\)$", re.DOTALL)
_NER_TYPES = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG"}


def natasha_data() -> Path:
    """natasha's data directory, found without importing natasha."""
    spec = find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("natasha is not installed: pip install natasha")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@cache
def _ner() -> Any:
    from navec import Navec
    from slovnet import NER

    data = natasha_data()
    navec = Navec.load(str(data / "emb" / "navec_news_v1_1B_250K_300d_100q.tar"))
    ner = NER.load(str(data / "model" / "slovnet_ner_news_v1.tar"))
    ner.navec(navec)
    _shifted_convolutions(ner.infer.model)
    return ner


def _shifted_convolutions(model: Any) -> None:
    """Give the model's convolution layers a faster way to compute the same thing.

    slovnet copies every window of the input into one matrix and multiplies that (im2col);
    adding one product per kernel position over shifted views of the input gives the same
    numbers (to float rounding; the tags were checked equal on generated and dev articles)
    without the copy: the NER model takes about a quarter less time.
    """
    import numpy as np
    from slovnet.exec.model import Conv1d

    class ShiftedConv1d(Conv1d):
        def __call__(self, input: Any) -> Any:
            weight = self.weight.array  # filters x in x kernel
            kernel = weight.shape[2]
            padded = np.pad(input, ((0, 0), (0, 0), (self.padding, self.padding)))
            by_position = padded.transpose(0, 2, 1)  # batch x seq x in
            windows = by_position.shape[1] - kernel + 1
            output = by_position[:, 0:windows, :] @ weight[:, :, 0].T
            for shift in range(1, kernel):
                output += by_position[:, shift : shift + windows, :] @ weight[:, :, shift].T
            output += self.bias.array
            return output.swapaxes(2, 1)  # batch x filters x windows, as slovnet's

    for layer in model.encoder.layers:
        if type(layer.conv) is Conv1d:
            layer.conv.__class__ = ShiftedConv1d


@cache
def _first_names() -> frozenset[str]:
    path = natasha_data() / "dict" / "first.txt"
    names = set()
    for line in path.read_text(encoding="utf-8").split("\n"):
        word = line.split("#", 1)[0].strip()
        if len(word) > 1:
            names.add(word.replace("ё", "е"))
    return frozenset(names)


def _tag(infer: Any, items: list[list[str]]) -> list[list[str]]:
    """The NER model's BIO tags for each list of words: slovnet's model, our Viterbi decoding.

    slovnet's own decoding steps through every word in NumPy with a batch axis and index grids
    (about 60 µs a word); this one does the same arithmetic on one sequence at a time.
    """
    import numpy as np

    crf = infer.model.head.crf
    transitions = crf.transitions.array
    vocab = infer.decoder.tags_vocab
    out: list[list[str]] = []
    for batch in infer.encoder(items):
        emissions = infer.model(batch.word_id, batch.shape_id, batch.pad_mask)
        lengths = (~batch.pad_mask).sum(-1)
        for row, length in zip(emissions, lengths, strict=True):
            length = int(length)
            if length == 0:
                out.append([])
                continue
            score = row[0]
            back = np.empty((length, transitions.shape[0]), dtype=np.intp)
            for index in range(1, length):
                step = score[:, None] + transitions
                back[index] = step.argmax(0)
                score = step.max(0) + row[index]
            best = int(score.argmax())
            path = [best]
            for index in range(length - 1, 0, -1):
                best = int(back[index][best])
                path.append(best)
            path.reverse()
            out.append([vocab.decode(tag) for tag in path])
    return out


def _prefixes(words: object) -> frozenset[str]:
    return frozenset(str(w)[:3] for w in words)  # type: ignore[attr-defined]


_ROLE_PREFIXES = _prefixes(lex.ROLE_WORDS) | _prefixes(lex.ROLE_PREFIXES)


def _is_role(key: str) -> bool:
    """Whether a lemma is a role word, also with a prefix («вице-министр», «экс-посол»)."""
    if key in lex.ROLE_WORDS:
        return True
    prefix, dash, rest = key.partition("-")
    return bool(dash) and prefix in lex.ROLE_PREFIXES and rest in lex.ROLE_WORDS


_BACKREF_PREFIXES = _prefixes(lex.BACK_REFERENCE_HEADS)
_MEDIA_PREFIXES = _prefixes(lex.MEDIA_WORDS)
# «Независимая газета», «Российская газета»: an outlet's own name ending in a media word
_MEDIA_NAME_ENDS = frozenset({"газета", "правда", "известие", "ведомость", "радио"})
_LOC_PREFIXES = _prefixes(lex.LOC_HEADS)
_NOT_NAME_PREFIXES = _prefixes(lex.NOT_NAMES)


def _could_be(word: str, prefixes: frozenset[str]) -> bool:
    """Whether ``word`` may be a form of a lemma with one of these three-letter beginnings (a
    cheap test before asking pymorphy3)."""
    return word.casefold().replace("ё", "е")[:3] in prefixes


def _key_word(word: str) -> str:
    """What a word is compared by: its lemma (Cyrillic), else its lower case. A word with a
    dot or a hyphen inside is compared by the lemma of its first part («Газете.uz»)."""
    if not _CYRILLIC.search(word):
        return word.casefold()
    if word.isalpha() or word.replace("-", "").isalpha():
        return lemma(word)
    head = re.match(r"[^\W\d_]+", word)
    if head is None:
        return word.casefold()
    return lemma(head.group()) + word[head.end() :].casefold()


@cache
def _gazetteer(knowledge: Knowledge) -> dict[str, list[tuple[tuple[str, ...], KnownEntity, bool]]]:
    """Names of the knowledge file as lemma sequences, by their first lemma."""
    index: dict[str, list[tuple[tuple[str, ...], KnownEntity, bool]]] = {}
    for entity in knowledge:
        names = [*entity.names.get("ru", ()), *entity.names.get("tg", ())]
        names += [
            n
            for n in entity.names.get("en", ())
            if (n.isascii() and (not n.istitle() or entity.type == "MEDIA")) or "." in n
        ]  # an outlet in Latin letters in a Russian text is that outlet («Kazinform сообщили»)
        for name in dict.fromkeys(names):
            words = tuple(w for w in _TOKEN.findall(name) if w not in '«»"')
            if not words or (not words[0][:1].isupper() and not words[0][:1].isdigit()):
                continue
            key = tuple(w if w.isupper() and len(w) > 1 else _key_word(w) for w in words)
            index.setdefault(key[0], []).append((key, entity, False))
        for acronym in entity.all_acronyms():
            if acronym.isupper():
                index.setdefault(acronym, []).append(((acronym,), entity, True))
    for options in index.values():
        options.sort(key=lambda o: -len(o[0]))
    return index


@cache
def _gazetteer_prefixes(knowledge: Knowledge) -> frozenset[str]:
    """The beginnings of the first words of the knowledge file's names (see :func:`_could_be`)."""
    return frozenset(key[:3].casefold() for key in _gazetteer(knowledge))


def find_russian(text: str, knowledge: Knowledge) -> list[Found]:
    """Every span of ``text`` that names a person, organisation, place, outlet or event."""
    return _Reader(text, knowledge).read()


class _Reader:
    def __init__(self, text: str, knowledge: Knowledge) -> None:
        self.text = text
        self.knowledge = knowledge
        self.tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        self.at = {start: i for i, (start, _, _) in enumerate(self.tokens)}
        self.taken = [False] * len(self.tokens)
        self.found: list[Found] = []
        self.keys: dict[int, str] = {}
        self.counts: Counter[str] | None = None

    def read(self) -> list[Found]:
        self._knowledge_spans()
        self._web_domains()
        self._agency_compounds()
        self._legal_forms()
        self._marked_media()
        self._marked_after_head()
        self._adjective_places()
        self._ner_spans()
        self._headed_by_po()
        self._head_and_place()
        self._acronyms()
        self._known_people()
        self._appositive_roles()
        return self.found

    def _appositive_roles(self) -> None:
        """«Рустам Назаров, глава района, заявил»: a role between commas after a full name."""
        for f in self.found:
            if f.type != "PERSON" or f.role is not None or f.first is None or f.last is None:
                continue
            match = _APPOSITIVE.match(self.text, f.end)
            if match is None:
                continue
            words = tuple(_TOKEN.findall(match.group(1)))
            if not words or not words[0].islower() or not _could_be(words[0], _ROLE_PREFIXES):
                continue
            if _is_role(_key_word(words[0])) and not _plural(words[0]):
                f.role = _role_nominative(words)
                f.titled = True

    def _token_index(self, start: int, end: int) -> list[int]:
        i = self.at.get(start)
        if i is None:
            return []
        out = []
        while i < len(self.tokens) and self.tokens[i][1] <= end:
            out.append(i)
            i += 1
        return out

    def _sentence_start(self, i: int) -> bool:
        if i == 0:
            return True
        prev = self.tokens[i - 1]
        gap = self.text[prev[1] : self.tokens[i][0]]
        return "\n" in gap or prev[2] in _STOP

    def _context(self, i: int) -> frozenset[str]:
        out = set()
        for k in (i - 1, i + 1):
            if 0 <= k < len(self.tokens) and self.tokens[k][2][:1].isalpha():
                out.add(_key_word(self.tokens[k][2]))
        return frozenset(out)

    # -- the knowledge file ----------------------------------------------------------------

    def _knowledge_spans(self) -> None:
        index = _gazetteer(self.knowledge)
        prefixes = _gazetteer_prefixes(self.knowledge)
        n = len(self.tokens)
        i = 0
        while i < n:
            word = self.tokens[i][2]
            if not (word[:1].isupper() or word[:1].isdigit()):
                i += 1
                continue
            options = index.get(word) if word.isupper() and len(word) > 1 else None
            if not options and _could_be(word, prefixes):
                options = index.get(_key_word(word))
            matched = None
            for key, entity, is_acronym in options or ():
                end = i + len(key)
                if end > n:
                    continue
                if all(
                    self._word_key(i + k) == key[k] or self.tokens[i + k][2] == key[k]
                    for k in range(1, len(key))
                ):
                    matched = (end, entity, is_acronym)
                    break
            if matched is None:
                i += 1
                continue
            end, entity, is_acronym = matched
            start_char, end_char = self.tokens[i][0], self.tokens[end - 1][1]
            surface = self.text[start_char:end_char]
            acronym = is_acronym or surface in entity.all_acronyms()
            before = self._word_key(i - 1) if i > 0 else ""
            if entity.type == "GPE" and lex.LOC_HEADS.get(before) == "LOC" and end == i + 1:
                # «на реке Нарын», «озера Иссык-Куль»: the river or lake, not the city or region
                # of that name
                name = entity.name_in("ru")
                self.found.append(
                    Found(start=start_char, end=end_char, text=surface, type="LOC",
                          source="rule", name=name, key=f"LOC:{name_key(name)}")
                )  # fmt: skip
                self.taken[i] = True
                i = end
                continue
            other = self._other_country(index, entity, end) if acronym else None
            if other is not None:
                # «МЧС Кыргызстана»: the same kind of body in another country, not the one the
                # knowledge file knows by these letters
                name = self.text[start_char : self.tokens[end][1]]
                self.found.append(
                    Found(start=start_char, end=self.tokens[end][1], text=name, type="ORG",
                          source="rule", name=name, key=f"ORG:{name_key(name)}")
                )  # fmt: skip
                self.taken[i] = True
                i = end
                continue
            self.found.append(
                Found(
                    start=start_char,
                    end=end_char,
                    text=surface,
                    type=entity.type,
                    source="kb",
                    kb=entity.id,
                    name=entity.name_in("ru"),
                    acronym=acronym,
                    context=self._context(i) if acronym else frozenset(),
                )
            )
            for k in range(i, end):
                self.taken[k] = True
            if entity.type == "ORG" and end - i > 1:
                self._country_inside(index, end - 1)
            i = end

    def _country_inside(
        self, index: dict[str, list[tuple[tuple[str, ...], KnownEntity, bool]]], k: int
    ) -> None:
        """«Национального банка Таджикистана»: the country that ends a known organisation's name
        is a place of its own too (as it is after a model's organisation)."""
        start, end, word = self.tokens[k]
        if not word[:1].isupper():
            return
        for key, place, _acr in index.get(_key_word(word)) or ():
            if len(key) == 1 and place.type == "GPE" and place.part_of is None:
                self.found.append(
                    Found(start=start, end=end, text=word, type="GPE", source="kb",
                          kb=place.id, name=place.name_in("ru"))
                )  # fmt: skip
                return

    def _other_country(
        self,
        index: dict[str, list[tuple[tuple[str, ...], KnownEntity, bool]]],
        entity: KnownEntity,
        at: int,
    ) -> KnownEntity | None:
        """The country named in the genitive at token ``at`` when it is not ``entity``'s own."""
        if entity.type != "ORG" or not entity.part_of or at >= len(self.tokens):
            return None
        word = self.tokens[at][2]
        if not word[:1].isupper():
            return None
        for key, place, _acr in index.get(_key_word(word)) or ():
            # a country (no "in": not a city), another than the body's own
            if len(key) == 1 and place.type == "GPE" and place.part_of is None:
                return place if place.id != entity.part_of else None
        return None

    def _web_domains(self) -> None:
        """«сообщает Kapital.kz»: a news site's web address used as its name is an outlet."""
        for k, (start, end, word) in enumerate(self.tokens):
            if self.taken[k] or "." not in word:
                continue
            host = web_domain(word)
            if host is None:
                continue
            known = self.knowledge.outlet_by_domain(host)
            self.found.append(
                Found(
                    start=start,
                    end=end,
                    text=word,
                    type="MEDIA",
                    source="kb" if known else "rule",
                    kb=known.id if known else None,
                    name=known.name_in("ru") if known else None,
                    key=None if known else f"MEDIA:{host}",
                )
            )
            self.taken[k] = True

    def _head_and_place(self) -> None:
        """«Суд Согдийской области», «Прокуратура Бишкека»: a capitalised institution's head and
        the place it serves in the genitive are an organisation; the place stays a place."""
        places = {f.start: f for f in self.found if f.type == "GPE"}
        for k, (start, end, word) in enumerate(self.tokens):
            if self.taken[k] or not word[:1].isupper() or word.isupper():
                continue
            key = self._word_key(k)
            if key not in lex.PLACE_ORG_HEADS or k + 1 >= len(self.tokens):
                continue
            place = places.get(self.tokens[k + 1][0])
            if place is None or self.text[end : place.start] != " " or place.text == place.name:
                continue  # the place in the genitive («Согдийской области», not «Бишкек»)
            name = key.capitalize() + " " + place.text
            self.found.append(
                Found(start=start, end=place.end, text=self.text[start : place.end], type="ORG",
                      source="rule", name=name, key=f"ORG:{name_key(name)}")
            )  # fmt: skip
            self.taken[k] = True

    def _legal_forms(self) -> None:
        """«ОАО «Рогунская ГЭС»», «ГУП «Душанбеводоканал»»: a legal form and a name in marks are
        a company, even when the name is also a known plant or place."""
        text = self.text
        for start, end, word in self.tokens:
            if word not in lex.LEGAL_FORMS:
                continue
            m = _MARKED_NAME.match(text, end)
            if m is None:
                continue
            b = m.end()
            tokens = self._token_index(start, b)
            inside = [f for f in self.found if start <= f.start and f.end <= b]
            if any(f.source != "kb" for f in inside):
                continue
            self.found = [f for f in self.found if all(f is not g for g in inside)]
            name = text[start:b]
            self.found.append(
                Found(start=start, end=b, text=name, type="ORG", source="rule", name=name,
                      key=f"ORG:{name_key(name)}")
            )  # fmt: skip
            for t in tokens:
                self.taken[t] = True

    def _marked_media(self) -> None:
        """«в эфире телеканала «Хабар 24»», «пишет «Независимая газета»»: a name in marks after a
        media word, or ending in one, is an outlet."""
        for m in _MARKED_OUTLET.finditer(self.text):
            a, b = m.span(1)
            tokens = self._token_index(a, b)
            if not tokens:
                continue
            before = tokens[0] - 1
            while before >= 0 and self.tokens[before][2] in '«"':
                before -= 1
            after_word = (
                before >= 0
                and self.tokens[before][2][:1].islower()
                and _could_be(self.tokens[before][2], _MEDIA_PREFIXES)
                and self._word_key(before) in lex.MEDIA_WORDS
            )
            ends_in_word = len(tokens) > 1 and self._word_key(tokens[-1]) in _MEDIA_NAME_ENDS
            if not (after_word or ends_in_word):
                continue
            if any(self.taken[t] for t in tokens):
                # «Узбекистан 24», «Говорит Москва»: a place known inside the outlet's name
                inside = [f for f in self.found if a <= f.start and f.end <= b]
                if not inside or len(tokens) < 2:
                    continue
                self.found = [f for f in self.found if all(f is not g for g in inside)]
            name = m.group(1)
            self.found.append(
                Found(
                    start=a,
                    end=b,
                    text=name,
                    type="MEDIA",
                    source="rule",
                    name=name,
                    key=f"MEDIA:{name_key(name)}",
                )
            )
            for t in tokens:
                self.taken[t] = True

    def _marked_after_head(self) -> None:
        """«пунктах пропуска «Ак-Жол» и «Чалдовар»», «коридора «Север — Юг»»: names in marks after
        a head of place names (``LOC_HEADS``) are places or facilities of that head's kind."""
        text = self.text
        for k, (_, head_end, head) in enumerate(self.tokens):
            if not head[:1].islower() or not _could_be(head, _LOC_PREFIXES):
                continue
            kind = lex.LOC_HEADS.get(self._word_key(k))
            if kind is None or kind == "GPE":
                continue
            at = head_end
            while True:
                m = _MARKED_NAME.match(text, at)
                if m is None:
                    break
                a, b = m.span(1)
                tokens = self._token_index(a, b)
                inside = [f for f in self.found if a <= f.start and f.end <= b]
                if inside and len(tokens) > 1 and all(f.source == "kb" for f in inside):
                    # «Центральная Азия — Китай»: a known place inside the facility's name
                    self.found = [f for f in self.found if all(f is not g for g in inside)]
                    for t in tokens:
                        self.taken[t] = False
                if tokens and not any(self.taken[t] for t in tokens):
                    name = m.group(1)
                    self.found.append(
                        Found(
                            start=a,
                            end=b,
                            text=name,
                            type=kind,
                            source="rule",
                            name=name,
                            key=f"{kind}:{name_key(name)}",
                        )
                    )
                    for t in tokens:
                        self.taken[t] = True
                at = m.end()
                more = re.match(r"\s*(?:,|и)\s*(?=«)", text[at : at + 6])
                if more is None:
                    break
                at += more.end()

    def _agency_compounds(self) -> None:
        """«Кыргызгидромет», «по данным Казгидромета», «в Узгидромете»: a country's stem and an
        agency's stem in one capitalised word is an organisation, named in the nominative."""
        for k, (start, end, word) in enumerate(self.tokens):
            if self.taken[k] or not word[:1].isupper() or word.isupper():
                continue
            m = _AGENCY_COMPOUND.fullmatch(word.lower().replace("ё", "е"))
            if m is None:
                continue
            name = word[: len(m.group(1))]
            self.found.append(
                Found(
                    start=start,
                    end=end,
                    text=word,
                    type="ORG",
                    source="rule",
                    name=name,
                    key=f"ORG:{name_key(name)}",
                )
            )
            self.taken[k] = True

    def _word_key(self, i: int) -> str:
        key = self.keys.get(i)
        if key is None:
            key = self.keys[i] = _key_word(self.tokens[i][2])
        return key

    # -- the NER model ------------------------------------------------------------------------

    def _ner_spans(self) -> None:
        """natasha's NER model over our own tokens (its own tokenizer, razdel, would cost as
        much again), in pieces of whole lines of at most :data:`_CHUNK_TOKENS` tokens."""
        infer = _ner().infer
        pieces = self._pieces()
        if not pieces:
            return
        items = [[self.tokens[k][2] for k in range(a, b)] for a, b in pieces]
        tags = _tag(infer, items)
        for (a, _), piece_tags in zip(pieces, tags, strict=True):
            kind: str | None = None
            first = last = a
            for k, tag in enumerate(piece_tags, start=a):
                part, _, label = tag.partition("-")
                if kind is not None and (part != "I" or label != kind):
                    self._ner_lines(first, last, kind)
                    kind = None
                if part == "B":
                    kind, first = label, k
                if kind is not None:
                    last = k
            if kind is not None:
                self._ner_lines(first, last, kind)

    def _pieces(self) -> list[tuple[int, int]]:
        pieces: list[tuple[int, int]] = []
        start = 0
        n = len(self.tokens)
        while start < n:
            end = min(n, start + _CHUNK_TOKENS)
            if end < n:
                cut = end
                while cut > start + 1 and not self._line_start(cut):
                    cut -= 1
                end = cut if cut > start + 1 else end
            pieces.append((start, end))
            start = end
        return pieces

    def _line_start(self, i: int) -> bool:
        return "\n" in self.text[self.tokens[i - 1][1] : self.tokens[i][0]]

    def _ner_lines(self, first: int, last: int, label: str) -> None:
        """A span of the model, cut where a line ends (a name never runs over a line break)."""
        kind = _NER_TYPES.get(label)
        start = first
        for k in range(first + 1, last + 1):
            if self._line_start(k):
                self._ner_span(self.tokens[start][0], self.tokens[k - 1][1], kind)
                start = k
        self._ner_span(self.tokens[start][0], self.tokens[last][1], kind)

    def _ner_span(self, start: int, end: int, kind: str | None) -> None:
        tokens = self._token_index(start, end)
        if kind is None or not tokens:
            return
        if all(self.taken[k] for k in tokens):
            return
        if self.taken[tokens[0]] or self.taken[tokens[-1]]:
            # "Бахтиёр Эргашев Kun.uz": the model ran a name into a known one; keep the rest.
            while tokens and self.taken[tokens[0]]:
                tokens = tokens[1:]
            while tokens and self.taken[tokens[-1]]:
                tokens = tokens[:-1]
            while tokens and not self.tokens[tokens[-1]][2][:1].isalnum():
                tokens = tokens[:-1]
            if not tokens:
                return
            start, end = self.tokens[tokens[0]][0], self.tokens[tokens[-1]][1]
        if any(self.taken[k] for k in tokens) and kind != "ORG":
            return  # a known name inside: the knowledge file's span wins
        surface = self.text[start:end]
        defined = _DEFINED.match(surface)
        if defined is not None and kind != "PERSON":
            # "Региональная антитеррористическая структура (РАТС)": a long form and its acronym.
            long_end = start + defined.end(1)
            self._ner_span(start, long_end, kind)
            acronym_start = start + defined.start(2)
            k = self.at.get(acronym_start)
            if k is not None and not self.taken[k]:
                self.found.append(
                    Found(
                        start=acronym_start,
                        end=acronym_start + len(defined.group(2)),
                        text=defined.group(2),
                        type="ORG",
                        acronym=True,
                        key="acronym:" + defined.group(2),
                        defines=start,
                        context=self._context(k),
                    )
                )
                self.taken[k] = True
            return
        words = [self.tokens[k][2] for k in tokens]
        named_after = next((i for i, w in enumerate(words) if w.lower() == "имени"), None)
        if (
            kind == "ORG"
            and named_after
            and len(words) - named_after >= 4
            and words[-2].lower().replace("ё", "е") in _first_names()
            and words[-1][:1].isupper()
        ):
            # «доцент университета имени аль-Фараби Арман Бекмухамедов»: the model ran the
            # person after the name the institution bears into it; a first name in the
            # nominative starts the person (the bearer's name is in the genitive: «Абая»)
            cut = tokens[-2]
            self._ner_span(start, self.tokens[cut - 1][1], "ORG")
            self._ner_span(self.tokens[cut][0], end, "PERSON")
            return
        if (
            kind == "PERSON"
            and len(tokens) == 1
            and self._sentence_start(tokens[0])
            and (_is_role(self._word_key(tokens[0])) or _is_adjective(words[0]))
        ):
            # «Эколог, руководитель фонда …», «Таджикский энергетик Азиз Шоев»: a capitalised role
            # or adjective opening the sentence is no name
            return
        if kind == "PERSON":
            self._person(tokens, surface)
            return
        first_key = self._word_key(tokens[0])
        if (
            len(tokens) == 1
            and first_key in lex.BACK_REFERENCE_HEADS
            and not self._sentence_start(tokens[0])
        ):
            self.found.append(
                Found(start=start, end=end, text=surface, type="ORG", backref=first_key)
            )
            self.taken[tokens[0]] = True
            return
        if first_key in lex.NOT_NAMES:
            return
        before = ""
        if tokens[0] > 0 and _could_be(
            self.tokens[tokens[0] - 1][2], _MEDIA_PREFIXES | _LOC_PREFIXES
        ):
            before = self._word_key(tokens[0] - 1)
        if (
            kind == "ORG"
            and len(tokens) == 1
            and lex.LOC_HEADS.get(_NUMBERED.sub("", first_key)) == "FAC"
        ):
            kind = "FAC"  # «ТЭЦ-2», «ГЭС-3»: a plant by its number is a facility
        elif kind == "ORG" and before in lex.MEDIA_WORDS:
            kind = "MEDIA"
        elif kind == "GPE":
            head = lex.LOC_HEADS.get(before) or next(
                (
                    lex.LOC_HEADS[self._word_key(k)]
                    for k in tokens
                    if _could_be(self.tokens[k][2], _LOC_PREFIXES)
                    and self._word_key(k) in lex.LOC_HEADS
                ),
                None,
            )
            kind = head or "GPE"
        acronym = len(words) == 1 and words[0].isupper() and len(words[0]) > 1
        if kind == "ORG" and not acronym:
            end = self._with_country(tokens, end)
            surface = self.text[start:end]
        elif kind == "ORG" and self._country_after(tokens, end) != end:
            # «МИД Туркменистана», «ГКНБ Кыргызстана»: a body's letters and its country
            end = self._country_after(tokens, end)
            surface = self.text[start:end]
            acronym = False
        name = None if acronym else nominative_phrase(surface)
        self.found.append(
            Found(
                start=start,
                end=end,
                text=surface,
                type=kind,
                source="ner",
                name=name,
                key=f"acronym:{surface}" if name is None else f"{kind}:{name_key(name)}",
                acronym=acronym,
                context=self._context(tokens[0]) if acronym else frozenset(),
            )
        )
        for k in tokens:
            self.taken[k] = True

    def _headed_by_po(self) -> None:
        """«Комитет по регулированию естественных монополий», «Агентства по статистике при
        Президенте»: an institution named by its head and «по» with what it deals in."""
        n = len(self.tokens)
        for i in range(n - 2):
            word = self.tokens[i][2]
            if self.taken[i] or not word[:1].isupper() or self.tokens[i + 1][2] != "по":
                continue
            if self._word_key(i) not in lex.PO_ORG_HEADS:
                continue
            k = i + 2
            while k < n and k < i + 8 and not self.taken[k] and self.tokens[k][2].isalpha():
                if not self.tokens[k][2].islower():
                    break
                parses = _morph().parse(self.tokens[k][2])
                if not parses or parses[0].tag.POS not in ("NOUN", "ADJF", "PRTF"):
                    break  # a verb or a preposition ends the name
                k += 1
            if k - (i + 2) < 1 or self._word_key(i + 2) in lex.PO_NOT_TOPICS:
                continue
            end = self._with_country([*range(i, k)], self.tokens[k - 1][1])
            start = self.tokens[i][0]
            surface = self.text[start:end]
            name = nominative_phrase(surface)
            self.found.append(
                Found(start=start, end=end, text=surface, type="ORG", source="rule", name=name,
                      key=f"ORG:{name_key(name)}")
            )  # fmt: skip
            for t in range(i, k):
                self.taken[t] = True

    def _with_country(self, tokens: list[int], end: int) -> int:
        """«Министерства энергетики Узбекистана»: an institution's name goes on through the
        place in the genitive after it (the place stays a place of its own too)."""
        if not any(self._word_key(k) in lex.ORG_HEADS for k in tokens[:3]):
            return end
        return self._country_after(tokens, end)

    def _country_after(self, tokens: list[int], end: int) -> int:
        """The end of a declined country's name right after ``tokens``, else ``end``."""
        nxt = tokens[-1] + 1
        if nxt >= len(self.tokens) or self.text[end : self.tokens[nxt][0]].strip():
            return end
        at = self.tokens[nxt][0]
        for f in self.found:
            if f.start == at and f.type == "GPE" and f.name and f.text != f.name:
                return f.end
        return end

    # -- places named by an adjective and a head ---------------------------------------------

    def _adjective_places(self) -> None:
        """«Токтогульское водохранилище», «Бишкекская ТЭЦ», and each of «Самаркандской,
        Кашкадарьинской и Ферганской областей»: a capitalised adjective before a head of
        place names, the head shared by the adjectives listed before it."""
        for k, (_, head_end, head) in enumerate(self.tokens):
            if not _could_be(head, _LOC_PREFIXES):
                continue
            number = _NUMBERED.search(head)  # «Камбаратинская ГЭС-1», «ТЭЦ-2»
            kind = lex.LOC_HEADS.get(_NUMBERED.sub("", self._word_key(k)))
            if kind is None:
                continue
            if number and head[: number.start()].isupper() and not self.taken[k]:
                # «ТЭЦ-2» alone: a plant by its letters and number (an adjective before it
                # makes the longer name below)
                prev = self.tokens[k - 1][2] if k else ""
                if not (prev[:1].isupper() and _is_adjective(prev)):
                    self.found.append(
                        Found(
                            start=self.tokens[k][0],
                            end=head_end,
                            text=head,
                            type=kind,
                            name=head,
                            key=f"{kind}:{name_key(head)}",
                        )
                    )
                    self.taken[k] = True
                    continue
            if k == 0:
                continue
            j = k - 1
            last = True
            while j >= 0:
                word = self.tokens[j][2]
                if self.taken[j] or not word[:1].isupper() or not _is_adjective(word):
                    break
                name = _adjective_and_head(word, _NUMBERED.sub("", head))
                if name is None:
                    break
                if number and last:
                    name += number.group(0)
                start = self.tokens[j][0]
                end = head_end if last else self.tokens[j][1]
                self.found.append(
                    Found(
                        start=start,
                        end=end,
                        text=self.text[start:end],
                        type=kind,
                        name=name,
                        key=f"{kind}:{name_key(name)}",
                    )
                )
                self.taken[j] = True
                if last:
                    self.taken[k] = True
                last = False
                if j >= 2 and self.tokens[j - 1][2] in (",", "и"):
                    j -= 2
                else:
                    break

    # -- people --------------------------------------------------------------------------------

    def _person(self, tokens: list[int], surface: str) -> None:
        # A role word is never part of a name: «Вице-министр» at the start of a sentence.
        while tokens and _could_be(self.tokens[tokens[0]][2], _ROLE_PREFIXES):
            if not _is_role(self._word_key(tokens[0])):
                break
            tokens = tokens[1:]
        if not tokens:
            return
        surface = self.text[self.tokens[tokens[0]][0] : self.tokens[tokens[-1]][1]]
        words = [
            self.tokens[k][2]
            for k in tokens
            if self.tokens[k][2].replace("-", "").replace("'", "").isalpha()
            or self.tokens[k][2].endswith(".")
        ]
        names = [w for w in words if not (len(w) <= 2 and w.endswith("."))]
        if not names:
            return
        before = self._role_before(tokens[0])
        # A role in apposition agrees in case with the name («экономиста Нуриддина Каримова»), a
        # past-tense verb after it in gender («Алия Сарсенова заявила»): they decide between
        # readings pymorphy3 finds equally likely.
        hint_cases = _role_cases(self.tokens[before[1]][2]) if before else frozenset()
        after = tokens[-1] + 1
        hint_gender = _verb_gender(self.tokens[after][2]) if after < len(self.tokens) else None
        if hint_gender is None and (after >= len(self.tokens) or self.tokens[after][2] in ".!?;"):
            # «…, — возразила его коллега по фракции Жылдыз Мамбетова.»: the subject after
            # its verb ends the clause, and the verb before it tells its gender and case
            for k in range(tokens[0] - 1, max(-1, tokens[0] - 8), -1):
                word = self.tokens[k][2]
                if not word.replace("-", "").isalpha():
                    break
                verb = _verb_gender(word)
                if verb is not None:
                    hint_gender = verb
                    hint_cases = hint_cases or frozenset({"nomn"})
                    break
        first, patronymic, rest = _name_parts(names, hint_cases, hint_gender, self._counts())
        found = Found(
            start=self.tokens[tokens[0]][0],
            end=self.tokens[tokens[-1]][1],
            text=surface,
            type="PERSON",
        )
        gender = None
        if first is not None:
            found.first = first.nominative
            gender = first.gender or _gender_by_ending(first.nominative)
            if hint_gender is not None and (first.score == 0.0 or first.gender is None):
                gender = hint_gender  # a name we only guessed at: the verb knows better
            found.gender = gender
            found.known_first = True
        if patronymic is not None:
            found.middle = patronymic.nominative
        if rest:
            form = rest[-1]
            cases = first.cases if first is not None else frozenset()
            found.last_forms = ((form, gender, cases),)
            found.last = _surname_nominative(form, gender, cases)
        if before:
            found.role = before[0]
            found.titled = True
        self.found.append(found)
        for k in tokens:
            self.taken[k] = True

    def _counts(self) -> Counter[str]:
        """How often each word is written in the document (counted once, when first needed)."""
        if self.counts is None:
            self.counts = Counter(word for _, _, word in self.tokens)
        return self.counts

    def _role_before(self, i: int) -> tuple[str, int] | None:
        """The role right before a name: «заместителя министра иностранных дел России» → its
        nominative, without the place at its end, and where its head word is («заместителя»).
        Nothing when a verb or a preposition stands between the role word and the name
        («Журналисты поговорили с Засем»)."""
        k = i - 1
        role_at = None
        while k >= 0 and i - k <= 8:
            word = self.tokens[k][2]
            if word in _STOP or word == ",":
                break
            if _could_be(word, _ROLE_PREFIXES) and _is_role(self._word_key(k)):
                role_at = k
                break
            if word.islower() and not _in_role(word):
                return None
            k -= 1
        if role_at is None or _plural(self.tokens[role_at][2]):
            return None
        while (
            role_at > 0
            and _could_be(self.tokens[role_at - 1][2], _ROLE_PREFIXES)
            and _is_role(self._word_key(role_at - 1))
        ):
            role_at -= 1
        head = role_at
        while role_at > 0 and _is_adjective(self.tokens[role_at - 1][2]):
            role_at -= 1
        end = i
        places = {f.start for f in self.found if f.type in ("GPE", "LOC")}
        while end > role_at + 1 and self.tokens[end - 1][0] in places:
            end -= 1
        words = [self.tokens[k][2] for k in range(role_at, end)]
        role = _role_nominative(tuple(words))
        if role[:1].isupper() and not words[0].isupper():
            role = role[:1].lower() + role[1:]
        return role, head

    def _known_people(self) -> None:
        """Capitalised words left over that are a declined surname of a person found."""
        lasts = {f.last.casefold() for f in self.found if f.type == "PERSON" and f.last}
        if not lasts:
            return
        for k, (start, end, word) in enumerate(self.tokens):
            if self.taken[k] or not word[:1].isupper() or not _CYRILLIC.search(word):
                continue
            options = {c.casefold() for c in surname_candidates(word)}
            if options & lasts:
                found = Found(start=start, end=end, text=word, type="PERSON")
                found.last_forms = ((word, None, frozenset()),)
                found.last = next(c for c in surname_candidates(word) if c.casefold() in lasts)
                self.found.append(found)
                self.taken[k] = True

    # -- acronyms --------------------------------------------------------------------------------

    def _acronyms(self) -> None:
        for k, (start, end, word) in enumerate(self.tokens):
            if self.taken[k] or not (word.isupper() and 2 <= len(word) <= 8 and word.isalpha()):
                continue
            if self.knowledge.lookup(word) is not None:
                continue
            self.found.append(
                Found(
                    start=start,
                    end=end,
                    text=word,
                    type="ORG",
                    acronym=True,
                    key="acronym:" + word,
                    context=self._context(k),
                )
            )
            self.taken[k] = True
        ends = {f.end: f for f in self.found if not f.acronym and f.type != "PERSON"}
        for f in self.found:
            if (
                not f.acronym
                or self.text[f.start - 1 : f.start] != "("
                or self.text[f.end : f.end + 1] != ")"
            ):
                continue
            k = f.start - 1
            while k > 0 and self.text[k - 1] in " (":
                k -= 1
            long_form = ends.get(k)
            if long_form is not None and not (f.kb and long_form.kb):
                f.defines = long_form.start


def _is_first_name(word: str) -> bool:
    firsts = _first_names()
    return any(
        r.kind == "first" and r.nominative.lower().replace("ё", "е") in firsts
        for r in analyse_name_word(word)
    )


def _name_parts(
    names: list[str],
    cases: frozenset[str] = frozenset(),
    gender: str | None = None,
    counts: Counter[str] | None = None,
) -> tuple[NamePart | None, NamePart | None, list[str]]:
    """First name, patronymic and the rest (the surname last) of the words of one name.

    Russian news writes "first [patronymic] surname"; the first word is the first name unless
    it looks like a surname and a later word is a known first name ("Иванов Пётр").
    """
    if len(names) == 1:
        word = names[0]
        if _is_first_name(word) and not _surname_like(word):
            return _pick_first(word, names, cases, gender, counts), None, []
        return None, None, [word]
    at = 0
    if _surname_like(names[0]) and not _is_first_name(names[0]):
        at = next((k for k in range(1, len(names)) if _is_first_name(names[k])), 0)
    others = names[:at] + names[at + 1 :]
    first = _pick_first(names[at], [*others, names[at]] if at else names, cases, gender, counts)
    patronymic = None
    rest: list[str] = []
    for word in others:
        reading = next((r for r in analyse_name_word(word) if r.kind == "patronymic"), None)
        if patronymic is None and reading is not None and len(others) > 1:
            patronymic = reading
        else:
            rest.append(word)
    return first, patronymic, rest


def _gender_by_ending(first_name: str) -> str | None:
    """The gender of a first name pymorphy3 does not know (Дилноза, Фаридун), by its ending."""
    last = first_name[-1:].lower()
    if last in ("а", "я"):
        return "femn"
    if last.isalpha() and last not in "аеёиоуыэюяь":
        return "masc"
    return None


def _surname_like(word: str) -> bool:
    lower = word.lower()
    if lower.endswith(("ддин", "ддина", "ддину", "ддином", "ддине")):  # Сироджиддин(а): first names
        return False
    return lower.endswith(("ов", "ев", "ин", "ова", "ева", "ина", "ский", "ская", "зода", "заде"))


def _pick_first(
    word: str,
    names: list[str],
    cases: frozenset[str] = frozenset(),
    gender: str | None = None,
    counts: Counter[str] | None = None,
) -> NamePart:
    """The reading of a first name that agrees in gender and case with the surname beside it,
    likeliest first, the nominative on a tie: «Алия Сарсенова» is a woman named in the
    nominative (not «Алий Сарсенов» in the genitive), «Алии Сарсеновой» is her genitive."""
    readings = [r for r in analyse_name_word(word) if r.kind == "first"]
    surname = names[-1] if len(names) > 1 and names[-1] != word else ""
    last = surname.lower()
    known = _first_names()
    if word.lower().replace("ё", "е") in known:
        # «Ислом» is a name of its own, not the instrumental of a guessed «Исл»
        readings = [r for r in readings if r.nominative.lower().replace("ё", "е") in known]
    if not readings:
        return _guess_first(word, last)
    if (
        gender == "femn"
        and word.lower().endswith(("а", "я"))
        and not any(r.gender == "femn" for r in readings)
        and (not cases or "nomn" in cases)
    ):
        # «Парвина Азизова проинформировала»: the subject of a feminine verb is a woman named
        # in the nominative, not the genitive of a man's name pymorphy3 knows («Парвин»)
        return NamePart(word, "first", word, "femn", frozenset({"nomn"}), 0.0)
    if surname:
        agreeing = surname_readings(surname)
        fitting = [
            r
            for r in readings
            if any(gender in (None, r.gender) and case in r.cases for gender, case in agreeing)
        ]
        if fitting:
            readings = fitting
        elif last.endswith(("ем", "ом", "ым", "ого", "ому", "ю")):
            readings = [r for r in readings if r.gender == "masc"] or readings
    counts = counts or Counter()

    def elsewhere(r: NamePart) -> int:
        # The nominative written elsewhere in the document («Фаридуна» … «Фаридун ответил»).
        return counts[r.nominative] - (r.nominative == word)

    return max(
        readings,
        key=lambda r: (
            r.score,
            bool(r.cases & cases),
            r.gender == gender,
            elsewhere(r) > 0,
            "nomn" in r.cases,
        ),
    )


@lru_cache(maxsize=16384)
def _role_cases(word: str) -> frozenset[str]:
    """The cases a role word can be in («экономиста»: genitive, accusative)."""
    return frozenset(
        str(p.tag.case)
        for p in _morph().parse(word.lower())
        if p.tag.case and _is_role(str(p.normal_form).replace("ё", "е"))
    )


@lru_cache(maxsize=16384)
def _verb_gender(word: str) -> str | None:
    """The gender a past-tense verb shows («заявила»: feminine), else None."""
    if not word.isalpha() or not word.islower():
        return None
    parses = _morph().parse(word)
    if not parses or parses[0].tag.POS != "VERB" or parses[0].tag.tense != "past":
        return None
    gender = parses[0].tag.gender
    return gender if gender in ("masc", "femn") else None


_FEMININE_SURNAME = ("ой", "ую", "ова", "ева", "ина", "ая", "зода")
_FEMININE_CASES = (
    ("ою", "а"),
    ("ой", "а"),
    ("ы", "а"),
    ("и", "я"),
    ("у", "а"),
    ("ю", "я"),
    ("е", "а"),
)
_MASCULINE_CASES = (("ом", ""), ("ем", ""), ("а", ""), ("у", ""), ("е", ""))


# Endings of a man's first name in the instrumental and dative that no nominative has.
_MASCULINE_OBLIQUE = ("ом", "ем", "ём", "у", "ю")


def _guess_first(word: str, surname: str) -> NamePart:
    """A first name pymorphy3 does not know (Дилнозы, Фаридуна), in the nominative by the
    endings of Russian nouns; feminine when the surname beside it is («Дилнозы Каримовой»)."""
    lower = word.lower()
    for ending in _MASCULINE_OBLIQUE:
        # «Дарханом Сатыбалды»: a known man's name plus an ending only an oblique case has
        stem = lower[: -len(ending)]
        if lower.endswith(ending) and len(stem) > 2 and stem.replace("ё", "е") in _first_names():
            return NamePart(word, "first", word[: -len(ending)], "masc", frozenset(), 0.0)
    feminine = surname.endswith(_FEMININE_SURNAME[:2]) or (
        not surname and lower.endswith(("ой", "ою", "ы"))
    )
    if feminine or surname.endswith(_FEMININE_SURNAME):
        for ending, nominative in _FEMININE_CASES:
            if lower.endswith(ending) and len(lower) > len(ending) + 2:
                return NamePart(
                    word, "first", word[: -len(ending)] + nominative, "femn", frozenset(), 0.0
                )
        if lower.endswith(("а", "я")):
            return NamePart(word, "first", word, "femn", frozenset({"nomn"}), 0.0)
    masculine_surname = surname.endswith(("ова", "ева", "ина", "ым", "ому", "ого")) and not feminine
    if masculine_surname or surname.endswith(("ом", "ем")):
        for ending, nominative in _MASCULINE_CASES:
            if (
                lower.endswith(ending)
                and len(lower) > len(ending) + 2
                and lower[-len(ending) - 1] not in "аеиоуыэюяь"
            ):
                return NamePart(
                    word, "first", word[: -len(ending)] + nominative, "masc", frozenset(), 0.0
                )
    return NamePart(word, "first", word, _gender_by_ending(word), frozenset(), 0.0)


def _surname_nominative(form: str, gender: str | None, cases: frozenset[str]) -> str:
    if form.lower().endswith(("зода", "заде")):
        return form  # Tajik and Azeri surnames (Шарифзода, Гулизаде) as written, not «Шарифзод»
    for reading in analyse_name_word(form):
        if (
            reading.kind == "surname"
            and (gender is None or reading.gender == gender)
            and (not cases or reading.cases & cases)
        ):
            return reading.nominative
    return surname_candidates(form, gender, cases)[0]


@lru_cache(maxsize=65536)
def _is_adjective(word: str) -> bool:
    if not word.isalpha() or not (word.islower() or word.istitle()):
        return False
    parses = _morph().parse(word.lower())
    return bool(parses) and parses[0].tag.POS in ("ADJF", "PRTF")


_NOT_IN_ROLE = frozenset({"VERB", "INFN", "PREP", "CONJ", "PRCL", "GRND", "PRTS", "ADVB", "NPRO"})


@lru_cache(maxsize=65536)
def _in_role(word: str) -> bool:
    """Whether a lower-case word may stand inside a role («министра», «иностранных», «дел»)."""
    parses = _morph().parse(word)
    return not parses or parses[0].tag.POS not in _NOT_IN_ROLE


@lru_cache(maxsize=16384)
def _adjective_and_head(adjective: str, head: str) -> str | None:
    """«Кашкадарьинской», «областей» → «Кашкадарьинская область» (nominative singular)."""
    morph = _morph()
    head_parses = [p for p in morph.parse(head.lower()) if p.tag.POS == "NOUN"]
    adjective_parses = [p for p in morph.parse(adjective.lower()) if p.tag.POS == "ADJF"]
    if not head_parses or not adjective_parses:
        return None
    noun = head_parses[0]
    noun_nominative = noun.inflect({"nomn", "sing"}) or noun.inflect({"nomn"})
    gender = noun.tag.gender or "masc"
    adjective_nominative = adjective_parses[0].inflect({"nomn", "sing", gender})
    if noun_nominative is None or adjective_nominative is None:
        return None
    return f"{_like(adjective_nominative.word, adjective)} {_like(noun_nominative.word, head)}"


@lru_cache(maxsize=16384)
def _plural(word: str) -> bool:
    parses = _morph().parse(word.lower())
    return bool(parses) and "plur" in parses[0].tag


@lru_cache(maxsize=16384)
def nominative_phrase(name: str) -> str:
    """A name in the nominative: its leading adjectives and its head noun inflected, the rest
    kept («Баткенской области» → «Баткенская область», «Министерства энергетики» →
    «Министерство энергетики»)."""
    out = name
    morph = _morph()
    words = list(_TOKEN.finditer(name))
    replacements: list[tuple[int, int, str]] = []
    head = _head_noun(words)
    for match in words:
        word = match.group()
        if not _CYRILLIC.search(word) or not word.replace("-", "").isalpha():
            break
        parses = morph.parse(word.lower())
        if not parses:
            break
        parse = parses[0]
        pos = parse.tag.POS
        if pos not in ("ADJF", "NOUN", "PRTF"):
            break
        if pos in ("ADJF", "PRTF") and head is not None:
            # the adjective agrees with its noun: «Центрального банка» → «Центральный банк»
            want = head.tag
            agreeing = [
                p for p in parses
                if pos == p.tag.POS and want.case == p.tag.case and want.number == p.tag.number
                and (want.gender == p.tag.gender or want.number == "plur")
            ]  # fmt: skip
            parse = agreeing[0] if agreeing else parse
        if parse.tag.case != "nomn":
            inflected = parse.inflect({"nomn"})
            if inflected is not None:
                replacements.append((match.start(), match.end(), _like(inflected.word, word)))
        if pos == "NOUN":
            break
    for start, end, word in reversed(replacements):
        out = out[:start] + word + out[end:]
    return out


def _head_noun(words: list[re.Match[str]]) -> Any:
    """The pymorphy3 reading of the first noun of a name after its adjectives, or None."""
    morph = _morph()
    for match in words:
        word = match.group()
        if not _CYRILLIC.search(word) or not word.replace("-", "").isalpha():
            return None
        parses = morph.parse(word.lower())
        if not parses:
            return None
        nouns = [p for p in parses if p.tag.POS == "NOUN"]
        if parses[0].tag.POS in ("ADJF", "PRTF") and not (nouns and nouns[0].score > 0.5):
            continue
        return nouns[0] if nouns else None
    return None


@lru_cache(maxsize=16384)
def _role_nominative(words: tuple[str, ...]) -> str:
    out = list(words)
    morph = _morph()
    for k, word in enumerate(words):
        parses = morph.parse(word.lower()) if word.isalpha() or "-" in word else []
        if not parses:
            break
        parse = parses[0]
        if parse.tag.case not in (None, "nomn"):
            inflected = parse.inflect({"nomn"})
            if inflected is not None:
                out[k] = _like(inflected.word, word)
        if _is_role(lemma(word)):
            break
    return " ".join(out)


def _like(word: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))
    return word
