"""Budgets: Morocco's defence budget by year, with currency and scope.

A figure counts in a sentence about a budget (or right after one) with a defence
context. Its year is the one it is attached to ("l'année 2024 où 124 milliards"),
else the finance law's ("PLF 2025", "projet de loi de finances 2024"), else a
relative year against publication ("l'année prochaine"). A change ("en hausse de
5 milliards par rapport à 2023") is not a budget; a sub-line ("dont 12 milliards
pour l'investissement") keeps a scope other than ``total``. A bare "124 milliards"
takes the currency named nearby; a figure in dollars is taken only when Morocco
is named, since the dirham already says whose budget it is.
"""

from __future__ import annotations

import re

from ..models import Budget
from ..numbers import Amount, find_amounts
from .context import Context, SentenceInfo
from .mentions import cue_regex, has_cue

LAW_YEAR = re.compile(
    r"(?:plf|projet de loi de finances|loi de finances|finance bill|budget)\s*(?:\(plf\)\s*)?"
    r"(?:pour\s+|de\s+|for\s+)?(?:l'annee\s+|l'exercice\s+)?((?:19|20)\d\d)\b"
)
ATTACHED_YEAR = re.compile(
    r"((?:19|20)\d\d)\s*(?:,\s*)?(?:ou|avec|:|when|with)?\s*"
    r"(?:un budget de\s+|a budget of\s+)?$"
)
YEAR_AFTER = re.compile(
    r"\s*(?:de\s+dirhams\s+|de\s+dollars\s+|d'euros\s+)?(?:en|pour|in|for|au titre de)\s+((?:19|20)\d\d)\b"
)
COMPARED = re.compile(
    r"(?:rapport a|compare\w* a|contre|qu'en|than in|compared to|from)\s+"
    r"(?:l'annee\s+|l'exercice\s+)?$"
)
BUDGET_OF_YEAR = re.compile(r"budget\b[^.,;]{0,40}?\b(?:de|pour|for|of)\s+(?:l'annee\s+)?((?:19|20)\d\d)\b")
PURPOSE = re.compile(r"\s*(?:pour|au titre d[eu']|consacres? a|destines? a|for)\s*(?:l'|la |le |les )?([^,.;]{0,40})")
RECIPIENT_BEFORE = re.compile(
    r"(?:allou\w*|accord\w*|consacr\w*|attribu\w*|reserv\w*|dot\w*|prevoit|prevu)\s+"
    r"(?:a|au|aux|pour)\s+(?:l'|la |le |les )?(?:administration de la defense|ministere"
    r"(?: \w+)? de la defense|defense nationale|forces armees|armee|far)\b[^.;]{0,90}$"
)
SUBLINE_BEFORE = re.compile(
    r"(?:credits|depenses|budget)\s+d[e'](?:\s*l')?\s*(?:investissement|fonctionnement|personnel|equipement)"
    r"|compte d'affectation speciale|masse salariale|investment budget|operating budget"
)
APPROX = re.compile(r"(?:environ|pres de|quelque|plus de|about|around|nearly|some|over)\s+$")


def _defence_context(ctx: Context, info: SentenceInfo) -> bool:
    prev = ctx.previous(info)
    title = ctx.infos[0] if ctx.infos else info
    return any(has_cue("budget_defence", i.folded) for i in (info, prev, title) if i is not None)


def _budget_context(ctx: Context, info: SentenceInfo) -> bool:
    prev = ctx.previous(info)
    return has_cue("budget", info.folded) or bool(
        prev and has_cue("budget", prev.folded) and prev.sentence.para == info.sentence.para
    )


CHANGE_BEFORE = re.compile(
    r"(?:en\s+)?(?:hausse|baisse|augment\w*|diminu\w*|progress\w*|increase\w*|decrease\w*|rise|rose"
    r"|up|down|gain|soit|de plus|de moins)\s+(?:de\s+|d'|by\s+|of\s+)?"
    r"(?:environ\s+|pres de\s+|quelque\s+|about\s+|some\s+|nearly\s+)?$"
)
CHANGE_AFTER = re.compile(
    r"^\s*(?:de\s+\w+\s+)?(?:de plus|de moins|supplementaires?|additionnels?|more|less|additional)\b"
)
TOTAL_BEFORE = re.compile(
    r"(?:budget|defen[cs]e spending|military spending|depenses (?:militaires|de defense))[^.;]{0,80}$"
)
TOTAL_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,2}(?:pour|au|a|aux|destines? a|alloues? a|for|to)\s+(?:l'|la |le |les |the )?"
    r"(?:ministere|administration de la defense|defense|far|forces armees|armee|militaire|ministry"
    r"|defence|armed forces|military)"
)


