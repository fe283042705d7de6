"""Names folded for matching across scripts and spellings, and role comparison.

``name_key`` turns any name into lower-case Latin (Зась -> zas, Назаров -> nazarov), and
``loose_key`` folds the spelling variants transliteration produces (Rakhmon ~ Rahmon,
Dzhumabaev ~ Jumabaev). Cross-article entity resolution in the store is built on them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["loose_key", "name_key", "role_key", "roles_agree", "script_of_name"]

_CYR_TO_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Tajik, Kazakh, Kyrgyz and Uzbek Cyrillic letters
    "ғ": "gh", "ӣ": "i", "қ": "q", "ӯ": "u", "ҳ": "h", "ҷ": "j", "ә": "a", "ө": "o", "ү": "u",
    "ұ": "u", "і": "i", "ң": "ng", "һ": "h", "ў": "u", "є": "ye", "ї": "yi", "ґ": "g",
}  # fmt: skip
_TRANS = str.maketrans(_CYR_TO_LAT)
_NON_WORD = re.compile(r"[^0-9a-z ]+")
_SPACES = re.compile(r"\s+")
# Spelling variants of transliterated names, folded to one form (order matters).
_LOOSE = (
    ("shch", "sh"), ("dzh", "j"), ("zh", "j"), ("kh", "h"), ("gh", "g"), ("ts", "c"),
    ("ch", "c"), ("sh", "s"), ("yu", "u"), ("ya", "a"), ("ye", "e"), ("yo", "o"), ("iy", "i"),
    ("yy", "i"), ("ey", "ei"), ("q", "k"), ("w", "v"), ("x", "ks"), ("y", "i"),
)  # fmt: skip
_DOUBLE = re.compile(r"([a-z])\1+")


def script_of_name(name: str) -> str:
    """``cyrl`` when the name has Cyrillic letters, else ``latn``."""
    return "cyrl" if any("\u0400" <= ch <= "\u04ff" for ch in name) else "latn"


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Lower-case Latin letters, digits and single spaces: the exact-match key of a name."""
    text = unicodedata.normalize("NFKC", name).lower().translate(_TRANS)
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    text = _NON_WORD.sub(" ", text.replace("'", "").replace("’", ""))
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def loose_key(name: str) -> str:
    """``name_key`` with transliteration variants folded: for fuzzy, cross-script matching."""
    key = name_key(name)
    for old, new in _LOOSE:
        key = key.replace(old, new)
    return _DOUBLE.sub(r"\1", key)


# Role words in English and Russian, to one canonical token each.
_ROLE_WORDS = {
    "secretary general": "secretary-general", "secretary-general": "secretary-general",
    "генеральный секретарь": "secretary-general", "генсек": "secretary-general",
    "генерального секретаря": "secretary-general",
    "deputy": "deputy", "заместитель": "deputy", "замминистра": "deputy minister",
    "вице": "deputy", "первый заместитель": "deputy",
    "minister": "minister", "министр": "minister", "министра": "minister",
    "prime minister": "prime-minister", "премьер-министр": "prime-minister", "premier": "prime-minister",
    "foreign": "foreign", "иностранных дел": "foreign", "мид": "foreign",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "press secretary": "spokesperson", "пресс-секретарь": "spokesperson",
    "официальный представитель": "spokesperson",
    "ambassador": "ambassador", "посол": "ambassador",
    "president": "president", "президент": "president",
    "chairman": "chair", "chairwoman": "chair", "chair": "chair", "председатель": "chair",
    "head": "head", "chief": "head", "глава": "head", "руководитель": "head",
    "director": "director", "директор": "director", "governor": "governor",
    "губернатор": "governor", "аким": "governor", "хоким": "governor",
    "defence": "defence", "defense": "defence", "обороны": "defence",
    "interior": "interior", "внутренних дел": "interior", "energy": "energy",
    "энергетики": "energy", "labour": "labour", "labor": "labour", "труда": "labour",
}  # fmt: skip
_ROLE_RE = re.compile(
    r"(?<![\w-])("
    + "|".join(sorted(map(re.escape, _ROLE_WORDS), key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
_HEADS = frozenset(
    {"secretary-general", "minister", "prime-minister", "spokesperson", "ambassador", "president",
     "chair", "head", "director", "governor", "deputy minister"}
)  # fmt: skip


def role_key(role: str, org_keys: frozenset[str] = frozenset()) -> frozenset[str]:
    """The canonical words of a role ("CSTO Secretary-General" ~ "генсек ОДКБ"), plus org keys."""
    words = {_ROLE_WORDS[m.group(1).lower()] for m in _ROLE_RE.finditer(role)}
    expanded: set[str] = set()
    for word in words:
        expanded.update(word.split(" ") if word == "deputy minister" else (word,))
    return frozenset(expanded) | org_keys


def roles_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two role keys agree when they share a head word and neither contradicts the other."""
    if not (a & b & _HEADS):
        return False
    # "deputy minister" and "minister" are different posts.
    return ("deputy" in a) == ("deputy" in b)
