"""From found spans to entities: one entity per person, organisation, place or outlet.

The language stages (``entities_en``, ``entities_ru``) find spans and read what they can from
each (:class:`Found`): a knowledge id, a person's first name and surname, a role, an acronym.
:func:`resolve` then groups the spans of one document into entities:

- spans with the same knowledge id, or the same name, are one entity;
- an acronym is tied to the long form it follows in parentheses, to the long form whose initials
  it spells, and an unknown all-caps token one edit (or one transposition) away from an acronym of
  the document is read as that acronym when a word beside it matches (``SCTO secretary-general``);
- a capitalised back-reference (``the Organization``) points to the last organisation whose name
  has that head word;
- a surname joins the one person of the document with that surname (the nearest one before it
  when there are several); a first name joins the one person with that first name; a lone first
  name after a title and a lone surname join when nothing contradicts it (same role or none, same
  gender or unknown), and the person is named "first surname".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newswatch.record import Entity, Mention

__all__ = ["Found", "initials", "osa_distance", "person_key", "resolve", "web_domain"]

# A web address used as a name ("Kapital.kz reported", «сообщает Vesti.kg»): the domains of the
# region's countries and the generic ones news sites use.
_WEB_DOMAIN = re.compile(
    r"(?:www\.)?((?:[^\W_](?:[\w-]*[^\W_])?\.)+"
    r"(?:kz|uz|kg|tj|tm|af|ru|ua|by|az|am|ge|md|cn|su|com|org|net|info|news|media|asia|tv|fm|io))",
    re.IGNORECASE,
)
# Labels of sites that are not outlets: governments, universities, armies.
_NOT_OUTLET_LABELS = frozenset({"gov", "edu", "mil", "ac"})

_TYPE_RANK = {"MEDIA": 0, "PERSON": 1, "ORG": 2, "GPE": 3, "FAC": 4, "LOC": 5, "EVENT": 6}


@dataclass(slots=True)
class Found:
    """One span of the text that names something, with what its language stage read from it."""

    start: int
    end: int
    text: str
    type: str
    source: str = "rule"  # "kb", "ner", "rule"
    kb: str | None = None
    name: str | None = None  # the canonical form of this span (knowledge name, nominative)
    key: str | None = None  # what spans of one non-person entity share
    first: str | None = None
    middle: str | None = None
    last: str | None = None
    last_forms: tuple[tuple[str, str | None, frozenset[str]], ...] = ()
    gender: str | None = None
    role: str | None = None
    titled: bool = False
    acronym: bool = False
    defines: int | None = None  # for an acronym in parentheses: where its long form starts
    backref: str | None = None  # for "the Organization": the head word
    context: frozenset[str] = frozenset()  # the words beside an acronym
    known_first: bool = False


def web_domain(word: str) -> str | None:
    """The host name ``word`` is when it is a news site's web address used as a name
    ("Kapital.kz", "www.Vesti.kg" → "vesti.kg"); None for other words and for the sites of
    governments, universities and armies ("gov.kz")."""
    match = _WEB_DOMAIN.fullmatch(word)
    if match is None:
        return None
    host = match.group(1).lower()
    labels = host.split(".")
    if any(label in _NOT_OUTLET_LABELS for label in labels):
        return None
    return host


def person_key(name: str) -> str:
    return name.casefold().replace("ё", "е").replace("’", "'")


def initials(words: Iterable[str], skip: frozenset[str]) -> str:
    """The capital initials of the significant words of a name (``"CSTO"``)."""
    out = []
    for word in words:
        if word.casefold() in skip or not word[:1].isalpha():
            continue
        for part in word.split("-"):
            if part[:1].isupper():
                out.append(part[0])
    return "".join(out)


def osa_distance(a: str, b: str) -> int:
    """Edit distance counting a transposition of two neighbouring letters as one edit."""
    if abs(len(a) - len(b)) > 2:
        return 3
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


@dataclass(slots=True)
class _Person:
    first: str | None = None
    middle: str | None = None
    last: str | None = None
    gender: str | None = None
    members: list[int] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    last_candidates: set[str] = field(default_factory=set)
    titled: bool = False
    known_first: bool = False


class _Groups:
    """Union-find over span indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


SurnameCandidates = Callable[[str, str | None, frozenset[str]], tuple[str, ...]]
BestSurname = Callable[[list[tuple[str, str | None, frozenset[str]]]], str]


