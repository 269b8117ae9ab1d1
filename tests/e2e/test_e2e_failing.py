"""Starting fails well: a token Discord refuses, or no network, is one line saying what to do —
at most 3 lines in all, exit code 2, no traceback, the token never printed. The invite link and
the library's voice notice: one line at INFO, the other below it."""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from harness import CHANNEL_ID, GUILD_ID, PYTHON, REPO, BotProcess, FakeDiscord, bot_env

pytestmark = pytest.mark.e2e


async def start_and_wait(env: dict[str, str], timeout: float = 60.0) -> tuple[int, list[str]]:
    proc = await asyncio.create_subprocess_exec(PYTHON, "bot.py", cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out, _ = await asyncio.wait_for(proc.communicate(), timeout)
    assert proc.returncode is not None
    return proc.returncode, out.decode("utf-8", "replace").splitlines()


def corpus(compiled: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    seeds, db = compiled
    shutil.copytree(seeds, tmp_path / "seeds")
    shutil.copy2(db, tmp_path / "facts.sqlite3")
    return tmp_path / "seeds", tmp_path / "facts.sqlite3"


async def test_a_token_discord_refuses_is_one_line_and_exit_code_2(compiled: tuple[Path, Path],
                                                                   tmp_path: Path) -> None:
    fake = await FakeDiscord(guild_id=GUILD_ID, channel_id=CHANNEL_ID).start()
    try:
        env = {**bot_env(fake, *corpus(compiled, tmp_path)), "DISCORD_TOKEN": "abc"}
        code, lines = await start_and_wait(env)
    finally:
        await fake.stop()
    assert code == 2, lines
    assert 1 <= len(lines) <= 3, lines
    assert not any("Traceback" in line or "abc" in line for line in lines), lines
    assert "Discord refused DISCORD_TOKEN" in lines[-1] and "Reset Token" in lines[-1]
    assert [r.status for r in fake.requests] == [401], "one refused login, no retry storm"


async def test_no_network_is_one_line_and_exit_code_2(compiled: tuple[Path, Path], tmp_path: Path) -> None:
    fake = FakeDiscord(guild_id=GUILD_ID, channel_id=CHANNEL_ID)  # never started: nothing listens
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**bot_env(fake, *corpus(compiled, tmp_path)), "DISCORD_API_BASE": f"http://127.0.0.1:{port}/api/v10",
           "DISCORD_GATEWAY_URL": f"ws://127.0.0.1:{port}/"}
    code, lines = await start_and_wait(env)
    assert code == 2, lines
    assert 1 <= len(lines) <= 3, lines
    assert not any("Traceback" in line or fake.token in line for line in lines), lines
    assert "cannot reach Discord" in lines[-1] and "network" in lines[-1]


async def test_start_logs_the_invite_link_and_no_voice_notice(bot: BotProcess) -> None:
    log = bot.log()
    app = bot.fake.state.app_id
    assert f"invite link: https://discord.com/oauth2/authorize?client_id={app}" in log
    assert "scope=bot+applications.commands&permissions=52224" in log  # view, send, embed, attach
    assert "voice will NOT be supported" not in log and "apscheduler" not in log
