"""Long answers (``handlers.paging``): a summary first page, the rest read page by page.

The base is written directly (``tests/handlers_sample.build``): 260 articles on one supplier,
more facts than ``paging.LONG``, each claim with its own year and date so the newest-first order
is one order. The whole answer of the same facts (the threshold raised) is the reference.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import discord
import pytest

from facts.store import FactStore
from handlers import Answer, Handlers, paging
from handlers.text import render
from tests.handlers_sample import build

N_DOCS = 260
SYSTEMS = ["F-16 Viper", "AH-64E Apache", "HIMARS", "Stinger", "Javelin", "M1A2 Abrams", "Patriot", "C-130J"]


def _docs() -> list[dict[str, Any]]:
    docs = []
    for i in range(N_DOCS):
        year, month, day = 1990 + i // 12, 1 + i % 12, 1 + i % 27
        system = SYSTEMS[i % len(SYSTEMS)]
        facts: list[dict[str, Any]] = [
            {"kind": "partner", "country": "US", "relation": "acquisition" if i % 3 else "agreement",
             "quote": f"Les États-Unis, partenaire numéro {i} du Maroc."},
            {"kind": "acquisition", "system": system, "category": "aircraft", "supplier": "US",
             "manufacturer": None, "quantity": i + 1, "value": None, "year": year, "status": "ordered",
             "quote": f"Le Maroc a commandé {i + 1} {system} aux États-Unis en {year}."},
        ]
        facts.append({"kind": "event", "date": f"{year}-{month:02d}-{day:02d}", "type": "meeting",
                      "countries": ["US"], "place": "Rabat", "people": [], "name": None,
                      "quote": f"Réunion numéro {i} à Rabat."})
        facts += [{"kind": "budget", "year": 2020 + i % 3, "amount": (100 + i % 20) * 1e9, "currency": "MAD",
                   "scope": "total", "approximate": False, "quote": f"Budget {i} : {100 + i % 20} milliards."},
                  {"kind": "budget", "year": 2020 + i % 3, "amount": 5e9, "currency": "MAD", "scope": "personnel",
                   "approximate": False, "quote": f"Dont 5 milliards pour le personnel ({i})."}]
        if i % 50 == 1:  # the previous article's claim, stated again
            before = SYSTEMS[(i - 1) % len(SYSTEMS)]
            facts.append(dict(facts[1], system=before, quantity=i, year=1990 + (i - 1) // 12,
                              quote=f"Rappel : {i} {before} commandés."))
        docs.append({"name": f"{i:04d}_us.txt", "title": f"Article {i}", "published": f"{year}-{month:02d}-{day:02d}",
                     "source": "example.ma", "facts": facts})
    docs.append({"name": "9999_in.txt", "title": "Inde", "published": "2025-03-30", "source": "le360.ma",
                 "facts": [{"kind": "partner", "country": "IN", "quote": "L'Inde et le Maroc."}]})
    return docs


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("long") / "facts.sqlite3", _docs())


def _heads(answer: Answer, heading: str) -> list[str]:
    """The claim or event lines of the sections called ``heading``, without their [n] marks."""
    return [re.sub(r"( \[\d+\].*| and \d+ more articles?)+$", "", line)
            for s in answer.sections if s.heading == heading for line in s.lines]


def test_a_long_partner_answer_is_a_summary_with_its_pages_read_on_demand(base: Path) -> None:
    h = Handlers(FactStore(base), warm=False)
    first = h.partner("US")
    assert first.more is not None and first.more.at == 1
    claims, events = N_DOCS, N_DOCS
    assert f"; {claims} acquisitions, {events} dated events (" in first.summary
    assert f"in {N_DOCS} of the {N_DOCS + 1} articles" in first.summary
    assert first.more.pages == 1 + -(-claims // paging.PAGE) + -(-events // paging.PAGE)
    assert len(_heads(first, "Latest acquisitions")) == paging.PREVIEW
    assert _heads(first, "Articles by relation") == ["arms supplies: 173 articles", "agreements: 87 articles"]
    snapshot = h._cache.get()
    assert snapshot._by_id == {}  # no fact parsed beyond those shown
    pages = h.pages(first)
    assert [p.more.at for p in pages if p.more] == list(range(1, first.more.pages + 1))
    listed = [line for p in pages[1:] for line in _heads(p, "Acquisitions from United States / États-Unis")]
    dated = [line for p in pages[1:] for line in _heads(p, "Dated events")]
    assert len(listed) == claims and len(dated) == events
    assert _heads(first, "Latest acquisitions") == listed[:paging.PREVIEW]
    # the claim stated twice cites both articles
    assert sum(bool(re.search(r"\[\d+\]\[\d+\]$", line)) for p in pages[1:] for s in p.sections
               for line in s.lines) == len(range(1, N_DOCS, 50))
    beyond = h.page(first.more, first.more.pages + 1)
    assert beyond.kind == "not_found"


def test_the_pages_list_what_the_whole_answer_lists_in_the_same_order(base: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    h = Handlers(FactStore(base), warm=False)
    paged = h.pages(h.partner("US"))
    listed = [line for p in paged[1:] for line in _heads(p, "Acquisitions from United States / États-Unis")]
    dated = [line for p in paged[1:] for line in _heads(p, "Dated events")]
    monkeypatch.setattr(paging, "LONG", 10**9)
    whole = Handlers(FactStore(base), warm=False).partner("US")
    assert whole.more is None
    assert listed == _heads(whole, "Acquisitions from United States / États-Unis")
    assert dated == _heads(whole, "Dated events")


def test_long_acquisitions_timeline_and_sources_are_paged_too(base: Path) -> None:
    h = Handlers(FactStore(base), warm=False)
    acq = h.acquisitions("US")
    assert acq.more is not None and len(acq.sections[0].lines) == paging.PAGE
    assert acq.summary.startswith(f"{N_DOCS} acquisitions from United States / États-Unis, newest first")
    text = "\n\n".join(render(p) for p in h.pages(acq))
    assert all(f"quantity {i + 1}," in text for i in range(N_DOCS))
    assert "Page 2/" in text
    years = h.timeline("1995-1999")
    assert years.more is None and len(years.sections[0].lines) == 60  # not long: whole
    timeline = h.timeline("US")
    assert timeline.more is not None and timeline.summary.startswith(f"{N_DOCS} dated events with")
    sources = h.sources()
    assert sources.more is not None and sources.summary.startswith(f"{N_DOCS + 1} articles compiled")
    every = [line for p in h.pages(sources) for line in p.sections[0].lines]
    assert len(every) == N_DOCS + 1 and every[0].startswith("Inde")  # newest first


async def test_the_paginator_fetches_a_long_answers_next_page_when_turned_to() -> None:
    from types import SimpleNamespace

    from bot.paginator import Paginator

    asked: list[int] = []

    async def fetch(n: int) -> list[discord.Embed]:
        asked.append(n)
        return [discord.Embed(title=f"answer page {n}")]

    class Response:
        def __init__(self) -> None:
            self.edited: list[discord.Embed] = []

        async def edit_message(self, embed: discord.Embed, view: object) -> None:
            self.edited.append(embed)

    view = Paginator([discord.Embed(title="answer page 1")], author_id=1, fetch=fetch, answer_pages=3)
    assert not view.next_page.disabled and asked == []  # nothing read before it is asked for
    asker = SimpleNamespace(user=SimpleNamespace(id=1), response=Response())
    for _ in range(4):
        await view._show(asker, +1)  # type: ignore[arg-type]
    assert asked == [2, 3] and view.next_page.disabled
    await view._show(asker, -1)  # type: ignore[arg-type]
    assert asked == [2, 3] and asker.response.edited[-1].title == "answer page 2"  # kept, not read again
    view.stop()


def test_a_long_budget_lists_its_most_cited_totals_with_the_others_counted(base: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    h = Handlers(FactStore(base), warm=False)
    year = h.budget(2021)
    assert year.summary.startswith("The articles give 20 different totals for 2021:")
    assert "The 15 most cited are listed" in year.summary
    totals = [line for line in year.sections[0].lines if not line.startswith("  ")]
    assert len(totals) == 15 and all(re.search(r"and \d+ more articles?$", t) for t in totals[:5])
    assert year.sections[1].lines[-1] == "… and 72 more figures"  # 87 sub-lines of 2021, 15 listed
    table = h.budget()
    assert all("(and 17 other totals)" in line for line in table.sections[0].lines)
    monkeypatch.setattr(paging, "LONG", 10**9)
    whole = Handlers(FactStore(base), warm=False).budget(2021)
    whole_totals = [line for line in whole.sections[0].lines if not line.startswith("  ")]
    assert len(whole_totals) == 20
    # the same totals, most cited first; each counts as many statements as the whole answer cites
    for long_line, whole_line in zip(totals, whole_totals, strict=False):
        amount = long_line.split(" [")[0]
        assert whole_line.startswith(amount + " [")
        more = re.search(r"and (\d+) more articles?$", long_line)
        assert 3 + (int(more.group(1)) if more else 0) == len(re.findall(r"\[\d+\]", whole_line))
