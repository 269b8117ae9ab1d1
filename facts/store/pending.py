"""Which articles a digest target has not had yet, without reading every article each time.

Why: the pending check used to be an anti-join of every compiled article against the delivery
records, at every digest run and for every target: ~0.2 s at 100 000 articles, for the one article
that arrived. Now each target keeps a *cursor* (``digest_cursors``): how far it has looked in the
log of changes (``document_changes``), and what it was still owed then (``digest_owed``). Its
pending articles are the ones changed after the cursor and the ones still owed, each checked
against the same rule as before (``RULE``); a target without a cursor — the first run after the
upgrade, a rebuilt file, a new target, a target whose server changed — checks every article once.

The log holds one row per file name, with a sequence number (``AUTOINCREMENT``: never reused, so
a change written after a cursor was taken always sorts after it). Triggers, not the callers, move
a name to the end of the log whenever something that decides whether it is pending changes:

- its ``documents`` row is written (a new article, a new version, another status); a removed
  file leaves the log;
- its servers (``document_servers``: an article brought by a server's feed, or a server's feed
  bringing one another server's feed brought first);
- a delivery record of it leaves a state that counts as delivered (``DONE``), is deleted, or a
  record that is not one of those states is written (an older file's ``failed`` records).

Anything else only takes articles *out* of a target's pending set (a record written as ``seen``,
``sending`` or ``posted``), which the check drops by itself. So the pending set read with a cursor
is the one the full anti-join gives (``tests/test_pending_cursor.py`` checks that over random
histories). Triggers keep the log whatever writes (an older release of this code, a rebuild).
"""

from __future__ import annotations

import sqlite3
from typing import Any

DONE = ("seen", "sending", "posted")  # a version in one of these states is not pending for its target
# (the triggers of migration 10 spell these states out: another list needs a migration that recreates them)
_DONE = "(" + ", ".join(f"'{s}'" for s in DONE) + ")"

# An article (status ok) whose current version this target has neither had nor is being sent; with a
# server, only the articles for every server or for that one (``Deliveries.pending``).
RULE = ("d.status = 'ok' AND NOT EXISTS (SELECT 1 FROM deliveries v WHERE v.target = :target AND v.name = d.name"
        f" AND v.sha256 = d.sha256 AND v.state IN {_DONE})")
FOR_SERVER = (" AND (NOT EXISTS (SELECT 1 FROM document_servers s WHERE s.name = d.name)"
              " OR EXISTS (SELECT 1 FROM document_servers s WHERE s.name = d.name AND s.guild_id = :server))")
ORDER = " ORDER BY d.published IS NULL, d.published, d.name"
SINCE = (" AND d.name IN (SELECT name FROM document_changes WHERE seq > :seq"
         " UNION SELECT name FROM digest_owed WHERE target = :target)")


def _moves(name: str) -> str:
    """Trigger statements that put ``name`` (NEW.x or OLD.x) at the end of the log: two plain
    statements, since an ``OR IGNORE`` of the statement that fired the trigger would apply to an
    upsert inside it too and leave the old sequence number."""
    return (f"DELETE FROM document_changes WHERE name = {name};"
            f" INSERT INTO document_changes (name) VALUES ({name});")


PENDING_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS pending_document_in AFTER INSERT ON documents BEGIN
    {_moves('NEW.name')}
END""",
    f"""CREATE TRIGGER IF NOT EXISTS pending_document_change AFTER UPDATE OF name, sha256, status ON documents BEGIN
    {_moves('NEW.name')}
END""",
    """CREATE TRIGGER IF NOT EXISTS pending_document_out AFTER DELETE ON documents BEGIN
    DELETE FROM document_changes WHERE name = OLD.name;
END""",
    f"""CREATE TRIGGER IF NOT EXISTS pending_servers_in AFTER INSERT ON document_servers BEGIN
    {_moves('NEW.name')}
END""",
    f"""CREATE TRIGGER IF NOT EXISTS pending_servers_out AFTER DELETE ON document_servers BEGIN
    {_moves('OLD.name')}
