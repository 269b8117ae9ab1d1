"""Fixtures of the end-to-end tests (marker ``e2e``): a fake Discord plus ``python bot.py``.

Session set-up does what ``make run`` does before the bot starts — ``python -m facts compile`` —
once, into a temporary folder; every bot then gets its own copy of the folder and fact base.
The corpus is ``seeds/`` plus filler notes, because a paginated answer needs more articles than
the five seeds. The digest baseline is recorded once with ``python bot.py digest --once`` (the
state of a bot that has run before), so an article dropped during a test is news.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (  # noqa: E402
    CHANNEL_ID,
    GUILD_ID,
    PYTHON,
    REPO,
    BotProcess,
    FakeDiscord,
    base_env,
    launch,
    shutdown,
    write_fillers,
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: end-to-end test running bot.py against the fake Discord API")


@pytest.fixture(scope="session")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(seeds folder, fact base) compiled once per session, digest baseline recorded."""
    base = tmp_path_factory.mktemp("corpus")
    seeds, db = base / "seeds", base / "facts.sqlite3"
    shutil.copytree(REPO / "seeds", seeds)
    write_fillers(seeds)
    env = base_env(seeds, db)
    for argv in ([PYTHON, "-m", "facts", "compile", str(seeds), "--db", str(db)],
                 [PYTHON, "bot.py", "digest", "--once"]):
        done = subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, f"{' '.join(argv[1:])} failed:\n{done.stdout}\n{done.stderr}"
        assert "netguard: blocked" not in done.stderr, done.stderr
    return seeds, db


@pytest_asyncio.fixture
async def bot(compiled: tuple[Path, Path], tmp_path: Path) -> AsyncIterator[BotProcess]:
    """A fresh fake Discord and a fresh ``python bot.py`` for one test."""
    fake = await FakeDiscord(guild_id=GUILD_ID, channel_id=CHANNEL_ID).start()
    proc = await launch(fake, compiled, tmp_path)
    yield proc
    await shutdown(proc)


