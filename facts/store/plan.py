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
from collections.abc import Iterable, Iterator
from typing import Any

from .base import Connection
from .facts import DocumentRow, Record, document_row

CHUNK = 500  # names per ``IN (…)`` list: far below SQLite's limit on bound parameters
ENTITY_KEY = "entity_names"  # the ``compile_state`` row that keeps the last spelling → entity map


def file_looks(conn: Connection) -> dict[str, tuple[int, float]]:
    """name → (size, mtime) of every known file, as plain tuples (which the garbage collector
    stops tracking at once: a named tuple per file would stay tracked and make collections longer)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    return {r[0]: (r[1], r[2]) for r in cursor.execute("SELECT name, size, mtime FROM documents")}


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


def saved_entities(conn: Connection) -> dict[str, Any] | None:
    """The spelling → entity maps of the last resolution, or None (never saved, or unreadable)."""
    row = conn.execute("SELECT value FROM compile_state WHERE key = ?", (ENTITY_KEY,)).fetchone()
    if row is None:
        return None
    try:
        saved = json.loads(row[0])
    except (TypeError, ValueError):
        return None
    return saved if isinstance(saved, dict) else None


def save_entities(conn: Connection, maps: dict[str, Any]) -> None:
    text = json.dumps(maps, ensure_ascii=False, sort_keys=True)
    conn.execute("INSERT INTO compile_state (key, value) VALUES (?, ?)"
                 " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (ENTITY_KEY, text))


def event_marker(conn: Connection) -> list[int]:
    """(number of events, highest fact id): moves whenever events are written or deleted, so saved
    name counts are known to belong to this very fact base (covering index and primary key: cheap)."""
    events = conn.execute("SELECT count(*) FROM facts WHERE kind = 'event'").fetchone()[0]
    top = conn.execute("SELECT max(id) FROM facts").fetchone()[0]
    return [int(events), int(top or 0)]
