"""Budgets: defence budgets by year — whose figure, which figure, which year.

Whose: a budget fact has a ``country``. The owner of a figure is the actor the sentence gives
it to (``info.actors``): the relative clause after it ("les 25 milliards de dollars que
l'Algérie a réservés"), else the nearest state or Moroccan actor before it, else the nearest
after it; a region ("North Africa's $30.2 billion", "les dépenses militaires mondiales")
owns no national budget. A sentence naming nobody continues its paragraph's last owner.
A dirham figure is Morocco's. Morocco's figures are the budget; another country's are kept
with the scope ``comparison`` and shown only as such.

Which (``scope``, see ``facts.models``): a figure counts by what the sentence says of it,
the cue nearest before it in its clause or the purpose right after it —

- ``total``: the finance bill's commitment total ("dépenses autorisées … fixé à",
  "engager par anticipation", "plafond", "commit MAD 110 billion") or what the article
  calls the defence budget ("budget de la défense", "defence spending", "military budget",
  "alloués à l'Administration de la Défense nationale");
- ``envelope``: the ADN's yearly envelope ("enveloppe globale", "budget sectoriel",
  "budget général" on its own);
- a sub-line (``personnel``, ``investissement``, ``compte de dotation``…): named before or
  after the figure, or marked as a part ("dont", "comprenant", "in addition to", a share
  "(65 %)", "Sur les 121 milliards…, 10 milliards");
- not a budget at all: a change ("en hausse de 5 milliards", "+4 %", "la progression atteint
  8,7 MMDH"), a deal's value, anything without a budget cue.

A conversion ("124,7 milliards de dirhams, soit 12,1 milliards de dollars", "(4 milliards de
dollars)") shares the figure's scope, owner and year. A comparison states two totals:
"contre 119,7 MMDH en 2023", "compared to 119.766 billion in 2022", "contre 69,7 MMDH l'an
dernier" give the earlier year's figure, sourced to that sentence.

Which year: one written next to the figure ("en 2024", "pour 2025", "in the 2025 law",
"l'année 2024 où …", "depuis 2019, passant de …"); a relative one next to it, counted from
the budget year the sentence is about ("contre … l'an dernier"); else the finance law's
("PLF 2025", "projet de loi de finances pour l'année 2026", "the 2020 finance bill"), in the
sentence, the paragraph or the title. The year whose credits pay a commitment ("sur les
crédits … au titre de l'année 2027") is never the budget's year.

When one article gives the same figure rounded and precise (133 and 133,453 milliards), only
the precise one is kept.

This module reads the sentence's figures, their currency and their owner, and keeps one fact per
figure; which figure each one is lives in ``budget_roles``, which year in ``budget_years``. The
word lists of ``budget.json`` are read and compiled in ``budget_words``, for all three.
"""

from __future__ import annotations

from typing import Any

from ..models import MOROCCO, Budget
from ..numbers import Amount, find_amounts
from .budget_roles import _clause_before, _inherited, _role
from .budget_words import Figure, patterns, words
from .budget_years import _year
from .context import Context, SentenceInfo, sentence_language


def extract(ctx: Context) -> list[Budget]:
    out: list[tuple[Budget, float]] = []  # with the precision each figure is written with
    owners: dict[int, str] = {}  # paragraph → last owner named, for sentences that name nobody
    roles: dict[int, str] = {}  # paragraph → scope of its last total or envelope figure
    years: dict[int, int] = {}  # paragraph → year of its last dated figure
    for info in ctx.infos:
        if not _candidate(ctx, info):
            continue
        figures = _figures(ctx, info, owners, roles, years)
        for fig in figures:
            if fig.role in ("change", "none") or fig.owner is None or fig.year is None or not fig.amount.currency:
                continue
            scope = fig.role if fig.owner == MOROCCO else "comparison"
            out.append((Budget(fig.year, fig.amount.value, fig.amount.currency, ctx.evidence(info), scope,
                               fig.amount.approximate, fig.owner), fig.amount.step))
    return _keep_precise(out)


def _candidate(ctx: Context, info: SentenceInfo) -> bool:
    """A sentence about a budget (or right after one in its paragraph) with a defence context."""
    rx = patterns()
    prev = ctx.previous(info)
    same_para = prev is not None and prev.sentence.para == info.sentence.para
    if not (rx["context"].search(info.folded) or (same_para and prev is not None and rx["context"].search(prev.folded))):
        return False
    title = ctx.infos[0] if ctx.infos else info
    return any(rx["defence"].search(i.folded) for i in (info, prev if same_para else None, title) if i is not None)


def _money(a: Amount) -> bool:
    return a.currency is not None and (a.scaled or a.value >= 1e6) or (a.currency is None and a.scaled)


