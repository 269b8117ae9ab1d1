"""Partners: countries Morocco cooperates with militarily, each with the relation that shows it.

A partner comes from a cooperation frame with Morocco in one role and the other state
(or a company standing for it) in the matching one: Morocco the recipient and the other
the supplier of an acquisition, or both counterparts of an agreement, a meeting, a
visit, an exercise, training or industry. A country against Morocco anywhere in the
sentence (a rival, a country compared with, another customer, a "tension" frame) is no
partner from that sentence; a generic partnership counts only when it is about
defence; a negotiation or a dropped option makes no partner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicon as lx
from ..models import Partner
from .actors import Actor
from .context import Context, SentenceInfo, civil_equipment, other_field, own_words
from .framelex import frame_lexicon
from .frames import FrameHit
from .mentions import fold_keep

SECTION_RANK = {"body": 0, "title": 1, "teaser": 2}
COMPLEMENT = {
    "recipient": ("supplier", "counterpart"),
    "supplier": ("recipient", "counterpart"),
    "counterpart": ("counterpart", "supplier", "recipient", "visitor", "host"),
    "visitor": ("host", "counterpart"),
    "host": ("visitor", "counterpart"),
}


@dataclass(frozen=True)
class Pairing:
    country: str
    relation: str
    hit: FrameHit
    actor: Actor


def cooperation_pairs(ctx: Context, info: SentenceInfo) -> list[Pairing]:
    """(country, relation) of every state a frame of this sentence pairs with Morocco."""
    banned = lx.never_partner()
    out: list[Pairing] = []
    for hit in info.frames.hits:
        if not _is_cooperation(ctx, info, hit):
            continue
        # in the frame's own role order, so the partners of a sentence come out the same on every run
        morocco_roles = [role for role, actors in hit.roles.items() if any(a.is_morocco for a in actors)]
        listed = _listed_with_morocco(hit)
        for role in morocco_roles:
            for other in COMPLEMENT.get(role, ()):
                implied = (
                    (_sellers_named(info, hit) or _implied_suppliers(ctx, hit))
                    if other == "supplier" and role == "recipient" and not hit.actors("supplier")
                    else []
                )  # "achète des drones turcs": where the equipment comes from
                for actor in hit.actors(other) + implied:
                    country = actor.country
                    if not actor.is_state or country is None or country in banned or country in info.frames.opposed:
                        continue
                    if country in lx.unions():
                        continue  # a union of states is no state ("a solid partner of the European Union"), and
                        # "une commande … auprès d'Airbus" names a multinational group, not the EU
                    if country in listed:
                        continue  # one of the other buyers listed with Morocco
                    relation = hit.spec.relation
                    if other == "recipient" and hit.spec.status:
                        if hit.spec.name != "donate" or role != "supplier":
                            continue  # Morocco selling its old tanks is trade, not what this base follows
                        relation = "cooperation"  # Morocco giving to a state's forces: a partner, no purchase
                    out.append(Pairing(country, relation, hit, actor))
    return out


def _sellers_named(info: SentenceInfo, hit: FrameHit) -> list[Actor]:
    """Who another acquisition frame of the sentence says sells or gives ('ont reçu un don des Émirats
    de 4 Wing Loong': the donor, not the maker's country; 'took delivery of drones ordered from AVIC')."""
    return [a for h in info.frames.hits
            if h is not hit and h.spec.status and not any(not r.is_morocco for r in h.actors("recipient"))
            and not _equips_another(h, info.frames.opposed)
            for a in h.actors("supplier") if (a.is_state or a.kind == "company") and a.country and not a.is_morocco]


def _equips_another(hit: FrameHit, opposed: set[str]) -> bool:
    """A foreign state in the frame besides its supplier, or a rival anywhere in it ('l'aviation
    algérienne, qui est équipée par la Russie'): the equipment goes to that state, so its seller is
    not Morocco's."""
    suppliers = hit.actors("supplier")
    return any(a.is_state and not a.is_morocco and (a not in suppliers or a.country in opposed)
               for arg in hit.pred.args for a in arg.actors)


def _implied_suppliers(ctx: Context, hit: FrameHit) -> list[Actor]:
    """Where the equipment comes from when the frame names no seller: 'des drones turcs', or the maker
    the lexicon gives for the system — unless another sentence of the article names who sells that
    system ('obusiers M109A5 cédés aux FAR' in the title, 'le Pentagone a notifié la cession … de
    douze obusiers M109A5' in the body: the seller is the US, not the maker's country)."""
    out = [a for a in hit.origins if a.is_state]
    for system in hit.items:
        maker = next((m for m in lx.manufacturers() if m["name"] == system.manufacturer), None)
        sellers = _sellers_of(ctx, system.name)
        if maker is not None and (not sellers or maker["country"] in sellers):
            out.append(Actor(0, 0, maker["name"], "company", maker["country"], "lexicon"))
    return out


def _sellers_of(ctx: Context, system: str) -> set[str]:
    """The countries the article's acquisition frames name as the seller of this system to Morocco."""
    return {a.country for info in ctx.infos for h in info.frames.hits
            if h.spec.status and any(s.name == system for s in h.items)
            and any(r.is_morocco for r in h.actors("recipient"))
            for a in h.actors("supplier") if (a.is_state or a.kind == "company") and a.country and not a.is_morocco}


def _listed_with_morocco(hit: FrameHit) -> set[str]:
    """'des contrats dans treize pays, parmi lesquels le Maroc, les Pays-Bas, la Pologne…': states
    sharing Morocco's side of a deal are other buyers, not partners."""
    if hit.spec.status is None:
        return set()
    out: set[str] = set()
    for role in ("recipient",):
        actors = hit.actors(role)
        if any(a.is_morocco for a in actors):
            out |= {a.country for a in actors if a.is_state and a.country}
    return out


def _is_cooperation(ctx: Context, info: SentenceInfo, hit: FrameHit) -> bool:
    if hit.spec.polarity != "cooperation" or hit.negated or hit.opposed:
        return False
    if hit.status == "cancelled":
        return False  # a deal dropped
    if hit.status == "negotiating" and not any(
            not a.is_morocco and (a.is_state or a.kind == "company")
            for a in hit.actors("supplier") + [o for o in hit.origins if o.kind == "company"]):
        return False  # a purchase only looked at ("close to the procurement of the Russian Pantsir"); but a seller
        # the frame names is in talks ("plans to acquire US-made Lockheed Martin's F-35, with negotiations …")
    if hit.spec.status is not None and (hit.items or hit.item_anaphor):
        return not civil_equipment(info, hit.items)  # equipment changing hands is defence by nature
    if hit.spec.name in ("receive", "deliver", "sell", "donate", "build_for", "enter_service") and not hit.item_args:
        return _names_arms(info)  # "arms sales from the UK", "its arsenal with sales from the UK"
    if hit.spec.status is not None and _names_other_goods(hit):
        return _names_arms(info)  # "buys wheat from France": a thing bought, but no equipment
    if hit.spec.relation in ("agreement", "meeting", "visit", "cooperation") and not ctx.about_defence:
        return False  # a memorandum or a visit in an article about trade or culture alone
    return defence_domain(ctx, info, hit)


def _names_other_goods(hit: FrameHit) -> bool:
    """What changes hands is named by words, none of them equipment ('wheat'); a bare share ('6.1 %
    in Italy') names nothing, and the article's subject tells."""
    named = [a for a in hit.item_args if re.search(r"[^\W\d_]{3,}", a.text)]
    return bool(named) and not any(a.itemish or a.anaphor for a in hit.item_args)


def _names_arms(info: SentenceInfo) -> bool:
    """Something changes hands that names no equipment: arms must be named in the sentence (the
    trigger's own 'arms sales' included), and no other field."""
    lex = frame_lexicon()
    return bool(lex.strong_defence.search(info.folded)) and not lex.other_domain.search(info.folded)


def defence_domain(ctx: Context, info: SentenceInfo, hit: FrameHit) -> bool:
    """The frame is about defence: no other field named on it or in its sentence unless defence is named
    too ('Pêche : le Maroc et la Corée renouvellent leur accord', 'un partenariat sur l'hydrogène'), and
    for a generic partnership, defence named in the sentence or the one before."""
    lex = frame_lexicon()
    if other_field(info, hit):
        return False  # "politique et sécuritaire, économique, … de la sécurité alimentaire": no defence word
    trigger = {fold_keep(t) for t in hit.pred.trigger.words}
    own = own_words(info, hit)
    armed = any(not s.unnamed for s in info.systems)  # "le contrat … de quatre batteries du FD-2000B … en Chine"
    if lex.other_domain.search(info.folded) and not lex.strong_defence.search(info.folded) and not armed:
        return False
    if not hit.spec.requires_domain or armed:
        return True
    if hit.pred.pos == "noun" and trigger & lex.relation_nouns:  # "Russia's relations with Morocco": diplomacy
        before = " ".join(info.folded[max(0, hit.pred.start - 40) : hit.pred.start].split()[-2:])  # "military ties"
        return bool(lex.defence_domain.search(own + " " + before))
    prev = ctx.previous(info)
    nearby = info.folded + (" " + prev.folded if prev is not None and info.section == "body" else "")
    return bool(lex.defence_domain.search(nearby))


def extract(ctx: Context) -> list[Partner]:
    found: dict[str, Partner] = {}
    for info in ctx.infos:
        for pairing in cooperation_pairs(ctx, info):
            current = found.get(pairing.country)
            evidence = ctx.evidence(info)
            # "collaborent pour un exercice": the sentence's own specific relation beats a generic one
            sharper = current is not None and current.evidence == evidence and current.relation == "cooperation"
            if current is None or sharper or SECTION_RANK.get(info.section, 3) < SECTION_RANK.get(
                    current.evidence.section, 3):
                found[pairing.country] = Partner(pairing.country, evidence, pairing.relation)
    return list(found.values())
