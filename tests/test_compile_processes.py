"""Compiles as processes: two started together agree, and a killed one leaves nothing behind."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpuskit import small_articles, write_articles

from facts.store import FactStore

ROOT = Path(__file__).resolve().parents[1]
# Each round pays one language-model load (~10 s on a busy 2-core machine) in the compile that wins the
# lock, so rounds are few and each starts three compiles at once: more contention per load paid.
ROUNDS = 6
TOGETHER = 3
ARTICLES = {
    "a.txt": "Le Maroc commande des drones turcs\n\nLe Maroc a acquis trois drones Bayraktar TB2 auprès de Baykar.\n",
    "b.txt": "Coopération navale avec l'Espagne\n\nLe Maroc et l'Espagne ont signé un accord de coopération"
             " militaire.\n",
    "c.txt": "Le Maroc achète des blindés indiens\n\nLe Maroc a commandé 92 blindés WhAP auprès de Tata Advanced"
             " Systems.\n",
    "d.txt": "Le Maroc commande des drones turcs\n\nLe Maroc a acquis trois drones Bayraktar TB2 auprès de Baykar.\n",
}


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "FACTS_TODAY": "2026-06-01"}


def compile_cmd(seeds: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "facts", "compile", str(seeds), "--db", str(db)]


def dump(db: Path) -> list[str]:
    """Every fact and document row (read-only), in a comparable form."""
    store = FactStore(db)
    try:
        docs = [{k: v for k, v in dataclasses.asdict(row).items() if k not in ("compiled_at", "mtime")}
                for row in store.documents(status=None)]
        return sorted(json.dumps(item, sort_keys=True) for item in store.facts() + docs)
    finally:
        store.close()


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_compiles_started_together_agree_with_one_and_share_the_work(seeds: Path, tmp_path: Path) -> None:
    single = tmp_path / "single.sqlite3"
    subprocess.run(compile_cmd(seeds, single), cwd=ROOT, env=env(), check=True, capture_output=True, timeout=60)
    expected = dump(single)
    assert expected
    for round_ in range(ROUNDS):
        db = tmp_path / f"round{round_}.sqlite3"
        procs = [subprocess.Popen(compile_cmd(seeds, db), cwd=ROOT, env=env(), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(TOGETHER)]
        outputs = [p.communicate(timeout=60) for p in procs]
        for proc, (_out, err) in zip(procs, outputs, strict=True):
            assert proc.returncode == 0, f"round {round_}: {err}"
            assert "Traceback" not in err and "locked" not in err, f"round {round_}: {err}"
        added = sum(int(out.split("added ")[-1].split(",")[0]) for out, _ in outputs)
        assert added == 3, f"round {round_}: the work was done twice or not at all: {outputs}"  # d.txt is a copy
        assert dump(db) == expected, f"round {round_}: the base differs from a single compile's"


def session_processes(sid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rfind(")") + 2:].split()
            if int(fields[3]) == sid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def test_kill_9_of_a_compile_leaves_no_process_after_2_s(tmp_path: Path) -> None:
    """A compile of 80 articles on worker processes, killed with -9 mid-way: the workers notice
    their parent is gone and exit; the fact base is the one before; the next compile works."""
    seeds = tmp_path / "seeds"
    write_articles(seeds, small_articles(80, seed=3))
    db = tmp_path / "facts.sqlite3"
    proc = subprocess.Popen(compile_cmd(seeds, db), cwd=ROOT, env=env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while len(session_processes(proc.pid)) < 3:  # the compiler and its workers
        assert proc.poll() is None, "the compile ended before it could be killed"
        assert time.monotonic() < deadline, "no worker processes appeared"
        time.sleep(0.05)
    time.sleep(0.3)  # the workers are extracting
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    killed = time.monotonic()
    while session_processes(proc.pid):
        assert time.monotonic() - killed < 2.0, f"left behind: {session_processes(proc.pid)}"
        time.sleep(0.05)
    again = subprocess.run(compile_cmd(seeds, db) + ["--quiet"], cwd=ROOT, env=env(), capture_output=True,
                           text=True, timeout=300)
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    counts = dict(re.findall(r"(added|duplicate) (\d+)", again.stdout))
    assert int(counts["added"]) + int(counts["duplicate"]) == 80, again.stdout  # nothing half-written
