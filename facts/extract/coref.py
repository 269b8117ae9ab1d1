"""Coreference within an article: pronouns, possessives, "ces drones", "le contrat".

A frame that names a party only by a pronoun or a possessive ("il a signé", "leur
coopération") takes Morocco when Morocco is named in the sentence or the one before it
in the paragraph. A frame whose equipment is "ces drones", "l'appareil" or "le contrat"
takes the systems of the last acquisition before it (the title's included), keeping to
the same category when the anaphor names one. An acquisition frame with no recipient
("Le contrat comprend aussi 200 missiles", "Les premiers exemplaires ont été livrés")
continues the last one that had Morocco as recipient, in the title or a few sentences
before. Nothing here looks further than the article.

This module runs the steps over the article and follows its threads (the purchase and the talks in
progress); the steps for parties, gatherings and equipment live in `coref_parties`, `coref_hosts` and
`coref_items`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from .. import lexicon as lx
from .actors import Actor
from .context import Context, SentenceInfo, other_field
from .coref_hosts import (
    BILATERAL_RELATIONS,
    bilateral_compound,
    exercise_host,
    former_or_latter,
    met_in_a_foreign_capital,
    sentence_parties,
    visit_received,
    visited_abroad,
)
from .coref_items import (
    antecedent_items,
    earlier_in_sentence,
    generic_plural,
    listed_after_a_colon,
    loose_items,
    made_by_the_seller,
    named_just_before,
    names_its_own,
    pronoun_item,
    same_items,
)
from .coref_parties import (
    actor_anaphora,
    bought_by_another,
    default_recipient,
    foreign_party,
    has_morocco,
    implicit_morocco,
    other_states,
)
from .fleets import serves_a_fleet
from .framelex import frame_lexicon
from .frames import FrameHit
from .mentions import SystemMention, equipment_nouns, fold_keep, maker_countries
from .named_exercises import NamedExercises, exercise_leaders

REACH = 3  # sentences back for an acquisition to continue


class _Thread:
    """The acquisition the article is talking about: the last one with Morocco as recipient."""

    def __init__(self) -> None:
        self.hit: FrameHit | None = None
        self.index = -1
        self.section = ""
        self.approved = False  # the article reports a sale to Morocco cleared by its seller
        self.later: list[SystemMention] = []  # systems named in the sentences since
        self.between = 0  # sentences since, subheadings left out
        self.told: list[FrameHit] = []  # every purchase by Morocco told so far, in order
        self.deal: FrameHit | None = None  # the last sale to Morocco told with a seller and no equipment
        self.deal_between = 0

    def sold_by(self, sellers: set[str]) -> list[SystemMention]:
        """'The $500 million deal between IAI and Rabat was signed in 2022, and the first system was
        delivered in 2023': the seller the sentence names picks the purchase told before, however far
        back, when that seller sold Morocco one system in the article; talks with others since do not
        stand in the way."""
        hits = [h for h in self.told if _sold(h) & sellers]
        bases = {s.base or s.name for h in hits for s in h.items}
        return list(hits[-1].items) if len(bases) == 1 else []

    def passed(self, info: SentenceInfo) -> None:
        """Call after each sentence: what it names stands between the thread and what follows; a
        sentence counts towards the distance, a subheading ('La logistique qui se modernise') does not."""
        self.deal_between += 1
        if info.sentence.idx != self.index:
            self.later += info.systems
            if not _HEADING.fullmatch(info.text):
                self.between += 1

    def antecedent(self, info: SentenceInfo) -> FrameHit | None:
        if self.hit is None:
            return None
        if self.section == "title" or self.between < REACH:
            return self.hit
        return None

    def remember(self, hit: FrameHit, info: SentenceInfo) -> None:
        self.hit, self.index, self.section = hit, info.sentence.idx, info.section
        self.told.append(hit)
        self.later = []
        self.between = 0


_HEADING = re.compile(r"[^.!?…:;»”\"]{1,80}")  # a short line with no closing punctuation


_TELLING_WORDS = 6  # "Par", "Crédit : Marine portugaise", "La frégate Sultan Moulay Ismail.": no telling sentence


class _Talks:
    """The bilateral cooperation the article is talking about: the last frame that paired Morocco with
    other states ('la commission mixte maroco-mauritanienne'), so that 'la première réunion', 'cet
    accord' later on have their parties."""

    def __init__(self) -> None:
        self.states: list[Actor] = []
        self.between = 0  # sentences told since the pairing; bylines, captions and credits left out
        self.other_field = False  # the pairing was about another field ('the normalisation agreement')

    def follow(self, info: SentenceInfo) -> None:
        self.between += len(info.text.split()) >= _TELLING_WORDS
        for hit in info.frames.hits:
            if hit.spec.relation not in BILATERAL_RELATIONS or hit.negated or hit.opposed:
                continue
            if self.states and self.between <= REACH and _refers_back(info, hit) and not any(
                a.is_morocco or a.is_state and a.how != "exercise" for a in hit.parties  # a known leader: none named
            ) and not _named_here(info, hit):
                if self.other_field and (hit.item_args or not frame_lexicon().defence_domain.search(info.folded)):
                    continue  # "the normalisation agreement …. That agreement, which …": not a defence one
                hit.add("counterpart", [implicit_morocco(info), *self.states])
                hit.recalled = bool(_DEMONSTRATIVE.search(info.folded[max(0, hit.pred.start - 20) : hit.pred.start]))
                continue
            if self.states and self.between <= REACH and _guest_named_by_name(info, hit) and not _named_here(info, hit):
                # "Le général Mark Milley … a été reçu par Loudiyi" (the parse may hang Loudiyi on the date)
                hit.add("counterpart", [implicit_morocco(info), *self.states])
                continue
            # one frame's foreign side, one state or several ("with Belgian firms Sabca and Sabena, alongside
            # Lockheed Martin": the agreement's parties all)
            states = {a.country: a for a in hit.parties if a.is_state}
            if states and any(a.is_morocco for a in hit.parties):
                self.states, self.between = list(states.values()), 0
                self.other_field = other_field(info, hit)


