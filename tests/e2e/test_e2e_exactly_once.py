"""The digest posts every article exactly once, whatever stops the bot and whoever else runs the digest.

A 12-article digest goes out as 2 messages (10 + 2 embeds). The bot is stopped with SIGTERM,
Ctrl-C (SIGINT) or ``kill -9`` at each step — before the first message reaches Discord, after
the first, after the second (recorded), and after Discord created the second but before the
bot saw the answer — then started again against the same fake Discord, which answers a resent
nonce with the message it already has, as Discord does. The three signals of a step run side
by side (one fake and one bot each) to keep the suite short.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from corpuskit import small_articles, write_articles
from harness import (
    CHANNEL_ID,
    GUILD_ID,
    PYTHON,
    REPO,
    BotProcess,
    FakeDiscord,
    base_env,
    launch,
    shutdown,
    text_of,
)

pytestmark = pytest.mark.e2e

POSTS = rf"/channels/{CHANNEL_ID}/messages"
SIGNALS = {"SIGTERM": signal.SIGTERM, "SIGINT": signal.SIGINT, "SIGKILL": signal.SIGKILL}
STEPS = ("before_send", "after_first", "after_second", "before_record")
GRACEFUL_EXIT = 2.0  # seconds a SIGTERM/Ctrl-C may take, mid-send or mid-compile


@pytest.fixture(scope="session")
def twelve_pending(compiled: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
                   ) -> tuple[Path, Path, list[str]]:
    """The e2e corpus plus 12 new articles compiled into the fact base, not yet delivered."""
    base = tmp_path_factory.mktemp("twelve")
    seeds, db = base / "seeds", base / "facts.sqlite3"
    subprocess.run(["cp", "-a", str(compiled[0]), str(seeds)], check=True)
    subprocess.run(["cp", "-a", str(compiled[1]), str(db)], check=True)
    articles = small_articles(12, seed=23)
    write_articles(seeds, articles)
    done = subprocess.run([PYTHON, "-m", "facts", "compile", str(seeds), "--db", str(db)], cwd=REPO,
                          env=base_env(seeds, db), capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert "added 12" in done.stdout, done.stdout
    return seeds, db, [name for name, _ in articles]


def posts_per_article(fake: FakeDiscord, names: list[str]) -> dict[str, int]:
    posts = fake.channel_posts(CHANNEL_ID)
    return {name: sum(1 for m in posts if name in text_of(m)) for name in names}


def sent_messages(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
    try:
        return int(conn.execute("SELECT count(*) FROM digest_messages WHERE state = 'sent'").fetchone()[0])
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


async def until(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        await asyncio.sleep(0.05)


async def all_posted_once(bot: BotProcess, names: list[str], timeout: float = 40.0) -> dict[str, int]:
    await until(lambda: all(posts_per_article(bot.fake, names).values()), timeout, "every article posted")
    await asyncio.sleep(1.5)  # more scans (DIGEST_INTERVAL=1): nothing may be posted again
    return posts_per_article(bot.fake, names)


async def interrupted_run(step: str, sig_name: str, pending: tuple[Path, Path, list[str]],
                          workdir: Path) -> dict[str, Any]:
    seeds, db, names = pending
    fake = await FakeDiscord(guild_id=GUILD_ID, channel_id=CHANNEL_ID).start()
    fault = None
    if step == "before_send":
        fault = fake.inject("POST", POSTS, hold="before", delay=60)
    elif step == "after_first":
        fault = fake.inject("POST", POSTS, hold="before", delay=60, skip=1)
    elif step == "before_record":
        fault = fake.inject("POST", POSTS, hold="after", delay=60, skip=1)
    bot = await launch(fake, (seeds, db), workdir)
    try:
        if step == "after_second":
            await until(lambda: sent_messages(bot.db) == 2, 40, "both messages recorded as sent")
        elif step == "before_record":
            await until(lambda: any(r.fault == "processed, answer held" for r in fake.requests), 40,
                        "message 2 created with its answer held back")
        else:
            assert fault is not None
            await until(lambda: fault.hits == 1, 40, "the held message to reach Discord")
        created_before = len(fake.channel_posts(CHANNEL_ID))
        took = await bot.signal_and_wait(SIGNALS[sig_name])
        if fault is not None:
            fault.release()
        await bot.restart()
        counts = await all_posted_once(bot, names)
        first = fake.channel_posts(CHANNEL_ID)[0]
        return {"counts": counts, "took": took, "created_before": created_before,
                "messages": len(fake.channel_posts(CHANNEL_ID)), "nonce_hits": fake.nonce_hits,
                "header": first.get("content") or ""}
    finally:
        await shutdown(bot, allow_tracebacks=True)


@pytest.mark.parametrize("step", STEPS)
async def test_digest_stopped_at_each_step_posts_every_article_exactly_once(
        step: str, twelve_pending: tuple[Path, Path, list[str]], tmp_path: Path) -> None:
    runs = await asyncio.gather(*(interrupted_run(step, name, twelve_pending, tmp_path / name)
                                  for name in SIGNALS))
    for sig_name, run in zip(SIGNALS, runs, strict=True):
        where = f"{step}/{sig_name}"
        assert set(run["counts"].values()) == {1}, f"{where}: posts per article {run['counts']}"
        assert run["messages"] == 2, f"{where}: {run['messages']} messages for a 2-message digest"
        assert "(2 messages)" in run["header"], run["header"]
        if sig_name != "SIGKILL":
            assert run["took"] < GRACEFUL_EXIT, f"{where}: the bot took {run['took']:.2f} s to stop"
        if step == "before_record":
            assert run["nonce_hits"] >= 1, f"{where}: the resent message was not answered from its nonce"
        print(f"{where}: exit {run['took']:.2f} s, messages {run['messages']}, nonce hits {run['nonce_hits']}")


async def test_locked_database_at_mark_posted_still_posts_once(
        twelve_pending: tuple[Path, Path, list[str]], tmp_path: Path) -> None:
    """The send succeeds, then the record cannot be written (another process holds the write lock):
    the next scan resends with the same nonce and Discord answers with the existing message."""
    seeds, db, names = twelve_pending
    fake = await FakeDiscord(guild_id=GUILD_ID, channel_id=CHANNEL_ID).start()
    held = fake.inject("POST", POSTS, hold="after", delay=0.5)  # time to take the lock before the answer
    bot = await launch(fake, (seeds, db), tmp_path)
    try:
        await until(lambda: held.hits == 1, 40, "the first digest message")
        locker = sqlite3.connect(str(bot.db), timeout=5, isolation_level=None)
        locker.execute("BEGIN IMMEDIATE")
        await asyncio.sleep(7.0)  # longer than the digest's 5 s wait for the lock
        locker.execute("ROLLBACK")
        locker.close()
        counts = await all_posted_once(bot, names)
        assert set(counts.values()) == {1}, counts
        assert fake.nonce_hits >= 1, "the unconfirmed message was resent with its nonce"
        assert "could not be recorded" in bot.log() or "database is locked" in bot.log()
        assert len(fake.channel_posts(CHANNEL_ID)) == 2
    finally:
        await shutdown(bot, allow_tracebacks=True)


async def test_two_bots_on_one_fact_base_post_each_article_once(
        compiled: tuple[Path, Path], tmp_path: Path) -> None:
    """Two processes run the digest on the same fact base and folder (each with its own Discord
    connection): the lease in the fact base lets one deliver at a time."""
    fakes = [await FakeDiscord(guild_id=GUILD_ID, channel_id=CHANNEL_ID).start() for _ in range(2)]
    first = await launch(fakes[0], compiled, tmp_path / "one")
    second = BotProcess(fakes[1], tmp_path / "two", first.seeds, first.db)
    second.workdir.mkdir()
    await second.start()
    try:
        await second.ready()
        articles = small_articles(5, seed=41)
        write_articles(first.seeds, articles)
        names = [name for name, _ in articles]

        def total() -> dict[str, int]:
            a, b = (posts_per_article(f, names) for f in fakes)
            return {n: a[n] + b[n] for n in names}

        await until(lambda: all(total().values()), 60, "every article posted by one of the bots")
        await asyncio.sleep(3.0)
        assert set(total().values()) == {1}, total()
    finally:
        await shutdown(second, allow_tracebacks=True)
        await shutdown(first, allow_tracebacks=True)


async def test_bot_stops_within_2_s_mid_compile_and_leaves_no_process(
        compiled: tuple[Path, Path], tmp_path: Path) -> None:
    """SIGTERM while the digest compiles 640 new articles on worker processes: the bot exits
    within 2 s, the compile is abandoned (the fact base unchanged), no worker survives; then
    ``kill -9`` mid-compile: nothing of the project remains after 2 s."""
    from harness import session_processes

    fake = await FakeDiscord(guild_id=GUILD_ID, channel_id=CHANNEL_ID).start()
    bot = await launch(fake, compiled, tmp_path, new_session=True)
    try:
        before = dump(bot.db)
        # enough work that the compile is still extracting when the signal lands: with 80 short
        # articles, two workers could finish and commit before the signal on a fast machine
        write_articles(bot.seeds, small_articles(640, seed=59))
        assert bot.proc is not None
        pid = bot.proc.pid
        await until(lambda: len(session_processes(pid)) > 2, 60, "the compile's worker processes")
        took = await bot.signal_and_wait(signal.SIGTERM)
        assert took < GRACEFUL_EXIT, f"the bot took {took:.2f} s to stop mid-compile"
        await until(lambda: not session_processes(pid), 2.0, "the workers to exit with the bot")
        assert dump(bot.db) == before, "an abandoned compile changed the fact base"

        await bot.start()
        pid = bot.proc.pid
        await until(lambda: len(session_processes(pid)) > 2, 60, "the compile's worker processes again")
        await bot.signal_and_wait(signal.SIGKILL)
        killed = time.monotonic()
        await until(lambda: not session_processes(pid), 2.0, "every process of the bot to be gone")
        print(f"SIGTERM mid-compile: exit in {took:.2f} s; after kill -9 all gone in"
              f" {time.monotonic() - killed:.2f} s")
    finally:
        await shutdown(bot, allow_tracebacks=True)


def dump(db: Path) -> str:
    done = subprocess.run([PYTHON, "-m", "facts", "dump", "--db", str(db)], cwd=REPO, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    return done.stdout
