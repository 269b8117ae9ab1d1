"""The compiled articles: documents, facts, countries, sentences — written by the compiler, read
by the handlers and the digest.

A fact is stored as its dump record (JSON, ``python -m facts dump``) plus indexed columns;
it leaves the store as a typed dataclass (``facts.models``). The compiler changes the file in a
single short transaction, so a crash or Ctrl-C leaves the previous fact base intact. Readers
(``FactStore``) open it read-only and never take the write lock.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TypeVar

from ..lexicon import fold
from ..models import Fact, fact_from_json
from . import ranking
from .base import READ_TIMEOUT, Connection, open_reader, quick_check, translated
from .schema import SUMMARY, claim_key
from .vocab import note_words, phrases

T = TypeVar("T")
Record = dict[str, Any]  # a fact as the dump prints it


@dataclass
class DocumentRow:
    """One file of the seeds folder as the fact base knows it."""

    name: str
    sha256: str
    size: int
    mtime: float
    status: str  # ok | duplicate | skipped
    compiled_at: str
    content_hash: str | None = None
    reason: str | None = None
    duplicate_of: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None
    updated: str | None = None  # "Mis à jour le …" / "Updated …" on the page
    fact_count: int = 0


_DOCUMENT_FIELDS = tuple(f.name for f in fields(DocumentRow))


def document_row(row: Any) -> DocumentRow:
    """A ``documents`` row as its dataclass."""
    keys = set(row.keys())
    return DocumentRow(**{name: row[name] for name in _DOCUMENT_FIELDS if name in keys})


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article, as the full-text search finds it."""

    doc: str
    section: str
    idx: int
    text: str


# ---------------------------------------------------------------- writes (compiler)

def known_documents(conn: Connection) -> dict[str, DocumentRow]:
    return {r["name"]: document_row(r) for r in conn.execute("SELECT * FROM documents")}


def delete_document(conn: Connection, name: str) -> None:
    row = conn.execute("SELECT first_sentence, last_sentence, status FROM documents WHERE name = ?",
                       (name,)).fetchone()
    if row is None:
        return
    if row[0] is not None:
        conn.execute("DELETE FROM sentences WHERE rowid BETWEEN ? AND ?", (row[0], row[1]))
    elif row[2] == "ok":  # compiled before rowid ranges were recorded: the slow way
        conn.execute("DELETE FROM sentences WHERE doc = ?", (name,))
    conn.execute("DELETE FROM documents WHERE name = ?", (name,))


def touch_document(conn: Connection, name: str, size: int, mtime: float) -> None:
    """Same bytes, new size or mtime on disk (a copy, a ``touch``): remember them, change nothing else."""
    conn.execute("UPDATE documents SET mtime = ?, size = ? WHERE name = ?", (mtime, size, name))


def write_document(
    conn: Connection,
    row: DocumentRow,
    facts: Iterable[Record] = (),
    sentences: Iterable[tuple[str, int, str]] = (),
    new: bool = False,
) -> int:
    """Replace everything known about one file. Returns the number of facts written.
    ``new=True`` (the file was never compiled) skips looking for old rows."""
    if not new:
        delete_document(conn, row.name)
    facts = list(facts)
    count = sum(1 for f in facts if f["kind"] != "document")
    conn.execute(
        "INSERT INTO documents (name, sha256, content_hash, size, mtime, status, reason, duplicate_of,"
        " title, published, source, language, updated, fact_count, compiled_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (row.name, row.sha256, row.content_hash, row.size, row.mtime, row.status, row.reason,
         row.duplicate_of, row.title, row.published, row.source, row.language, row.updated, count,
         row.compiled_at),
    )
    for fact in facts:
        cur = conn.execute(
            "INSERT INTO facts (doc, kind, year, data, claim) VALUES (?,?,?,?,?)",
            (row.name, fact["kind"], _year_of(fact), json.dumps(fact, ensure_ascii=False), claim_key(fact)),
        )
        for country in _countries_of(fact):
            conn.execute("INSERT INTO fact_countries VALUES (?, ?)", (cur.lastrowid, country))
    rows = [(row.name, section, idx, text) for section, idx, text in sentences]
    if rows:
        # new FTS rows get max(rowid)+1 in turn, so one file's sentences form a contiguous range
        first = conn.execute("INSERT INTO sentences (doc, section, idx, text) VALUES (?,?,?,?)", rows[0]).lastrowid
        conn.executemany("INSERT INTO sentences (doc, section, idx, text) VALUES (?,?,?,?)", rows[1:])
        last = conn.execute("SELECT last_insert_rowid()").fetchone()[0]
        note_words(conn, (r[3] for r in rows))
        conn.execute("UPDATE documents SET first_sentence = ?, last_sentence = ? WHERE name = ?",
                     (first, last, row.name))
    return count


