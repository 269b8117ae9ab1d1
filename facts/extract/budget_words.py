"""The word lists of ``budget.json``, compiled once, and the figure record the budget steps share.

Kept apart from ``budgets`` so that its two parts (``budget_roles``: which figure; ``budget_years``: which
year) read the same lists without importing the module that imports them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..lexicon import load_json
from ..numbers import Amount

YEAR = r"((?:19|20)\d\d)"


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    data: dict[str, Any] = load_json("budget.json")
    return data


def _alt(words: list[str]) -> str:
    return "(?:" + "|".join(words) + ")"


@lru_cache(maxsize=1)
def patterns() -> dict[str, Any]:
    d = words()
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
