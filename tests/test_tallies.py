"""What start-up, /help and one new article read instead of every row: the tallies the fact base
keeps as rows are written (migration 8), and the indexes the incremental paths go through.

Each tally must equal the count it replaces, however the base got there (added, updated, removed,
copied files; an older file upgraded in place), and the lookups must use their index."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from facts.compiler import compile_folder
from facts.seeds import look_over
from facts.store import FactStore, connect
from facts.store.deliveries import UNREPORTED
from facts.store.lookups import BUDGET_DOCS, PARTNER_ELSEWHERE, Elsewhere
from facts.store.schema import LATEST, MIGRATIONS, SUMMARY
from tests.corpuskit import small_articles


def _kept(db: Path) -> dict[str, Any]:
    store = FactStore(db)
    try:
        assert store.summarised()
        return _figures(store)
    finally:
        store.close()


def _counted(db: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The same figures counted from every row, as before the tallies."""
    with monkeypatch.context() as m:
        m.setattr(FactStore, "summarised", lambda self: False)
        store = FactStore(db)
        try:
            return _figures(store)
        finally:
            store.close()


def _figures(store: FactStore) -> dict[str, Any]:
    return {"documents": store.document_counts(), "partners": store.partner_counts(),
            "kinds": {k: n for k, n in store.kind_counts().items() if n}, "claims": store.claim_count()}


def _write(folder: Path, articles: list[tuple[str, bytes]]) -> None:
    for i, (name, data) in enumerate(articles):
        path = folder / name
        path.write_bytes(data)
        os.utime(path, (1_700_000_000 + i, 1_700_000_000 + i))


