"""What disks and people do to the articles folder and the fact base: each case gives one clear
line (no traceback) and loses nothing — the previous fact base stays as it was."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from compiledkit import copy_compiled

from facts.safe_text import display
from facts.store import FactStore, connect
from handlers import Handlers

ROOT = Path(__file__).resolve().parents[1]
DRONES = ("Le Maroc commande des drones turcs\n\nLe Maroc a acquis trois drones Bayraktar TB2 auprès de Baykar"
          " pour renforcer sa défense.\n")
SPAIN = ("Coopération navale avec l'Espagne\n\nLe Maroc et l'Espagne ont signé un accord de coopération"
         " militaire à Madrid.\n")
INDIA = ("Le Maroc achète des blindés indiens\n\nLe Maroc a commandé 92 blindés WhAP auprès de Tata Advanced"
         " Systems, en Inde.\n")


def facts_cli(*args: str, env: dict[str, str] | None = None, **kw: object) -> subprocess.CompletedProcess[str]:
    run_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "facts", *args], cwd=ROOT, env=run_env, capture_output=True,
                          text=True, timeout=120, **kw)  # type: ignore[call-overload]


def one_clear_line(done: subprocess.CompletedProcess[str]) -> str:
    """The error output is one line, starting with 'error:', and no traceback."""
    assert "Traceback" not in done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    return lines[0]


def dump(db: Path) -> list[dict[str, object]]:
    done = facts_cli("dump", "--db", str(db))
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "a.txt").write_text(DRONES, encoding="utf-8")
    (folder / "b.txt").write_text(SPAIN, encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "facts.sqlite3"


@pytest.fixture(scope="module")
def compiled_two(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """a.txt and b.txt compiled once for the module (in this process, which has the language model)."""
    from facts.compiler import compile_folder

    base = tmp_path_factory.mktemp("two")
    (base / "seeds").mkdir()
    (base / "seeds" / "a.txt").write_text(DRONES, encoding="utf-8")
    (base / "seeds" / "b.txt").write_text(SPAIN, encoding="utf-8")
    compile_folder(base / "seeds", base / "facts.sqlite3")
    return base / "seeds", base / "facts.sqlite3"


@pytest.fixture
def compiled(compiled_two: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the compiled a.txt and b.txt: a compile of it reads only what a test adds,
    so a test whose new files are all refused before reading never loads the language model."""
    return copy_compiled(compiled_two, tmp_path)


def test_a_file_name_that_is_not_utf8_is_stored_escaped_and_shown_safely(seeds: Path, db: Path) -> None:
    raw = os.fsencode(seeds) + b"/caf\xe9 \xff.txt"
    with open(raw, "wb") as fh:
        fh.write(INDIA.encode("utf-8"))
    first = facts_cli("compile", str(seeds), "--db", str(db))
    assert first.returncode == 0 and "Traceback" not in first.stderr, first.stderr
    assert "added      caf\\xe9 \\xff.txt" in first.stdout
    docs = {f["doc"] for f in dump(db)}
    assert docs == {"a.txt", "b.txt", "caf\\xe9 \\xff.txt"}
    again = facts_cli("compile", str(seeds), "--db", str(db))
    assert "unchanged 3" in again.stdout, again.stdout  # the same stored name every run
    sources = Handlers(FactStore(db), warm=False).sources()
    assert any("caf\\xe9 \\xff.txt" in line for line in sources.sections[0].lines)
    os.unlink(raw)
    gone = facts_cli("compile", str(seeds), "--db", str(db))
    assert "removed    caf\\xe9 \\xff.txt" in gone.stdout


def test_a_symlink_out_of_the_seeds_folder_is_refused(compiled: tuple[Path, Path], tmp_path: Path,
                                                      compiled_two: tuple[Path, Path]) -> None:
    seeds, db = compiled
    secret = tmp_path / "outside.txt"
    secret.write_text(INDIA, encoding="utf-8")  # would compile fine if it were followed
    (seeds / "passwd.txt").symlink_to("/etc/passwd")
    (seeds / "indian.txt").symlink_to(secret)
    (seeds / "alias.txt").symlink_to(seeds / "a.txt")  # inside the folder: followed
    done = facts_cli("compile", str(seeds), "--db", str(db))
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "skipped    indian.txt: symbolic link to a file outside the seeds folder (not followed)" in done.stdout
    assert "skipped    passwd.txt: symbolic link to a file outside the seeds folder" in done.stdout
    assert "duplicate  alias.txt (same content as a.txt)" in done.stdout
    facts = dump(db)
    assert not any("WhAP" in json.dumps(f) or "root:" in json.dumps(f) for f in facts)
    store = FactStore(db)
    assert store.search_sentences("WhAP") == [] and store.search_sentences("root") == []
    shutil.copy2(compiled_two[1], tmp_path / "off.sqlite3")
    off = facts_cli("compile", str(seeds), "--db", str(tmp_path / "off.sqlite3"), env={"SEEDS_SYMLINKS": "off"})
    assert "skipped    alias.txt: symbolic link (not followed: SEEDS_SYMLINKS=off)" in off.stdout


