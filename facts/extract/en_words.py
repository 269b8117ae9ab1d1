"""English words and tokens shared by every step of the clause reader (`parse_en`).

The grammar words come from `facts/data/grammar.json`; here they become sets, the token and clause
records are defined, verbs are inflected, and a sentence is cut into tokens with each actor and system
kept as one token, so that the later steps never look at raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import lexicon as lx
from ..dates import MONTHS as DATE_MONTHS
from ..dates import WEEKDAYS as DATE_WEEKDAYS
from .actors import Actor
from .framelex import Trigger, frame_lexicon
from .mentions import SystemMention, fold_keep
from .nouns import noun_kind

_WORDS = lx.grammar()
IRREGULAR: dict[str, list[str]] = _WORDS["irregular_verbs"]["en"]
MODALS = frozenset(_WORDS["modals"]["en"])  # "Rabat would buy": a report, not a purchase
AUXILIARIES = frozenset(_WORDS["auxiliaries"]["en"])
FINITE_AUXILIARIES = frozenset(_WORDS["auxiliaries"]["en_finite"])
BE = frozenset(["be", *IRREGULAR["be"]])
PREPOSITIONS = tuple(_WORDS["prepositions"]["en"])
CLAUSE_OPENERS = frozenset(_WORDS["clause_openers"]["en"])
REPORTING_VERBS = frozenset(_WORDS["reporting_verbs"]["en"])
TRANSPARENT = frozenset(_WORDS["transparent_objects"]["en"])
COMPARISON_STOPS = frozenset(_WORDS["comparison_stops"]["en"])
BARE_OPENERS = frozenset(_WORDS["clause_openers"]["en_without_comma"])
OPENERS_BEFORE_A_VERB = frozenset(_WORDS["clause_openers"]["en_without_comma_before_a_verb"])
NOT_OPENING_AFTER = frozenset(_WORDS["clause_openers"]["en_not_after"])
_NOT_NAMES = frozenset(_WORDS["not_names"]["en"])
DETERMINERS = frozenset(_WORDS["determiners"]["en"])
PRONOUNS = frozenset(_WORDS["pronouns"]["en"])
DEFINITE_OPENERS = frozenset(_WORDS["definite_equipment"]["determiners"]) | {"this", "that", "such"}
POSSESSIVE_DET = frozenset(_WORDS["pronouns"]["en_possessive"])
DOMAINS = frozenset(_WORDS["military_domains"]["en"])
VERB_ADVERBS = frozenset(_WORDS["verb_adverbs"]["en"])
CONTROL_VERBS = frozenset(_WORDS["control_verbs"]["en"])
HAVE_AUXILIARY = frozenset(_WORDS["have_auxiliary"]["en"])
COUNT_WORDS = frozenset(lx.categories()["unnamed"]["counts"]) - {"a", "an"}

# '2,401' is one number, not "2", ",", "401"
_WORD = re.compile(r"['’]s\b|\d{1,3}(?:,\d{3})+(?!\d|,\d)|[A-Za-z0-9][\w'’.&-]*[\w]|[A-Za-z0-9]|[^\w\s]")


@dataclass
class Tok:
    text: str
    start: int
    end: int
    low: str
    actor: Actor | None = None
    system: SystemMention | None = None
    trigger: Trigger | None = None
    prep: str | None = None  # this token starts a preposition (possibly several words long)
    alternatives: list[Trigger] = field(default_factory=list)  # other readings of the same word
    prep_len: int = 0


@dataclass
class Clause:
    start: int  # token indexes [start, end)
    end: int
    subject_from: int | None = None  # an antecedent outside the clause (relative clauses)
    subject_tokens: list[int] = field(default_factory=list)


EQUIPPED = frozenset(("equipped", "fitted", "armed"))
WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))


@lru_cache(maxsize=1)
def _inflections() -> dict[str, list[tuple[Trigger, int]]]:
    """Surface word → triggers whose (inflected) first word it is, with the number of words."""
    lex = frame_lexicon()
    table: dict[str, list[tuple[Trigger, int]]] = {}
    for trig in lex.triggers["en"]:
        for form in _forms(trig):
            words = form.split()
            table.setdefault(words[0], []).append(
                (Trigger(trig.kind, trig.name, trig.pos, tuple(words), None), len(words))
            )
    for items in table.values():
        items.sort(key=lambda t: -t[1])
    return table


def _forms(trig: Trigger) -> set[str]:
    base = " ".join(trig.words)
    if trig.pos == "noun":
        return {base, base + "s"} if not base.endswith("s") else {base}
    first, rest = trig.words[0], " ".join(trig.words[1:])
    heads = {first, *_regular(first), *IRREGULAR.get(first, [])}
    out = {(h + " " + rest).strip() for h in heads}
    out |= set(IRREGULAR.get(base, []))
    return out


def _regular(verb: str) -> list[str]:
    if verb.endswith("e"):
        return [verb + "s", verb + "d", verb[:-1] + "ing"]
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return [verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    if verb.endswith(("s", "sh", "ch", "x")):
        return [verb + "es", verb + "ed", verb + "ing"]
    return [verb + "s", verb + "ed", verb + "ing"]


TIME_WORDS = frozenset(WEEKDAYS | {w for w in DATE_MONTHS if w.isalpha()} | {w for w in DATE_WEEKDAYS if w.isalpha()})
QUOTES = frozenset({"“", "”", '"', "«", "»"})


_NEW_ADJECTIVES = frozenset(_WORDS["new_equipment_adjectives"]["en"])


def _new_equipment(toks: list[Tok]) -> bool:
    """'four new ships', 'additional aircraft': equipment brought in as new, unless a definite word or a
    possessive points back ('its new drones', 'the other aircraft')."""
    for t in toks:
        if t.low in DEFINITE_OPENERS or t.low in PRONOUNS or t.low in ("'s", "’s"):
            return False
        if t.low in _NEW_ADJECTIVES:
            return True
        if noun_kind(t.low) == "item":
            return False
    return False


_GENERIC = frozenset(fold_keep(n) for n in lx.categories()["generic"])
_SIZE = frozenset(_WORDS["size_adjectives"]["en"])


def _own_kind(toks: list[Tok]) -> bool:
    """'200 thermal receiver units': a generic counting noun ('units') after two plain words names a kind of
    its own, not the system told before ('24 units' of it)."""
    heads = [k for k, t in enumerate(toks) if fold_keep(t.low) in _GENERIC]
    if not heads:
        return False
    before = [t for t in toks[: heads[-1]]][-2:]
    return len(before) == 2 and all(
        t.text.isalpha() and t.text.islower() and t.low not in COUNT_WORDS and t.low not in _NEW_ADJECTIVES
        and t.low not in _SIZE and t.low not in DEFINITE_OPENERS and noun_kind(t.low) is None for t in before)


def _bare(toks: list[Tok]) -> bool:
    """'acquiring helicopters with anti-submarine capabilities', 'Turkish drones': nothing definite before
    the first equipment noun, so the phrase brings new equipment in rather than pointing back."""
    for t in toks:
        if noun_kind(t.low) == "item":
            return True
        if t.low in DEFINITE_OPENERS or t.low in PRONOUNS or t.low in ("'s", "’s"):
            return False
    return False


@lru_cache(maxsize=1)
def _participles() -> frozenset[str]:
    return frozenset(f for forms in IRREGULAR.values() for f in forms if not f.endswith("ing"))


_ORIGIN_GLUE = re.compile(r"-(?:" + lx.alternation(_WORDS["origin_suffixes"]["en"]) + r")(?![\w-])")


_PLURAL_GLUE = re.compile(r"e?s(?![\w'’-])")


def _tokens(text: str, actors: list[Actor], systems: list[SystemMention]) -> list[Tok]:
    """Word tokens, each actor and system one token."""
    spans: list[tuple[int, int, Actor | None, SystemMention | None]] = []
    for a in actors:
        spans.append((a.start, a.end, a, None))
    for s in systems:
        if not any(a.start < s.end and s.start < a.end for a in actors):
            spans.append((s.start, s.end, None, s))
    spans.sort()
    toks: list[Tok] = []
    pos = 0
    for start, end, actor, system in spans + [(len(text), len(text), None, None)]:
        if start < pos:
            continue
        for m in _WORD.finditer(text, pos, start):
            word = m.group(0)
            for piece, offset in _split_possessive(word):
                toks.append(Tok(piece, m.start() + offset, m.start() + offset + len(piece), fold_keep(piece.lower())))
        if end > start:
            glued = _ORIGIN_GLUE.match(text, end) if actor is not None else None
            end = glued.end() if glued else end  # "Russian-made missiles": one word, the missiles' origin
            plural = _PLURAL_GLUE.match(text, end) if system is not None else None
            end = plural.end() if plural else end  # "four Wing Loongs": the designation's plural, one word
            toks.append(Tok(text[start:end], start, end, fold_keep(text[start:end].lower()), actor, system))
        pos = max(pos, end)
    return toks


def _split_possessive(word: str) -> list[tuple[str, int]]:
    for suffix in ("'s", "’s"):
        if word.endswith(suffix) and len(word) > 2:
            return [(word[:-2], 0), (word[-2:], len(word) - 2)]
    if word.endswith((".", ",")) and len(word) > 1 and not re.fullmatch(r"(?:[A-Z]\.)+", word):
        return [(word[:-1], 0), (word[-1], len(word) - 1)]
    return [(word, 0)]
