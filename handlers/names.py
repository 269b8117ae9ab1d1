"""Names that are not countries: manufacturers (→ the country they stand for) and organisations or
movements (never a state partner). Read from the compiler's own word lists
(``facts/data/manufacturers.json``, the ``organisations`` of ``facts/data/actors.json``), so the
bot and the extractor agree on who is what."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from facts.extract.actors import actor_data
from facts.lexicon import manufacturers
from handlers.resolve import normalise

FUZZY_MIN = 90  # a typo in a company or organisation name ("Lockhead Martin" is 93)
MAX_NGRAM = 5  # words in the longest manufacturer name form ("Emtekno Space and Defense")


@dataclass(frozen=True)
class Maker:
    name: str  # the manufacturer's name as the fact base writes it
    country: str  # ISO2


@lru_cache(maxsize=1)
def _makers() -> dict[str, Maker]:
    index: dict[str, Maker] = {}
    for entry in manufacturers():
        maker = Maker(entry["name"], entry["country"])
        for form in [entry["name"], *entry.get("aliases", [])]:
            key = normalise(form)
            if len(key) >= 3:
                index.setdefault(key, maker)
    return index


@lru_cache(maxsize=1)
def _organisations() -> dict[str, str]:
    return {normalise(n): n for n in actor_data()["organisations"]["names"] if len(normalise(n)) >= 3}


def _lookup(text: str, index: dict[str, object]) -> str | None:
    key = normalise(text)
    if not key:
        return None
    if key in index:
        return key
    if len(key) < 5:
        return None
    best = process.extractOne(key, list(index), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
    return best[0] if best else None


def maker_named(text: str) -> Maker | None:
    """'Lockheed Martin', 'lockheed', 'IAI' → the manufacturer and its country."""
    key = _lookup(text, dict(_makers()))
    if key is None:
        key = next((k for k in _makers() if normalise(text) and k.split()[0] == normalise(text)), None)
    return _makers()[key] if key else None


def maker_in(text: str) -> Maker | None:
    """A manufacturer named inside a sentence by one of its exact forms, longest first ("what did
    Morocco buy from Lockheed Martin?" → Lockheed Martin). No typo is guessed inside a sentence,
    and a form of three letters or fewer ('IAI', 'STM') counts only in capitals."""
    raw = re.findall(r"[\w&]+", text)
    words = [normalise(w) for w in raw]
    index = _makers()
    for n in range(min(MAX_NGRAM, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            if n == 1 and len(words[i]) <= 3 and not raw[i].isupper():
                continue
            maker = index.get(" ".join(words[i:i + n]))
            if maker is not None:
                return maker
    return None


def organisation_named(text: str) -> str | None:
    """'Polisario', 'OTAN', 'SIPRI' → the organisation's name as written in the word list."""
    key = _lookup(text, dict(_organisations()))
    return _organisations()[key] if key else None