def named_events(conn: Connection) -> list[tuple[int, Record]]:
    """(id, record) of the events that name someone or an exercise: what entity resolution reads."""
    named = "data LIKE '%\"people\": [\"%' OR data LIKE '%\"name\": \"%'"
    return [(r[0], json.loads(r[1])) for r in conn.execute(f"SELECT id, data FROM facts WHERE kind = 'event'"
                                                           f" AND ({named})")]


def rewrite_fact(conn: Connection, fact_id: int, record: Record) -> None:
    conn.execute("UPDATE facts SET data = ? WHERE id = ?", (json.dumps(record, ensure_ascii=False), fact_id))


def counts(conn: Connection) -> tuple[int, int]:
    """(compiled articles, facts) — read in full, so damage in these tables shows up."""
    docs = conn.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0]
    facts = conn.execute("SELECT count(*) FROM facts").fetchone()[0]
    return int(docs), int(facts)


def _year_of(fact: Record) -> int | None:
    if fact["kind"] in ("budget", "acquisition"):
        return fact.get("year")
    if fact["kind"] == "event" and fact.get("date"):
        return int(str(fact["date"])[:4])
    return None


def _countries_of(fact: Record) -> list[str]:
    kind = fact["kind"]
    if kind == "partner":
        return [fact["country"]]
    if kind in ("acquisition", "prospect") and fact.get("supplier"):
        return [fact["supplier"]]
    if kind == "event":
        return list(dict.fromkeys(fact.get("countries") or []))
    return []


# ---------------------------------------------------------------- reads

