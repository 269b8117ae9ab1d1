"""Shared pieces of the handlers: a per-question view of the store, formatting, input checks."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

from facts.lexicon import flag, fold
from facts.models import CATEGORIES
from facts.store import FactStore
from handlers.answers import Answer, SourceList
from handlers.resolve import display_name
from handlers.snapshot import Snapshot

T = TypeVar("T")
MAX_TEXT = 200  # longest free text a command accepts (a search, a country)


@dataclass
class View:
    """What one question sees of the fact base: the compiled articles and their facts.

    Backed by a ``Snapshot`` parsed once per fact-base version; the lists it returns are
    shared with later questions, so callers copy before sorting or changing them."""

    store: FactStore
    snapshot: Snapshot

    @classmethod
    def of(cls, store: FactStore) -> View:
        """A one-off view (tests, scripts); ``Handlers`` keeps a cache instead."""
        return cls(store, Snapshot.load(store))

    @property
    def docs(self) -> dict[str, sqlite3.Row]:
        return self.snapshot.docs

    @property
    def n_articles(self) -> int:
        return len(self.snapshot.docs)

    def sources(self) -> SourceList:
        return SourceList(self.snapshot.docs, shortener=self.snapshot.quote)

    def facts(self, kind: str) -> list[dict[str, Any]]:
        """Facts of compiled (status ok) articles only: a skipped file must not speak."""
        return self.snapshot.facts(kind)

    def facts_for(self, code: str, kind: str) -> list[dict[str, Any]]:
        return self.snapshot.facts_for(code, kind)

    def partner_counts(self) -> dict[str, int]:
        return self.snapshot.partner_counts

    def derived(self, key: Hashable, make: Callable[[], T]) -> T:
        """Indexes every answer of this version uses (kept apart from the answers' memo)."""
        return self.snapshot.derived(key, make)

    def memo(self, key: Hashable, make: Callable[[], T]) -> T:
        """Answers and sorted lists are functions of the fact-base version and their key."""
        return self.snapshot.memo(key, make)

    def published(self, fact: dict[str, Any]) -> str:
        row = self.snapshot.docs.get(str(fact.get("doc")))
        return (row["published"] or "") if row is not None else ""


def country_label(code: str | None) -> str:
    if not code:
        return "unknown supplier"
    return f"{flag(code)} {display_name(code)}".strip()


def articles(n: int) -> str:
    return f"{n} article{'s' if n != 1 else ''}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def format_amount(amount: float, currency: str | None, approximate: bool = False) -> str:
    """133000000000 MAD → '133 billion MAD' (what analysts quote), keeping one decimal if present."""
    value = float(amount)
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            number = f"{value / scale:,.2f}".rstrip("0").rstrip(".")
            text = f"{number} {word}"
            break
    else:
        text = f"{value:,.0f}"
    text = f"{text} {currency or ''}".strip()
    return f"about {text}" if approximate else text


def format_value(value: dict[str, Any] | None) -> str:
    if not value or value.get("amount") is None:
        return ""
    return format_amount(value["amount"], value.get("currency"))


def check_text(text: str | None, what: str, example: str) -> Answer | None:
    """A clear message for empty or over-long input, or None when the text is usable."""
    if text is None or not text.strip():
        return error(f"Missing {what}", f"Give a {what}, for example `{example}`.")
    if len(text) > MAX_TEXT:
        return error(f"{what.capitalize()} too long",
                     f"That {what} has {len(text)} characters; the limit is {MAX_TEXT}.")
    return None


def error(title: str, summary: str, suggestions: list[str] | None = None) -> Answer:
    return Answer(title=title, summary=summary, kind="error", suggestions=suggestions or [])


def echo(text: str, limit: int = 60) -> str:
    """User text as shown back: one line, bounded (the Discord layer escapes markdown)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


def show_date(fact: dict[str, Any]) -> str:
    """An event's date as precise as the article is: '2021-11-24', '2021-11', '2021' (never a
    made-up first of the month)."""
    date = str(fact.get("date") or "")
    size = {"day": 10, "month": 7, "year": 4}.get(str(fact.get("precision") or ""), len(date))
    return date[:size] or "undated"


def sort_year(fact: dict[str, Any], view: View) -> int:
    """Ordering key only: the fact's year, else its article's publication year, else 0.

    Never displayed as the acquisition's year: that would state what no article says."""
    if fact.get("year"):
        return int(fact["year"])
    pub = view.published(fact)
    return int(pub[:4]) if pub[:4].isdigit() else 0
