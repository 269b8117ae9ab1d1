"""Entity resolution across the fact base: spelling variants become one entity.

Transliterated names vary between articles and even within one ("Loudyi" /
"Loudiyi", "Kochavi" / "Kohavi"), and so do exercise names ("Africain Lion" /
"African Lion"). Names are grouped with rapidfuzz; each group takes the spelling
seen most often (ties: the longest, then the first in order) as its canonical form.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from rapidfuzz import fuzz

from .lexicon import fold

PERSON_THRESHOLD = 85.0
NAME_THRESHOLD = 85.0


def _key(name: str) -> str:
    return re.sub(r"\s+\d{4}$", "", fold(name)).strip()


def canonical_names(names: Iterable[str], threshold: float = PERSON_THRESHOLD) -> dict[str, str]:
    """Map every spelling to its group's canonical spelling."""
    counts = Counter(n for n in names if n)
    groups: list[list[str]] = []
    for name in sorted(counts, key=lambda n: (-counts[n], -len(n), n)):
        for group in groups:
            if _same(name, group[0], threshold):
                group.append(name)
                break
        else:
            groups.append([name])
    return {name: group[0] for group in groups for name in group}


def _same(a: str, b: str, threshold: float) -> bool:
    ka, kb = _key(a), _key(b)
    if ka == kb:
        return True
    if fuzz.ratio(ka, kb) >= threshold:
        return True
    # "Loudyi" alone against "Abdeltif Loudiyi": compare the last names
    la, lb = ka.split()[-1:], kb.split()[-1:]
    short = min(len(ka.split()), len(kb.split())) == 1
    return short and bool(la and lb) and fuzz.ratio(la[0], lb[0]) >= threshold + 5


def exercise_base(name: str) -> str:
    """'African Lion 2022' → 'African Lion': the year is an edition, not another exercise."""
    return re.sub(r"\s+\d{4}$", "", name).strip()
