"""SQLite fact base: schema, writes used by the compiler, reads used by the handlers.

One file holds everything: documents, facts (JSON in the dump schema plus indexed
columns), the sentences of every article for full-text search (FTS5, accent- and
case-insensitive), and the digest's delivery records. The compiler changes it in a
single short transaction, so a crash or Ctrl-C leaves the previous fact base intact.

Readers open the file with ``mode=ro`` (``open_reader``) and never write; only ``connect``
(the writer) creates or migrates tables. WAL mode lets readers go on during a write.
This is the one module that speaks SQL for the facts, hence its length.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import urllib.parse
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import FactBaseMissing, NotAFactBase, explain

SCHEMA_VERSION = 3
DEFAULT_DB = "var/facts.sqlite3"  # inside the project folder (``facts.settings``)
WRITE_TIMEOUT = 30.0  # a compile's store step waits this long for a short delivery write to finish
READ_TIMEOUT = 1.0  # readers in WAL mode never wait for writers; this only covers rare recovery locks

log = logging.getLogger(__name__)

SCHEMA = [
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
    """CREATE TABLE IF NOT EXISTS documents (
    name TEXT PRIMARY KEY,          -- file name inside the seeds folder (escaped when not UTF-8)
    sha256 TEXT NOT NULL,           -- hash of the raw bytes: detects changed files
    content_hash TEXT,              -- hash of the cleaned text: detects copies
    size INTEGER NOT NULL,
    mtime REAL NOT NULL,
    status TEXT NOT NULL,           -- ok | duplicate | skipped
    reason TEXT,                    -- why skipped, or which file it duplicates
    duplicate_of TEXT,
    title TEXT, published TEXT, source TEXT, language TEXT,
    fact_count INTEGER NOT NULL DEFAULT 0,
    compiled_at TEXT NOT NULL,
    first_sentence INTEGER,         -- rowid range of its sentences in the FTS table: the FTS
    last_sentence INTEGER           -- table has no index on doc, so deletes go by rowid
)""",
    "CREATE INDEX IF NOT EXISTS documents_content ON documents(content_hash)",
    """CREATE TABLE IF NOT EXISTS facts (
    id INTEGER PRIMARY KEY,
    doc TEXT NOT NULL REFERENCES documents(name) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    year INTEGER,
    data TEXT NOT NULL              -- the fact as in `python -m facts dump`
)""",
    "CREATE INDEX IF NOT EXISTS facts_kind ON facts(kind, year)",
    "CREATE INDEX IF NOT EXISTS facts_doc ON facts(doc)",
    """CREATE TABLE IF NOT EXISTS fact_countries (
    fact_id INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
    country TEXT NOT NULL
)""",
    "CREATE INDEX IF NOT EXISTS fact_countries_country ON fact_countries(country, fact_id)",
    "CREATE INDEX IF NOT EXISTS fact_countries_fact ON fact_countries(fact_id)",
    """CREATE VIRTUAL TABLE IF NOT EXISTS sentences USING fts5(
    doc UNINDEXED, section UNINDEXED, idx UNINDEXED, text,
    tokenize = 'unicode61 remove_diacritics 2'
)""",
    # The digest's records (facts/deliveries.py). Kept apart from the compiled facts: a
    # rebuild from seeds/ recreates everything above and carries these over.
    """CREATE TABLE IF NOT EXISTS deliveries (
    name TEXT NOT NULL,             -- document file name
    sha256 TEXT NOT NULL,           -- the version that was delivered
    state TEXT NOT NULL,            -- seen | noted | sending | posted | failed (see deliveries.py)
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    updated_at TEXT NOT NULL,
    nonce TEXT,                     -- the message that carries it (state sending or posted)
    PRIMARY KEY (name, sha256)
)""",
    """CREATE TABLE IF NOT EXISTS digest_messages (
    nonce TEXT PRIMARY KEY,         -- deterministic; sent with enforce_nonce, so a resend is not a repost
    state TEXT NOT NULL,            -- sending | sent
    part INTEGER NOT NULL, parts INTEGER NOT NULL, total INTEGER NOT NULL,
    payload TEXT NOT NULL,          -- the entries as JSON: a resend is the same message
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
)""",
    "CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at REAL NOT NULL)",
    "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT)",
]


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


# ---------------------------------------------------------------- opening

def connect(path: Path | str, *, timeout: float = WRITE_TIMEOUT) -> sqlite3.Connection:
    """Open the fact base for writing, creating or upgrading it when needed.

    Autocommit mode: callers open their own (short) transactions. Only this function
    creates tables, so a reader never needs the write lock. Raises ``FactBaseError``."""
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=timeout, check_same_thread=False)
    except sqlite3.Error as exc:
        raise explain(exc, path) from exc
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        _refuse_foreign(conn, path)
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        if _schema_version(conn) < SCHEMA_VERSION:
            with write_transaction(conn):
                _create_and_migrate(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise explain(exc, path) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def open_reader(path: Path | str, *, timeout: float = READ_TIMEOUT) -> sqlite3.Connection:
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
        try:
            conn = _open_uri(f"file:{target}?immutable=1", timeout)
        except sqlite3.Error as again:
            raise explain(again, path) from again
    except sqlite3.Error as exc:
        raise explain(exc, path) from exc
    try:
        _refuse_foreign(conn, path)
    except sqlite3.Error as exc:
        conn.close()
        raise explain(exc, path) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def _open_uri(uri: str, timeout: float) -> sqlite3.Connection:
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


def _refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """A SQLite file of another program is not ours to fill with tables."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if tables and "documents" not in tables:
        shown = ", ".join(sorted(tables)[:5])
        raise NotAFactBase(f"{path} is a SQLite file of another program (tables: {shown}), not a fact base;"
                           " point FACTS_DB at another file")


