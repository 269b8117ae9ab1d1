"""Equipment named in a sentence: known systems and designations written after a category noun.

A system is a known designation (``facts/data/systems.json``) or a designation written
right after a category noun ("drones « Heron »", "système antiaérien Barak MX", "avions
de combat américains F-16 VIPER"). Found before the sentence is parsed, so the parser
sees each designation as one word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from .. import lexicon as lx
from ..numbers import money_data
from .mentions import (
    SystemMention,
    category_nouns,
    fold_keep,
    folded_country_surfaces,
    folded_manufacturers,
    folded_system_names,
    lexicon_systems,
    maker_names,
)

# "F-16C/D", "AH-64E", "K9A1", then "Block 72", "2000-9", "Mk II", "Viper"
_FIRST_TOKEN = r"(?:[A-Z][A-Za-z]*[-]?[A-Z0-9]*[0-9A-Za-z-]*(?:/[A-Z0-9]{1,3})?)"
_NEXT_TOKEN = r"(?:[A-Z][A-Za-z]*[-]?[A-Z0-9]*[0-9A-Za-z-]*(?:/[A-Z0-9]{1,3})?|[0-9]{1,5}(?:-[0-9]{1,3})?[A-Za-z]{0,3})"
_DESIGNATION = re.compile(
    r"\s*(?:[«“\"]\s*)?(?P<name>" + _FIRST_TOKEN + r"(?:[ -]" + _NEXT_TOKEN + r"){0,3})\s*(?:[»”\"])?"
)
_MODIFIER = re.compile(
    r"\s*(?:de (?:type|combat|chasse|transport|fabrication \w+)|[a-zéèêàâûùîïôç-]{3,}|d'attaque|de)\b"
)
# words that end a noun phrase: after them a capitalised word is not the equipment's designation
NOT_MODIFIERS = frozenset([*lx.grammar()["not_modifiers"]["fr"], *lx.grammar()["not_modifiers"]["en"]])
# "24 Aircraft And Support": in a title-case headline a capitalised conjunction is no designation either
_STOP_NAMES = {"le", "la", "les", "un", "une", "des", "du", "de", "en", "et", "ou", "au", "aux", "the", "a", "an",
               "and", "or"}
# "… Armored Vehicles From Turkey": in a title-case headline a capitalised preposition is no designation
_PREPOSITIONS = frozenset(p for p in lx.grammar()["prepositions"]["en"] if " " not in p)
_LEFT_TOKEN = re.compile(r"(?<![\w-])(?:[A-Z]{1,4}-?\d+[A-Z]?\d*(?:-\d+)?)\s+$")  # FIM-92K, AIM-120C-8


def find_systems(text: str, folded: str) -> list[SystemMention]:
    """Known systems and designations after category nouns, the longest where they overlap."""
    known = _across_an_aside([_extend_left(text, s) for s in lexicon_systems(text, folded)], text)
    known += [s for s in _acronym_systems(text) if not any(k.start < s.end and s.start < k.end for k in known)]
    designations = _designations(text, folded) + _designations_before(text, folded)
    known = [k for k in known if not any(_misnamed(k, d) for d in designations)]
    found = list(known)
    for s in designations:
        if any(k.start < s.end and s.start < k.end for k in known + found[len(known):]):
            continue
        lex = folded_system_names().get(fold_keep(s.text))
        if lex:
            s = SystemMention(s.start, s.end, s.text, lex["name"], lex["category"], lex.get("manufacturer"))
        found.append(s)
    found.sort(key=lambda s: s.start)
    found = [s for s in found if not _an_acronyms_expansion(s, found, text)]
    return _spelled_out([
        s
        for s in found
        if not any(
            o is not s and o.start <= s.start and s.end <= o.end and (o.end - o.start) > (s.end - s.start)
            for o in found
        )
    ], text)


def _an_acronyms_expansion(s: SystemMention, found: list[SystemMention], text: str) -> bool:
    """'les frégates SIGMA (Ship Integrated Geometrical Modularity Approach)': an unknown designation in
    the brackets right after a system spells that system's name out; it is no second system."""
    if fold_keep(s.text) in folded_system_names():
        return False
    return any(o is not s and o.end <= s.start and _BRACKET_AFTER.fullmatch(text, o.end, s.start)
               and ")" in text[s.end : s.end + 3] for o in found)


_BRACKET_AFTER = re.compile(r"\s*\(\s*(?:[A-Z][\w-]*\s+)?")


