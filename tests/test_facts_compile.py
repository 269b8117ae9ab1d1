"""The compiler end to end on temporary folders: incremental, duplicates, bad files, atomicity."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from facts import compiler
from facts.compiler import compile_folder
from facts.store import FactStore

ROOT = Path(__file__).resolve().parents[1]
ARTICLE_A = (
    "Le Maroc commande des drones turcs\n\nLe Maroc a acquis trois drones Bayraktar TB2 auprès de Baykar"
    " pour renforcer sa défense.\n"
)
ARTICLE_B = (
    "Coopération navale avec l'Espagne\n\nLe Maroc et l'Espagne ont signé un accord de coopération"
    " militaire le 3 mai 2023 à Madrid.\n"
)


def snapshot(db: Path) -> list[str]:
    store = FactStore(db)
    try:
        return sorted(json.dumps(f, sort_keys=True) for f in store.facts())
    finally:
        store.close()


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    return folder


def test_incremental_add_change_delete(seeds: Path, tmp_path: Path):
    db = tmp_path / "facts.sqlite3"
    first = compile_folder(seeds, db)
    assert sorted(first.added) == ["a.txt", "b.txt"] and first.facts > 0
    again = compile_folder(seeds, db)
    assert again.unchanged == 2 and not again.changed
    (seeds / "b.txt").write_text(ARTICLE_B.replace("Espagne", "Italie").replace("Madrid", "Rome"), encoding="utf-8")
    os.utime(seeds / "b.txt", (1, 1))
    changed = compile_folder(seeds, db)
    assert changed.updated == ["b.txt"]
    countries = {f["country"] for f in FactStore(db).facts(kind="partner", doc="b.txt")}
    assert countries == {"IT"}
    (seeds / "a.txt").unlink()
    gone = compile_folder(seeds, db)
    assert gone.removed == ["a.txt"]
    assert FactStore(db).facts(doc="a.txt") == []
    assert FactStore(db).search_sentences("Bayraktar") == []  # its sentences left the search index
    assert [r.doc for r in FactStore(db).search_sentences("Rome")] == ["b.txt"]
    assert FactStore(db).search_sentences("Madrid") == []  # the old version of b.txt is gone too


def test_duplicate_and_bad_files_are_reported_not_fatal(seeds: Path, tmp_path: Path):
    shutil.copy(seeds / "a.txt", seeds / "copy.txt")
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "binary.txt").write_bytes(os.urandom(2048) + b"\x00")
    (seeds / "cp1252.txt").write_bytes(ARTICLE_B.replace("Espagne", "France").encode("cp1252"))
    report = compile_folder(seeds, tmp_path / "db.sqlite3")
    assert report.duplicates == [("copy.txt", "a.txt")]
    assert {name for name, _ in report.skipped} == {"empty.txt", "binary.txt"}
    assert "cp1252.txt" in report.added
    assert FactStore(tmp_path / "db.sqlite3").facts(doc="copy.txt") == []


def test_removing_the_original_promotes_its_copy(seeds: Path, tmp_path: Path):
    db = tmp_path / "db.sqlite3"
    shutil.copy(seeds / "a.txt", seeds / "z_copy.txt")
    compile_folder(seeds, db)
    (seeds / "a.txt").unlink()
    report = compile_folder(seeds, db)
    assert "z_copy.txt" in report.updated
    assert FactStore(db).facts(kind="acquisition", doc="z_copy.txt")


def test_crash_mid_compile_leaves_previous_fact_base(seeds: Path, tmp_path: Path, monkeypatch):
    db = tmp_path / "db.sqlite3"
    compile_folder(seeds, db)
    before = snapshot(db)
    for i in range(5):
        (seeds / f"new{i}.txt").write_text(ARTICLE_B.replace("Espagne", "Grèce") + f"\nVariante {i}.\n")
    (seeds / "a.txt").unlink()
    real = compiler.extract_file
    calls = {"n": 0}

    def interrupted(path: str, ref: str, *rest):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # Ctrl-C in the middle of the run
        return real(path, ref, *rest)

    monkeypatch.setattr(compiler, "extract_file", interrupted)
    with pytest.raises(KeyboardInterrupt):
        compile_folder(seeds, db)
    assert snapshot(db) == before


def test_cli_compile_and_dump(seeds: Path, tmp_path: Path):
    db = tmp_path / "db.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-m", "facts", "compile", str(seeds), "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    ).stdout
    assert "added      a.txt" in out and "added 2" in out
    dump = subprocess.run(
        [sys.executable, "-m", "facts", "dump", "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    ).stdout
    facts = [json.loads(line) for line in dump.splitlines()]
    assert {f["kind"] for f in facts} >= {"document", "partner", "acquisition", "event"}
    assert all(f["doc"] in ("a.txt", "b.txt") and f["quote"] for f in facts)


def test_cli_missing_folder_is_a_clear_error(tmp_path: Path):
    run = subprocess.run(
        [sys.executable, "-m", "facts", "compile", str(tmp_path / "nope"), "--db", str(tmp_path / "db.sqlite3")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 2 and "seeds folder not found" in run.stderr


def test_seeds_compile_to_the_reference_facts(tmp_path: Path):
    db = tmp_path / "db.sqlite3"
    report = compile_folder(ROOT / "seeds", db)
    assert len(report.added) == 5
    store = FactStore(db)
    systems = {f["system"] for f in store.facts(kind="acquisition")}
    assert {"Bayraktar TB2", "Heron", "Harop", "Barak MX"} <= systems
    totals = {(f["year"], f["amount"]) for f in store.facts(kind="budget") if f["scope"] == "total"}
    assert (2025, 133e9) in totals and (2024, 124.7e9) in totals


def test_several_megabyte_file_with_a_repeated_article(seeds: Path, tmp_path: Path):
    big = seeds / "big.txt"
    big.write_text((ARTICLE_A + "\n") * 30000, encoding="utf-8")  # ~4 MB, one article repeated
    assert big.stat().st_size > 3_000_000
    report = compile_folder(seeds, tmp_path / "db.sqlite3")
    assert report.duplicates == [("big.txt", "a.txt")]  # once cleaned, it is the same article