def _schema_version(conn: sqlite3.Connection) -> int:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError:  # no meta table: a new file
        return 0
    return int(row[0]) if row and str(row[0]).isdigit() else 0


def _create_and_migrate(conn: sqlite3.Connection) -> None:
    """Create what is missing and bring an older fact base up to this schema, keeping the
    digest's delivery records."""
    for statement in SCHEMA:
        conn.execute(statement)
    columns = {r[1] for r in conn.execute("PRAGMA table_info(documents)")}
    for column in ("first_sentence", "last_sentence"):
        if column not in columns:
            conn.execute(f"ALTER TABLE documents ADD COLUMN {column} INTEGER")
    if "nonce" not in {r[1] for r in conn.execute("PRAGMA table_info(deliveries)")}:
        conn.execute("ALTER TABLE deliveries ADD COLUMN nonce TEXT")
    # before version 3, copies and unreadable files were recorded 'seen' like delivered articles
    conn.execute("UPDATE deliveries SET state = 'noted' WHERE state = 'seen'"
                 " AND (last_error LIKE 'duplicate:%' OR last_error LIKE 'skipped:%')")
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))


def ensure_exists(path: Path | str) -> None:
    """Create an empty fact base when there is none, so readers can open it (writer side)."""
    if not Path(path).exists():
        connect(path).close()


# ---------------------------------------------------------------- transactions and checks

@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
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


def rollback_quietly(conn: sqlite3.Connection) -> None:
    if not conn.in_transaction:
        return
    try:
        conn.execute("ROLLBACK")
    except sqlite3.Error as exc:  # the original error is what matters; this one is logged only
        log.warning("rollback after an error failed too: %s", exc)


def quick_check(conn: sqlite3.Connection) -> list[str]:
    """SQLite's ``PRAGMA quick_check``: an empty list when the file is sound, else its findings."""
    rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check(20)")]
    return [] if rows == ["ok"] else rows


def counts(conn: sqlite3.Connection) -> tuple[int, int]:
    """(compiled articles, facts) — read in full, so damage in these tables shows up."""
    docs = conn.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0]
    facts = conn.execute("SELECT count(*) FROM facts").fetchone()[0]
    return int(docs), int(facts)


# ---------------------------------------------------------------- writes (compiler)

@dataclass
class DocumentRow:
    name: str
    sha256: str
    size: int
    mtime: float
    status: str
    compiled_at: str
    content_hash: str | None = None
    reason: str | None = None
    duplicate_of: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None


def known_documents(conn: sqlite3.Connection) -> dict[str, sqlite3.Row]:
    return {r["name"]: r for r in conn.execute("SELECT * FROM documents")}