def _misnamed(known: SystemMention, designation: SystemMention) -> bool:
    """'chars Hercules M88A1': a longer designation after a noun of another kind than the known system
    inside it (the C-130 'Hercules') names something else."""
    inside = designation.start <= known.start and known.end <= designation.end
    longer = designation.end - designation.start > known.end - known.start
    return inside and longer and designation.category not in (known.category, "other")


# "30 AIM-120C-8 Advanced Medium Range Air-to-Air Missiles (AMRAAM)": a name spelled out, then its acronym
_THEN_ACRONYM = re.compile(r"[\w\s-]{0,60}?\(\s*$")
_CODE = re.compile(r"[A-Z]{1,5}-?\d+[\w-]*$")


def _spelled_out(found: list[SystemMention], text: str) -> list[SystemMention]:
    """A mention followed, in the same phrase, by a known system's acronym in brackets is that system,
    told once: the acronym's identity, the model code written before it ('AIM-120C-8 AMRAAM')."""
    out: list[SystemMention] = []
    for s in found:
        if not (out and text[s.end : s.end + 1] == ")" and _THEN_ACRONYM.fullmatch(text, out[-1].end, s.start)):
            out.append(s)
            continue
        first = out[-1]
        if fold_keep(s.text) in folded_system_names():  # the acronym is a system we know
            code = first.text.split()[0]
            written = f"{code} {s.text}" if _CODE.fullmatch(code) and code != s.text else s.text
            out[-1] = SystemMention(first.start, first.end, written, s.name, s.category, s.manufacturer, s.base)
        elif first.category == "other":  # "GBU-39B Small Diameter Bombs (SDB-I)": the first name, the kind
            out[-1] = SystemMention(first.start, first.end, first.text, first.name, s.category,
                                    first.manufacturer or s.manufacturer, first.base)
    return out


def _designations(text: str, folded: str) -> list[SystemMention]:
    """Designations written after a category noun, unknown ones included."""
    pattern, table = category_nouns()
    out = []
    for m in pattern.finditer(folded):
        if text[m.start()].isupper() and _after_a_maker(folded, m.start()):
            continue  # "Safran Helicopter Engines", "Airbus Helicopters": the noun is the maker's name
        pos = m.end()
        category = table[m.group(0)]
        for _ in range(5):  # modifiers: "de combat américains", "de transport de troupes"
            d = _DESIGNATION.match(text, pos)
            if d and _acceptable(d.group("name")):
                if _titled_name(text, m.start(), d.group("name")):
                    break
                name = _trim(d.group("name").strip())
                out.append(SystemMention(d.start("name"), d.start("name") + len(name), name, name, category, None))
                break
            mod = _MODIFIER.match(text, pos)
            if not mod or mod.group(0).strip().lower() in NOT_MODIFIERS:
                break
            pos = mod.end()
    return out


def _titled_name(text: str, start: int, name: str) -> bool:
    """'le Système de Diffusion interne', 'the System of Records': a capitalised category noun inside
    the sentence, then 'de'/'of' and a capitalised word with no digit, is the title of a service or
    a body, not equipment and its designation ('le système de défense Patriot' keeps its noun small)."""
    if start == 0 or not text[start].isupper() or any(c.isdigit() for c in name):
        return False
    return bool(re.search(r"\b(?:de|d'|du|des|of)\s*$", text[:text.index(name, start)], re.IGNORECASE))


def _after_a_maker(folded: str, start: int) -> bool:
    """A maker's name ends right before ``start`` (one space between)."""
    before = folded[max(0, start - 60) : start]
    if not before.endswith(" "):
        return False
    before = before[:-1]
    return any(before.endswith(name) and (len(before) == len(name) or not before[-len(name) - 1].isalnum())
               for name in folded_manufacturers())


