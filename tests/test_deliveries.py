"""The digest's records (facts/store/deliveries.py) over a fact base written by hand: per target,
first digests, channels per server, and the migration of a single-channel fact base."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from facts.store import DocumentRow, FactStore, connect, write_document
from facts.store.deliveries import (
    LEGACY,
    NOTICES,
    Deliveries,
    OutgoingRecord,
    Version,
    export_records,
    import_records,
)
from facts.store.feeds import Feeds
from facts.store.schema import LATEST, MIGRATIONS
from handlers.digest import StableCheck


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
    return [r.name for r in rows]


def test_pending_is_per_target_and_lists_only_ok_documents(db: Path) -> None:
    with Deliveries.open(db) as d:
        assert names(d.pending("1")) == ["a.txt", "b.txt"] == names(d.pending("2"))
        assert names(d.unreported()) == ["copy.txt", "empty.txt"]
        d.record_seen("1", [Version("a.txt", "sha-a")], "first run")
        assert names(d.pending("1")) == ["b.txt"] and names(d.pending("2")) == ["a.txt", "b.txt"]
        d.record_noted([Version("copy.txt", "sha-c")], "duplicate: copy of a.txt")
        assert names(d.unreported()) == ["empty.txt"] and d.has_record("copy.txt")
        assert [r.target for r in d.rows("noted")] == [NOTICES]


def test_the_first_digest_of_all_records_every_article_a_later_target_what_others_had(db: Path) -> None:
    with Deliveries.open(db) as d:
        assert d.first_digest()
        assert names(d.initialize("1")) == ["a.txt", "b.txt"] and d.pending("1") == []
        assert not d.first_digest() and d.initialize("1") == []  # once
        conn = d.conn
    conn2 = connect(db)
    _doc(conn2, "c.txt", "sha-x")  # arrives; no target has had it
    conn2.close()
    with Deliveries.open(db) as d:
        assert names(d.initialize("2")) == ["a.txt", "b.txt"]  # known elsewhere: not news for 2
        assert names(d.pending("2")) == ["c.txt"] == names(d.pending("1"))
        assert d.initialize("3", backfill=True) == [] and names(d.pending("3")) == ["a.txt", "b.txt", "c.txt"]
    assert conn is not None


def test_sending_then_sent_and_a_failed_attempt(db: Path) -> None:
    with Deliveries.open(db) as d:
        message = OutgoingRecord("dg1", "1", 1, 1, 1, {"entries": []}, [Version("a.txt", "sha-a")])
        d.record_sending(message, {Version("a.txt", "sha-a"): {"title": "T", "partners": ["IN"]}})
        assert names(d.pending("1")) == ["b.txt"]  # being sent: not pending
        assert [m.nonce for m in d.unsent("1")] == ["dg1"] and d.unsent("2") == []
        assert d.mark_attempt_failed("dg1", "x" * 5000) == 1
        [row] = d.rows("sending")
        assert (row.target, row.attempts, len(row.last_error or "")) == ("1", 1, 500)
        d.mark_sent("dg1")
        [row] = d.rows("posted")
        assert (row.name, row.attempts, row.last_error) == ("a.txt", 2, None)
        assert d.unsent("1") == []


def test_an_update_is_compared_with_the_version_this_target_had(db: Path) -> None:
    with Deliveries.open(db) as d:
        d.record_seen("1", [Version("a.txt", "sha-a")], None, {Version("a.txt", "sha-a"): {"partners": ["IN"]}})
    conn = connect(db)
    _doc(conn, "a.txt", "sha-a2")
    conn.close()
    with Deliveries.open(db) as d:
        assert names(d.pending("1")) == ["a.txt", "b.txt"]
        assert d.previous_signature("1", "a.txt", "sha-a2") == {"partners": ["IN"]}
        assert d.previous_signature("2", "a.txt", "sha-a2") is None
        assert d.delivered_as("1", "renamed.txt", "sha-a") == "a.txt"


def test_each_server_sets_its_own_channel(db: Path) -> None:
    with Deliveries.open(db) as d:
        d.initialize("111")  # the operator's channel had its first digest
        assert d.set_channel("900", 222)
        assert d.set_channel("901", 333)
        assert not d.set_channel("900", 222)  # already so
        assert d.channels() == {"900": 222, "901": 333}
        assert d.set_channel("900", 444)  # server 900 moves; 901 keeps its channel
        assert d.channels() == {"900": 444, "901": 333}
        assert d.pending("444") == [] and d.pending("333") == []  # a new channel starts from now


def test_recording_is_one_transaction(db: Path) -> None:
    with Deliveries.open(db) as d:
        def versions():
            yield Version("a.txt", "sha-a")
            raise RuntimeError("interrupted")

        with pytest.raises(RuntimeError):
            d.record_seen("1", versions())
        assert d.rows() == [] and names(d.pending("1")) == ["a.txt", "b.txt"]


LEGACY_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
INSERT INTO meta VALUES ('schema_version', '3');
CREATE TABLE documents (name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, content_hash TEXT,
    size INTEGER NOT NULL, mtime REAL NOT NULL, status TEXT NOT NULL, reason TEXT, duplicate_of TEXT,
    title TEXT, published TEXT, source TEXT, language TEXT, fact_count INTEGER NOT NULL DEFAULT 0,
    compiled_at TEXT NOT NULL, first_sentence INTEGER, last_sentence INTEGER);
CREATE TABLE facts (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, kind TEXT NOT NULL, year INTEGER,
    data TEXT NOT NULL);
CREATE TABLE deliveries (name TEXT NOT NULL, sha256 TEXT NOT NULL, state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, updated_at TEXT NOT NULL, nonce TEXT,
    PRIMARY KEY (name, sha256));
CREATE TABLE digest_messages (nonce TEXT PRIMARY KEY, state TEXT NOT NULL, part INTEGER NOT NULL,
    parts INTEGER NOT NULL, total INTEGER NOT NULL, payload TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT, created_at TEXT NOT NULL, sent_at TEXT);
CREATE TABLE leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at REAL NOT NULL);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
INSERT INTO documents (name, sha256, size, mtime, status, compiled_at) VALUES ('a.txt', 'sha-a2', 1, 0, 'ok', 't'),
    ('b.txt', 'sha-b', 1, 0, 'ok', 't'), ('c.txt', 'sha-c', 1, 0, 'ok', 't');
INSERT INTO deliveries VALUES ('a.txt', 'sha-a1', 'posted', 1, NULL, '2026-01-01', 'dg0'),
    ('b.txt', 'sha-b', 'sending', 0, NULL, '2026-01-02', 'dg1'),
    ('copy.txt', 'sha-a1', 'noted', 0, 'duplicate: copy of a.txt', '2026-01-01', NULL);
INSERT INTO digest_messages VALUES ('dg1', 'sending', 1, 1, 1, '{"entries": []}', 0, NULL, '2026-01-02', NULL);
INSERT INTO settings VALUES ('digest:initialized', '2026-01-01'), ('digest:sig:a.txt', '{"partners": ["IN"]}');
"""


