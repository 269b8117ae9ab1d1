"""Equipment bought without a designation: "un patrouilleur de haute mer", "500 military vehicles".

Real articles often report an order by its kind alone ("Navantia construira pour la Marine royale
un patrouilleur hauturier"). Such a phrase becomes an acquisition only where an acquisition frame
names Morocco as recipient outright, the phrase is not a reference back ("ces patrouilleurs"), and
the article names no system of that kind (then the phrase is that system, found by coreference).
The name is the category noun with what qualifies it — adjectives and one "de" complement in
French ("de haute mer", "militaires"), the modifiers before it in English ("military vehicles") —
and nouns too vague to stand alone ("systèmes", "munitions") need such a qualifier
(``categories.json`` ``needs_qualifier``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon as lx
from .actors import Actor
from .grammar import Arg
from .mentions import SystemMention, category_nouns, fold_keep

_WORD = re.compile(r"[a-z][a-z-]*")
_PARTICIPLE = re.compile(r"(?:é|ée|és|ées|is|ise|ises|its?|ites?|us?|ues?|ed)$")
_COUNT_ONE = re.compile(r"(?:^|[\s'’])(?:un|une|a|an)\s+(?:(?:nouvel|nouveau|nouvelle|new|autre|other)\s+)?$")


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = lx.categories()["unnamed"]
    vague = frozenset(fold_keep(w) for w in data["needs_qualifier"])
    stop = frozenset(fold_keep(w) for w in data["not_qualifiers"] + data["determiners"])
    prepositions = frozenset(fold_keep(w) for w in data["after_participle"])
    return vague, stop, prepositions


@lru_cache(maxsize=1)
def _determined() -> re.Pattern[str]:
    words = sorted((fold_keep(w) for w in lx.categories()["unnamed"]["determiners"]), key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(r"(?:^|[\s'])(?:" + alternatives + r")\s*(?:(?!d[eu]s?\b)[a-z0-9-]+\s+){0,2}$")


def unnamed_systems(text: str, folded: str, arg: Arg, actors: list[Actor], lang: str,
                    by_a_maker: bool = False) -> list[SystemMention]:
    """The kinds of equipment an item argument names without a designation; a bare plural kind only when
    a maker is named as the seller ('Navantia was awarded a contract to build patrol boats for the Navy')."""
    pattern, table = category_nouns()
    out = []
    for m in pattern.finditer(folded, arg.start, arg.end):
        if _is_determined(folded, m.start()):
            continue
        start, end = _extent(text, folded, (arg.start, arg.end), (m.start(), m.end()), actors, lang)
        bare = (start, end) == (m.start(), m.end())
        if bare and (m.group(0) in _words()[0] or not (_counted(folded, start, end) or by_a_maker)):
            continue  # "des systèmes", "des drones MALE" say too little
        label = text[start:end]
        name = " ".join(_singular(w) for w in fold_keep(label).split())
        out.append(SystemMention(start, end, label, name, table[m.group(0)], None, name, unnamed=True))
    return out


def count_of_one(before: str) -> bool:
    """'un patrouilleur', 'a new frigate': one."""
    return bool(_COUNT_ONE.search(fold_keep(before)))


@lru_cache(maxsize=1)
def _count_before() -> re.Pattern[str]:
    words = "|".join(re.escape(fold_keep(w)) for w in lx.categories()["unnamed"]["counts"])
    return re.compile(rf"(?:^|[\s'])(?:\d[\d\s.,]*|{words})\s+(?:[a-z-]+\s+)?$")


def _counted(folded: str, start: int, end: int) -> bool:
    """'deux frégates', 'un patrouilleur', '500 new vehicles', 'des véhicules blindés, au nombre de 25', 'the
    third and final patrol vessel': a count names the purchase."""
    before = folded[max(0, start - 80) : start]
    return (bool(_count_before().search(before[-40:])) or count_after(folded, end) is not None
            or last_of_series(before) is not None)


@lru_cache(maxsize=1)
def _last_of_series() -> re.Pattern[str]:
    words = lx.grammar()["last_of_a_series"]
    return re.compile(r"(?<![\w'])(" + lx.alternation(list(words["ordinals"])) + r")\s+(?:"
                      + lx.alternation(words["last"]) + r")\s+(?:[\w'-]+\s+){0,5}$")


