"""Entity resolution inside a compile, without reading every event of the fact base.

Why: the canonical spelling of a person or exercise depends only on how often each spelling
occurs (``facts.resolve``). Those counts are kept in the fact base (``settings``) with a marker
of the events they belong to; a compile subtracts the events of the files it replaces or
removes, adds those it writes, and rewrites only its own events plus the older ones whose
canonical spelling changed. When the counts are missing or belong to another state of the
file (an older compiler wrote it), everything is resolved once, as before, and counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from . import store
from .resolve import canonical_exercises, canonical_names
from .store import plan

VERSION = 1


def written_people(fact: store.Record) -> list[str]:
    return [p for p in (fact.get("people_as_written") or fact.get("people") or []) if p]


def written_exercise(fact: store.Record) -> str:
    return str(fact.get("name_as_written") or fact.get("name") or "")


@dataclass
class Counts:
    """Spelling counts over the events of the fact base, and the maps they gave last time."""

    people: Counter[str] = field(default_factory=Counter)
    exercises: Counter[str] = field(default_factory=Counter)
    people_map: dict[str, str] = field(default_factory=dict)
    exercise_map: dict[str, str] = field(default_factory=dict)

    def add(self, rows: Iterable[tuple[int, store.Record]], sign: int = 1) -> None:
        for _, fact in rows:
            for person in written_people(fact):
                self.people[person] += sign
            name = written_exercise(fact)
            if name:
                self.exercises[name] += sign


def before_writes(conn: store.Connection, replaced: Iterable[str]) -> Counts | None:
    """The saved counts without the events of the files about to be replaced or removed; None
    when no usable counts are saved (then ``resolve`` does the full pass)."""
    saved = plan.saved_entities(conn)
    if not saved or saved.get("version") != VERSION or saved.get("marker") != plan.event_marker(conn):
        return None
    try:
        counts = Counts(Counter(saved["people_counts"]), Counter(saved["exercise_counts"]),
                        dict(saved["people"]), dict(saved["exercises"]))
    except (KeyError, TypeError, ValueError):
        return None
    counts.add(plan.events_of(conn, replaced), -1)
    return counts


def resolve(conn: store.Connection, counts: Counts | None, written: Iterable[str]) -> None:
    """Give every person and exercise one spelling across the whole fact base (after the writes).
    ``written``: the files this compile wrote; only rows that change are written."""
    if counts is None:
        rows = store.named_events(conn)
        counts = Counts()
        counts.add(rows)
    else:
        rows = plan.events_of(conn, written)
        counts.add(rows)
    people = canonical_names(_positive(counts.people).elements())
    exercises = canonical_exercises(_positive(counts.exercises).elements())
    if counts.people_map or counts.exercise_map:
        changed_people = {n for n, c in counts.people_map.items() if n in people and people[n] != c}
        changed_exercises = {n for n, c in counts.exercise_map.items() if n in exercises and exercises[n] != c}
        seen = {fact_id for fact_id, _ in rows}
        rows += [r for r in plan.events_naming(conn, changed_people, changed_exercises) if r[0] not in seen]
    for fact_id, fact in rows:
        _rewrite(conn, fact_id, fact, people, exercises)
    plan.save_entities(conn, _saved(counts, people, exercises, plan.event_marker(conn)))


def _positive(counter: Counter[str]) -> Counter[str]:
    return Counter({k: v for k, v in counter.items() if v > 0})


def _rewrite(conn: store.Connection, fact_id: int, fact: store.Record, people: dict[str, str],
             exercises: dict[str, str]) -> None:
    before = (fact.get("people"), fact.get("name"), "people_as_written" in fact)
    written = fact.setdefault("people_as_written", list(fact.get("people") or []))
    fact["people"] = list(dict.fromkeys(people.get(p, p) for p in written))
    name = fact.setdefault("name_as_written", fact.get("name"))
    fact["name"] = exercises.get(name, name) if name else None
    if (fact["people"], fact["name"], True) != before:
        store.rewrite_fact(conn, fact_id, fact)


def _saved(counts: Counts, people: dict[str, str], exercises: dict[str, str], marker: list[int]) -> dict[str, Any]:
    return {"version": VERSION, "marker": marker, "people_counts": dict(_positive(counts.people)),
            "exercise_counts": dict(_positive(counts.exercises)), "people": people, "exercises": exercises}