def delete_document(conn: sqlite3.Connection, name: str) -> None:
    row = conn.execute("SELECT first_sentence, last_sentence, status FROM documents WHERE name = ?",
                       (name,)).fetchone()
    if row is None:
        return
    if row[0] is not None:
        conn.execute("DELETE FROM sentences WHERE rowid BETWEEN ? AND ?", (row[0], row[1]))
    elif row[2] == "ok":  # compiled before rowid ranges were recorded: the slow way
        conn.execute("DELETE FROM sentences WHERE doc = ?", (name,))
    conn.execute("DELETE FROM documents WHERE name = ?", (name,))


def write_document(
    conn: sqlite3.Connection,
    row: DocumentRow,
    facts: Iterable[dict[str, Any]] = (),
    sentences: Iterable[tuple[str, int, str]] = (),
    new: bool = False,
) -> int:
    """Replace everything known about one file. Returns the number of facts written.
    ``new=True`` (the file was never compiled) skips looking for old rows."""
    if not new:
        delete_document(conn, row.name)
    facts = list(facts)
    conn.execute(
        "INSERT INTO documents (name, sha256, content_hash, size, mtime, status, reason, duplicate_of,"
        " title, published, source, language, fact_count, compiled_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (row.name, row.sha256, row.content_hash, row.size, row.mtime, row.status, row.reason,
         row.duplicate_of, row.title, row.published, row.source, row.language,
         sum(1 for f in facts if f["kind"] != "document"), row.compiled_at),
    )
    for fact in facts:
        cur = conn.execute(
            "INSERT INTO facts (doc, kind, year, data) VALUES (?,?,?,?)",
            (row.name, fact["kind"], _year_of(fact), json.dumps(fact, ensure_ascii=False)),
        )
        for country in _countries_of(fact):
            conn.execute("INSERT INTO fact_countries VALUES (?, ?)", (cur.lastrowid, country))
    rows = [(row.name, section, idx, text) for section, idx, text in sentences]
    if rows:
        # new FTS rows get max(rowid)+1 in turn, so one file's sentences form a contiguous range
        first = conn.execute("INSERT INTO sentences (doc, section, idx, text) VALUES (?,?,?,?)", rows[0]).lastrowid
        conn.executemany("INSERT INTO sentences (doc, section, idx, text) VALUES (?,?,?,?)", rows[1:])
        last = conn.execute("SELECT last_insert_rowid()").fetchone()[0]
        conn.execute("UPDATE documents SET first_sentence = ?, last_sentence = ? WHERE name = ?",
                     (first, last, row.name))
    return sum(1 for f in facts if f["kind"] != "document")


def _year_of(fact: dict[str, Any]) -> int | None:
    if fact["kind"] in ("budget", "acquisition"):
        return fact.get("year")
    if fact["kind"] == "event" and fact.get("date"):
        return int(str(fact["date"])[:4])
    return None


def _countries_of(fact: dict[str, Any]) -> list[str]:
    kind = fact["kind"]
    if kind == "partner":
        return [fact["country"]]
    if kind in ("acquisition", "prospect") and fact.get("supplier"):
        return [fact["supplier"]]
    if kind == "event":
        return list(dict.fromkeys(fact.get("countries") or []))
    return []


# ---------------------------------------------------------------- reads (handlers)