def last_of_series(before: str) -> int | None:
    """'le quatrième et dernier avion …', 'the third and final frigate': how many there are in all."""
    m = _last_of_series().search(fold_keep(before))
    return int(lx.grammar()["last_of_a_series"]["ordinals"][m.group(1)]) if m else None


_GRAMMAR = lx.grammar()
_COUNT_AFTER = re.compile(  # a few words qualifying the noun, maybe a comma, then the phrase and the count
    r"[^,.;:()]{0,30}?,?\s*(?:" + lx.alternation([*_GRAMMAR["count_after"]["fr"], *_GRAMMAR["count_after"]["en"]])
    + r")\s+(\d[\d,.]*\d|\d|[\w-]+)", re.I)


def count_after(text: str, end: int) -> str | None:
    """'des véhicules blindés, au nombre de 25', 'vehicles numbering 25': the count written after the noun
    (its words, for ``quantity_before``)."""
    m = _COUNT_AFTER.match(text, end)
    return m.group(1) if m else None


def _is_determined(folded: str, start: int) -> bool:
    """'ces drones', 'ses nouveaux patrouilleurs', 'its vehicles' point back to equipment named elsewhere."""
    return bool(_determined().search(folded[max(0, start - 40) : start]))


def _extent(
    text: str, folded: str, phrase: tuple[int, int], noun: tuple[int, int], actors: list[Actor], lang: str
) -> tuple[int, int]:
    """The noun with its qualifiers, never beyond the argument's own phrase (in "to procure
    weapons" the verb is no modifier of the noun)."""
    start, end = noun
    if lang == "en":
        return _modifiers_before(text, folded, start, phrase[0], actors), end
    return start, _qualifiers_after(text, folded, end, phrase[1], actors)


def _modifiers_before(text: str, folded: str, start: int, limit: int, actors: list[Actor]) -> int:
    """'500 military vehicles', 'offshore patrol vessels': up to two lower-case words before."""
    _, stop, _ = _words()
    taken = 0
    pos = start
    while taken < 2 and pos > limit:
        m = re.search(r"(?<![\w'’])([a-z][a-z-]*)\s+$", folded[max(0, pos - 30) : pos])  # not the s of "'s"
        if not m:
            break
        word_start = pos - len(m.group(0))
        if word_start < limit or m.group(1) in stop or not _common(text, word_start, actors):
            break
        pos, taken = word_start, taken + 1
    return pos


def _qualifiers_after(text: str, folded: str, end: int, limit: int, actors: list[Actor]) -> int:
    """'de haute mer', 'militaires', 'de combat': adjectives and one 'de' complement, no
    participle that opens its own complement ('destinés aux FAR'), no demonym, no name."""
    _, stop, prepositions = _words()
    pos, adjectives, complement = end, 0, False
    while pos < limit:
        rest = folded[pos:limit]
        de = re.match(r"\s+(?:de\s+|d')([a-z][a-z-]*)(?:\s+([a-z][a-z-]*)(?![\w'’]))?", rest)  # not "d'" of the next
        if de and not complement and de.group(1) not in stop and _common(text, pos + de.start(1), actors):
            words = [de.group(1)]
            if de.group(2) and de.group(2) not in stop and _common(text, pos + de.start(2), actors):
                words.append(de.group(2))
            pos, complement = pos + de.start(1) + len(" ".join(words)), True
            continue
        adj = re.match(r"\s+([a-z][a-z-]*)(?![\w'’])", rest)
        if not adj or adjectives >= 2 or adj.group(1) in stop or not _common(text, pos + adj.start(1), actors):
            break
        after = re.match(r"\s+([a-z']+)", rest[adj.end() :])
        written = text[pos + adj.start(1) : pos + adj.end()]
        if after and after.group(1).rstrip("'") in prepositions and _PARTICIPLE.search(written):
            break  # "destinés aux FAR", "fabriqués par", "construits en Espagne"
        pos, adjectives = pos + adj.end(), adjectives + 1
    return pos


def _common(text: str, pos: int, actors: list[Actor]) -> bool:
    """A common word: lower-case as written and no actor's name ('turcs', 'marocains')."""
    return text[pos].islower() and not any(a.start <= pos < a.end for a in actors)


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith(("s", "x")) and not word.endswith("ss"):
        return word[:-1]
    return word
