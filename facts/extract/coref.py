"""Coreference within an article: pronouns, possessives, "ces drones", "le contrat".

A frame that names a party only by a pronoun or a possessive ("il a signé", "leur
coopération") takes Morocco when Morocco is named in the sentence or the one before it
in the paragraph. A frame whose equipment is "ces drones", "l'appareil" or "le contrat"
takes the systems of the last acquisition before it (the title's included), keeping to
the same category when the anaphor names one. An acquisition frame with no recipient
("Le contrat comprend aussi 200 missiles", "Les premiers exemplaires ont été livrés")
continues the last one that had Morocco as recipient, in the title or a few sentences
before. Nothing here looks further than the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .. import lexicon as lx
from .actors import MOROCCO, Actor
from .context import Context, SentenceInfo, other_field
from .framelex import frame_lexicon
from .frames import PARTY_ROLES, FrameHit, as_morocco
from .mentions import SystemMention, category_nouns, fold_keep, maker_countries
from .named_exercises import NamedExercises, exercise_leaders
from .nouns import noun_kind
from .parse_fr import preposition_before

REACH = 3  # sentences back for an acquisition to continue
NAMED_BACK = 2  # sentences back for "ce drone" to name the one drone named there


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


class _Talks:
    """The bilateral cooperation the article is talking about: the last frame that paired Morocco with
    exactly one other state ('la commission mixte maroco-mauritanienne'), so that 'la première
    réunion', 'cet accord' later on have their parties."""

    def __init__(self) -> None:
        self.states: list[Actor] = []
        self.index = -1
        self.other_field = False  # the pairing was about another field ('the normalisation agreement')

    def follow(self, info: SentenceInfo) -> None:
        for hit in info.frames.hits:
            if hit.spec.relation not in BILATERAL_RELATIONS or hit.negated or hit.opposed:
                continue
            if self.states and info.sentence.idx - self.index <= REACH and _refers_back(info, hit) and not any(
                a.is_morocco or a.is_state for a in hit.parties
            ) and not _named_here(info, hit):
                if self.other_field and (hit.item_args or not frame_lexicon().defence_domain.search(info.folded)):
                    continue  # "the normalisation agreement …. That agreement, which …": not a defence one
                hit.add("counterpart", [_implicit_morocco(info), *self.states])
                hit.recalled = bool(_DEMONSTRATIVE.search(info.folded[max(0, hit.pred.start - 20) : hit.pred.start]))
                continue
            states = {a.country: a for a in hit.parties if a.is_state}
            if len(states) == 1 and any(a.is_morocco for a in hit.parties):
                self.states, self.index = list(states.values()), info.sentence.idx
                self.other_field = other_field(info, hit)


def _named_here(info: SentenceInfo, hit: FrameHit) -> bool:
    """Another frame of the same relation in the sentence names a foreign state: "l'accord-cadre conclu
    avec Israël" tells its own party, whatever the parse split."""
    return any(a.is_state and not a.is_morocco for h in info.frames.hits
               if h is not hit and h.spec.relation == hit.spec.relation for a in h.parties)


