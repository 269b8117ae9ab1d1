"""The compiler's indexed reads: what it needs to decide and write one new article without
reading every stored document or fact.

Why: an incremental compile of one new file used to read every ``documents`` row as a full
dataclass twice and every named event once; at 10 000 articles that was most of its time.
Here the plan reads one narrow tuple per file, the write reads full rows only for the files it
touches, duplicates are found through the ``content_hash`` index, and entity resolution reads
name counts with one aggregate query and rewrites only the events whose spelling changed.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .base import Connection
from .facts import DocumentRow, Record, document_row

CHUNK = 500  # names per ``IN (…)`` list: far below SQLite's limit on bound parameters
ENTITY_KEY = "entity_names"  # the ``compile_state`` row that keeps the last spelling → entity map
STAMP_KEY = "folder_stamp"  # the ``compile_state`` row: the folder whose names the base holds (``keep_folder_stamp``)


Looks = dict[str, tuple[int, float]]  # stored name → (size, mtime)
_KEPT: dict[tuple[int, int], tuple[tuple[int, int], Looks]] = {}  # file identity → (tallies, looks)
_KEPT_LOCK = threading.Lock()


def file_looks(conn: Connection, identity: tuple[int, int] | None = None) -> Looks:
    """name → (size, mtime) of every known file, as plain tuples (which the garbage collector
    stops tracking at once: a named tuple per file would stay tracked and make collections longer).

    With ``identity`` (the file's device and inode, ``file_identity``): the view this process kept
    after its last compile of that file, when no one changed a ``documents`` row since (the
    ``looks`` tally, moved by a trigger on every insert, update or delete) — so a process that
    compiles again and again (the digest, every minute) reads the table once, not at every look."""
    mark = _looks_mark(conn) if identity is not None else None
    if identity is not None and mark is not None:
        with _KEPT_LOCK:
            kept = _KEPT.get(identity)
        if kept is not None and kept[0] == mark:
            return dict(kept[1])
    cursor = conn.cursor()
    cursor.row_factory = None
    looks = {r[0]: (r[1], r[2]) for r in cursor.execute("SELECT name, size, mtime FROM documents")}
    if identity is not None and mark is not None:
        keep_looks(conn, identity, looks)
    return looks


def keep_looks(conn: Connection, identity: tuple[int, int], looks: Looks) -> None:
    """Keep ``looks`` as this process's view of the file: it must be what ``documents`` holds now
    (inside the writer's transaction, before its commit; ``forget_looks`` when that fails)."""
    mark = _looks_mark(conn)
    with _KEPT_LOCK:
        if mark is None:
            _KEPT.pop(identity, None)
        else:
            _KEPT[identity] = (mark, dict(looks))


def forget_looks(identity: tuple[int, int]) -> None:
    with _KEPT_LOCK:
        _KEPT.pop(identity, None)


def file_identity(path: Path | str) -> tuple[int, int] | None:
    """(device, inode) of the fact base file: a rebuilt or replaced file is another one."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def looks_mark(conn: Connection) -> tuple[int, int] | None:
    """What moves whenever a ``documents`` row changes (None: a file without these tallies)."""
    return _looks_mark(conn)


def _looks_mark(conn: Connection) -> tuple[int, int] | None:
    rows = {r[0]: r[1] for r in conn.execute("SELECT key, n FROM tallies WHERE key IN ('looks', 'documents')")}
    if "looks" not in rows or "documents" not in rows:
        return None  # a file without these tallies: read every time
    return int(rows["looks"]), int(rows["documents"])


def copies_of(conn: Connection, originals: list[str]) -> list[str]:
    """The files recorded as copies of one of ``originals`` (``documents_unused``: the files that are
    not compiled articles, not every file)."""
    out: list[str] = []
    for chunk in _chunks(originals):
        marks = ",".join("?" * len(chunk))
        out += [r[0] for r in conn.execute(f"SELECT name FROM documents WHERE status != 'ok'"
                                           f" AND duplicate_of IN ({marks}) ORDER BY rowid", chunk)]
    return out


def article_count(conn: Connection) -> int:
    """How many compiled (status ok) articles the fact base holds (kept in ``tallies``)."""
    row = conn.execute("SELECT n FROM tallies WHERE key = 'articles'").fetchone()
    if row is not None:
        return int(row[0])
    return int(conn.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0])


def _chunks(names: Iterable[str]) -> Iterator[list[str]]:
    items = list(dict.fromkeys(names))
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def documents_named(conn: Connection, names: Iterable[str]) -> dict[str, DocumentRow]:
    """The full rows of the given files that are known (by the primary key)."""
    out: dict[str, DocumentRow] = {}
    for chunk in _chunks(names):
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(f"SELECT * FROM documents WHERE name IN ({marks}) ORDER BY rowid", chunk):
            out[r["name"]] = document_row(r)
    return out


def content_owners(conn: Connection, content_hash: str) -> list[str]:
    """Compiled (status ok) files with this content, oldest row first (``documents_content`` index)."""
    return [r[0] for r in conn.execute("SELECT name FROM documents WHERE content_hash = ? AND status = 'ok'"
                                       " ORDER BY rowid", (content_hash,))]


# ---------------------------------------------------------------- entity resolution

_WRITTEN = "coalesce(json_extract(data, '$.people_as_written'), json_extract(data, '$.people'))"
_NAME = "coalesce(json_extract(data, '$.name_as_written'), json_extract(data, '$.name'))"


def events_of(conn: Connection, docs: Iterable[str]) -> list[tuple[int, Record]]:
    """(id, record) of the events of the given files."""
    out: list[tuple[int, Record]] = []
    for chunk in _chunks(docs):
        marks = ",".join("?" * len(chunk))
        out += [(r[0], json.loads(r[1])) for r in conn.execute(
            f"SELECT id, data FROM facts WHERE kind = 'event' AND doc IN ({marks}) ORDER BY id", chunk)]
    return out


def events_naming(conn: Connection, people: Iterable[str], exercises: Iterable[str]) -> list[tuple[int, Record]]:
    """(id, record) of the events that name one of these spellings (as written): the rows a change
    of canonical spelling must rewrite. Rare, so one scan of the events is fine."""
    people, exercises = sorted(set(people)), sorted(set(exercises))
    if not people and not exercises:
        return []
    sql = (f"SELECT id, data FROM facts WHERE kind = 'event' AND ("
           f" EXISTS (SELECT 1 FROM json_each({_WRITTEN}) AS j WHERE j.value IN (SELECT value FROM json_each(?)))"
           f" OR {_NAME} IN (SELECT value FROM json_each(?))) ORDER BY id")
    return [(r[0], json.loads(r[1])) for r in conn.execute(sql, (json.dumps(people), json.dumps(exercises)))]


def _state(conn: Connection, key: str) -> Any:
    """The JSON value a ``compile_state`` row keeps, or None (none, unreadable, or a base from before
    the table)."""
    try:
        row = conn.execute("SELECT value FROM compile_state WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError:
        return None
    if row is None:
        return None
    try:
        return json.loads(row[0])
    except (TypeError, ValueError):
        return None


def _keep_state(conn: Connection, key: str, text: str) -> None:
    conn.execute("INSERT INTO compile_state (key, value) VALUES (?, ?)"
                 " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, text))


def saved_entities(conn: Connection) -> dict[str, Any] | None:
    """The spelling → entity maps of the last resolution, or None (never saved, or unreadable)."""
    saved = _state(conn, ENTITY_KEY)
    return saved if isinstance(saved, dict) else None


def save_entities(conn: Connection, maps: dict[str, Any]) -> None:
    _keep_state(conn, ENTITY_KEY, json.dumps(maps, ensure_ascii=False, sort_keys=True))


def event_marker(conn: Connection) -> list[int]:
    """(number of events, highest fact id): moves whenever events are written or deleted, so saved
    name counts are known to belong to this very fact base (the events kept in ``tallies``, the
    primary key: no count of the events, which was 16 ms at 100 000 articles)."""
    kept = dict(conn.execute("SELECT key, n FROM tallies WHERE key IN ('documents', 'kind:event')").fetchall())
    if "documents" in kept:  # a file with tallies (``schema.summary``): the count kept by its triggers
        events = kept.get("kind:event", 0)
    else:
        events = conn.execute("SELECT count(*) FROM facts WHERE kind = 'event'").fetchone()[0]
    top = conn.execute("SELECT max(id) FROM facts").fetchone()[0]
    return [int(events), int(top or 0)]


# ---------------------------------------------------------------- the folder the base matches

def keep_folder_stamp(conn: Connection, stamp: list[object]) -> None:
    """Record that the base now holds every name of the folder ``stamp`` describes (its link
    policy, device, inode and mtime, taken before the compile looked at it), with the ``looks``
    mark as it stands after this compile's writes: any later write of a ``documents`` row, by
    this or another compile, moves the mark and so voids the stamp (``folder_stamp``).
    Written only when it differs, so a compile with nothing to do stays a reader."""
    text = json.dumps([*stamp, _looks_mark(conn)])
    if _state(conn, STAMP_KEY) != json.loads(text):
        _keep_state(conn, STAMP_KEY, text)


def folder_stamp(conn: Connection) -> list[object] | None:
    """The stamp of the folder the base last matched, or None when there is none or a
    ``documents`` row changed since it was recorded."""
    kept = _state(conn, STAMP_KEY)
    mark = _looks_mark(conn)
    if not isinstance(kept, list) or not kept or mark is None or kept[-1] != list(mark):
        return None
    return list(kept[:-1])