# English order and counts: "four MQ-1 Predator XP drones", "two Ofek-13 spy satellites", "148 T-72s":
# a designation with a digit, right before a category noun (up to two lower-case words between) or
# right after a count. A plural 's' after a digit or a capital is not part of the name.
_COUNT = (
    r"(?:\d{1,3}(?:,\d{3})+|\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen"
    r"|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze)"
)
_BEFORE_NOUN = re.compile(
    r"(?<![\w-])(?P<name>" + _FIRST_TOKEN + r"(?:[ -]" + _NEXT_TOKEN + r"){0,3})"
    r"(?P<mods>(?:\s+[a-z][a-z-]{2,}){0,2})\s+$"
)
_AFTER_COUNT = re.compile(  # "two Beechcraft Super King Air 350ERs": up to five words
    r"(?<![\w.,-])(?i:" + _COUNT + r")\s+(?P<name>" + _FIRST_TOKEN + r"(?:[ -]" + _NEXT_TOKEN + r"){0,4})(?![\w-])"
)
_COUNTED_BEFORE = re.compile(r"(?<![\w.,-])(?i:" + _COUNT + r")\s+$")
_PLURAL = re.compile(r"(?<=[\dA-Z])s$")
_CLASS = re.compile(r"(?<![\w-])(?P<name>[A-Z][\w]*(?: [A-Z0-9][\w]*)?)[- ]class\s+$")
_ROMAN = re.compile(r"(?<=[a-z]) (?:II|III|IV|V|VI|VII|VIII|IX|X)$")  # a model number: "Cobra II", "Wing Loong II"


def _designations_before(text: str, folded: str) -> list[SystemMention]:
    """Designations carrying a digit written before their category noun or after a count."""
    pattern, table = category_nouns()
    out: list[SystemMention] = []
    civil = {fold_keep(w) for w in lx.categories()["civil_modifiers"]}
    for m in pattern.finditer(folded):
        if text[m.start()].isupper() and not text[m.start() : m.end()].isupper():
            continue  # "Army Tactical Missile Systems": a capitalised noun belongs to a name
        cls = _CLASS.search(text, max(0, m.start() - 40), m.start())
        if cls and _acceptable(cls.group("name")):  # "three Sigma-class frigates": the class names the ships
            out.append(SystemMention(cls.start("name"), cls.end("name"), cls.group("name"), cls.group("name"),
                                     table[m.group(0)], None))
            continue
        d = _BEFORE_NOUN.search(text, max(0, m.start() - 80), m.start())
        mods = [fold_keep(w) for w in d.group("mods").split()] if d else []
        if d and not any(w in NOT_MODIFIERS or w in civil for w in mods):
            out += _numbered(text, d.start("name"), d.group("name"), table[m.group(0)])
    for d in _AFTER_COUNT.finditer(text):
        if not any(o.start <= d.start("name") < o.end for o in out):
            out += _numbered(text, d.start("name"), d.group("name"), "other")
    return out


def _numbered(text: str, start: int, written: str, category: str) -> list[SystemMention]:
    words = written.split()
    counted_before = bool(_COUNTED_BEFORE.search(text, max(0, start - 20), start))
    if len(words) > 1 and re.fullmatch(r"\d+", words[-1]) and not counted_before:
        words = words[:-1]  # "au Maroc 92 véhicules": the number is the count (not in "two Ground Master 400 radars")
    first = fold_keep(words[0])
    if first in folded_country_surfaces() and first not in folded_manufacturers() or first in _date_words():
        return []  # "Maroc 36", "January 2025" (but "Beechcraft Super King Air 350ER" opens with its maker)
    name = _PLURAL.sub("", _trim(" ".join(words)))
    numbered = any(c.isdigit() for c in name) or bool(_ROMAN.search(name))  # "F-16", "Cobra II"
    if not name or not name[0].isupper() or not numbered or not _acceptable(name):
        return []
    if re.fullmatch(r"\d+(?:[.,]\d+)?|[A-Z]\d", name):
        return []  # a bare number or "M 2": no designation (but "M88 recovery vehicles", "M777 howitzers")
    maker = maker_names().get(first)
    return [SystemMention(start, start + len(name), name, name, category, maker)]


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    from ..dates import MONTHS, WEEKDAYS

    return frozenset(fold_keep(w) for w in [*MONTHS, *WEEKDAYS])


def _trim(name: str) -> str:
    """Stop a designation before a word that names a country, a maker or a month ('Heron Israël')."""
    words = name.split()
    for i in range(1, len(words)):
        tail = fold_keep(" ".join(words[i:]))
        if fold_keep(words[i]) in folded_country_surfaces() or any(m.startswith(tail) for m in folded_manufacturers()):
            return " ".join(words[:i])
    return name


@lru_cache(maxsize=1)
def _frame_nouns() -> frozenset[str]:
    """Every noun that triggers a frame or a modifier, folded ('sale', 'sales', 'deal', 'contrat')."""
    data = lx.load_json("frames.json")
    specs = [s for s in list(data["frames"].values()) + list(data["modifiers"].values()) if isinstance(s, dict)]
    return frozenset(fold_keep(n) for spec in specs for lang in ("fr", "en") if lang in spec
                     for n in spec[lang].get("nouns", []) if " " not in n)


