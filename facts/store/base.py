"""Opening the fact base file, transactions, and SQLite errors turned into one line for people.

Readers open the file with ``mode=ro`` (``open_reader``) and never write; only ``connect``
(the writer) creates tables or migrates them (``schema``). WAL mode lets readers go on during a
write. Any ``sqlite3`` error leaving the store is a ``FactBaseError`` (``explain``), so no other
module needs to know SQLite.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from .. import locks
from ..errors import (
    FactBaseBusy,
    FactBaseDamaged,
    FactBaseError,
    FactBaseMissing,
    NotAFactBase,
    WriteFailed,
)
from . import schema

DEFAULT_DB = "var/facts.sqlite3"  # inside the project folder (``facts.settings``)
WRITE_TIMEOUT = 30.0  # a compile's store step waits this long for a short delivery write to finish
READ_TIMEOUT = 1.0  # readers in WAL mode never wait for writers; this only covers rare recovery locks
REBUILD_HINT = ("it can be rebuilt from the articles with `python -m facts rebuild`"
                " (the digest's delivery records are backed up and kept)")
Connection = sqlite3.Connection

log = logging.getLogger("facts.store")


def explain(exc: BaseException, path: Path | str) -> FactBaseError:
    """Map a SQLite error to the one line a person needs. Use as ``raise explain(e, p) from e``."""
    text = str(exc) or type(exc).__name__
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return FactBaseBusy(f"the fact base {path} is busy ({text}): another process is writing; try again")
    if "not a database" in lowered or "file is encrypted" in lowered:
        return NotAFactBase(f"{path} is not a fact base ({text}); point FACTS_DB at the right file,"
                            f" or move this one away: {REBUILD_HINT}")
    if "malformed" in lowered or "corrupt" in lowered or "no such table" in lowered:
        return FactBaseDamaged(f"the fact base {path} is damaged ({text}); {REBUILD_HINT}")
    if "full" in lowered or "i/o error" in lowered or "readonly" in lowered or "read-only" in lowered:
        return WriteFailed(f"could not write the fact base {path} ({text}); the previous fact base was"
                           " kept — free some space or fix the permissions, then compile again")
    if "unable to open" in lowered:
        return FactBaseMissing(f"cannot open the fact base {path} ({text}); run `python -m facts compile`"
                               " first, or check that the folder is readable")
    return FactBaseError(f"the fact base {path} failed: {text}")


@contextmanager
def translated(path: Path | str) -> Iterator[None]:
    """Inside: a ``sqlite3.Error`` leaves as the ``FactBaseError`` that says what to do."""
    try:
        yield
    except sqlite3.Error as exc:
        raise explain(exc, path) from exc


def connect(path: Path | str, *, timeout: float = WRITE_TIMEOUT) -> Connection:
    """Open the fact base for writing, creating or upgrading it when needed.

    Autocommit mode: callers open their own (short) transactions. Only this function
    creates tables, so a reader never needs the write lock. Raises ``FactBaseError``."""
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    with translated(path):
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=timeout, check_same_thread=False)
    try:
        with translated(path):
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            _refuse_foreign(conn, path)
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            if schema.needs_migration(conn):
                with write_transaction(conn):
                    schema.migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def open_reader(path: Path | str, *, timeout: float = READ_TIMEOUT) -> Connection:
    """Open the fact base read-only (``mode=ro``): never takes the write lock, never blocks a compile.

    On a read-only medium SQLite cannot create the WAL index beside the file; the file
    cannot change there either, so it is then opened as immutable."""
    path = Path(path)
    if not path.exists():
        raise FactBaseMissing(f"no fact base at {path}; run `python -m facts compile` first")
    target = urllib.parse.quote(str(path.resolve()))
    try:
        conn = _open_uri(f"file:{target}?mode=ro", timeout)
    except sqlite3.OperationalError as exc:
        if not _read_only_medium(path):
            raise explain(exc, path) from exc
        with translated(path):
            conn = _open_uri(f"file:{target}?immutable=1", timeout)
    except sqlite3.Error as exc:
        raise explain(exc, path) from exc
    try:
        with translated(path):
            _refuse_foreign(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _open_uri(uri: str, timeout: float) -> Connection:
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=timeout, check_same_thread=False)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA query_only = 1")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the file now
    except BaseException:
        conn.close()
        raise
    return conn


def _read_only_medium(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    wal_empty = not wal.exists() or wal.stat().st_size == 0
    return wal_empty and os.access(path, os.R_OK) and not os.access(path.parent, os.W_OK)


def _refuse_foreign(conn: Connection, path: Path) -> None:
    """A SQLite file of another program is not ours to fill with tables."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if tables and "documents" not in tables:
        shown = ", ".join(sorted(tables)[:5])
        raise NotAFactBase(f"{path} is a SQLite file of another program (tables: {shown}), not a fact base;"
                           " point FACTS_DB at another file")


@contextmanager
def write_transaction(conn: Connection) -> Iterator[Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``; on any failure (Ctrl-C included) roll back and re-raise
    the original error. SQLite rolls back by itself after some errors (a full disk): a second
    rollback would fail with "no transaction is active" and hide the real cause."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        rollback_quietly(conn)
        raise


def rollback_quietly(conn: Connection) -> None:
    if not conn.in_transaction:
        return
    try:
        conn.execute("ROLLBACK")
    except sqlite3.Error as exc:  # the original error is what matters; this one is logged only
        log.warning("rollback after an error failed too: %s", exc)


def quick_check(conn: Connection) -> list[str]:
    """SQLite's ``PRAGMA quick_check``: an empty list when the file is sound, else its findings."""
    rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check(20)")]
    return [] if rows == ["ok"] else rows


def now_iso() -> str:
    """The time a record is written, in UTC to the second (how every table of the records keeps it)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Tables:
    """A group of tables on one writer connection: ``with Deliveries.open(db) as records:``.

    SQLite errors leave as ``FactBaseError``; every method of a subclass is one short
    transaction, so callers on an event loop run them in a worker thread."""

    def __init__(self, conn: Connection, path: Path | str = "the fact base"):
        self.conn = conn
        self.path = path

    @classmethod
    @contextmanager
    def open(cls, path: Path | str, *, timeout: float = WRITE_TIMEOUT) -> Iterator[Self]:
        """Closing may checkpoint these writes into the file; the compile lock is then told the
        file changed by our own hand (``locks.restamp``), not from outside."""
        before = locks.idle_stamp(path) if str(path) != ":memory:" else None
        conn = connect(path, timeout=timeout)
        try:
            with translated(path):
                yield cls(conn, path)
        finally:
            conn.close()
            if before is not None:
                locks.restamp(path, before)


def stored_name(name: str) -> str:
    """The form of a file name kept in the fact base and shown to people.

    POSIX names are bytes: one that is not UTF-8 arrives as surrogate escapes, which
    SQLite cannot store. Such bytes are written as ``\\xe9`` instead, so the name is
    stored, compared and shown the same way on every run."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    return name
