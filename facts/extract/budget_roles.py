"""Budgets, which figure: the scope a sentence gives a sum — a total, the envelope, a sub-line, a
change or no budget at all (``budgets``' docstring says how).

Why a module of its own: the cues before and after a figure, and what they make of it, are one question
that ``budgets`` asks per figure (``_role``, ``_inherited``); the clause boundaries found here
(``_clause_before``, ``_own_clause_after``) also serve its owner and ``budget_years``.
"""

from __future__ import annotations

import re

from ..numbers import Amount
from .budget_words import patterns
from .context import Context, SentenceInfo

# ---------------------------------------------------------------- which figure

def _clause_before(info: SentenceInfo, a: Amount) -> str:
    """The text before the figure, back to the last strong boundary (';', '•', a colon, a dash)."""
    before = info.folded[:a.start]
    cut = max([before.rfind(";"), before.rfind("•"), before.rfind("*")]
              + [m.start() for m in patterns()["contrast"].finditer(before)])
    return before[cut + 1:]


_SHARE = re.compile(r"^\s*(?:\(\s*\d+(?:[.,]\d+)?\s*%\s*\)|,\s*soit\s+(?:environ\s+|pres de\s+)?\d+(?:[.,]\d+)?\s*%\s*,?)")


def _role(info: SentenceInfo, a: Amount, previous: Amount | None, inherited: str | None = None) -> str:
    """The figure's scope, "change" or "none" (see the module docstring). ``inherited``: what the
    paragraph's previous sentence was about, for a sentence that continues it ("De 96,7 MMDH en
    2019, il est passé à …")."""
    rx = patterns()
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
    rx = patterns()
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
    rx = patterns()
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
    rx = patterns()
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
    rx = patterns()
    m = rx["purpose"].match(after)
    if not m:
        return None
    phrase = re.split(r"[,;(]|\b(?:dont|comprenant|including|of which)\b", after[m.end():m.end() + 45])[0]
    return _subline_in(phrase, first=True)


def _subline_in(text: str, first: bool = False) -> str | None:
    best: tuple[int, str] | None = None
    for label, pattern in patterns()["subline"]:
        m = pattern.search(text)
        if m and (best is None or (m.start() < best[0] if first else m.start() > best[0])):
            best = (m.start(), label)
    return best[1] if best else None
