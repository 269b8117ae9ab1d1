"""A snapshot opens the fact base instead of parsing it: nothing is parsed until an answer asks,
what it reads later still comes from its own version, and /help's figures counted in SQLite
equal those counted over the parsed facts."""

from __future__ import annotations

from pathlib import Path

from facts.compiler import compile_folder
from facts.store import FactStore
from handlers import Handlers
from handlers.common import View
from handlers.cooperation import one_per_claim
from handlers.snapshot import Snapshot, SnapshotCache

INDIA = """Le Maroc et l'Inde signent un accord de défense
Rabat, le 12 mars 2025 – Le Maroc et l'Inde ont signé un accord de coopération militaire à Rabat.
"""


def test_opening_parses_no_fact_and_help_needs_none(fresh_seeds: tuple[Path, Path]) -> None:
    _, db = fresh_seeds
    h = Handlers(FactStore(db), warm=False)
    answer = h.help()
    snapshot = h._cache.get()
    assert answer.kind == "help" and snapshot.n_articles > 0 and snapshot.partner_counts
    assert snapshot._by_id == {} and snapshot._docs is None  # counts only: no fact, no article row read
    h.partner("Turquie")
    assert snapshot._by_id and all(f.evidence.doc for f in snapshot.facts_for("TR", "partner"))


def test_help_figures_counted_in_sqlite_equal_the_parsed_ones(fresh_seeds: tuple[Path, Path]) -> None:
    _, db = fresh_seeds
    store = FactStore(db)
    view = View(store, SnapshotCache(store).get())
    assert view.claim_count() == len(one_per_claim(view.acquisitions())) > 0
    assert view.kind_count("budget") == len(view.budgets()) > 0
    assert view.kind_count("event") == len(view.events()) > 0
    assert view.n_articles == len(view.docs)


def test_one_object_per_fact_whichever_way_it_is_reached(fresh_seeds: tuple[Path, Path]) -> None:
    _, db = fresh_seeds
    snapshot = Snapshot.open(db)
    by_country = snapshot.facts_for("TR", "partner")
    by_kind = snapshot.facts("partner")
    assert by_country and all(any(f is g for g in by_kind) for f in by_country)


def test_a_snapshot_reads_its_own_version_after_a_compile(fresh_seeds: tuple[Path, Path]) -> None:
    folder, db = fresh_seeds
    old = Snapshot.open(db)
    (folder / "200_inde.txt").write_text(INDIA, encoding="utf-8")
    assert compile_folder(folder, db).added == ["200_inde.txt"]
    new = Snapshot.open(db)
    assert "200_inde.txt" not in old.docs and "200_inde.txt" in new.docs  # read lazily, after the commit
    assert all(f.evidence.doc != "200_inde.txt" for f in old.facts_for("IN", "partner"))
    assert any(f.evidence.doc == "200_inde.txt" for f in new.facts_for("IN", "partner"))
    assert old.fingerprint != new.fingerprint