def _acceptable(name: str) -> bool:
    first = name.split()[0]
    if first.lower() in _STOP_NAMES or first in lx.categories().get("not_designations", []):
        return False
    if first.lower() in _PREPOSITIONS and not any(c.isdigit() for c in name):
        return False
    if fold_keep(first) in _date_words():
        return False  # "drones since September 2021": a date, not a designation
    if fold_keep(first) in _frame_nouns() and not any(c.isdigit() for c in name):
        return False  # "US Approves … Missile Sales to Morocco": the sale, not a missile called 'Sales'
    folded = fold_keep(name)
    if folded in _category_words():
        return False  # "Rocket Systems", "Combat Vehicles": the noun again, not a designation
    if folded in folded_country_surfaces() or any(m.startswith(folded) for m in folded_manufacturers()):
        return False  # "drones from the Aviation Industry Corporation of China": a maker, not a system
    if re.fullmatch(r"(?:19|20)\d\d", first):
        return False
    code = re.match(r"([A-Za-z]{2,3})\d", first)
    if code and code.group(1).lower() in money_data()["currencies"]:
        return False  # "worth USD260 million": an amount, not a designation
    # a designation carries a digit, or is a capitalised name that isn't an ordinary word
    return any(c.isdigit() for c in name) or first[0].isupper()


@lru_cache(maxsize=1)
def _category_words() -> frozenset[str]:
    _, table = category_nouns()
    return frozenset(table) | frozenset(fold_keep(w) for w in lx.categories()["generic"])


# "Joint Stand Off Weapons (JSOW)", "High Mobility Artillery Rocket Systems (HIMARS)": a capitalised
# name ending with an equipment noun, then its acronym
_NAMED_ACRONYM = re.compile(
    r"(?P<long>(?:[A-Z][\w-]*\s+){1,6})(?P<noun>[A-Z][a-z]+)\s*\((?P<acro>[A-Z][A-Z0-9-]{2,9})\)"
)


def _acronym_systems(text: str) -> list[SystemMention]:
    out = []
    pattern, table = category_nouns()
    for m in _NAMED_ACRONYM.finditer(text):
        noun = fold_keep(m.group("noun"))
        if noun in table:
            start, end = m.span("acro")
            out.append(SystemMention(start, end, m.group("acro"), m.group("acro"), table[noun], None))
    return out


def learn_acronyms(infos: Sequence[Any]) -> None:
    """'Joint Stand Off Weapons (JSOW)' in one sentence, 'a possible sale of JSOW' in a later one: an
    acronym the article spelled out names that system again wherever it stands alone after."""
    learned: dict[str, tuple[SystemMention, int]] = {}
    for n, info in enumerate(infos):
        for s in _acronym_systems(info.text):
            if any(k.start <= s.start and s.end <= k.end and k.name == s.name for k in info.systems):
                learned.setdefault(s.name, (s, n))
    for name, (first, n) in learned.items():
        pattern = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")
        for info in infos[n + 1 :]:
            added = [SystemMention(m.start(), m.end(), name, name, first.category, None)
                     for m in pattern.finditer(info.text)
                     if not any(k.start < m.end() and m.start() < k.end for k in info.systems)]
            if added:
                info.systems[:] = sorted(info.systems + added, key=lambda x: x.start)


_ASIDE_BETWEEN = re.compile(r"\s*\([^()]{1,60}\)\s*")


def _across_an_aside(known: list[SystemMention], text: str) -> list[SystemMention]:
    """'M1A2 (system enhancement package) Abrams': a model and the family name of the same maker with
    only a bracket between them are one system, the model's."""
    out: list[SystemMention] = []
    for s in sorted(known, key=lambda k: k.start):
        prev = out[-1] if out else None
        if (prev is not None and prev.manufacturer and prev.manufacturer == s.manufacturer
                and prev.category == s.category and _ASIDE_BETWEEN.fullmatch(text, prev.end, s.start)):
            out[-1] = SystemMention(prev.start, s.end, f"{prev.text} {s.text}", prev.name, prev.category,
                                    prev.manufacturer, prev.base)
            continue
        out.append(s)
    return out


def _extend_left(text: str, s: SystemMention) -> SystemMention:
    """'600 FIM-92K Stinger': the model code written before a known name belongs to it."""
    m = _LEFT_TOKEN.search(text, 0, s.start)
    if not m:
        return s
    return SystemMention(m.start(), s.end, text[m.start() : s.end], s.name, s.category, s.manufacturer)
