"""The tables of the fact base and the migrations that bring an older file up to date.

``PRAGMA user_version`` says which migrations a file has had: ``MIGRATIONS[n]`` takes it from
version n to n + 1, inside the writer's transaction, so a file is upgraded whole or not at all.
To change the schema, append a migration; never edit one that has shipped. Files written before
``user_version`` was used (a ``meta`` table with ``schema_version`` 1 to 4) start at 0: the first
migration creates what is missing and upgrades them in place, keeping the digest's records.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

SYSTEM = "json_extract(data, '$.system')"  # an acquisition's system, as indexed (``facts_system``)

BASE_TABLES = [
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
    # The digest's records (store/deliveries.py). Kept apart from the compiled facts: a
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


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def base_schema(conn: sqlite3.Connection) -> None:
    """1: every table of a current fact base; an older file (schema_version 1-4) gets the columns
    it lacks, and the copies it recorded as 'seen' become 'noted' (they stand for no delivery)."""
    for statement in BASE_TABLES:
        conn.execute(statement)
    for column in ("first_sentence", "last_sentence"):
        if column not in _columns(conn, "documents"):
            conn.execute(f"ALTER TABLE documents ADD COLUMN {column} INTEGER")
    if "nonce" not in _columns(conn, "deliveries"):
        conn.execute("ALTER TABLE deliveries ADD COLUMN nonce TEXT")
    conn.execute("UPDATE deliveries SET state = 'noted' WHERE state = 'seen'"
                 " AND (last_error LIKE 'duplicate:%' OR last_error LIKE 'skipped:%')")
    conn.execute("DROP TABLE IF EXISTS meta")  # its schema_version is user_version now


def digest_per_target(conn: sqlite3.Connection) -> None:
    """2: the digest goes to one channel per server. Delivery records and messages name their
    target; the channel saved by ``/digest channel`` becomes the operator's channel (server not
    known yet: ``guild_id`` ''), and its records become that channel's; without one they wait as
    ``(legacy)`` for DIGEST_CHANNEL_ID's channel to claim them. Signatures (what a delivered
    version said) are kept per version, and the digest's keys leave ``settings``."""
    setting = dict(conn.execute("SELECT key, value FROM settings").fetchall())
    saved = (setting.get("digest:channel") or "").strip()
    target = saved if saved.isdigit() else "(legacy)"
    conn.execute("ALTER TABLE deliveries RENAME TO deliveries_single")
    conn.execute("""CREATE TABLE deliveries (
    target TEXT NOT NULL DEFAULT '(legacy)',  -- a channel id, 'terminal', or '(notices)' for copies
    name TEXT NOT NULL,             -- document file name
    sha256 TEXT NOT NULL,           -- the version
    state TEXT NOT NULL,            -- seen | noted | sending | posted | failed (see deliveries.py)
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    updated_at TEXT NOT NULL,
    nonce TEXT,                     -- the message that carries it (state sending or posted)
    PRIMARY KEY (target, name, sha256)
)""")
    conn.execute("INSERT INTO deliveries SELECT CASE state WHEN 'noted' THEN '(notices)' ELSE ? END, name, sha256,"
                 " state, attempts, last_error, updated_at, nonce FROM deliveries_single", (target,))
    conn.execute("DROP TABLE deliveries_single")
    conn.execute("CREATE INDEX deliveries_version ON deliveries(name, sha256)")
    conn.execute("CREATE INDEX deliveries_nonce ON deliveries(nonce)")
    conn.execute("ALTER TABLE digest_messages ADD COLUMN target TEXT NOT NULL DEFAULT '(legacy)'")
    conn.execute("UPDATE digest_messages SET target = ?", (target,))
    conn.execute("""CREATE TABLE digest_targets (
    target TEXT PRIMARY KEY,        -- a target that had its first digest (what was known then is 'seen')
    initialized_at TEXT NOT NULL
)""")
    if setting.get("digest:initialized") or conn.execute("SELECT 1 FROM deliveries WHERE target = ?",
                                                         (target,)).fetchone():
        conn.execute("INSERT INTO digest_targets VALUES (?, ?)", (target, setting.get("digest:initialized") or ""))
    conn.execute("""CREATE TABLE digest_channels (
    guild_id TEXT PRIMARY KEY,      -- the server ('' for the channel saved before servers had their own)
    channel_id TEXT NOT NULL,
    set_at TEXT NOT NULL
)""")
    if saved.isdigit():
        conn.execute("INSERT INTO digest_channels VALUES ('', ?, '')", (saved,))
    conn.execute("""CREATE TABLE digest_signatures (
    name TEXT NOT NULL, sha256 TEXT NOT NULL,
    signature TEXT NOT NULL,        -- what the version says (title, partners…), to tell what an update changed
    PRIMARY KEY (name, sha256)
)""")
    for key, value in setting.items():
        if key.startswith("digest:sig:") and value:
            last = conn.execute("SELECT sha256 FROM deliveries WHERE name = ? AND state IN ('seen', 'posted')"
                                " ORDER BY updated_at DESC, rowid DESC LIMIT 1", (key[len("digest:sig:"):],)).fetchone()
            if last is not None:
                conn.execute("INSERT OR REPLACE INTO digest_signatures VALUES (?, ?, ?)",
                             (key[len("digest:sig:"):], last[0], value))
    conn.execute("DROP TABLE settings")


