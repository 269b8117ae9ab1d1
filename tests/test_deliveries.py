"""Delivery state of the digest (facts/deliveries.py) over a fact base written by hand."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from facts.deliveries import Deliveries, StableCheck, Version
from facts.store import DocumentRow, connect, write_document


def _doc(conn, name: str, sha: str, status: str = "ok", **kw) -> None:
    write_document(conn, DocumentRow(name=name, sha256=sha, size=10, mtime=0.0, status=status,
                                     compiled_at="2026-11-23T00:00:00", title=f"Titre {name}", **kw),
                   facts=[{"kind": "partner", "doc": name, "quote": "q", "section": "body",
                           "sentence": 0, "country": "IN"}] if status == "ok" else [])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "facts.sqlite3"
    conn = connect(path)
    _doc(conn, "a.txt", "sha-a")
    _doc(conn, "b.txt", "sha-b")
    _doc(conn, "copy.txt", "sha-c", status="duplicate", duplicate_of="a.txt")
    _doc(conn, "empty.txt", "sha-e", status="skipped", reason="empty file")
    conn.close()
    return path


def names(rows) -> list[str]:
    return [r["name"] for r in rows]


def test_pending_lists_only_ok_documents_without_a_final_row(db: Path) -> None:
    d = Deliveries(connect(db))
    assert names(d.pending()) == ["a.txt", "b.txt"]
    assert names(d.unreported()) == ["copy.txt", "empty.txt"]


def test_first_run_detection_and_marker(db: Path) -> None:
    d = Deliveries(connect(db))
    assert not d.is_initialized()
    d.mark_initialized()
    assert d.is_initialized()
    # a fact base that already has delivery rows (older runs) counts as initialized too
    other = Deliveries(connect(db.with_name("other.sqlite3")))
    assert not other.is_initialized()
    other.record_seen([Version("x.txt", "s")])
    assert other.is_initialized()


def test_seen_and_posted_end_a_version_failed_does_not(db: Path) -> None:
    d = Deliveries(connect(db))
    d.record_seen([Version("a.txt", "sha-a")], "first run")
    assert names(d.pending()) == ["b.txt"]
    attempts = d.mark_failed([Version("b.txt", "sha-b")], "HTTPException: 503 Service Unavailable")
    assert attempts == {"b.txt": 1}
    assert d.mark_failed([Version("b.txt", "sha-b")], "TimeoutError") == {"b.txt": 2}
    row = d.state("b.txt", "sha-b")
    assert (row["state"], row["attempts"], row["last_error"]) == ("failed", 2, "TimeoutError")
    assert names(d.pending()) == ["b.txt"]
    d.mark_posted([Version("b.txt", "sha-b")])
    row = d.state("b.txt", "sha-b")
    assert (row["state"], row["attempts"], row["last_error"]) == ("posted", 3, None)
    assert d.pending() == []


def test_state_survives_a_new_connection(db: Path) -> None:
    Deliveries(connect(db)).mark_posted([Version("a.txt", "sha-a")], {"a.txt": {"partners": ["IN"]}})
    fresh = Deliveries(connect(db))
    assert names(fresh.pending()) == ["b.txt"]
    assert fresh.signature("a.txt") == {"partners": ["IN"]}
    assert fresh.signature("b.txt") is None


def test_a_changed_file_is_pending_again(db: Path) -> None:
    conn = connect(db)
    d = Deliveries(conn)
    d.mark_posted([Version("a.txt", "sha-a"), Version("b.txt", "sha-b")])
    _doc(conn, "a.txt", "sha-a2")
    assert names(d.pending()) == ["a.txt"]


def test_mark_posted_is_one_transaction(db: Path) -> None:
    d = Deliveries(connect(db))

    def versions():
        yield Version("a.txt", "sha-a")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        d.mark_posted(versions())
    assert d.state("a.txt", "sha-a") is None
    assert names(d.pending()) == ["a.txt", "b.txt"]


def test_corrupt_signature_reads_as_none(db: Path) -> None:
    conn = connect(db)
    conn.execute("INSERT INTO settings VALUES ('digest:sig:a.txt', '{not json')")
    assert Deliveries(conn).signature("a.txt") is None


def test_long_error_is_cut(db: Path) -> None:
    d = Deliveries(connect(db))
    d.mark_failed([Version("a.txt", "sha-a")], "x" * 5000)
    assert len(d.state("a.txt", "sha-a")["last_error"]) == 500


# ---------------------------------------------------------------- stable files

class Clock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


def _write(path: Path, text: str, mtime: float) -> os.stat_result:
    path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime, mtime))
    return path.stat()


def test_young_file_waits_until_old_enough(tmp_path: Path) -> None:
    clock = Clock(1_000_000.0)
    check = StableCheck(min_age=3.0, clock=clock)
    f = tmp_path / "a.txt"
    st = _write(f, "Titre\nCorps", clock.now - 1)
    assert not check(f, st)
    clock.now += 5
    assert check(f, f.stat())


def test_old_file_seen_first_time_is_accepted(tmp_path: Path) -> None:
    check = StableCheck(min_age=3.0, clock=Clock(1_000_000.0))
    f = tmp_path / "a.txt"
    assert check(f, _write(f, "Titre\nCorps", 900_000.0))


def test_file_changed_since_last_look_waits_one_more_look(tmp_path: Path) -> None:
    clock = Clock(1_000_000.0)
    check = StableCheck(min_age=3.0, clock=clock)
    f = tmp_path / "a.txt"
    assert not check(f, _write(f, "Titre\n", clock.now))  # first half, just written
    clock.now += 60
    # second half appended with an old mtime: size changed since the last look → wait
    assert not check(f, _write(f, "Titre\nLa suite de l'article.", clock.now - 30))
    clock.now += 60
    assert check(f, f.stat())
    # a new runner has no previous look: the same old, unchanged file is accepted at once
    assert StableCheck(min_age=3.0, clock=clock)(f, f.stat())