def test_utf16_with_a_bom_is_decoded(seeds: Path, db: Path) -> None:
    (seeds / "utf16.txt").write_bytes(INDIA.encode("utf-16"))  # BOM + little-endian, as Windows writes it
    (seeds / "utf16be.txt").write_bytes(b"\xfe\xff" + SPAIN.replace("Espagne", "Italie").replace(
        "Madrid", "Rome").encode("utf-16-be"))
    done = facts_cli("compile", str(seeds), "--db", str(db))
    assert "added      utf16.txt" in done.stdout and "added      utf16be.txt" in done.stdout
    acquisitions = [f for f in dump(db) if f["kind"] == "acquisition" and f["doc"] == "utf16.txt"]
    assert acquisitions and acquisitions[0]["system"] == "WhAP"
    partners = {f["country"] for f in dump(db) if f["kind"] == "partner" and f["doc"] == "utf16be.txt"}
    assert partners == {"IT"}


def test_a_60_mb_file_is_skipped_before_it_is_read(compiled: tuple[Path, Path]) -> None:
    seeds, db = compiled
    big = seeds / "dump.txt"
    with big.open("wb") as fh:
        fh.truncate(60 * 1024 * 1024)  # sparse: reading it would cost time and memory, stat does not
    started = time.monotonic()
    done = facts_cli("compile", str(seeds), "--db", str(db))
    assert time.monotonic() - started < 20
    assert "skipped    dump.txt: too large (60.0 MB; the limit is 16 MB, SEEDS_MAX_FILE_MB)" in done.stdout
    assert {f["doc"] for f in dump(db)} == {"a.txt", "b.txt"}


def test_an_emptied_or_missing_seeds_folder_is_refused(compiled: tuple[Path, Path], tmp_path: Path) -> None:
    seeds, db = compiled
    before = dump(db)
    for path in seeds.iterdir():
        path.unlink()
    refused = facts_cli("compile", str(seeds), "--db", str(db))
    line = one_clear_line(refused)
    assert refused.returncode == 2
    assert "would remove all 2 articles" in line and "--allow-empty" in line
    assert dump(db) == before
    missing = facts_cli("compile", str(tmp_path / "unmounted"), "--db", str(db))
    assert "seeds folder not found" in one_clear_line(missing) and dump(db) == before
    allowed = facts_cli("compile", str(seeds), "--db", str(db), "--allow-empty")
    assert allowed.returncode == 0 and "removed 2" in allowed.stdout


def test_garbage_written_into_the_database_is_detected(seeds: Path, db: Path, tmp_path: Path) -> None:
    for i in range(30):  # enough pages that the garbage lands inside the tables
        (seeds / f"extra{i:02d}.txt").write_text(INDIA.replace("92", str(100 + i)), encoding="utf-8")
    assert facts_cli("compile", str(seeds), "--db", str(db)).returncode == 0
    connect(db).close()  # checkpoint: everything in the main file
    conn = sqlite3.connect(str(db))
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'facts'").fetchone()[0]
    conn.close()
    with db.open("r+b") as fh:  # garbage over the facts table's root page, as a stray write would do
        fh.seek((root - 1) * page)
        fh.write(os.urandom(page))
    check = facts_cli("check", "--db", str(db))
    line = one_clear_line(check)
    assert check.returncode == 2 and "damaged" in line and "python -m facts rebuild" in line
    compiled = facts_cli("compile", str(seeds), "--db", str(db))
    assert "damaged" in one_clear_line(compiled), "compile must not report 'unchanged' on a damaged base"
    answers = []
    for question in ("/sources", "/search Bayraktar", "/partner India", "/acquisitions"):
        try:
            store = FactStore(db)
        except Exception as exc:  # opening may already say what is wrong: one line, the right kind
            assert "damaged" in str(exc) or "not a fact base" in str(exc)
            continue
        answers.append(Handlers(store, warm=False).dispatch(question))
    assert all(a.kind != "error" or "python -m facts check" in a.summary for a in answers)
    assert any(a.kind == "error" for a in answers), "a damaged base must not answer as if sound"
    # rebuild: the old file is set aside, the delivery records are kept
    rebuilt = facts_cli("rebuild", str(seeds), "--db", str(db))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert list(tmp_path.glob("facts.sqlite3.damaged-*")) and list(tmp_path.glob("facts.sqlite3.records-*.json"))
    assert facts_cli("check", "--db", str(db)).stdout.startswith("ok: ")


