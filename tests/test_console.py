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
    out = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "DEV_GUILD_ID")}
    out.update(SEEDS_DIR=str(tmp_path / "no-seeds"), FACTS_DB=str(db), PYTHONUTF8="1", DISCORD_TOKEN="")
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
    from facts.compiler import list_articles

    assert set(seed_files(seeds)) == {p.name for p in list_articles(seeds)}
    (seeds / "new.txt").write_text("Titre\nLe Maroc et la Turquie.\n", encoding="utf-8")
    assert is_stale(settings)
