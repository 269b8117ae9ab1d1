"""The tables of the fact base and the migrations that bring an older file up to date.

``PRAGMA user_version`` says which migrations a file has had: ``MIGRATIONS[n]`` takes it from
version n to n + 1, inside the writer's transaction, so a file is upgraded whole or not at all.
To change the schema, append a migration; never edit one that has shipped. Files written before
``user_version`` was used (a ``meta`` table with ``schema_version`` 1 to 4) start at 0: the first
migration creates what is missing and upgrades them in place, keeping the digest's records.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from ..lexicon import fold
from .pending import pending_cursor
from .vocab import TOKENIZER, fill_words

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
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS sentences USING fts5(
    doc UNINDEXED, section UNINDEXED, idx UNINDEXED, text,
    tokenize = '{TOKENIZER}'
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


def claim_key(record: dict[str, Any]) -> str | None:
    """What makes two acquisitions one claim (``handlers.cooperation.one_per_claim``): the system
    (folded), supplier, status (missing: "ordered"), quantity and year, as one JSON text; None
    for a fact of another kind. Stored in ``facts.claim`` so the claims are counted as they are
    written, not by reading every acquisition."""
    if record.get("kind") != "acquisition":
        return None
    status = record.get("status", "ordered")
    key = [fold(record.get("system") or ""), record.get("supplier"), status, record.get("quantity"),
           record.get("year")]
    # 2 and 2.0 are one claim, as in a Python set
    return json.dumps([int(v) if isinstance(v, float) and v.is_integer() else v for v in key],
                      ensure_ascii=False)


SUMMARY_TRIGGERS = [
    # documents: how many files, how many compiled articles, and a version that moves with any change
    # to what they say (not with a touch of size or mtime): the readers' fingerprint
    """CREATE TRIGGER IF NOT EXISTS tally_document_in AFTER INSERT ON documents BEGIN
    UPDATE tallies SET n = n + 1 WHERE key IN ('documents', 'version', 'looks');
    UPDATE tallies SET n = n + 1 WHERE key = 'articles' AND NEW.status = 'ok';
END""",
    """CREATE TRIGGER IF NOT EXISTS tally_document_out AFTER DELETE ON documents BEGIN
    UPDATE tallies SET n = n - 1 WHERE key = 'documents';
    UPDATE tallies SET n = n + 1 WHERE key IN ('version', 'looks');
    UPDATE tallies SET n = n - 1 WHERE key = 'articles' AND OLD.status = 'ok';
END""",
    """CREATE TRIGGER IF NOT EXISTS tally_document_change AFTER UPDATE OF name, sha256, content_hash, status, reason,
    duplicate_of, title, published, source, language, updated, fact_count, compiled_at ON documents BEGIN
    UPDATE tallies SET n = n + 1 WHERE key = 'version';
    UPDATE tallies SET n = n + (NEW.status = 'ok') - (OLD.status = 'ok') WHERE key = 'articles';
END""",
    # any change to a file's row, a touch of its size or mtime included: the compiler's kept view of
    # the known files (``plan.file_looks``) is still right while this has not moved
    """CREATE TRIGGER IF NOT EXISTS tally_document_look AFTER UPDATE ON documents BEGIN
    UPDATE tallies SET n = n + 1 WHERE key = 'looks';
END""",
    # facts: per kind; partners per (country, article); claims (acquisitions written without a claim
    # key, by a compiler older than these tallies, are counted apart: then the claims are not trusted)
    """CREATE TRIGGER IF NOT EXISTS tally_fact_in AFTER INSERT ON facts BEGIN
    INSERT INTO tallies (key, n) VALUES ('kind:' || NEW.kind, 1) ON CONFLICT(key) DO UPDATE SET n = n + 1;
    UPDATE tallies SET n = n + 1 WHERE key = 'unkeyed' AND NEW.kind = 'acquisition' AND NEW.claim IS NULL;
    INSERT INTO partner_articles (country, doc, facts) SELECT json_extract(NEW.data, '$.country'), NEW.doc, 1
        WHERE NEW.kind = 'partner' AND json_extract(NEW.data, '$.country') IS NOT NULL
        ON CONFLICT(country, doc) DO UPDATE SET facts = facts + 1;
    INSERT INTO claims (claim, facts) SELECT NEW.claim, 1 WHERE NEW.claim IS NOT NULL
        ON CONFLICT(claim) DO UPDATE SET facts = facts + 1;
END""",
    """CREATE TRIGGER IF NOT EXISTS tally_fact_out AFTER DELETE ON facts BEGIN
    UPDATE tallies SET n = n - 1 WHERE key = 'kind:' || OLD.kind;
    UPDATE tallies SET n = n - 1 WHERE key = 'unkeyed' AND OLD.kind = 'acquisition' AND OLD.claim IS NULL;
    UPDATE partner_articles SET facts = facts - 1
        WHERE OLD.kind = 'partner' AND country = json_extract(OLD.data, '$.country') AND doc = OLD.doc;
    DELETE FROM partner_articles WHERE OLD.kind = 'partner' AND country = json_extract(OLD.data, '$.country')
        AND doc = OLD.doc AND facts <= 0;
    UPDATE claims SET facts = facts - 1 WHERE claim = OLD.claim;
    DELETE FROM claims WHERE claim = OLD.claim AND facts <= 0;
END""",
    """CREATE TRIGGER IF NOT EXISTS tally_fact_change AFTER UPDATE OF doc, kind, data, claim ON facts BEGIN
    UPDATE tallies SET n = n + 1 WHERE key = 'version';
