"""What a frame takes from the predicates above it: a light verb lends its arguments, a modifier sets the
status (approved, negotiating, cancelled), an opposition makes it no cooperation, an outer frame shares its
parties. Kept apart from ``frames``, which reads each frame's own arguments.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .frame_hits import CANCEL, PARTY_ROLES, FrameHit, as_morocco, crews, role_of
from .framelex import FrameLexicon, ModifierSpec
from .grammar import Arg, Predicate
from .mentions import SystemMention, fold_keep


def _talked_about(hit: FrameHit, outer: FrameHit, preds: list[Predicate], hits: dict[int, FrameHit]) -> bool:
    """A purchase that is what a meeting talks about ('held talks with suppliers to buy', 'discussed the
    acquisition of') is under negotiation, unless an agreement stands between them ('signed a contract
    during the talks')."""
    if outer.spec.relation != "meeting" or hit.status != "ordered" or hit.spec.relation != "acquisition":
        return False
    between = hit.governors[:-1]
    return not any(hits[i].spec.relation == "agreement" for i, p in enumerate(preds) if i in hits and p in between)


def _has_sides(hit: FrameHit) -> bool:
    """An opposition frame names who is set against whom: a state, an organisation, a pronoun or 'les deux'."""
    return bool(hit.parties or hit.actors("opposed") or hit.anaphoric or hit.pairs)


def from_governors(
    hit: FrameHit, n: int, preds: list[Predicate], hits: dict[int, FrameHit], lex: FrameLexicon, lang: str
) -> None:
    """Walk up the governors: light verbs lend arguments, modifiers set status, opposition negates."""
    pred = preds[n]
    seen = {n}
    # "Le drone SpyX, récemment acquis par le Maroc, pourrait être fabriqué localement": a participle
    # clause set beside the main verb reports a done fact; the main verb's 'pourrait' is not its status
    aside = pred.done and pred.governor_marker in ("advcl", "acl")
    while pred.governor is not None and pred.governor not in seen:
        g = pred.governor
        seen.add(g)
        gov = preds[g]
        hit.governors.append(gov)
        if gov.negated and not (g == pred.governor and pred.governor_marker == "acl" and pred.pos == "verb"):
            hit.negated = True  # but "les H135 commandés par le Maroc ne sont pas encore livrés": ordered
        if gov.kind == "light" and hit.spec.polarity == "opposition" and any(
                g2.kind == "frame" for g2 in hit.governors[:-1]):
            pass  # "launched the exercise amid tensions with Algeria": who launched it is not in the tensions
        elif gov.name in ("closing", "stopping") and hit.spec.relation not in lex.closing_relations:
            # "ended a series of meetings" lends; "ended its cooperation with Rabat" stops it
            held_as = next((a.marker for a in gov.args if a.frame_noun == n), "obj")
            if gov.name == "stopping" and g == pred.governor and held_as == "obj":  # not "ended with the delivery"
                _apply_modifier(hit, Predicate(CANCEL, gov.start, gov.end, gov.args, gov.negated), lex)
        elif gov.kind == "light":
            reading = next((t for t in gov.alternatives if t.kind == "modifier"), None)
            if reading is not None and hit.spec.status and g == pred.governor:
                # "ont discuté de l'acquisition éventuelle": no meeting fits the verb, talks do
                _apply_modifier(hit, Predicate(reading, gov.start, gov.end, gov.args, gov.negated), lex)
            elif hit.spec.status and g == pred.governor and pred.pos == "noun":
                # "approval had been granted for the sale": the approval is the light verb's subject
                for k, sibling in enumerate(preds):
                    if (k != n and sibling.kind == "modifier" and sibling.governor == g and sibling.pos == "noun"
                            and sibling.governor_marker in ("subj", "obj") and sibling.start < pred.start
                            and lex.modifiers[sibling.name].status == "approved"):
                        _apply_modifier(hit, sibling, lex)
            copula = gov.trigger.words[0] in lex.copula_lemmas or fold_keep(gov.text.lower()) in lex.copulas
            said_to_be = copula and (pred.governor_marker == "subj" or any(
                a.frame_noun == n and a.marker == "subj" for a in gov.args))
            lent: Arg | None = None  # the object lent as the noun's equipment
            for arg in gov.args:
                if arg.frame_noun == n or (said_to_be and arg.start <= preds[n].start < arg.end):
                    continue  # the noun's own phrase ('The main customers of France are …')
                if lang == "en" and arg.marker in lex.locative and arg.end <= preds[n].start and not any(
                        a.is_morocco for a in arg.actors) and not (arg.anaphor and hit.spec.relation == "industry"):
                    continue  # "took off from a base in the United Kingdom for a training mission": the verb's place
                if said_to_be and arg.marker == "obj":  # "Morocco's main suppliers are France and …"
                    arg = replace(arg, marker="attr")
                role = role_of(hit.spec, arg, "noun", lex, lang)
                if role is None and hit.spec.status and arg.marker == "obj" and arg.itemish and _subject_of(
                        pred, n, gov):
                    role = "item"  # "the proposed sale … includes four US-made drones": what the deal holds
                if role == "recipient" and _other_side(hit, arg):
                    role = "supplier"  # "US moving ahead with arms sale to Morocco": the buyer is named
                if role and role != "item":
                    hit.add(role, [a for a in arg.actors if a.kind in ("morocco", "state", "company")])
                    if role == "host":  # "a fait escale au port de Tanger": a Moroccan town hosts
                        hit.add(role, [as_morocco(a) for a in arg.actors if a.kind == "place" and a.country == "MA"])
                    if not arg.actors:
                        crews(hit, role, arg)
                    if arg.anaphor and not arg.actors:
                        hit.anaphoric.add(role)
                elif role == "item" and (not hit.items or _refines(arg.systems, hit.items)):
                    hit.items = list(arg.systems)
                    hit.item_args.append(arg)
                    hit.item_anaphor |= arg.anaphor and not arg.systems
                    lent = arg
                elif (role == "item" and lent is not None and arg.marker == lent.marker == "obj"
                      and arg.start > lent.end):
                    # "… transactions : 48 avions F-16, 24 hélicoptères AH-64E": the list the object opens
                    hit.items += [x for x in arg.systems if x not in hit.items]
                    hit.item_args.append(arg)
            if gov.present and pred.pos == "noun" and pred.governor_marker == "subj" and hit.status == "delivered":
                hit.status = "ordered"  # "L'arrivée des H135 permet aux FAR de …": the arrival as a topic, to come
            # 'acl': "la demande du Maroc concernant l'achat" (a participle that tells the noun's content)
            if gov.governor_marker not in (None, "obj", "xcomp", "subj", "conj", "acl"):
                break  # 'au moment où Paris participe …': the clause above is another story
        elif gov.kind == "modifier":
            through_verb = pred.pos == "verb"  # "prévoit d'acquérir", not "prévoit la formation"
            if aside:
                pass
            elif through_verb or fold_keep(gov.text.lower()) not in _lemma_forms(lex.modifiers[gov.name]):
                _apply_modifier(hit, gov, lex)
            if hit.spec.status and gov.pos == "noun" and not hit.actors("supplier") and _has_morocco_as(hit):
                # "US plans for a sale … for Morocco", "l'approbation américaine de la vente": whose plan it is sells
                hit.add("supplier", [a for g in gov.args if g.marker in ("amod", "poss")
                                     for a in g.actors if a.is_state and not a.is_morocco])
        elif gov.kind == "frame" and hit.spec.status and any(t.kind == "modifier" for t in gov.alternatives):
            # "in talks to buy", "les discussions portant sur l'achat": the negotiating reading of the word
            reading = next(t for t in gov.alternatives if t.kind == "modifier")
            _apply_modifier(hit, Predicate(reading, gov.start, gov.end, gov.args, gov.negated), lex)
        elif gov.kind == "frame" and g in hits:
            outer = hits[g]
            if _talked_about(hit, outer, preds, hits):
                hit.status = "negotiating"  # "Rabat held talks with several suppliers to buy … the Patriot"
            if outer.spec.polarity == "opposition":
                # "la presse s'inquiète de … l'arrivée des Apache commandés aux États-Unis": a worry of no
                # party (no state, no pronoun) sets no one against Morocco; what it is about still happened
                hit.opposed |= _has_sides(outer)
            elif hit.spec.polarity != "opposition":
                if outer.spec.status == "requested" and hit.status in ("ordered", "delivered"):
                    hit.status = "requested"  # "Morocco requested to buy 10 Harpoon": asked for, not bought
                own = set(hit.spec.verb_roles.values()) | set(hit.spec.noun_roles.values())
                for role in PARTY_ROLES:  # a visit during which an accord is signed: the same parties
                    if role in own and (role == "counterpart" or not hit.actors(role)):
                        hit.add(role, outer.actors(role))
                if hit.spec.status and not hit.actors("recipient"):
                    _buyer_from_signatories(hit, outer)
                sellers = {a.country for a in outer.actors("supplier")}
                same_seller = not sellers or {a.country for a in hit.actors("supplier")} <= sellers
                if hit.spec.status and not hit.items and same_seller:  # "conclu un contrat … pour dix H225M"
                    hit.items = list(outer.items) or list(outer.loose)
                ordering = outer.spec.name == "deal" or (
                    outer.spec.name == "acquire" and outer.pred.start < hit.pred.start)
                if ordering and hit.status == "delivered" and hit.pred.pos == "noun":
                    # "an agreement for the delivery of 10 H225M", "contracted Elbit for the delivery of": to come
                    # (but "the arrival of six Apache ordered from the US": the order is the helicopters')
                    hit.status = "ordered"
        pred = gov


def _has_morocco_as(hit: FrameHit, role: str = "recipient") -> bool:
    return any(a.is_morocco for a in hit.actors(role))


def _subject_of(pred: Predicate, n: int, gov: Predicate) -> bool:
    """The frame noun at ``n`` is the subject of the verb ``gov`` that governs it."""
    return pred.governor_marker == "subj" or any(a.frame_noun == n and a.marker == "subj" for a in gov.args)


def _other_side(hit: FrameHit, arg: Arg) -> bool:
    """A state lent as buyer to a deal whose buyer, Morocco, is already named, with no seller named: the
    seller."""
    return (
        hit.spec.status is not None
        and any(a.is_morocco for a in hit.actors("recipient"))
        and not hit.actors("supplier")
        and any(a.is_state for a in arg.actors)
        and not any(a.is_morocco for a in arg.actors)
    )


def _buyer_from_signatories(hit: FrameHit, outer: FrameHit) -> None:
    """"signed a deal with Elbit to acquire 36 ATMOS": an acquisition agreed between Morocco and one
    other party is Morocco's, bought from that party."""
    signatories = outer.actors("counterpart")
    morocco = [a for a in signatories if a.is_morocco]
    others = [a for a in signatories if not a.is_morocco and a.kind in ("state", "company")]
    if morocco and (others or outer.actors("supplier")):
        hit.add("recipient", morocco)
        if not hit.actors("supplier"):
            hit.add("supplier", others)


def _lemma_forms(spec: ModifierSpec) -> frozenset[str]:
    """Inflected forms are matched loosely: 'prévoit', 'prévoient' stand for 'prévoir'."""
    return frozenset(f for w in spec.infinitive_only for f in (w, w[:-2], w[:-1], w[:-2] + "t", w[:-2] + "ent"))


def _apply_modifier(hit: FrameHit, mod: Predicate, lex: FrameLexicon) -> None:
    spec = lex.modifiers[mod.name]
    if hit.spec.status is None and spec.name != "cancel":
        return
    if spec.name == "future":
        if hit.status == "delivered":  # "va réceptionner": ordered, still to be delivered
            hit.status = "ordered"
    elif hit.status != "cancelled":
        hit.status = spec.status if hit.spec.status or spec.name == "cancel" else hit.status
    subjects = [a for arg in mod.args if arg.marker == "subj" for a in arg.actors]
    role = spec.subject_role
    if role == "supplier" and any(a.is_morocco for a in subjects):
        role = "recipient"  # "Morocco cleared to buy": a headline's passive, Morocco is the buyer
    if subjects and not hit.actors(role):
        hit.add(role, subjects)
    if spec.name == "win_order" and not hit.actors("supplier"):  # "Navantia was awarded a contract"
        hit.add("supplier", [a for arg in mod.args if arg.marker == "obj" for a in arg.actors if not a.is_morocco])
    if spec.name == "win_order" and any(a.is_morocco for a in hit.actors("supplier")):
        # "PIRIOU has recorded a new order from the Moroccan Royal Navy": the order comes from the buyer
        buyers = [a for a in hit.actors("supplier") if a.is_morocco]
        hit.roles["supplier"] = [a for a in hit.actors("supplier") if not a.is_morocco]
        hit.add("recipient", buyers)
    for arg in mod.args:  # "négocie avec Paris l'achat", "talks with Morocco on the purchase"
        if arg.marker in ("avec", "with") and arg.actors and hit.spec.status:
            hit.add("recipient", [a for a in arg.actors if a.is_morocco])
            hit.add("supplier", [a for a in arg.actors if not a.is_morocco])
    held = [arg for arg in mod.args if arg.marker == "obj" and arg.itemish and not arg.actors]
    if held and spec.name != "future" and hit.spec.status and not hit.items and not hit.item_args \
            and mod.start < hit.pred.start:
        hit.items = list(held[0].systems)  # "another 162 tanks had been approved for delivery": what was cleared
        hit.item_args.append(held[0])
    for arg in mod.args:  # "autorise le Maroc à acheter", "approuve au Maroc la vente"
        if arg.marker in ("obj", "a", "to") and any(a.is_morocco for a in arg.actors) and not hit.actors("recipient"):
            hit.add("recipient", [a for a in arg.actors if a.is_morocco])
        if arg.marker in ("a", "to") and arg.actors and hit.spec.status and not hit.actors("recipient"):
            hit.add("recipient", arg.actors)


_THEN = re.compile(
    r"(?:avant|apres|before|after)\s+(?:d'|de\s+|being\s+|having\s+been\s+)?(?:etre\s+|avoir\s+ete\s+)?$")


def _talks_to_buy(
    preds: list[Predicate], hits: dict[int, FrameHit], m: int, lex: FrameLexicon, folded: str = ""
) -> None:
    """"Rabat has held negotiations with several suppliers to buy air defence systems": talks held to
    buy something make the purchase a negotiation (the light verb governs both); not what came after them
    ("avait fait ses premiers essais … avant d'être transférée à la Marine marocaine")."""
    mod = preds[m]
    if (
        mod.pos != "noun"
        or lex.modifiers[mod.name].status != "negotiating"
        or mod.governor is None
        or preds[mod.governor].kind != "light"
    ):
        return
    for n, hit in hits.items():
        pred = preds[n]
        if hit.spec.status and pred.governor == mod.governor and pred.pos == "verb" and pred.start > mod.start and (
                not _THEN.search(folded[max(0, pred.start - 30) : pred.start])):
            _apply_modifier(hit, mod, lex)


def orphan_modifiers(preds: list[Predicate], hits: dict[int, FrameHit], lex: FrameLexicon, folded: str = "") -> None:
    """'… avant d'y renoncer', '… puis a annulé': a modifier that governs no frame applies to the
    frames its own governor governs (the acquisition it refers back to)."""
    governed = {p.governor for p in preds if p.governor is not None}
    for m, mod in enumerate(preds):
        if mod.kind == "modifier":
            _talks_to_buy(preds, hits, m, lex, folded)
        if mod.kind != "modifier" or m in governed:
            continue
        sibling_of = mod.governor
        for n, hit in hits.items():
            if (
                hit.spec.status
                and n != m
                and (preds[n].governor == sibling_of or n == sibling_of)
                and sibling_of is not None
                and lex.modifiers[mod.name].name == "cancel"
            ):
                hit.status = "cancelled"
        if mod.governor is None and mod.pos == "noun":
            for n, hit in hits.items():  # "Feu vert américain … pour la vente de missiles TOW": a verbless
                pred = preds[n]          # headline the parser split in two phrases
                if hit.spec.status and pred.governor is None and pred.pos == "noun" and pred.start > mod.start:
                    _apply_modifier(hit, mod, lex)


def _refines(named: list[SystemMention], items: list[SystemMention]) -> bool:
    """'The TOW request includes 2,401 TOW 2A missiles': what the deal holds names the system its noun
    was qualified with, or a variant of it, so that phrase (and its count) is the item."""
    return bool(named) and all(any(n.name.startswith(x.name) for n in named) for x in items)
