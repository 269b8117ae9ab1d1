"""Coreference for gatherings: hosts, guests and the two sides named by a compound.

"l'exercice franco-marocain", "hosted by the Royal Navy", "a reçu son homologue", "in Madrid": who a
meeting, visit or exercise brings together when its frame names one side only.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .actors import MOROCCO, Actor
from .context import SentenceInfo
from .coref_parties import can_act
from .framelex import frame_lexicon
from .frames import as_morocco
from .parse_fr import preposition_before

BILATERAL_RELATIONS = {"meeting", "agreement", "exercise", "training", "cooperation", "industry", "visit"}


def bilateral_compound(info: SentenceInfo) -> None:
    """'la Commission militaire mixte maroco-française', 'l'exercice franco-marocain Chergui': the
    compound names both sides of the sentence's cooperation frames that name no side themselves
    (the parse often hangs such a compound on the wrong noun)."""
    ordered = sorted(info.actors, key=lambda a: a.start)
    pairs = [
        (a, b)
        for a, b in zip(ordered, ordered[1:], strict=False)
        if b.start == a.end + 1 and info.text[a.end] == "-" and (a.is_morocco != b.is_morocco)
        and (a.is_state or b.is_state)
    ]
    if len(pairs) != 1:
        return
    for hit in info.frames.hits:
        if (
            hit.spec.relation in BILATERAL_RELATIONS
            and hit.spec.polarity == "cooperation"
            and not hit.negated
            and not any(a.is_morocco or a.is_state for a in hit.parties)
        ):
            hit.add("counterpart", list(pairs[0]))


def sentence_parties(info: SentenceInfo) -> None:
    """'SM le Roi a donné ses instructions pour le déploiement à Juba d'un hôpital de campagne … au profit des
    populations du Soudan du Sud': a frame whose parties any word of the sentence may name (frames.json
    'sentence_parties') takes Morocco and the one foreign state the sentence names, when it names them not."""
    for hit in info.frames.hits:
        if not hit.spec.sentence_parties or hit.negated or hit.opposed:
            continue
        if not any(a.is_morocco for a in hit.parties) and info.morocco:
            hit.add("counterpart", [next(a for a in info.actors if a.is_morocco)])
        states = {a.country: a for a in info.actors if a.is_state and a.country not in info.frames.opposed}
        if not any(a.is_state for a in hit.parties) and len(states) == 1:
            hit.add("counterpart", list(states.values()))


def exercise_host(info: SentenceInfo) -> None:
    """'2500 militaires américains sont attendus au Maroc dans le cadre de l'exercice African Lion':
    an exercise held in Morocco has Morocco as host, wherever the sentence says so; so has a foreign
    company's plant ('in the industrial zone of Berrechid, just outside Casablanca, India's Tata …
    inaugurated its first overseas defence manufacturing facility'), Morocco as the recipient. The states
    listed with Morocco after 'co-organisé par' are the exercise's counterparts."""
    locative = frame_lexicon().locative
    moroccan = [a for a in info.actors if a.is_morocco or (a.kind == "place" and a.country == MOROCCO)]
    places = [as_morocco(a) for a in moroccan
              if preposition_before(info.text, a.start) in locative or _after_a_host_marker(info, a)]
    loose = [a for a in moroccan if a not in places and _after_a_locative(info, a)]  # "was held … in Agadir"
    organisers = _co_organisers(info, moroccan)
    for hit in info.frames.hits:
        if hit.spec.relation == "exercise" and not hit.negated:
            hit.add("counterpart", [a for a in organisers if a not in hit.parties])
        if hit.negated or any(a.is_morocco for a in hit.parties):
            continue
        # a place after an English preposition counts in the exercise's own clause only ("held its
        # manoeuvres near Tindouf last month, a move widely read in Rabat": not in Morocco)
        here = places + [as_morocco(a) for a in loose if "," not in info.text[hit.pred.end : a.start]]
        if hit.spec.relation == "exercise" and here:
            hit.add("host", here[:1])
        elif hit.spec.relation == "industry" and any(a.is_state for a in hit.actors("supplier")):
            # the setting before the clause's verb, not "… a move welcomed in Rabat" after it
            sites = [as_morocco(a) for a in moroccan if a.end <= hit.pred.start and _after_a_locative(info, a)]
            hit.add("recipient", sites[:1])


_FORMER = re.compile(r"\bthe (former|latter)['’]s\s+(?:[\w-]+\s+){0,2}$")


