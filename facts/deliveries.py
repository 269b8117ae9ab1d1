"""Delivery state of the digest: which article versions were posted, seen, noted or are being sent.

The scheduler keeps nothing: what was delivered lives here, in the fact base, so a
restart neither loses nor repeats a post. A version of an article is identified by its
file name and the hash of its bytes; a changed file is a new version.

Exactly once means *recorded before sent*. A message is written down as ``sending``
(with its entries and a deterministic nonce) before it leaves, sent with that nonce and
``enforce_nonce`` (Discord answers a resent nonce with the message it already has), then
marked ``sent``. A crash, Ctrl-C, SIGTERM, a lost answer or a locked database between the
two leaves ``sending``, and the next run resends the very same message with the same
nonce. A lease (owner, expiry) lets one process at a time run the digest.

Version states: ``seen`` (recorded without posting: first run, rename, update that changed
no fact), ``noted`` (a copy or an unreadable file, logged once; never stands for another
file), ``sending`` (in a message not yet confirmed), ``posted`` (confirmed). ``failed``
rows come from older fact bases and count as pending.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .store import write_transaction

DONE_STATES = ("seen", "sending", "posted")  # a version in one of these is not pending
INITIALIZED_KEY = "digest:initialized"
SIGNATURE_PREFIX = "digest:sig:"  # + file name: the facts of the version last delivered
DEFAULT_MIN_AGE = 3.0  # seconds a file must stay untouched before it is compiled
DIGEST_LEASE = "digest"
RECORD_TABLES = ("deliveries", "digest_messages", "settings")  # what a rebuild carries over


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction (the store's connection is in autocommit mode)."""
    with write_transaction(conn):
        yield conn


@dataclass(frozen=True)
class Version:
    """One version of one article file."""

    name: str
    sha256: str


@dataclass
class OutgoingRecord:
    """A digest message as recorded before it is sent: enough to resend it identically."""

    nonce: str
    part: int
    parts: int
    total: int
    payload: dict[str, Any]  # {"entries": [...], "signatures": {doc: signature}}
    versions: list[Version] = field(default_factory=list)
    attempts: int = 0


def this_owner() -> str:
    """Who holds a lease: host, process id and start time, so a dead holder can be recognised."""
    return f"{socket.gethostname()}:{os.getpid()}:{int(time.time())}"


