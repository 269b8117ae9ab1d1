"""Coreference for parties: who "il", "they", "the two sides" or an unnamed buyer stand for.

A frame that names a party only by a pronoun, a possessive or not at all takes the actor the article
means: Morocco named in the sentence or just before, the state paired with it before, or the state that
acts in the sentence. Checks shared by the other coreference steps (has Morocco, other states named) live
here too.
"""

from __future__ import annotations

from collections.abc import Iterable

from .actors import MOROCCO, Actor
from .context import Context, SentenceInfo
from .frames import PARTY_ROLES, FrameHit
from .mentions import fold_keep
from .nouns import noun_kind


def default_recipient(ctx: Context, info: SentenceInfo, hit: FrameHit) -> None:
    """An acquisition with its equipment but no recipient ('la vente de 25 F-16 a été approuvée',
    'réception de six Apache à la base des Forces Royales Air') is Morocco's when Morocco is named in
    the sentence outside the supplier's side, or the article is about Morocco and nothing before it
    in the paragraph is about another country."""
    if hit.spec.status is None or hit.spec.polarity != "cooperation" or not (hit.items or hit.item_anaphor):
        return
    if hit.actors("recipient") or hit.negated or hit.opposed:
        return
    if other_states(info, hit):
        return  # another country in the sentence could be the buyer
    taken = {id(a) for role in ("supplier", "opposed") for a in hit.actors(role)}
    if any(a.is_morocco and id(a) not in taken and _acts(info, a) for a in info.actors):
        hit.add("recipient", [implicit_morocco(info, "default")])
        return
    prev = ctx.previous(info)
    elsewhere = (
        prev is not None
        and prev.sentence.para == info.sentence.para
        and not prev.morocco
        and any(a.is_state for a in prev.actors)
    )
    if ctx.about_morocco and not elsewhere and not other_states(info, hit, companies=True) and not bought_by_another(
            ctx, info, hit):
        hit.add("recipient", [implicit_morocco(info, "default")])


def bought_by_another(ctx: Context, info: SentenceInfo, hit: FrameHit) -> bool:
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


def actor_anaphora(ctx: Context, info: SentenceInfo, hit: FrameHit) -> None:
    """'Il a signé…', 'leur coopération': the actor the pronoun stands for, when that actor is
    Morocco; 'les deux pays': Morocco and the state it was paired with just before."""
    if hit.pairs:
        partners = _paired_here(info, hit) or _paired_before(ctx, info)
        if partners:
            for role in hit.pairs:
                hit.add(role, [implicit_morocco(info)] + partners)
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
            hit.add(role, [implicit_morocco(info)])
        elif antecedent.is_state:  # "Le ministre israélien … Il a signé": the state he stands for
            hit.add(role, [Actor(0, 0, antecedent.text, antecedent.kind, antecedent.country, "coref")])


SINGULAR = frozenset(("il", "elle", "he", "she", "it"))


def _antecedent_actor(ctx: Context, info: SentenceInfo, position: int, singular: bool = False,
                      exclude: frozenset[str] = frozenset()) -> Actor | None:
    """The nearest actor before a pronoun in its sentence ('l'armée algérienne …, dont elle a reçu'),
    else the first one of the sentence before in the paragraph. A singular pronoun does not stand for a
    people named in the plural ('l'expertise des Turcs, auprès de qui il s'est procuré …': 'il' is the
    kingdom)."""
    here = [a for a in info.actors if a.end <= position and can_act(info, a)
            and not (singular and _plural_people(a)) and a.country not in exclude]
    if here:
        return here[-1]
    prev = ctx.previous(info)
    if prev is None or prev.sentence.para != info.sentence.para and info.sentence.para - prev.sentence.para > 1:
        return None
    before = [a for a in prev.actors if can_act(prev, a) and a.country not in exclude]
    return before[0] if before else None


def _plural_people(actor: Actor) -> bool:
    """'les Turcs', 'the Americans': a demonym used as a plural noun."""
    return actor.how == "demonym" and actor.text[:1].isupper() and actor.text.endswith(("s", "x"))


def can_act(info: SentenceInfo, actor: Actor) -> bool:
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


def has_morocco(hit: FrameHit, role: str) -> bool:
    return any(a.is_morocco for a in hit.actors(role))


def _acts(info: SentenceInfo, actor: Actor) -> bool:
    """Morocco as a party, not as an adjective on a thing: 'les FAR', 'l'armée marocaine', but not
    'le dossier marocain' or 'le réarmement marocain'."""
    if actor.how != "demonym":
        return True
    before = info.folded[max(0, actor.start - 30) : actor.start].split()
    return bool(before) and noun_kind(before[-1]) in ("state", "person")


def other_states(info: SentenceInfo, hit: FrameHit, companies: bool = False) -> list[Actor]:
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
        and can_act(info, a)
    ]


def foreign_party(hit: FrameHit) -> bool:
    """Another country already takes the Moroccan side of this frame."""
    return any(a.is_state for a in hit.actors("recipient"))


def implicit_morocco(info: SentenceInfo, how: str = "coref") -> Actor:
    """Morocco, named by a pronoun ('coref') or assumed as the article's buyer ('default')."""
    return Actor(0, 0, "", "morocco", MOROCCO, how)
