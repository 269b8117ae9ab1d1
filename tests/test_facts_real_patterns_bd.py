"""Own-words articles written after real budget and date pages (tests/fixtures/real_patterns/bd_*):
the compiler finds Morocco's total for every year the gold lists, never reports a sub-line, a change,
another ministry's or another country's figure as that total, and reads every page's dates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from facts.compiler import compile_folder
from facts.store import FactStore

HERE = Path(__file__).parent / "fixtures"
GOLD = json.loads((HERE / "real_patterns_bd_gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("bd")
    for path in sorted((HERE / "real_patterns").glob("bd_*.txt")):
        shutil.copy(path, folder / path.name)
    db = folder.parent / "bd.sqlite3"
    compile_folder(folder, db)
    store = FactStore(db)
    try:
        return store.facts()
    finally:
        store.close()


def totals(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in facts if f["kind"] == "budget" and f["scope"] == "total" and f["country"] == "MA"]


@pytest.mark.parametrize("want", GOLD["budgets"], ids=[f"{b['year']}-{b['amount']:.4g}" for b in GOLD["budgets"]])
def test_every_total_is_found(facts: list[dict[str, Any]], want: dict[str, Any]) -> None:
    amounts = [want["amount"], *want.get("alt", [])]
    found = [f for f in totals(facts) if f["year"] == want["year"] and f["currency"] == want["currency"]]
    assert any(abs(f["amount"] - a) <= 0.005 * a for f in found for a in amounts), found


def test_no_other_figure_is_reported_as_the_total(facts: list[dict[str, Any]]) -> None:
    wrong = [(bad, f["quote"]) for bad in GOLD["budgets_not"] for f in totals(facts)
             if f["year"] == bad["year"] and abs(f["amount"] - bad["amount"]) <= 0.01 * bad["amount"]]
    assert wrong == []


def test_other_countries_figures_are_comparisons(facts: list[dict[str, Any]]) -> None:
    foreign = [f for f in facts if f["kind"] == "budget" and f["country"] != "MA"]
    assert foreign and all(f["scope"] == "comparison" for f in foreign)
    assert {"DZ"} <= {f["country"] for f in foreign}


@pytest.mark.parametrize("doc", sorted(GOLD["docs"]))
def test_page_dates(facts: list[dict[str, Any]], doc: str) -> None:
    (document,) = [f for f in facts if f["kind"] == "document" and f["doc"] == doc]
    assert document["published"] == GOLD["docs"][doc]["published"]
    assert document["updated"] == GOLD["docs"][doc].get("updated")
