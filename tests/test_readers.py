"""Readers never write: `ask`, `dump` and the handlers work while a writer holds the lock and on a
read-only medium, and opening the store for reading changes nothing in the file."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from compiledkit import copy_compiled

from facts.errors import FactBaseMissing, NotAFactBase
from facts.store import FactStore, connect, open_reader
from facts.store.schema import LATEST
from handlers import Handlers

ROOT = Path(__file__).resolve().parents[1]
MAX_WAIT = 1.0  # the bound on how long a reader may wait


@pytest.fixture(scope="module")
def compiled(compiled_seeds: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """This module's copy of the compiled seeds (its tests hold write locks on it)."""
    return copy_compiled(compiled_seeds, tmp_path_factory.mktemp("readers"))


def env_for(seeds: Path, db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DIGEST_"))}
    env.update(SEEDS_DIR=str(seeds), FACTS_DB=str(db), PYTHONPATH=str(ROOT), DISCORD_TOKEN="")
    return env


def timed(argv: list[str], env: dict[str, str], prefix: list[str] | None = None) -> tuple[float, str, str, int]:
    started = time.monotonic()
    done = subprocess.run((prefix or []) + argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    return time.monotonic() - started, done.stdout, done.stderr, done.returncode


def ask_and_dump(seeds: Path, db: Path, prefix: list[str] | None = None) -> dict[str, tuple[float, str, str, int]]:
    """Each command run twice, the faster run kept: the machine's other work is noise here."""
    env = env_for(seeds, db)
    commands = {"ask": [sys.executable, "bot.py", "ask", "/partner Turkey"],
                "dump": [sys.executable, "-m", "facts", "dump", "--db", str(db)]}
    return {name: min((timed(argv, env, prefix) for _ in range(2)), key=lambda run: run[0])
            for name, argv in commands.items()}


def test_ask_and_dump_wait_less_than_a_second_while_a_writer_holds_the_lock(compiled: tuple[Path, Path],
                                                                            tmp_path: Path) -> None:
    seeds, db = compiled
    idle = ask_and_dump(seeds, db)
    writer = sqlite3.connect(str(db), isolation_level=None, timeout=5)
    writer.execute("BEGIN IMMEDIATE")  # what a compile's store step holds
    writer.execute("INSERT INTO leases VALUES ('test:lock', 'held', 0)")
    try:
        locked = ask_and_dump(seeds, db)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    for name in ("ask", "dump"):
        elapsed, out, err, code = locked[name]
        assert code == 0 and "Traceback" not in err, err
        assert out == idle[name][1], f"{name} answered differently while the lock was held"
        assert elapsed - idle[name][0] < MAX_WAIT, f"{name} waited {elapsed - idle[name][0]:.2f} s"
    assert "Bayraktar TB2" in locked["ask"][1]


def read_only_prefix(folder: Path) -> list[str] | None:
    """A command prefix that runs in a private mount namespace where ``folder`` is read-only.

    Root ignores file permissions, so a chmod proves nothing there; a read-only bind mount
    refuses every write (EROFS), as a read-only disk or share would."""
    if os.geteuid() != 0:
        return None
    if shutil.which("unshare") is None:
        pytest.skip("unshare is needed to make a read-only mount as root")
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && shift && exec "$@"'
    probe = subprocess.run(["unshare", "--mount", "sh", "-c", script, str(folder), "x", "true"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a read-only mount here: {probe.stderr.strip()}")
    return ["unshare", "--mount", "sh", "-c", script, str(folder), "x"]


def test_ask_and_dump_on_a_read_only_database(compiled: tuple[Path, Path], tmp_path: Path) -> None:
    seeds, db = compiled
    folder = tmp_path / "ro"
    shutil.copytree(seeds, folder / "seeds", copy_function=shutil.copy2)
    connect(db).close()  # checkpointed: the copy is one self-contained file
    shutil.copy2(db, folder / "facts.sqlite3")
    expected = ask_and_dump(folder / "seeds", folder / "facts.sqlite3")
    for aux in ("facts.sqlite3-wal", "facts.sqlite3-shm"):  # left by the readers above (empty WAL):
        (folder / aux).unlink(missing_ok=True)  # a read-only medium has only the database file
    prefix = read_only_prefix(folder)
    if prefix is None:  # not root: permissions are enough
        for path in [folder, folder / "seeds", *(folder.iterdir())]:
            path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        got = ask_and_dump(folder / "seeds", folder / "facts.sqlite3", prefix)
    finally:
        for path in [folder, folder / "seeds"]:
            path.chmod(0o755)
    for name in ("ask", "dump"):
        elapsed, out, err, code = got[name]
        assert code == 0 and "Traceback" not in err, f"{name}: {err}"
        assert out == expected[name][1], f"{name} on a read-only medium differs"
        assert elapsed - expected[name][0] < MAX_WAIT
    assert "Bayraktar TB2" in got["ask"][1]


def test_opening_for_reading_writes_nothing(compiled: tuple[Path, Path], tmp_path: Path) -> None:
    _, db = compiled
    copy = tmp_path / "facts.sqlite3"
    connect(db).close()
    shutil.copy2(db, copy)
    before = copy.read_bytes()
    store = FactStore(copy)
    handlers = Handlers(store, warm=False)
    assert handlers.partner("Turkey").kind == "ok"
    with pytest.raises(sqlite3.OperationalError):
        store.conn.execute("INSERT INTO leases VALUES ('x', 'y', 0)")  # read-only connection
    store.close()
    assert copy.read_bytes() == before


def test_reader_on_a_missing_or_foreign_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(FactBaseMissing, match="run `python -m facts compile`"):
        open_reader(tmp_path / "nope.sqlite3")
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(str(other))
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(NotAFactBase, match="another program"):
        open_reader(other)
    with pytest.raises(NotAFactBase, match="another program"):
        connect(other)  # the writer does not fill someone else's file with its tables
    assert {r[0] for r in sqlite3.connect(str(other)).execute("SELECT name FROM sqlite_master")} == {"invoices"}


def test_an_older_fact_base_is_upgraded_by_the_writer_only(tmp_path: Path) -> None:
    """Version 2 had no digest_messages/leases and recorded copies as 'seen'."""
    db = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(str(db))
    conn.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        INSERT INTO meta VALUES ('schema_version', '2');
        CREATE TABLE documents (name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, content_hash TEXT,
            size INTEGER NOT NULL, mtime REAL NOT NULL, status TEXT NOT NULL, reason TEXT, duplicate_of TEXT,
            title TEXT, published TEXT, source TEXT, language TEXT, fact_count INTEGER NOT NULL DEFAULT 0,
            compiled_at TEXT NOT NULL, first_sentence INTEGER, last_sentence INTEGER);
        CREATE TABLE deliveries (name TEXT NOT NULL, sha256 TEXT NOT NULL, state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, updated_at TEXT NOT NULL,
            PRIMARY KEY (name, sha256));
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
        INSERT INTO deliveries VALUES ('a.txt', 's1', 'posted', 1, NULL, 't');
        INSERT INTO deliveries VALUES ('copy.txt', 's1', 'seen', 0, 'duplicate: copy of a.txt', 't');
    """)
    conn.close()
    reader = open_reader(db)
    assert "digest_messages" not in {r[0] for r in reader.execute("SELECT name FROM sqlite_master")}
    reader.close()
    writer = connect(db)
    states = dict(writer.execute("SELECT name, state FROM deliveries").fetchall())
    assert states == {"a.txt": "posted", "copy.txt": "noted"}
    assert writer.execute("PRAGMA user_version").fetchone()[0] == LATEST
    assert "updated" in {r[1] for r in writer.execute("PRAGMA table_info(documents)")}
    assert {"digest_messages", "leases", "digest_channels"} <= {
        r[0] for r in writer.execute("SELECT name FROM sqlite_master")}
