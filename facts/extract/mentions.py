"""Find lexicon entries in a sentence: countries, Morocco itself, manufacturers, systems.

Matching runs on a length-preserving accent fold of the sentence, so offsets
point into the original text and quotes stay verbatim. Each country mention
also gets its role in the sentence: a place ("en Libye", "à Tunis") or a rival
("au grand dam de l'Algérie") is not evidence of cooperation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from .. import lexicon as lx


def _fold_char(c: str) -> str:
    base = unicodedata.normalize("NFD", c)[0]
    low = base.lower()
    return low if len(low) == 1 else base


# one character in, one character out: offsets in the folded text are offsets in the original
_FOLD_TABLE = {i: _fold_char(chr(i)) for i in range(0x3000) if _fold_char(chr(i)) != chr(i)}
_FOLD_TABLE.update({ord("’"): "'", ord("‘"): "'"})


@lru_cache(maxsize=1 << 16)
def fold_keep(text: str) -> str:
    """Lower-case and strip accents, keeping every offset (str.translate with a fixed table).
    Cached: the rules fold the same words and names again and again (~500 000 calls per 1 000
    articles), and a dictionary look-up costs a tenth of a translation."""
    return text.translate(_FOLD_TABLE)


@cache
def folded_country_surfaces() -> frozenset[str]:
    return frozenset(fold_keep(a.surface) for a in lx.country_aliases())


@cache
def folded_manufacturers() -> frozenset[str]:
    return frozenset(maker_names())


@cache
def maker_names() -> dict[str, str]:
    """Folded name or alias of a maker → the lexicon's name (the first maker that spells it so)."""
    names: dict[str, str] = {}
    for m in lx.manufacturers():
        for n in [m["name"], *m.get("aliases", [])]:
            names.setdefault(fold_keep(n), str(m["name"]))
    return names


@cache
def maker_countries() -> dict[str, str]:
    """A maker's lexicon name → its country."""
    return {str(m["name"]): str(m["country"]) for m in lx.manufacturers() if m.get("country")}


@cache
def folded_system_names() -> dict[str, dict[str, Any]]:
    """Folded name or alias → lexicon entry."""
    return {fold_keep(n): dict(s) for s in lx.systems() for n in [s["name"], *s.get("aliases", [])]}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    country: str
    how: str  # name | demonym | capital | institution | code | manufacturer
    place: bool = False
    negative: bool = False


@dataclass(frozen=True)
class SystemMention:
    start: int
    end: int
    text: str
    name: str  # canonical lexicon name, with its variant ("F-16 Block 72")
    category: str
    manufacturer: str | None
    base: str = ""  # the lexicon name without the variant ("F-16")
    unnamed: bool = False  # a kind of equipment without designation ("un patrouilleur de haute mer")


@lru_cache(maxsize=1)
def _cues() -> dict[str, Any]:
    data: dict[str, Any] = lx.load_json("cues.json")
    return data


@lru_cache(maxsize=1)
def _country_tables() -> tuple[re.Pattern[str], dict[str, lx.Alias], re.Pattern[str], dict[str, lx.Alias]]:
    ambiguous = set(lx.country_data().get("ambiguous", []))
    insensitive: dict[str, lx.Alias] = {}
    sensitive: dict[str, lx.Alias] = {}
    for alias in lx.country_aliases():
        if alias.surface in ambiguous or alias.country == "MA":
            continue
        if alias.case_sensitive:
            sensitive.setdefault(alias.surface, alias)
        else:
            insensitive.setdefault(fold_keep(alias.surface), alias)
    for alias in lx.country_aliases():  # "la Guinée", "from Turkey": only after a word that introduces a name
        if alias.surface in ambiguous and alias.country != "MA" and alias.surface[:1].isupper():
            sensitive.setdefault(alias.surface, alias)
    return (lx.alias_regex(list(insensitive), False), insensitive, lx.alias_regex(list(sensitive), True), sensitive)


@lru_cache(maxsize=1)
def _morocco() -> tuple[re.Pattern[str], re.Pattern[str]]:
    entry = lx.country_data()["countries"]["MA"]
    words = [fold_keep(x) for x in entry["names"] + [f for d in entry["demonyms"] for f in lx.inflect_demonym(d)]]
    folded = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
        + r"|maroco-\w+|royaume(?![\w-])|cherifien\w*|forces armees royales|marine royale"
        + r"|forces royales air|gendarmerie royale|royal armed forces)(?![\w-])"
    )
    upper = lx.alias_regex(entry["capitals"] + ["FAR", "Royaume", "Kingdom"], True)
    return folded, upper


# "le royaume saoudien", "Royaume-Uni", "the Kingdom of Spain": another kingdom
OTHER_KINGDOM = re.compile(r"\s+(?:" + lx.alternation(lx.grammar()["other_kingdoms"]["fr"]) + r"|of (?!morocco)\w+)")


