"""The folder stamp (``facts.seeds.folder_stamp``, ``store.plan.keep_folder_stamp``): a compile that
leaves the base holding every name of the folder records the folder's inode and mtime, so
``bot.py`` starts without listing the folder while that stamp holds (``bot.cli.is_stale``).

The stamp must never say "up to date" when it is not: a racy mtime, a file held back, another
folder or another writer all void it, and the start-up then lists the folder as before."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.cli import is_stale
from facts.compiler import compile_folder
from facts.seeds import RACY_NS, folder_stamp
from facts.settings import Settings
from facts.store import FactStore

ARTICLE = ("Le Maroc et l'Inde signent un accord {n}\n"
           "Le ministre indien de la Défense a rencontré à Rabat son homologue.\n")


def _age(folder: Path, seconds: int) -> None:
    """The folder's mtime moved into the past, out of any clock tick of a look made now."""
    then = time.time_ns() - seconds * 1_000_000_000 - 10 * RACY_NS
    os.utime(folder, ns=(then, then))


def _stored(db: Path) -> list[object] | None:
    store = FactStore(db)
    try:
        return store.folder_stamp()
    finally:
        store.close()


@pytest.fixture
def listings(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Each ``os.listdir`` of the run, counted (the real one is called)."""
    calls: list[object] = []
    real: Callable[..., list[str]] = os.listdir

    def counted(path: object = ".") -> list[str]:
        calls.append(path)
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "listdir", counted)
    return calls


def test_a_compile_that_matches_the_folder_spares_the_next_start_its_listing(
        fresh_seeds: tuple[Path, Path], listings: list[object]) -> None:
    seeds, db = fresh_seeds
    settings = Settings(seeds_dir=seeds, facts_db=db)
    _age(seeds, 100)
    assert _stored(db) != folder_stamp(seeds, "inside"), "a copied folder is another folder (inode)"
    assert not is_stale(settings) and listings, "no stamp of this folder: the names are listed and compared"
    report = compile_folder(seeds, db)
    assert not report.changed, report.summary()
    assert _stored(db) == folder_stamp(seeds, "inside"), "recorded by a compile with nothing to write"
    listings.clear()
    assert not is_stale(settings) and listings == [], "the stamp holds: nothing listed"
    (seeds / "nouveau.txt").write_text(ARTICLE.format(n=1), encoding="utf-8")
    assert is_stale(settings) and listings, "a new name moved the folder's mtime"
    _age(seeds, 50)
    report = compile_folder(seeds, db)
    assert report.added == ["nouveau.txt"]
    assert _stored(db) == folder_stamp(seeds, "inside"), "recorded in the compile's own write"
    listings.clear()
    assert not is_stale(settings) and listings == []


def test_a_racy_or_held_back_look_records_no_stamp(fresh_seeds: tuple[Path, Path]) -> None:
    seeds, db = fresh_seeds
    settings = Settings(seeds_dir=seeds, facts_db=db)
    (seeds / "a.txt").write_text(ARTICLE.format(n=2), encoding="utf-8")  # the folder's mtime is now
    assert compile_folder(seeds, db).added == ["a.txt"]
    assert _stored(db) != folder_stamp(seeds, "inside"), "a change in the same clock tick could hide"
    assert not is_stale(settings), "without a stamp the names are compared, and they match"
    (seeds / "b.txt").write_text(ARTICLE.format(n=3), encoding="utf-8")
    _age(seeds, 30)
    report = compile_folder(seeds, db, accept=lambda path, st: False)  # the digest: still being written
    assert report.waiting == ["b.txt"]
    assert _stored(db) != folder_stamp(seeds, "inside"), "b.txt is not in the base"
    assert is_stale(settings)


def test_another_writer_or_another_folder_voids_the_stamp(fresh_seeds: tuple[Path, Path], tmp_path: Path) -> None:
    seeds, db = fresh_seeds
    settings = Settings(seeds_dir=seeds, facts_db=db)
    _age(seeds, 100)
    compile_folder(seeds, db)
    assert _stored(db) == folder_stamp(seeds, "inside")
    conn = sqlite3.connect(db)  # another writer: one ``documents`` row changes
    with conn:
        conn.execute("DELETE FROM documents WHERE rowid = (SELECT min(rowid) FROM documents)")
    conn.close()
    assert _stored(db) is None, "a documents row changed since the stamp"
    assert is_stale(settings), "the removed row's file is still in the folder"
    compile_folder(seeds, db)
    assert _stored(db) == folder_stamp(seeds, "inside")
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text(ARTICLE.format(n=4), encoding="utf-8")
    _age(other, 100)
    compile_folder(other, db, allow_empty=True)
    assert _stored(db) == folder_stamp(other, "inside") != folder_stamp(seeds, "inside")
    assert is_stale(settings)
    assert not is_stale(Settings(seeds_dir=other, facts_db=db))
    assert folder_stamp(seeds, "off") != folder_stamp(seeds, "inside"), "another link policy, another stamp"
