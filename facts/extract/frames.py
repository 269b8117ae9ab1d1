"""Predicates → frames with their roles filled: who buys, who supplies, who meets whom.

Each frame predicate maps its arguments to roles through the tables of
``frames.json``. Governors refine it: a light verb lends its subject and complements
("le Maroc a finalisé l'achat"), a modifier sets the acquisition's status and lends
its subject ("le Département d'État a approuvé la vente" → approved, supplier US),
and an opposition frame turns the cooperation it governs into none ("Alger a rompu
ses relations avec Rabat"). A country in an opposed role — a rival, a country
compared with, another customer — is collected so that no cooperation in the same
sentence makes it a partner.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .. import lexicon as lx
from .actors import Actor
from .framelex import FrameLexicon, FrameSpec, ModifierSpec, Trigger, frame_lexicon
from .grammar import Analysis, Arg, Predicate
from .mentions import SystemMention, fold_keep
from .nouns import noun_kind

PARTY_ROLES = ("recipient", "supplier", "counterpart", "visitor", "host")
COMPOUND_MARKERS = ("nmod", "flat:name", "appos", "compound")
CANCEL = Trigger("modifier", "cancel", "verb", ("end",), None)  # the reading a stopping verb takes


@dataclass
class FrameHit:
    spec: FrameSpec
    pred: Predicate
    roles: dict[str, list[Actor]] = field(default_factory=dict)
    items: list[SystemMention] = field(default_factory=list)
    item_args: list[Arg] = field(default_factory=list)
    loose: list[SystemMention] = field(default_factory=list)  # equipment the parse hung elsewhere
    origins: list[Actor] = field(default_factory=list)
    status: str | None = None
    negated: bool = False
    opposed: bool = False  # governed by an opposition frame
    anaphoric: set[str] = field(default_factory=set)  # roles named only by a pronoun or possessive
    owners: set[str] = field(default_factory=set)  # of those, by a possessive: 'ses partenaires, dont X'
    item_anaphor: bool = False  # "ces drones", "le contrat": the item is named elsewhere
    pairs: set[str] = field(default_factory=set)  # roles named by "les deux pays"
    governors: list[Predicate] = field(default_factory=list)  # the predicates above this one
    identifies: tuple[object, FrameHit] | None = None  # (sentence, frame) whose equipment this one names
    recalled: bool = False  # "cette réunion": the parties of a frame told before; dated by its own words only

    @property
    def name(self) -> str:
        return self.spec.name

    def actors(self, role: str) -> list[Actor]:
        return self.roles.get(role, [])

    def add(self, role: str, actors: list[Actor]) -> None:
        """Add actors to a role. In a deal, Morocco is the buyer and a company the seller, whatever
        side the sentence's wording put them on ('Airbus announced an agreement with the Moroccan
        ministry', 'IAI's latest customer')."""
        for actor in actors:
            target = role
            if (self.spec.relation in ("acquisition", "industry") or self.spec.name == "deal") and role in (
                "recipient",
                "supplier",
                "counterpart",
            ):
                if actor.is_morocco:  # but "Morocco sold its old T-72s to …", "les FAR font don d'un patrouilleur
                    # à la Guinée-Bissau": the seller of a sale sells, the donor of a gift gives
                    target = "recipient" if role == "supplier" and self.spec.name not in ("sell", "donate") else role
                elif actor.kind == "company":
                    target = "supplier"
            bucket = self.roles.setdefault(target, [])
            if actor not in bucket:
                bucket.append(actor)

    @property
    def parties(self) -> list[Actor]:
        return [a for r in PARTY_ROLES for a in self.actors(r)]


@dataclass
class SentenceFrames:
    hits: list[FrameHit] = field(default_factory=list)
    opposed: set[str] = field(default_factory=set)  # countries against Morocco in this sentence


def build_frames(
    analysis: Analysis, lang: str, lex: FrameLexicon | None = None, folded: str | None = None
) -> SentenceFrames:
    lex = lex or frame_lexicon()
    preds = [copy.copy(p) for p in analysis.predicates]  # readings are chosen here; analyses may be shared
    out = SentenceFrames()
    hits: dict[int, FrameHit] = {}
    excluded = _not_triggers(folded, lex, lang) if folded is not None else []
    for n, pred in enumerate(preds):
        if pred.kind == "frame" and any(start <= pred.start < end for start, end in excluded):
            pred.trigger = Trigger("light", "light", pred.trigger.pos, pred.trigger.words, None)
        elif pred.kind == "frame":
            hit = _choose(pred, lex, lang, preds, analysis.people)
            if hit is None:  # no reading fits: the verb only lends its arguments ('renforcer la coopération')
                pred.trigger = Trigger("light", "light", pred.trigger.pos, pred.trigger.words, None)
            else:
                hits[n] = hit
    for n, hit in hits.items():
        _from_governors(hit, n, preds, hits, lex, lang)
        if hit.spec.relation in ("agreement", "meeting"):
            _foreign_capital_hosts(hit, preds[n], lex)
    _orphan_modifiers(preds, hits, lex, folded or "")
    _makers_of_the_item(list(hits.values()))
    if folded is not None and lex.abandoned[lang].search(folded):  # "n'est plus à l'ordre du jour"
        for hit in hits.values():
            if hit.spec.status is not None:
                hit.status = "cancelled"
    if folded is not None:
        _soured_relations(hits.values(), folded, lex, lang)
    for hit in hits.values():
        out.opposed |= {a.country for a in hit.actors("opposed") if a.country}
    out.hits = [hits[n] for n in sorted(hits)]
    return out


_SHARE = r"\d+(?:[.,]\d+)?\s*(?:%|pour ?cent|per ?cent)"
_SHARE_AFTER = re.compile(r"\s*\(\s*" + _SHARE + r"[^()]{0,20}\)")
_SHARE_BEFORE = re.compile(_SHARE + r"[^,;()]{0,40}?\b(?:from|of|in|de|des|du|d['’]|en|aupr[eè]s\s+d[eu'’]s?)\s*"
                           r"(?:the\s+|la\s+|le\s+|l['’]\s*)?$")


def share_lists(hits: list[FrameHit], text: str, actors: list[Actor]) -> None:
    """'le royaume achète ses armes des États-Unis (62 %), de la France (36 %) et de l'Italie (0,6 %)',
    'imports 90% of its weapons from the United States, 9.2% from France and 0.3% of the United Kingdom',
    'bought 8.9% in France and 0.3% in the United Kingdom':
    a seller given its share of the purchases lists the others the same way; the parser keeps the first."""
    shared_all = [a for a in actors if a.is_state and _has_share(text, a)]
    if not shared_all:
        return
    cuts = [m.start() for m in _contrasts().finditer(fold_keep(text))]
    for hit in hits:
        if hit.spec.relation != "acquisition" or not any(a.is_morocco for a in hit.actors("recipient")):
            continue
        # "Algeria's suppliers were China (13 per cent) … while the USA (62 per cent) … supplied Morocco"
        side = _side(hit.pred.start, cuts)
        shared = [a for a in shared_all if _side(a.start, cuts) == side]
        if any(a.is_morocco and _has_share(text, a) and _side(a.start, cuts) == side for a in actors):
            continue  # "L'Algérie … 30 % des importations, suivie par le Maroc (26 %) et l'Ouganda": importers
        suppliers = hit.actors("supplier")
        # 'bought 8.9% in France and 0.3% in the United Kingdom': shares the parser took for places
        placed = not suppliers and all(any(g.start <= a.start < g.end for g in hit.pred.args) for a in shared)
        moved = bool(suppliers) and any(a in shared for a in hit.actors("recipient"))  # "…, suivis de la France (14%)"
        if any(a in shared for a in suppliers) or placed or moved:
            # "les États-Unis (69%), suivis de la France (14%)": a share is a seller's, whatever the marker said
            hit.roles["recipient"] = [a for a in hit.actors("recipient") if a not in shared]
            hit.add("supplier", [a for a in shared if a not in suppliers and a not in hit.parties])


@lru_cache(maxsize=1)
def _contrasts() -> re.Pattern[str]:
    words = lx.grammar()["contrast_conjunctions"]
    return re.compile(r"(?<![\w'])(?:" + lx.alternation(words["fr"] + words["en"]) + r")(?![\w'])")


def _side(pos: int, cuts: list[int]) -> int:
    """Which of the clauses set against each other holds ``pos``."""
    return sum(1 for c in cuts if c <= pos)


def _has_share(text: str, actor: Actor) -> bool:
    before = text[max(0, actor.start - 70) : actor.start]
    return bool(_SHARE_AFTER.match(text, actor.end) or _SHARE_BEFORE.search(before))


def _makers_of_the_item(hits: list[FrameHit]) -> None:
    """'has received 92 military trucks manufactured by the Indian company TATA': the participle that says
    who made the equipment is a frame of its own over the same phrase; its maker is where the received
    or bought equipment comes from, as 'fabriqués par IAI' is in French."""
    makers = [h for h in hits if h.spec.name == "build_for" and h.pred.pos == "verb" and h.item_args
              and not any(a.is_morocco for a in h.actors("supplier"))]
    for hit in hits:
        if hit.spec.name == "build_for" or not hit.spec.status or not hit.item_args:
            continue
        for maker in makers:
            if any(a.start <= m.start < a.end or m.start <= a.start < m.end
                   for a in hit.item_args for m in maker.item_args):
                hit.origins += [x for x in maker.actors("supplier") if x.is_state and x not in hit.origins]


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


def _not_triggers(folded: str, lex: FrameLexicon, lang: str) -> list[tuple[int, int]]:
    """Spans where a trigger word means something else ('au titre de l'exercice 2025')."""
    return [m.span() for m in lex.not_triggers[lang].finditer(folded)]


def _soured_relations(hits: Iterable[FrameHit], folded: str, lex: FrameLexicon, lang: str) -> None:
    """'des relations tendues entre Rabat et Alger', 'strained Morocco-Algeria ties': a relation
    noun qualified as bad is opposition, and its parties are opposed in the whole sentence."""
    for hit in hits:
        pred = hit.pred
        if pred.pos != "noun" or hit.spec.polarity != "cooperation":
            continue
        before, after = lex.sour[lang]
        ahead, behind = folded[max(0, pred.start - 60) : pred.start], folded[pred.end : pred.end + 120]
        if before.search(ahead) or after.search(behind):
            hit.opposed = True
            hit.add("opposed", [a for a in hit.parties if a.is_state])


def _role_of(spec: FrameSpec, arg: Arg, pos: str, lex: FrameLexicon, lang: str) -> str | None:
    marker = arg.marker
    if marker in lex.opposed_markers[lang]:  # unless the frame says otherwise: 'coprésider aux côtés de'
        return (spec.verb_roles if pos == "verb" else spec.noun_roles).get(marker) or "opposed"
    if pos == "noun" and marker in COMPOUND_MARKERS:
        marker = "amod"
    if marker in ("de", "des", "of") and arg.actors and not arg.systems:
        role = spec.role(f"{marker}+state", pos) or (spec.role("de+state", pos) if marker == "des" else None)
        if role:
            return role
    if marker == "subj" and any(a.kind == "company" for a in arg.actors) and not any(a.is_morocco for a in arg.actors):
        role = spec.role("subj+company", pos)  # "Navantia accélère la construction du patrouilleur": the yard builds
        if role:
            return role
    role = spec.role(marker, pos)
    if role == "item" and arg.actors and not arg.systems and not arg.itemish and marker in lex.beneficiary_markers:
        return "recipient"  # "a deal … for the Royal Moroccan Armed Forces": who it is for, not what
    return role


def _choose(
    pred: Predicate, lex: FrameLexicon, lang: str, preds: list[Predicate] | None = None, people: list[str] | None = None
) -> FrameHit | None:
    """'recevoir' receives equipment or a visitor, 'accueillir' a system or an exercise: the first
    reading whose requirements the arguments meet; None when no reading fits. A verb whose object
    is its own frame's noun ('faire don de deux patrouilleurs') leaves the equipment to that noun."""
    own_nouns = {preds[a.frame_noun].name for a in pred.args
                 if preds is not None and a.frame_noun is not None and a.marker == "obj"}
    readings = [pred.trigger] + [t for t in pred.alternatives if t.kind == "frame"]
    # "des entretiens" matches the lexicon's "entretiens" and, by its lemma, "entretien": one reading
    readings = [t for i, t in enumerate(readings) if all(t.name != u.name for u in readings[:i])]
    for trigger in readings:
        hit = _own_roles(pred, lex, lang, lex.frames[trigger.name])
        # a noun names its frame outright
        if (pred.pos == "noun" and len(readings) == 1) or _meets(hit, trigger.name in own_nouns, people or []):
            pred.trigger = trigger
            return hit
    return None


def _meets(hit: FrameHit, item_in_own_noun: bool = False, people: list[str] | None = None) -> bool:
    spec = hit.spec
    if spec.requires_item and not (hit.items or item_in_own_noun or any(
            a.itemish or a.anaphor and not _points_to_an_actor(a) for a in hit.item_args)):
        return False  # "Ce dernier a été reçu par M. Loudiyi": the latter is a guest, not equipment
    if spec.status == "delivered" and hit.pred.pos == "verb" and _welcomed_by_people(hit):
        return False  # "the ship was received by Moroccan Navy officers": a welcome, not a delivery
    if spec.requires_item_subject and not any(a.marker == "subj" and a.itemish and not a.actors for a in hit.pred.args):
        return False
    if spec.requires_markers and not any(a.marker in spec.requires_markers for a in hit.pred.args):
        return False
    return not (
        spec.requires_person
        and not any(a.marker in ("obj", "avec", "with", "entre", "between", "subj", "agent", "par", "by")
                    and (a.actors or any(p in a.text for p in people or []) or _points_to_an_actor(a))
                    for a in hit.pred.args)  # "a été reçu par Abdellatif Loudiyi": the passive's agent; "Le général
        # Mark Milley … a été reçu": a person named by name alone
    )


def _listed_after_and(arg: Arg, system: SystemMention) -> bool:
    """The system comes after 'and' / 'et' inside the seller's phrase and after a seller named there: a
    second item listed with its own maker ('from IAI and Rafael's Spyder')."""
    before = arg.text[: max(0, system.start - arg.start)]
    return bool(re.search(r"\b(?:and|et)\b", before)) and any(a.end <= system.start for a in arg.actors)


def _welcomed_by_people(hit: FrameHit) -> bool:
    """The passive's agent is people ('officers', 'officials', 'des responsables'): they welcome a guest or
    a visiting ship; a force or a state that receives takes delivery."""
    agents = [a for a in hit.pred.args if a.marker == "agent"]
    return bool(agents) and all(
        any(noun_kind(w.lower().strip(",.")) == "person" for w in a.text.split()[-2:]) for a in agents[:1])


def _points_to_an_actor(arg: Arg) -> bool:
    """'ce dernier', 'il', 'the latter': a phrase that stands for a party named before."""
    lex = frame_lexicon()
    phrase = fold_keep(arg.text.strip(" ,.;:").lower())
    return any(phrase in lex.anaphora.get(f"actor_{lang}", ()) for lang in ("fr", "en"))


def _own_roles(pred: Predicate, lex: FrameLexicon, lang: str, spec: FrameSpec | None = None) -> FrameHit:
    """Roles from the predicate's own arguments. An argument's content overrides a misread marker:
    equipment with no actor is an item wherever the parse hung it ('de combat Akinci' as a 'de'
    complement), except after markers that never introduce what is bought ('à bord de', 'pour
    remplacer')."""
    spec = spec or lex.frames[pred.name]
    hit = FrameHit(spec, pred, status=spec.status, negated=pred.negated)
    if pred.future and hit.status == "delivered":
        hit.status = "ordered"
    if pred.modal and hit.status is not None:
        hit.status = "negotiating"
    candidates: list[SystemMention] = []
    symmetric = bool({"counterpart", "visitor"} & (set(spec.verb_roles.values()) | set(spec.noun_roles.values())))
    complements = 0
    place_marker: str | None = None  # "at the port" + "of Casablanca": the place's name is the locative's
    for arg in pred.args:
        complements += arg.marker == "de"
        locative = arg.marker in lex.locative or (arg.marker in ("of", "de") and place_marker is not None)
        place_marker = arg.marker if arg.marker in lex.locative else None
        if spec.polarity == "opposition" and pred.pos == "noun" and arg.marker == "de" and complements > 1:
            continue  # "une escalade de la violence … , indique le site de la marine portugaise": one is its own
        role = _role_of(spec, arg, pred.pos, lex, lang)
        if (
            role in (None, "item") and not arg.systems
            and symmetric
            and locative
            and any(a.is_morocco or (a.kind == "place" and a.country == "MA") for a in arg.actors)
        ):
            role = "host"  # "signé à Rabat", "exercice au Maroc": Morocco is the host
        if role == "item":
            hit.items += [s for s in arg.systems if s not in hit.items]
            hit.item_args.append(arg)
            # "des drones turcs", "US military equipment": a demonym or a code as the item's modifier
            hit.origins += arg.origins + [a for a in arg.actors if a.is_state and a.how in ("demonym", "code")]
            hit.add("recipient", arg.beneficiaries)
            if hit.spec.status and pred.text:  # "supplied most of Morocco's arms": whose arms, the buyer
                hit.add("recipient", [a for a in arg.actors if a.is_morocco and a.how != "coref"
                                      and arg.text[a.end - arg.start : a.end - arg.start + 2] in ("'s", "’s")])
            hit.item_anaphor |= not arg.systems and (arg.anaphor or arg.itemish and not arg.indefinite)
            hit.add("supplier", [a for a in arg.actors if a.kind == "company"])
            continue
        actors = [
            a for a in arg.actors if a.kind in ("morocco", "state", "company") or (a.kind == "place" and a.country)
        ]
        if role == "supplier" and hit.items and spec.status:  # "procured the Barak 8 from IAI and Rafael's Spyder"
            hit.items += [x for x in arg.systems if x not in hit.items and _listed_after_and(arg, x)]
        if arg.systems and arg.marker not in lex.non_item_markers and (not actors or any(a.is_morocco for a in actors)):
            candidates += arg.systems
            hit.origins += arg.origins
        if role is None:
            continue
        if role in PARTY_ROLES and arg.itemish:
            _crews(hit, role, arg)  # "des navires et des avions d'Espagne, France …": their navies take part
            if not actors:
                continue  # equipment under a party's marker: counted above, not a party
        hit.add(role, [a if a.kind != "place" else as_morocco(a) for a in actors])
        if arg.anaphor and not actors:
            hit.anaphoric.add(role)
            if arg.marker == "poss":
                hit.owners.add(role)
        if arg.pair:
            hit.pairs.add(role)
    hit.loose = [s for s in dict.fromkeys(candidates) if s not in hit.items]
    _co_listed_buyers(hit, lex, lang)
    return hit


def _foreign_capital_hosts(hit: FrameHit, pred: Predicate, lex: FrameLexicon) -> None:
    """'l'accord-cadre … avec le Maroc, signé à Brasilia le 13 juin 2019': an agreement or a talk
    with Morocco held in a foreign capital, with no other party named, is with that capital's state."""
    parties = hit.parties
    if not any(a.is_morocco for a in parties) or any(a.is_state and not a.is_morocco for a in parties):
        return
    capitals = [a for arg in pred.args if arg.marker in lex.locative
                for a in arg.actors if a.is_state and not a.is_morocco and a.how == "capital"]
    if len({a.country for a in capitals}) == 1:
        hit.add("host", capitals[:1])


def _co_listed_buyers(hit: FrameHit, lex: FrameLexicon, lang: str) -> None:
    """Morocco under the seller's marker ("clients pressentis … du Maroc, du Chili et des Émirats"):
    the states listed the same way are buyers beside it — other customers, not its suppliers."""
    if hit.spec.relation != "acquisition":
        return
    args = [(arg, _role_of(hit.spec, arg, hit.pred.pos, lex, lang)) for arg in hit.pred.args]
    markers = {arg.marker for arg, role in args if role == "supplier" and any(a.is_morocco for a in arg.actors)}
    listed = [a for arg, role in args if role == "supplier" and arg.marker in markers for a in arg.actors if a.is_state]
    if not listed:
        return
    hit.roles["supplier"] = [a for a in hit.actors("supplier") if a not in listed]
    hit.add("opposed", listed)


def _crews(hit: FrameHit, role: str, arg: Arg) -> None:
    """Ships and aircraft stand for their navies in a visit or an exercise: "des navires marocains et
    français ont pris part à l'exercice", "une frégate appartenant à la Marine française a fait escale
    à Tanger" — the states that own the equipment are the parties."""
    if (hit.spec.relation, role) in (("exercise", "counterpart"), ("visit", "visitor")):
        hit.add(role, [a for a in arg.origins if a.kind in ("morocco", "state")])


def as_morocco(place: Actor) -> Actor:
    """A Moroccan town standing as a party: Morocco, as host."""
    return Actor(place.start, place.end, place.text, "morocco", "MA", "place") if place.country == "MA" else place


def _from_governors(
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
            for arg in gov.args:
                if arg.frame_noun == n or (said_to_be and arg.start <= preds[n].start < arg.end):
                    continue  # the noun's own phrase ('The main customers of France are …')
                if lang == "en" and arg.marker in lex.locative and arg.end <= preds[n].start and not any(
                        a.is_morocco for a in arg.actors) and not (arg.anaphor and hit.spec.relation == "industry"):
                    continue  # "took off from a base in the United Kingdom for a training mission": the verb's place
                if said_to_be and arg.marker == "obj":  # "Morocco's main suppliers are France and …"
                    arg = replace(arg, marker="attr")
                role = _role_of(hit.spec, arg, "noun", lex, lang)
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
                        _crews(hit, role, arg)
                    if arg.anaphor and not arg.actors:
                        hit.anaphoric.add(role)
                elif role == "item" and not hit.items:
                    hit.items = list(arg.systems)
                    hit.item_args.append(arg)
                    hit.item_anaphor |= arg.anaphor and not arg.systems
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
    for arg in mod.args:  # "négocie avec Paris l'achat", "talks with Morocco on the purchase"
        if arg.marker in ("avec", "with") and arg.actors and hit.spec.status:
            hit.add("recipient", [a for a in arg.actors if a.is_morocco])
            hit.add("supplier", [a for a in arg.actors if not a.is_morocco])
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


def _orphan_modifiers(preds: list[Predicate], hits: dict[int, FrameHit], lex: FrameLexicon, folded: str = "") -> None:
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
