"""Predicates → frames with their roles filled: who buys, who supplies, who meets whom.

Each frame predicate maps its arguments to roles through the tables of
``frames.json``. Governors refine it: a light verb lends its subject and complements
("le Maroc a finalisé l'achat"), a modifier sets the acquisition's status and lends
its subject ("le Département d'État a approuvé la vente" → approved, supplier US),
and an opposition frame turns the cooperation it governs into none ("Alger a rompu
ses relations avec Rabat"). A country in an opposed role — a rival, a country
compared with, another customer — is collected so that no cooperation in the same
sentence makes it a partner.

The frame record and role tables live in ``frame_hits``, the walk up the governors in
``frame_governors``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from functools import lru_cache

from .. import lexicon as lx
from .actors import Actor
from .frame_governors import from_governors, orphan_modifiers
from .frame_hits import PARTY_ROLES, FrameHit, SentenceFrames, as_morocco, crews, role_of
from .framelex import FrameLexicon, FrameSpec, Trigger, frame_lexicon
from .grammar import Analysis, Arg, Predicate
from .mentions import SystemMention, equipment_nouns, fold_keep
from .nouns import noun_kind

__all__ = ["PARTY_ROLES", "FrameHit", "SentenceFrames", "as_morocco", "build_frames", "share_lists"]


def build_frames(
    analysis: Analysis, lang: str, lex: FrameLexicon | None = None, folded: str | None = None
) -> SentenceFrames:
    lex = lex or frame_lexicon()
    preds = [copy.copy(p) for p in analysis.predicates]  # readings are chosen here; analyses may be shared
    if folded is not None:
        for pred in preds:
            pred.args = [_as_helper(arg, folded, lang) for arg in pred.args]
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
        from_governors(hit, n, preds, hits, lex, lang)
        if hit.spec.relation in ("agreement", "meeting"):
            _foreign_capital_hosts(hit, preds[n], lex)
    orphan_modifiers(preds, hits, lex, folded or "")
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


@lru_cache(maxsize=2)
def _helper_phrases(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], str]:
    """'avec l'aide de' / 'with the help of' just before a state, or 'l'aide israélienne' /
    'Israeli assistance' after the opener (see ``helper_nouns`` in grammar.json)."""
    words = lx.grammar()["helper_nouns"]
    nouns = "|".join(map(re.escape, words[lang]))
    openers = "|".join(map(re.escape, words[f"{lang}_openers"]))
    det = r"(?:l'|le |la |les |the |its |their |his |her )?"
    before = re.compile(rf"\b(?:{openers}) {det}(?:{nouns}) (?:de |d'|du |des |of ){det}$")
    phrase = re.compile(rf"^{det}(?:(?:{nouns})\b|[\w'-]+ (?:{nouns})$)")
    return before, phrase, words[f"{lang}_marker"]


def _as_helper(arg: Arg, folded: str, lang: str) -> Arg:
    """A state that helped Morocco's side ('avec l'aide d'Israël, Rabat cherche à produire des drones')
    is marked as a helper, never left to a plain 'de' or 'with' that could make it a seller or a rival."""
    if not arg.actors or arg.systems:
        return arg
    before, phrase, marker = _helper_phrases(lang)
    text = folded[arg.start : arg.end].strip()
    opener = arg.marker in lx.grammar()["helper_nouns"][f"{lang}_openers"]
    if before.search(folded[max(0, arg.start - 40) : arg.start]) or (opener and phrase.search(text)):
        return copy.copy(arg) if arg.marker == marker else _remarked(arg, marker)
    return arg


def _remarked(arg: Arg, marker: str) -> Arg:
    out = copy.copy(arg)
    out.marker = marker
    return out


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
        if lex.frames[trigger.name].status == "donated" and pred.pos == "verb" and (
                _gives_leave(pred, preds) or not _object_is_equipment(pred)):
            continue  # "gives permission to sell", "were given the opportunity to visit the ship": no gift
        hit = _own_roles(pred, lex, lang, lex.frames[trigger.name])
        # a noun names its frame outright
        if (pred.pos == "noun" and len(readings) == 1) or _meets(hit, trigger.name in own_nouns, people or []):
            pred.trigger = trigger
            return hit
    return None


def _named_with(hit: FrameHit, words: tuple[str, ...]) -> bool:
    """The frame's equipment is named with one of the words ('son premier satellite d'observation')."""
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])")
    return any(pattern.search(fold_keep(a.text.lower())) for a in hit.item_args)


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
    if spec.requires_words and not _named_with(hit, spec.requires_words):
        return False  # "launched its first satellite", not "launched missiles" nor "launched a tender"
    return not (
        spec.requires_person
        and not any(a.marker in ("obj", "avec", "with", "entre", "between", "subj", "agent", "par", "by")
                    and (a.actors or any(p in a.text for p in people or []) or _points_to_an_actor(a))
                    for a in hit.pred.args)  # "a été reçu par Abdellatif Loudiyi": the passive's agent; "Le général
        # Mark Milley … a été reçu": a person named by name alone
    )


def _object_is_equipment(pred: Predicate) -> bool:
    """The verb's object (or, in the passive, its subject) opens with equipment: 'tanks', 'two patrol
    boats', 'les deux drones', not 'the opportunity to visit the ship'."""
    objects = [a for a in pred.args if a.marker == "obj"]
    if not objects:
        return True  # "a offert à la Marine royale deux patrouilleurs": the parse put the equipment elsewhere
    head = fold_keep(objects[0].text.lower())
    m = equipment_nouns().search(head)
    starts = ([m.start()] if m else []) + [s.start - objects[0].start for s in objects[0].systems]
    first = min(starts, default=None)
    return first is not None and len(head[:first].split()) <= 3 and " to " not in head[:first]


def _only_parties(arg: Arg) -> bool:
    """The phrase names parties and nothing else ('Morocco', 'the Royal Moroccan Navy'): no count, no
    equipment, no other word than a determiner."""
    if not arg.actors or arg.systems:
        return False
    rest = arg.text
    for a in sorted(arg.actors, key=lambda a: -a.start):
        rest = rest[: max(0, a.start - arg.start)] + " " + rest[a.end - arg.start :]
    return all(w.lower() in ("the", "la", "le", "les", "l'") for w in re.findall(r"[\w'-]+", rest))


def _gives_leave(pred: Predicate, preds: list[Predicate] | None) -> bool:
    """The verb's object is a modifier noun it governs ('gives permission', 'gave its green light')."""
    n = next((i for i, p in enumerate(preds or []) if p is pred), None)
    return n is not None and any(p.kind == "modifier" and p.pos == "noun" and p.governor == n
                                 and p.governor_marker == "obj" for p in preds or [])


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
        role = role_of(spec, arg, pred.pos, lex, lang)
        if role == "item" and arg.marker == "obj" and spec.role("with", pred.pos) == "item" and _only_parties(
                arg) and any(a.marker == "with" for a in pred.args):
            role = "recipient"  # "will provide Morocco with an intelligence satellite": whom it is supplied to
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
            crews(hit, role, arg)  # "des navires et des avions d'Espagne, France …": their navies take part
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
    args = [(arg, role_of(hit.spec, arg, hit.pred.pos, lex, lang)) for arg in hit.pred.args]
    markers = {arg.marker for arg, role in args if role == "supplier" and any(a.is_morocco for a in arg.actors)}
    listed = [a for arg, role in args if role == "supplier" and arg.marker in markers for a in arg.actors if a.is_state]
    if not listed:
        return
    hit.roles["supplier"] = [a for a in hit.actors("supplier") if a not in listed]
    hit.add("opposed", listed)
