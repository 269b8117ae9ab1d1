"""Budgets, which year: the year a figure is the budget of — written next to it, relative to the
year the sentence is about, or the finance law's (``budgets``' docstring says how).

Why a module of its own: finding the year looks at the whole sentence, the paragraph, the article
and the title, apart from what the figure is; ``budgets`` asks it once per budget figure (``_year``).
"""

from __future__ import annotations

import re

from ..numbers import Amount, find_amounts
from .budget_roles import _clause_before, _own_clause_after
from .budget_words import YEAR, Figure, patterns, words
from .context import Context, SentenceInfo

# ---------------------------------------------------------------- which year

def _masked(folded: str) -> str:
    """The sentence with payment years ('sur les crédits … de l'année 2027') blanked out."""
    out = folded
    for pattern in patterns()["payment"]:
        for m in pattern.finditer(folded):
            s, e = m.span(1)
            out = out[:s] + "····" + out[e:]
    return out


_ATTACHED_AFTER = re.compile(
    r"\s*(?:\([^)]*\)\s*)?(?:prevus?\s+|alloues?\s+|inscrits?\s+)?"
    r"(?:en|pour|in|for|au titre de|durant|during|de|of)\s+(?:l'annee\s+|l'exercice\s+|the\s+|the year\s+|"
    r"l'exercice budgetaire\s+|l'annee budgetaire\s+|l'annee fiscale\s+|fiscal year\s+|year\s+)?" + YEAR + r"\b"
    r"|\s*(?:\([^)]*\)\s*)?(?:in|dans)\s+(?:the|la)\s+" + YEAR + r"\s+(?:law|budget|finance)")
_ATTACHED_BEFORE = re.compile(
    YEAR + r"\s*,?\s*(?:ou|avec|:|when|with|qui|which|that)\s*(?:un budget de\s+|a budget of\s+|[^\d,.;]{0,25}?)$"
    r"|(?:depuis|since)\s+" + YEAR + r"\s*,?\s*(?:passant de|from|going from)\s+$"
    r"|\b(?:de|from)\s+" + YEAR + r"\s*,?\s*(?:a|de|:)?\s*$")


def _year(ctx: Context, info: SentenceInfo, a: Amount, earlier: list[Figure],
          para_year: int | None = None) -> tuple[int | None, str]:
    """The figure's year and how it was found (see the module docstring). ``para_year``: the year
    of the paragraph's last dated figure, the base of "l'année précédente" in a sentence of its own."""
    rx = patterns()
    text = _masked(info.folded)
    after = text[a.end:a.end + 50]
    m = _ATTACHED_AFTER.match(after)
    if m and not re.match(r"\s*(?:par rapport|compared)", after):
        return int(m.group(1) or m.group(2)), "attached"
    m = _ATTACHED_BEFORE.search(text[max(0, a.start - 60):a.start])
    if m:
        return int(next(g for g in m.groups() if g)), "attached"
    own_before = _comma_clause_before(text, a.start)
    leading = list(re.finditer(r"(?:^|\s)(?:en|in|pour|for|durant|during)\s+" + YEAR + r"\b", own_before))
    m = leading[-1] if leading else None
    if m and not rx["comparison_end"].search(own_before[:m.start()]):
        return int(m.group(1)), "attached"  # "en 2023 il est passé à 11,6 milliards"
    relative = _relative_year(ctx, info, a, text, earlier, para_year)
    if relative is not None:
        return relative, "relative"
    m = re.search(r"(?:en|in|pour|for|durant|during)\s+" + YEAR + r"\b", _own_clause_after(info, a))
    if m and not _masked(m.group(0)).count("····"):
        return int(m.group(1)), "attached"  # "111 MMDH étaient prévus … durant 2021, le PLF 2022 …"
    lead = re.match(r"\s*(?:en|in|au cours de|pour|for)\s+" + YEAR + r"\s*,", text)
    if lead and lead.end() <= a.start:
        return int(lead.group(1)), "lead"
    compared = rx["comparison_end"].search(text[max(0, a.start - 40):a.start])
    law = _law_year(text)
    if law is not None and not compared:
        return law, "law"
    if not compared:
        others = [b for b in find_amounts(info.text) if b.start != a.start]
        for m in re.finditer(r"(?:en|pour|in|for|au titre de l'annee|durant|during)\s+" + YEAR + r"\b", text):
            attached = any(0 <= m.start() - b.end <= 12 for b in others)
            if not attached and not rx["comparison_end"].search(text[max(0, m.start() - 40):m.start()]):
                return int(m.group(1)), "sentence"
    if compared:
        base = _base_year(ctx, info, earlier, para_year)
        return (base - 1, "compared") if base is not None else (None, "")
    base = _context_law_year(ctx, info)
    if base is not None:
        return base, "law"
    return None, ""