class FactStore:
    """The fact base as the handlers, the digest and the dump read it, opened read-only
    (``mode=ro``): answering a question never takes the write lock, so it works during a compile
    and on a read-only medium. Every SQLite error leaves as a ``FactBaseError``."""

    SEARCH_CANDIDATES = 400

    def __init__(self, path: Path | str, *, timeout: float = READ_TIMEOUT):
        self.path = Path(path)
        self.conn = open_reader(path, timeout=timeout)

    def close(self) -> None:
        self.conn.close()

    def _query(self, sql: str, args: Iterable[Any] = ()) -> list[Any]:
        with translated(self.path):
            return list(self.conn.execute(sql, tuple(args)))

    def documents(self, status: str | None = "ok") -> list[DocumentRow]:
        if status is None:
            return [document_row(r) for r in self._query("SELECT * FROM documents ORDER BY name")]
        return [document_row(r) for r in self._query("SELECT * FROM documents WHERE status = ? ORDER BY name",
                                                  (status,))]

    def document(self, name: str) -> DocumentRow | None:
        rows = self._query("SELECT * FROM documents WHERE name = ?", (name,))
        return document_row(rows[0]) if rows else None

    def facts(self, kind: str | None = None, doc: str | None = None) -> list[Record]:
        """The stored records as the dump prints them (JSON objects): for the dump and for tests
        comparing two fact bases. Code that uses facts reads them typed (``fact_items``…)."""
        sql, args = "SELECT data FROM facts WHERE 1=1", []
        if kind:
            sql += " AND kind = ?"
            args.append(kind)
        if doc:
            sql += " AND doc = ?"
            args.append(doc)
        return [json.loads(r[0]) for r in self._query(sql + " ORDER BY id", args)]

    def fact_items(self, make: Callable[[Record], Fact] = fact_from_json) -> Iterator[tuple[int, Fact]]:
        """(id, fact) for every fact in id order, parsed once, documents left out."""
        with translated(self.path):
            cursor = self.conn.execute("SELECT id, data FROM facts WHERE kind != 'document' ORDER BY id")
            while rows := cursor.fetchmany(2000):
                # One json.loads per batch: the batch shares one copy of each key string, and parses faster.
                parsed = json.loads("[" + ",".join(r[1] for r in rows) + "]")
                yield from zip((r[0] for r in rows), map(make, parsed), strict=True)

    def compiled_facts(self, kind: str, country: str | None = None) -> list[tuple[int, Record]]:
        """(id, record) of the facts of one kind from compiled (status ok) articles, in id order;
        with ``country``, only those filed under it (``fact_countries`` index). What one answer
        needs, read when it is first asked instead of parsing the whole base at start-up."""
        ok = "JOIN documents d ON d.name = f.doc AND d.status = 'ok'"
        args: tuple[str, ...]
        if country is None:
            sql, args = f"SELECT f.id, f.data FROM facts f {ok} WHERE f.kind = ? ORDER BY f.id", (kind,)
        else:
            sql = (f"SELECT f.id, f.data FROM fact_countries c JOIN facts f ON f.id = c.fact_id {ok}"
                   " WHERE c.country = ? AND f.kind = ? ORDER BY f.id")
            args = (country, kind)
        rows = self._query(sql, args)
        if not rows:
            return []
        # One json.loads for all: the records share one copy of each key string, and parse faster.
        parsed = json.loads("[" + ",".join(r[1] for r in rows) + "]")
        return list(zip((r[0] for r in rows), parsed, strict=True))

    def summarised(self) -> bool:
        """Whether the file keeps its tallies (``schema.summary``): a file no writer has upgraded yet
        is counted the slow way."""
        return int(self._query("PRAGMA user_version")[0][0]) >= SUMMARY

    def tallies(self, *keys: str) -> dict[str, int]:
        """The kept counts (``tallies`` table) of the given keys, or of every key."""
        if keys:
            marks = ",".join("?" * len(keys))
            return {r[0]: int(r[1]) for r in self._query(f"SELECT key, n FROM tallies WHERE key IN ({marks})", keys)}
        return {r[0]: int(r[1]) for r in self._query("SELECT key, n FROM tallies")}

    def document_counts(self) -> tuple[int, int]:
        """(compiled articles, files not used: duplicates and skipped)."""
        if self.summarised():
            kept = self.tallies("articles", "documents")
            return kept["articles"], kept["documents"] - kept["articles"]
        row = self._query("SELECT total(status = 'ok'), count(*) FROM documents")[0]
        return int(row[0]), int(row[1]) - int(row[0])

    def kind_counts(self) -> dict[str, int]:
        """Facts of compiled articles per kind (/help's figures), as kept when they were written
        (only compiled articles have facts). An older file: every fact counted through the
        ``facts_kind`` index, less those of the few files that are not compiled (their facts, if any)."""
        if self.summarised():
            return {key[len("kind:"):]: n for key, n in self.tallies().items() if key.startswith("kind:") and n > 0}
        counts = {r[0]: int(r[1]) for r in self._query("SELECT kind, count(*) FROM facts GROUP BY kind")}
        for kind, n in self._query("SELECT f.kind, count(*) FROM documents d JOIN facts f ON f.doc = d.name"
                                   " WHERE d.status != 'ok' GROUP BY f.kind"):
            counts[kind] -= int(n)
        return counts

    def claim_count(self) -> int:
        """How many distinct acquisition claims the compiled articles make (``schema.claim_key``):
        kept as they are written; counted from the acquisitions when the file has no tallies yet or
        an older compiler wrote acquisitions without their key."""
        if self.summarised():
            kept = self.tallies("claims", "unkeyed")
            if kept.get("unkeyed", 0) == 0:
                return kept["claims"]
        return len({(fold(k[0] or ""), *k[1:]) for k in self.claim_keys()})

    def claim_keys(self) -> list[tuple[Any, ...]]:
        """(system, supplier, status, quantity, year) of each acquisition of a compiled article, as
        its dataclass would hold them (a missing status is "ordered"): what makes claims one, read
        with one JSON parse per fact in SQLite instead of building every fact."""
        paths = ", ".join(f"'$.{name}'" for name in ("system", "supplier", "status", "quantity", "year"))
        missing = "json_type(f.data, '$.status') IS NULL"
        rows = self._query(f"SELECT json_extract(f.data, {paths}), {missing} FROM facts f JOIN documents d"
                           " ON d.name = f.doc AND d.status = 'ok' WHERE f.kind = 'acquisition'")
        keys = json.loads("[" + ",".join(r[0] for r in rows) + "]") if rows else []
        for key, (_, no_status) in zip(keys, rows, strict=True):
            if no_status:
                key[2] = "ordered"
        return [tuple(k) for k in keys]

    def query_plan(self, sql: str, args: Iterable[Any] = ()) -> list[str]:
        """SQLite's plan for ``sql`` (``EXPLAIN QUERY PLAN``), one line per step: which index a
        query uses, for the tests that keep the incremental paths indexed."""
        return [str(r[3]) for r in self._query("EXPLAIN QUERY PLAN " + sql, args)]

    def pin_version(self) -> None:
        """Open a read transaction and leave it open: everything this connection reads from now on
        sees this one version of the file (a snapshot's own connection; closing it ends that)."""
        with translated(self.path):
            if not self.conn.in_transaction:
                self.conn.execute("BEGIN")
                self.conn.execute("SELECT count(*) FROM documents").fetchone()  # the version is taken here

    def file_looks(self) -> dict[str, tuple[int, float]]:
        """Every known file's (size, mtime): whether the folder changed, without full rows (plain
        tuples, which the garbage collector stops tracking)."""
        with translated(self.path):
            cursor = self.conn.cursor()
            cursor.row_factory = None
            return {r[0]: (r[1], r[2]) for r in cursor.execute("SELECT name, size, mtime FROM documents")}

    def folder_stamp(self) -> list[object] | None:
        """The stamp of the folder whose names this base holds (``plan.folder_stamp``)."""
        from .plan import folder_stamp  # plan builds on this module's rows

        with translated(self.path):
            return folder_stamp(self.conn)

    def facts_by_doc(self, docs: set[str] | None = None) -> dict[str, list[Fact]]:
        """Facts grouped by article, in one query; only the given articles when ``docs`` is set."""
        grouped: dict[str, list[Fact]] = {}
        sql, args = "SELECT doc, data FROM facts WHERE kind != 'document'", list(docs or [])
        if docs is not None:
            sql += f" AND doc IN ({','.join('?' * len(args))})"
        for doc, data in self._query(sql + " ORDER BY id", args):
            grouped.setdefault(doc, []).append(fact_from_json(json.loads(data)))
        return grouped

    def fact_countries(self) -> Iterator[tuple[str, int]]:
        """(country, fact id) pairs in fact id order: which facts concern which country."""
        with translated(self.path):
            yield from self.conn.execute("SELECT country, fact_id FROM fact_countries ORDER BY fact_id")

    def partner_counts(self) -> dict[str, int]:
        """Countries recorded as partners, with the number of articles naming them."""
        if self.summarised():
            return {r[0]: int(r[1]) for r in self._query("SELECT country, articles FROM partner_tallies")}
        rows = self._query(
            "SELECT c.country, COUNT(DISTINCT f.doc) FROM fact_countries c JOIN facts f ON f.id = c.fact_id"
            " WHERE f.kind = 'partner' GROUP BY c.country")
        return {r[0]: r[1] for r in rows}

    def match(self, query: str) -> str:
        """The MATCH text of ``query``, '' when nothing can match (``vocab.phrases``)."""
        found = phrases(self._query, query)
        return "" if any(not m for m, _ in found) else " AND ".join(m for m, _ in found)

    def search_sentences(self, query: str, limit: int = 20) -> list[Sentence]:
        """Full-text search; every word of the query must occur, as a prefix of a word of the
        sentence, accents, case and a plural ending ignored (``search_terms``); the best
        ``limit`` by ``bm25()`` among the most recent ``SEARCH_CANDIDATES`` (``ranking.search``)."""
        return [Sentence(r[0], r[1], int(r[2]), r[3])
                for r in ranking.search(self._query, query, self.SEARCH_CANDIDATES, limit)]

    def count_matches(self, query: str) -> dict[str, int]:
        """How many sentences of each article match ``query`` (the same match as the search):
        the true number of matches, whatever the search shows."""
        match = self.match(query)
        if not match:
            return {}
        return {r[0]: int(r[1]) for r in self._query(
            "SELECT doc, count(*) FROM sentences WHERE sentences MATCH ? GROUP BY doc", (match,))}

    def counts(self) -> tuple[int, int]:
        with translated(self.path):
            return counts(self.conn)

    def quick_check(self) -> list[str]:
        with translated(self.path):
            return quick_check(self.conn)

    # Cheap change detection, for the handlers' in-memory snapshot.

    def change_marker(self) -> tuple[int, int]:
        """Changes every time anyone commits: another connection (``PRAGMA data_version``) or
        this one (``total_changes``). Costs microseconds, so it can be checked on every question."""
        with translated(self.path):
            return int(self.conn.execute("PRAGMA data_version").fetchone()[0]), self.conn.total_changes

    def fingerprint(self) -> str:
        """A digest of the compiled articles and their facts: equal fingerprints, equal answers.

        ``change_marker`` also moves when only the digest's delivery records are written;
        this tells such writes apart from a compile. A file with tallies: the version its triggers
        move with every change to a document or a fact, with the counts and highest ids (microseconds);
        an older file: every document's name, hash, compile time and status (a few ms at 10 000)."""
        if self.summarised():
            kept = self.tallies("version", "documents", "articles")
            tops = self._query("SELECT (SELECT max(rowid) FROM documents), (SELECT max(id) FROM facts)")[0]
            key = ("tallies", kept["version"], kept["documents"], kept["articles"], tops[0], tops[1])
            return hashlib.blake2b(repr(key).encode("utf-8"), digest_size=16).hexdigest()
        docs = self._query(
            "SELECT count(*), max(rowid), total(fact_count),"
            " group_concat(name || ' ' || sha256 || ' ' || compiled_at || ' ' || status, char(10))"
            " FROM documents")[0]
        top = self._query("SELECT max(id) FROM facts")[0][0]
        return hashlib.blake2b(repr((tuple(docs), top)).encode("utf-8"), digest_size=16).hexdigest()

    @contextmanager
    def one_version(self) -> Iterator[None]:
        """Everything read inside sees the same version of the file (one read transaction)."""
        own = not self.conn.in_transaction
        with translated(self.path):
            if own:
                self.conn.execute("BEGIN")
            try:
                yield
            finally:
                if own:
                    self.conn.execute("COMMIT")