END""",
    # partners: how many articles name each country (rows of partner_articles per country)
    """CREATE TRIGGER IF NOT EXISTS tally_partner_in AFTER INSERT ON partner_articles BEGIN
    INSERT INTO partner_tallies (country, articles) VALUES (NEW.country, 1)
        ON CONFLICT(country) DO UPDATE SET articles = articles + 1;
END""",
    """CREATE TRIGGER IF NOT EXISTS tally_partner_out AFTER DELETE ON partner_articles BEGIN
    UPDATE partner_tallies SET articles = articles - 1 WHERE country = OLD.country;
    DELETE FROM partner_tallies WHERE country = OLD.country AND articles <= 0;
END""",
    """CREATE TRIGGER IF NOT EXISTS tally_claim_in AFTER INSERT ON claims BEGIN
    UPDATE tallies SET n = n + 1 WHERE key = 'claims';
END""",
    """CREATE TRIGGER IF NOT EXISTS tally_claim_out AFTER DELETE ON claims BEGIN
    UPDATE tallies SET n = n - 1 WHERE key = 'claims';
END""",
]


def summary(conn: sqlite3.Connection) -> None:
    """8: what start-up, /help and one new article need without reading every row, kept as the
    rows are written (triggers, so every writer keeps them right):

    - ``tallies``: files, compiled articles, facts per kind, distinct acquisition claims, a
      version that moves whenever a document or fact changes (the readers' fingerprint), and
      one that moves with any change to ``documents`` (the compiler's kept view of the files);
    - ``partner_articles`` / ``partner_tallies``: which articles name a country as a partner, and
      how many per country;
    - ``claims`` (with the new column ``facts.claim``, see ``claim_key``): facts per claim;
    - indexes: ``facts_kind`` gains the article (a year's budget figures by article, newest name
      first, without sorting them all); ``documents_unused`` lists the files that are not
      compiled articles (the digest's notices) without reading every file, and
      ``documents_articles`` the versions of the articles, narrow, for the digest's pending check.

    An existing file is counted once here."""
    conn.execute("CREATE TABLE IF NOT EXISTS tallies (key TEXT PRIMARY KEY, n INTEGER NOT NULL)")
    conn.execute("""CREATE TABLE IF NOT EXISTS partner_articles (
        country TEXT NOT NULL, doc TEXT NOT NULL, facts INTEGER NOT NULL, PRIMARY KEY (country, doc))""")
    conn.execute("CREATE TABLE IF NOT EXISTS partner_tallies (country TEXT PRIMARY KEY, articles INTEGER NOT NULL)")
    conn.execute("CREATE TABLE IF NOT EXISTS claims (claim TEXT PRIMARY KEY, facts INTEGER NOT NULL)")
    if "claim" not in _columns(conn, "facts"):
        conn.execute("ALTER TABLE facts ADD COLUMN claim TEXT")
    conn.execute("DROP INDEX IF EXISTS facts_kind")
    conn.execute("CREATE INDEX facts_kind ON facts(kind, year, doc)")
    conn.execute("CREATE INDEX IF NOT EXISTS documents_unused ON documents(name) WHERE status != 'ok'")
    conn.execute("CREATE INDEX IF NOT EXISTS documents_articles ON documents(name, sha256) WHERE status = 'ok'")
    rows = conn.execute("SELECT id, data FROM facts WHERE kind = 'acquisition'").fetchall()
    conn.executemany("UPDATE facts SET claim = ? WHERE id = ?", [(claim_key(json.loads(r[1])), r[0]) for r in rows])
    conn.execute("DELETE FROM tallies")
    conn.execute("INSERT INTO tallies (key, n) SELECT 'documents', count(*) FROM documents")
    conn.execute("INSERT INTO tallies (key, n) SELECT 'articles', count(*) FROM documents WHERE status = 'ok'")
    conn.execute("INSERT INTO tallies (key, n) VALUES ('version', 0), ('looks', 0), ('unkeyed', 0)")
    conn.execute("INSERT INTO tallies (key, n) SELECT 'kind:' || kind, count(*) FROM facts GROUP BY kind")
    conn.execute("DELETE FROM partner_articles")
    conn.execute("INSERT INTO partner_articles (country, doc, facts) SELECT json_extract(data, '$.country'), doc,"
                 " count(*) FROM facts WHERE kind = 'partner' AND json_extract(data, '$.country') IS NOT NULL"
                 " GROUP BY 1, 2")
    conn.execute("DELETE FROM partner_tallies")
    conn.execute("INSERT INTO partner_tallies (country, articles) SELECT country, count(*) FROM partner_articles"
                 " GROUP BY country")
    conn.execute("DELETE FROM claims")
    conn.execute("INSERT INTO claims (claim, facts) SELECT claim, count(*) FROM facts WHERE claim IS NOT NULL"
                 " GROUP BY claim")
    conn.execute("INSERT INTO tallies (key, n) SELECT 'claims', count(*) FROM claims")
    for trigger in SUMMARY_TRIGGERS:
        conn.execute(trigger)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [base_schema, digest_per_target, document_updated, feeds,
                                                          document_servers, digest_languages, compile_state, summary,
                                                          fill_words, pending_cursor]
LATEST = len(MIGRATIONS)
SUMMARY = MIGRATIONS.index(summary) + 1  # from this version on, a file keeps its tallies


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
