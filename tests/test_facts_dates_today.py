"""A date computed from nothing is worse than no date: an article whose dates the article itself
cannot place (weekdays, relative dates, no publication date) compiles to the same facts whatever
FACTS_TODAY says — and those dates give no event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facts.compiler import compile_folder
from facts.store import FactStore

UNDATED = """Le Maroc et l'Espagne renforcent leur coopération militaire

Le ministre espagnol de la Défense a rencontré lundi à Rabat son homologue marocain.
Les deux ministres avaient déjà signé vendredi 2 octobre un accord de formation, le mois dernier, à Madrid.
L'an dernier, les deux armées ont mené un exercice conjoint au large de Tanger.
"""

DATED = """Le Maroc et le Portugal signent un accord de défense

Publié le 14 mai 2024 à 10h15

Le ministre portugais de la Défense a signé mardi à Rabat un accord de coopération militaire avec le Maroc.
"""


def compile_with_today(tmp_path: Path, today: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    folder = tmp_path / today / "seeds"
    folder.mkdir(parents=True)
    (folder / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (folder / "dated.txt").write_text(DATED, encoding="utf-8")
    monkeypatch.setenv("FACTS_TODAY", today)
    compile_folder(folder, tmp_path / today / "facts.sqlite3")
    store = FactStore(tmp_path / today / "facts.sqlite3")
    try:
        return sorted(json.dumps(f, sort_keys=True) for f in store.facts())
    finally:
        store.close()


def test_facts_do_not_depend_on_facts_today(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs = [compile_with_today(tmp_path, today, monkeypatch) for today in ("2019-01-01", "2026-11-23", "2031-06-30")]
    assert runs[0] == runs[1] == runs[2]
    facts = [json.loads(f) for f in runs[0]]
    undated = [f for f in facts if f["doc"] == "undated.txt"]
    assert not [f for f in undated if f["kind"] == "event"]  # nothing in the article fixes a date
    (document,) = [f for f in undated if f["kind"] == "document"]
    assert document["published"] is None
    (dated,) = [f for f in facts if f["doc"] == "dated.txt" and f["kind"] == "document"]
    assert dated["published"] == "2024-05-14"  # a weekday there resolves against it (Tuesday the 14th)
    dated_events = [f for f in facts if f["doc"] == "dated.txt" and f["kind"] == "event"]
    assert all((e["date"], e["precision"]) == ("2024-05-14", "day") for e in dated_events)
