"""Coreference for equipment: "ces drones", "l'appareil", "the aircraft" and the systems they recall.

An anaphor takes the systems named earlier in its sentence or by the acquisition it continues, keeping to
the category it names; a generic plural ("ses commandes de drones") recalls nothing.
"""

from __future__ import annotations

import re

from .context import EDITOR_NOTE, Context, SentenceInfo
from .frames import FrameHit
from .grammar import Arg
from .mentions import SystemMention, category_nouns, fold_keep, maker_countries

NAMED_BACK = 2  # sentences back for "ce drone" to name the one drone named there


_COLON = re.compile(r"\s*:\s")


def listed_after_a_colon(info: SentenceInfo, hit: FrameHit) -> None:
    """'… comme en témoignent les dernières transactions : 36 canons M109A5, 12 hélicoptères UH-60M': the
    equipment listed after a colon that follows a purchase noun is what it holds, whatever the parse made
    of the list (an editor's note in square brackets left out)."""
    if not hit.spec.status or hit.pred.pos != "noun" or hit.items or hit.item_args:
        return
    if not _COLON.match(info.text, hit.pred.end):
        return
    notes = [m.span() for m in EDITOR_NOTE.finditer(info.text, hit.pred.end)]
    hit.items = [s for s in info.systems if s.start > hit.pred.end and not s.unnamed
                 and not any(a <= s.start < b for a, b in notes)]
    for other in info.frames.hits:  # "Les États-Unis restent le premier fournisseur du Maroc, comme en …"
        if (hit.items and other is not hit and other.spec.relation == "acquisition" and not hit.parties
                and any(a.is_morocco for a in other.actors("recipient"))):
            hit.add("recipient", other.actors("recipient"))
            hit.add("supplier", other.actors("supplier"))


def loose_items(hit: FrameHit) -> None:
    """Equipment the parse hung on a wrong complement counts only where the frame itself names
    Morocco as recipient ('la vente au Maroc de 18 lance-roquettes HIMARS')."""
    if hit.loose and any(a.is_morocco and a.how != "default" for a in hit.actors("recipient")):
        hit.items += [s for s in hit.loose if s not in hit.items]
        hit.loose = []


def antecedent_items(hit: FrameHit, antecedent: FrameHit, since: list[SystemMention]) -> list[SystemMention]:
    """The systems 'ces drones' refers to: the antecedent's, of the anaphor's category if it has one —
    unless another system of that kind was named since ("…le choix s'est porté sur l'AH-64. L'appareil
    est entré en service…"): then the reference is not clear, and nothing is assumed."""
    category = _anaphor_category(hit)
    items = [s for s in antecedent.items if category is None or s.category == category]
    names = {s.base or s.name for s in antecedent.items}
    if any((s.base or s.name) not in names and (category is None or s.category == category) for s in since):
        return []
    return items


_CAPITALISED = re.compile(r"(?<=\s)[A-Z][\w-]*[a-z][\w-]*")


def names_its_own(arg: Arg) -> bool:
    """A capitalised word before the phrase's kind noun (not its first word, not a party's name) names the
    equipment ('the Skylock Dome anti-drone system')."""
    kind = category_nouns()[0].search(fold_keep(arg.text))
    head = arg.text[: kind.start()] if kind else ""
    return any(not any(a.start <= arg.start + m.start() < a.end for a in arg.actors + arg.origins)
               for m in _CAPITALISED.finditer(head))


def earlier_in_sentence(info: SentenceInfo, hit: FrameHit) -> list[SystemMention]:
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


def generic_plural(hit: FrameHit) -> bool:
    """A purchase noun in the plural after a possessive ('ses commandes', 'its purchases'), with no
    equipment of its own: what the country buys in general, not one purchase told before."""
    pred = hit.pred
    return (
        pred.pos == "noun"
        and not hit.items
        and pred.text.lower().endswith(("s", "x"))
        and any(a.marker == "poss" for a in pred.args)
    )


def named_just_before(ctx: Context, info: SentenceInfo, hit: FrameHit) -> list[SystemMention]:
    """'Les FAR ont déployé des drones Wing Loong-2. … Les drones ont été livrés depuis la Chine': with
    no acquisition before to refer to, 'les drones' is the one system of that kind the nearest
    sentence naming that kind names, one or two sentences back (two there, and nothing is assumed)."""
    category = _anaphor_category(hit)
    pronoun = pronoun_item(hit)  # "… cette Fremm est le second bâtiment de la série. Elle a été transférée …"
    prev = ctx.previous(info)
    for _ in range(NAMED_BACK):  # "… dont le Hermes 900 …. Ce drone a été introduit …. Le Maroc a obtenu ce drone"
        if (category is None and not pronoun) or prev is None or prev.section != info.section:
            return []
        named = {s.base or s.name: s for s in prev.systems
                 if (pronoun or s.category == category) and not s.unnamed}
        if named:
            return list(named.values()) if len(named) == 1 else []
        prev = ctx.previous(prev)
    return []


_PRONOUNS = frozenset(("il", "elle", "ils", "elles", "it", "they"))


def pronoun_item(hit: FrameHit) -> bool:
    """The equipment is a subject pronoun: 'Elle a été transférée à la Marine royale', 'It was delivered'."""
    return any(fold_keep(a.text.strip(" ,.").lower()) in _PRONOUNS for a in hit.item_args)


def _anaphor_category(hit: FrameHit) -> str | None:
    pattern, table = category_nouns()
    for arg in hit.item_args:
        m = pattern.search(fold_keep(arg.text))
        if m:
            return table[m.group(0)]
    return None


def same_items(hit: FrameHit, other: FrameHit) -> bool:
    return bool({s.name for s in hit.items} & {s.name for s in other.items})


def made_by_the_seller(hit: FrameHit, items: list[SystemMention]) -> list[SystemMention]:
    """'… the Wing Loong II. Last month, Rabat procured 150 drones from Israeli firm BlueBird': 'drones'
    sold by a seller of another country than the system told before was made in are not that system."""
    sellers = {a.country for a in hit.actors("supplier") + hit.origins if a.country and not a.is_morocco}
    makers = maker_countries()
    return [s for s in items if not sellers or makers.get(s.manufacturer or "") in sellers | {None}]
