"""Understand a country as a user types it: name, demonym, code, flag or typo → ISO2.

A wrong country is worse than none: exact forms resolve at once, typos only when one
country is clearly closest (rapidfuzz), and anything else gets suggestions instead.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import pycountry
from rapidfuzz import fuzz, process

from facts.lexicon import cldr_names, country_aliases, country_data, country_name, flag, fold
from handlers.formatting import CHOICE_NAME_MAX, shorten
from handlers.i18n import current, ntr

MAX_QUERY = 100
FUZZY_MIN = 80  # rapidfuzz ratio for a typo to resolve on its own ("Turky" → "turkey" is 91)
FUZZY_MARGIN = 8  # another country this close to the best one makes the typo ambiguous
SUGGEST_MIN = 75  # WRatio for a suggestion ("congo" → Congo-Brazzaville, Congo-Kinshasa)
SUGGEST_SPREAD = 15  # suggestions stay within this many points of the best one
_ARTICLES = ("the ", "la ", "le ", "les ", "l ")
_RI_BASE = 0x1F1E6


@dataclass
class Resolution:
    """The outcome of reading a country: a code, or suggestions, and how it was read."""

    query: str
    code: str | None = None
    how: str = ""  # exact | code | flag | fuzzy | "" when unresolved
    suggestions: list[str] = field(default_factory=list)  # ISO2 codes, best first


def normalise(text: str) -> str:
    """Fold accents and case, drop dots (U.S.A.), turn other punctuation into spaces."""
    text = fold(text).replace(".", "")
    text = re.sub(r"[^\w]+", " ", text).strip()
    return " ".join(text.split())


def display_name(code: str) -> str:
    """'Türkiye / Turquie' — English and French CLDR names, once when they agree; only the French
    one ('Turquie') for a French reader."""
    if current() == "fr":
        return country_name(code, "fr")
    en, fr = country_name(code, "en"), country_name(code, "fr")
    return en if fold(en) == fold(fr) else f"{en} / {fr}"


def _valid_codes() -> set[str]:
    codes = {c.alpha_2 for c in pycountry.countries}
    codes.add("EU")
    return codes


@lru_cache(maxsize=1)
def surface_index() -> dict[str, frozenset[str]]:
    """Normalised surface form → the countries it can name (several when ambiguous)."""
    index: dict[str, set[str]] = defaultdict(set)
    valid = _valid_codes()
    for alias in country_aliases():
        if alias.how == "manufacturer" or alias.country not in valid:
            continue
        key = normalise(alias.surface)
        if key:
            index[key].add(alias.country)
    for code, names in cldr_names().items():
        if code in valid:
            for name in names.values():
                index[normalise(name)].add(code)
    for code, entry in country_data()["countries"].items():
        for extra in entry.get("codes", []):
            index[normalise(extra)].add(code)
    return {k: frozenset(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def code_index() -> dict[str, str]:
    """ISO alpha-2 and alpha-3 codes, lower-cased (TR, TUR, USA, EU)."""
    out = {"eu": "EU"}
    for c in pycountry.countries:
        out[c.alpha_2.lower()] = c.alpha_2
        out[c.alpha_3.lower()] = c.alpha_2
    return out


@lru_cache(maxsize=1)
def _fuzzy_choices() -> tuple[list[str], list[frozenset[str]]]:
    keys = [k for k in surface_index() if len(k) > 3]
    return keys, [surface_index()[k] for k in keys]


def from_flag(text: str) -> str | None:
    """Two regional-indicator symbols (🇹🇷) → 'TR'."""
    letters = [chr(ord(c) - _RI_BASE + ord("A")) for c in text if _RI_BASE <= ord(c) < _RI_BASE + 26]
    if len(letters) == 2:
        code = "".join(letters)
        return code if code in _valid_codes() else None
    return None


def _strip_article(key: str) -> str:
    for art in _ARTICLES:
        if key.startswith(art) and len(key) > len(art):
            return key[len(art):]
    return key


def resolve_country(query: str) -> Resolution:
    """Read one country; never guesses between two close candidates."""
    res = Resolution(query=query)
    text = query.strip()
    if not text or len(text) > MAX_QUERY:
        return res
    code = from_flag(text)
    if code:
        res.code, res.how = code, "flag"
        return res
    key = normalise(text)
    if not key:
        return res
    for candidate in (key, _strip_article(key)):
        hits = surface_index().get(candidate)
        if hits and len(hits) == 1:
            res.code, res.how = next(iter(hits)), "exact"
            return res
        if candidate in code_index():
            res.code, res.how = code_index()[candidate], "code"
            return res
        if hits:  # ambiguous surface: offer every country it names
            res.suggestions = sorted(hits)
            return res
    ranked = rank_countries(key)
    if len(key) >= 4 and ranked:
        best_code, best = ranked[0]
        runner_up = next((s for c, s in ranked[1:] if c != best_code), 0.0)
        if best >= FUZZY_MIN and best - runner_up >= FUZZY_MARGIN:
            res.code, res.how = best_code, "fuzzy"
            return res
    res.suggestions = suggest(key)
    return res


def suggest(key: str, limit: int = 5) -> list[str]:
    """Closest countries for an unknown word, best first; empty when nothing is close."""
    ranked = rank_countries(key, scorer=fuzz.WRatio)
    if not ranked:
        return []
    floor = max(SUGGEST_MIN, ranked[0][1] - SUGGEST_SPREAD)
    return [c for c, s in ranked if s >= floor][:limit]


def rank_countries(key: str, scorer=fuzz.ratio, limit: int = 40) -> list[tuple[str, float]]:
    """Countries by their best-matching surface form, best first (one entry per country)."""
    keys, codes = _fuzzy_choices()
    best: dict[str, float] = {}
    for _, score, i in process.extract(key, keys, scorer=scorer, limit=limit):
        for code in codes[i]:
            best[code] = max(best.get(code, 0.0), float(score))
    return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))


def autocomplete_label(code: str, articles: int | None) -> str:
    """'🇹🇷 Türkiye / Turquie — 1 article' (≤ 100 characters, Discord's choice limit)."""
    label = f"{flag(code)} {display_name(code)}".strip()
    if articles is not None:
        label += " — " + ntr("{n} article", "{n} articles", articles)
    return shorten(label, CHOICE_NAME_MAX)