class FactStore:
    """The fact base as the handlers and the digest see it.

    Read-only by default (``mode=ro``): answering a question never takes the write lock, so
    it works during a compile and on a read-only medium. ``write=True`` is for the digest,
    which records deliveries and settings."""

    def __init__(self, path: Path | str, *, write: bool = False, timeout: float | None = None):
        self.path = Path(path)
        self.writable = write
        if write:
            self.conn = connect(path, timeout=WRITE_TIMEOUT if timeout is None else timeout)
        else:
            self.conn = open_reader(path, timeout=READ_TIMEOUT if timeout is None else timeout)

    def close(self) -> None:
        self.conn.close()

    def documents(self, status: str | None = "ok") -> list[sqlite3.Row]:
        if status is None:
            return list(self.conn.execute("SELECT * FROM documents ORDER BY name"))
        return list(self.conn.execute("SELECT * FROM documents WHERE status = ? ORDER BY name", (status,)))

    def document(self, name: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.conn.execute("SELECT * FROM documents WHERE name = ?", (name,)).fetchone()
        return row

    def facts(self, kind: str | None = None, doc: str | None = None) -> list[dict[str, Any]]:
        sql, args = "SELECT data FROM facts WHERE 1=1", []
        if kind:
            sql += " AND kind = ?"
            args.append(kind)
        if doc:
            sql += " AND doc = ?"
            args.append(doc)
        return [json.loads(r[0]) for r in self.conn.execute(sql + " ORDER BY id", args)]

    def facts_for_country(self, country: str, kind: str | None = None) -> list[dict[str, Any]]:
        sql = ("SELECT f.data FROM fact_countries c JOIN facts f ON f.id = c.fact_id"
               " WHERE c.country = ?")
        args: list[Any] = [country]
        if kind:
            sql += " AND f.kind = ?"
            args.append(kind)
        return [json.loads(r[0]) for r in self.conn.execute(sql + " ORDER BY f.id", args)]

    def partner_counts(self) -> dict[str, int]:
        """Countries recorded as partners, with the number of articles naming them."""
        rows = self.conn.execute(
            "SELECT c.country, COUNT(DISTINCT f.doc) FROM fact_countries c JOIN facts f ON f.id = c.fact_id"
            " WHERE f.kind = 'partner' GROUP BY c.country"
        )
        return {r[0]: r[1] for r in rows}

    SEARCH_CANDIDATES = 400

    def search_sentences(self, query: str, limit: int = 20) -> list[sqlite3.Row]:
        """Full-text search; every word of the query must occur (accents and case ignored).

        Ranking every match costs too much for a common word in a large base, so the best
        ``limit`` are chosen among the most recent ``SEARCH_CANDIDATES`` matches (rowid order
        is free in FTS5; newer files have higher rowids)."""
        words = [w for w in _fts_words(query)]
        if not words:
            return []
        match = " ".join(f'"{w}"' for w in words)
        return list(self.conn.execute(
            "WITH recent AS (SELECT bm25(sentences) AS score, doc, section, idx, text FROM sentences"
            " WHERE sentences MATCH ? ORDER BY rowid DESC LIMIT ?)"
            " SELECT doc, section, idx, text FROM recent ORDER BY score LIMIT ?",
            (match, self.SEARCH_CANDIDATES, limit),
        ))

    # Cheap change detection and bulk reads, for the handlers' in-memory snapshot.

    def change_marker(self) -> tuple[int, int]:
        """Changes every time anyone commits: another connection (``PRAGMA data_version``) or
        this one (``total_changes``). Costs microseconds, so it can be checked on every question."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0]), self.conn.total_changes

    def fingerprint(self) -> str:
        """A digest of the compiled articles and their facts: equal fingerprints, equal answers.

        ``change_marker`` also moves when only the digest's delivery records are written;
        this tells such writes apart from a compile (a few ms at 10 000 articles)."""
        import hashlib

        docs = self.conn.execute(
            "SELECT count(*), max(rowid), total(fact_count),"
            " group_concat(name || ' ' || sha256 || ' ' || compiled_at || ' ' || status, char(10))"
            " FROM documents").fetchone()
        top = self.conn.execute("SELECT max(id) FROM facts").fetchone()[0]
        return hashlib.blake2b(repr((tuple(docs), top)).encode("utf-8"), digest_size=16).hexdigest()

    def fact_items(self, skip_kind: str | None = "document") -> Iterator[tuple[int, dict[str, Any]]]:
        """(id, fact) for every fact in id order, parsed once, without the kind nobody asks for."""
        sql, args = "SELECT id, data FROM facts", []
        if skip_kind:
            sql += " WHERE kind != ?"
            args.append(skip_kind)
        cursor = self.conn.execute(sql + " ORDER BY id", args)
        while rows := cursor.fetchmany(2000):
            # One json.loads per batch: the batch shares one copy of each key string
            # (a third of the memory of 10⁵ facts parsed one by one), and parses faster.
            parsed = json.loads("[" + ",".join(r[1] for r in rows) + "]")
            yield from zip((r[0] for r in rows), parsed, strict=True)

    def fact_countries(self) -> Iterator[tuple[str, int]]:
        """(country, fact id) pairs in fact id order: the index behind ``facts_for_country``."""
        yield from self.conn.execute("SELECT country, fact_id FROM fact_countries ORDER BY fact_id")

    def setting(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))


def _fts_words(query: str) -> Iterator[str]:
    import re

    for word in re.findall(r"\w+", query):
        yield word.replace('"', "")
