"""Entity resolution across the fact base: spelling variants become one entity.

Transliterated names vary between articles and even within one ("Loudyi" /
"Loudiyi", "Kochavi" / "Kohavi"), and so do exercise names ("Africain Lion" /
"African Lion"). Names are grouped with rapidfuzz; each group takes the spelling
seen most often (ties: the longest, then the first in order) as its canonical form.
Only names whose surname (or, for exercises, first word) starts alike are compared,
so the pass stays fast on a large fact base. An exercise's year is its edition:
"African Lion 2022" and "Africain Lion 2023" share the name, each keeps its year.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz

from .lexicon import fold, load_json

PERSON_THRESHOLD = 85.0
YEAR = re.compile(r"\s+((?:19|20)\d\d)$")


def _key(name: str) -> str:
    return " ".join(re.findall(r"\w+", fold(name)))


def _block(key: str, by_last: bool) -> str:
    words = key.split() or [""]
    return (words[-1] if by_last else words[0])[:2]


def canonical_names(names: Iterable[str], threshold: float = PERSON_THRESHOLD, by_last: bool = True,
                    preferred: Iterable[str] = ()) -> dict[str, str]:
    """Map every spelling to its group's canonical spelling; ``preferred`` spellings lead their group."""
    counts = Counter(n for n in names if n)
    preferred = list(preferred)
    heads = [p for p in preferred if p not in counts]
    blocks: dict[str, list[list[str]]] = defaultdict(list)
    order = sorted(counts, key=lambda n: (-counts[n], -len(n), n))
    for name in [*(p for p in preferred if p in counts), *heads, *[n for n in order if n not in set(preferred)]]:
        key = _key(name)
        groups = blocks[_block(key, by_last)]
        for group in groups:
            if _same(key, _key(group[0]), threshold):
                group.append(name)
                break
        else:
            groups.append([name])
    return {name: group[0] for groups in blocks.values() for group in groups for name in group}


def _same(ka: str, kb: str, threshold: float) -> bool:
    if ka == kb or fuzz.ratio(ka, kb) >= threshold:
        return True
    # "Loudyi" alone against "Abdeltif Loudiyi": compare the last names
    short = min(len(ka.split()), len(kb.split())) == 1
    return short and fuzz.ratio(ka.split()[-1], kb.split()[-1]) >= threshold + 5


def canonical_exercises(names: Iterable[str]) -> dict[str, str]:
    """Exercise names grouped without their year, which each one keeps."""
    names = [n for n in names if n]
    known = [entry["name"] for entry in load_json("exercises.json")["exercises"]]
    bases = canonical_names((YEAR.sub("", n) for n in names), by_last=False, preferred=known)
    out = {}
    for name in names:
        year = YEAR.search(name)
        base = bases[YEAR.sub("", name)]
        out[name] = f"{base} {year.group(1)}" if year else base
    return out
