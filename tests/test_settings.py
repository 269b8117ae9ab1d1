"""One settings object: read from the environment and the project's .env by every entry point,
paths against the project folder, one clear line for a bad value, the token never shown."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from handlers_sample import build

from facts.settings import ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]


def test_defaults_are_inside_the_project_and_the_token_is_secret() -> None:
    s = load_settings({"DISCORD_TOKEN": "secret-token-value"}, env_file=None)
    assert s.seeds_dir == ROOT / "seeds" and s.facts_db == ROOT / "var" / "facts.sqlite3"
    assert s.token == "secret-token-value"
    assert "secret-token-value" not in repr(s) and "secret-token-value" not in str(s.model_dump())
    assert load_settings({"DISCORD_TOKEN": ""}, env_file=None).token is None


def test_an_empty_variable_means_unset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DIGEST_INTERVAL")
    monkeypatch.delenv("DISCORD_TOKEN")
    env_file = tmp_path / ".env"
    env_file.write_text("DIGEST_INTERVAL=30\nDISCORD_TOKEN=from-the-file\n", encoding="utf-8")
    assert load_settings(env_file=env_file).digest_interval == 30
    monkeypatch.setenv("DIGEST_INTERVAL", "")
    monkeypatch.setenv("DISCORD_TOKEN", "")
    blank = load_settings(env_file=env_file)  # the environment wins, and empty means unset
    assert blank.digest_interval == 60 and blank.token is None


@pytest.mark.parametrize(("name", "value"), [
    ("DEV_GUILD_ID", "abc"), ("DIGEST_INTERVAL", "0"), ("DIGEST_CRON", "every morning"),
    ("DIGEST_TIMEZONE", "Mars/Olympus"), ("LOG_LEVEL", "loud"), ("DISCORD_API_BASE", "localhost"),
    ("FACTS_TODAY", "yesterday"), ("SEEDS_SYMLINKS", "all"), ("SEEDS_MAX_FILE_MB", "-1"),
])
def test_a_bad_value_is_one_line_naming_the_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings({name: value}, env_file=None)
    text = str(caught.value)
    assert text.startswith(f"{name}: ") and "\n" not in text and ".env" in text


def test_compile_options_come_from_the_settings() -> None:
    s = load_settings({"SEEDS_SYMLINKS": "off", "SEEDS_MAX_FILE_MB": "2", "FACTS_TODAY": "2026-06-01"},
                      env_file=None)
    options = s.compile_options()
    assert not options.follow_symlinks and options.max_file_bytes == 2 * 1024 * 1024
    assert options.reference_day().isoformat() == "2026-06-01"


def test_log_level_and_timezone_are_read() -> None:
    s = load_settings({"LOG_LEVEL": "debug", "DIGEST_TIMEZONE": "Africa/Casablanca"}, env_file=None)
    assert (s.log_level, s.digest_timezone) == ("DEBUG", "Africa/Casablanca")
    assert isinstance(Settings.model_fields["discord_token"].default, type(None))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's code with its own .env and fact base (relative paths in .env)."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("facts", "handlers", "bot"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "bot.py", copy / "bot.py")
    (copy / "var").mkdir()
    build(copy / "var" / "kb.sqlite3")
    (copy / ".env").write_text("FACTS_DB=var/kb.sqlite3\nSEEDS_DIR=articles\nDISCORD_TOKEN=\n", encoding="utf-8")
    return copy


def _run(argv: list[str], cwd: Path, extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FACTS_DB", "SEEDS_DIR", "PYTHONPATH")}
    env.update(extra or {})
    return subprocess.run([sys.executable, *argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_bot_py_from_another_folder_answers_from_the_projects_fact_base(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    res = _run([str(project / "bot.py"), "ask", "/partner Turkey"], elsewhere)
    assert res.returncode == 0, res.stderr
    assert "Bayraktar TB2" in res.stdout, res.stdout + res.stderr
    assert not (elsewhere / "var").exists(), "nothing is created in the current folder"


def test_python_m_facts_reads_the_projects_env(project: Path, tmp_path: Path) -> None:
    res = _run(["-m", "facts", "check"], tmp_path, {"PYTHONPATH": str(project)})
    assert res.returncode == 0, res.stderr
    assert str(project / "var" / "kb.sqlite3") in res.stdout and "4 articles" in res.stdout
    bad = _run(["-m", "facts", "check"], tmp_path, {"PYTHONPATH": str(project), "DIGEST_INTERVAL": "often"})
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.count("\n") == 1 and "DIGEST_INTERVAL" in bad.stderr
