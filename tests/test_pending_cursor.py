"""The digest's pending check by cursor (facts/store/pending.py): the same articles as the full
check over every article, whatever happened in between; a cost that follows what changed, not the
number of articles; an older fact base upgraded with its pending articles intact."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facts.store import DocumentRow, connect, write_document
from facts.store.base import write_transaction
from facts.store.deliveries import Deliveries, OutgoingRecord, Version
from facts.store.feeds import Feeds
from facts.store.schema import LATEST, MIGRATIONS

TARGETS = [("chan-a", "A"), ("chan-b", "B"), ("terminal", None)]

# what `Deliveries.pending` returned before the cursor: every article against the records
FULL = ("SELECT d.name FROM documents d WHERE d.status = 'ok' AND NOT EXISTS (SELECT 1 FROM deliveries v"
        " WHERE v.target = :target AND v.name = d.name AND v.sha256 = d.sha256"
        " AND v.state IN ('seen', 'sending', 'posted')) AND (:server IS NULL"
        " OR NOT EXISTS (SELECT 1 FROM document_servers s WHERE s.name = d.name)"
        " OR EXISTS (SELECT 1 FROM document_servers s WHERE s.name = d.name AND s.guild_id = :server))"
        " ORDER BY d.published IS NULL, d.published, d.name")


def full_check(conn: sqlite3.Connection, target: str, server: str | None) -> list[str]:
    return [r[0] for r in conn.execute(FULL, {"target": target, "server": server})]


def write(conn: sqlite3.Connection, name: str, sha: str, status: str = "ok", published: str | None = None) -> None:
    with write_transaction(conn):
        write_document(conn, DocumentRow(name=name, sha256=sha, size=10, mtime=0.0, status=status,
                                         compiled_at="2026-12-03T00:00:00", title=name, published=published))


def current(conn: sqlite3.Connection, name: str) -> Version | None:
    row = conn.execute("SELECT sha256 FROM documents WHERE name = ?", (name,)).fetchone()
    return None if row is None else Version(name, row[0])


NAMES = st.sampled_from(["a.txt", "b.txt"])
TARGET = st.sampled_from(TARGETS)
OPS = st.one_of(
    st.tuples(st.just("write"), NAMES, st.sampled_from(["1", "2", "3"]), st.sampled_from(["ok", "ok", "duplicate"]),
              st.sampled_from([None, "2026-01-01", "2025-05-05"])),
    st.tuples(st.just("delete"), NAMES),
    st.tuples(st.just("seen"), NAMES, TARGET),
    st.tuples(st.just("send"), NAMES, TARGET, st.booleans()),
    st.tuples(st.just("share"), NAMES, st.sampled_from([None, ("A",), ("B",), ("A", "B")]), st.booleans()),
    st.tuples(st.just("failed"), NAMES, TARGET),  # a record of an older release, still pending
    st.tuples(st.just("forget"), NAMES, TARGET),  # a record removed by hand: pending again
    st.tuples(st.just("unsend"), NAMES, TARGET),  # a record set back to failed (as an older release did)
    st.tuples(st.just("edit"), NAMES, st.sampled_from(["1", "4"]), st.sampled_from(["ok", "skipped"])),  # by hand
)


def apply(op: tuple, conn: sqlite3.Connection, d: Deliveries, feeds: Feeds, step: int) -> None:
    kind, name = op[0], op[1]
    if kind == "write":
        write(conn, name, f"sha-{op[2]}", op[3], op[4])
    elif kind == "delete":
        with write_transaction(conn):
            conn.execute("DELETE FROM documents WHERE name = ?", (name,))
    elif kind == "edit":
        with write_transaction(conn):
            conn.execute("UPDATE documents SET sha256 = ?, status = ? WHERE name = ?", (f"sha-{op[2]}", op[3], name))
    elif kind in ("seen", "send", "failed", "forget", "unsend") and (version := current(conn, name)) is not None:
        target = op[2][0]
        if kind == "seen":
            d.record_seen(target, [version], "test")
        elif kind == "send":
            nonce = f"dg{step}"
            d.record_sending(OutgoingRecord(nonce, target, 1, 1, 1, {"entries": []}, [version]))
            d.mark_sent(nonce) if op[3] else d.mark_attempt_failed(nonce, "503")
        elif kind == "failed":
            with write_transaction(conn):
                conn.execute("INSERT OR REPLACE INTO deliveries (target, name, sha256, state, attempts, updated_at)"
                             " VALUES (?, ?, ?, 'failed', 1, 't')", (target, name, version.sha256))
        elif kind == "unsend":
            with write_transaction(conn):
                conn.execute("UPDATE deliveries SET state = 'failed' WHERE target = ? AND name = ?", (target, name))
        else:
            with write_transaction(conn):
                conn.execute("DELETE FROM deliveries WHERE target = ? AND name = ?", (target, name))
    elif kind == "share":
        feeds.share(name, op[2], new=op[3])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPS, min_size=1, max_size=25))
def test_the_cursor_gives_what_the_full_check_gives_after_any_history(ops: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facts.sqlite3"
        conn = connect(path)
        try:
            with Deliveries.open(path) as d, Feeds.open(path) as feeds:
                for step, op in enumerate(ops):
                    apply(op, conn, d, feeds, step)
                    for target, server in TARGETS:  # each check moves the target's cursor
                        assert [r.name for r in d.pending(target, server)] == full_check(conn, target, server), op
        finally:
            conn.close()


def test_a_target_checked_for_another_server_starts_over(tmp_path: Path) -> None:
    path = tmp_path / "facts.sqlite3"
    conn = connect(path)
    write(conn, "a.txt", "sha-a")
    with Feeds.open(path) as feeds, Deliveries.open(path) as d:
        feeds.share("a.txt", ["A"], new=True)
        assert d.pending("chan", "B") == []
        assert [r.name for r in d.pending("chan", "A")] == ["a.txt"]
        assert [r.name for r in d.pending("chan", None)] == ["a.txt"]
    conn.close()


def _steps(d: Deliveries, target: str) -> int:
    """SQLite virtual-machine instructions of one pending check (a progress handler at each)."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0
    d.conn.set_progress_handler(count, 1)
    try:
        d.pending(target)
    finally:
        d.conn.set_progress_handler(None, 0)
    return steps[0]


