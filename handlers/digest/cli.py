"""The digest in a terminal: `bot.py digest --once`, `bot.py digest`, and the console's job.

Same job as in Discord (``run.py``), delivered as text to the ``terminal`` target; one line for
anything that goes wrong with the fact base, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from facts.errors import FactBaseError
from facts.safe_text import display
from facts.settings import Settings
from handlers.digest.entries import DigestEntry, render_text
from handlers.digest.run import Clock, DigestResult, DigestRunner
from handlers.digest.send import describe_error
from handlers.i18n import tr

log = logging.getLogger("digest")


def summary_text(result: DigestResult, backfill_hint: bool = True) -> str:
    """What a one-shot run did, for the terminal (digest text itself excluded)."""
    lines: list[str] = []
    if result.skipped:
        return tr("Skipped: {reason}; the next scan looks again.", reason=result.skipped)
    if result.first_run and result.recorded and not result.entries:
        line = tr("First run: recorded {n} existing article(s) without posting them.", n=result.recorded)
        if backfill_hint:
            line += " " + tr("Set DIGEST_BACKFILL=true (or pass --backfill) to post them.")
        lines.append(line)
    elif not result.entries:
        line = tr("Nothing new.")
        if result.recorded:
            line += " " + tr("({n} file(s) recorded without a post: renamed, or same facts.)", n=result.recorded)
        lines.append(line)
    lines += [tr("Not posted: {notice}", notice=n) for n in result.notices]
    if result.waiting:
        lines.append(tr("Still being written, next run: {files}", files=", ".join(result.waiting)))
    if result.resent:
        lines.append(tr("Resent {n} message(s) of an interrupted digest (same nonce: not posted twice).",
                        n=result.resent))
    if result.error:
        lines.append(tr("Delivery failed ({error}); will retry: {files}", error=result.error,
                        files=", ".join(result.failed)))
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
    """`python bot.py digest --once`: the feeds polled once, then one scan printed to the terminal;
    exit code 0 when it worked.

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
        write(f"error: articles folder not found: {seeds}; set SEEDS_DIR or pass --seeds")
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

    async def scan() -> DigestResult:
        from handlers.feeds import FeedPoller

        polled = await FeedPoller(settings).poll_once(force=True)  # the feeds first: their news is in this digest
        if polled.text():
            write(display(polled.text()))
        runner = terminal_runner(settings, write, clock)
        runner.compile_wait = True
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
        return 2
    except Exception as exc:  # the compiler or the fact base failed: say so, don't trace back
        log.debug("digest scan failed", exc_info=True)
        write(f"error: digest scan failed: {describe_error(exc)} (LOG_LEVEL=DEBUG shows the details)")
        return 2
    text = summary_text(result)
    if text:
        write(text)
    return 0


def terminal_runner(settings: Settings, write: Callable[[str], Any], clock: Clock = time.time) -> DigestRunner:
    async def to_terminal(entries: list[DigestEntry]) -> None:
        write(render_text(entries))

    return DigestRunner(settings.seeds_dir, settings.facts_db, to_terminal, backfill=settings.digest_backfill,
                        clock=clock, options=settings.compile_options(),
                        sweep_interval=settings.digest_sweep_interval)


async def console_digest_loop(settings: Settings, write: Callable[[str], Any] = print, *,
                              clock: Clock = time.time, runner: DigestRunner | None = None,
                              sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
                              runs: int | None = None) -> None:
    """The console mode's digest: the same job as in Discord, printed to the terminal.

    Runs until cancelled (or ``runs`` scans, for tests). A failing scan is logged and
    retried at the next interval; it never ends the console.
    """
    runner = runner or terminal_runner(settings, write, clock)
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


class ConsoleDigest:
    """The console's digest on its own event loop in a daemon thread, so the prompt stays free.
    ``stop()`` returns at once: a compile in progress is abandoned (the fact base is left as it
    was) and the thread is not waited for beyond ``grace`` seconds."""

    def __init__(self, settings: Settings, write: Callable[[str], Any]):
        self.settings, self.write = settings, write
        self.runner = terminal_runner(settings, write)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.task: asyncio.Task[None] | None = None
        self.thread: threading.Thread | None = None

    def start(self) -> bool:
        if not self.settings.seeds_dir.is_dir():
            return False
        self.thread = threading.Thread(target=self._run, name="console-digest", daemon=True)
        self.thread.start()
        return True

    def _run(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.task = self.loop.create_task(console_digest_loop(self.settings, self.write, runner=self.runner))
        try:
            self.loop.run_until_complete(self.task)
        except (asyncio.CancelledError, Exception):
            log.debug("console digest stopped", exc_info=True)
        finally:
            self.loop.close()

    def stop(self, grace: float = 0.5) -> None:
        self.runner.stop()
        loop, task = self.loop, self.task
        if loop is not None and task is not None:
            with contextlib.suppress(RuntimeError):  # the loop already closed
                loop.call_soon_threadsafe(task.cancel)
        if self.thread is not None:
            self.thread.join(grace)
