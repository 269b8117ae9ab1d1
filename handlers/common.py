"""Shared pieces of the handlers: a per-question view of the fact base (typed facts), input checks."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar, cast

from facts.lexicon import flag, fold
from facts.models import CATEGORIES, Acquisition, Budget, Event, Fact, Partner
from facts.store import DocumentRow, FactStore, Sentence
from facts.store.pages import match_count
from handlers.answers import Answer, SourceList
from handlers.formatting import TEXT_MAX
from handlers.i18n import current, tr
from handlers.resolve import display_name
from handlers.snapshot import Snapshot

T = TypeVar("T")


@dataclass
class View:
    """What one question sees of the fact base: the compiled articles and their facts.

    Backed by a ``Snapshot`` parsed once per fact-base version; the lists it returns are
    shared with later questions, so callers copy before sorting or changing them."""

    store: FactStore
    snapshot: Snapshot

    @property
    def docs(self) -> Mapping[str, DocumentRow]:
        return self.snapshot.docs

    @property
    def n_articles(self) -> int:
        return self.snapshot.n_articles

    def sources(self) -> SourceList:
        return SourceList(self.snapshot.docs, shortener=self.snapshot.quote)

    # Facts of compiled (status ok) articles only: a skipped file must not speak.

    def partners(self, code: str | None = None) -> list[Partner]:
        return cast(list[Partner], self._facts("partner", code))

    def acquisitions(self, code: str | None = None) -> list[Acquisition]:
        return cast(list[Acquisition], self._facts("acquisition", code))

    def prospects(self, code: str | None = None) -> list[Acquisition]:
        """Negotiations and dropped options (``Acquisition.kind == "prospect"``)."""
        return cast(list[Acquisition], self._facts("prospect", code))

    def budgets(self) -> list[Budget]:
        return cast(list[Budget], self._facts("budget", None))

    def events(self, code: str | None = None) -> list[Event]:
        return cast(list[Event], self._facts("event", code))

    def _facts(self, kind: str, code: str | None) -> list[Fact]:
        """Every fact of a kind, or those filed under one country (``code``)."""
        return self.snapshot.facts(kind) if code is None else self.snapshot.facts_for(code, kind)

    def partner_counts(self) -> dict[str, int]:
        return self.snapshot.partner_counts

    def claim_count(self) -> int:
        """How many acquisition claims /acquisitions would list (``cooperation.one_per_claim``),
        as the fact base keeps them (``FactStore.claim_count``) instead of parsing every fact."""
        return self.derived("claim_count", lambda: self.snapshot.read(FactStore.claim_count))

    def kind_count(self, kind: str) -> int:
        return self.derived("kind_counts", lambda: self.snapshot.read(FactStore.kind_counts)).get(kind, 0)

    def search(self, text: str, limit: int) -> list[Sentence]:
        found = self.store.search_sentences(text, limit)
        self.snapshot.docs.preload({s.doc for s in found})  # their rows in one query, not one each
        return [s for s in found if s.doc in self.docs]

    def count_matches(self, text: str) -> int:
        """The true number of sentences of compiled articles that match ``text``, up to
        ``MATCHES_COUNTED``; ``MATCHES_COUNTED + 1`` means more than that."""
        return self.snapshot.read(lambda s: match_count(s, text))

    def derived(self, key: Hashable, make: Callable[[], T]) -> T:
        """Indexes every answer of this version uses (kept apart from the answers' memo)."""
        return self.snapshot.derived(key, make)

    def memo(self, key: Hashable, make: Callable[[], T]) -> T:
        """Answers and sorted lists are functions of the fact-base version, their key and the
        language they are written in."""
        return self.snapshot.memo((current(), key), make)

    def published(self, fact: Fact) -> str:
        row = self.snapshot.docs.get(fact.evidence.doc)
        return (row.published or "") if row is not None else ""


def country_label(code: str | None) -> str:
    if not code:
        return tr("unknown supplier")
    return f"{flag(code)} {display_name(code)}".strip()


def check_text(text: str | None, what: str, example: str) -> Answer | None:
    """A clear message for empty or over-long input, or None when the text is usable.
    ``what`` is an English word marked with ``N_`` (translated here)."""
    name = tr(what)
    if text is None or not text.strip():
        return error(tr("Missing {what}", what=name), tr("Give a {what}, for example `{example}`.", what=name,
                                                        example=example))
    if len(text) > TEXT_MAX:
        return error(tr("{What} too long", What=name[:1].upper() + name[1:]),
                     tr("That {what} has {n} characters; the limit is {limit}.", what=name, n=len(text),
                        limit=TEXT_MAX))
    return None


def error(title: str, summary: str, suggestions: list[str] | None = None) -> Answer:
    return Answer(title=title, summary=summary, kind="error", suggestions=suggestions or [])


def category_of(text: str) -> str | None:
    """'drones', 'hélicoptères', 'air defence' → the schema's category, or None."""
    from facts.lexicon import categories

    key = fold(text).strip().replace("_", "-")
    if key in CATEGORIES:
        return key
    if key.replace(" ", "-") in CATEGORIES:
        return key.replace(" ", "-")
    nouns: dict[str, list[str]] = categories().get("nouns", {})
    for cat, words in nouns.items():
        if key in {fold(w) for w in words}:
            return cat
    if key.endswith("s") and key[:-1] in CATEGORIES:
        return key[:-1]
    return None


def newest_first(facts: list[Acquisition], view: View) -> list[Acquisition]:
    """Acquisitions by their own year (order or delivery), newest first, then by their article's
    date, newest first; those without a year of their own come last, by article date; then by
    system name. An article's date is never taken for the acquisition's year (it is no such claim)."""
    view.snapshot.docs.preload({f.evidence.doc for f in facts})  # their dates, in one query
    by_name = sorted(facts, key=lambda f: f.system)
    return sorted(by_name, key=lambda f: (f.year is not None, f.year or 0, view.published(f)), reverse=True)


