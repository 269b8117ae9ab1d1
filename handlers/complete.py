"""Autocomplete for country options: partners on record first, best match first, ≤ 25."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from rapidfuzz import fuzz

from handlers.formatting import CHOICES_MAX, COUNTRY_MAX
from handlers.resolve import autocomplete_label, code_index, from_flag, normalise, surface_index


@lru_cache(maxsize=1)
def _surfaces() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    for key, codes in surface_index().items():
        for code in codes:
            out[code].append(key)
    for key, code in code_index().items():
        out[code].append(key)
    return {c: tuple(v) for c, v in out.items()}


def match_score(typed: str, code: str) -> float:
    """How well what is typed so far names this country: prefixes win, then fuzzy similarity."""
    best = 0.0
    for surface in _surfaces().get(code, ()):
        if surface == typed:
            return 200.0
        if surface.startswith(typed):
            best = max(best, 150.0 - len(surface) / 10)
        elif any(word.startswith(typed) for word in surface.split()):
            best = max(best, 120.0)
        elif len(typed) >= 3:
            best = max(best, fuzz.ratio(typed, surface[: len(typed) + 2]))
    return best


def complete_country(current: str, partner_counts: dict[str, int]) -> list[tuple[str, str]]:
    """(label, ISO2) pairs: matching partners by score, then other countries the prefix names."""
    typed = normalise(current[:COUNTRY_MAX])
    flagged = from_flag(current)
    if flagged:
        return [(autocomplete_label(flagged, partner_counts.get(flagged)), flagged)]
    if not typed:
        ranked = sorted(partner_counts, key=lambda c: (-partner_counts[c], c))
        return [(autocomplete_label(c, partner_counts[c]), c) for c in ranked][:CHOICES_MAX]
    scored = [(match_score(typed, c), c) for c in partner_counts]
    partners = [c for s, c in sorted(scored, key=lambda x: (-x[0], x[1])) if s >= 70]
    out = [(autocomplete_label(c, partner_counts[c]), c) for c in partners]
    if len(out) < CHOICES_MAX:
        others = [(match_score(typed, c), c) for c in _surfaces() if c not in partner_counts]
        others = sorted(((s, c) for s, c in others if s >= 120), key=lambda x: (-x[0], x[1]))
        out += [(autocomplete_label(c, None), c) for _, c in others]
    return out[:CHOICES_MAX]
