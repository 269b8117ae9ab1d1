"""Worker processes for extraction that die with their parent and stop when told to.

Why: ``ProcessPoolExecutor`` workers (~200 MB each once the NLP model is loaded) wait on a
queue forever if their parent is killed with ``kill -9``, and its ``map`` cannot be
interrupted. Here each worker watches its parent and exits as soon as it is gone, ignores
Ctrl-C (the parent decides), and ``ordered_results`` polls so a cancel request (the bot
shutting down) stops the compile within a fraction of a second, workers included.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_futures
from typing import Any, TypeVar

T = TypeVar("T")
WATCH_INTERVAL = 0.2  # seconds between a worker's looks at its parent
POLL = 0.1  # seconds between the parent's looks at the cancel flag


class Cancelled(Exception):
    """The compile was abandoned on request; nothing was written."""


def _parent_gone(parent: int, first_ppid: int) -> bool:
    if os.getppid() != first_ppid:  # re-parented: the parent (or the fork server) died
        return True
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _watch_parent(parent: int) -> None:
    """Runs in each worker: exit at once when the compiling process is gone."""
    first_ppid = os.getppid()
    # A worker forked from the bot inherits its asyncio signal set-up: SIGTERM would be caught
    # by a no-op handler and written to the parent's wake-up socket. Back to the defaults.
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the parent decides

    def watch() -> None:
        while not _parent_gone(parent, first_ppid):
            time.sleep(WATCH_INTERVAL)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def start_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_watch_parent, initargs=(os.getpid(),))


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop now: drop queued work and end the workers (used on cancel and on errors).
    The workers are taken before ``shutdown``, which forgets them."""
    kill = getattr(pool, "kill_workers", None)  # Python 3.14+
    if kill is not None:
        kill()
        pool.shutdown(wait=False, cancel_futures=True)
        return
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        with contextlib.suppress(OSError, AttributeError, ValueError):
            process.kill()  # they hold nothing worth a graceful end: the results are dropped


def ordered_results(pool: ProcessPoolExecutor, fn: Callable[..., list[T]], batches: Sequence[Sequence[Any]],
                    cancel: threading.Event | None) -> Generator[T, None, None]:
    """``fn(batch)`` for every batch on the pool, results in order; raises ``Cancelled`` when
    ``cancel`` is set. Workers are stopped on any early exit."""
    futures: list[Future[list[T]]] = [pool.submit(fn, batch) for batch in batches]
    finished = False
    try:
        for future in futures:
            while not future.done():
                if cancel is not None and cancel.is_set():
                    raise Cancelled("compile cancelled")
                wait_futures([future], timeout=POLL)
            yield from future.result()
        finished = True
    finally:
        if not finished:
            stop_pool(pool)
