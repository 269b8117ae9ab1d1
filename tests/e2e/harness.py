"""Helpers for the end-to-end tests: start ``python bot.py`` (as ``make run`` does) against the
fake Discord, drop articles, read what the bot sent. Fixtures live in ``conftest.py``."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from fakediscord import FakeDiscord  # noqa: E402

REPO = TESTS.parent
PYTHON = sys.executable  # the interpreter running the tests: the .venv that `make test` made
GUILD_ID = "1100000000000000001"
CHANNEL_ID = "1100000000000000002"
NETGUARD = Path(__file__).resolve().parent / "netguard"
FILLER_NOTES = 45
CITIES = ("Rabat", "Casablanca", "Tanger", "Agadir", "Kénitra", "Meknès", "Fès", "Oujda", "Laâyoune", "Dakhla")


def _blank_names() -> set[str]:
    """Variables documented in .env.example: blanked so a developer's .env cannot leak into tests."""
    names = {"DIGEST_CRON", "DIGEST_BACKFILL", "DIGEST_TIMEZONE"}
    example = REPO / ".env.example"
    if example.exists():
        for line in example.read_text(encoding="utf-8").splitlines():
            name = line.split("=", 1)[0].strip()
            if "=" in line and name.isidentifier() and not line.lstrip().startswith("#"):
                names.add(name)
    return names


def base_env(seeds: Path, db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DIGEST_"))}
    env.update({name: "" for name in _blank_names()})
    env.update(SEEDS_DIR=str(seeds), FACTS_DB=str(db), PYTHONUNBUFFERED="1", NO_COLOR="1")
    # netguard/sitecustomize.py refuses any connection beyond loopback in the child processes
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(NETGUARD), os.environ.get("PYTHONPATH")]))
    return env


def bot_env(fake: FakeDiscord, seeds: Path, db: Path) -> dict[str, str]:
    env = base_env(seeds, db)
    env.update(
        DISCORD_TOKEN=fake.token, DISCORD_API_BASE=fake.base_url, DISCORD_GATEWAY_URL=fake.gateway_url,
        DISCORD_READY_TIMEOUT="0.1", DEV_GUILD_ID=fake.state.guild_id, DIGEST_CHANNEL_ID=fake.state.channel_id,
        DIGEST_INTERVAL="1",
    )
    return env


def write_fillers(seeds: Path) -> None:
    for i in range(FILLER_NOTES):
        city = CITIES[i % len(CITIES)]
        (seeds / f"filler_{i:02d}.txt").write_text(
            f"Note d'information numéro {i + 1} sur les capacités de défense du Royaume à {city}\n"
            f"{city}, le {i % 28 + 1} mars 2025 - Les Forces armées royales ont présenté à {city} le bilan "
            f"numéro {i + 1} de leurs programmes de modernisation, lors d'une journée d'étude consacrée à la "
            "formation des cadres et à la maintenance des équipements, sans annonce de nouveau contrat.\n",
            encoding="utf-8")