def _guest_named_by_name(info: SentenceInfo, hit: FrameHit) -> bool:
    """'Le général Mark Milley, qui conduit une délégation, a été reçu … par le ministre délégué': a meeting
    or visit whose parties are all Moroccan and whose other side is a person named by name alone, no
    state or office of one, in the story of a visit by one foreign state's official."""
    if hit.spec.relation not in ("meeting", "visit") or hit.negated or not any(a.is_morocco for a in info.actors):
        return False
    if not all(a.is_morocco for a in hit.parties) or any(a.is_state and not a.is_morocco for a in info.actors):
        return False
    named = [a for a in hit.pred.args if a.marker in ("subj", "obj", "agent", "with", "avec") and not a.actors]
    return any(p in a.text for a in named for p in info.people)


def _named_here(info: SentenceInfo, hit: FrameHit) -> bool:
    """Another frame of the same relation in the sentence names a foreign state: "l'accord-cadre conclu
    avec Israël" tells its own party, whatever the parse split."""
    return any(a.is_state and not a.is_morocco for h in info.frames.hits
               if h is not hit and h.spec.relation == hit.spec.relation for a in h.parties)


_POINTING = lx.grammar()["definite_frame_noun"]


_DEFINITE = re.compile(  # "the naval exercise", "this year's exercise": one word may qualify the noun
    rf"(?:^|[\s'])(?:(?:{lx.alternation(_POINTING['determiners'])})\s*(?:(?:{lx.alternation(_POINTING['ordinals'])})\s+)?"
    rf"|(?:{lx.alternation(_POINTING['time_possessives'])})\s+)(?:[a-z-]{{3,}}\s+)?$"
)


