"""/budget: Morocco's defence budget by year, with the change against the previous known year.

Only ``scope == "total"`` figures are the budget; sub-lines are listed apart. Two
articles giving different totals for one year are both shown with their sources:
merging 124 and 124.7 billion into one number would state something no article says.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from facts.models import Budget
from handlers.answers import Answer, Section, SourceList
from handlers.common import View, error
from handlers.formatting import articles, format_amount

MIN_YEAR, MAX_YEAR = 1900, 2100


@dataclass
class Figure:
    """One distinct total for a year, with every fact (article) that states it."""

    year: int
    amount: float
    currency: str
    approximate: bool
    facts: list[Budget] = field(default_factory=list)
    _text: tuple[bool, str] | None = field(default=None, repr=False, compare=False)

    def text(self) -> str:
        """Formatted once: a year's answer compares each figure with every earlier one."""
        if self._text is None or self._text[0] != self.approximate:
            self._text = (self.approximate, format_amount(self.amount, self.currency, self.approximate))
        return self._text[1]


def figures_by_year(view: View) -> dict[int, list[Figure]]:
    """Totals grouped by year; equal amounts from several articles become one figure, several sources.
    Computed once per fact-base version (the result is shared: read it, don't change it)."""
    return view.derived("budget-figures", lambda: _figures_by_year(view))


def _figures_by_year(view: View) -> dict[int, list[Figure]]:
    out: dict[int, list[Figure]] = {}
    for f in view.budgets():
        if (f.scope or "total") != "total" or f.year is None or f.amount is None:
            continue
        year, amount, cur = int(f.year), float(f.amount), f.currency or ""
        figs = out.setdefault(year, [])
        same = next((g for g in figs if g.currency == cur and abs(g.amount - amount) <= 1e-6 * amount), None)
        if same is None:
            same = Figure(year, amount, cur, f.approximate)
            figs.append(same)
        same.approximate = same.approximate and f.approximate
        same.facts.append(f)
    for figs in out.values():
        figs.sort(key=lambda g: (-len(g.facts), -g.amount))  # most-cited first
    return dict(sorted(out.items()))


def change(cur: Figure, prev: Figure) -> str:
    """'+8.3 billion MAD (+6.7 %) on 2024 (124.7 billion MAD)', or why it cannot be computed."""
    if cur.currency != prev.currency or prev.amount == 0:
        return f"not comparable with {prev.year} ({prev.text()})"
    delta = cur.amount - prev.amount
    pct = delta / prev.amount * 100
    sign = "+" if delta >= 0 else "−"
    return (f"{sign}{format_amount(abs(delta), cur.currency)} ({sign}{abs(pct):.1f} %) "
            f"on {prev.year} ({prev.text()})")


def _cites(fig: Figure, src: SourceList) -> str:
    return " ".join(dict.fromkeys(src.cite(f.evidence) for f in fig.facts))


def _sublines(view: View, year: int | None, src: SourceList) -> list[str]:
    lines = []
    for f in view.budgets():
        if (f.scope or "total") == "total" or (year is not None and f.year != year):
            continue
        amount = format_amount(f.amount or 0, f.currency, f.approximate)
        lines.append(f"{f.year} · {f.scope}: {amount} {src.cite(f.evidence)}")
    return lines


def budget(view: View, year: int | None = None) -> Answer:
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        return error("Year out of range",
                     f"Give a year between {MIN_YEAR} and {MAX_YEAR}, e.g. `/budget 2025`.")
    return budget_for(view, year)


def budget_for(view: View, year: int | None) -> Answer:
    """The answer for a valid year (None: the table), memoised per version."""
    return view.memo(("budget", year), lambda: _budget(view, year))


def _budget(view: View, year: int | None) -> Answer:
    years = figures_by_year(view)
    if year is None:
        return _table(view, years)
    known = ", ".join(str(y) for y in years) or "none"
    if year not in years:
        return Answer(title=f"Defence budget {year}", kind="not_found",
                      summary=f"No defence budget figure for {year} in the {articles(view.n_articles)}. "
                      f"Years with a figure: {known}.")
    src = view.sources()
    figs = years[year]
    prev_years = [y for y in years if y < year]
    prev = years[prev_years[-1]] if prev_years else []
    lines = []
    for fig in figs:
        lines.append(f"{fig.text()} {_cites(fig, src)}")
        lines += [f"  change: {change(fig, p)}" for p in prev]
    if not prev:
        lines.append(f"  change: no earlier year on record (years with a figure: {known})")
    if len(figs) == 1:
        summary = f"Morocco's defence budget for {year}: {figs[0].text()}."
    else:
        summary = (f"The articles give {len(figs)} different totals for {year}: "
                   + " vs ".join(f.text() for f in figs) + " — shown side by side with their sources.")
    sections = [Section(f"Total {year}", lines)]
    subs = _sublines(view, year, src)
    if subs:
        sections.append(Section("Sub-lines (not the total)", subs))
    return Answer(title=f"Defence budget {year}", summary=summary, sections=sections, sources=src.sources())


def _table(view: View, years: dict[int, list[Figure]]) -> Answer:
    if not years:
        return Answer(title="Defence budget", kind="not_found",
                      summary=f"No defence budget figure in the {articles(view.n_articles)}.")
    src = view.sources()
    lines, prev = [], None
    for y, figs in years.items():
        shown = " vs ".join(f"{g.text()} {_cites(g, src)}" for g in figs)
        delta = f" — {change(figs[0], prev[0])}" if prev else ""
        lines.append(f"{y}: {shown}{delta}")
        prev = figs
    sections = [Section("Year · total · change on the previous known year", lines)]
    subs = _sublines(view, None, src)
    if subs:
        sections.append(Section("Sub-lines (not the total)", subs))
    first, last = min(years), max(years)
    return Answer(title="Defence budget by year", sections=sections, sources=src.sources(),
                  summary=f"Morocco's defence budget: {len(years)} year(s) on record, {first} to {last}.")
