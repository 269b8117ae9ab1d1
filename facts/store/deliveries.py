"""The digest's records: what was delivered where, the messages being sent, the lease, the channels.

A *target* is where a digest goes: a Discord channel (its id) or the terminal. A version of an
article (file name + hash of its bytes) is recorded per target, so each channel gets each article
once, whatever happens to the others. Version states: ``seen`` (recorded without posting: first
run of a target, rename, update that changed no fact), ``sending`` (in a message not yet
confirmed), ``posted`` (confirmed); ``noted`` rows (copies and unreadable files, logged once for
all targets) live under ``NOTICES``; ``failed`` rows come from older fact bases and count as pending.

Exactly once means *recorded before sent*: a message is written down as ``sending`` (with its
entries and a deterministic nonce) before it leaves, sent with that nonce and ``enforce_nonce``,
then marked ``sent``. A lease (owner, expiry) lets one process at a time run the digest.

A target's first digest records what is already known instead of posting it: every version some
other target has had (or, on the very first digest of the fact base, every compiled article),
unless ``backfill``. So a server that sets its channel today gets what arrives from now on.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .base import Connection, Tables, now_iso, open_reader, write_transaction
from .facts import DocumentRow, document_row
from .pending import DONE, pending_rows

NOTICES = "(notices)"  # the target of copies and unreadable files: logged once, never posted
LEGACY = "(legacy)"  # records of the single-channel digest, until the operator's channel claims them
DIGEST_LEASE = "digest"
RECORD_TABLES = ("deliveries", "digest_messages", "digest_targets", "digest_channels", "digest_signatures",
                 "feeds", "feed_state", "feed_entries", "document_servers", "digest_languages")
Signature = Mapping[str, Any]  # what a version says (``handlers.digest.entries.Signature``), as JSON


# the files that are not articles (``documents_unused``) and have no record yet
UNREPORTED = ("SELECT d.* FROM documents d WHERE d.status != 'ok' AND NOT EXISTS ("
              " SELECT 1 FROM deliveries v WHERE v.name = d.name AND v.sha256 = d.sha256) ORDER BY d.name")

def _in(states: Iterable[str]) -> str:
    return "(" + ", ".join(f"'{s}'" for s in states) + ")"


@dataclass(frozen=True)
class Version:
    """One version of one article file."""

    name: str
    sha256: str


@dataclass(frozen=True)
class Delivery:
    """What a target knows of one version."""

    target: str
    name: str
    sha256: str
    state: str
    attempts: int
    last_error: str | None
    updated_at: str
    nonce: str | None


@dataclass
class OutgoingRecord:
    """A digest message as recorded before it is sent: enough to resend it identically."""

    nonce: str
    target: str
    part: int
    parts: int
    total: int
    payload: dict[str, Any]  # {"entries": [...]}
    versions: list[Version] = field(default_factory=list)
    attempts: int = 0
    state: str = "sending"
    last_error: str | None = None


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


class Deliveries(Tables):
    """The digest's tables, on a writer connection (``Deliveries.open``). Every method is one
    short transaction; run them off the event loop."""

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with write_transaction(self.conn) as conn:
            yield conn

    # ------------------------------------------------------------ targets

    def first_digest(self) -> bool:
        """True until a digest ran on this fact base (for any target)."""
        return self.conn.execute("SELECT 1 FROM digest_targets LIMIT 1").fetchone() is None

    def is_initialized(self, target: str) -> bool:
        return self.conn.execute("SELECT 1 FROM digest_targets WHERE target = ?", (target,)).fetchone() is not None

    def initialize(self, target: str, *, backfill: bool = False, claim_legacy: bool = False) -> list[DocumentRow]:
        """A target's first digest: record what is already known as ``seen`` (see the module's
        docstring) and return those articles, whose signatures the caller saves when this was the
        first digest of all (``save_signatures``). ``claim_legacy``: the operator's channel takes
        over the records of the single-channel digest instead."""
        with self._write() as conn:
            if self.is_initialized(target):
                return []
            conn.execute("INSERT INTO digest_targets VALUES (?, ?)", (target, now_iso()))
            if claim_legacy and conn.execute("SELECT 1 FROM deliveries WHERE target = ?", (LEGACY,)).fetchone():
                conn.execute("UPDATE OR IGNORE deliveries SET target = ? WHERE target = ?", (target, LEGACY))
                conn.execute("UPDATE digest_messages SET target = ? WHERE target = ?", (target, LEGACY))
                conn.execute("DELETE FROM digest_targets WHERE target = ?", (LEGACY,))
                return []
            if backfill:
                return []
            first = conn.execute("SELECT count(*) FROM digest_targets").fetchone()[0] == 1 and not \
                conn.execute("SELECT 1 FROM deliveries WHERE target != ? LIMIT 1", (NOTICES,)).fetchone()
            known = "" if first else (
                f" AND EXISTS (SELECT 1 FROM deliveries v WHERE v.name = d.name AND v.sha256 = d.sha256"
                f" AND v.state IN {_in(DONE)} AND v.target NOT IN ('{NOTICES}', ?))")
            rows = [document_row(r) for r in conn.execute(
                "SELECT d.* FROM documents d WHERE d.status = 'ok' AND NOT EXISTS (SELECT 1 FROM deliveries v"
                f" WHERE v.target = ? AND v.name = d.name AND v.sha256 = d.sha256){known}",
                (target,) if first else (target, target))]
            reason = "first digest" if first else "known before this target's first digest"
            self._record(conn, target, [Version(r.name, r.sha256) for r in rows], "seen", reason)
        return rows

    # ------------------------------------------------------------ reads

    def pending(self, target: str, server: str | None = None) -> list[DocumentRow]:
        """Articles (status ok) whose current version this target has neither had nor is being sent.

        ``server``: the target is that server's channel, so an article that belongs to other
        servers only (their own feeds, ``document_servers``) is not for it — and stays pending,
        without a record, should that server's feed bring it later. None: every article (the
        terminal, which is the operator's). Reads the articles changed since this target's last
        check and those it was still owed then, not every article (``facts.store.pending``)."""
        with self._write() as conn:  # the target's cursor moves (``facts.store.pending``)
            return [document_row(r) for r in pending_rows(conn, target, server)]

    def unreported(self) -> list[DocumentRow]:
        """Duplicates and skipped files not yet logged: they are logged once, never posted."""
        return [document_row(r) for r in self.conn.execute(UNREPORTED)]

    def has_record(self, name: str) -> bool:
        """True when the stored version of ``name`` has a delivery row anywhere (already reported)."""
        return self.conn.execute(
            "SELECT 1 FROM documents d JOIN deliveries v ON v.name = d.name AND v.sha256 = d.sha256"
            " WHERE d.name = ? LIMIT 1", (name,)).fetchone() is not None

    def delivered_as(self, target: str, name: str, sha256: str) -> str | None:
        """Another file name under which these exact bytes already reached this target (a rename).
        A copy that was only *noted* does not count: it must never hide its original."""
        row = self.conn.execute(
            f"SELECT name FROM deliveries WHERE target = ? AND sha256 = ? AND name != ? AND state IN {_in(DONE)}"
            " ORDER BY updated_at LIMIT 1", (target, sha256, name)).fetchone()
        return None if row is None else str(row[0])

    def previous_signature(self, target: str, name: str, sha256: str) -> Signature | None:
        """What the version of ``name`` this target had last said (to tell what an update changed)."""
        row = self.conn.execute(
            "SELECT s.signature FROM deliveries v JOIN digest_signatures s ON s.name = v.name"
            " AND s.sha256 = v.sha256 WHERE v.target = ? AND v.name = ? AND v.sha256 != ?"
            " AND v.state IN ('seen', 'posted') ORDER BY v.updated_at DESC, v.rowid DESC LIMIT 1",
            (target, name, sha256)).fetchone()
        try:
            value = json.loads(row[0]) if row is not None else None
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def unsent(self, target: str) -> list[OutgoingRecord]:
        """Messages of this target recorded as ``sending`` and never confirmed, oldest first."""
        return [m for m in self.messages("sending") if m.target == target]

    def rows(self, state: str | None = None, target: str | None = None) -> list[Delivery]:
        sql, args = "SELECT * FROM deliveries WHERE 1=1", []
        for column, value in (("state", state), ("target", target)):
            if value is not None:
                sql += f" AND {column} = ?"
                args.append(value)
        return [Delivery(r["target"], r["name"], r["sha256"], r["state"], r["attempts"], r["last_error"],
                         r["updated_at"], r["nonce"])
                for r in self.conn.execute(sql + " ORDER BY target, name, updated_at", args)]

    def messages(self, state: str | None = None) -> list[OutgoingRecord]:
        sql = "SELECT * FROM digest_messages" + (" WHERE state = ?" if state else "") + " ORDER BY created_at, rowid"
        out = []
        for row in self.conn.execute(sql, (state,) if state else ()):
            try:
                payload = json.loads(row["payload"])
            except ValueError:
                payload = {"entries": []}
            versions = [Version(r[0], r[1]) for r in self.conn.execute(
                "SELECT name, sha256 FROM deliveries WHERE nonce = ? AND target = ? ORDER BY name",
                (row["nonce"], row["target"]))]
            out.append(OutgoingRecord(row["nonce"], row["target"], row["part"], row["parts"], row["total"],
                                      payload, versions, row["attempts"], row["state"], row["last_error"]))
        return out

    # ------------------------------------------------------------ writes

    def record_seen(self, target: str, versions: Iterable[Version], reason: str | None = None,
                    signatures: Mapping[Version, Signature] | None = None) -> None:
        """Record versions as known to this target without posting them (one transaction)."""
        with self._write() as conn:
            self._record(conn, target, versions, "seen", reason)
            self._save_signatures(conn, signatures or {})

    def record_noted(self, versions: Iterable[Version], reason: str) -> None:
        """A copy or an unreadable file, logged once (for every target) and never posted."""
        with self._write() as conn:
            self._record(conn, NOTICES, versions, "noted", reason)

    def record_sending(self, message: OutgoingRecord, signatures: Mapping[Version, Signature] | None = None) -> None:
        """Write the message down before it leaves: its entries, its nonce, its versions (and what
        each version says, ``signatures``)."""
        with self._write() as conn:
            self._save_signatures(conn, signatures or {})
            conn.execute(
                "INSERT INTO digest_messages (nonce, target, state, part, parts, total, payload, created_at)"
                " VALUES (?, ?, 'sending', ?, ?, ?, ?, ?) ON CONFLICT (nonce) DO NOTHING",
                (message.nonce, message.target, message.part, message.parts, message.total,
                 json.dumps(message.payload, ensure_ascii=False), now_iso()))
            for v in message.versions:
                conn.execute(
                    "INSERT INTO deliveries (target, name, sha256, state, attempts, updated_at, nonce)"
                    " VALUES (?, ?, ?, 'sending', 0, ?, ?) ON CONFLICT (target, name, sha256) DO UPDATE SET"
                    " state = 'sending', nonce = excluded.nonce, updated_at = excluded.updated_at",
                    (message.target, v.name, v.sha256, now_iso(), message.nonce))

    def mark_sent(self, nonce: str) -> None:
        """Discord confirmed the message: its versions are posted (call only after the send returned)."""
        with self._write() as conn:
            conn.execute("UPDATE digest_messages SET state = 'sent', sent_at = ?, attempts = attempts + 1,"
                         " last_error = NULL WHERE nonce = ?", (now_iso(), nonce))
            conn.execute("UPDATE deliveries SET state = 'posted', attempts = attempts + 1, last_error = NULL,"
                         " updated_at = ? WHERE nonce = ?", (now_iso(), nonce))

    def mark_attempt_failed(self, nonce: str, error: str) -> int:
        """A send of a recorded message failed; it stays ``sending`` and is resent next run.
        Returns the number of attempts so far."""
        error = error[:500]
        with self._write() as conn:
            conn.execute("UPDATE digest_messages SET attempts = attempts + 1, last_error = ? WHERE nonce = ?",
                         (error, nonce))
            conn.execute("UPDATE deliveries SET attempts = attempts + 1, last_error = ?, updated_at = ?"
                         " WHERE nonce = ?", (error, now_iso(), nonce))
            row = conn.execute("SELECT attempts FROM digest_messages WHERE nonce = ?", (nonce,)).fetchone()
        return int(row[0]) if row else 0

    @staticmethod
    def _record(conn: Connection, target: str, versions: Iterable[Version], state: str, reason: str | None) -> None:
        for v in versions:
            conn.execute(
                "INSERT INTO deliveries (target, name, sha256, state, attempts, last_error, updated_at)"
                " VALUES (?, ?, ?, ?, 0, ?, ?) ON CONFLICT (target, name, sha256) DO UPDATE SET"
                " state = excluded.state, last_error = excluded.last_error, updated_at = excluded.updated_at",
                (target, v.name, v.sha256, state, reason, now_iso()))

    def save_signatures(self, signatures: Mapping[Version, Signature]) -> None:
        with self._write() as conn:
            self._save_signatures(conn, signatures)

    @staticmethod
    def _save_signatures(conn: Connection, signatures: Mapping[Version, Signature]) -> None:
        for version, sig in signatures.items():
            conn.execute("INSERT OR REPLACE INTO digest_signatures VALUES (?, ?, ?)",
                         (version.name, version.sha256, json.dumps(sig, ensure_ascii=False)))

    # ------------------------------------------------------------ channels (one per server)

    def channels(self) -> dict[str, int]:
        """Server id → its digest channel. The server id is empty for the channel saved by the
        single-channel digest (its server is not known until the bot sees the channel)."""
        return {str(r[0]): int(r[1]) for r in self.conn.execute("SELECT guild_id, channel_id FROM digest_channels")}

    def set_channel(self, guild_id: str, channel_id: int, *, backfill: bool = False) -> bool:
        """This server's digest goes to ``channel_id`` from now on; the other servers keep theirs.
        A channel new to the digest starts from what is known now (nothing old is posted to it).
        Returns False when it was that channel already."""
        target = str(channel_id)
        with self._write() as conn:
            row = conn.execute("SELECT channel_id FROM digest_channels WHERE guild_id = ?", (guild_id,)).fetchone()
            if row is not None and int(row[0]) == channel_id:
                return False
            conn.execute("INSERT OR REPLACE INTO digest_channels VALUES (?, ?, ?)", (guild_id, target, now_iso()))
            conn.execute("DELETE FROM digest_channels WHERE guild_id = '' AND channel_id = ?", (target,))
            conn.execute("DELETE FROM digest_targets WHERE target = ?", (target,))  # set anew: start from now
        self.initialize(target, backfill=backfill)
        return True

    def languages(self) -> dict[str, str]:
        """Server id → the language chosen for its digest with /digest language ('en', 'fr')."""
        return {str(r[0]): str(r[1]) for r in self.conn.execute("SELECT guild_id, lang FROM digest_languages")}

    def set_language(self, guild_id: str, lang: str | None) -> None:
        """This server's digest in ``lang`` from now on; None: back to the server's own language.
        Other servers keep theirs."""
        with self._write() as conn:
            if lang is None:
                conn.execute("DELETE FROM digest_languages WHERE guild_id = ?", (guild_id,))
            else:
                conn.execute("INSERT OR REPLACE INTO digest_languages VALUES (?, ?, ?)", (guild_id, lang, now_iso()))

    # ------------------------------------------------------------ the lease

    def acquire_lease(self, owner: str, ttl: float, *, name: str = DIGEST_LEASE, now: float | None = None,
                      alive: Callable[[str], bool] = owner_alive) -> str | None:
        """Take or renew the lease. Returns None when ``owner`` holds it now, else the live holder."""
        now = time.time() if now is None else now
        with self._write() as conn:
            row = conn.execute("SELECT owner, expires_at FROM leases WHERE name = ?", (name,)).fetchone()
            if row is not None and row[0] != owner and row[1] > now and alive(row[0]):
                return str(row[0])
            conn.execute("INSERT OR REPLACE INTO leases VALUES (?, ?, ?)", (name, owner, now + ttl))
        return None

    def release_lease(self, owner: str, *, name: str = DIGEST_LEASE) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM leases WHERE name = ? AND owner = ?", (name, owner))


# ---------------------------------------------------------------- rebuild

def export_records(path: Path | str) -> dict[str, list[dict[str, Any]]]:
    """Every delivery record of a (possibly damaged) fact base, read-only. A damaged table is left
    out rather than stopping the backup of the others."""
    conn = open_reader(path)
    out: dict[str, list[dict[str, Any]]] = {}
    try:
        for table in RECORD_TABLES:
            try:
                out[table] = [dict(r) for r in conn.execute(f"SELECT * FROM {table}")]
            except Exception:  # noqa: BLE001 — a damaged or missing table: keep what can be read
                continue
    finally:
        conn.close()
    return out


def import_records(path: Path | str, records: Mapping[str, list[dict[str, Any]]]) -> int:
    """Put backed-up records into a fresh fact base. Returns the number of rows restored."""
    restored = 0
    with Deliveries.open(path) as d, d._write() as conn:
        for table in RECORD_TABLES:
            columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
            for row in records.get(table, []):
                keys = [k for k in row if k in columns]
                marks = ", ".join("?" * len(keys))
                conn.execute(f"INSERT OR REPLACE INTO {table} ({', '.join(keys)}) VALUES ({marks})",
                             [row[k] for k in keys])
                restored += 1
    return restored


def save_backup(records: Mapping[str, list[dict[str, Any]]], path: Path) -> None:
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