def test_a_check_reads_what_changed_not_every_article(tmp_path: Path) -> None:
    path = tmp_path / "facts.sqlite3"
    conn = connect(path)
    costs = []
    with Deliveries.open(path) as d:
        for size in (200, 2000):
            with write_transaction(conn):
                for i in range(len(costs) * 200, size):
                    write_document(conn, DocumentRow(name=f"{i:05}.txt", sha256=f"s{i}", size=1, mtime=0.0,
                                                     status="ok", compiled_at="t"), new=True)
            d.record_seen("terminal", [Version(r.name, r.sha256) for r in d.pending("terminal")], "known")
            assert d.pending("terminal") == []
            write(conn, f"new-{size}.txt", "sha-new")  # one new article
            costs.append(_steps(d, "terminal"))
            assert [r.name for r in d.pending("terminal")] == [f"new-{size}.txt"]
    conn.close()
    assert costs[1] <= costs[0] * 1.5 + 2, f"pending check cost {costs} VM instructions at 200 and 2 000 articles"


def test_an_older_fact_base_upgrades_with_its_pending_articles(tmp_path: Path) -> None:
    path = tmp_path / "v9.sqlite3"
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.row_factory = sqlite3.Row
    for step in MIGRATIONS[:9]:  # as the release before the cursor left it (user_version 9)
        step(conn)
    conn.execute("PRAGMA user_version = 9")
    for name, sha in [("a.txt", "sha-a"), ("b.txt", "sha-b2"), ("c.txt", "sha-c"), ("d.txt", "sha-d"),
                      ("e.txt", "sha-e"), ("f.txt", "sha-f")]:
        conn.execute("INSERT INTO documents (name, sha256, size, mtime, status, compiled_at) VALUES (?, ?, 1, 0,"
                     " 'ok', 't')", (name, sha))
    conn.execute("INSERT INTO documents (name, sha256, size, mtime, status, compiled_at, duplicate_of) VALUES"
                 " ('copy.txt', 'sha-a', 1, 0, 'duplicate', 't', 'a.txt')")
    conn.executemany("INSERT INTO deliveries (target, name, sha256, state, attempts, updated_at) VALUES"
                     " (?, ?, ?, ?, 0, 't')", [
                         ("chan-a", "a.txt", "sha-a", "posted"), ("chan-a", "b.txt", "sha-b1", "posted"),
                         ("chan-a", "c.txt", "sha-c", "failed"), ("chan-a", "d.txt", "sha-d", "sending"),
                         ("chan-a", "e.txt", "sha-e", "seen"), ("chan-b", "a.txt", "sha-a", "seen")])
    conn.execute("INSERT INTO document_servers VALUES ('f.txt', 'B')")
    conn.close()
    with Deliveries.open(path) as d, Feeds.open(path) as feeds:
        assert d.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST == 10
        # b.txt changed since it was posted, c.txt's post failed, f.txt is server B's feed's only
        assert [r.name for r in d.pending("chan-a", "A")] == ["b.txt", "c.txt"]
        assert [r.name for r in d.pending("chan-b", "B")] == ["b.txt", "c.txt", "d.txt", "e.txt", "f.txt"]
        assert [r.name for r in d.pending("terminal")] == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"]
        # from here on by cursor: what is still owed stays, what changes joins
        feeds.share("f.txt", ["A"], new=False)  # server A's feed brings it too
        write(d.conn, "g.txt", "sha-g")
        d.record_seen("chan-a", [Version("b.txt", "sha-b2")], "test")
        assert [r.name for r in d.pending("chan-a", "A")] == ["c.txt", "f.txt", "g.txt"]
        assert [r.name for r in d.pending("chan-b", "B")] == ["b.txt", "c.txt", "d.txt", "e.txt", "f.txt", "g.txt"]


