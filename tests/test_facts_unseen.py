"""Regression corpus: articles nobody tuned the rules on when they were written, with hand-checked facts.

Each one was written to probe a weakness (English sites, bylines, rivals in appositions, another
army's purchases, PLF phrasing, sub-lines…); the gold lists what must be found and the traps that
must not be. A rule change that breaks any of them fails here, before the unseen evaluation does.
"""

import json
from collections import defaultdict
from pathlib import Path

import pytest

from facts.compiler import compile_folder
from facts.store import FactStore

HERE = Path(__file__).parent / "fixtures"
GOLD = json.loads((HERE / "unseen_gold.json").read_text(encoding="utf-8"))["docs"]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list]]:
    mp = pytest.MonkeyPatch()
    mp.setenv("FACTS_TODAY", "2026-11-23")
    db = tmp_path_factory.mktemp("unseen") / "facts.sqlite3"
    try:
        compile_folder(HERE / "unseen", db)
    finally:
        mp.undo()
    by_doc: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for fact in FactStore(db).facts():
        by_doc[fact["doc"]][fact["kind"]].append(fact)
    return by_doc


@pytest.mark.parametrize("doc", sorted(GOLD))
def test_unseen_article(found: dict[str, dict[str, list]], doc: str) -> None:
    gold, mine = GOLD[doc], found[doc]
    partners = {f["country"] for f in mine["partner"]}
    assert set(gold.get("partners", [])) <= partners
    assert not partners & set(gold.get("partners_not", []))
    systems = {f["system"]: f for f in mine["acquisition"]}
    for system, supplier, quantity in gold.get("acquisitions", []):
        assert system in systems, f"{system} missing"
        if supplier:
            assert systems[system]["supplier"] == supplier
        assert systems[system]["quantity"] == quantity
    assert not set(systems) & set(gold.get("acquisitions_not", []))
    prospects = {f["system"]: f["status"] for f in mine["prospect"]}
    for system, status in gold.get("prospects", []):
        assert prospects.get(system) == status, f"{system} should be a prospect ({status})"
    budgets = {(f["year"], f["amount"], f["scope"]) for f in mine["budget"]}
    for year, amount, scope in gold.get("budgets", []):
        assert (year, amount, scope) in budgets
    for year, amount in gold.get("budgets_sub", []):
        assert any(y == year and a == amount and s != "total" for y, a, s in budgets)
    for year, amount in gold.get("budgets_not_total", []):
        assert (year, amount, "total") not in budgets
    events = {(f["date"], tuple(f["countries"])) for f in mine["event"]}
    for date, countries in gold.get("events", []):
        assert (date, tuple(countries)) in events
