"""A frame found in a sentence (``FrameHit``) and the sentence's frames, and how an argument's marker
maps to a role in a frame's table. Shared by every step that builds, walks or reads frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .actors import Actor
from .framelex import FrameLexicon, FrameSpec, Trigger
from .grammar import Arg, Predicate
from .mentions import SystemMention

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


def role_of(spec: FrameSpec, arg: Arg, pos: str, lex: FrameLexicon, lang: str) -> str | None:
    marker = arg.marker
    opening = arg.text.split(maxsplit=1)[0].lower() if arg.text.strip() else ""
    if marker in ("subj", "obj") and opening in ("between", "entre"):
        marker = opening  # "an agreement between Azerbaijan and Morocco, which was signed …": the relative's
        # antecedent, read from its last phrase, keeps the preposition that marks its parties
    if marker in lex.opposed_markers[lang]:  # unless the frame says otherwise: 'coprésider aux côtés de'
        return (spec.verb_roles if pos == "verb" else spec.noun_roles).get(marker) or "opposed"
    if pos == "noun" and marker in COMPOUND_MARKERS:
        if arg.systems and arg.actors and all(a.how == "demonym" and not a.is_morocco for a in arg.actors):
            # "la commande de drones … américains MQ-9B": the demonym tells the equipment's origin, not the buyer
            return "item" if "item" in spec.noun_roles.values() else None
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


def crews(hit: FrameHit, role: str, arg: Arg) -> None:
    """Ships and aircraft stand for their navies in a visit or an exercise: "des navires marocains et
    français ont pris part à l'exercice", "une frégate appartenant à la Marine française a fait escale
    à Tanger" — the states that own the equipment are the parties."""
    if (hit.spec.relation, role) in (("exercise", "counterpart"), ("visit", "visitor")):
        hit.add(role, [a for a in arg.origins if a.kind in ("morocco", "state")])


def as_morocco(place: Actor) -> Actor:
    """A Moroccan town standing as a party: Morocco, as host."""
    return Actor(place.start, place.end, place.text, "morocco", "MA", "place") if place.country == "MA" else place
