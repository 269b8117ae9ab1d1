"""Lexicons kept as data files (``facts/data/*.json``) plus CLDR country names from Babel.

Nothing here knows any article: these are the gazetteers the extractors match
against (countries, demonyms, capitals, institutions, manufacturers, systems,
category nouns) and the handlers use to understand a user's question.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("data")


# Every combining mark lies below U+20000 (the highest, U+1E94A, is an Adlam mark); a test checks
# the table against the whole code space of this Python's Unicode database.
COMBINING_LIMIT = 0x20000
_DROP_COMBINING = {c: None for c in range(COMBINING_LIMIT) if unicodedata.combining(chr(c))}


def fold(text: str) -> str:
    """Lower-case and strip accents; keeps everything else (used for matching).

    ``str.translate`` with a table of the combining marks: the same result as filtering
    character by character, several times faster on the hot path of the compile."""
    return unicodedata.normalize("NFKD", text).translate(_DROP_COMBINING).casefold()


def load_json(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Alias:
    surface: str  # as it may appear in text
    country: str  # ISO 3166-1 alpha-2, or EU
    how: str  # name | demonym | capital | institution | code | manufacturer
    case_sensitive: bool = False


def inflect_demonym(base: str) -> list[str]:
    """French adjective forms from the masculine singular (américain → américaine, américains…)."""
    forms = [base]
    if not base[:1].islower():  # English adjective: no inflection
        return forms
    if base.endswith("e"):
        return [base, base + "s"]
    if base.endswith(("ien", "éen", "een")):
        return [base, base + "ne", base + "s", base + "nes"]
    if base.endswith(("s", "x")):
        return [base, base + "e", base + "es"]
    return [base, base + "e", base + "s", base + "es"]


@lru_cache(maxsize=1)
def grammar() -> dict[str, Any]:
    """Closed word classes the sentence readers use (pronouns, determiners, auxiliaries…)."""
    data: dict[str, Any] = load_json("grammar.json")
    return data


@lru_cache(maxsize=1)
def country_data() -> dict[str, Any]:
    data: dict[str, Any] = load_json("countries.json")
    return data


@lru_cache(maxsize=1)
def cldr_names() -> dict[str, dict[str, str]]:
    """ISO2 → {'fr': 'Turquie', 'en': 'Turkey'} from Babel's CLDR data (shipped with the package)."""
    from babel import Locale

    fr, en = Locale("fr").territories, Locale("en").territories
    out: dict[str, dict[str, str]] = {}
    for code, name in en.items():
        if len(code) == 2 and code.isalpha():
            out[code] = {"en": name, "fr": fr.get(code, name)}
    out["EU"] = {"en": "European Union", "fr": "Union européenne"}
    for code, names in country_data().get("display", {}).items():
        out[code] = {**out.get(code, {}), **names}
    return out


@lru_cache(maxsize=1)
def country_aliases() -> tuple[Alias, ...]:
    """Every surface form that names a country, longest first."""
    aliases: list[Alias] = []
    extra = country_data()["countries"]
    for code, names in cldr_names().items():
        if code in ("EZ", "UN", "QO", "XA", "XB", "ZZ"):  # groupings and pseudo-codes
            continue
        for name in {names["fr"], names["en"]}:
            aliases.append(Alias(name, code, "name"))
    for code, entry in extra.items():
        for name in entry.get("names", []):
            aliases.append(Alias(name, code, "name"))
        for base in entry.get("demonyms", []):
            for form in inflect_demonym(base):
                aliases.append(Alias(form, code, "demonym"))
        for form in entry.get("irregular", []):
            aliases.append(Alias(form, code, "demonym"))
        for city in entry.get("capitals", []):
            aliases.append(Alias(city, code, "capital", case_sensitive=True))
        for inst in entry.get("institutions", []):
            aliases.append(Alias(inst, code, "institution", case_sensitive=inst.isupper() or inst[0].isupper()))
        for abbr in entry.get("codes", []):
            aliases.append(Alias(abbr, code, "code", case_sensitive=True))
    for maker in manufacturers():
        for name in [maker["name"], *maker.get("aliases", [])]:
            aliases.append(Alias(name, maker["country"], "manufacturer", case_sensitive=True))
    unique = {(a.surface, a.country, a.how): a for a in aliases}
    return tuple(sorted(unique.values(), key=lambda a: -len(a.surface)))


def country_name(code: str, lang: str = "en") -> str:
    names = cldr_names().get(code)
    return names[lang] if names else code


def flag(code: str) -> str:
    """Regional-indicator flag emoji for an ISO2 code (EU has one too)."""
    if len(code) != 2 or not code.isalpha():
        return ""
    return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in code.upper())


def never_partner() -> set[str]:
    return set(country_data().get("never_partner", []))


@lru_cache(maxsize=1)
def unions() -> frozenset[str]:
    """Unions of states (the EU): their companies are multinational groups, not the union acting."""
    return frozenset(country_data()["unions"])


@lru_cache(maxsize=1)
def manufacturers() -> tuple[dict[str, Any], ...]:
    return tuple(load_json("manufacturers.json")["manufacturers"])


@lru_cache(maxsize=1)
def systems() -> tuple[dict[str, Any], ...]:
    return tuple(load_json("systems.json")["systems"])


@lru_cache(maxsize=1)
def exercises() -> tuple[dict[str, Any], ...]:
    """Recurring exercises: name and the countries that lead them (``led_by``)."""
    return tuple(load_json("exercises.json")["exercises"])


@lru_cache(maxsize=1)
def categories() -> dict[str, Any]:
    data: dict[str, Any] = load_json("categories.json")
    return data


def alternation(words: list[str]) -> str:
    """Literal words as a regex alternation, the longest first (no word hides a longer one)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def trie_pattern(words: list[str]) -> str:
    """A regular expression matching any of the words, factored as a prefix tree.

    A flat alternation of a thousand names makes the regex engine try each one at every
    position; sharing prefixes lets it drop most of them after the first character.
    Longer words are preferred where one is a prefix of another.
    """
    trie: dict[str, Any] = {}
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict[str, Any]) -> str:
    ends_here = "" in node
    branches = [re.escape(char) + _node_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends_here else body


def alias_regex(surfaces: list[str], case_sensitive: bool) -> re.Pattern[str]:
    """One prefix-tree pattern over many surface forms, bounded by non-word characters."""
    flags = 0 if case_sensitive else re.IGNORECASE
    glued = alternation(grammar()["origin_suffixes"]["en"])  # "Russian-made": the origin of the equipment
    return re.compile(
        r"(?<![\w-])(?:" + trie_pattern(sorted(set(surfaces))) + r")(?:(?![\w-])|(?=-(?:" + glued + r")(?![\w-])))",
        flags,
    )
