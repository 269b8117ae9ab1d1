"""Question → answer, with no Discord in it: the console, `bot.py ask` and the bot all call these.

Each call checks whether the fact base changed (a compile running beside the bot shows up
at the next question) and answers from an in-memory snapshot of it (``handlers.snapshot``);
an ``Answer`` says "not found" rather than guess.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from facts.errors import FactBaseBusy, FactBaseError
from facts.store import FactStore
from handlers import budget as _budget
from handlers import cooperation, library
from handlers.answers import Answer, More, Section, Source
from handlers.common import View
from handlers.complete import complete_country
from handlers.dispatch import dispatch as _dispatch
from handlers.i18n import N_, current, tr, using
from handlers.snapshot import Snapshot, SnapshotCache

__all__ = ["UNAVAILABLE", "Answer", "Handlers", "More", "Section", "Source", "answer_or_explain"]

log = logging.getLogger(__name__)
UNAVAILABLE = N_("Fact base unavailable")


class Handlers:
    """The seven commands over one fact base."""

    def __init__(self, store: FactStore, *, warm: bool = True, background: bool = False):
        """``warm``: after each change of the fact base, precompute the enumerable answers in a
        background thread (``handlers.warm``); off for one-shot use such as ``bot.py ask``.
        ``background``: load a new version of the fact base in a thread and keep answering from
        the current one meanwhile (the bot)."""
        self.store = store
        self._cache = SnapshotCache(store, self._warm if warm else None, background=background)
        self._warming: threading.Thread | None = None

    def _warm(self, snapshot: Snapshot, still_current: Callable[[], bool]) -> None:
        from handlers import warm

        self._warming = warm.start(View(self.store, snapshot), still_current)

    def wait_warm(self, timeout: float | None = None) -> bool:
        """Load the fact base if needed and wait for the warm-up; True when it has finished.
        For start-up (answer the first questions at full speed) and for benchmarks."""
        self._cache.get()
        thread = self._warming
        if thread is not None:
            thread.join(timeout)
        return thread is None or not thread.is_alive()

    def _view(self) -> View:
        return View(self.store, self._cache.get())

    # ``lang`` ('en', 'fr'): the language of the answer; None keeps the caller's (``i18n.using``).

    def partner(self, country: str, lang: str | None = None) -> Answer:
        with using(lang or current()):
            return cooperation.partner(self._view(), country)

    def budget(self, year: int | None = None, lang: str | None = None) -> Answer:
        with using(lang or current()):
            return _budget.budget(self._view(), year)

    def acquisitions(self, supplier: str | None = None, category: str | None = None,
                     maker: str | None = None, lang: str | None = None) -> Answer:
        with using(lang or current()):
            return cooperation.acquisitions(self._view(), supplier, category, maker)

    def timeline(self, partner: str | None = None, lang: str | None = None) -> Answer:
        with using(lang or current()):
            return cooperation.timeline(self._view(), partner)

    def search(self, text: str, lang: str | None = None) -> Answer:
        with using(lang or current()):
            return library.search(self._view(), text)

    def sources(self, lang: str | None = None) -> Answer:
        with using(lang or current()):
            return library.sources(self._view())

    def help(self, command: str | None = None, lang: str | None = None) -> Answer:
        with using(lang or current()):
            return library.help_answer(self._view(), command)

    def page(self, more: More, n: int, lang: str | None = None) -> Answer:
        """Page ``n`` (2…) of a long answer whose first page carried ``more``, from the current
        version of the fact base, read when it is asked for (``handlers.paging``)."""
        from handlers import paging

        with using(lang or current()):
            return answer_or_explain(lambda: paging.page(self._view(), more.key, n))

    def pages(self, answer: Answer, lang: str | None = None) -> list[Answer]:
        """Every page of ``answer``: itself, then the pages it announces (the console prints them all)."""
        if answer.more is None:
            return [answer]
        return [answer] + [self.page(answer.more, n, lang) for n in range(2, answer.more.pages + 1)]

    def autocomplete_partner(self, current_text: str, lang: str | None = None) -> list[tuple[str, str]]:
        """(label, value) choices for a country option, ≤ 25, best first; value is the ISO2 code."""
        with using(lang or current()):
            return complete_country(current_text or "", self._cache.get().partner_counts)

    def ask(self, question: str, lang: str | None = None) -> Answer:
        """A plain question in French or English, routed to a command (``handlers.ask``)."""
        from handlers.ask import ask

        with using(lang or current()):
            return answer_or_explain(lambda: ask(self, question))

    def dispatch(self, line: str, lang: str | None = None) -> Answer:
        with using(lang or current()):
            return answer_or_explain(lambda: _dispatch(self, line))


def answer_or_explain(work: Callable[[], Answer]) -> Answer:
    """``work()``, or an answer that says why the fact base could not be read — never a crash.

    Busy (rare for a read-only reader) → try again; damaged or foreign file → what to do."""
    try:
        return work()
    except FactBaseBusy:
        return _busy()
    except FactBaseError as exc:
        return _unreadable(exc)


def _busy() -> Answer:
    return Answer(title=tr("Busy"), kind="error",
                  summary=tr("The fact base is busy right now (a compile is saving its results). Please try"
                             " again in a moment."))


def _unreadable(exc: FactBaseError) -> Answer:
    log.error("answering failed: %s", exc)
    return Answer(title=tr(UNAVAILABLE), kind="error",
                  summary=tr("The fact base cannot be read: {problem}. An administrator can run"
                             " `python -m facts check`.", problem=exc))
