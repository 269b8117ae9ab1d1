"""/budget answers Morocco's figures and labels the rest; dates are shown at their precision."""

from __future__ import annotations

from pathlib import Path

import pytest
from handlers_sample import build

from facts.models import fact_from_json
from facts.store import FactStore
from handlers import Handlers
from handlers.digest.entries import Knowledge, budget_lines, event_lines
from handlers.text import render

DOCS = [
    {
        "name": "010_plf.txt", "title": "PLF 2025 : la défense", "published": "2024-10-21", "source": "a.ma",
        "facts": [
            {"kind": "budget", "year": 2025, "amount": 133453000000, "currency": "MAD", "scope": "total",
             "approximate": False, "country": "MA", "quote": "engager par anticipation 133,453 milliards de dirhams"},
            {"kind": "budget", "year": 2025, "amount": 13500000000, "currency": "USD", "scope": "total",
             "approximate": True, "country": "MA", "quote": "soit environ 13,5 milliards de dollars"},
            {"kind": "budget", "year": 2024, "amount": 124700000000, "currency": "MAD", "scope": "total",
             "approximate": False, "country": "MA", "quote": "contre 124,7 MMDH en 2024"},
            {"kind": "budget", "year": 2025, "amount": 69600000000, "currency": "MAD", "scope": "envelope",
             "approximate": False, "country": "MA", "quote": "une enveloppe globale de 69,6 milliards de dirhams"},
            {"kind": "budget", "year": 2025, "amount": 58800000000, "currency": "MAD", "scope": "budget général",
             "approximate": False, "country": "MA", "quote": "comprenant le budget général de 58,8 MMDH"},
            {"kind": "budget", "year": 2025, "amount": 25000000000, "currency": "USD", "scope": "comparison",
             "approximate": False, "country": "DZ", "quote": "les 25 milliards de dollars que l'Algérie réserve"},
            {"kind": "event", "date": "2021-11", "precision": "month", "type": "agreement", "countries": ["IL"],
             "place": None, "people": [], "name": None, "quote": "un accord signé en novembre 2021"},
            {"kind": "event", "date": "2023", "precision": "year", "type": "exercise", "countries": ["US"],
             "place": None, "people": [], "name": None, "quote": "l'an dernier, un exercice conjoint"},
        ],
    },
]


@pytest.fixture
def h(tmp_path: Path) -> Handlers:
    return Handlers(FactStore(build(tmp_path / "facts.sqlite3", DOCS)))


def text(answer) -> str:
    return " ".join(render(answer).split())


def test_budget_year_gives_moroccos_total_and_labels_the_rest(h: Handlers) -> None:
    a = h.budget(2025)
    assert a.summary == "Morocco's defence budget for 2025: 133.45 billion MAD."
    total, *others = [s.heading for s in a.sections]
    assert total == "Total 2025"
    out = text(a)
    head = out.split("ADN yearly envelope")[0]
    assert "25 billion USD" not in head and "69.6 billion" not in head and "58.8" not in head
    assert "in USD: about 13.5 billion USD" in head  # the article's conversion, not a rival total
    assert "+8.75 billion MAD (+7.0 %) on 2024" in head
    assert any(t.startswith("ADN yearly envelope") for t in others)
    assert "Sub-lines (not the total)" in others
    comparison = out.split("Other countries, quoted for comparison")[1]
    assert "Algeria" in comparison and "25 billion USD" in comparison


def test_foreign_figure_never_makes_a_year(h: Handlers) -> None:
    table = text(h.budget(None))
    assert "2025: 133.45 billion MAD" in table
    assert "25 billion USD" not in table.split("Other countries")[0]
    assert "1 figure(s) of other countries" in table


def test_timeline_shows_each_date_at_its_precision(h: Handlers) -> None:
    out = text(h.timeline())
    assert "2021-11 · agreement" in out and "2021-11-01" not in out
    assert "2023 · exercise" in out
    assert "from 2021-11 to 2023" in out


def test_digest_labels_other_countries_and_only_moroccos_total_is_news() -> None:
    facts = [fact_from_json(dict(f, doc="010_plf.txt")) for f in DOCS[0]["facts"]]
    labels = [b.label() for b in budget_lines(facts)]
    assert "2025 (🇩🇿 Algeria, comparison): 25 billion USD" in labels
    news = Knowledge().novelties(facts)
    assert not any("25 billion" in n for n in news)
    assert any(n.startswith("first figure for 2025: 133.45 billion MAD") for n in news)
    assert event_lines(facts)[0].startswith("2021-11 ")
