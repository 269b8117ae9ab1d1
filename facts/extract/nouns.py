"""What kind of thing a common noun names: an official or a body standing for a state, or equipment.

"l'armée algérienne" and "son homologue émirati" make a state an actor; "des drones turcs"
only says where the drones come from. The word lists are data (``actors.json``
``force_nouns`` and ``categories.json`` ``nouns``).
"""

from __future__ import annotations

from functools import lru_cache

from .. import lexicon as lx
from .actors import actor_data
from .mentions import fold_keep


@lru_cache(maxsize=1)
def _kinds() -> dict[str, str]:
    table: dict[str, str] = {}
    for nouns in [*lx.categories()["nouns"].values(), lx.categories()["generic"]]:
        for noun in nouns:
            table[fold_keep(noun.lower())] = "item"
    force = actor_data()["force_nouns"]
    for kind in ("state", "person", "company", "pronoun", "site"):
        for noun in force[kind]:
            table[fold_keep(noun.lower())] = kind
    return table


def noun_kind(word: str) -> str | None:
    """'state', 'person', 'company', 'pronoun', 'site', 'item' or None for a noun (lemma or surface form);
    a compound takes its head's kind ('vice-ministre' is a 'ministre')."""
    key = fold_keep(word.lower())
    kind = _kinds().get(key)
    if kind is None and "-" in key:
        kind = _kinds().get(key.rsplit("-", 1)[-1]) or _kinds().get(key.split("-", 1)[-1])
    return kind
