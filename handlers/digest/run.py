"""The digest run: compile what arrived in the seeds folder, then deliver it to every target, once.

No Discord here. ``run_digest`` compiles (holding back files still being written), takes the
digest lease (one process at a time runs the digest, whichever processes are started), and for
each target — a Discord channel, the terminal — builds one entry per article version that target
has not had and hands them to its deliverer, message by message, with the record-before-send
protocol of ``send.py``. A target that fails keeps its articles for the next run; the others are
not held up. Every database step runs in a worker thread: the event loop never waits on SQLite,
and cancelling the run (Ctrl-C, SIGTERM) also stops a compile in progress.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from facts.errors import CompileBusy, FactBaseError
from facts.seeds import CompileOptions
from facts.store.deliveries import Deliveries, this_owner
from facts.watch import FolderWatch
from handlers.digest.entries import DigestEntry
from handlers.digest.prepare import Prepared, TargetPlan, prepare
from handlers.digest.send import DB_TIMEOUT, Deliver, Deliverer, as_deliverer, off_loop, plan, send_all

log = logging.getLogger("digest")

Clock = Callable[[], float]
TERMINAL = "terminal"  # the target of `bot.py digest` and of the console
DEFAULT_MIN_AGE = 3.0  # seconds a file must stay untouched before it is compiled


@dataclass(frozen=True)
class Target:
    """Where a digest goes: ``key`` names it in the records (a channel id, ``terminal``)."""

    key: str
    deliverer: Deliverer
    claim_legacy: bool = False  # the operator's channel: takes over the single-channel records
    server: str | None = None  # the server of a channel: it gets the articles for everyone and its own
    # feeds' (``Deliveries.pending``); None (the terminal): every article


Targets = Callable[[], Awaitable[list[Target]]]


@dataclass
class TargetResult:
    entries: list[DigestEntry] = field(default_factory=list)
    posted: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    error: str | None = None
    resent: int = 0
    recorded: int = 0
    first: bool = False


@dataclass
class DigestResult:
    entries: list[DigestEntry] = field(default_factory=list)  # what was handed to the deliverers
    posted: list[str] = field(default_factory=list)  # file names confirmed as posted (to some target)
    failed: list[str] = field(default_factory=list)  # file names left pending for some target
    error: str | None = None
    first_run: bool = False  # some target had its first digest: what was there is recorded, not posted
    recorded: int = 0  # versions recorded without posting (first digest, unchanged facts)
    waiting: list[str] = field(default_factory=list)  # files held back: still being written
    notices: list[str] = field(default_factory=list)  # skipped or duplicate files, logged once
    resent: int = 0  # messages of an earlier, interrupted run sent again with their nonce
    skipped: str | None = None  # why this run did nothing (no target, another compile or digest runs)
    report: Any = None  # the CompileReport
    targets: dict[str, TargetResult] = field(default_factory=dict)

    @property
    def nothing_new(self) -> bool:
        return not self.entries and not self.recorded

    def add(self, key: str, outcome: TargetResult) -> None:
        self.targets[key] = outcome
        self.entries += outcome.entries
        self.posted = list(dict.fromkeys(self.posted + outcome.posted))
        self.failed = list(dict.fromkeys(self.failed + outcome.failed))
        self.error = self.error or outcome.error
        self.resent += outcome.resent
        self.recorded += outcome.recorded
        self.first_run = self.first_run or outcome.first


@dataclass
class StableCheck:
    """``accept`` filter for ``compile_folder``: hold back files that may still be written.

    A file waits when it is younger than ``min_age`` seconds or when its size or mtime
    changed since the previous look. The looks are kept in memory, one instance per
    runner, so a file being copied in several steps is compiled once, whole. A file
    seen for the first time and already old enough (e.g. added while the bot was down)
    is accepted at once. ``clock`` returns wall-clock seconds (comparable to st_mtime)
    and is injected by tests.
    """

    min_age: float = DEFAULT_MIN_AGE
    clock: Callable[[], float] = time.time
    looks: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __call__(self, path: Path, st: os.stat_result) -> bool:
        key = str(path)
        now = (st.st_size, st.st_mtime_ns)
        before = self.looks.get(key)
        self.looks[key] = now
        if before is not None and before != now:
            return False
        return self.clock() - st.st_mtime >= self.min_age

    def seen(self, location: str, size: int, mtime_ns: int) -> None:
        """A look at a file the compile found unchanged (it asks nothing about those, to save a
        stat each): remembered, so a later change to it is held back like any other."""
        self.looks[location] = (size, mtime_ns)


def _compile(seeds_dir: Path, db_path: Path, accept: StableCheck | None, wait: bool,
             cancel: threading.Event, options: CompileOptions, watch: FolderWatch | None = None) -> Any:
    from facts.compiler import compile_folder  # imported late: it loads the NLP pipeline

    return compile_folder(seeds_dir, db_path, accept=accept, wait=wait, cancel=cancel, options=options,
                          on_wait=lambda holder: log.info("waiting for another compile (%s)", holder),
                          watch=watch)


def _first_digest(db_path: Path) -> bool:
    if not db_path.exists():
        return True
    with Deliveries.open(db_path, timeout=DB_TIMEOUT) as records:
        return records.first_digest()


async def run_digest(
    seeds_dir: Path | str, db_path: Path | str, targets: Targets | list[Target], *, backfill: bool = False,
    clock: Clock = time.time, stable: StableCheck | None = None,
    logged: set[tuple[str, str]] | None = None, owner: str | None = None,
    cancel: threading.Event | None = None, compile_wait: bool = False, options: CompileOptions | None = None,
    watch: FolderWatch | None = None,
) -> DigestResult:
    """One scan: compile, find what each target has not had, deliver it, record the outcome.

    ``stable`` keeps the previous looks at the files (one per runner); ``logged`` the
    skip notices already logged by this runner; ``owner`` names this process in the lease;
    ``watch`` what the runner knows of the folder between scans (None: every scan sweeps it).
    """
    seeds_dir, db_path = Path(seeds_dir), Path(db_path)
    stable = stable if stable is not None else StableCheck(DEFAULT_MIN_AGE, clock)
    logged = logged if logged is not None else set()
    owner = owner or this_owner()
    cancel = cancel or threading.Event()
    wanted = targets if isinstance(targets, list) else await targets()
    if not wanted:
        return DigestResult(skipped="no digest channel is set")
    # The first digest only records what is there: waiting for stable files would
    # turn the files of a fresh copy into "news" at the second run.
    first = await off_loop(_first_digest, db_path, cancel=cancel)
    try:
        report = await off_loop(_compile, seeds_dir, db_path, None if first else stable, compile_wait, cancel,
                                options or CompileOptions(), watch, cancel=cancel)
    except CompileBusy as exc:
        log.info("%s; the digest looks again at the next scan", exc)
        return DigestResult(skipped=str(exc))
    result = DigestResult(report=report, waiting=list(report.waiting))
    keys = [(t.key, t.claim_legacy, t.server) for t in wanted]
    prepared: Prepared = await off_loop(prepare, db_path, owner, keys, backfill, logged, report, cancel=cancel)
    result.notices = prepared.notices
    if prepared.holder is not None:
        result.skipped = f"another process runs the digest ({prepared.holder})"
        log.info("%s; not delivering from this one", result.skipped)
        return result
    try:
        for target, target_plan in zip(wanted, prepared.plans, strict=True):
            result.add(target.key, await _deliver(target, target_plan, db_path, owner))
    except asyncio.CancelledError:
        # Stopping: no more awaiting. The lease names this process, which is about to be
        # gone; the next holder recognises that (or waits for the expiry elsewhere).
        raise
    except BaseException:
        await _release(db_path, owner)
        raise
    await _release(db_path, owner)
    if result.waiting:
        log.info("waiting for %s (still being written)", ", ".join(result.waiting))
    return result


async def _deliver(target: Target, target_plan: TargetPlan, db_path: Path, owner: str) -> TargetResult:
    outcome = TargetResult(recorded=target_plan.recorded, resent=len(target_plan.resend), first=target_plan.first)
    messages = target_plan.resend + plan(target.key, target.deliverer, target_plan.entries, target_plan.signatures)
    if not messages:
        return outcome
    outcome.entries = [e for m in messages for e in m.entries]
    if target_plan.resend:
        log.info("resending %d message(s) of an interrupted digest to %s with their nonce", len(target_plan.resend),
                 target.key)
    sent = await send_all(target.deliverer, messages, db_path, owner)
    outcome.posted = [e.doc for m in sent.sent for e in m.entries]
    outcome.failed = [e.doc for m in sent.failed for e in m.entries]
    outcome.error = sent.error
    if sent.sent and not sent.failed:
        log.info("posted %d article(s) to %s", len(outcome.posted), target.key)
    return outcome


async def _release(db_path: Path, owner: str) -> None:
    """Give the lease back (best effort: it expires by itself, and a dead holder is recognised)."""
    def release() -> None:
        with Deliveries.open(db_path, timeout=DB_TIMEOUT) as records:
            records.release_lease(owner)
    try:
        await off_loop(release)
    except (FactBaseError, OSError) as exc:
        log.debug("could not release the digest lease: %s", exc)


class DigestRunner:
    """Holds what must survive between runs in memory: the file looks and logged notices.

    One runner per process (bot, console); ``run_once`` never runs twice at a time, so
    ``/digest now`` and the scheduled job cannot post the same article twice; across
    processes the lease in the fact base does the same. ``stop()`` abandons a compile in
    progress (the bot shutting down). Deliver to one target (``deliver``, named ``target``:
    the terminal, tests) or to the targets ``targets()`` names at each run (the bot's channels).

    ``sweep_interval`` (``DIGEST_SWEEP_INTERVAL`` in the bot): seconds of ``clock`` between two
    full sweeps of the folder (a ``stat`` per file); the scans in between look at new names only,
    so an article edited in place is noticed at the next sweep, not the next scan
    (``facts.watch``). 0, the default here: every scan sweeps.
    """

    def __init__(self, seeds_dir: Path | str, db_path: Path | str, deliver: Deliverer | Deliver | None = None, *,
                 targets: Targets | None = None, target: str = TERMINAL, backfill: bool = False,
                 clock: Clock = time.time, min_age: float = DEFAULT_MIN_AGE, compile_wait: bool = False,
                 options: CompileOptions | None = None, sweep_interval: float = 0.0):
        self.seeds_dir, self.db_path = Path(seeds_dir), Path(db_path)
        if targets is None:
            if deliver is None:
                raise ValueError("give a deliverer or a targets function")
            fixed = [Target(target, as_deliverer(deliver))]

            async def only() -> list[Target]:
                return fixed
            targets = only
        self.targets = targets
        self.backfill = backfill
        self.compile_wait = compile_wait
        self.options = options or CompileOptions()
        self.stable = StableCheck(min_age, clock)
        self.watch = FolderWatch(sweep_interval, clock, notify=True)
        self.logged: set[tuple[str, str]] = set()
        self.owner = this_owner()
        self._lock = asyncio.Lock()
        self._cancel = threading.Event()
        self._stopped = False

    async def run_once(self) -> DigestResult:
        async with self._lock:
            self._cancel = threading.Event()
            if self._stopped:
                self._cancel.set()
            return await run_digest(self.seeds_dir, self.db_path, self.targets, backfill=self.backfill,
                                    stable=self.stable, logged=self.logged, owner=self.owner,
                                    cancel=self._cancel, compile_wait=self.compile_wait, options=self.options,
                                    watch=self.watch)

    def stop(self) -> None:
        """Abandon the compile of a run in progress (from any thread); later runs stop at once."""
        self._stopped = True
        self._cancel.set()