def _comma_clause_before(text: str, start: int) -> str:
    before = text[:start]
    cut = max(before.rfind(","), before.rfind(";"), before.rfind(":"))
    return before[cut + 1:]


def _relative_year(ctx: Context, info: SentenceInfo, a: Amount, text: str, earlier: list[Figure],
                   para_year: int | None = None) -> int | None:
    """'contre 69,7 MMDH l'an dernier' (the year before the budget year the sentence is about),
    'près de 110 MMDH l'année suivante' (after the figure before it), '115,5 MMDH cette année'
    (the publication year), '124,7 milliards l'année prochaine, selon le PLF 2024' (the law's year)."""
    rx = patterns()
    after = re.match(r"\s*(?:\([^)]*\)\s*)?,?\s*(?:de\s+\w+\s+)?(" + rx["relative"].pattern + r")", text[a.end:a.end + 60])
    before = None if after else rx["relative"].search(_clause_before(info, a)[-80:])
    found = after.group(1) if after else (before.group(0) if before else None)
    if found is None:
        return None
    shift = words()["relative_years"][found]
    if shift == "next-figure":
        dated = [f.year for f in earlier if f.year]
        return dated[-1] + 1 if dated else None
    if shift == 0:
        return ctx.published.year if ctx.published else None
    if shift > 0:  # "l'année prochaine" in a budget sentence is the coming finance law's year
        law = _law_year(text) or _context_law_year(ctx, info)
        return law if law is not None else (ctx.published.year + shift if ctx.published else None)
    base = _base_year(ctx, info, earlier, para_year)
    return base + shift if base is not None else None


def _law_year(text: str) -> int | None:
    """The finance law's year in a sentence ('PLF 2025', 'projet de loi de finances pour l'année 2026',
    'the 2020 finance bill'), not one it is compared with ('par rapport au budget de 2021')."""
    rx = patterns()
    for pattern in (rx["law_year"], rx["year_law"], rx["budget_of_year"]):
        for m in pattern.finditer(text):
            if rx["comparison_end"].search(text[max(0, m.start() - 30):m.start()]):
                continue
            return int(m.group(1))
    return None


def _base_year(ctx: Context, info: SentenceInfo, earlier: list[Figure], para_year: int | None = None) -> int | None:
    """The budget year a sentence is about: its first dated figure, its law, its paragraph's last
    dated figure, the law named before it in the article or in the title, else the publication year."""
    for f in earlier:
        if f.year and f.year_how in ("attached", "law", "lead", "sentence"):
            return f.year
    law = _law_year(_masked(info.folded))
    if law is not None:
        return law
    if para_year is not None:
        return para_year
    return _context_law_year(ctx, info) or (ctx.published.year if ctx.published else None)


def _context_law_year(ctx: Context, info: SentenceInfo) -> int | None:
    """'… PLF 2026. Les crédits …': the latest law named before the sentence in the article (its
    body), else in the title — or the title's only year ('Budgets militaires 2025 : …')."""
    for j in range(info.sentence.idx - 1, -1, -1):
        around = ctx.infos[j]
        if around.sentence.section != "body":
            continue
        law = _law_year(_masked(around.folded))
        if law is not None:
            return law
    title = ctx.infos[0] if ctx.infos and ctx.infos[0].sentence.section == "title" else None
    if title is None or title is info:
        return None
    law = _law_year(_masked(title.folded))
    if law is not None:
        return law
    years = set(re.findall(r"(?<![\d])((?:19|20)\d\d)(?![\d])", title.folded))
    return int(years.pop()) if len(years) == 1 else None
