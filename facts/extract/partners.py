"""Partners: countries Morocco cooperates with militarily in an article.

A mention counts when, in the same clause, Morocco is named too and the sentence
speaks of cooperation or defence. Places ("en Libye"), rivals ("au grand dam de
l'Algérie") and other countries' relations ("client de la Russie", an accord
with Tunisia where Morocco is absent) are not cooperation. Suppliers of
Morocco's acquisitions are partners as well (added in ``facts.extract``).
"""

from __future__ import annotations

from .. import lexicon as lx
from ..models import Partner
from .context import Context, SentenceInfo
from .mentions import Mention, has_cue


def cooperating_mentions(info: SentenceInfo) -> list[Mention]:
    """Country mentions of a sentence that are evidence of cooperation with Morocco."""
    if not info.morocco or not has_cue("cooperation", info.folded):
        return []
    banned = lx.never_partner()
    out = []
    for m in info.countries:
        if m.country in banned or m.place or m.negative:
            continue
        start, end = info.segment_of(m.start)
        if not info.morocco_in(start, end):
            continue
        out.append(m)
    return out


def extract(ctx: Context) -> list[Partner]:
    found: dict[str, Partner] = {}
    for info in ctx.infos:
        for m in cooperating_mentions(info):
            current = found.get(m.country)
            if current is None or _rank(info) < _rank_of(ctx, current):
                found[m.country] = Partner(m.country, ctx.evidence(info))
    return list(found.values())


def _rank(info: SentenceInfo) -> int:
    """Prefer evidence from the body, then the title, then teasers."""
    return {"body": 0, "title": 1, "teaser": 2}.get(info.sentence.section, 3)


def _rank_of(ctx: Context, partner: Partner) -> int:
    return {"body": 0, "title": 1, "teaser": 2}.get(partner.evidence.section, 3)
