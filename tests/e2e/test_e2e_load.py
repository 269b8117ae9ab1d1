"""The bot keeps answering while another process compiles 1 000 articles into its fact base.

Before: opening the store wrote to it, so every command waited on the compile's write lock
(77 s for the first answer; Discord's deadline is 3 s). Now readers open the file read-only
and a new version is loaded beside the current one. The articles are short (title, date line,
first paragraph of ``benchmarks/corpus.py`` articles) so the compile fits in a test run while
still taking long enough for 50 commands to arrive during it, store step included: 1 000 take
12-15 s on two busy cores of a recent machine (language model loaded in each worker, then ~80
articles a second), and about a minute on a machine half as fast; 600, sent every 0.2 s,
were no longer enough on the faster one (only 39 commands arrived during a 7.7 s compile).
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from pathlib import Path

import pytest
from corpuskit import small_articles, write_articles
from harness import CHANNEL_ID, GUILD_ID, PYTHON, REPO, FakeDiscord, base_env, launch, shutdown, text_of

pytestmark = pytest.mark.e2e

DEADLINE = 3.0
COMMANDS = 50
ARTICLES = 1000
SPACING = 0.1  # seconds between commands: 50 arrive within 5 s, well inside the compile
COUNTRIES = ("Turkey", "Israel", "India", "France", "United States", "Spain", "China", "Brazil")


async def run(*argv: str, env: dict[str, str]) -> tuple[float, int, str, str]:
    started = time.monotonic()
    proc = await asyncio.create_subprocess_exec(*argv, cwd=REPO, env=env, stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.PIPE)
    out, err = await proc.communicate()
    return time.monotonic() - started, proc.returncode or 0, out.decode(), err.decode()


def facts_of(dump: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in dump.splitlines() if line.strip()]


async def test_partner_ask_and_dump_answer_during_a_1000_article_compile(
        compiled: tuple[Path, Path], tmp_path: Path) -> None:
    fake = await FakeDiscord(guild_id=GUILD_ID, channel_id=CHANNEL_ID).start()
    bot = await launch(fake, compiled, tmp_path, env={"DIGEST_CHANNEL_ID": ""})  # digest off: this is about reads
    env = base_env(bot.seeds, bot.db)
    try:
        ask = (PYTHON, "bot.py", "ask", "/partner Turkey")
        dump = (PYTHON, "-m", "facts", "dump", "--db", str(bot.db))
        idle_ask, _, _, _ = await run(*ask, env=env)
        idle_dump, _, before, _ = await run(*dump, env=env)
        write_articles(bot.seeds, small_articles(ARTICLES, seed=5))
        compile_started = time.monotonic()
        compiling = asyncio.create_task(run(PYTHON, "-m", "facts", "compile", str(bot.seeds), "--db", str(bot.db),
                                            "--quiet", env=env))
        readers = asyncio.create_task(_readers_during(compiling, ask, dump, env))
        interactions = []
        during = 0
        while len(interactions) < COMMANDS or not compiling.done():
            if len(interactions) >= 400:
                break
            ix = await fake.slash("partner", country=COUNTRIES[len(interactions) % len(COUNTRIES)])
            interactions.append(ix)
            during += not compiling.done()
            # 50 in the first 5 s, then one a second until the compile (and its store step) is over
            await asyncio.sleep(SPACING if len(interactions) < COMMANDS else 1.0)
        took, code, out, err = await compiling
        assert code == 0 and "Traceback" not in err, err
        assert during >= COMMANDS, f"only {during} commands arrived during the compile ({took:.1f} s)"
        latencies = []
        for ix in interactions:
            message = await fake.reply(ix, timeout=DEADLINE + 2)
            answer = next(r for r in fake.requests if r.interaction_id == ix.id and r.message_id == message["id"])
            latencies.append(answer.time - ix.dispatched_at)
            assert ix.latency is not None and ix.latency < DEADLINE
            text = text_of(message)
            assert "busy" not in text.lower() and "went wrong" not in text, text[:300]
            if ix.payload["data"]["options"][0]["value"] == "Turkey":
                assert "Bayraktar TB2" in text
        worst = max(latencies)
        assert worst < DEADLINE, f"slowest /partner answer took {worst:.2f} s"
        reads = await readers
        idle = {"ask": idle_ask, "dump": idle_dump}
        for name, (elapsed, code, output, error) in reads.items():
            assert code == 0 and "Traceback" not in error, f"{name}: {error}"
            # No lock wait (it used to be 30 s, then a crash); the rest is sharing two cores with the
            # compile's workers. The 1 s bound on waiting is measured without that noise in
            # tests/test_readers.py, against a writer holding the lock.
            assert elapsed < idle[name] + 4.0, f"{name}: {elapsed:.2f} s during the compile, {idle[name]:.2f} s idle"
            if name == "ask":
                assert "Bayraktar TB2" in output
            else:  # one consistent version: the one before the compile, or the one after it
                assert facts_of(output) == facts_of(before) or len(facts_of(output)) > len(facts_of(before))
        # the bot shows the new version soon after the commit, without a restart
        deadline = time.monotonic() + 20
        while True:
            ix = await fake.slash("help")
            summary = text_of(await fake.reply(ix, timeout=DEADLINE))
            found = re.search(r"from (\d+) articles", summary)
            if found and int(found.group(1)) >= ARTICLES:
                break
            assert time.monotonic() < deadline, f"the bot still answers from the old version: {summary[:200]}"
            await asyncio.sleep(0.5)
        print(f"compile of {ARTICLES} articles: {took:.1f} s (started {compile_started:.0f});"
              f" {len(interactions)} /partner,"
              f" {during} during the compile; slowest answer {worst * 1000:.0f} ms,"
              f" median {sorted(latencies)[len(latencies) // 2] * 1000:.0f} ms; ask {reads['ask'][0]:.2f} s"
              f" (idle {idle_ask:.2f} s), dump {reads['dump'][0]:.2f} s (idle {idle_dump:.2f} s)")
    finally:
        await shutdown(bot)


async def _readers_during(compiling: asyncio.Task[tuple[float, int, str, str]], ask: tuple[str, ...],
                          dump: tuple[str, ...], env: dict[str, str]) -> dict[str, tuple[float, int, str, str]]:
    """``bot.py ask`` and ``python -m facts dump`` a few seconds into the compile."""
    await asyncio.sleep(3.0)
    assert not compiling.done(), "the compile ended before the readers ran"
    ask_result = await run(*ask, env=env)
    dump_result = await run(*dump, env=env)
    assert not compiling.done(), "the compile ended before the readers finished"
    return {"ask": ask_result, "dump": dump_result}