def morocco_spans(text: str, folded: str) -> list[tuple[int, int]]:
    fpat, upat = _morocco()
    spans = [m.span() for m in fpat.finditer(folded)]
    spans += [m.span() for m in upat.finditer(text)]
    return sorted(
        s for s in spans if not (folded[s[0] : s[1]] in ("royaume", "kingdom") and OTHER_KINGDOM.match(folded, s[1]))
    )


_COMPOUND = re.compile(r"\bmaroco-(?P<other>[a-z]+)|\b(?P<other2>[a-z]+)o-marocain")
_AT = lx.grammar()["place_prepositions"]
_ARTICLES = [a if a.endswith("'") else a + " " for a in _AT["articles"]]  # "l'Espagne", "la Libye"
_PLACE = re.compile(rf"(?:^|[\s(])(?:{lx.alternation(_AT['words'])})\s+(?:{lx.alternation(_ARTICLES)})?$")


def country_mentions(text: str, folded: str) -> list[Mention]:
    ipat, itable, spat, stable = _country_tables()
    raw: list[tuple[int, int, lx.Alias]] = []
    for m in ipat.finditer(folded):
        raw.append((m.start(), m.end(), itable[m.group(0)]))
    ambiguous = _ambiguous()
    for m in spat.finditer(text):
        if m.group(0) in ambiguous and not _introduced(text, m.start(), m.end()):
            continue
        raw.append((m.start(), m.end(), stable[m.group(0)]))
    for m in _COMPOUND.finditer(folded):  # "maroco-américain", "israélo-marocain"
        group = "other" if m.group("other") else "other2"
        start, end = m.span(group)
        stem = folded[start:end]
        forms = (stem, stem + "ien", stem + "ain", stem + "ais", stem + "e")
        alias = next((itable[k] for k in forms if k in itable), None)
        if alias is not None and alias.how in ("demonym", "name"):
            raw.append((start, end, alias))
    raw.sort(key=lambda r: (r[0], -(r[1] - r[0])))
    out: list[Mention] = []
    last_end = -1
    for start, end, alias in raw:
        if start < last_end:
            continue  # overlapped by a longer mention
        last_end = end
        before = folded[max(0, start - 40) : start]
        after = folded[end : end + 40]
        place = alias.how in ("name", "capital", "code") and bool(_PLACE.search(before))
        out.append(Mention(start, end, text[start:end], alias.country, alias.how, place, _negative(before, after)))
    return out


@lru_cache(maxsize=1)
def _ambiguous() -> frozenset[str]:
    return frozenset(lx.country_data().get("ambiguous", []))


_INTRODUCER = re.compile(r"\b(?:" + lx.alternation(lx.grammar()["country_introducers"]["words"]) + r")\s*$")


_LISTED_AFTER_NAME = re.compile(r"[A-Z][\w'’-]*,\s*$")


def _introduced(text: str, start: int, end: int) -> bool:
    """An ambiguous name ('Guinée', 'Turkey', 'Jordan') is the country after a function word or before
    a possessive: 'la Guinée', 'from Turkey', "Turkey's"; or capitalised, next in a list of names
    ('China, Turkey and France')."""
    before = text[max(0, start - 12) : start]
    if _INTRODUCER.search(before) or text[end : end + 2] in ("'s", "’s"):
        return True
    return text[start : start + 1].isupper() and bool(_LISTED_AFTER_NAME.search(before))


def _negative(before: str, after: str) -> bool:
    cues = _cues()
    near = re.sub(r"[a-z]+o-$", "", before[-25:]).rstrip() + " "  # "crise maroco-[algérienne]"
    if any(
        re.search(r"(?<!\w)" + c + r"\w*(?:\s+(?:l'|la |le |les |du |des |de |d'))?\s*$", near)
        for c in cues["negative_before"]
    ):
        return True
    return any(re.search(p, after) for p in cues["negative_after"])


@lru_cache(maxsize=1)
def _manufacturer_table() -> tuple[re.Pattern[str], dict[str, dict[str, str]]]:
    table = {}
    for maker in lx.manufacturers():
        for name in [maker["name"], *maker.get("aliases", [])]:
            table[name] = maker
            words = name.split()
            if len(words) == 2 and all(len(w) > 2 and w.isalpha() for w in words):  # "Elbitsystems", "ElbitSystems"
                table.setdefault(words[0] + words[1], maker)
                table.setdefault(words[0] + words[1].lower(), maker)
    return lx.alias_regex(list(table), True), table


