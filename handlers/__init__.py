"""Question → answer, with no Discord in it: the console, `bot.py ask` and the bot all call these.

Each call reads the fact base afresh (a compile running beside the bot shows up at
once) and returns an ``Answer`` that says "not found" rather than guess.
"""

from __future__ import annotations

from facts.store import FactStore
from handlers import budget as _budget
from handlers import cooperation, library
from handlers.answers import Answer, Section, Source
from handlers.common import View
from handlers.complete import complete_country
from handlers.dispatch import dispatch as _dispatch

__all__ = ["Answer", "Handlers", "Section", "Source"]


class Handlers:
    """The seven commands over one fact base."""

    def __init__(self, store: FactStore):
        self.store = store

    def _view(self) -> View:
        return View.of(self.store)

    def partner(self, country: str) -> Answer:
        return cooperation.partner(self._view(), country)

    def budget(self, year: int | None = None) -> Answer:
        return _budget.budget(self._view(), year)

    def acquisitions(self, supplier: str | None = None, category: str | None = None) -> Answer:
        return cooperation.acquisitions(self._view(), supplier, category)

    def timeline(self, partner: str | None = None) -> Answer:
        return cooperation.timeline(self._view(), partner)

    def search(self, text: str) -> Answer:
        return library.search(self._view(), text)

    def sources(self) -> Answer:
        return library.sources(self._view())

    def help(self) -> Answer:
        return library.help_answer(self._view())

    def autocomplete_partner(self, current: str) -> list[tuple[str, str]]:
        """(label, value) choices for a country option, ≤ 25, best first; value is the ISO2 code."""
        return complete_country(current or "", self.store.partner_counts())

    def dispatch(self, line: str) -> Answer:
        return _dispatch(self, line)
