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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..lexicon import load_json
from ..models import MOROCCO, Budget
from ..numbers import Amount, find_amounts
from .context import Context, SentenceInfo, sentence_language

YEAR = r"((?:19|20)\d\d)"


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data: dict[str, Any] = load_json("budget.json")
    return data


def _alt(words: list[str]) -> str:
    return "(?:" + "|".join(words) + ")"


@lru_cache(maxsize=1)
def _rx() -> dict[str, Any]:
    d = _data()
    word = r"(?<![\w])"
    out: dict[str, Any] = {
        "context": re.compile(word + _alt(d["context"])),
        "defence": re.compile(word + _alt(d["defence"])),
        "change_noun": re.compile(word + _alt(d["change"]) + r"(?![\w])"),
        "change_verb": re.compile(word + _alt(d["change_verbs"]) + r"(?![\w])"),
        "level": re.compile(word + _alt(d["level"]) + r"(?![\w])"),
        "change_after": re.compile(r"^\s*(?:de\s+\w+\s+|d'\w+\s+)?" + _alt(d["change_after"]) + r"\b"),
        "comparison_end": re.compile(word + _alt(d["comparison"]) + r"\s+(?:les?\s+|la\s+|l'|aux?\s+|the\s+)?$"),
        "part_before": re.compile(word + _alt(d["part_before"]) + r"(?![\w])"),
        "part_of": re.compile(word + _alt(d["part_of"]) + r"\s*$"),
        "part_after": re.compile(r"^[^.;]{0,70}?" + word + _alt(d["part_after"]) + r"(?![\w])"),
        "conversion": re.compile(r"^\s*[,(]?\s*(?:" + _alt(d["conversion"]) + r"\s*)*[(,]?\s*$"),
        "total_strong": re.compile(word + _alt(d["total_strong"])),
        "total_weak": re.compile(word + _alt(d["total_weak"]) + r"(?![\w])"),
        "total_after": re.compile(r"^[^.;]{0,25}?" + _alt(d["total_after"])),
        "envelope": re.compile(word + _alt(d["envelope"])),
        "regions": re.compile(word + _alt(d["regions"]) + r"(?![\w])"),
        "owner_after": re.compile(r"^\s*(?:\([^)]{0,60}\)\s*)?,?\s*" + _alt(d["owner_after"]) + r"\s"),
        "deal": re.compile(word + _alt(d["deal"]) + r"(?![\w])"),
        "payment": [re.compile(p) for p in d["payment_years"]],
        "law_year": re.compile(_alt(d["law_year"]) + r"\)?\s*(?:\(plf\)\s*)?(?:n°\s*[\d-]+\s*)?(?:pour\s+|de\s+|for\s+|du\s+)?"
                               r"(?:l'annee\s+|l'exercice\s+|the year\s+|the\s+)?(?:budgetaire\s+)?" + YEAR + r"\b"),
        "year_law": re.compile(YEAR + r"\s+(?:finance bill|finance law|finance act|draft budget|budget)\b"),
        "budget_of_year": re.compile(r"budget\b[^.,;]{0,40}?\b(?:de|pour|for|of)\s+(?:l'annee\s+)?" + YEAR + r"\b"),
        "relative": re.compile(_alt([re.escape(k) for k in sorted(d["relative_years"], key=len, reverse=True)])),
        "contrast": re.compile(r"\b" + _alt(d["contrast"]) + r"\b"),
        "topic_line": re.compile(_alt(d["topic_line"]) + r"\s*(?:la |le |l')?[«“\"][^»”\"]{3,}[»”\"]"),
        "aside": re.compile(r",\s*" + _alt(d["aside"]) + r"\b[^,;]*,"),
    }
    out["subline"] = [(label, re.compile(word + _alt(words))) for label, words in d["subline"].items()]
    out["purpose"] = re.compile(r"^\s*(?:\([^)]*\)\s*)?,?\s*(?:sont\s+|seront\s+|est\s+|were\s+|are\s+|will be\s+)?"
                                r"(?:\w+\s+)?" + _alt(d["purpose_after"]) + r"\s+(?:l'|la |le |les |the |its )?")
    return out


@dataclass
class Figure:
    """One sum of money in a budget sentence, with what the sentence says of it."""

    amount: Amount
    role: str  # total | envelope | a sub-line label | change | none
    owner: str | None = None
    year: int | None = None
    year_how: str = ""  # attached | relative | law | …
    conversion: bool = False


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
    rx = _rx()
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
    return len(between) <= 40 and bool(_rx()["conversion"].match(between))


# ---------------------------------------------------------------- which figure