def former_or_latter(info: SentenceInfo) -> None:
    """'X, left, and Y, right, walk together during the former's visit to Rabat': the first (or last)
    party named before, for a visit or a meeting that names no such side."""
    for hit in info.frames.hits:
        m = _FORMER.search(info.folded[max(0, hit.pred.start - 60) : hit.pred.start])
        if m is None or hit.negated:
            continue
        before = [a for a in info.actors if a.end <= hit.pred.start - len(m.group(0)) and can_act(info, a)
                  and a.kind in ("morocco", "state")]
        if not before:
            continue
        actor = before[0] if m.group(1) == "former" else before[-1]
        role = "visitor" if hit.spec.relation == "visit" else "counterpart"
        if actor.is_state and role in {*hit.spec.verb_roles.values(), *hit.spec.noun_roles.values()}:
            hit.add(role, [actor])


def met_in_a_foreign_capital(info: SentenceInfo) -> None:
    """'Ce mardi 18 novembre, à Nairobi, le n°2 de la Gendarmerie royale a été reçu par ses homologues':
    a meeting with Morocco as its one side, held in one foreign capital the sentence names after a
    place preposition, is with that capital's state (the parser hung the place on the date)."""
    locative = frame_lexicon().locative
    capitals = [a for a in info.actors if a.is_state and a.how == "capital"
                and preposition_before(info.text, a.start) in locative]
    if len({a.country for a in capitals}) != 1:
        return
    for hit in info.frames.hits:
        if (hit.spec.relation == "meeting" and not hit.negated and hit.parties
                and all(a.is_morocco for a in hit.parties)):
            hit.add("host", capitals[:1])


def visited_abroad(info: SentenceInfo) -> None:
    """'la visite de travail d'une délégation militaire marocaine, …, effectuée du 6 au 8 février en
    Israël': a visit paid by Morocco with no host, in a sentence that names one foreign state after a
    place preposition, was paid to that state (the parse hung the place on a word far from the visit)."""
    locative = frame_lexicon().locative
    places = [a for a in info.actors if a.is_state and not a.is_morocco
              and preposition_before(info.text, a.start) in locative]
    if len({a.country for a in places}) != 1:
        return
    for hit in info.frames.hits:
        visitors = hit.actors("visitor")
        if (hit.spec.relation == "visit" and not hit.negated and not hit.actors("host") and visitors
                and all(a.is_morocco for a in visitors)):
            hit.add("host", places[:1])


def visit_received(info: SentenceInfo) -> None:
    """'Le général Kochavi a été reçu par Abdellatif Loudiyi … pour la première visite officielle d'un chef
    d'état-major d'Israël': a visit with a foreign visitor and no host, in a sentence whose meeting has
    Morocco as its one side, was paid to Morocco."""
    hosts = [a for h in info.frames.hits
             if h.spec.relation == "meeting" and not h.negated and h.parties
             and all(a.is_morocco for a in h.parties) for a in h.parties]
    if not hosts:
        return
    for hit in info.frames.hits:
        if (hit.spec.relation == "visit" and not hit.negated and not hit.actors("host")
                and any(a.is_state for a in hit.actors("visitor"))):
            hit.add("host", hosts[:1])


@lru_cache(maxsize=1)
def _host_marker_end() -> re.Pattern[str]:
    words = sorted(frame_lexicon().host_markers, key=len, reverse=True)
    return re.compile(r"(?<![\w'-])(?:" + "|".join(re.escape(w) for w in words) + r")\s+(?:le |la |l'|les |the )?$")


def _co_organisers(info: SentenceInfo, moroccan: list[Actor]) -> list[Actor]:
    """'co-organisé par le Maroc et les États-Unis': the states listed with Morocco after the participle."""
    out: list[Actor] = []
    for first in (a for a in moroccan if _after_a_host_marker(info, a)):
        end = first.end
        for actor in sorted((a for a in info.actors if a.start >= end), key=lambda a: a.start):
            if not _LIST_GAP.fullmatch(info.folded[end : actor.start]):
                break
            if actor.is_state:
                out.append(actor)
            end = actor.end
    return out


_LIST_GAP = re.compile(r"\s*(?:,|et|and)\s*(?:le |la |l'|les |the )?")


def _after_a_host_marker(info: SentenceInfo, actor: Actor) -> bool:
    """'co-organisé par le Maroc', 'hosted by Morocco'."""
    return bool(_host_marker_end().search(info.folded[max(0, actor.start - 40) : actor.start]))


@lru_cache(maxsize=1)
def _locative_end() -> re.Pattern[str]:
    words = sorted(frame_lexicon().locative, key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(w) for w in words) + r")\s+(?:la |le |l'|les |the )?$")


def _after_a_locative(info: SentenceInfo, actor: Actor) -> bool:
    """'au Maroc', 'in Morocco', 'just outside Casablanca': a place preposition right before the actor."""
    return bool(_locative_end().search(info.folded[max(0, actor.start - 30) : actor.start]))