def test_a_foreign_or_truncated_file_gets_one_line(tmp_path: Path, seeds: Path,
                                                   compiled_two: tuple[Path, Path]) -> None:
    foreign = tmp_path / "photo.sqlite3"
    foreign.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(5000))
    for command in (["check"], ["dump"], ["compile", str(seeds)]):
        done = facts_cli(*command, "--db", str(foreign))
        assert "not a fact base" in one_clear_line(done), command
    truncated = tmp_path / "truncated.sqlite3"
    shutil.copy2(compiled_two[1], truncated)
    data = truncated.read_bytes()
    truncated.write_bytes(data[: len(data) // 3])
    done = facts_cli("check", "--db", str(truncated))
    assert "python -m facts rebuild" in one_clear_line(done)


def test_a_full_disk_gives_the_real_error_and_keeps_the_fact_base(compiled: tuple[Path, Path], tmp_path: Path) -> None:
    seeds, db = compiled
    before = dump(db)
    for i in range(8):
        (seeds / f"new{i}.txt").write_text(INDIA.replace("92", str(200 + i)), encoding="utf-8")
    done = _compile_on_a_full_disk(seeds, db, tmp_path)
    line = one_clear_line(done)
    assert "could not write the fact base" in line or "could not write beside the fact base" in line
    assert "no transaction is active" not in done.stderr  # the real cause, not the failed rollback
    assert "I/O error" in line or "full" in line or "No space" in line, line
    assert dump(db) == before


def _compile_on_a_full_disk(seeds: Path, db: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """A real full disk when we may mount one (a 400 KB tmpfs in a private mount namespace);
    otherwise a file-size limit, which fails writes past it the same way."""
    if os.geteuid() == 0 and shutil.which("unshare"):
        mount = tmp_path / "small"
        mount.mkdir()
        script = (
            'mount -t tmpfs -o size=400k tmpfs "$1" || exit 99; cp -a "$2" "$1/seeds"; cp "$3" "$1/db.sqlite3";'
            ' cp "$3.lock" "$1/db.sqlite3.lock"; dd if=/dev/zero of="$1/fill" bs=1k count=4000 2>/dev/null;'
            ' "$4" -m facts compile "$1/seeds" --db "$1/db.sqlite3"; code=$?; rm -f "$1/fill";'
            ' cp "$1/db.sqlite3" "$3.after"; exit $code')
        done = subprocess.run(["unshare", "--mount", "sh", "-c", script, "sh", str(mount), str(seeds), str(db),
                               sys.executable], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                              capture_output=True, text=True, timeout=120)
        if done.returncode != 99:
            shutil.move(str(db) + ".after", db)  # judge the file as the full disk left it
            return done
    import resource
    import signal

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (32768, 32768))

    return facts_cli("compile", str(seeds), "--db", str(db), preexec_fn=limit)


def test_text_shown_to_people_loses_bidi_zero_width_and_control_characters(seeds: Path, db: Path) -> None:
    """Kept in the stored quote (evidence), removed on the way to Discord or a terminal."""
    tricky = ("Le Maroc commande des drones turcs\u202e\n\nLe Maroc a acquis trois drones Bayraktar\u200b TB2"
              " auprès de Baykar\x1b[31m pour renforcer sa défense.\n")
    (seeds / "a.txt").write_text(tricky, encoding="utf-8")
    facts_cli("compile", str(seeds), "--db", str(db))
    stored = [f for f in FactStore(db).facts(kind="acquisition")]
    assert any("\u200b" in str(f["quote"]) for f in stored), "the stored quote is the sentence as written"
    from bot.embeds import answer_to_embeds
    from handlers.text import render

    answer = Handlers(FactStore(db), warm=False).partner("Turkey")
    shown = [render(answer)] + [json.dumps(e.to_dict(), ensure_ascii=False) for e in answer_to_embeds(answer)]
    for text in shown:
        assert "\u202e" not in text and "\u200b" not in text and "\x1b" not in text
        assert "Bayraktar TB2" in text or "Bayraktar" in text
    printed = facts_cli("dump", "--db", str(db)).stdout
    assert "\u200b" not in printed and "\\u200b" in printed  # escaped in JSON: same data, safe screen
    assert display("a\u202eb\u2066c\u200dd\x07e\x9bf\n\tg") == "abcdef\n\tg"


def test_sqlite_on_the_handlers_side_never_crashes_a_question(tmp_path: Path) -> None:
    db = tmp_path / "facts.sqlite3"
    connect(db).close()
    store = FactStore(db)
    handlers = Handlers(store, warm=False)
    store.conn.close()  # what a vanished or closed database looks like to a question
    answer = handlers.dispatch("/partner Turkey")
    assert answer.kind == "error" and answer.title in ("Fact base unavailable", "Busy")
    with pytest.raises(sqlite3.ProgrammingError):
        store.conn.execute("SELECT 1")


def test_a_fact_base_kept_inside_the_seeds_folder_is_not_read_as_an_article(seeds: Path) -> None:
    """Its lock file is text ("idle pid=… db=…"), its journal may be too: none of them is news."""
    inside = seeds / "facts.sqlite3"
    for _ in range(2):  # the second compile finds the lock the first one left
        done = facts_cli("compile", str(seeds), "--db", str(inside))
        assert done.returncode == 0, done.stderr
    (seeds / "facts.sqlite3-journal").write_text("journal left behind", encoding="utf-8")
    facts_cli("compile", str(seeds), "--db", str(inside))
    assert {f["doc"] for f in dump(inside)} == {"a.txt", "b.txt"}
