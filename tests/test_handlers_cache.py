"""The handlers' in-memory snapshot: a compile beside a running bot shows up at the next
question, writes that change no fact keep the snapshot, and warmed answers equal cold ones."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from facts.store import FactStore
from facts.store.deliveries import Deliveries
from handlers import Handlers
from handlers.snapshot import SnapshotCache
from handlers.text import render

BRAZIL = """Le Maroc commande des avions de transport au Brésil
Rabat, le 12 mars 2025 – Le Maroc a commandé quatre avions de transport C-390 Millennium au Brésil, \
auprès de l'avionneur Embraer, pour un montant de 600 millions de dollars.
Le ministre brésilien de la Défense, José Múcio, a signé l'accord à Rabat avec Abdeltif Loudiyi, \
ministre délégué chargé de l'Administration de la Défense nationale.
Les premiers appareils seront livrés aux Forces armées royales en 2027.
"""


@pytest.fixture
def seeds(fresh_seeds: tuple[Path, Path]) -> tuple[Path, Path]:
    """A private copy of the compiled seeds: (seeds folder, fact base)."""
    return fresh_seeds


def compile_now(folder: Path, db: Path) -> list[str]:
    from facts.compiler import compile_folder

    return list(compile_folder(folder, db).added)


def test_new_article_compiled_beside_the_handlers_shows_up_at_once(seeds: tuple[Path, Path]) -> None:
    folder, db = seeds
    h = Handlers(FactStore(db))
    before = h.partner("Brésil")
    assert before.kind == "not_found"
    n_sources = len(h.sources().sections[0].lines)
    (folder / "100_bresil.txt").write_text(BRAZIL, encoding="utf-8")
    assert compile_now(folder, db) == ["100_bresil.txt"]  # the compiler's own connection
    after = h.partner("Brésil")
    assert after.kind == "ok"
    out = render(after)
    assert "C-390" in out and "Embraer" in out and "quantity 4" in out
    assert [s.doc for s in after.sources] == ["100_bresil.txt"]
    assert len(h.sources().sections[0].lines) == n_sources + 1
    assert [s.doc for s in h.acquisitions("Brésil").sources] == ["100_bresil.txt"]


def test_removed_article_disappears_from_the_answers(seeds: tuple[Path, Path]) -> None:
    folder, db = seeds
    (folder / "100_bresil.txt").write_text(BRAZIL, encoding="utf-8")
    compile_now(folder, db)
    h = Handlers(FactStore(db))
    assert h.partner("Brazil").kind == "ok"
    (folder / "100_bresil.txt").unlink()
    compile_now(folder, db)
    assert h.partner("Brazil").kind == "not_found"
    assert h.timeline("Brazil").kind == "not_found"


def test_writes_that_change_no_fact_keep_the_snapshot(seeds: tuple[Path, Path]) -> None:
    folder, db = seeds
    store = FactStore(db)
    cache = SnapshotCache(store)
    first = cache.get()
    assert cache.get() is first  # nothing changed: the same parsed copy
    with Deliveries.open(db) as records:  # the digest writes its records through its own connection
        records.set_channel("900", 42)
    assert cache.get() is first
    compile_now(folder, db)  # nothing new in the folder: nothing rewritten
    assert cache.get() is first
    (folder / "100_bresil.txt").write_text(BRAZIL, encoding="utf-8")
    compile_now(folder, db)
    second = cache.get()
    assert second is not first
    assert "100_bresil.txt" in second.docs and "100_bresil.txt" not in first.docs


def test_warmed_answers_equal_cold_ones(seeds: tuple[Path, Path]) -> None:
    _, db = seeds
    warm, cold = Handlers(FactStore(db)), Handlers(FactStore(db), warm=False)
    assert warm.wait_warm(timeout=30)
    questions = [("partner", ("Turquie",)), ("partner", ("Inde",)), ("budget", (None,)), ("budget", (2025,)),
                 ("acquisitions", (None, None)), ("acquisitions", ("Israel", "drone")), ("timeline", (None,)),
                 ("timeline", ("India",)), ("sources", ()), ("help", ())]
    for name, args in questions:
        hot = getattr(warm, name)(*args)
        assert dataclasses.asdict(hot) == dataclasses.asdict(getattr(cold, name)(*args)), (name, args)
        assert getattr(warm, name)(*args) is hot  # served from the memo the second time


def test_in_the_bot_a_new_version_is_loaded_beside_the_current_one(seeds: tuple[Path, Path]) -> None:
    """``background=True``: after a compile, questions keep their answers from the current version
    (no wait for the reload), and the new version is adopted once it is ready."""
    folder, db = seeds
    h = Handlers(FactStore(db), background=True)
    assert h.partner("Brésil").kind == "not_found"
    (folder / "100_bresil.txt").write_text(BRAZIL, encoding="utf-8")
    assert compile_now(folder, db) == ["100_bresil.txt"]
    h.partner("Brésil")  # notices the change and starts loading it in a thread
    h._cache.wait_reload(10)
    assert h.partner("Brésil").kind == "ok"
    with Deliveries.open(db) as records:  # a write that changes no fact: no reload at all
        records.set_channel("900", 42)
    before = h._cache.get()
    assert h._cache.get() is before and h._cache._loader is not None and not h._cache._loader.is_alive()