def manufacturer_mentions(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, canonical name, country) for each manufacturer named."""
    pat, table = _manufacturer_table()
    return [(m.start(), m.end(), table[m.group(0)]["name"], table[m.group(0)]["country"]) for m in pat.finditer(text)]


@lru_cache(maxsize=1)
def _system_table() -> tuple[re.Pattern[str], dict[str, dict[str, str]]]:
    table: dict[str, dict[str, str]] = {}
    for system in lx.systems():
        for name in [system["name"], *system.get("aliases", [])]:
            for form in _hyphen_forms(fold_keep(name)) + _split_letter_forms(name):
                table.setdefault(form, system)
    # a known name may carry a variant letter ("F-16C/D", "AH-64E") before the word ends, or a
    # suffix of kind ("TB2-type drones", "Gowind-class corvettes")
    return re.compile(
        r"(?<![\w-])(?P<name>" + lx.trie_pattern(sorted(table)) + r")(?P<variant>[a-z](?:/[a-z])?)?"
        r"(?:(?![\w-])|(?=-(?:type|class|series|model|variant)(?![\w-])))"
    ), table


_LETTERS_DIGITS = re.compile(r"(?<=[a-z])-?(?=\d)")
_CAMEL_LETTER = re.compile(r"(?<=[a-z])(?=[A-Z]$)")


def _split_letter_forms(name: str) -> list[str]:
    """'WanderB' is also written 'Wander B' and 'Wander-B': a closing capital letter set apart."""
    if not _CAMEL_LETTER.search(name):
        return []
    return [fold_keep(_CAMEL_LETTER.sub(sep, name)) for sep in (" ", "-")]


def _hyphen_forms(name: str) -> list[str]:
    """The name as written, and with its letter-digit joins written the other way: 'tb2' and
    'tb-2', 'f-16' and 'f16' (the press writes both); a word and what follows it joined by a space or a
    hyphen ('vl mica' and 'vl-mica', 'hermes 900' and 'hermes-900')."""
    forms = [name, _LETTERS_DIGITS.sub("", name), _LETTERS_DIGITS.sub("-", name)]
    forms += [_WORD_JOIN.sub(" " if joint == "-" else "-", name) for joint in (" ", "-")
              if _WORD_JOIN.search(name) and joint in name]
    return list(dict.fromkeys(forms))


_WORD_JOIN = re.compile(r"(?<=[a-z])[ -](?=[a-z\d])")  # "hermes 900" and "hermes-900" too


# "F-16C/D Block 72", "CAESAr MkII", "Wing Loong II": the variant written after a known name
_VARIANT_TAIL = re.compile(
    r"(?:\s+(?:Block|Blk|Mk|Mark|Lot|Batch|Increment|Inc|Viper|NG|ER|Evolved)\.?\s*[\dIVX]*[A-Z+]?"
    r"|\s*Mk\s*[IVX\d]+|\s+[IVX]{1,3}\b|\s+l{1,3}(?![\w'’-]))+"  # "Wing Loong l": a site's typo for "I"
)


def lexicon_systems(text: str, folded: str) -> list[SystemMention]:
    pat, table = _system_table()
    out = []
    for m in pat.finditer(folded):
        written = text[m.start() : m.end()]
        if not any(c.isupper() or c.isdigit() for c in written):
            continue  # "heron" or "patriot" as ordinary words
        variant = text[m.start("variant") : m.end("variant")] if m.group("variant") else ""
        plural = variant == "s" and written[-2].isalnum()  # "AH-64E Apaches", "Caracals", "H135s": plural
        if variant and not variant.isupper() and not plural:
            continue  # "Heronsgate": a longer word, not a variant letter
        entry = table[m.group("name")]
        end, name = m.end() - (1 if plural else 0), entry["name"]
        tail = _VARIANT_TAIL.match(text, end)
        if tail and fold_keep(tail.group(0).strip()) not in table:
            end = tail.end()
            variant = " ".join("I" * len(w) if set(w) == {"l"} else w for w in tail.group(0).split())
            name = f"{name} {variant}"  # "F-16 Block 72" is not "F-16 Block 52+"
        out.append(
            SystemMention(
                m.start(), end, text[m.start() : end], name, entry["category"], entry.get("manufacturer"), entry["name"]
            )
        )
    return out


@lru_cache(maxsize=1)
def category_nouns() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {}
    for category, nouns in lx.categories()["nouns"].items():
        for noun in nouns:
            table[fold_keep(noun)] = category
    return re.compile(r"(?<![\w-])(?:" + lx.trie_pattern(sorted(table)) + r")(?![\w-])"), table


@lru_cache(maxsize=1)
def equipment_nouns() -> re.Pattern[str]:
    """Every noun that names equipment, of a category or not ('drones', 'appareils', 'exemplaires')."""
    words = [fold_keep(n) for nouns in lx.categories()["nouns"].values() for n in nouns]
    words += [fold_keep(n) for n in lx.categories()["generic"]]
    return re.compile(r"(?<![\w-])(?:" + lx.trie_pattern(sorted(set(words))) + r")(?![\w-])")
