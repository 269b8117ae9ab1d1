"""People an article introduces with their state, and named again by surname later.

Real reports name an official once with office and country ("Rwanda Defence Forces Army Chief
of Staff, Maj Gen Vincent Nyakarundi, is on a working visit", "le ministre grec de la Défense,
Nikos Pappas") and then by name alone ("Nyakarundi and his delegation were received by …").
The second sentence names no state, so without this it gives no partner and no event.

A name is two to four capitalised words (particles such as "de", "Ould", "bin" inside) that
are no actor, system or office word, and come with a title: a rank or office right before it, or
an office in apposition. Its state is the one state (or Morocco) named in its own
comma-delimited segment of the sentence, or else in the segment before it, or else the one after
it, that holds an office noun ("Rwanda's Minister of Defence, Juvenal Marizamunda", "Gen. X, Chief
of Army Staff of Pakistan"); two states there and the name is left alone. Later sentences of
the article that name the surname (or the whole name) outside any other actor get an actor of
that state (``how="person"``), as Moroccan officials of the actor dictionary do everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from .. import lexicon as lx
from .actors import MOROCCO, Actor
from .mentions import SystemMention
from .nouns import noun_kind

_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’-]*"
_SEGMENT = re.compile(r"[^,;:—–]+")


class _Info(Protocol):
    text: str
    actors: list[Actor]
    systems: list[SystemMention]

    @property
    def section(self) -> str: ...


@lru_cache(maxsize=1)
def _name_pattern() -> re.Pattern[str]:
    particles = "|".join(re.escape(p) for p in lx.grammar()["name_particles"]["words"])
    # up to eight words, so that ranks before the name ("Army Staff General Qamar Javed Bajwa") do not cut it
    return re.compile(rf"(?<![\w'’-]){_WORD}(?:\s+(?:(?:{particles})\s+)?{_WORD}){{1,7}}(?![\w'’-])")


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    words = lx.grammar()["not_names"]
    return frozenset(w.lower() for lang in ("fr", "en") for w in words[lang])


def learn_people(infos: Sequence[_Info]) -> None:
    """Add, in place, an actor for each later mention of a person the article introduced with a state."""
    known: dict[str, tuple[str, int]] = {}  # surname or full name → (country, index of the introducing sentence)
    clashes: set[str] = set()
    for n, info in enumerate(infos):
        if info.section == "teaser":
            continue
        for name, country in _introduced(info):
            for key in {name, name.split()[-1]}:
                if key in known and known[key][0] != country:
                    clashes.add(key)
                known.setdefault(key, (country, n))
    for key in clashes:
        known.pop(key, None)
    if not known:
        return
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True))
                         + r")(?![\w'’-])")
    for n, info in enumerate(infos):
        if info.section == "teaser":
            continue
        added = [_actor(m, known[m.group(0)][0]) for m in pattern.finditer(info.text)
                 if known[m.group(0)][1] < n and not _covered(info, m.start(), m.end())]
        if added:
            info.actors[:] = sorted(info.actors + added, key=lambda a: a.start)


def _introduced(info: _Info) -> list[tuple[str, str]]:
    """(name, country) for each person this sentence names beside exactly one state."""
    out = []
    segments = [(m.start(), m.end()) for m in _SEGMENT.finditer(info.text)]
    for m in _name_pattern().finditer(info.text):
        start, end = _trimmed(info.text, m.start(), m.end())
        if end - start < 3 or " " not in info.text[start:end].strip() or _covered(info, start, end):
            continue
        if len(info.text[start:end].split()) > 4:
            continue  # a name is two to four words once its titles are set aside
        k = next((i for i, (s, e) in enumerate(segments) if s <= start < e), None)
        if k is None or not _titled(info.text, m.start(), start, segments, k):
            continue
        countries = _countries(info, *segments[k])
        for j in (k - 1, k + 1):  # "OFFICE of a state, NAME," first, then "NAME, OFFICE of a state"
            if not countries and 0 <= j < len(segments) and _has_office(info.text[slice(*segments[j])]):
                countries = _countries(info, *segments[j])
        if len(countries) == 1:
            out.append((info.text[start:end], countries.pop()))
    return out


def _titled(text: str, run_start: int, start: int, segments: list[tuple[int, int]], k: int) -> bool:
    """A person's name comes with a title: a rank or office just before it ('Maj Gen X', 'le général
    X', 'Minister X'), or an office in apposition ('Minister of Defence, X', 'X, Chief of Staff of …').
    'participation in Combined Maritime Force' is a name of something else."""
    if _has_office(text[run_start:start]):
        return True  # the rank the run itself opened with
    seg_start, seg_end = segments[k]
    before = text[seg_start:start].split()
    if before and noun_kind(before[-1].strip(".'’").lower()) == "person":
        return True
    if all(w.lower() in ("le", "la", "the", "l'") for w in before) and k > 0 and \
            _has_office(text[slice(*segments[k - 1])]):
        return True
    after = text[slice(*segments[k + 1])].split()[:2] if k + 1 < len(segments) else []
    return any(noun_kind(w.strip(".'’").lower()) == "person" for w in after)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The name without the titles and ranks before it ('Maj Gen Vincent Nyakarundi') or stop words."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    while words and (noun_kind(text[words[0][0]:words[0][1]].rstrip(".")) is not None
                     or text[words[0][0]:words[0][1]].lower() in _not_names()):
        words.pop(0)
    while words and text[words[-1][0]:words[-1][1]].lower() in _not_names():
        words.pop()
    return (words[0][0], words[-1][1]) if len(words) >= 2 else (start, start)


def _countries(info: _Info, start: int, end: int) -> set[str]:
    return {a.country for a in info.actors
            if start <= a.start < end and a.kind in ("morocco", "state") and a.country and a.how != "place"}


def _has_office(segment: str) -> bool:
    return any(noun_kind(w.strip(".'’").lower()) == "person" for w in segment.split())


def _covered(info: _Info, start: int, end: int) -> bool:
    return any(a.start < end and start < a.end for a in info.actors) or any(
        s.start < end and start < s.end for s in info.systems)


def _actor(m: re.Match[str], country: str) -> Actor:
    kind = "morocco" if country == MOROCCO else "state"
    return Actor(m.start(), m.end(), m.group(0), kind, country, "person")
