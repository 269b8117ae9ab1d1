"""Every claim keeps its quote: nine (or forty) claims from one article are nine (or forty) quotes,
in the answer, in the console text and across the Discord pages — none silently dropped."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from handlers_sample import DOCS, build

from bot.embeds import answer_to_embeds, check_embed, escape
from facts.store import FactStore
from handlers import Handlers
from handlers.text import render


def _many_claims(n: int, filler: str = "") -> list[dict[str, Any]]:
    """The Turkish article with ``n`` acquisitions, each cited by its own sentence."""
    docs = copy.deepcopy(DOCS)
    facts = docs[0]["facts"]
    for i in range(n):
        facts.append({"kind": "acquisition", "system": f"Système {i:02d}", "category": "drone", "supplier": "TR",
                      "manufacturer": "Baykar", "quantity": i + 1, "value": None, "year": 2000 + i,
                      "quote": f"Le Maroc a reçu {i + 1} exemplaires du Système {i:02d} fabriqué en Turquie {filler}"
                               f"(phrase {i:02d})."})
    return docs


def _turkey(tmp_path: Path, n: int, filler: str = "") -> tuple[Handlers, list[str]]:
    docs = _many_claims(n, filler)
    wanted = [f"(phrase {i:02d})." for i in range(n)]
    return Handlers(FactStore(build(tmp_path / "f.sqlite3", docs)), warm=False), wanted


def test_nine_quotes_from_one_source_are_all_kept(tmp_path: Path) -> None:
    h, wanted = _turkey(tmp_path, 9)
    answer = h.partner("Turkey")
    (source,) = [s for s in answer.sources if s.doc == "000_tr.txt"]
    for tail in wanted:
        assert sum(q.endswith(tail) for q in source.quotes) == 1, tail
    assert len(source.quotes) == 9 + 3  # and the article's three other claims
    text = render(answer)
    assert all(tail in text for tail in wanted)


def test_the_same_sentence_cited_twice_is_one_quote(tmp_path: Path) -> None:
    docs = _many_claims(2)
    docs[0]["facts"][-1]["quote"] = docs[0]["facts"][-2]["quote"]
    h = Handlers(FactStore(build(tmp_path / "f.sqlite3", docs)), warm=False)
    (source,) = [s for s in h.partner("Turkey").sources if s.doc == "000_tr.txt"]
    assert len(source.quotes) == len(set(source.quotes)) == 4


def _shown(pages: list[Any]) -> str:
    return "\n".join(f.value for p in pages for f in p.fields)


def test_nine_quotes_reach_the_embed_pages(tmp_path: Path) -> None:
    h, wanted = _turkey(tmp_path, 9)
    answer = h.acquisitions("Turkey")
    pages = answer_to_embeds(answer)
    shown = _shown(pages)
    assert all(escape(tail) in shown for tail in wanted)
    assert all(check_embed(p) == [] for p in pages)


def test_quotes_that_do_not_fit_go_to_the_next_pages(tmp_path: Path) -> None:
    """Forty long quotes are more than one embed holds: later pages carry the rest."""
    h, wanted = _turkey(tmp_path, 40, "lors d'une cérémonie officielle tenue à la base aérienne en présence "
                                     "de nombreux responsables militaires des deux pays ")
    answer = h.partner("Turkey")
    pages = answer_to_embeds(answer)
    assert len(pages) >= 2
    assert all(check_embed(p) == [] for p in pages)
    quote_pages = [i for i, p in enumerate(pages) if any(escape(t) in _shown([p]) for t in wanted)]
    assert len(quote_pages) >= 2, "the quotes span more than one page"
    shown = _shown(pages)
    assert all(shown.count(escape(t)) == 1 for t in wanted), "each quote once, none missing"
    assert all(f"Page {n}/{len(pages)}" in (p.footer.text or "") for n, p in enumerate(pages, 1))