def _clause_before(info: SentenceInfo, a: Amount) -> str:
    """The text before the figure, back to the last strong boundary (';', '•', a colon, a dash)."""
    before = info.folded[:a.start]
    cut = max([before.rfind(";"), before.rfind("•"), before.rfind("*")]
              + [m.start() for m in _rx()["contrast"].finditer(before)])
    return before[cut + 1:]


_SHARE = re.compile(r"^\s*(?:\(\s*\d+(?:[.,]\d+)?\s*%\s*\)|,\s*soit\s+(?:environ\s+|pres de\s+)?\d+(?:[.,]\d+)?\s*%\s*,?)")


def _role(info: SentenceInfo, a: Amount, previous: Amount | None, inherited: str | None = None) -> str:
    """The figure's scope, "change" or "none" (see the module docstring). ``inherited``: what the
    paragraph's previous sentence was about, for a sentence that continues it ("De 96,7 MMDH en
    2019, il est passé à …")."""
    rx = _rx()
    clause = _clause_before(info, a)
    near = clause[-60:]
    after = info.folded[a.end:a.end + 90]
    if _is_change(clause, after):
        return "change"
    if rx["deal"].search(near) and not rx["total_strong"].search(clause) and \
            (info.systems or not rx["law_year"].search(info.folded)):
        return "none"  # a deal's value, unless the finance law's ceiling is described as one
    share = _SHARE.match(after)
    if share:  # "47,4 milliards de dirhams (65 %)", "…, soit 24 %, …": a share of the whole
        return _subline_after(after[share.end():]) or _subline_in(clause[-45:]) or "part"
    if rx["part_before"].search(clause[-45:]) or rx["part_after"].match(after) or (
            previous is not None and previous.end <= a.start and rx["part_of"].search(info.folded[:previous.start])):
        return _subline_after(after) or _subline_in(clause[-45:]) or "part"
    if rx["topic_line"].search(clause):
        return "rubrique"  # "Pour ce qui est de « l'Acquisition et réparation … », son enveloppe est de …"
    cue = _nearest_cue(clause)
    strong = rx["total_strong"].search(clause[-90:])
    if cue == "total" and strong:
        return "total"  # "will commit MAD 110 billion to an endowment account": the ceiling itself
    purpose = _subline_after(after)
    if purpose:
        return purpose
    if cue is not None:
        return cue
    if rx["total_after"].match(after):
        return "total"
    later = _own_clause_after(info, a)
    if rx["total_strong"].search(later):
        return "total"  # "111 MMDH étaient prévus au titre de l'engagement par anticipation"
    if rx["envelope"].search(later):
        return "envelope"
    return inherited or "none"


def _own_clause_after(info: SentenceInfo, a: Amount) -> str:
    """The text after the figure up to the end of its clause (the next comma or semicolon)."""
    rest = info.folded[a.end:]
    m = re.search(r"[,;]|\.\s", rest)
    return rest[:m.start()] if m else rest


def _inherited(ctx: Context, info: SentenceInfo, roles: dict[int, str]) -> str | None:
    """What a sentence naming no budget cue continues: the last figure of its paragraph ("Le
    montant … est fixé à 133 milliards. En 2024, le département avait bénéficié de 124,7 MM Dh"),
    else the budget its previous sentence speaks of (a sub-line is never carried over)."""
    prev = ctx.previous(info)
    if prev is None or prev.sentence.para != info.sentence.para or _nearest_cue(info.folded) is not None:
        return None
    if info.sentence.para in roles:
        return roles[info.sentence.para]
    rx = _rx()
    cue = _nearest_cue(prev.folded)
    if cue not in (None, "total", "envelope", "budget général"):
        return None  # "Le budget de fonctionnement inclut …": a sub-line's items, not the budget
    if rx["total_strong"].search(prev.folded):
        return "total"
    if rx["envelope"].search(prev.folded):
        return "envelope"
    return "total" if rx["total_weak"].search(prev.folded) else None


