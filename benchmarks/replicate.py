"""``python -m benchmarks.replicate SRC_DB M FOLDER DB``: a fact base for a large corpus without its
cold compile, for the warm figures of ``benchmarks.run --keep-base``.

Why: compiling 100 000 articles cold takes 40 minutes on an idle 2-core machine and far longer on
a shared one. The handler, start-up, incremental and digest figures need a base of that size and
shape, not that compile. So the base of the first M articles (compiled for real) is copied, and
each article ``j`` ≥ M of ``FOLDER`` gets the rows of article ``j mod M`` — its document row, its
facts (re-filed under ``j``: ``doc`` in the record and the column), their countries and its
sentences — under its own name, size, mtime and hash, so ``bot.py ask`` and the compiler see an
up-to-date base. The tallies follow through their triggers. The cold compile figure itself is not
measured this way (``--keep-base`` carries over the last one, or none).
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
import time
from pathlib import Path

from facts.store import connect


def replicate(src: Path, folder: Path, db: Path, m: int) -> dict[str, int]:
    """Copy ``src`` (articles 0 … m - 1 compiled) into ``db`` and fill in the other articles of ``folder``."""
    start = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    with sqlite3.connect(src) as source, sqlite3.connect(db) as dest:
        source.backup(dest)
    connect(db).close()  # as the writer opens it: migrations, WAL
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("ATTACH DATABASE ? AS s", (str(src),))
    names = sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    templates = {int(r[0][:6]): r[0] for r in conn.execute("SELECT name FROM s.documents")
                 if r[0][:6].isdigit() and int(r[0][:6]) < m}
    top_fact = conn.execute("SELECT max(id) FROM s.facts").fetchone()[0] or 0
    top_sentence = conn.execute("SELECT max(rowid) FROM s.sentences").fetchone()[0] or 0
    conn.execute("CREATE TEMP TABLE map (template TEXT, k INTEGER, name TEXT, sha256 TEXT, size INTEGER,"
                 " mtime REAL)")
    rows = []
    for name in names:
        j = int(name[:6])
        if j < m:
            continue
        path = folder / name
        st = path.stat()
        rows.append((templates[j % m], j // m, name, hashlib.sha256(path.read_bytes()).hexdigest(), st.st_size,
                     st.st_mtime))
    conn.executemany("INSERT INTO map VALUES (?,?,?,?,?,?)", rows)
    conn.execute("CREATE INDEX temp.map_k ON map(k, template)")
    conn.execute("PRAGMA foreign_keys = ON")  # the facts of the articles beyond m go with them
    conn.execute("BEGIN")
    conn.execute("DELETE FROM documents WHERE CAST(substr(name, 1, 6) AS INTEGER) >= ?", (m,))
    for k in sorted({r[1] for r in rows}):
        fo, so = k * (top_fact + 1), k * (top_sentence + 1)
        conn.execute(
            "INSERT INTO documents (name, sha256, content_hash, size, mtime, status, reason, duplicate_of, title,"
            " published, source, language, updated, fact_count, compiled_at, first_sentence, last_sentence)"
            " SELECT m.name, m.sha256, m.sha256, m.size, m.mtime, d.status, d.reason, d.duplicate_of, d.title,"
            " d.published, d.source, d.language, d.updated, d.fact_count, d.compiled_at, d.first_sentence + ?,"
            " d.last_sentence + ? FROM map m JOIN s.documents d ON d.name = m.template WHERE m.k = ?", (so, so, k))
        conn.execute(
            "INSERT INTO facts (id, doc, kind, year, data, claim) SELECT f.id + ?, m.name, f.kind, f.year,"
            " json_set(f.data, '$.doc', m.name), f.claim FROM map m JOIN s.facts f ON f.doc = m.template"
            " WHERE m.k = ? ORDER BY f.id", (fo, k))
        conn.execute(
            "INSERT INTO fact_countries (fact_id, country) SELECT c.fact_id + ?, c.country FROM map m"
            " JOIN s.facts f ON f.doc = m.template JOIN s.fact_countries c ON c.fact_id = f.id WHERE m.k = ?",
            (fo, k))
        conn.execute(
            "INSERT INTO sentences (rowid, doc, section, idx, text) SELECT t.rowid + ?, m.name, t.section, t.idx,"
            " t.text FROM s.sentences t JOIN map m ON m.template = t.doc AND m.k = ? ORDER BY t.rowid", (so, k))
        print(f"  copy {k}: {time.perf_counter() - start:.0f} s", file=sys.stderr)
    conn.execute("COMMIT")
    docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    facts = conn.execute("SELECT count(*) FROM facts").fetchone()[0]
    conn.execute("DETACH DATABASE s")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {"documents": docs, "facts": facts, "seconds": int(time.perf_counter() - start)}


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit("usage: python -m benchmarks.replicate SRC_DB M FOLDER DB (SRC_DB: articles 0 … M - 1 compiled)")
    print(replicate(Path(sys.argv[1]), Path(sys.argv[3]), Path(sys.argv[4]), int(sys.argv[2])))