def owner_alive(owner: str) -> bool:
    """False only when the holder is a process of this machine that no longer exists."""
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Deliveries:
    """Reads and writes the ``deliveries``, ``digest_messages`` and ``leases`` tables
    (and the digest's keys in ``settings``)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    # ------------------------------------------------------------ first run

    def is_initialized(self) -> bool:
        """True once a digest run has recorded the folder (or any delivery row exists)."""
        if self.conn.execute("SELECT 1 FROM settings WHERE key = ?", (INITIALIZED_KEY,)).fetchone():
            return True
        return self.conn.execute("SELECT 1 FROM deliveries LIMIT 1").fetchone() is not None

    def mark_initialized(self) -> None:
        with transaction(self.conn):
            self.conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (INITIALIZED_KEY, _now()))

    # ------------------------------------------------------------ reads

    def pending(self) -> list[sqlite3.Row]:
        """Articles (status ok) whose current version is neither posted, seen nor being sent."""
        return list(self.conn.execute(
            "SELECT d.* FROM documents d WHERE d.status = 'ok' AND NOT EXISTS ("
            " SELECT 1 FROM deliveries v WHERE v.name = d.name AND v.sha256 = d.sha256"
            " AND v.state IN ('seen', 'sending', 'posted')) ORDER BY d.published IS NULL, d.published, d.name"
        ))

    def unreported(self) -> list[sqlite3.Row]:
        """Duplicates and skipped files not yet logged: they are logged once, never posted."""
        return list(self.conn.execute(
            "SELECT d.* FROM documents d WHERE d.status != 'ok' AND NOT EXISTS ("
            " SELECT 1 FROM deliveries v WHERE v.name = d.name AND v.sha256 = d.sha256) ORDER BY d.name"
        ))

    def state(self, name: str, sha256: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.conn.execute(
            "SELECT * FROM deliveries WHERE name = ? AND sha256 = ?", (name, sha256)).fetchone()
        return row

    def delivered_as(self, name: str, sha256: str) -> str | None:
        """Another file name under which these exact bytes were already delivered (a rename).
        A copy that was only *noted* does not count: it must never hide its original."""
        row = self.conn.execute(
            "SELECT name FROM deliveries WHERE sha256 = ? AND name != ? AND state IN ('seen', 'sending', 'posted')"
            " ORDER BY updated_at LIMIT 1", (sha256, name)).fetchone()
        return None if row is None else str(row[0])

    def rows(self, state: str | None = None) -> list[sqlite3.Row]:
        if state is None:
            return list(self.conn.execute("SELECT * FROM deliveries ORDER BY name, updated_at"))
        return list(self.conn.execute(
            "SELECT * FROM deliveries WHERE state = ? ORDER BY name, updated_at", (state,)))

    def signature(self, name: str) -> dict[str, Any] | None:
        """What the last delivered version of ``name`` said (to tell what an update changed)."""
        row = self.conn.execute(
            "SELECT value FROM settings WHERE key = ?", (SIGNATURE_PREFIX + name,)).fetchone()
        if row is None or row[0] is None:
            return None
        try:
            value = json.loads(row[0])
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def unsent(self) -> list[OutgoingRecord]:
        """Messages recorded as ``sending`` and never confirmed, oldest first: resent as they are."""
        out = []
        for row in self.conn.execute("SELECT * FROM digest_messages WHERE state = 'sending'"
                                     " ORDER BY created_at, rowid"):
            try:
                payload = json.loads(row["payload"])
            except ValueError:
                payload = {"entries": []}
            versions = [Version(r[0], r[1]) for r in self.conn.execute(
                "SELECT name, sha256 FROM deliveries WHERE nonce = ? ORDER BY name", (row["nonce"],))]
            out.append(OutgoingRecord(row["nonce"], row["part"], row["parts"], row["total"], payload, versions,
                                      row["attempts"]))
        return out

    def messages(self, state: str | None = None) -> list[sqlite3.Row]:
        sql = "SELECT * FROM digest_messages" + (" WHERE state = ?" if state else "") + " ORDER BY created_at, rowid"
        return list(self.conn.execute(sql, (state,) if state else ()))

    # ------------------------------------------------------------ writes

    def record_seen(self, versions: Iterable[Version], reason: str | None = None,
                    signatures: dict[str, dict[str, Any]] | None = None) -> None:
        """Record versions as known without posting them (one transaction)."""
        self._finish(versions, "seen", reason, signatures or {})

    def record_noted(self, versions: Iterable[Version], reason: str) -> None:
        """A copy or an unreadable file, logged once and never posted."""
        self._finish(versions, "noted", reason, {})

    def record_sending(self, message: OutgoingRecord) -> None:
        """Write the message down before it leaves: its entries, its nonce, its versions."""
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO digest_messages (nonce, state, part, parts, total, payload, created_at)"
                " VALUES (?, 'sending', ?, ?, ?, ?, ?) ON CONFLICT (nonce) DO NOTHING",
                (message.nonce, message.part, message.parts, message.total,
                 json.dumps(message.payload, ensure_ascii=False), _now()))
            for v in message.versions:
                self.conn.execute(
                    "INSERT INTO deliveries (name, sha256, state, attempts, updated_at, nonce)"
                    " VALUES (?, ?, 'sending', 0, ?, ?) ON CONFLICT (name, sha256) DO UPDATE SET"
                    " state = 'sending', nonce = excluded.nonce, updated_at = excluded.updated_at",
                    (v.name, v.sha256, _now(), message.nonce))

    def mark_sent(self, nonce: str, signatures: dict[str, dict[str, Any]] | None = None) -> None:
        """Discord confirmed the message: its versions are posted (call only after the send returned)."""
        with transaction(self.conn):
            self.conn.execute("UPDATE digest_messages SET state = 'sent', sent_at = ?, attempts = attempts + 1,"
                              " last_error = NULL WHERE nonce = ?", (_now(), nonce))
            self.conn.execute("UPDATE deliveries SET state = 'posted', attempts = attempts + 1, last_error = NULL,"
                              " updated_at = ? WHERE nonce = ?", (_now(), nonce))
            self._save_signatures(signatures or {})

    def mark_attempt_failed(self, nonce: str, error: str) -> int:
        """A send of a recorded message failed; it stays ``sending`` and is resent next run.
        Returns the number of attempts so far."""
        error = error[:500]
        with transaction(self.conn):
            self.conn.execute("UPDATE digest_messages SET attempts = attempts + 1, last_error = ? WHERE nonce = ?",
                              (error, nonce))
            self.conn.execute("UPDATE deliveries SET attempts = attempts + 1, last_error = ?, updated_at = ?"
                              " WHERE nonce = ?", (error, _now(), nonce))
            row = self.conn.execute("SELECT attempts FROM digest_messages WHERE nonce = ?", (nonce,)).fetchone()
        return int(row[0]) if row else 0

    def mark_posted(self, versions: Iterable[Version],
                    signatures: dict[str, dict[str, Any]] | None = None) -> None:
        """Record versions as posted outside the message protocol (tests, older callers)."""
        self._finish(versions, "posted", None, signatures or {})

    def mark_failed(self, versions: Iterable[Version], error: str) -> dict[str, int]:
        """Count a failed attempt for versions that were never recorded as sending. Returns attempts per file."""
        attempts: dict[str, int] = {}
        error = error[:500]
        with transaction(self.conn):
            for v in versions:
                self.conn.execute(
                    "INSERT INTO deliveries (name, sha256, state, attempts, last_error, updated_at)"
                    " VALUES (?, ?, 'failed', 1, ?, ?) ON CONFLICT (name, sha256) DO UPDATE SET"
                    " state = 'failed', attempts = attempts + 1, last_error = excluded.last_error,"
                    " updated_at = excluded.updated_at",
                    (v.name, v.sha256, error, _now()),
                )
                attempts[v.name] = self.conn.execute(
                    "SELECT attempts FROM deliveries WHERE name = ? AND sha256 = ?",
                    (v.name, v.sha256)).fetchone()[0]
        return attempts

    def _finish(self, versions: Iterable[Version], state: str, reason: str | None,
                signatures: dict[str, dict[str, Any]]) -> None:
        with transaction(self.conn):
            for v in versions:
                self.conn.execute(
                    "INSERT INTO deliveries (name, sha256, state, attempts, last_error, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name, sha256) DO UPDATE SET"
                    " state = excluded.state, attempts = attempts + excluded.attempts,"
                    " last_error = excluded.last_error, updated_at = excluded.updated_at",
                    (v.name, v.sha256, state, 1 if state == "posted" else 0, reason, _now()),
                )
            self._save_signatures({k: v for k, v in signatures.items()})

    def _save_signatures(self, signatures: dict[str, dict[str, Any]]) -> None:
        for name, sig in signatures.items():
            self.conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)",
                              (SIGNATURE_PREFIX + name, json.dumps(sig, ensure_ascii=False)))

    # ------------------------------------------------------------ the lease

    def acquire_lease(self, owner: str, ttl: float, *, name: str = DIGEST_LEASE, now: float | None = None,
                      alive: Callable[[str], bool] = owner_alive) -> str | None:
        """Take or renew the lease. Returns None when ``owner`` holds it now, else the live holder."""
        now = time.time() if now is None else now
        with transaction(self.conn):
            row = self.conn.execute("SELECT owner, expires_at FROM leases WHERE name = ?", (name,)).fetchone()
            if row is not None and row[0] != owner and row[1] > now and alive(row[0]):
                return str(row[0])
            self.conn.execute("INSERT OR REPLACE INTO leases VALUES (?, ?, ?)", (name, owner, now + ttl))
        return None

    def release_lease(self, owner: str, *, name: str = DIGEST_LEASE) -> None:
        with transaction(self.conn):
            self.conn.execute("DELETE FROM leases WHERE name = ? AND owner = ?", (name, owner))

    # ------------------------------------------------------------ rebuild

    def export_records(self) -> dict[str, list[dict[str, Any]]]:
        """Every delivery record, as plain data (backed up before a rebuild). A damaged table
        is left out rather than stopping the backup of the others."""
        out: dict[str, list[dict[str, Any]]] = {}
        for table in RECORD_TABLES:
            try:
                out[table] = [dict(r) for r in self.conn.execute(f"SELECT * FROM {table}")]
            except sqlite3.DatabaseError:
                continue
        return out

    def import_records(self, records: dict[str, list[dict[str, Any]]]) -> int:
        """Put backed-up records into a fresh fact base. Returns the number of rows restored."""
        restored = 0
        with transaction(self.conn):
            for table in RECORD_TABLES:
                columns = {r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")}
                for row in records.get(table, []):
                    keys = [k for k in row if k in columns]
                    marks = ", ".join("?" * len(keys))
                    self.conn.execute(f"INSERT OR REPLACE INTO {table} ({', '.join(keys)}) VALUES ({marks})",
                                      [row[k] for k in keys])
                    restored += 1
        return restored


def save_backup(records: dict[str, list[dict[str, Any]]], path: Path) -> None:
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")


# ---------------------------------------------------------------- stable files

@dataclass
class StableCheck:
    """``accept`` filter for ``compile_folder``: hold back files that may still be written.

    A file waits when it is younger than ``min_age`` seconds or when its size or mtime
    changed since the previous look. The looks are kept in memory, one instance per
    runner, so a file being copied in several steps is compiled once, whole. A file
    seen for the first time and already old enough (e.g. added while the bot was down)
    is accepted at once. ``clock`` returns wall-clock seconds (comparable to st_mtime)
    and is injected by tests.
    """

    min_age: float = DEFAULT_MIN_AGE
    clock: Callable[[], float] = time.time
    looks: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __call__(self, path: Path, st: os.stat_result) -> bool:
        key = str(path)
        now = (st.st_size, st.st_mtime_ns)
        before = self.looks.get(key)
        self.looks[key] = now
        if before is not None and before != now:
            return False
        return self.clock() - st.st_mtime >= self.min_age
