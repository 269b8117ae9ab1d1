"""Delivery state of the digest: which article versions were posted, seen or failed.

The scheduler keeps nothing: what was delivered lives here, in the fact base, so a
restart neither loses nor repeats a post (MonitoRSS keeps its "seen" store apart from
scheduling for the same reason). A version of an article is identified by its file
name and the hash of its bytes; a changed file is a new version.

States: ``seen`` (recorded without posting: first run, duplicate, skipped file, or an
update that changed no fact), ``posted`` (the send succeeded), ``failed`` (the send
raised; retried at the next run). Only ``seen`` and ``posted`` end a version's life.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DONE_STATES = ("seen", "posted")
INITIALIZED_KEY = "digest:initialized"
SIGNATURE_PREFIX = "digest:sig:"  # + file name: the facts of the version last delivered
DEFAULT_MIN_AGE = 3.0  # seconds a file must stay untouched before it is compiled


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction (the store's connection is in autocommit mode)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@dataclass(frozen=True)
class Version:
    """One version of one article file."""

    name: str
    sha256: str


class Deliveries:
    """Reads and writes the ``deliveries`` table (and the digest's keys in ``settings``)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    # ------------------------------------------------------------ first run

    def is_initialized(self) -> bool:
        """True once a digest run has recorded the folder (or any delivery row exists)."""
        if self.conn.execute("SELECT 1 FROM settings WHERE key = ?", (INITIALIZED_KEY,)).fetchone():
            return True
        return self.conn.execute("SELECT 1 FROM deliveries LIMIT 1").fetchone() is not None

    def mark_initialized(self) -> None:
        self.conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (INITIALIZED_KEY, _now()))

    # ------------------------------------------------------------ reads

    def pending(self) -> list[sqlite3.Row]:
        """Articles (status ok) whose current version was neither posted nor seen."""
        return list(self.conn.execute(
            "SELECT d.* FROM documents d WHERE d.status = 'ok' AND NOT EXISTS ("
            " SELECT 1 FROM deliveries v WHERE v.name = d.name AND v.sha256 = d.sha256"
            " AND v.state IN ('seen', 'posted')) ORDER BY d.published IS NULL, d.published, d.name"
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
        """Another file name under which these exact bytes were already posted or seen (a rename)."""
        row = self.conn.execute(
            "SELECT name FROM deliveries WHERE sha256 = ? AND name != ? AND state IN ('seen', 'posted')"
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

    # ------------------------------------------------------------ writes

    def record_seen(self, versions: Iterable[Version], reason: str | None = None,
                    signatures: dict[str, dict[str, Any]] | None = None) -> None:
        """Record versions as known without posting them (one transaction)."""
        self._finish(versions, "seen", reason, signatures or {})

    def mark_posted(self, versions: Iterable[Version],
                    signatures: dict[str, dict[str, Any]] | None = None) -> None:
        """Record a successful send. Call only after the send returned."""
        self._finish(versions, "posted", None, signatures or {})

    def mark_failed(self, versions: Iterable[Version], error: str) -> dict[str, int]:
        """Count a failed attempt; the version stays pending. Returns attempts per file."""
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
                if v.name in signatures:
                    self.conn.execute(
                        "INSERT OR REPLACE INTO settings VALUES (?, ?)",
                        (SIGNATURE_PREFIX + v.name, json.dumps(signatures[v.name], ensure_ascii=False)),
                    )


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