def test_tallies_equal_the_full_counts_through_adds_updates_removals_and_copies(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, db = tmp_path / "seeds", tmp_path / "facts.sqlite3"
    folder.mkdir()
    articles = small_articles(30)
    _write(folder, articles[:20])
    compile_folder(folder, db)
    assert _kept(db) == _counted(db, monkeypatch)
    before = FactStore(db)
    fingerprint = before.fingerprint()
    before.close()

    _write(folder, articles[20:])  # new articles
    shutil.copyfile(folder / articles[0][0], folder / "copy.txt")  # a copy
    (folder / articles[1][0]).unlink()  # a removal
    (folder / articles[2][0]).write_bytes(articles[25][1])  # an update (now a copy of another)
    compile_folder(folder, db)
    kept = _kept(db)
    assert kept == _counted(db, monkeypatch)
    assert kept["documents"][1] >= 2  # the copies count as files not used
    (folder / articles[0][0]).unlink()  # the original of copy.txt goes: the copy is compiled on its own
    compile_folder(folder, db)
    assert _kept(db) == _counted(db, monkeypatch)
    after = FactStore(db)
    assert after.fingerprint() != fingerprint
    after.close()


def test_a_touch_or_a_delivery_record_keeps_the_fingerprint_a_compile_moves_it(tmp_path: Path) -> None:
    folder, db = tmp_path / "seeds", tmp_path / "facts.sqlite3"
    folder.mkdir()
    articles = small_articles(3)
    _write(folder, articles[:2])
    compile_folder(folder, db)
    store = FactStore(db)
    try:
        first = store.fingerprint()
        os.utime(folder / articles[0][0], (1_800_000_000, 1_800_000_000))  # same bytes, new mtime
        compile_folder(folder, db)
        with sqlite3.connect(db) as conn:
            conn.execute("INSERT INTO leases VALUES ('digest', 'someone', 0)")
        assert store.fingerprint() == first
        _write(folder, articles)
        compile_folder(folder, db)
        assert store.fingerprint() != first
    finally:
        store.close()


def test_a_version_7_file_is_counted_once_when_it_upgrades(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file as the previous release left it (no tallies, no claim column): the writer upgrades it
    in place, counts it once, and from then on keeps the counts as it writes."""
    path = tmp_path / "v7.sqlite3"
    conn = sqlite3.connect(str(path), isolation_level=None)
    for step in MIGRATIONS[:7]:
        step(conn)
    conn.execute("PRAGMA user_version = 7")
    docs = [("a.txt", "ok"), ("b.txt", "ok"), ("c.txt", "duplicate")]
    for name, status in docs:
        conn.execute("INSERT INTO documents (name, sha256, size, mtime, status, compiled_at)"
                     " VALUES (?, ?, 1, 0, ?, 't')", (name, "sha-" + name, status))
    facts = [("a.txt", {"kind": "partner", "country": "FR"}), ("a.txt", {"kind": "partner", "country": "FR"}),
             ("b.txt", {"kind": "partner", "country": "FR"}), ("b.txt", {"kind": "partner", "country": "IN"}),
             ("a.txt", {"kind": "acquisition", "system": "Hélicoptère H135", "supplier": "FR", "quantity": 2}),
             ("b.txt", {"kind": "acquisition", "system": "helicoptere h135", "supplier": "FR", "quantity": 2.0}),
             ("b.txt", {"kind": "acquisition", "system": "F-16", "supplier": "US", "status": None}),
             ("b.txt", {"kind": "budget", "year": 2024, "amount": 1e9})]
    for doc, fact in facts:
        cur = conn.execute("INSERT INTO facts (doc, kind, year, data) VALUES (?, ?, ?, ?)",
                           (doc, fact["kind"], fact.get("year"), json.dumps(fact | {"doc": doc})))
        if fact["kind"] == "partner":
            conn.execute("INSERT INTO fact_countries VALUES (?, ?)", (cur.lastrowid, fact["country"]))
    conn.close()
    counted = _counted(path, monkeypatch)
    old = FactStore(path)  # a reader does not upgrade: it counts the slow way
    try:
        assert not old.summarised() and _figures(old) == counted
    finally:
        old.close()
    connect(path).close()
    kept = _kept(path)
    assert kept == counted
    assert kept["partners"] == {"FR": 2, "IN": 1} and kept["claims"] == 2 and kept["documents"] == (2, 1)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST >= SUMMARY
        unkeyed = "SELECT count(*) FROM facts WHERE kind = 'acquisition' AND claim IS NULL"
        assert conn.execute(unkeyed).fetchone()[0] == 0
        conn.execute("PRAGMA foreign_keys = ON")  # as the store's writer: a file's facts go with it
        conn.execute("DELETE FROM documents WHERE name = 'b.txt'")  # the triggers keep the counts from now on
    assert _kept(path) == _counted(path, monkeypatch)


def test_acquisitions_written_without_a_claim_key_make_the_claims_counted_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, db = tmp_path / "seeds", tmp_path / "facts.sqlite3"
    folder.mkdir()
    _write(folder, small_articles(10))
    compile_folder(folder, db)
    with sqlite3.connect(db) as conn:  # as a compiler older than the tallies would write
        conn.execute("INSERT INTO facts (doc, kind, data) SELECT doc, kind, json_set(data, '$.system', 'Zeta-9')"
                     " FROM facts WHERE kind = 'acquisition' LIMIT 1")
    assert _kept(db)["claims"] == _counted(db, monkeypatch)["claims"]


def test_the_incremental_lookups_use_their_indexes(fresh_seeds: tuple[Path, Path]) -> None:
    _, db = fresh_seeds
    connect(db).close()
    store = FactStore(db)
    try:
        budget = " | ".join(store.query_plan(BUDGET_DOCS, (2024, "[]")))
        assert "USING INDEX facts_kind (kind=? AND year=?)" in budget and "TEMP B-TREE FOR ORDER BY" not in budget
        partner = " | ".join(store.query_plan(PARTNER_ELSEWHERE, ("FR", "[]")))
        assert "SEARCH partner_articles" in partner and "(country=?)" in partner
        unreported = " | ".join(store.query_plan(UNREPORTED))
        assert "documents_unused" in unreported
        code = sorted(store.partner_counts())[0]
        assert Elsewhere(store, set()).partner(code) and not Elsewhere(store, set()).partner("AQ")
    finally:
        store.close()


def test_look_over_builds_objects_only_for_new_or_changed_files(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt", ".hidden", "d.txt.part"):
        (folder / name).write_text("x", encoding="utf-8")
    st = (folder / "a.txt").stat()
    known = {"a.txt": (st.st_size, st.st_mtime), "b.txt": (99, st.st_mtime), "gone.txt": (1, 0.0)}
    seen: list[str] = []
    look = look_over(folder, "inside", known, lambda location, size, mtime_ns: seen.append(location))
    assert [s.name for s in look.changed] == ["b.txt", "c.txt"]
    assert look.present == {"a.txt", "b.txt", "c.txt"} and look.unchanged == 1
    assert seen == [str(folder / "a.txt")]


def test_the_kept_view_of_the_files_is_read_again_after_any_other_write(tmp_path: Path) -> None:
    """A process keeps the known files after its compile; a row changed by anyone else (a touch of
    an mtime included) makes it read them again."""
    from facts.store import plan

    folder, db = tmp_path / "seeds", tmp_path / "facts.sqlite3"
    folder.mkdir()
    articles = small_articles(3)
    _write(folder, articles[:2])
    compile_folder(folder, db)
    identity = plan.file_identity(db)
    assert identity is not None
    conn = connect(db)
    try:
        fresh = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT name, size, mtime FROM documents")}
        assert plan.file_looks(conn, identity) == fresh
        with sqlite3.connect(db) as other:
            other.execute("UPDATE documents SET mtime = 12345.5 WHERE name = ?", (articles[0][0],))
        assert plan.file_looks(conn, identity)[articles[0][0]] == (fresh[articles[0][0]][0], 12345.5)
    finally:
        conn.close()
    _write(folder, articles)  # the touched file is compiled again (same bytes), the new one added
    report = compile_folder(folder, db)
    assert report.added == [articles[2][0]] and report.unchanged == 2
    conn = connect(db)
    try:
        rows = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT name, size, mtime FROM documents")}
        assert plan.file_looks(conn, identity) == rows and len(rows) == 3
    finally:
        conn.close()


def test_the_digests_own_records_do_not_make_the_next_compile_check_the_whole_file(tmp_path: Path) -> None:
    """A delivery record written through the store (and checkpointed into the file when its
    connection closes) is ours: the next compile does not run ``PRAGMA quick_check`` for it; a write
    from outside the store still makes it check."""
    from facts.locks import CompileLock
    from facts.store.deliveries import Deliveries, Version

    folder, db = tmp_path / "seeds", tmp_path / "facts.sqlite3"
    folder.mkdir()
    _write(folder, small_articles(2))
    compile_folder(folder, db)
    with Deliveries.open(db) as records:
        records.initialize("terminal")
        records.record_noted([Version("x.txt", "sha")], "test")
    with CompileLock(db) as lock:
        assert not lock.unclean and not lock.changed_outside
    with sqlite3.connect(db) as conn:  # another program writes
        conn.execute("INSERT INTO leases VALUES ('other', 'someone', 0)")
    os.utime(db, (1_600_000_000, 1_600_000_000))  # … and the file shows it
    with Deliveries.open(db) as records:  # our own write after that does not hide it
        records.first_digest()
    with CompileLock(db) as lock:
        assert lock.changed_outside