_DEMONSTRATIVE = re.compile(
    rf"(?:^|[\s'])(?:{lx.alternation(_POINTING['demonstratives'])})\s*(?:(?:{lx.alternation(_POINTING['ordinals'])})\s+)?$"
)


def _refers_back(info: SentenceInfo, hit: FrameHit) -> bool:
    """'la première réunion', 'cet accord', 'this agreement': a frame noun that points back."""
    return hit.pred.pos == "noun" and bool(_DEFINITE.search(info.folded[max(0, hit.pred.start - 20) : hit.pred.start]))


def resolve_article(ctx: Context) -> None:
    thread = _Thread()
    talks = _Talks()
    exercises = NamedExercises()
    for info in ctx.infos:
        _identified(ctx, info)
        exercise_leaders(info, implicit_morocco(info))
        exercise_host(info)
        bilateral_compound(info)
        sentence_parties(info)
        talks.follow(info)
        exercises.follow(info, implicit_morocco(info))
        _continuation(ctx, info)
        for hit in info.frames.hits:
            actor_anaphora(ctx, info, hit)
        former_or_latter(info)
        visit_received(info)
        visited_abroad(info)
        met_in_a_foreign_capital(info)
        for hit in info.frames.hits:
            listed_after_a_colon(info, hit)
            loose_items(hit)
            default_recipient(ctx, info, hit)
            if hit.spec.status is None or hit.spec.polarity != "cooperation":
                continue
            if hit.item_anaphor and (any(names_its_own(a) for a in hit.item_args)
                                     or _another_named_here(info, hit, thread.antecedent(info))):
                hit.item_anaphor = False  # "purchased the Skylock Dome anti-drone system": a name of its own
            named = bool(hit.items)
            antecedent = thread.antecedent(info)
            _continue(ctx, info, hit, antecedent if antecedent is not hit else None, thread.later)
            # "… cette Fremm …. Elle a été transférée": a pronoun is the system just named, whatever was bought
            pronoun = pronoun_item(hit)
            if hit.item_anaphor and not hit.items and (antecedent is None or pronoun) and not generic_plural(hit):
                hit.items = named_just_before(ctx, info, hit)
            if hit.item_anaphor and not hit.items and has_morocco(hit, "recipient") and not generic_plural(hit):
                hit.items = thread.sold_by(_sellers(info))
            if not named and hit.items:
                hit.items = made_by_the_seller(hit, hit.items)
            if hit.status == "requested":  # what Rabat asked for: cleared if the article says the sale was
                hit.status = "approved" if thread.approved else "negotiating"
            if hit.status == "approved" and has_morocco(hit, "recipient"):
                thread.approved = True
            if hit.items and not hit.actors("recipient") and antecedent is None:
                _contents_of_the_deal(info, hit, thread)
            if hit.items and has_morocco(hit, "recipient"):
                thread.remember(hit, info)
            elif not hit.items and has_morocco(hit, "recipient") and _sold(hit):
                thread.deal, thread.deal_between = hit, 0
        thread.passed(info)


def _contents_of_the_deal(info: SentenceInfo, hit: FrameHit, thread: _Thread) -> None:
    """"… la vente de drones armés au Maroc. Le deal comprend quatre MQ-9B fabriqués par General Atomics":
    equipment a later sentence lists with no buyer, all of it made in the country that sells in a sale to
    Morocco told just before with no equipment named, is that sale's."""
    deal = thread.deal
    if deal is None or thread.deal_between > 1 or not hit.items or other_states(info, hit):
        return
    makers = maker_countries()
    made_in = {makers.get(s.manufacturer or "") for s in hit.items}
    if made_in == {c for c in _sold(deal)} and None not in made_in:
        hit.add("recipient", [implicit_morocco(info)])
        hit.add("supplier", [a for a in deal.actors("supplier") if a.country in made_in])