def _is_change(clause: str, after: str) -> bool:
    """'en hausse de 5 milliards', 'une augmentation de 2 milliards', 'la progression atteint 8,7 MMDH',
    'up $300 million' — but not 'augmente son budget à 157 milliards' nor 'passant de 110 à 115'."""
    rx = _rx()
    if rx["change_after"].match(after):
        return True
    words = [re.sub(r"^(?:[ldjnmsc]|qu)'", "", w) for w in re.findall(r"[\w'’%]+|[,(]", clause[-70:])]
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w in (",", "("):
            if i < len(words) - 1 and words[i + 1] not in ("de", "d'", "of", "by"):
                return False
            continue
        if rx["comparison_end"].search(" ".join(words[i:]) + " "):
            return False
        if rx["change_noun"].fullmatch(w):
            # "will rise to 157 billion", "up to 157 billion": a level, a ceiling
            return words[i + 1:i + 2] not in (["to"], ["a"])
        if rx["change_verb"].fullmatch(w):
            following = words[i + 1:]
            if any(x in ("a", "to", "at", "from") for x in following):
                return False  # "augmente son budget à 157", "rose from 110 to 115"
            # "passant de 96,7 milliards" is the level it starts from; "augmenté de 5 milliards" a change
            return not (following[:1] in (["de"], ["d'"]) and w.startswith("pass"))
        if rx["level"].fullmatch(w) or w in ("environ", "pres", "quelque", "about", "some", "nearly", "around",
                                             "plus", "than", "more", "by", "net", "nette", "soit", "d'environ"):
            if rx["level"].fullmatch(w) and w not in ("de", "d'", "of", "a", "to") and i > 0 and \
                    rx["change_noun"].fullmatch(words[i - 1]):
                return True  # "la progression atteint", "the increase amounts to"
            continue
        if len(words) - i > 6:
            return False
    return False


def _nearest_cue(clause: str) -> str | None:
    """The scope the nearest cue before the figure gives: a strong total cue, the envelope, a
    sub-line; a weak cue ('budget', 'enveloppe', 'dotation') counts only if no sub-line or
    envelope is named earlier in the clause."""
    rx = _rx()
    found: list[tuple[int, int, str]] = []  # (position, strength, scope)
    for m in rx["total_strong"].finditer(clause):
        found.append((m.end(), 4, "total"))
    for m in rx["envelope"].finditer(clause):
        found.append((m.end(), 3, "envelope"))
    for label, pattern in rx["subline"]:
        for m in pattern.finditer(clause):
            found.append((m.end(), 2, label))
    weak = [m.end() for m in rx["total_weak"].finditer(clause)]
    if not found and not weak:
        return None
    if found:
        pos, _, scope = max(found, key=lambda f: (f[0], f[1]))
        if scope == "budget général" and not rx["envelope"].search(clause.replace("budget general", "")):
            scope = "envelope"  # on its own, the "budget général" is the ADN's envelope
        return scope
    return "total"


def _subline_after(after: str) -> str | None:
    """'47,4 MMDH pour les rémunérations', '10,8 MMDH provenant des comptes de dotation'."""
    rx = _rx()
    m = rx["purpose"].match(after)
    if not m:
        return None
    phrase = re.split(r"[,;(]|\b(?:dont|comprenant|including|of which)\b", after[m.end():m.end() + 45])[0]
    return _subline_in(phrase, first=True)


def _subline_in(text: str, first: bool = False) -> str | None:
    best: tuple[int, str] | None = None
    for label, pattern in _rx()["subline"]:
        m = pattern.search(text)
        if m and (best is None or (m.start() < best[0] if first else m.start() > best[0])):
            best = (m.start(), label)
    return best[1] if best else None


# ---------------------------------------------------------------- whose figure

def _owner(ctx: Context, info: SentenceInfo, a: Amount, owners: dict[int, str]) -> str | None:
    rx = _rx()
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
    if a.currency in _data()["currency_owner"] and any(x.is_morocco for x in info.actors):
        return str(_data()["currency_owner"][a.currency])
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
    if a.currency in _data()["currency_owner"]:
        return str(_data()["currency_owner"][a.currency])
    if info.sentence.para in owners:
        return owners[info.sentence.para]
    return MOROCCO if ctx.about_morocco else None


def _close(info: SentenceInfo, a: Amount, actor: Any) -> bool:
    return actor.start - a.end <= 80 and ";" not in info.folded[a.end:actor.start]


def _code(actor: Any) -> str | None:
    if actor.kind == "place":
        return None
    return MOROCCO if actor.is_morocco else actor.country


# ---------------------------------------------------------------- which year

def _masked(folded: str) -> str:
    """The sentence with payment years ('sur les crédits … de l'année 2027') blanked out."""
    out = folded
    for pattern in _rx()["payment"]:
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
    rx = _rx()
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
    rx = _rx()
    after = re.match(r"\s*(?:\([^)]*\)\s*)?,?\s*(?:de\s+\w+\s+)?(" + rx["relative"].pattern + r")", text[a.end:a.end + 60])
    before = None if after else rx["relative"].search(_clause_before(info, a)[-80:])
    found = after.group(1) if after else (before.group(0) if before else None)
    if found is None:
        return None
    shift = _data()["relative_years"][found]
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
    rx = _rx()
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