END""",
    f"""CREATE TRIGGER IF NOT EXISTS pending_servers_change AFTER UPDATE ON document_servers BEGIN
    {_moves('OLD.name')} {_moves('NEW.name')}
END""",
    f"""CREATE TRIGGER IF NOT EXISTS pending_delivery_in AFTER INSERT ON deliveries
    WHEN NEW.state NOT IN {_DONE} BEGIN
    {_moves('NEW.name')}
END""",
    f"""CREATE TRIGGER IF NOT EXISTS pending_delivery_change AFTER UPDATE OF target, name, sha256, state ON deliveries
    WHEN OLD.state IN {_DONE} AND (NEW.state NOT IN {_DONE} OR NEW.target IS NOT OLD.target
        OR NEW.name IS NOT OLD.name OR NEW.sha256 IS NOT OLD.sha256) BEGIN
    {_moves('OLD.name')}
END""",
    f"""CREATE TRIGGER IF NOT EXISTS pending_delivery_out AFTER DELETE ON deliveries
    WHEN OLD.state IN {_DONE} BEGIN
    {_moves('OLD.name')}
END""",
]


def pending_cursor(conn: sqlite3.Connection) -> None:
    """10: the log of changes that can make an article pending, and each digest target's cursor in
    it (see the module's docstring). The log starts empty and no target has a cursor, so the first
    pending check of each target after the upgrade reads every article, as before, once."""
    conn.execute("""CREATE TABLE IF NOT EXISTS document_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- the order of the changes, never reused
        name TEXT NOT NULL UNIQUE               -- a file name (its last change only)
    )""")
    conn.execute("""CREATE TABLE IF NOT EXISTS digest_cursors (
        target TEXT PRIMARY KEY,
        server TEXT,                    -- the server the target was checked for (None: every article)
        seq INTEGER NOT NULL            -- every change up to this one was looked at
    )""")
    conn.execute("""CREATE TABLE IF NOT EXISTS digest_owed (
        target TEXT NOT NULL, name TEXT NOT NULL,  -- pending for the target when its cursor was taken
        PRIMARY KEY (target, name)
    ) WITHOUT ROWID""")
    for trigger in PENDING_TRIGGERS:
        conn.execute(trigger)


def pending_rows(conn: sqlite3.Connection, target: str, server: str | None) -> list[Any]:
    """The ``documents`` rows pending for ``target`` (see ``Deliveries.pending``), in digest order,
    and the target's cursor moved past them. Call inside a write transaction: the log's end, the
    rows and the new cursor must be one view of the file."""
    args: dict[str, Any] = {"target": target, "server": server}
    cursor = conn.execute("SELECT seq FROM digest_cursors WHERE target = ? AND server IS ?",
                          (target, server)).fetchone()
    args["seq"] = -1 if cursor is None else int(cursor[0])
    top = int(conn.execute("SELECT coalesce(max(seq), 0) FROM document_changes").fetchone()[0])
    sql = "SELECT d.* FROM documents d WHERE " + RULE + ("" if server is None else FOR_SERVER)
    rows = conn.execute(sql + ("" if cursor is None else SINCE) + ORDER, args).fetchall()
    names = {str(r["name"]) for r in rows}
    owed = {str(r[0]) for r in conn.execute("SELECT name FROM digest_owed WHERE target = ?", (target,))}
    if owed != names:
        conn.executemany("DELETE FROM digest_owed WHERE target = ? AND name = ?", [(target, n) for n in owed - names])
        conn.executemany("INSERT INTO digest_owed VALUES (?, ?)", [(target, n) for n in sorted(names - owed)])
    if cursor is None or int(cursor[0]) != top:
        conn.execute("INSERT INTO digest_cursors VALUES (?, ?, ?) ON CONFLICT (target) DO UPDATE SET"
                     " server = excluded.server, seq = excluded.seq", (target, server, top))
    return rows