def _sold(hit: FrameHit) -> set[str]:
    """Who sold what a purchase names: its seller, the country it comes from, its maker's country."""
    makers = maker_countries()
    return {a.country for a in hit.actors("supplier") + hit.origins if a.country} | {
        makers[s.manufacturer] for s in hit.items if s.manufacturer in makers}


def _sellers(info: SentenceInfo) -> set[str]:
    """The foreign states or companies the sentence names as a seller, in any of its frames."""
    return {a.country for h in info.frames.hits for a in h.actors("supplier") if a.country and not a.is_morocco}


@lru_cache(maxsize=1)
def _identification() -> re.Pattern[str]:
    words = lx.grammar()["identification_openers"]
    cues = lx.alternation([fold_keep(w) for w in words["fr"] + words["en"]])
    return re.compile(r"^(?:[^,]{0,40},\s*)?(?:" + cues + ")")


def _identified(ctx: Context, info: SentenceInfo) -> None:
    """'Le Maroc vient de commander 25 véhicules militaires. Il s'agit, selon le DSCA, de chars Hercules
    M88A1': a sentence that only says what the purchase just told was names its equipment. Its systems
    get a copy of that purchase's frame, so the fact cites the sentence that names them."""
    ends = [info.folded.find(w) for w in lx.grammar()["identification_openers"]["list_ends"]]
    cut = min([e for e in ends if e > 0], default=len(info.folded))  # "…, as well as upgrades for its fleet"
    named = [s for s in info.systems if not s.unnamed and s.start < cut]
    own = any(h.spec.status and has_morocco(h, "recipient") for h in info.frames.hits)
    if not named or own or not _identification().match(info.folded):
        return
    source: FrameHit | None = None
    here: SentenceInfo = info
    for _ in range(3):  # "… a approuvé un projet de vente de missiles au Maroc. Ce projet est d'une grande
        # importance pour les FAR. Il s'agit de 300 lanceurs …": sentences with no frame may stand between
        prev = ctx.previous(here)
        if prev is None or prev.sentence.para != here.sentence.para and here.sentence.para - prev.sentence.para > 1:
            return
        source = _purchase_told(prev)
        if source is not None or prev.frames.hits:
            break
        here = prev
    if source is None:
        return
    hit = FrameHit(source.spec, source.pred, {r: list(a) for r, a in source.roles.items()}, items=named,
                   status=source.status, origins=list(source.origins), identifies=(prev, source))
    # 'Il s'agit d'un lot de véhicules M-ATV': a purchase noun with no party of its own is the one named
    info.frames.hits = [h for h in info.frames.hits
                        if not (h.spec.status and h.pred.pos == "noun" and not h.actors("recipient")
                                and not h.actors("supplier"))]
    info.frames.hits.append(hit)


def _purchase_told(prev: SentenceInfo) -> FrameHit | None:
    """The purchase by Morocco a sentence tells with no system named ('munitions for its F-16 fleet'
    names only the fleet they serve)."""
    return next((h for h in prev.frames.hits if h.spec.status
                 and all(serves_a_fleet(prev, s) for s in h.items)
                 # 'a accueilli une cargaison des États-Unis'; 'a commandé auprès des États-Unis des véhicules
                 # blindés' where the parse lost the object but the sentence names the kind
                 and (h.item_args or h.pred.pos == "noun" or bool(equipment_nouns().search(prev.folded)))
                 and not h.negated and any(a.is_morocco for a in h.actors("recipient"))), None)


def _another_named_here(info: SentenceInfo, hit: FrameHit, antecedent: FrameHit | None) -> bool:
    """'Les Akinci … En septembre 2021, Rabat avait réceptionné un premier lot de 13 drones armés Bayraktar
    TB2': the sentence names, after the frame, another system of the kind the frame would refer back to."""
    if antecedent is None or not antecedent.items:
        return False
    told = [fold_keep(s.base or s.name) for s in antecedent.items]
    kinds = {s.category for s in antecedent.items}
    here = [s for s in info.systems if not s.unnamed and s.start > hit.pred.start and s.category in kinds]
    # a spelling of the same name ('Caeser' in the title, 'Caesar' here) is the same system
    return bool(here) and not any(fuzz.ratio(fold_keep(s.base or s.name), t) >= 80 for s in here for t in told)


