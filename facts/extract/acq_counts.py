"""How many and how much: the count before a system, its category noun or a kind named alone, the count a
previous sentence gave the purchase a sentence identifies, and the value of a single-system deal. Kept
apart from ``acquisitions``, which decides what was bought and by whom.
"""

from __future__ import annotations

import re

from .. import lexicon as lx
from ..models import Money
from ..numbers import find_amounts, quantity_before
from .context import Context, SentenceInfo, sentence_language
from .frames import FrameHit
from .grammar import Arg
from .mentions import (
    SystemMention,
    equipment_nouns,
    fold_keep,
)
from .unnamed import count_after, count_of_one, last_of_series, unnamed_systems

# the furthest a deal went; a donation stays one once received, and a cancellation ends it


_WORDS = lx.grammar()


# only modifiers in between ("un satellite d'observation Ofek 13")
ADJACENT = re.compile(r"(?:\s+(?:d'[a-z-]{3,}|de|d'|du|des|a|[a-z-]{3,})){0,5}\s*[«\"“]?\s*")


def moroccan_acquisition(hit: FrameHit) -> bool:
    if hit.spec.status is None or hit.spec.polarity != "cooperation" or hit.negated or hit.opposed:
        return False
    buyer = hit.actors("recipient") + (hit.actors("counterpart") if hit.spec.name == "deal" else [])
    if not any(a.is_morocco for a in buyer):
        return False
    return not any(a.is_morocco for a in hit.actors("supplier"))


def identified_quantity(ctx: Context, hit: FrameHit) -> int | None:
    """'25 nouveaux véhicules militaires. Il s'agit de chars M88A1': the count of the purchase named."""
    if hit.identifies is None or len(hit.items) != 1:
        return None  # "chars M88A1 et/ou M88A2": the count is the pair's, neither one's
    info, source = hit.identifies
    assert isinstance(info, SentenceInfo)
    lang = sentence_language(info, ctx.lang)
    args = list({id(a): a for h in info.frames.hits for a in h.pred.args}.values())  # "commande pour 25 véhicules"
    counts = {quantity(ctx, info, source, s) for arg in args
              for s in unnamed_systems(info.text, info.folded, arg, info.actors, lang)}
    counts.discard(None)
    if not counts:  # "a commandé auprès des Etats-Unis des véhicules blindés, au nombre de 25": the parse lost them
        whole = Arg("obj", 0, len(info.text), text=info.text)
        counts = {quantity(ctx, info, source, s) for s in unnamed_systems(
            info.text, info.folded, whole, info.actors, lang)} - {None}
    return counts.pop() if len(counts) == 1 else None


def quantity(ctx: Context, info: SentenceInfo, hit: FrameHit, system: SystemMention) -> int | None:
    """The count right before the system ('36 AH-64E'), or before the category noun heading it
    ('trois drones « Heron »'); for 'les six hélicoptères' that refer back, before that noun."""
    if system.unnamed:  # "500 véhicules militaires", "un patrouilleur"
        before = info.text[max(0, system.start - 40) : system.start]
        count = quantity_before(_without_adjectives(before), ctx.lang)
        if count is None:  # "the third and final patrol vessel"
            count = last_of_series(before)
        after = count_after(info.text, system.end)
        if count is None and after:  # "des véhicules blindés, au nombre de 25"
            count = quantity_before(after + " ", ctx.lang)
        return 1 if count is None and count_of_one(before) else count
    if system in info.systems:
        start = system.start
        maker = next((a for a in info.actors if a.kind == "company" and 0 <= start - a.end <= 2), None)
        if maker is not None:  # "24 Lockheed Martin F-16C/D": the count stands before the maker's name
            start = maker.start
        if _count_covers_a_list(info, system):
            return None
        before = info.text[max(0, start - 90) : start]
        if maker is not None:  # "25 of BAE Systems' M88 recovery vehicles": the count of the maker's model
            before = re.sub(r"(?<=\d)\s+of\s+$", " ", before)
        direct = quantity_before(_without_an_aside(before), ctx.lang)
        if direct is not None:
            return direct
        if _SAME_NUMBER.search(fold_keep(info.text[max(0, start - 60) : start])):
            return _count_told_before(ctx, info)  # "an identical number of Caesar howitzers"
        heads = [  # a category noun, or a unit: "18 lanceurs HIMARS", "six exemplaires du Rafale"
            m
            for m in equipment_nouns().finditer(info.folded, 0, system.start)
            if ADJACENT.fullmatch(info.folded[m.end() : system.start])
        ]
        for match in reversed(heads):  # "36 pièces d'artillerie Caesar": the first noun of the phrase
            head = match.start()
            before = info.text[max(0, head - 50) : head]
            plural = match.group(0).endswith(("s", "x"))  # "Nexter 30 canons": a count, not a model number
            count = quantity_before(_without_adjectives(before), ctx.lang, plural=plural)
            if count is not None:
                return count
        last = last_of_series(info.text[max(0, start - 80) : start])
        if last is not None:  # "le quatrième et dernier avion de transport tactique C-27J": four in all
            return last
        counts = {int(m.group(1)) for m in _UNIT_COUNT.finditer(info.folded, system.end)}
        if len(counts) == 1 and {s.name for s in info.systems if not s.unnamed} == {system.name}:
            return counts.pop()  # "the first Apache (AH-64E), as part of an agreement … to produce 24 units"
    if hit.item_anaphor:  # a noun stands for the system here: "l'achat de 24 exemplaires de cet appareil"
        for arg in hit.item_args:
            m = equipment_nouns().search(fold_keep(arg.text))
            if m:
                before = _without_adjectives(arg.text[: m.start()])
                # "build nearly 150 combat vehicles": up to two plain words between the count and the noun
                return quantity_before(before, ctx.lang) or quantity_before(_MODIFIERS.sub(" ", before), ctx.lang)
    return None