def test_every_change_that_makes_an_article_pending_again_moves_it_past_the_cursors(tmp_path: Path) -> None:
    path = tmp_path / "facts.sqlite3"
    conn = connect(path)
    write(conn, "a.txt", "sha-a")
    write(conn, "b.txt", "sha-b")

    def pending_b() -> list[str]:
        return [r.name for r in d.pending("chan-b", "B")]
    with Feeds.open(path) as feeds, Deliveries.open(path) as d:
        feeds.share("a.txt", ["A"], new=True)
        d.record_seen("chan-b", [Version("b.txt", "sha-b")], "test")
        assert pending_b() == []
        feeds.share("a.txt", None, new=False)  # everyone's now (/article add)
        assert pending_b() == ["a.txt"]
        d.record_seen("chan-b", [Version("a.txt", "sha-a")], "test")
        assert pending_b() == []
        changes = [
            "DELETE FROM deliveries WHERE name = 'a.txt'",
            "UPDATE deliveries SET state = 'failed' WHERE name = 'a.txt'",
            "INSERT OR REPLACE INTO deliveries (target, name, sha256, state, updated_at)"
            " VALUES ('chan-b', 'a.txt', 'sha-a', 'failed', 't')",
            "UPDATE documents SET sha256 = 'sha-a2' WHERE name = 'a.txt'",
        ]
        for sql in changes:
            with write_transaction(conn):
                conn.execute(sql)
            assert pending_b() == ["a.txt"], sql
            version = current(conn, "a.txt")
            assert version is not None
            d.record_seen("chan-b", [version], "test")
            assert pending_b() == []
    conn.close()
