"""/budget over a long base: totals grouped from narrow rows, each citing its newest statements.

Why: at 10 000 articles the corpus holds 14 000 budget totals and 4 000 other figures, at 100 000
ten times as many; parsing every one (with its quote) for ``handlers.budget`` cost seconds and
hundreds of MB, and a year's answer cited a thousand articles. Over more than ``paging.LONG``
budget figures, the totals are grouped from (year, amount, currency, scope, country) rows read
once per version (``facts.store.pages.budget_rows``); each distinct total keeps how many
statements give it and the records of its ``paging.CITED`` newest, read by id; the ADN envelope,
sub-lines and other countries' figures list their first ``paging.PAGE`` lines and count the rest.
"""

from __future__ import annotations

from collections.abc import Callable

from facts.models import MOROCCO, Budget, fact_from_json
from facts.store import FactStore
from facts.store import pages as sql
from handlers.answers import SourceList
from handlers.budget import Figure, ordered
from handlers.common import View, country_label
from handlers.formatting import format_amount
from handlers.i18n import ntr
from handlers.paging import CITED, PAGE

Row = tuple[int, int | None, float | None, str, int, str, str | None]


def _rows(view: View) -> list[Row]:
    def build(store: FactStore) -> list[Row]:
        one: dict[str | None, str | None] = {}  # one copy of each currency, scope and country
        return [(i, y, a, one.setdefault(c, c) or c, approx, one.setdefault(scope, scope) or scope,
                 one.setdefault(country, country)) for i, y, a, c, approx, scope, country in sql.budget_rows(store)]
    return view.derived("budget-rows", lambda: view.snapshot.read(build))


def _facts(view: View, ids: list[int]) -> dict[int, Budget]:
    records = view.snapshot.read(lambda s: sql.records(s, ids))
    view.snapshot.docs.preload({str(r["doc"]) for r in records.values()})
    out = {}
    for fact_id, record in records.items():
        fact = fact_from_json(record)
        assert isinstance(fact, Budget)
        out[fact_id] = fact
    return out


def figures(view: View) -> dict[int, list[Figure]]:
    """``budget.figures_by_year`` of a long base."""
    out: dict[int, list[Figure]] = {}
    keyed: dict[tuple[int, str, float], Figure] = {}
    ids: dict[int, list[int]] = {}  # id(figure) → its newest statements
    for fact_id, year, amount, cur, approximate, scope, country in _rows(view):
        if scope != "total" or year is None or amount is None or (country or MOROCCO) != MOROCCO:
            continue
        year, amount = int(year), float(amount)
        same = keyed.get((year, cur, amount))
        if same is None:
            figs = out.setdefault(year, [])
            same = next((g for g in figs if g.currency == cur and abs(g.amount - amount) <= 1e-6 * amount), None)
            if same is None:
                same = Figure(year, amount, cur, bool(approximate))
                figs.append(same)
            keyed[(year, cur, amount)] = same
        same.approximate = same.approximate and bool(approximate)
        same.n += 1
        newest = ids.setdefault(id(same), [])
        newest.append(fact_id)
        if len(newest) > CITED:
            del newest[0]
    every = [g for figs in out.values() for g in figs]
    facts = _facts(view, [i for g in every for i in ids[id(g)]])
    for g in every:
        g.facts = [facts[i] for i in reversed(ids[id(g)]) if i in facts]
    return ordered(out)


def others(view: View, year: int | None, src: SourceList) -> tuple[list[str], list[str], list[str]]:
    """``budget._others``'s lines of a long base: the first ``PAGE`` of each kind, then a count."""
    envelope: list[int] = []
    sub: list[int] = []
    foreign: list[int] = []
    for fact_id, y, _, _, _, scope, country in _rows(view):
        if (scope == "total" and (country or MOROCCO) == MOROCCO) or (year is not None and y != year):
            continue
        if (country or MOROCCO) != MOROCCO:
            foreign.append(fact_id)
        elif scope == "envelope":
            envelope.append(fact_id)
        else:
            sub.append(fact_id)
    shown = [*envelope[:PAGE], *sub[:PAGE], *(foreign[:PAGE] if year is not None else [])]
    facts = _facts(view, shown)

    def lines(ids: list[int], line: Callable[[Budget], str]) -> list[str]:
        out = [line(facts[i]) for i in ids[:PAGE] if i in facts]
        if len(ids) > PAGE:
            out.append(ntr("… and {n} more figure", "… and {n} more figures", len(ids) - PAGE))
        return out

    def amount(f: Budget) -> str:
        return f"{format_amount(f.amount or 0, f.currency, f.approximate)} {src.cite(f.evidence)}"

    return (lines(envelope, lambda f: f"{f.year}: {amount(f)}"),
            lines(sub, lambda f: f"{f.year} · {f.scope}: {amount(f)}"),
            lines(foreign, lambda f: f"{f.year} · {country_label(f.country)}: {amount(f)}") if year is not None
            else [""] * len(foreign))  # the table only counts them