def legacy(path: Path, saved_channel: str | None) -> Path:
    conn = sqlite3.connect(str(path))
    conn.executescript(LEGACY_SCHEMA)
    if saved_channel:
        conn.execute("INSERT INTO settings VALUES ('digest:channel', ?)", (saved_channel,))
    conn.commit()
    conn.close()
    return path


def test_single_channel_records_become_the_saved_channels(tmp_path: Path) -> None:
    db = legacy(tmp_path / "old.sqlite3", "777")
    with Deliveries.open(db) as d:
        assert d.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert d.channels() == {"": 777}  # its server is learnt when the bot sees the channel
        assert d.is_initialized("777") and not d.first_digest()
        assert {(r.target, r.name, r.state) for r in d.rows()} == {
            ("777", "a.txt", "posted"), ("777", "b.txt", "sending"), (NOTICES, "copy.txt", "noted")}
        assert [m.nonce for m in d.unsent("777")] == ["dg1"]  # resent with its nonce, not posted again
        assert names(d.pending("777")) == ["a.txt", "c.txt"]  # a.txt changed since; c.txt is new
        assert d.previous_signature("777", "a.txt", "sha-a2") == {"partners": ["IN"]}
        tables = {r[0] for r in d.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "settings" not in tables and "meta" not in tables


def test_without_a_saved_channel_the_operators_channel_claims_the_records(tmp_path: Path) -> None:
    db = legacy(tmp_path / "old.sqlite3", None)
    with Deliveries.open(db) as d:
        assert {r.target for r in d.rows() if r.state != "noted"} == {LEGACY}
        assert d.initialize("555", claim_legacy=True) == []
        assert {r.target for r in d.rows() if r.state != "noted"} == {"555"}
        assert [m.nonce for m in d.unsent("555")] == ["dg1"]
        assert names(d.initialize("666")) == ["b.txt"]  # another server: what 555 had or is sending


def test_a_schema_4_file_of_the_single_channel_digest_keeps_its_update_dates(tmp_path: Path) -> None:
    columns = "first_sentence INTEGER, last_sentence INTEGER"
    schema = LEGACY_SCHEMA.replace("'schema_version', '3'", "'schema_version', '4'").replace(
        f"{columns});", f"{columns}, updated TEXT);")
    conn = sqlite3.connect(str(tmp_path / "old.sqlite3"))
    conn.executescript(schema + "UPDATE documents SET updated = '2026-01-03' WHERE name = 'a.txt';")
    conn.close()
    with Deliveries.open(tmp_path / "old.sqlite3") as d:
        assert d.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert {r.target for r in d.rows() if r.state != "noted"} == {LEGACY}
    store = FactStore(tmp_path / "old.sqlite3")
    try:
        row = store.document("a.txt")
        assert row is not None and row.updated == "2026-01-03"
    finally:
        store.close()


def test_a_version_4_file_with_feeds_upgrades_in_place_its_articles_stay_everyones(tmp_path: Path) -> None:
    path = tmp_path / "v4.sqlite3"
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.row_factory = sqlite3.Row
    for step in MIGRATIONS[:4]:  # the fact base as the release with feeds (user_version 4) left it
        step(conn)
    conn.execute("PRAGMA user_version = 4")
    # as that release's compiler wrote it (no claim column yet: migration 8 adds it)
    conn.execute("INSERT INTO documents (name, sha256, size, mtime, status, compiled_at, title, fact_count)"
                 " VALUES ('article-1.html', 'sha-1', 10, 0, 'ok', '2026-11-23T00:00:00', 'Titre article-1.html', 1)")
    conn.execute("INSERT INTO facts (doc, kind, data) VALUES ('article-1.html', 'partner', ?)",
                 ('{"kind": "partner", "doc": "article-1.html", "quote": "q", "section": "body", "sentence": 0,'
                  ' "country": "IN"}',))
    conn.execute("INSERT INTO feeds VALUES ('A', 'https://a.example/rss', '2026-11-30')")
    conn.execute("INSERT INTO feed_entries VALUES ('https://a.example/rss', 'e1', 'https://a.example/1', 'stored',"
                 " 'article-1.html', NULL, '2026-11-30')")
    conn.close()
    with Feeds.open(path) as feeds, Deliveries.open(path) as d:
        assert d.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST == 10
        assert feeds.followed("A") == ["https://a.example/rss"] and feeds.stored_as("https://a.example/1")
        assert feeds.servers_of("article-1.html") is None, "articles stored before: every server's, as before"
        assert names(d.pending("chan-b", "B")) == ["article-1.html"]
        feeds.share("article-1.html", ["A"], new=True)
        assert d.pending("chan-b", "B") == [] and names(d.pending("chan-a", "A")) == ["article-1.html"]
    saved = export_records(path)  # `python -m facts rebuild` keeps whose articles they are
    fresh = tmp_path / "fresh.sqlite3"
    connect(fresh).close()
    import_records(fresh, saved)
    with Feeds.open(fresh) as feeds:
        assert feeds.servers_of("article-1.html") == ["A"]


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