def document_updated(conn: sqlite3.Connection) -> None:
    """3: the date a page says it was updated ("Mis à jour le …", "Updated …"), beside the
    publication date. A file from the single-channel releases that already has it keeps it."""
    if "updated" not in _columns(conn, "documents"):
        conn.execute("ALTER TABLE documents ADD COLUMN updated TEXT")


def feeds(conn: sqlite3.Connection) -> None:
    """4: news feeds (``facts.store.feeds``): the feeds each server follows, each feed's polling
    state (conditional GET validators, failures and back-off) and the entries already taken."""
    conn.execute("""CREATE TABLE IF NOT EXISTS feeds (
        guild_id TEXT NOT NULL, url TEXT NOT NULL, added_at TEXT NOT NULL, PRIMARY KEY (guild_id, url))""")
    conn.execute("""CREATE TABLE IF NOT EXISTS feed_state (
        url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, polled_at TEXT, failures INTEGER NOT NULL DEFAULT 0,
        next_poll REAL NOT NULL DEFAULT 0, last_error TEXT)""")
    conn.execute("""CREATE TABLE IF NOT EXISTS feed_entries (
        feed TEXT NOT NULL, entry TEXT NOT NULL, link TEXT, status TEXT NOT NULL, doc TEXT, reason TEXT,
        seen_at TEXT NOT NULL, PRIMARY KEY (feed, entry))""")
    conn.execute("CREATE INDEX IF NOT EXISTS feed_entries_link ON feed_entries (link)")


def document_servers(conn: sqlite3.Connection) -> None:
    """5: an article brought by a feed that servers added with ``/feed add`` is posted only to those
    servers' digest channels (one row per server). An article with no row — every article of an
    older file, the operator's feeds, ``/article add``, files dropped in the folder — goes to every
    channel, as before."""
    conn.execute("""CREATE TABLE IF NOT EXISTS document_servers (
        name TEXT NOT NULL, guild_id TEXT NOT NULL, PRIMARY KEY (name, guild_id))""")


def digest_languages(conn: sqlite3.Connection) -> None:
    """6: the language of each server's digest (``/digest language``); a server without a row gets
    its own preferred language."""
    conn.execute("""CREATE TABLE IF NOT EXISTS digest_languages (
        guild_id TEXT PRIMARY KEY, lang TEXT NOT NULL, set_at TEXT NOT NULL)""")


def compile_state(conn: sqlite3.Connection) -> None:
    """7: what one new article needs without reading the whole base: the spelling counts of entity
    resolution kept for the next compile (``facts.store.plan``), and an index of the acquired
    systems, so the digest tells "first mention of …" with a lookup."""
    conn.execute("CREATE TABLE IF NOT EXISTS compile_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute(f"CREATE INDEX IF NOT EXISTS facts_system ON facts({SYSTEM}) WHERE kind = 'acquisition'")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [base_schema, digest_per_target, document_updated, feeds,
                                                          document_servers, digest_languages, compile_state]
LATEST = len(MIGRATIONS)


def version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def needs_migration(conn: sqlite3.Connection) -> bool:
    return version(conn) < LATEST


def migrate(conn: sqlite3.Connection) -> None:
    """Run the migrations this file has not had, in order (inside the caller's write transaction)."""
    start = version(conn)
    for number, step in enumerate(MIGRATIONS[start:], start + 1):
        step(conn)
        conn.execute(f"PRAGMA user_version = {number}")
