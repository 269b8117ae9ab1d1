"""/budget: Morocco's defence budget by year, with the change against the previous known year.

Only Morocco's ``scope == "total"`` figures are the budget (the finance bill's commitment
total, see ``facts.models``); the ADN's yearly envelope, sub-lines and other countries'
figures are listed apart, each labelled. Two articles giving different totals for one year
are both shown with their sources: merging 124 and 124.7 billion into one number would
state something no article says. A total an article also gives in another currency (its
conversion) is shown next to the dirham figures, not as a rival total.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from facts.models import MOROCCO, Budget
from handlers.answers import Answer, Section, SourceList
from handlers.chart import BudgetChart, ChartYear
from handlers.common import View, country_label, error
from handlers.formatting import articles, format_amount
from handlers.i18n import current, ntr, tr

MIN_YEAR, MAX_YEAR = 1900, 2100
HOME_CURRENCY = "MAD"
SHOWN, TABLE_SHOWN = 15, 3  # totals listed for a year, and per year in the table, of a long base


@dataclass
class Figure:
    """One distinct total for a year, with the facts (articles) that state it: all of them, or in a
    base of more than ``paging.LONG`` budget figures the ``paging.CITED`` newest (``n`` counts all)."""

    year: int
    amount: float
    currency: str
    approximate: bool
    facts: list[Budget] = field(default_factory=list)
    n: int = 0  # statements in all
    _texts: dict[tuple[bool, str], str] = field(default_factory=dict, repr=False, compare=False)

    def text(self) -> str:
        """Formatted once per language: a year's answer compares each figure with every earlier one.
        Keyed, not overwritten: the warm-up and a French answer may format the same figure at once."""
        how = (self.approximate, current())
        text = self._texts.get(how)
        if text is None:
            text = self._texts[how] = format_amount(self.amount, self.currency, self.approximate)
        return text


def figures_by_year(view: View) -> dict[int, list[Figure]]:
    """Totals grouped by year; equal amounts from several articles become one figure, several sources.
    Computed once per fact-base version (the result is shared: read it, don't change it)."""
    return view.derived("budget-figures", lambda: _figures_by_year(view))


def is_moroccos(fact: Budget) -> bool:
    return (fact.country or MOROCCO) == MOROCCO


def is_long(view: View) -> bool:
    """More budget figures than ``paging.LONG``: grouped from narrow rows, each total citing its
    newest statements, the answers listing the most cited totals (``budget_long``)."""
    from handlers.paging import LONG, count

    return count(view, "budget") > LONG


def _figures_by_year(view: View) -> dict[int, list[Figure]]:
    if is_long(view):
        from handlers.budget_long import figures

        return figures(view)
    out: dict[int, list[Figure]] = {}
    for f in view.budgets():
        if (f.scope or "total") != "total" or f.year is None or f.amount is None or not is_moroccos(f):
            continue
        year, amount, cur = int(f.year), float(f.amount), f.currency or ""
        figs = out.setdefault(year, [])
        same = next((g for g in figs if g.currency == cur and abs(g.amount - amount) <= 1e-6 * amount), None)
        if same is None:
            same = Figure(year, amount, cur, f.approximate)
            figs.append(same)
        same.approximate = same.approximate and f.approximate
        same.facts.append(f)
        same.n += 1
    return ordered(out)


def ordered(out: dict[int, list[Figure]]) -> dict[int, list[Figure]]:
    for figs in out.values():  # dirhams first, then most-cited
        figs.sort(key=lambda g: (g.currency != HOME_CURRENCY, -g.n, -g.amount))
    return dict(sorted(out.items()))


def _main(figs: list[Figure]) -> list[Figure]:
    """The year's totals in dirhams (or, when no article gives one, in the currency they give)."""
    home = [g for g in figs if g.currency == HOME_CURRENCY]
    return home or figs


def change(cur: Figure, prev: Figure) -> str:
    """'+8.3 billion MAD (+6.7 %) on 2024 (124.7 billion MAD)', or why it cannot be computed."""
    if cur.currency != prev.currency or prev.amount == 0:
        return tr("not comparable with {year} ({amount})", year=prev.year, amount=prev.text())
    delta = cur.amount - prev.amount
    pct = delta / prev.amount * 100
    sign = "+" if delta >= 0 else "−"
    percent = f"{abs(pct):.1f}" if current() == "en" else f"{abs(pct):.1f}".replace(".", ",")
    return tr("{sign}{delta} ({sign}{percent} %) on {year} ({amount})", sign=sign,
              delta=format_amount(abs(delta), cur.currency), percent=percent, year=prev.year, amount=prev.text())


def _cites(fig: Figure, src: SourceList) -> str:
    marks = " ".join(dict.fromkeys(src.cite(f.evidence) for f in fig.facts))
    if fig.n > len(fig.facts):  # a long base: the newest statements cited, the others counted
        marks += " " + ntr("and {n} more article", "and {n} more articles", fig.n - len(fig.facts))
    return marks


def _others(view: View, year: int | None, src: SourceList) -> list[Section]:
    """Labelled sections for what is not Morocco's total: the ADN envelope, sub-lines, and other
    countries' figures quoted for comparison (listed for one year; counted in the table)."""
    envelope: list[str] = []
    sub: list[str] = []
    foreign: list[str] = []
    if is_long(view):
        from handlers.budget_long import others

        envelope, sub, foreign = others(view, year, src)
    for f in view.budgets() if not is_long(view) else []:
        scope = f.scope or "total"
        if (scope == "total" and is_moroccos(f)) or (year is not None and f.year != year):
            continue
        amount, cite = format_amount(f.amount or 0, f.currency, f.approximate), src.cite(f.evidence)
        if not is_moroccos(f):
            foreign.append(f"{f.year} · {country_label(f.country)}: {amount} {cite}")
        elif scope == "envelope":
            envelope.append(f"{f.year}: {amount} {cite}")
        else:
            sub.append(f"{f.year} · {scope}: {amount} {cite}")
    sections = []
    if envelope:
        sections.append(Section(tr("ADN yearly envelope (budget général + dotation accounts; not the total)"),
                                envelope))
    if sub:
        sections.append(Section(tr("Sub-lines (not the total)"), sub))
    if foreign and year is not None:
        sections.append(Section(tr("Other countries, quoted for comparison (not Morocco's budget)"), foreign))
    elif foreign:
        sections.append(Section(tr("Other countries"), [tr("{n} figure(s) of other countries quoted for "
                                                           "comparison: ask `/budget <year>`.", n=len(foreign))]))
    return sections


def budget(view: View, year: int | None = None) -> Answer:
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        return error(tr("Year out of range"),
                     tr("Give a year between {first} and {last}, e.g. `/budget 2025`.", first=MIN_YEAR, last=MAX_YEAR))
    return budget_for(view, year)


def budget_for(view: View, year: int | None) -> Answer:
    """The answer for a valid year (None: the table), memoised per version."""
    return view.memo(("budget", year), lambda: _budget(view, year))


def _budget(view: View, year: int | None) -> Answer:
    years = figures_by_year(view)
    if year is None:
        return _table(view, years)
    known = ", ".join(str(y) for y in years) or tr("none")
    if year not in years:
        return Answer(title=tr("Defence budget {year}", year=year), kind="not_found",
                      summary=tr("No defence budget figure for {year} in the {articles}. Years with a figure: "
                                 "{years}.", year=year, articles=articles(view.n_articles), years=known))
    src = view.sources()
    figs = _main(years[year])
    converted = [g for g in years[year] if g not in figs]
    prev_years = [y for y in years if y < year]
    prev = _main(years[prev_years[-1]]) if prev_years else []
    every = len(figs)
    if is_long(view):  # the most cited totals, each against the previous year's most cited one
        figs, prev, converted = figs[:SHOWN], prev[:1], converted[:SHOWN]
    lines = []
    for fig in figs:
        lines.append(f"{fig.text()} {_cites(fig, src)}")
        lines += ["  " + tr("change: {change}", change=change(fig, p)) for p in prev if p.currency == fig.currency]
    if not prev:
        lines.append("  " + tr("change: no earlier year on record (years with a figure: {years})", years=known))
    lines += ["  " + tr("in {currency}: {amount}", currency=g.currency, amount=g.text()) + f" {_cites(g, src)}"
              for g in converted]
    if len(figs) == 1:
        summary = tr("Morocco's defence budget for {year}: {amount}.", year=year, amount=figs[0].text())
    else:
        summary = tr("The articles give {n} different totals for {year}: {amounts} — shown side by side with "
                     "their sources.", n=every, year=year, amounts=tr(" vs ").join(f.text() for f in figs))
        if every > len(figs):
            summary += " " + tr("The {shown} most cited are listed, each compared with the most cited total of the"
                                " year before.", shown=len(figs))
    sections = [Section(tr("Total {year}", year=year), lines)] + _others(view, year, src)
    return Answer(title=tr("Defence budget {year}", year=year), summary=summary, sections=sections,
                  sources=src.sources())


def _table(view: View, years: dict[int, list[Figure]]) -> Answer:
    if not years:
        return Answer(title=tr("Defence budget"), kind="not_found",
                      summary=tr("No defence budget figure in the {articles}.", articles=articles(view.n_articles)))
    src = view.sources()
    lines: list[str] = []
    prev: list[Figure] | None = None
    for y, all_figs in years.items():
        figs = _main(all_figs)
        listed = figs[:TABLE_SHOWN] if is_long(view) else figs
        shown = tr(" vs ").join(f"{g.text()} {_cites(g, src)}" for g in listed)
        if len(figs) > len(listed):
            shown += " " + ntr("(and {n} other total)", "(and {n} other totals)", len(figs) - len(listed))
        delta = f" — {change(figs[0], prev[0])}" if prev and prev[0].currency == figs[0].currency else ""
        lines.append(f"{y}: {shown}{delta}")
        prev = figs
    chart = _chart(years, src)
    sections = [Section(tr("Year · total · change on the previous known year"), lines)] + _others(view, None, src)
    first, last = min(years), max(years)
    footer = tr("Chart: one bar per year, sources numbered as in this answer; orange where the articles "
                "give different totals.") if chart else ""
    return Answer(title=tr("Defence budget by year"), sections=sections, sources=src.sources(), chart=chart,
                  summary=tr("Morocco's defence budget: {n} year(s) on record, {first} to {last}.", n=len(years),
                             first=first, last=last),
                  footer=footer)


def _chart(years: dict[int, list[Figure]], src: SourceList) -> BudgetChart | None:
    """The table as chart data, on one currency's axis (dirhams unless no year has them); None
    below two years. Call after the table's lines are cited: it reuses their [n] numbers."""
    counts = Counter(g.currency for figs in years.values() for g in _main(figs))
    if not counts:
        return None
    currency = HOME_CURRENCY if HOME_CURRENCY in counts else counts.most_common(1)[0][0]
    points, left_out = [], []
    for y, all_figs in years.items():
        figs = [g for g in _main(all_figs) if g.currency == currency]
        if not figs:
            left_out.append(tr("{year} (only in {currencies})", year=y,
                               currencies=", ".join(sorted({g.currency for g in all_figs}))))
            continue
        points.append(ChartYear(y, tuple(g.amount for g in figs), all(g.approximate for g in figs)))
    if len(points) < 2:
        return None
    return BudgetChart(currency, tuple(points), _chart_sources(years, src, currency), tuple(left_out), current())


def _chart_sources(years: dict[int, list[Figure]], src: SourceList, currency: str) -> tuple[str, ...]:
    """'[1] bladi.net, 2021-01-14 (teaser)' for every source the bars rest on (the answer's source
    list says 'related-article teaser' in full)."""
    number = {s.doc: (i, s) for i, s in enumerate(src.sources(), 1)}
    cited: dict[int, str] = {}
    for figs in years.values():
        for f in (f for g in _main(figs) if g.currency == currency for f in g.facts):
            if f.evidence.doc not in number:  # a long base: a total the table does not list
                continue
            n, s = number[f.evidence.doc]
            where = ", ".join(x for x in (s.site, s.published) if x) or s.title
            teaser = tr(" (teaser)") if f.evidence.section == "teaser" else ""  # a related-article teaser
            if teaser or n not in cited:
                cited[n] = f"[{n}] {where}{teaser}"
    return tuple(cited[n] for n in sorted(cited))
