"""Precompute, after each change of the fact base, the answers people can be expected to ask.

Why: at 10 000 articles one answer can hold thousands of lines (every acquisition, every
budget figure of a year compared with the previous year's), 10–300 ms to build. Every
answer is a function of the fact-base version and its resolved arguments, so the
enumerable ones — each partner on record, each budget year, each category, the
no-argument commands — are built once in a background thread and then served from the
snapshot's memo in microseconds. Free-text searches are not enumerable: they are
memoised when first asked.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial

from facts.lexicon import never_partner
from facts.models import CATEGORIES
from facts.store import pages
from handlers import budget, cooperation, library
from handlers.answers import Answer
from handlers.common import View
from handlers.snapshot import MEMO_LINES

log = logging.getLogger(__name__)


def warm_tasks(view: View) -> Iterator[Callable[[], Answer]]:
    """The answers to precompute, most asked first (the partners with most articles first)."""
    yield lambda: library.help_answer(view)
    yield lambda: library.sources(view)
    yield lambda: budget.budget_for(view, None)
    yield lambda: cooperation.timeline_for(view, None)
    yield lambda: cooperation.acquisitions_for(view, None, None)
    counts = view.partner_counts()
    suppliers = set(view.snapshot.read(pages.suppliers))
    codes = sorted((set(counts) | suppliers) - set(never_partner()), key=lambda c: (-counts.get(c, 0), c))
    for code in codes:
        yield partial(cooperation.partner_for, view, code)
        yield partial(cooperation.timeline_for, view, code)
        yield partial(cooperation.acquisitions_for, view, code, None)
    for year in budget.figures_by_year(view):
        yield partial(budget.budget_for, view, year)
    for cat in CATEGORIES:
        yield partial(cooperation.acquisitions_for, view, None, cat)
    # One supplier × one category: a few ms cold at 10 000 articles, tens at 100 000 (its first page
    # only, when long: small to keep).
    for code in sorted(suppliers, key=lambda c: (-counts.get(c, 0), c)):
        for cat in CATEGORIES:
            yield partial(cooperation.acquisitions_for, view, code, cat)
    # Not warmed: free-text searches.


def warm(view: View, still_current: Callable[[], bool] = lambda: True) -> int:
    """Build the answers of ``warm_tasks``; stop early once the snapshot is replaced.
    Returns how many were built. ``time.sleep(0)`` between answers hands the GIL to a
    waiting question at once, so a question asked meanwhile is not held up."""
    start, done = time.perf_counter(), 0
    for task in warm_tasks(view):
        if not still_current() or view.snapshot.memo_room() < MEMO_LINES // 20:
            break  # replaced, or nearly full: more would push out what was built first
        task()
        done += 1
        time.sleep(0)
    gc.freeze()  # the answers are long-lived too: keep them out of later collections
    log.debug("warmed %d answers in %.2f s", done, time.perf_counter() - start)
    return done


def start(view: View, still_current: Callable[[], bool]) -> threading.Thread:
    """Run ``warm`` in a daemon thread (it only reads the snapshot, never the connection)."""

    def run() -> None:
        try:
            warm(view, still_current)
        except Exception:  # a failed warm-up only means slower first answers
            log.exception("warming the answers failed")

    thread = threading.Thread(target=run, name="answers-warm", daemon=True)
    thread.start()
    return thread
