"""Extraction: one article → facts. One extractor per fact kind, registered by name.

Each extractor is a function ``(Context) -> list[fact]``; ``EXTRACTORS`` lists them
in the order they run, like the components of a spaCy pipeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from .. import lexicon as lx
from ..clean import Article
from ..models import Acquisition, Document, Partner, to_json
from . import acquisitions, budgets, events, partners
from .context import Context, build_context, parse_candidates
from .coref import resolve_article
from .mentions import country_mentions, fold_keep

Extractor = Callable[[Context], Sequence[Any]]

EXTRACTORS: dict[str, Extractor] = {
    "partner": partners.extract,
    "acquisition": acquisitions.extract,
    "budget": budgets.extract,
    "event": events.extract,
}


def extract(doc: str, article: Article, today: dt.date | None = None, sha256: str = "") -> list[dict[str, Any]]:
    """All facts of one article in the dump schema, the document record first."""
    return extract_many([(doc, article, sha256)], today)[0]


def extract_many(items: Sequence[tuple[str, Article, str]], today: dt.date | None = None) -> list[list[dict[str, Any]]]:
    """The facts of several articles ``(doc name, article, sha256)``, in order. Their candidate
    sentences go through the parser together: spaCy costs about a third less per sentence in
    batches of 64 than in one article's 15 or 20."""
    day = today or dt.date.today()
    contexts = [build_context(doc, article, day, parse=False) for doc, article, _ in items]
    parse_candidates(contexts)
    return [_facts(ctx, sha256) for ctx, (_, _, sha256) in zip(contexts, items, strict=True)]


def _facts(ctx: Context, sha256: str) -> list[dict[str, Any]]:
    doc, article = ctx.doc, ctx.article
    resolve_article(ctx)
    found: dict[str, list[Any]] = {name: list(fn(ctx)) for name, fn in EXTRACTORS.items()}
    _suppliers_are_partners(found["partner"], found["acquisition"])
    document = Document(doc, article.title, article.published, article.source, article.language, sha256,
                        updated=article.updated)
    facts: list[dict[str, Any]] = [document.to_json()]
    for items in found.values():
        facts.extend(to_json(f) for f in items)
    return facts


def _suppliers_are_partners(partner_facts: list[Partner], acquisition_facts: list[Acquisition]) -> None:
    """A country that sells Morocco a system (not one it only negotiates) is a partner in that article."""
    known = {p.country for p in partner_facts}
    for acq in acquisition_facts:
        if (
            acq.kind == "acquisition"
            and acq.supplier
            and acq.supplier not in known
            and acq.supplier not in lx.never_partner()
            and not _union_company(acq)
        ):
            partner_facts.append(Partner(acq.supplier, acq.evidence, "acquisition"))
            known.add(acq.supplier)


def _union_company(acq: Acquisition) -> bool:
    """A supplier that is a union only through a company (Airbus: the EU), the union not named where
    the purchase is told: a multinational group sold the system, not the union, so the union is no
    partner for it."""
    if acq.supplier not in lx.unions():
        return False
    quote = acq.evidence.quote
    # "livrés au Royaume par l'Union européenne" names the union itself; "auprès d'Airbus" only its group
    named = country_mentions(quote, fold_keep(quote))
    return not any(m.country == acq.supplier and m.how != "manufacturer" for m in named)