def _continue(
    ctx: Context, info: SentenceInfo, hit: FrameHit, antecedent: FrameHit | None, since: list[SystemMention]
) -> None:
    """Fill what this acquisition frame leaves out from the one it continues."""
    if generic_plural(hit):
        return  # "Le Maroc tient à diversifier ses commandes de drones": its purchases in general
    if hit.item_anaphor and not hit.items:
        hit.items = earlier_in_sentence(info, hit) or (
            antecedent_items(hit, antecedent, since) if antecedent is not None else []
        )
    if antecedent is None:
        return
    if (
        hit.items
        and not hit.actors("recipient")
        and not hit.spec.requires_recipient  # 'fabriqués par Lockheed Martin' builds for no one it names
        and has_morocco(antecedent, "recipient")
        and not foreign_party(hit)
        and not other_states(info, hit)
        and not bought_by_another(ctx, info, hit)
    ):
        hit.add("recipient", [implicit_morocco(info)])
        if not hit.actors("supplier") and same_items(hit, antecedent):
            hit.add("supplier", antecedent.actors("supplier"))
    if (hit.spec.name == "deal" and hit.status == hit.spec.status and antecedent.status in ("approved", "requested")
            and has_morocco(hit, "recipient") and has_morocco(antecedent, "recipient")):
        hit.status = antecedent.status  # "The package includes 2,401 TOW 2A": a part of the sale approved before


def _continuation(ctx: Context, info: SentenceInfo) -> None:
    """'Les États-Unis (69 %), suivis de la France (14 %)', 'Ils sont suivis par la France': the states
    after the phrase take the role of the one before it, in this sentence or the previous one."""
    lang = "en" if ctx.lang == "en" else "fr"
    m = _continuation_pattern(lang).search(info.folded)
    if not m:
        return
    after = [a for a in info.actors if a.start >= m.end() and a.is_state]
    if not after or not re.fullmatch(r"\s*(?:la |le |l'|les |the )?\s*", info.folded[m.end() : after[0].start]):
        return  # "suivies de près à Alger": no list of countries right after the phrase
    for hit in info.frames.hits:
        for role in ("supplier", "recipient", "counterpart"):
            if any(a.is_state and a.start < m.start() for a in hit.actors(role)):
                hit.add(role, after)
                _not_opposed(info, after)
                return
    prev = ctx.previous(info)
    for hit in prev.frames.hits if prev is not None else []:
        for role in ("supplier", "counterpart"):
            if any(a.is_state for a in hit.actors(role)) and any(a.is_morocco for a in hit.parties):
                clone = FrameHit(
                    hit.spec, hit.pred, {r: list(v) for r, v in hit.roles.items() if r != role}, status=hit.status
                )
                clone.add(role, after)
                info.frames.hits.append(clone)
                return


def _not_opposed(info: SentenceInfo, continuing: list[Actor]) -> None:
    """'premier fournisseur, devant la France': states a ranking continues are in the role before them,
    not rivals ('devant' marks a rival elsewhere; a parse slip may make them the subject of 'compared')."""
    countries = {a.country for a in continuing}
    for hit in info.frames.hits:
        if "opposed" in hit.roles:
            hit.roles["opposed"] = [a for a in hit.roles["opposed"] if a.country not in countries]
    info.frames.opposed -= countries


@lru_cache(maxsize=2)
def _continuation_pattern(lang: str) -> re.Pattern[str]:
    words = lx.load_json("frames.json")["continuation"][lang]
    return re.compile(r"(?<![\w])(?:" + "|".join(words) + r")(?![\w])")