def _is_change(info: SentenceInfo, amount: Amount) -> bool:
    before = info.folded[max(0, amount.start - 40) : amount.start]
    return bool(CHANGE_BEFORE.search(before) or CHANGE_AFTER.search(info.folded[amount.end : amount.end + 40]))


def _is_budget_figure(info: SentenceInfo, amount: Amount) -> bool:
    """The figure is the budget itself: 'budget … de 133 milliards', '133 milliards pour la Défense',
    'alloue à l'Administration de la Défense nationale une enveloppe de 157 milliards'."""
    return bool(
        TOTAL_BEFORE.search(info.folded[: amount.start])
        or RECIPIENT_BEFORE.search(info.folded[max(0, amount.start - 160) : amount.start])
        or TOTAL_AFTER.search(info.folded[amount.end : amount.end + 70])
    )


def _scope(info: SentenceInfo, amount: Amount) -> str:
    """'total', or the sub-line the figure belongs to: 'dont 20 milliards pour l'investissement',
    'les crédits d'investissement s'élèvent à 58,5 milliards', 'le compte d'affectation … doté de'."""
    before = info.folded[max(0, amount.start - 25) : amount.start]
    after = info.folded[amount.end : amount.end + 60]
    clause = info.folded[: amount.start].rsplit(",", 1)[-1][-160:]
    line = SUBLINE_BEFORE.search(clause)
    if line:
        return line.group(0).strip()
    if re.search(r"\b(dont|of which|including)\b", before):
        m = cue_regex("budget_subline").search(after)
        return m.group(0).strip() if m else "sub-line"
    m = PURPOSE.match(after)
    if m and cue_regex("budget_subline").search(m.group(1)):
        return m.group(1).strip()
    return "total"


def _year(ctx: Context, info: SentenceInfo, amount: Amount) -> int | None:
    before = info.folded[max(0, amount.start - 30) : amount.start]
    attached = ATTACHED_YEAR.search(before) or YEAR_AFTER.match(info.folded, amount.end)
    if attached:
        return int(attached.group(1))
    law = LAW_YEAR.search(info.folded) or BUDGET_OF_YEAR.search(info.folded)
    if law:
        return int(law.group(1))
    for m in re.finditer(r"(?:en|pour|in|for)\s+((?:19|20)\d\d)\b", info.folded):
        if not COMPARED.search(info.folded[: m.start()]):
            return int(m.group(1))
    for around in (ctx.previous(info), ctx.infos[0] if ctx.infos else None):  # "… PLF 2026. Les crédits …"
        law = LAW_YEAR.search(around.folded) if around is not None else None
        if (
            law
            and around is not None
            and (around.sentence.section == "title" or around.sentence.para == info.sentence.para)
        ):
            return int(law.group(1))
    if ctx.published:
        if re.search(r"l'annee prochaine|l'an prochain|next year", info.folded):
            return ctx.published.year + 1
        if re.search(r"cette annee|this year", info.folded):
            return ctx.published.year
    return None


def _currency(ctx: Context, info: SentenceInfo, amount: Amount, amounts: list[Amount]) -> str | None:
    if amount.currency:
        return amount.currency
    nearby = [a.currency for a in amounts if a.currency]
    prev = ctx.previous(info)
    if not nearby and prev is not None:
        nearby = [a.currency for a in find_amounts(prev.text) if a.currency]
    return nearby[-1] if nearby else None


def extract(ctx: Context) -> list[Budget]:
    out: list[Budget] = []
    seen: set[tuple[int, float, str]] = set()
    for info in ctx.infos:
        if not (_budget_context(ctx, info) and _defence_context(ctx, info)):
            continue
        foreign = [m for m in info.countries if not m.place and m.how in ("name", "demonym", "code")]
        amounts = find_amounts(info.text)
        for amount in amounts:
            scope = _scope(info, amount)
            if (
                not amount.scaled
                or _is_change(info, amount)
                or (scope == "total" and not _is_budget_figure(info, amount))
            ):
                continue
            currency = _currency(ctx, info, amount, amounts)
            if currency is None or (currency != "MAD" and not info.morocco) or (foreign and not info.morocco):
                continue
            year = _year(ctx, info, amount)
            if year is None:
                continue
            key = (year, round(amount.value), currency)
            if key in seen:
                continue
            seen.add(key)
            before = info.folded[max(0, amount.start - 15) : amount.start]
            out.append(Budget(year, amount.value, currency, ctx.evidence(info), scope, bool(APPROX.search(before))))
    return out