@dataclass
class BotProcess:
    """``python bot.py`` in a subprocess, its output in a log file, its death reported to the fake."""

    fake: FakeDiscord
    workdir: Path
    seeds: Path
    db: Path
    proc: asyncio.subprocess.Process | None = None
    stopping: bool = False
    env_extra: dict[str, str] = field(default_factory=dict)  # e.g. DIGEST_CHANNEL_ID="" to turn the digest off
    new_session: bool = False  # own session: its worker processes can be found by session id
    starts: int = 0
    _watch: asyncio.Task[None] | None = field(default=None, repr=False)

    @property
    def log_path(self) -> Path:
        return self.workdir / "bot.log"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    async def start(self) -> None:
        self.stopping = False
        self.starts += 1
        with self.log_path.open("ab") as out:
            self.proc = await asyncio.create_subprocess_exec(
                PYTHON, "bot.py", cwd=REPO, env={**bot_env(self.fake, self.seeds, self.db), **self.env_extra},
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, start_new_session=self.new_session)
        self._watch = asyncio.create_task(self._watch_exit())

    async def signal_and_wait(self, sig: int, timeout: float = 10.0) -> float:
        """Send ``sig`` (SIGTERM, SIGINT, SIGKILL) and wait for the exit; returns the seconds it took."""
        assert self.proc is not None
        self.stopping = True
        started = time.monotonic()
        self.proc.send_signal(sig)
        await asyncio.wait_for(self.proc.wait(), timeout)
        if self._watch is not None:
            await self._watch
        return time.monotonic() - started

    async def restart(self, timeout: float = 30.0) -> None:
        """Start ``bot.py`` again against the same fake and wait until it has identified anew."""
        before = self.fake.gateway.identifies
        await self.start()
        deadline = time.monotonic() + timeout
        while self.fake.gateway.identifies <= before:
            if time.monotonic() > deadline:
                raise AssertionError(f"the restarted bot never identified; log tail:\n{self.log()[-3000:]}")
            await asyncio.sleep(0.05)

    async def _watch_exit(self) -> None:
        assert self.proc is not None
        code = await self.proc.wait()
        if not self.stopping:
            self.fake.fail(f"bot.py exited early with code {code}; log tail:\n{self.log()[-3000:]}")

    async def ready(self, timeout: float = 20.0) -> None:
        """Logged in, commands synced, READY + GUILD_CREATE sent."""
        await self.fake.wait_for(lambda r: r.method == "PUT" and r.path.endswith("/commands"), timeout,
                                 "the command sync (PUT .../commands)")
        await self.fake.wait_ready(timeout)

    async def stop(self) -> int | None:
        """Ctrl-C, as a user stops ``make run``; a second one if the first was swallowed, then kill.

        The second Ctrl-C is needed now and then when the first lands while discord.py is still
        processing READY (Python 3.11's ``asyncio.wait_for`` can swallow a cancellation); the
        harness notes it in the test output rather than failing the scenario for it.
        """
        self.stopping = True
        try:
            if self.proc is None or self.proc.returncode is not None:
                return None if self.proc is None else self.proc.returncode
            for attempt, grace in enumerate((3.0, 5.0), 1):
                self.proc.send_signal(signal.SIGINT)
                try:
                    code = await asyncio.wait_for(self.proc.wait(), grace)
                except TimeoutError:
                    continue
                if attempt > 1:
                    print(f"note: bot.py needed {attempt} Ctrl-C to stop")
                return code
            self.proc.kill()
            await self.proc.wait()
            raise AssertionError(f"bot.py ignored two Ctrl-C; log tail:\n{self.log()[-2000:]}")
        finally:
            if self._watch is not None:
                await self._watch

    def drop_article(self, name: str, text: str) -> Path:
        """Add a finished article the way a copy from elsewhere arrives: whole, with an older mtime."""
        staging = self.workdir / "incoming" / name
        staging.parent.mkdir(exist_ok=True)
        staging.write_text(text, encoding="utf-8")
        old = time.time() - 60
        os.utime(staging, (old, old))
        target = self.seeds / name
        os.replace(staging, target)
        return target


async def launch(fake: FakeDiscord, compiled: tuple[Path, Path], workdir: Path, *,
                 env: dict[str, str] | None = None, new_session: bool = False) -> BotProcess:
    """Copy the compiled corpus into ``workdir``, start ``python bot.py`` and wait until it is ready."""
    seeds, db = compiled
    shutil.copytree(seeds, workdir / "seeds")
    shutil.copy2(db, workdir / "facts.sqlite3")
    bot = BotProcess(fake, workdir, workdir / "seeds", workdir / "facts.sqlite3", env_extra=dict(env or {}),
                     new_session=new_session)
    try:
        await bot.start()
        await bot.ready()
    except BaseException:
        await bot.stop()
        print(f"--- bot.py log ---\n{bot.log()[-4000:]}")
        await fake.stop()
        raise
    return bot


async def shutdown(bot: BotProcess, *, allow_tracebacks: bool = False) -> None:
    """Stop the bot, then check what Discord would have rejected, that the token never leaked and
    that the bot stayed on loopback (and, unless faults were injected, logged no traceback)."""
    try:
        await bot.stop()
    finally:
        log = bot.log()
        print(f"--- bot.py log ({bot.log_path}) ---\n{log[-4000:]}")
        await bot.fake.stop()
    assert bot.fake.token not in log, "the bot token appeared in the bot's output"
    assert "netguard: blocked" not in log, "the bot tried to reach a host other than 127.0.0.1"
    if not allow_tracebacks:
        assert "Traceback (most recent call last)" not in log, "the bot logged a traceback"
    bot.fake.assert_clean()


def session_processes(sid: int) -> list[int]:
    """Live processes of session ``sid`` (the bot started with ``new_session`` and its children)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        if int(fields[3]) == sid and fields[0] != "Z":  # fields: state ppid pgrp session …
            found.append(int(entry.name))
    return found


def text_of(message: dict[str, Any]) -> str:
    """Everything a reader sees in a message: content, embed titles, descriptions, fields, footers."""
    parts = [message.get("content") or ""]
    for embed in message.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        for fld in embed.get("fields") or []:
            parts += [fld.get("name") or "", fld.get("value") or ""]
        parts.append((embed.get("footer") or {}).get("text") or "")
    return "\n".join(parts)


def folded(text: str) -> str:
    """Case- and accent-insensitive form, for assertions that should not depend on wording details."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