_ASIDE = re.compile(r"\s*\([^()]{1,60}\)\s*$")  # "(situational awareness configuration)"
_CODE_BEFORE = re.compile(r"(?<![\w-])[A-Z]{1,4}-?\d+[A-Z]?\d*\s+$")  # "M1A1" before its bracket


def _without_an_aside(before: str) -> str:
    """'Twenty-two M1A1 (situational awareness configuration) Abrams': the count before the model code
    and the bracket that stand between it and the system."""
    if not _ASIDE.search(before):
        return before[-40:]
    kept = _ASIDE.sub(" ", before)
    return _CODE_BEFORE.sub(" ", kept)


_SAME_NUMBER = re.compile(
    r"(?<![\w'])(?:" + lx.alternation([fold_keep(w) for lang in ("fr", "en") for w in _WORDS["same_number"][lang]])
    + r")\s+(?:[\w-]+\s+){0,2}$"
)


def _count_told_before(ctx: Context, info: SentenceInfo) -> int | None:
    """The count of the last purchase by Morocco told before this sentence."""
    for before in reversed(ctx.infos[: ctx.infos.index(info)]):
        for hit in reversed(before.frames.hits):
            if not moroccan_acquisition(hit):
                continue
            for system in hit.items:
                count = quantity(ctx, before, hit, system)
                if count is not None:
                    return count
    return None


# "24 units", "12 exemplaires" after the only system of the sentence: its count
_UNIT_COUNT = re.compile(r"(?<![\w.,-])(\d{1,4})\s+(?:units|unites|exemplaires)(?![\w-])")


_MODIFIERS = re.compile(r"(?<=\d)(?:\s+[a-z][a-z-]+){1,2}\s*$")


_LIST_JOINT = re.compile(r"\s*(?:,|,?\s*(?:et|and|ou|or))\s*", re.I)


def _count_covers_a_list(info: SentenceInfo, system: SystemMention) -> bool:
    """'150 drones israéliens, Wander B et Thunder B': one count for the systems listed together, not
    150 of each. A system joined to this one by a comma or 'et'/'and' alone (no count of its own
    between them) shares the count."""
    for other in info.systems:
        if other is system or other.name == system.name or other.unnamed:
            continue
        first, second = (other, system) if other.end <= system.start else (system, other)
        between = info.text[first.end : second.start]
        if _LIST_JOINT.fullmatch(between):
            return True
    return False


_SIZES = _WORDS["size_adjectives"]


ADJECTIVES = re.compile(r"(?:\s+(?:" + lx.alternation(_SIZES["fr"] + _SIZES["en"]) + r")){1,2}\s*$", re.I)


def _without_adjectives(text: str) -> str:
    """'quatre gros drones armés': the count stands before adjectives too."""
    folded = fold_keep(text)
    m = ADJECTIVES.search(folded)
    return text[: m.start()] + " " if m else text


def value(info: SentenceInfo, hit: FrameHit) -> Money | None:
    if len({s.name for s in hit.items}) != 1:
        return None  # a single sum for several systems cannot be split
    amounts = [a for a in find_amounts(info.text) if a.currency and a.scaled]
    return Money(amounts[0].value, amounts[0].currency) if len(amounts) == 1 and amounts[0].currency else None
