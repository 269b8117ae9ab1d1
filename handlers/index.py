"""Indexes in memory, bodies on demand: what ordering and counting long answers needs, per version.

A long answer (``handlers.paging``) lists thousands of claims or events a page at a time. Sorting
and grouping them needs a few fields of each — an acquisition's claim, supplier, category, system,
year and its article's date; an event's date and countries — not its quote or its JSON. Those
fields are read once per version of the fact base with one narrow query per kind
(``facts.store.pages``) into small tuples (about 100 bytes each, some 40 MB at 100 000 articles
against 1 KB and more for a parsed fact), by the warm-up in the background; a page then reads the
records of its own facts by id. The order is the one the whole answers use
(``cooperation.newest_first`` then ``one_per_claim``; a timeline by date then id), so a long
answer's pages list exactly what its whole answer would, in the same order.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from facts.store import FactStore
from facts.store import pages as sql
from handlers.common import View


class Acq(NamedTuple):
    id: int
    claim: str
    supplier: str | None
    category: str | None
    system: str
    year: int | None
    published: str


class Ev(NamedTuple):
    date: str
    id: int
    year: int | None


def _acquisitions(view: View) -> list[Acq]:
    def build(store: FactStore) -> list[Acq]:
        one: dict[str | None, str | None] = {}  # one copy of each claim, country, category, system and date
        return [Acq(i, one.setdefault(c, c) or c, one.setdefault(s, s), one.setdefault(cat, cat),
                    one.setdefault(system, system) or system, y, one.setdefault(p, p) or p)
                for i, c, s, cat, system, y, p in sql.acquisition_rows(store)]

    rows = view.snapshot.read(build)
    rows.sort(key=lambda r: r.system)  # then by year and article date, newest first: ``newest_first``
    rows.sort(key=lambda r: (r.year is not None, r.year or 0, r.published), reverse=True)
    return rows


def acquisitions(view: View) -> list[Acq]:
    """Every acquisition, newest first as ``cooperation.newest_first`` orders them."""
    return view.derived("index-acquisitions", lambda: _acquisitions(view))


def _by_supplier(view: View) -> dict[str | None, list[Acq]]:
    out: dict[str | None, list[Acq]] = {}
    for row in acquisitions(view):
        out.setdefault(row.supplier, []).append(row)
    return out


def of_supplier(view: View, code: str | None) -> list[Acq]:
    if code is None:
        return acquisitions(view)
    return view.derived("index-by-supplier", lambda: _by_supplier(view)).get(code, [])


def count(view: View, code: str | None, cat: str | None) -> int:
    """How many acquisitions from ``code`` of ``cat`` (None: any)."""
    rows = of_supplier(view, code)
    return len(rows) if cat is None else sum(1 for r in rows if r.category == cat)


def _claims(view: View, code: str | None, cat: str | None) -> list[list[Acq]]:
    groups: dict[str, list[Acq]] = {}
    for row in of_supplier(view, code):
        if cat is None or row.category == cat:
            groups.setdefault(row.claim, []).append(row)
    return list(groups.values())


def claims(view: View, code: str | None, cat: str | None) -> list[list[Acq]]:
    """The claims, newest first, each with its statements newest first (``one_per_claim``)."""
    return view.derived(("index-claims", code, cat), lambda: _claims(view, code, cat))


def top_systems(view: View, code: str, limit: int) -> list[tuple[str, int]]:
    return Counter(r.system for r in of_supplier(view, code) if r.system).most_common(limit)


def _events(view: View) -> tuple[list[Ev], dict[str, list[Ev]]]:
    every: dict[int, Ev] = {}
    by_country: dict[str, list[Ev]] = {}
    dates: dict[str, str] = {}

    def build(store: FactStore) -> None:
        for fact_id, date, year, country in sql.event_rows(store):
            row = every.get(fact_id)
            if row is None:
                row = every[fact_id] = Ev(dates.setdefault(date, date), fact_id, year)
            if country is not None:
                by_country.setdefault(country, []).append(row)

    view.snapshot.read(build)
    ordered = sorted(every.values())
    for rows in by_country.values():
        rows.sort()
    return ordered, by_country


def events(view: View, code: str | None, span: tuple[int, int] | None) -> list[Ev]:
    """The events with ``code`` (None: all) in ``span`` (None: any year), by date then id."""
    def make() -> list[Ev]:
        every, by_country = view.derived("index-events", lambda: _events(view))
        rows = every if code is None else by_country.get(code, [])
        if span is None:
            return rows
        return [r for r in rows if r.year is not None and span[0] <= r.year <= span[1]]
    return view.derived(("index-events", code, span), make)


def relations(view: View, code: str) -> list[tuple[str, int, int]]:
    """(relation, facts, articles) of the partner facts naming ``code``, most articles first."""
    def make() -> dict[str, list[tuple[str, int, int]]]:
        out: dict[str, list[tuple[str, int, int]]] = {}
        for country, relation, facts, docs in view.snapshot.read(sql.relation_rows):
            out.setdefault(country, []).append((relation, facts, docs))
        for rows in out.values():
            rows.sort(key=lambda r: (-r[2], r[0]))
        return out
    return view.derived("index-relations", make).get(code, [])
