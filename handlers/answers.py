"""Answer objects: what a command says, independent of how it is shown.

The same ``Answer`` becomes an embed in Discord (``bot/embeds.py``) and plain text in
the console (``handlers/text.py``), so both show exactly the same facts and sources.
Claims cite their source as ``[n]``, where n is the 1-based position in ``sources``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from facts.models import Evidence
from facts.store import DocumentRow
from handlers.chart import BudgetChart
from handlers.formatting import SOURCE_TITLE_MAX, shorten, show_date
from handlers.i18n import tr

Kind = Literal["ok", "not_found", "suggestion", "error", "help"]


@dataclass
class Source:
    """One article, with the sentences quoted from it in this answer."""

    doc: str
    title: str
    published: str | None = None
    site: str | None = None
    quotes: list[str] = field(default_factory=list)
    fact_count: int | None = None

    def label(self) -> str:
        """'Title (2022-09-20, bladi.net)' — what a reader needs to find the article."""
        published = show_date(self.published) if self.published else None  # '2 octobre 2020' in French
        meta = ", ".join(x for x in (published, self.site) if x)
        title = shorten(self.title, SOURCE_TITLE_MAX)  # some articles have no title line: the lede stands in
        return f"{title} ({meta})" if meta else title


@dataclass
class Section:
    heading: str
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class More:
    """The further pages of a long answer (``handlers.paging``), read when they are asked for:
    ``Handlers.page(key, n)`` gives page ``n`` (2 to ``pages``) from the fact base's current version."""

    key: tuple[str | int | None, ...]
    pages: int  # in all, the first one included
    at: int = 1  # the page this answer is


@dataclass
class Answer:
    title: str
    summary: str = ""
    sections: list[Section] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    kind: Kind = "ok"
    suggestions: list[str] = field(default_factory=list)
    footer: str = ""
    chart: BudgetChart | None = None  # drawn by the caller (``handlers.chart.render``), off the event loop
    more: More | None = None  # a long answer: this is its first page, the others are read on demand


class SourceList:
    """Collects sources while an answer is built; hands out stable [n] numbers per article.

    Every distinct sentence a claim cites is kept as a quote (no cap: a claim whose quote were
    dropped could not be checked); the embed pager and the console show them all."""

    def __init__(self, documents: Mapping[str, DocumentRow],
                 shortener: Callable[[str], str] | None = None):
        self._docs = documents
        self._order: dict[str, Source] = {}
        self._quoted: dict[str, set[str]] = {}  # doc → its quotes, for a constant-time duplicate check
        self._number: dict[str, str] = {}  # doc → "[n]": a big answer cites thousands of times
        self._shorten = shortener or shorten

    def cite(self, evidence: Evidence) -> str:
        """Register the article and sentence a claim comes from; return the marker to append to it."""
        doc = evidence.doc
        src = self._order.get(doc)
        if src is None:
            row = self._docs.get(doc)
            src = Source(
                doc=doc,
                title=(row.title if row is not None and row.title else doc),
                published=row.published if row is not None else None,
                site=row.source if row is not None else None,
            )
            self._order[doc] = src
            self._number[doc] = f"[{len(self._order)}]"
        teaser = evidence.section == "teaser"
        quote = self._shorten(evidence.quote)
        if quote and teaser:
            quote = tr("(related-article teaser) {quote}", quote=quote)
        seen = self._quoted.setdefault(doc, set())
        if quote and quote not in seen:
            seen.add(quote)
            src.quotes.append(quote)
        if teaser:  # another article's headline shown on this page: not this article's own claim
            where = tr(" on the {site} page", site=src.site) if src.site else tr(" on that page")
            dated = tr(" of {date}", date=src.published) if src.published else ""
            return self._number[doc] + " " + tr("(related-article teaser{where}{dated})", where=where, dated=dated)
        return self._number[doc]

    def sources(self) -> list[Source]:
        return list(self._order.values())
