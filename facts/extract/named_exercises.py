"""Named exercises across an article: «Chebec», told once as run by Morocco and one other state,
keeps those parties when a later sentence names it alone ('Lors du «Chebec 23», qui s'est tenu du
20 novembre au 6 décembre 2023, les frégates … ont pris part à des manœuvres').

Why: the later sentence is often the only one that dates an edition, and it names ships, not
states. The name is the exercise's own (quoted, or a recurring exercise of ``exercises.json``),
without the edition's year; a name told with two or more foreign states, or none, teaches nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import lexicon as lx
from .actors import Actor
from .framelex import Trigger, frame_lexicon
from .frames import FrameHit
from .grammar import Predicate
from .mentions import fold_keep

if TYPE_CHECKING:  # the context module reads this one's names while it loads
    from .context import SentenceInfo

# «Chebec», « Chebec 23 », "Atlas Shield 2025": a quoted capitalised name, its edition's year apart
_QUOTED = re.compile(
    r"[«“\"]\s*(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}?)(?:\s+(?P<year>(?:19|20)?\d\d))?\s*[»”\"]"
)


@lru_cache(maxsize=1)
def _known() -> re.Pattern[str]:
    names = lx.alternation([fold_keep(e["name"]) for e in lx.exercises()])
    # "Atlas Handshake 23-1": the edition's year, then its number in that year
    return re.compile(rf"(?<![\w-])(?P<name>{names})(?:\s+(?P<year>(?:19|20)?\d\d)(?!\d)(?:-\d)?)?(?![\w-])")


Edition = tuple[str, int | None]  # the folded name, the edition's year (None: the exercise as such)


def exercise_names(text: str, folded: str) -> set[Edition]:
    """The exercises a sentence names, each with the year of its edition when it writes one."""
    found = [(fold_keep(m.group("name")), m.group("year")) for m in _QUOTED.finditer(text)]
    found += [(m.group("name"), m.group("year")) for m in _known().finditer(folded)]
    return {(name, int(year) % 100 + 2000 if year else None) for name, year in found}


class NamedExercises:
    """What the article has said of each named exercise's parties so far."""

    def __init__(self) -> None:
        self.states: dict[Edition, list[Actor]] = {}

    def follow(self, info: SentenceInfo, morocco: Actor) -> None:
        """Learn from a frame that pairs Morocco with one state; lend to a frame with no state. A
        teaser is another story; an edition's partners are that edition's only ('Sea Breeze 2022' says
        nothing of 2024), the exercise's as such ('«Chebec»') are every edition's."""
        names = exercise_names(info.text, info.folded) if info.section in ("title", "body") else set()
        if not names:
            self._the_only_one(info, morocco)
            return
        for hit in info.frames.hits:
            if hit.spec.relation != "exercise" or hit.negated or hit.opposed:
                continue
            states = [a for a in hit.parties if a.is_state]
            if states and any(a.is_morocco for a in hit.parties):
                if len({a.country for a in states}) == 1:
                    for name in names:
                        self.states.setdefault(name, states)
                continue
            if any(a.how != "exercise" for a in states):
                continue  # a state named here (not only a known exercise's leader)
            editions = sorted(names, key=str) + sorted({(n, None) for n, _ in names}, key=str)
            told = next((self.states[e] for e in editions if e in self.states), None)
            if told is not None:
                hit.add("counterpart", [morocco, *told])

    def _the_only_one(self, info: SentenceInfo, morocco: Actor) -> None:
        """"From 5 to 16 June, 8,000 participants take part in joint exercises in the kingdom": in an
        article that has told one named exercise, with its parties, an exercise with no state named is
        that one."""
        told = {name for name, _ in self.states}
        if len(told) != 1 or info.section != "body":
            return
        states = next(iter(self.states.values()))
        for hit in info.frames.hits:
            if hit.spec.relation == "exercise" and not hit.negated and not hit.opposed and not any(
                    a.is_state for a in hit.parties):
                hit.add("counterpart", [morocco, *states])


def exercise_leaders(info: SentenceInfo, morocco: Actor) -> None:
    """'l'exercice African Lion': the countries that lead a known exercise are its counterparts."""
    leaders = [e for e in lx.exercises() if e.get("led_by") and fold_keep(e["name"]) in info.folded]
    if not leaders:
        return
    _named_exercise_alone(info, leaders[0]["name"], morocco)
    for hit in info.frames.hits:
        if hit.spec.relation == "exercise" and not hit.negated:  # beside the units of others taking part
            for entry in leaders:
                hit.add("counterpart", [Actor(0, 0, entry["name"], "state", c, "exercise") for c in entry["led_by"]])


def _named_exercise_alone(info: SentenceInfo, name: str, morocco: Actor) -> None:
    """"Maroc : l'African Lion 2022 s'achève": a known exercise named beside Morocco with no word of a
    frame is that exercise held with Morocco — unless the sentence sets parties against each other."""
    if info.section not in ("title", "body") or not info.morocco or any(
            h.spec.relation == "exercise" or h.spec.polarity == "opposition" for h in info.frames.hits):
        return
    start = fold_keep(info.text).find(fold_keep(name))
    trigger = Trigger("frame", "exercise", "noun", tuple(fold_keep(name).split()), None)
    pred = Predicate(trigger, start, start + len(name), text=info.text[start : start + len(name)])
    hit = FrameHit(frame_lexicon().frames["exercise"], pred)
    hit.add("counterpart", [morocco])
    info.frames.hits.append(hit)