def _figures(ctx: Context, info: SentenceInfo, owners: dict[int, str],
             roles: dict[int, str] | None = None, years: dict[int, int] | None = None) -> list[Figure]:

    roles = {} if roles is None else roles
    years = {} if years is None else years
    lang = sentence_language(info, ctx.lang)
    amounts = [a for a in find_amounts(info.text, lang) if _money(a)]
    converted = [k > 0 and _is_conversion(info, amounts[k - 1], a) for k, a in enumerate(amounts)]
    mains = [a for a, conv in zip(amounts, converted, strict=True) if not conv]
    amounts = [_with_currency(ctx, info, a, mains) for a in amounts]
    figures: list[Figure] = []
    for k, a in enumerate(amounts):
        prev = figures[-1] if figures else None
        if prev is not None and converted[k]:
            figures.append(Figure(a, prev.role, prev.owner, prev.year, prev.year_how, True))
            continue
        fig = Figure(a, _role(info, a, amounts[k - 1] if k else None, _inherited(ctx, info, roles)))
        if fig.role in ("total", "envelope"):
            roles[info.sentence.para] = fig.role
        fig.owner = _owner(ctx, info, a, owners)
        if fig.owner is not None:
            owners[info.sentence.para] = fig.owner
        if fig.role not in ("change", "none"):
            fig.year, fig.year_how = _year(ctx, info, a, figures, years.get(info.sentence.para))
            dated = [f for f in figures if f.year]
            if fig.year is None and dated:  # "124,7 milliards en 2024, dont 10 milliards pour …"
                fig.year, fig.year_how = dated[-1].year, "sentence"
            if fig.year is not None and fig.year_how != "relative":
                years[info.sentence.para] = fig.year
        figures.append(fig)
    return figures


def _with_currency(ctx: Context, info: SentenceInfo, a: Amount, amounts: list[Amount]) -> Amount:
    """A bare '124 milliards' takes the currency named before it in the sentence, else after, else
    in the sentence before."""
    if a.currency:
        return a
    before = [b.currency for b in amounts if b.currency and b.start < a.start]
    after = [b.currency for b in amounts if b.currency and b.start > a.start]
    cur = before[-1] if before else (after[0] if after else None)
    if cur is None:
        prev = ctx.previous(info)
        if prev is not None:  # the currency of the sentence before's first figure (not its conversion)
            near = [b.currency for b in find_amounts(prev.text) if b.currency]
            cur = near[0] if near else None
    if cur is None:
        return a
    return Amount(a.start, a.end, a.text, a.value, cur, a.scaled, a.approximate, a.high, a.step)


def _is_conversion(info: SentenceInfo, prev: Amount, a: Amount) -> bool:
    """'X, soit Y', 'X (Y)', 'X, l'équivalent d'environ Y': the same sum in another currency."""
    if prev.currency is None or a.currency is None or prev.currency == a.currency and \
            abs(prev.value - a.value) > 0.01 * max(prev.value, a.value):
        return False
    between = info.folded[prev.end:a.start]
    return len(between) <= 40 and bool(patterns()["conversion"].match(between))



# ---------------------------------------------------------------- whose figure

def _owner(ctx: Context, info: SentenceInfo, a: Amount, owners: dict[int, str]) -> str | None:

    rx = patterns()
    asides = [m.span() for m in rx["aside"].finditer(info.folded) if m.end() <= a.start]
    money = [(b.start, b.end) for b in find_amounts(info.text)]  # "dollars US" names a currency, not a state
    actors = [x for x in info.actors if (x.kind in ("morocco", "state") or (x.kind == "place" and x.country != MOROCCO))
              and not any(s <= x.start < e for s, e in asides + money)]
    after = info.folded[a.end:a.end + 60]
    rel = rx["owner_after"].match(after)
    if rel:
        follow = [x for x in actors if a.end + rel.end() - 1 <= x.start <= a.end + rel.end() + 25]
        if follow:
            return _code(follow[0])
    if a.currency in words()["currency_owner"] and any(x.is_morocco for x in info.actors):
        return str(words()["currency_owner"][a.currency])
    clause = _clause_before(info, a)
    start = a.start - len(clause)
    before = [x for x in actors if start <= x.end <= a.start]
    region = max((m.end() + start for m in rx["regions"].finditer(clause)), default=-1)
    if before and before[-1].end > region:
        return _code(before[-1])
    if region >= 0:
        return None
    later = [x for x in actors if x.start >= a.end and not info.folded[a.end:x.start].count(",") > 1]
    if later and _close(info, a, later[0]):
        return _code(later[0])
    if before:
        return _code(before[-1])
    if a.currency in words()["currency_owner"]:
        return str(words()["currency_owner"][a.currency])
    if info.sentence.para in owners:
        return owners[info.sentence.para]
    return MOROCCO if ctx.about_morocco else None


def _close(info: SentenceInfo, a: Amount, actor: Any) -> bool:
    return actor.start - a.end <= 80 and ";" not in info.folded[a.end:actor.start]


def _code(actor: Any) -> str | None:
    if actor.kind == "place":
        return None
    return MOROCCO if actor.is_morocco else actor.country



# ---------------------------------------------------------------- one article, one figure per fact

def _keep_precise(found: list[tuple[Budget, float]]) -> list[Budget]:
    """Drop repeats, and a rounded figure when the article states the same one precisely
    (133 milliards next to 133,453 milliards; 'plus de 157 milliards' next to 157,171)."""
    kept: list[tuple[Budget, float]] = []
    for b, step in found:
        if any(_same(o, b) and abs(o.amount - b.amount) <= 1e-6 * b.amount for o, _ in kept):
            continue
        kept.append((b, step))
    return [b for b, step in kept
            if not any(o is not b and _same(o, b) and step > s and abs(o.amount - b.amount) < step for o, s in kept)]


def _same(a: Budget, b: Budget) -> bool:
    return (a.country, a.year, a.scope, a.currency) == (b.country, b.year, b.scope, b.currency)
