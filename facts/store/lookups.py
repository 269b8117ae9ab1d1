"""Point lookups into what the other articles say, for the digest's "new to the fact base" lines.

Why: the digest used to read every partner, system and budget fact of the base for each run
(one new article: 1.3 s at 10 000 articles). It only ever asks a few questions — is this
country already a partner, this system already mentioned, what figure does the base give for
this year — so each is an indexed query here (``fact_countries``, ``facts_system``,
``facts_kind``), whatever the size of the base.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..models import Fact, fact_from_json
from .base import translated
from .facts import FactStore
from .schema import SYSTEM

_OTHERS = "doc NOT IN (SELECT value FROM json_each(?))"
# (country, articles left out as JSON): the first other article naming the country as a partner
PARTNER_ELSEWHERE = f"SELECT 1 FROM partner_articles WHERE country = ? AND {_OTHERS} LIMIT 1"
# (year, articles left out as JSON): a year's budget figures, by article from the last name down
BUDGET_DOCS = f"SELECT doc, data FROM facts WHERE kind = 'budget' AND year = ? AND {_OTHERS} ORDER BY doc DESC, id"


class Elsewhere:
    """Questions about the articles other than ``without`` (the ones being announced)."""

    def __init__(self, store: FactStore, without: set[str]):
        self.store = store
        self.without = json.dumps(sorted(without))
        self._systems: list[str] | None = None
        self.summarised = store.summarised()

    def partner(self, code: str) -> bool:
        """Whether another article names ``code`` as a partner: the articles kept per partner
        (``partner_articles``) in a file with tallies, else its facts filed under ``code``."""
        if self.summarised:
            return bool(self._rows(PARTNER_ELSEWHERE, (code, self.without)))
        return bool(self._rows(
            "SELECT 1 FROM fact_countries c JOIN facts f ON f.id = c.fact_id WHERE c.country = ?"
            f" AND f.kind = 'partner' AND f.{_OTHERS} LIMIT 1", (code, self.without)))

    def systems(self) -> list[str]:
        """Every system name acquired in the base, as written (read from the index, once)."""
        if self._systems is None:
            # The planner, without statistics, would read every acquisition row through ``facts_kind``;
            # the system index alone holds the names (an older file may not have it yet).
            indexed = self._rows("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'facts_system'")
            source = "facts INDEXED BY facts_system" if indexed else "facts"
            self._systems = [r[0] for r in self._rows(
                f"SELECT DISTINCT {SYSTEM} FROM {source} WHERE kind = 'acquisition' AND {SYSTEM} IS NOT NULL")]
        return self._systems

    def system(self, name: str) -> bool:
        """Whether another article acquires a system written exactly ``name``."""
        return bool(self._rows(f"SELECT 1 FROM facts WHERE kind = 'acquisition' AND {SYSTEM} = ? AND {_OTHERS}"
                               " LIMIT 1", (name, self.without)))

    def budget_docs(self, year: int) -> Iterator[list[Fact]]:
        """The budget facts of ``year`` of each other article, one list per article, the last
        article in name order first (the one whose figure the base gives). Read lazily in that order
        through ``facts_kind`` (kind, year, doc): the caller stops at the first article it can use."""
        with translated(self.store.path):
            cursor = self.store.conn.execute(BUDGET_DOCS, (year, self.without))
            doc, facts = None, list[Fact]()
            for name, data in cursor:
                if name != doc and facts:
                    yield facts
                    facts = []
                doc = name
                facts.append(fact_from_json(json.loads(data)))
            if facts:
                yield facts

    def _rows(self, sql: str, args: tuple[object, ...] = ()) -> list[Any]:
        with translated(self.store.path):
            return list(self.store.conn.execute(sql, args))
