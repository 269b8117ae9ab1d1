"""The regression corpus of real-article patterns: own-words articles with hand-checked gold.

Each article reproduces, in words written for this project, how Moroccan, French and
international sites phrase defence news (tests/fixtures/real_patterns/, gold in the format
of ../shared/eval/score.py). Nothing the gold forbids may ever be reported; the measured
recall may only go up (the floors below are the values measured when they were set).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from goldscore import Score, score

from facts.compiler import compile_folder
from facts.store import FactStore

HERE = Path(__file__).parent / "fixtures"
GOLD = json.loads((HERE / "real_patterns_gold.json").read_text(encoding="utf-8"))
FLOORS = {
    "partner_recall": 0.97,
    "partner_precision": 0.99,
    "acq_recall": 0.89,
    "acq_attributes": 0.94,
    "event_recall": 0.89,
}


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Score:
    mp = pytest.MonkeyPatch()
    mp.setenv("FACTS_TODAY", "2026-11-23")
    db = tmp_path_factory.mktemp("patterns") / "facts.sqlite3"
    try:
        compile_folder(HERE / "real_patterns", db)
    finally:
        mp.undo()
    return score(list(FactStore(db).facts()), GOLD)


def test_the_corpus_spans_sites_and_languages() -> None:
    names = sorted(GOLD["docs"])
    assert len(names) >= 36 and any(n.startswith("en_") for n in names) and any(n.startswith("fr_") for n in names)


def test_nothing_forbidden_is_reported(measured: Score) -> None:
    assert measured.violations == []


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_recall_and_precision_stay_above_their_floor(measured: Score, metric: str) -> None:
    assert measured.ratio(metric) >= FLOORS[metric], "\n".join(measured.misses)