_POINTING = lx.grammar()["definite_frame_noun"]
_DEFINITE = re.compile(  # "the naval exercise": one word may qualify the noun
    rf"(?:^|[\s'])(?:{lx.alternation(_POINTING['determiners'])})\s*(?:(?:{lx.alternation(_POINTING['ordinals'])})\s+)?"
    r"(?:[a-z-]{3,}\s+)?$"
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
        exercise_leaders(info, _implicit_morocco(info))
        _exercise_host(info)
        _bilateral_compound(info)
        talks.follow(info)
        exercises.follow(info, _implicit_morocco(info))
        _continuation(ctx, info)
        for hit in info.frames.hits:
            _actor_anaphora(ctx, info, hit)
        _former_or_latter(info)
        _visit_received(info)
        _met_in_a_foreign_capital(info)
        for hit in info.frames.hits:
            _loose_items(hit)
            _default_recipient(ctx, info, hit)
            if hit.spec.status is None or hit.spec.polarity != "cooperation":
                continue
            antecedent = thread.antecedent(info)
            _continue(ctx, info, hit, antecedent if antecedent is not hit else None, thread.later)
            if hit.item_anaphor and not hit.items and antecedent is None and not _generic_plural(hit):
                hit.items = _named_just_before(ctx, info, hit)
            if hit.item_anaphor and not hit.items and _has_morocco(hit, "recipient") and not _generic_plural(hit):
                hit.items = thread.sold_by(_sellers(info))
            if hit.status == "requested":  # what Rabat asked for: cleared if the article says the sale was
                hit.status = "approved" if thread.approved else "negotiating"
            if hit.status == "approved" and _has_morocco(hit, "recipient"):
                thread.approved = True
            if hit.items and not hit.actors("recipient") and antecedent is None:
                _contents_of_the_deal(info, hit, thread)
            if hit.items and _has_morocco(hit, "recipient"):
                thread.remember(hit, info)
            elif not hit.items and _has_morocco(hit, "recipient") and _sold(hit):
                thread.deal, thread.deal_between = hit, 0
        thread.passed(info)


def _contents_of_the_deal(info: SentenceInfo, hit: FrameHit, thread: _Thread) -> None:
    """"… la vente de drones armés au Maroc. Le deal comprend quatre MQ-9B fabriqués par General Atomics":
    equipment a later sentence lists with no buyer, all of it made in the country that sells in a sale to
    Morocco told just before with no equipment named, is that sale's."""
    deal = thread.deal
    if deal is None or thread.deal_between > 1 or not hit.items or _other_states(info, hit):
        return
    makers = maker_countries()
    made_in = {makers.get(s.manufacturer or "") for s in hit.items}
    if made_in == {c for c in _sold(deal)} and None not in made_in:
        hit.add("recipient", [_implicit_morocco(info)])
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
    named = [s for s in info.systems if not s.unnamed]
    own = any(h.spec.status and _has_morocco(h, "recipient") for h in info.frames.hits)
    if not named or own or not _identification().match(info.folded):
        return
    prev = ctx.previous(info)
    if prev is None or prev.sentence.para != info.sentence.para and info.sentence.para - prev.sentence.para > 1:
        return
    source = next((h for h in prev.frames.hits if h.spec.status and not h.items
                   and (h.item_args or h.pred.pos == "noun")  # 'a accueilli une cargaison des États-Unis'
                   and not h.negated and any(a.is_morocco for a in h.actors("recipient"))), None)
    if source is None:
        return
    hit = FrameHit(source.spec, source.pred, {r: list(a) for r, a in source.roles.items()}, items=named,
                   status=source.status, origins=list(source.origins), identifies=(prev, source))
    # 'Il s'agit d'un lot de véhicules M-ATV': a purchase noun with no party of its own is the one named
    info.frames.hits = [h for h in info.frames.hits
                        if not (h.spec.status and h.pred.pos == "noun" and not h.actors("recipient")
                                and not h.actors("supplier"))]
    info.frames.hits.append(hit)


def _continue(
    ctx: Context, info: SentenceInfo, hit: FrameHit, antecedent: FrameHit | None, since: list[SystemMention]
) -> None:
    """Fill what this acquisition frame leaves out from the one it continues."""
    if _generic_plural(hit):
        return  # "Le Maroc tient à diversifier ses commandes de drones": its purchases in general
    if hit.item_anaphor and not hit.items:
        hit.items = _earlier_in_sentence(info, hit) or (
            _antecedent_items(hit, antecedent, since) if antecedent is not None else []
        )
    if antecedent is None:
        return
    if (
        hit.items
        and not hit.actors("recipient")
        and not hit.spec.requires_recipient  # 'fabriqués par Lockheed Martin' builds for no one it names
        and _has_morocco(antecedent, "recipient")
        and not _foreign_party(hit)
        and not _other_states(info, hit)
        and not _bought_by_another(ctx, info, hit)
    ):
        hit.add("recipient", [_implicit_morocco(info)])
        if not hit.actors("supplier") and _same_items(hit, antecedent):
            hit.add("supplier", antecedent.actors("supplier"))


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


@lru_cache(maxsize=2)
def _continuation_pattern(lang: str) -> re.Pattern[str]:
    words = lx.load_json("frames.json")["continuation"][lang]
    return re.compile(r"(?<![\w])(?:" + "|".join(words) + r")(?![\w])")


BILATERAL_RELATIONS = {"meeting", "agreement", "exercise", "training", "cooperation", "industry", "visit"}


def _bilateral_compound(info: SentenceInfo) -> None:
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


def _exercise_host(info: SentenceInfo) -> None:
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


def _former_or_latter(info: SentenceInfo) -> None:
    """'X, left, and Y, right, walk together during the former's visit to Rabat': the first (or last)
    party named before, for a visit or a meeting that names no such side."""
    for hit in info.frames.hits:
        m = _FORMER.search(info.folded[max(0, hit.pred.start - 60) : hit.pred.start])
        if m is None or hit.negated:
            continue
        before = [a for a in info.actors if a.end <= hit.pred.start - len(m.group(0)) and _can_act(info, a)
                  and a.kind in ("morocco", "state")]
        if not before:
            continue
        actor = before[0] if m.group(1) == "former" else before[-1]
        role = "visitor" if hit.spec.relation == "visit" else "counterpart"
        if actor.is_state and role in {*hit.spec.verb_roles.values(), *hit.spec.noun_roles.values()}:
            hit.add(role, [actor])


def _met_in_a_foreign_capital(info: SentenceInfo) -> None:
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


def _visit_received(info: SentenceInfo) -> None:
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


def _loose_items(hit: FrameHit) -> None:
    """Equipment the parse hung on a wrong complement counts only where the frame itself names
    Morocco as recipient ('la vente au Maroc de 18 lance-roquettes HIMARS')."""
    if hit.loose and any(a.is_morocco and a.how != "default" for a in hit.actors("recipient")):
        hit.items += [s for s in hit.loose if s not in hit.items]
        hit.loose = []


def _default_recipient(ctx: Context, info: SentenceInfo, hit: FrameHit) -> None:
    """An acquisition with its equipment but no recipient ('la vente de 25 F-16 a été approuvée',
    'réception de six Apache à la base des Forces Royales Air') is Morocco's when Morocco is named in
    the sentence outside the supplier's side, or the article is about Morocco and nothing before it
    in the paragraph is about another country."""
    if hit.spec.status is None or hit.spec.polarity != "cooperation" or not (hit.items or hit.item_anaphor):
        return
    if hit.actors("recipient") or hit.negated or hit.opposed:
        return
    if _other_states(info, hit):
        return  # another country in the sentence could be the buyer
    taken = {id(a) for role in ("supplier", "opposed") for a in hit.actors(role)}
    if any(a.is_morocco and id(a) not in taken and _acts(info, a) for a in info.actors):
        hit.add("recipient", [_implicit_morocco(info, "default")])
        return
    prev = ctx.previous(info)
    elsewhere = (
        prev is not None
        and prev.sentence.para == info.sentence.para
        and not prev.morocco
        and any(a.is_state for a in prev.actors)
    )
    if ctx.about_morocco and not elsewhere and not _other_states(info, hit, companies=True) and not _bought_by_another(
            ctx, info, hit):
        hit.add("recipient", [_implicit_morocco(info, "default")])


def _bought_by_another(ctx: Context, info: SentenceInfo, hit: FrameHit) -> bool:
    """"… the UAE's purchase of 80 Rafale F4. The first Rafales are expected in 2027": the equipment was
    last told as another state's purchase, so its delivery is that state's."""
    names = {s.base or s.name for s in hit.items}
    if not names:
        return False
    for before in reversed(ctx.infos[: ctx.infos.index(info)]):
        buyers = [[a.is_morocco for a in other.actors("recipient")] for other in before.frames.hits
                  if other.spec.status and names & {s.base or s.name for s in other.items}]
        if any(b and not any(b) for b in buyers):
            return True  # a frame of its own names the other buyer
        if any(any(b) for b in buyers):
            return False
    return False


def _actor_anaphora(ctx: Context, info: SentenceInfo, hit: FrameHit) -> None:
    """'Il a signé…', 'leur coopération': the actor the pronoun stands for, when that actor is
    Morocco; 'les deux pays': Morocco and the state it was paired with just before."""
    if hit.pairs:
        partners = _paired_here(info, hit) or _paired_before(ctx, info)
        if partners:
            for role in hit.pairs:
                hit.add(role, [_implicit_morocco(info)] + partners)
    if not hit.anaphoric:
        return
    pronouns = {fold_keep(a.text) for a in hit.pred.args if a.anaphor and not a.itemish}
    for role in hit.anaphoric:
        # "où Israël figure parmi ses fournisseurs": no one is among its own suppliers, so 'ses' is another's
        others = frozenset(a.country for r in PARTY_ROLES if r != role for a in hit.actors(r) if a.country)
        antecedent = _antecedent_actor(ctx, info, hit.pred.start, bool(pronouns) and pronouns <= SINGULAR, others)
        if antecedent is None:
            continue
        present = hit.actors(role)
        # "where he met the Inspector of the Royal Navy": one counterpart named, Morocco; the pronoun is the other
        other_side = role == "counterpart" and antecedent.is_state and all(a.is_morocco for a in present)
        if present and not other_side and (role not in hit.owners or any(a.is_morocco for a in present)):
            continue  # named already; but "ses partenaires, notamment la Chine": whose partners, too
        if antecedent.is_morocco and not _morocco_elsewhere(hit, role):
            hit.add(role, [_implicit_morocco(info)])
        elif antecedent.is_state:  # "Le ministre israélien … Il a signé": the state he stands for
            hit.add(role, [Actor(0, 0, antecedent.text, antecedent.kind, antecedent.country, "coref")])


SINGULAR = frozenset(("il", "elle", "he", "she", "it"))


def _antecedent_actor(ctx: Context, info: SentenceInfo, position: int, singular: bool = False,
                      exclude: frozenset[str] = frozenset()) -> Actor | None:
    """The nearest actor before a pronoun in its sentence ('l'armée algérienne …, dont elle a reçu'),
    else the first one of the sentence before in the paragraph. A singular pronoun does not stand for a
    people named in the plural ('l'expertise des Turcs, auprès de qui il s'est procuré …': 'il' is the
    kingdom)."""
    here = [a for a in info.actors if a.end <= position and _can_act(info, a)
            and not (singular and _plural_people(a)) and a.country not in exclude]
    if here:
        return here[-1]
    prev = ctx.previous(info)
    if prev is None or prev.sentence.para != info.sentence.para and info.sentence.para - prev.sentence.para > 1:
        return None
    before = [a for a in prev.actors if _can_act(prev, a) and a.country not in exclude]
    return before[0] if before else None


def _plural_people(actor: Actor) -> bool:
    """'les Turcs', 'the Americans': a demonym used as a plural noun."""
    return actor.how == "demonym" and actor.text[:1].isupper() and actor.text.endswith(("s", "x"))


def _can_act(info: SentenceInfo, actor: Actor) -> bool:
    """Organisations, places and the origin of equipment ('l'hélicoptère russe') are not antecedents."""
    if actor.kind in ("org", "place"):
        return False
    if actor.how == "demonym":
        before = info.folded[max(0, actor.start - 30) : actor.start].split()
        if before and (noun_kind(before[-1]) == "item" or any(s.end <= actor.start <= s.end + 2 for s in info.systems)):
            return False
    return True


def _paired_here(info: SentenceInfo, pair: FrameHit) -> list[Actor]:
    """'A Dutch frigate made a port call in Casablanca as part of cooperation between the two countries':
    the one foreign state another frame of the same sentence pairs with Morocco."""
    for hit in info.frames.hits:
        if hit is pair or hit.spec.polarity != "cooperation" or not any(a.is_morocco for a in hit.parties):
            continue
        states = _one_state(a for a in hit.parties if a.is_state and a.country not in info.frames.opposed)
        if states:
            return states
    return []


def _one_state(actors: Iterable[Actor]) -> list[Actor]:
    """The mentions of a single foreign state ('les deux pays' are Morocco and one other), else none."""
    found = list(actors)
    return found if len({a.country for a in found}) == 1 else []


def _paired_before(ctx: Context, info: SentenceInfo) -> list[Actor]:
    """The foreign state that took part, with Morocco, in a frame of the two sentences before."""
    for back in (1, 2):
        i = info.sentence.idx - back
        if i < 0:
            break
        prev = ctx.infos[i]
        for hit in prev.frames.hits:
            if hit.spec.polarity != "cooperation" or not any(a.is_morocco for a in hit.parties):
                continue
            states = [a for a in hit.parties + hit.origins if a.is_state and a.country not in prev.frames.opposed]
            if states:
                return _one_state(states)[:2]
        if any(a.is_state for a in prev.actors) and prev.morocco:
            return _one_state(a for a in prev.actors if a.is_state and a.country not in prev.frames.opposed)[:2]
    return []


def _morocco_elsewhere(hit: FrameHit, role: str) -> bool:
    return any(a.is_morocco for r, actors in hit.roles.items() if r != role for a in actors)


def _has_morocco(hit: FrameHit, role: str) -> bool:
    return any(a.is_morocco for a in hit.actors(role))


def _acts(info: SentenceInfo, actor: Actor) -> bool:
    """Morocco as a party, not as an adjective on a thing: 'les FAR', 'l'armée marocaine', but not
    'le dossier marocain' or 'le réarmement marocain'."""
    if actor.how != "demonym":
        return True
    before = info.folded[max(0, actor.start - 30) : actor.start].split()
    return bool(before) and noun_kind(before[-1]) in ("state", "person")


def _other_states(info: SentenceInfo, hit: FrameHit, companies: bool = False) -> list[Actor]:
    """Foreign states of the sentence that are neither this frame's supplier nor where its equipment
    comes from: any of them could be the buyer, so Morocco is not assumed. A company sells or makes
    ("the Eurocopter EC635", "signé une commande avec BAE Systems"): it counts only with ``companies``,
    where nothing in the sentence names Morocco."""
    sellers = {(a.start, a.end) for h in info.frames.hits for role in ("supplier", "opposed") for a in h.actors(role)}
    sellers |= {(a.start, a.end) for h in info.frames.hits for a in h.origins}
    countries = {a.country for a in hit.actors("supplier") + hit.origins}
    own = [a for a in hit.actors("counterpart") if a.is_state and a.country not in countries]
    if own:  # "Algeria, Morocco's rival, signed a deal with Russia": the deal's other side buys
        return own
    return [
        a
        for a in info.actors
        if a.is_state
        and (companies or a.kind != "company")
        and (a.start, a.end) not in sellers
        and a.country not in countries
        and _can_act(info, a)
    ]


def _foreign_party(hit: FrameHit) -> bool:
    """Another country already takes the Moroccan side of this frame."""
    return any(a.is_state for a in hit.actors("recipient"))


def _implicit_morocco(info: SentenceInfo, how: str = "coref") -> Actor:
    """Morocco, named by a pronoun ('coref') or assumed as the article's buyer ('default')."""
    return Actor(0, 0, "", "morocco", MOROCCO, how)


def _antecedent_items(hit: FrameHit, antecedent: FrameHit, since: list[SystemMention]) -> list[SystemMention]:
    """The systems 'ces drones' refers to: the antecedent's, of the anaphor's category if it has one —
    unless another system of that kind was named since ("…le choix s'est porté sur l'AH-64. L'appareil
    est entré en service…"): then the reference is not clear, and nothing is assumed."""
    category = _anaphor_category(hit)
    items = [s for s in antecedent.items if category is None or s.category == category]
    names = {s.base or s.name for s in antecedent.items}
    if any((s.base or s.name) not in names and (category is None or s.category == category) for s in since):
        return []
    return items


def _earlier_in_sentence(info: SentenceInfo, hit: FrameHit) -> list[SystemMention]:
    """'Le royaume met déjà en œuvre des Bayraktar TB2 : treize appareils ont été achetés': the system
    named earlier in the same sentence, outside any other frame's equipment."""
    taken = {id(s) for other in info.frames.hits if other is not hit for s in other.items}
    category = _anaphor_category(hit)
    before = [
        s
        for s in info.systems
        if s.end <= hit.pred.start and id(s) not in taken and (category is None or s.category == category)
    ]
    return before[-1:]


def _generic_plural(hit: FrameHit) -> bool:
    """A purchase noun in the plural after a possessive ('ses commandes', 'its purchases'), with no
    equipment of its own: what the country buys in general, not one purchase told before."""
    pred = hit.pred
    return (
        pred.pos == "noun"
        and not hit.items
        and pred.text.lower().endswith(("s", "x"))
        and any(a.marker == "poss" for a in pred.args)
    )


def _named_just_before(ctx: Context, info: SentenceInfo, hit: FrameHit) -> list[SystemMention]:
    """'Les FAR ont déployé des drones Wing Loong-2. … Les drones ont été livrés depuis la Chine': with
    no acquisition before to refer to, 'les drones' is the one system of that kind the nearest
    sentence naming that kind names, one or two sentences back (two there, and nothing is assumed)."""
    category = _anaphor_category(hit)
    prev = ctx.previous(info)
    for _ in range(NAMED_BACK):  # "… dont le Hermes 900 …. Ce drone a été introduit …. Le Maroc a obtenu ce drone"
        if category is None or prev is None or prev.section != info.section:
            return []
        named = {s.base or s.name: s for s in prev.systems if s.category == category and not s.unnamed}
        if named:
            return list(named.values()) if len(named) == 1 else []
        prev = ctx.previous(prev)
    return []


def _anaphor_category(hit: FrameHit) -> str | None:
    pattern, table = category_nouns()
    for arg in hit.item_args:
        m = pattern.search(fold_keep(arg.text))
        if m:
            return table[m.group(0)]
    return None


def _same_items(hit: FrameHit, other: FrameHit) -> bool:
    return bool({s.name for s in hit.items} & {s.name for s in other.items})