def _same_first(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    ka, kb = person_key(a).rstrip("."), person_key(b).rstrip(".")
    if ka == kb:
        return True
    short, full = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    return len(short) == 1 and full.startswith(short)


def _people(
    found: list[Found],
    surname_candidates: SurnameCandidates | None,
) -> list[_Person]:
    """Group the PERSON spans into people (see the module's docstring for the rules)."""

    def candidates(f: Found) -> set[str]:
        if f.last is None:
            return set()
        if surname_candidates is not None and f.last_forms:
            out: set[str] = set()
            for form, gender, cases in f.last_forms:
                out.update(person_key(c) for c in surname_candidates(form, gender, cases))
            return out
        return {person_key(f.last)}

    people: list[_Person] = []
    order = sorted(
        (i for i, f in enumerate(found) if f.type == "PERSON"),
        key=lambda i: (0 if found[i].first and found[i].last else 1, found[i].start),
    )
    last_seen: dict[int, int] = {}

    def add(person: _Person, i: int) -> None:
        f = found[i]
        person.members.append(i)
        person.last_candidates |= candidates(f)
        if f.role and f.role not in person.roles:
            person.roles.append(f.role)
        person.titled = person.titled or f.titled
        person.known_first = person.known_first or f.known_first
        person.gender = person.gender or f.gender
        person.first = person.first or f.first
        person.middle = person.middle or f.middle
        if f.last is not None and (person.last is None or f.first is not None):
            person.last = person.last or f.last
        last_seen[id(person)] = max(last_seen.get(id(person), -1), f.start)

    def nearest(options: list[_Person], at: int) -> _Person:
        before = [p for p in options if any(found[m].start < at for m in p.members)]
        if before:
            return max(
                before, key=lambda p: max(found[m].start for m in p.members if found[m].start < at)
            )
        return options[0]

    for i in order:
        f = found[i]
        mine = candidates(f)
        if f.first and f.last:
            same = [
                p
                for p in people
                if p.first and _same_first(p.first, f.first) and p.last_candidates & mine
            ]
            if same:
                add(same[0], i)
            else:
                person = _Person()
                people.append(person)
                add(person, i)
        elif f.last:
            same = [p for p in people if p.last_candidates & mine]
            full = [p for p in same if p.first]
            if full:
                add(nearest(full, f.start), i)
            elif same:
                add(same[0], i)
            else:
                person = _Person()
                people.append(person)
                add(person, i)
        elif f.first:
            same = [p for p in people if _same_first(p.first, f.first)]
            if len(same) == 1 or (same and all(p.last is None for p in same)):
                add(same[0], i)
            elif same:
                add(nearest(same, f.start), i)
            else:
                person = _Person()
                people.append(person)
                add(person, i)

    # A lone first name after a title and a lone surname: one person when nothing contradicts it.
    for lone_first in [p for p in people if p.first and not p.last]:
        if not (lone_first.titled or lone_first.known_first):
            continue
        options = [
            p
            for p in people
            if p.last
            and not p.first
            and p.members
            and (p.gender is None or lone_first.gender is None or p.gender == lone_first.gender)
            and (not p.roles or not lone_first.roles or set(p.roles) & set(lone_first.roles))
        ]
        if len(options) == 1:
            surname = options[0]
            for m in surname.members:
                add(lone_first, m)
            lone_first.last = surname.last
            surname.members = []
    return [p for p in people if p.members]


def _person_name(person: _Person, found: list[Found], best_surname: BestSurname | None) -> str:
    last = person.last
    if best_surname is not None:
        forms = [form for m in person.members for form in found[m].last_forms]
        if forms:
            last = best_surname(forms) or last
    parts = [p for p in (person.first, person.middle, last) if p]
    return " ".join(parts)


def resolve(
    found: list[Found],
    *,
    head_words: Callable[[str], set[str]],
    surname_candidates: SurnameCandidates | None = None,
    best_surname: BestSurname | None = None,
    initials_skip: frozenset[str] = frozenset(),
) -> tuple[Entity, ...]:
    """Group the spans of one document into entities ``e1, e2, …`` in order of first mention.

    ``head_words`` gives the comparable words of a name (lower case, or lemmas for Russian), for
    back-references. ``surname_candidates`` and ``best_surname`` bring declined surnames to their
    nominative (Russian); without them surnames are compared as written. ``initials_skip``: the
    small words an acronym leaves out ("of", "and").
    """
    found = sorted(found, key=lambda f: (f.start, -(f.end - f.start)))
    found = _dedupe(found)
    groups = _Groups(len(found))
    by_key: dict[str, int] = {}
    acronyms: dict[str, int] = {}  # acronym text -> a span index of its entity
    starts: dict[int, int] = {}
    for i, f in enumerate(found):
        if f.type != "PERSON" and not f.acronym:
            starts.setdefault(f.start, i)

    for i, f in enumerate(found):
        if f.type == "PERSON" or f.backref is not None:
            continue
        keys = [f"kb:{f.kb}"] if f.kb else []
        if f.key:
            keys.append(f"key:{f.key}")
        for key in keys:
            if key in by_key:
                groups.union(by_key[key], i)
            else:
                by_key[key] = i
        if f.acronym and (f.kb or f.defines is not None):
            acronyms.setdefault(f.text, i)
        if f.defines is not None and f.defines in starts:
            groups.union(starts[f.defines], i)

    _link_acronyms(found, groups, acronyms, initials_skip)

    # Back-references: "the Organization" -> the last organisation before it with that head.
    for i, f in enumerate(found):
        if f.backref is None:
            continue
        for j in range(i - 1, -1, -1):
            other = found[j]
            if other.type in ("ORG", "MEDIA") and other.backref is None and not other.acronym:
                words = head_words(other.name or other.text)
                if f.backref in words:
                    groups.union(j, i)
                    break

    people = _people(found, surname_candidates)
    members: dict[int, list[int]] = {}
    person_of: dict[int, _Person] = {}
    for person in people:
        root = min(person.members)
        members[root] = sorted(person.members)
        person_of[root] = person
    for i, f in enumerate(found):
        if f.type == "PERSON":
            continue
        if f.backref is not None and groups.find(i) == i:
            continue  # a back-reference with nothing to point to
        members.setdefault(groups.find(i), []).append(i)

    entities: list[Entity] = []
    for root, idx in sorted(members.items(), key=lambda kv: min(found[m].start for m in kv[1])):
        spans = [found[m] for m in idx]
        if root in person_of:
            person = person_of[root]
            name = _person_name(person, found, best_surname)
            etype, roles = "PERSON", tuple(person.roles)
        else:
            name, etype = _name_and_type(spans)
            roles = ()
        if not name:
            continue
        aliases: dict[str, None] = {}
        for s in spans:
            for alias in (s.text, s.name):
                if alias and alias != name:
                    aliases.setdefault(alias, None)
        mentions = sorted({(s.start, s.end, s.text) for s in spans})
        entities.append(
            Entity(
                id=f"e{len(entities) + 1}",
                name=name,
                type=etype,
                aliases=tuple(aliases),
                roles=roles,
                mentions=tuple(Mention(start=a, end=b, text=t) for a, b, t in mentions),
            )
        )
    return tuple(entities)


def _dedupe(found: list[Found]) -> list[Found]:
    """One span per place in the text: a knowledge span beats a model's, which beats a rule's."""
    rank = {"kb": 0, "ner": 1, "rule": 2}
    best: dict[tuple[int, int], Found] = {}
    for f in found:
        here = best.get((f.start, f.end))
        if here is None or rank.get(f.source, 3) < rank.get(here.source, 3):
            best[(f.start, f.end)] = f
    return sorted(best.values(), key=lambda f: (f.start, -(f.end - f.start)))


def _link_acronyms(
    found: list[Found], groups: _Groups, acronyms: dict[str, int], skip: frozenset[str]
) -> None:
    """Tie unknown acronyms to the document's acronyms, spelled right or one edit away."""
    contexts: dict[str, set[str]] = {}
    for f in found:
        if f.acronym and f.text in acronyms:
            contexts.setdefault(f.text, set()).update(f.context)
    long_forms = [
        (i, f)
        for i, f in enumerate(found)
        if f.type in ("ORG", "MEDIA", "GPE", "FAC", "LOC", "EVENT") and not f.acronym
    ]
    for i, f in enumerate(found):
        if not f.acronym or f.kb or f.defines is not None:
            continue
        if f.text in acronyms:
            groups.union(acronyms[f.text], i)
            continue
        near = [
            a
            for a in acronyms
            if len(a) == len(f.text) >= 3
            and osa_distance(a, f.text) == 1
            and contexts.get(a, set()) & f.context
        ]
        if len(near) == 1:
            groups.union(acronyms[near[0]], i)
            f.name = near[0]
            continue
        spelled = [
            j
            for j, other in long_forms
            if _spells(f.text, initials((other.name or other.text).split(), skip))
        ]
        if spelled:
            groups.union(spelled[0], i)
            acronyms.setdefault(f.text, i)


def _spells(acronym: str, letters: str) -> bool:
    """Whether ``acronym`` is the initials of a name: all of them, or most of them in order with
    the first and the last ("IFAS" for "International Fund for Saving the Aral Sea")."""
    if len(acronym) < 2 or len(letters) < 2:
        return False
    if acronym == letters:
        return True
    if acronym[0] != letters[0] or acronym[-1] != letters[-1]:
        return False
    if len(acronym) < 3 or len(acronym) < 0.6 * len(letters):
        return False
    rest = iter(letters)
    return all(letter in rest for letter in acronym)


def _name_and_type(spans: list[Found]) -> tuple[str, str]:
    """The canonical name and type of a non-person entity from its spans."""
    for s in spans:
        if s.source == "kb" and s.name and not s.acronym:
            return s.name, s.type
    kb = [s for s in spans if s.source == "kb" and s.name]
    long = [s for s in spans if not s.acronym and s.backref is None]
    if kb and not long:
        return kb[0].name or kb[0].text, kb[0].type
    pool = long or [s for s in spans if s.backref is None] or spans
    best = max(pool, key=lambda s: (len((s.name or s.text).split()), -s.start))
    types = sorted((s.type for s in spans if s.backref is None), key=lambda t: _TYPE_RANK[t])
    etype = kb[0].type if kb else (types[0] if types else best.type)
    return best.name or best.text, etype
