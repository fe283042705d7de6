"""Check the gold text dumps against the conventions of README.md in this folder.

Run: python tests/data/gold/check_gold.py [FILE.gold.json or folder ...]
(defaults to dev/ and heldout/ beside this script). Prints one line per problem, exits 1 if any.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEYS = {"lang", "published", "article", "boilerplate", "quotes", "not_quotes", "entities"}
TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "MEDIA"}
QUOTE_KEYS = {"key", "speaker", "date", "via", "optional"}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_ONLY = re.compile(r"\d{1,2}[:./ ]\d{1,2}|\b(19|20)\d{2}\b")
DOUBLE = re.compile("[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e]")
SINGLE = re.compile("[\u2018\u2019\u201a\u201b\u2032`\u00b4]")


def norm(text: str) -> str:
    """Lower case, one kind of double and single quotation mark, white space collapsed."""
    text = SINGLE.sub("'", DOUBLE.sub('"', text.lower()))
    return " ".join(text.split())


def is_strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def check(gold_path: Path) -> list[str]:
    problems: list[str] = []
    say = problems.append
    dump_path = gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt")
    if not dump_path.exists():
        return [f"no dump {dump_path.name}"]
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except ValueError as err:
        return [f"not JSON: {err}"]
    if not isinstance(gold, dict):
        return ["not a JSON object"]
    lines = dump_path.read_text(encoding="utf-8").splitlines()
    if set(gold) - KEYS or {"lang", "published", "article", "boilerplate"} - set(gold):
        say(f"keys {sorted(gold)}")
    if gold.get("lang") not in ("en", "ru"):
        say(f"lang {gold.get('lang')!r}")
    published = gold.get("published")
    if published is not None and not (isinstance(published, str) and DAY.match(published)):
        say(f"published {published!r}")
    article, boilerplate = gold.get("article", []), gold.get("boilerplate", [])
    for name, listed in (("article", article), ("boilerplate", boilerplate)):
        if not is_strings(listed):
            say(f"{name} is not a list of strings")
            return problems
        if len(set(listed)) != len(listed):
            say(f"{name} lists a line twice")
    for line in set(article) & set(boilerplate):
        say(f"in both lists: {line!r}")
    whole = set(lines)
    for line in boilerplate:
        if line not in whole:
            say(f"boilerplate line not in dump: {line!r}")
    # An article entry is a whole line, or the rest of a dateline line after its dash.
    remainders = {line for line in article if line not in whole}
    for line in remainders:
        if not any(full.endswith(line) and full != line for full in lines):
            say(f"article line not in dump: {line!r}")
    listed = set(article) | set(boilerplate)
    uncovered = [
        (i, line)
        for i, line in enumerate(lines)
        if i > 0
        and line.strip()
        and line not in listed
        and not any(line.endswith(rest) for rest in remainders)
    ]
    # What may be left out: the headline (line 0) and lines that are only a date.
    for i, line in uncovered:
        if published is None or not DATE_ONLY.search(line) or len(line.split()) > 10:
            say(f"line {i + 1} in neither list: {line!r}")
    text = norm("\n".join(article))
    quotes = gold.get("quotes", [])
    if not isinstance(quotes, list):
        say("quotes is not a list")
        quotes = []
    for quote in quotes:
        if not isinstance(quote, dict) or set(quote) - QUOTE_KEYS:
            say(f"quote {quote!r}")
            continue
        key = quote.get("key")
        if not isinstance(key, str) or norm(key) not in text:
            say(f"quote key not in article lines: {key!r}")
        if not is_strings(quote.get("speaker")) or not quote["speaker"]:
            say(f"speaker {quote.get('speaker')!r} for {key!r}")
        if "date" in quote and not (isinstance(quote["date"], str) and DAY.match(quote["date"])):
            say(f"date {quote['date']!r} for {key!r}")
        if "via" in quote and (not is_strings(quote["via"]) or not quote["via"]):
            say(f"via {quote['via']!r} for {key!r}")
        if not isinstance(quote.get("optional", False), bool):
            say(f"optional {quote.get('optional')!r} for {key!r}")
    if not is_strings(gold.get("not_quotes", [])):
        say("not_quotes is not a list of strings")
    else:
        every = norm("\n".join(lines))
        for text_ in gold.get("not_quotes", []):
            if norm(text_) not in every:
                say(f"not_quote not in dump: {text_!r}")
            for quote in quotes:
                key = quote.get("key") if isinstance(quote, dict) else None
                if isinstance(key, str) and norm(text_) in norm(key):
                    say(f"not_quote {text_!r} inside quote key {key!r}")
    entities = gold.get("entities", [])
    if not isinstance(entities, list):
        say("entities is not a list")
        entities = []
    for entity in entities:
        if (
            not isinstance(entity, dict)
            or set(entity) != {"key", "type"}
            or not is_strings(entity["key"])
            or not entity["key"]
            or entity["type"] not in TYPES
        ):
            say(f"entity {entity!r}")
    return problems


def main(args: list[str]) -> int:
    targets = [Path(a) for a in args] or [HERE / "dev", HERE / "heldout"]
    files: list[Path] = []
    for target in targets:
        files += sorted(target.glob("*.gold.json")) if target.is_dir() else [target]
    failed = 0
    for path in files:
        problems = check(path)
        failed += bool(problems)
        for problem in problems:
            print(f"{path}: {problem}")
    print(f"{len(files)} gold files, {failed} with problems", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
