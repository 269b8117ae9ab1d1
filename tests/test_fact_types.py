"""Facts leave the store typed (facts/models.py) and every value of a closed vocabulary is one the
models name: a relation, a status, a category, a date precision no answer knows is a bug."""

from __future__ import annotations

from pathlib import Path

from facts.models import CATEGORIES, RELATIONS, STATUSES, Acquisition, Budget, Event, Partner
from facts.store import FactStore

PRECISIONS = {"day": 10, "month": 7, "year": 4}


def test_stored_facts_read_back_typed_within_their_vocabularies(compiled_seeds: tuple[Path, Path]) -> None:
    store = FactStore(compiled_seeds[1])
    try:
        facts = [fact for _, fact in store.fact_items()]
    finally:
        store.close()
    kinds = {type(f) for f in facts}
    assert {Partner, Acquisition, Budget, Event} <= kinds, kinds
    for fact in facts:
        assert fact.evidence.doc and fact.evidence.quote, fact
        if isinstance(fact, Partner):
            assert fact.relation in RELATIONS, fact
        elif isinstance(fact, Acquisition):
            assert fact.status in STATUSES and fact.category in CATEGORIES, fact
        elif isinstance(fact, Event):
            assert len(fact.date) == PRECISIONS[fact.precision], fact
        elif isinstance(fact, Budget):
            assert fact.amount > 0 and len(fact.country) == 2, fact
