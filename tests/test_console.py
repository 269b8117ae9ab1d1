"""`python bot.py ask`, `console` and the no-token start, as real subprocesses (no network)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from handlers_sample import build

from bot.cli import is_stale, seed_files
from facts.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str], env: dict[str, str], stdin: str = "",
        timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "bot.py", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A hand-written fact base and an empty-but-existing seeds folder matching it: no compile runs."""
    db = build(tmp_path / "facts.sqlite3")
    out = {k: v for k, v in os.environ.items()
           if k not in ("DISCORD_TOKEN", "DEV_GUILD_ID", "LC_ALL", "LC_MESSAGES")}
    out.update(SEEDS_DIR=str(tmp_path / "no-seeds"), FACTS_DB=str(db), PYTHONUTF8="1", DISCORD_TOKEN="",
               LANG="C.UTF-8")  # English answers, whatever the machine's language (see test_i18n_answers)
    return out


def test_ask_prints_one_answer(env: dict[str, str]) -> None:
    res = run(["ask", "/partner Turkey"], env)
    assert res.returncode == 0, res.stderr
    assert "Bayraktar TB2" in res.stdout and "Emtekno" in res.stdout
    assert "Heron" not in res.stdout


def test_ask_budget_and_unknown_command(env: dict[str, str]) -> None:
    assert "133 billion MAD" in run(["ask", "/budget", "2025"], env).stdout
    res = run(["ask", "/nonsense"], env)
    assert res.returncode == 0 and "Unknown command" in res.stdout


def test_ask_without_question_is_a_usage_error(env: dict[str, str]) -> None:
    res = run(["ask"], env)
    assert res.returncode == 2 and "usage" in res.stderr


def test_console_answers_until_exit(env: dict[str, str]) -> None:
    lines = "/partner India\n\n/budget 2019\nexit\n/partner Turkey\n"
    res = run(["console", "--no-digest"], env, stdin=lines)
    assert res.returncode == 0, res.stderr
    assert "Sanjeev Kumar" in res.stdout
    assert "Years with a figure: 2024, 2025" in res.stdout
    assert "Bayraktar" not in res.stdout  # asked after `exit`


def test_console_ends_on_eof(env: dict[str, str]) -> None:
    res = run(["console"], env, stdin="/sources\n")
    assert res.returncode == 0 and "bladi.net" in res.stdout


def test_no_token_starts_the_console(env: dict[str, str]) -> None:
    res = run([], env, stdin="/help\n")
    assert res.returncode == 0
    assert "DISCORD_TOKEN" in res.stderr and ".env.example" in res.stderr
    assert "/partner" in res.stdout


def test_bad_configuration_is_reported(env: dict[str, str]) -> None:
    res = run(["ask", "/help"], {**env, "DEV_GUILD_ID": "abc"})
    assert res.returncode == 2 and "DEV_GUILD_ID" in res.stderr


def test_ask_compiles_missing_fact_base_from_seeds(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    db = tmp_path / "var" / "facts.sqlite3"
    env = {**os.environ, "SEEDS_DIR": str(seeds), "FACTS_DB": str(db), "PYTHONUTF8": "1", "DISCORD_TOKEN": ""}
    settings = Settings(seeds_dir=seeds, facts_db=db)
    assert is_stale(settings)
    res = run(["ask", "/partner India"], env, timeout=300)
    if "not implemented" in res.stderr.lower() or "NotImplementedError" in res.stderr:
        pytest.skip("the compiler is not implemented yet")
    assert res.returncode == 0, res.stderr
    assert "Sanjeev Kumar" in res.stdout
    assert not is_stale(settings)
    (seeds / "half-written.txt.part").write_text("Titre", encoding="utf-8")  # the compiler ignores it
    assert not is_stale(settings)
    assert set(seed_files(seeds)) == {p.name for p in seeds.iterdir()} - {"half-written.txt.part"}
    (seeds / "new.txt").write_text("Titre\nLe Maroc et la Turquie.\n", encoding="utf-8")
    assert is_stale(settings)


def test_an_empty_or_missing_fact_base_is_refused_with_the_reason(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    env = {**os.environ, "SEEDS_DIR": str(seeds), "FACTS_DB": str(tmp_path / "facts.sqlite3"), "DISCORD_TOKEN": ""}
    for args in (["ask", "/partner Turkey"], ["console"], []):
        res = run(args, env, stdin="/help\n")
        assert res.returncode == 2, (args, res.stdout, res.stderr)
        last = res.stderr.strip().splitlines()[-1]
        assert last.startswith("error: ") and "has no article files" in last and str(seeds) in last
        assert "Traceback" not in res.stderr and "/partner" not in res.stdout


def test_console_exits_at_once_while_its_digest_is_compiling(fresh_seeds: tuple[Path, Path]) -> None:
    """`exit` while the console's digest compiles 30 new articles: out in well under a second, and
    the fact base is the one before (the compile was abandoned, not half-written)."""
    import time

    from corpuskit import small_articles, write_articles

    from facts.store import FactStore

    seeds, db = fresh_seeds
    env = {**os.environ, "SEEDS_DIR": str(seeds), "FACTS_DB": str(db), "DISCORD_TOKEN": "", "DIGEST_INTERVAL": "1"}
    proc = subprocess.Popen([sys.executable, "bot.py", "console"], cwd=ROOT, env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdin is not None
    assert "console" in proc.stdout.readline()  # the banner: the prompt is up, the digest started
    time.sleep(1.5)  # its first scan (nothing new) is done; the next one finds the new articles
    write_articles(seeds, small_articles(30, seed=5))
    time.sleep(2.5)  # loading the language model and extracting: seconds of work
    started = time.monotonic()
    proc.stdin.write("exit\n")
    proc.stdin.flush()
    proc.wait(timeout=30)
    took = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    assert took < 1.0, f"exit took {took:.2f} s"
    store = FactStore(db)
    try:
        assert len(store.documents()) == 5, "the abandoned compile wrote nothing"
    finally:
        store.close()


def test_console_routes_plain_questions(env: dict[str, str]) -> None:
    res = run(["console", "--no-digest"], env, stdin="what did Morocco buy from Israel?\nTurquie\nexit\n")
    assert res.returncode == 0, res.stderr
    assert "Understood as /acquisitions supplier:Israel." in " ".join(res.stdout.split())
    assert "Understood as /partner country:Turkey." in " ".join(res.stdout.split())
    assert "Heron" in res.stdout and "Bayraktar TB2" in res.stdout
