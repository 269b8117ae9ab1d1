"""The digest in a terminal: `bot.py digest --once`, `bot.py digest`, and the console's job.

Same job as in Discord (``handlers/digest.py``), delivered as text; one line for anything
that goes wrong with the fact base, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from facts.errors import FactBaseError
from facts.safe_text import display
from facts.settings import Settings
from handlers.digest import Clock, DigestEntry, DigestResult, DigestRunner, describe_error
from handlers.digest_entries import render_text

log = logging.getLogger("digest")


def summary_text(result: DigestResult, backfill_hint: bool = True) -> str:
    """What a one-shot run did, for the terminal (digest text itself excluded)."""
    lines: list[str] = []
    if result.skipped:
        return f"Skipped: {result.skipped}; the next scan looks again."
    if result.first_run and result.recorded and not result.entries:
        line = f"First run: recorded {result.recorded} existing article(s) without posting them."
        if backfill_hint:
            line += " Set DIGEST_BACKFILL=true (or pass --backfill) to post them."
        lines.append(line)
    elif not result.entries:
        line = "Nothing new."
        if result.recorded:
            line += f" ({result.recorded} file(s) recorded without a post: renamed, or same facts.)"
        lines.append(line)
    lines += [f"Not posted: {n}" for n in result.notices]
    if result.waiting:
        lines.append("Still being written, next run: " + ", ".join(result.waiting))
    if result.resent:
        lines.append(f"Resent {result.resent} message(s) of an interrupted digest (same nonce: not posted twice).")
    if result.error:
        lines.append(f"Delivery failed ({result.error}); will retry: " + ", ".join(result.failed))
    return display("\n".join(lines))


# ---------------------------------------------------------------- terminal entry points

def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="bot.py digest", description="Post what new articles add.")
    p.add_argument("--once", action="store_true", help="one scan, print the digest, mark it delivered, exit")
    p.add_argument("--backfill", action="store_true", help="on the first run, post the existing articles")
    p.add_argument("--seeds", type=Path, default=None, help="articles folder (default: SEEDS_DIR)")
    p.add_argument("--db", type=Path, default=None, help="fact base (default: FACTS_DB)")
    p.add_argument("--interval", type=float, default=None, help="seconds between scans without --once")
    return p


def digest_once_cli(argv: list[str] | None, settings: Settings, *, write: Callable[[str], Any] = print,
                    sleep: Callable[[float], Any] = time.sleep, clock: Clock = time.time) -> int:
    """`python bot.py digest --once`: one scan printed to the terminal; exit code 0 when it worked.

    A one-shot run has no "next run" for a file still being written, so it waits for it
    once (a few seconds) and looks again.
    """
    argv = list(argv or [])
    if argv[:1] == ["digest"]:
        argv = argv[1:]
    args = _parser().parse_args(argv)
    seeds = args.seeds or settings.seeds_dir
    db = args.db or settings.facts_db
    if not seeds.is_dir():
        write(f"error: articles folder not found: {seeds}")
        return 2
    backfill = args.backfill or settings.digest_backfill
    settings = settings.model_copy(update={"seeds_dir": seeds, "facts_db": db, "digest_backfill": backfill,
                                           "digest_interval": args.interval or settings.digest_interval})
    if not args.once:
        try:
            asyncio.run(console_digest_loop(settings, write))
        except KeyboardInterrupt:
            return 0
        return 0

    async def to_terminal(entries: list[DigestEntry]) -> None:
        write(render_text(entries))

    async def scan() -> DigestResult:
        runner = DigestRunner(seeds, db, to_terminal, backfill=backfill, clock=clock, compile_wait=True,
                              options=settings.compile_options())
        result = await runner.run_once()
        if result.waiting:
            await asyncio.to_thread(sleep, runner.stable.min_age)
            again = await runner.run_once()
            again.notices = result.notices + again.notices
            again.recorded += result.recorded
            again.first_run = again.first_run or result.first_run
            if result.entries and not again.entries:
                again.entries = result.entries
            return again
        return result

    try:
        result = asyncio.run(scan())
    except FactBaseError as exc:  # one clear line: busy, damaged, refused folder, full disk
        write(f"error: {exc}")
        return 1
    except Exception as exc:  # the compiler or the fact base failed: say so, don't trace back
        log.exception("digest scan failed")
        write(f"error: digest scan failed: {describe_error(exc)}")
        return 1
    text = summary_text(result)
    if text:
        write(text)
    return 0


async def console_digest_loop(settings: Settings, write: Callable[[str], Any] = print, *,
                              clock: Clock = time.time,
                              sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
                              runs: int | None = None) -> None:
    """The console mode's digest: the same job as in Discord, printed to the terminal.

    Runs until cancelled (or ``runs`` scans, for tests). A failing scan is logged and
    retried at the next interval; it never ends the console.
    """
    async def to_terminal(entries: list[DigestEntry]) -> None:
        write(render_text(entries))

    runner = DigestRunner(settings.seeds_dir, settings.facts_db, to_terminal, backfill=settings.digest_backfill,
                          clock=clock, options=settings.compile_options())
    interval = settings.digest_interval
    done = 0
    while True:
        try:
            await runner.run_once()
        except asyncio.CancelledError:
            raise
        except FactBaseError as exc:  # busy, damaged, refused folder: one line, not a traceback
            log.warning("digest scan failed: %s; retrying in %.0f s", exc, interval)
        except Exception:
            log.exception("digest scan failed; retrying in %.0f s", interval)
        done += 1
        if runs is not None and done >= runs:
            return
        await sleep(interval)
