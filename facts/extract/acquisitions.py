"""Acquisitions: systems Morocco orders, receives, is cleared to buy or is given — and prospects.

An acquisition comes from an acquisition frame (acquire, receive, deliver, sell, build
for, donate, a deal) with Morocco as recipient and a system as item. Its status comes
from the frame and the predicates governing it: approved (a sale cleared by the
seller's government), ordered, delivered, donated — or, kept apart as prospects,
negotiating and cancelled. Supplier: the frame's supplier (a state, or a company
standing for its country), else where the item comes from ("drones turcs"), else the
maker in the lexicon. Quantity, year and value are read next to the item and in the
frame's own complements.

The quantity and value live in ``acq_counts``, the year in ``acq_years``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .. import lexicon as lx
from ..models import Acquisition
from .acq_counts import identified_quantity, moroccan_acquisition, quantity, value

# the furthest a deal went; a donation stays one once received, and a cancellation ends it
from .acq_years import news_year, year
from .actors import Actor
from .context import Context, SentenceInfo, civil_equipment, sentence_language
from .fleets import fleet_support
from .framelex import frame_lexicon
from .frames import FrameHit
from .mentions import (
    SystemMention,
    fold_keep,
    folded_system_names,
    maker_countries,
    maker_names,
)
from .unnamed import unnamed_systems

# the furthest a deal went; a donation stays one once received, and a cancellation ends it
STATUS_RANK = {"negotiating": 0, "approved": 1, "ordered": 2, "delivered": 3, "donated": 4, "cancelled": 5}


_WORDS = lx.grammar()


def extract(ctx: Context) -> list[Acquisition]:
    found: dict[str, Acquisition] = {}
    bases: dict[str, str] = {}
    news: dict[int, int | None] = {}  # id of a fact → the year of the news that reports it (weakest)
    guessed: set[str] = set()
    kinds: set[str] = set()  # keys of equipment named by its kind alone ("missile systems")
    headline: set[str] = set()  # keys whose status a noun of the title gave ("sales of", "livraison de")
    named_kinds = {s.category for info in ctx.infos for s in info.systems if not _others_only(ctx, s)}
    only_named = _only_system_of_each_kind(ctx)
    for info in ctx.infos:
        for hit in info.frames.hits:
            if not moroccan_acquisition(hit) or civil_equipment(info, hit.items):
                continue
            for system in hit.items or _unnamed(ctx, info, hit, named_kinds, only_named):
                if _already_owned(info, hit, system):
                    continue
                support = fleet_support(info, system)
                fleet = system
                if support is not None:
                    if support not in _BOUGHT_AS:
                        continue
                    system = _for_the_fleet(system, support)  # "additional ammunition for the F-16 fighter jets"
                fact = _fact(ctx, info, hit, system)
                if fact.supplier is None and fleet is not system:  # a fleet's ammunition comes from its maker's land
                    fact.supplier = maker_countries().get(fleet.manufacturer or "")
                key = fold_keep(system.name)  # "Akinci" and "Bayraktar Akinci" are one system
                standing_for = system.name in {s.name for s in only_named.values()}  # a counted kind named elsewhere
                if system.unnamed and not standing_for and fact.quantity is not None:
                    key = f"~{system.category}~{fact.quantity}"  # "92 Military Trucks", "92 six-wheel trucks": one
                    if key in found and found[key].evidence.section == "title" and info.section == "body":
                        found[key].system = fact.system  # the body's wording names it
                while key in found and found[key].system != fact.system and _two_orders(found[key], fact):
                    key += "+"  # two variants, two purchases: "24 F-16 acquis en 2008", "25 nouveaux F-16C"
                if key in found and key in guessed and fact.supplier and not _supplier_guessed(info, hit, system):
                    found[key].supplier = fact.supplier  # a seller the article names beats the maker's country
                    guessed.discard(key)
                elif key not in found and _supplier_guessed(info, hit, system):
                    guessed.add(key)
                # "le contrat comprend la livraison d'appareils": a delivery noun with no date of its own
                # names what is to come; it does not move an order the article reports to delivered
                settles = not (hit.pred.pos == "noun" and fact.status == "delivered" and fact.year is None)
                if key in headline and info.section == "body" and fact.status:
                    found[key].status = fact.status  # "US Advances Foreign Military Sales Of HIMARS": the body says
                    headline.discard(key)  # how far the sale went ("approving a possible sale")
                elif key not in found and info.section == "title" and hit.pred.pos == "noun":
                    headline.add(key)
                found[key] = _merge(found[key], fact, settles) if key in found else fact
                bases[key] = fold_keep(system.base or system.name)
                if system.unnamed and not standing_for:
                    kinds.add(key)
                if fact.year is None and news.get(id(found[key])) is None:  # any mention telling it as news
                    # "Il comprend également 40 missiles ATACMS": the purchase it names is told as news before
                    told_in, telling = hit.identifies if hit.identifies is not None else (info, hit)
                    assert isinstance(told_in, SentenceInfo) and isinstance(telling, FrameHit)
                    news[id(found[key])] = news_year(ctx, told_in, telling)
    kept = list(_fold_variants(found, bases, news, kinds).values())
    for fact in kept:  # the article's own year only where no sentence dates the purchase
        if fact.year is None:
            fact.year = news.get(id(fact))
    return kept


def _unnamed(
    ctx: Context, info: SentenceInfo, hit: FrameHit, named_kinds: set[str], only_named: dict[str, SystemMention]
) -> list[SystemMention]:
    """Equipment of a kind the article names no system of, bought by a Morocco the frame itself
    names ("construira pour la Marine royale un patrouilleur hauturier"); never a reference back.
    A counted phrase of a kind the article names one system of is that system: "The purchase of 36
    helicopters from the United States" under a title on Apache helicopters."""
    if any(arg.anaphor for arg in hit.item_args):
        return []
    explicit = any(a.is_morocco and a.how != "default" for a in hit.actors("recipient"))
    lang = sentence_language(info, ctx.lang)
    found = []
    sellers = {a.country for a in hit.actors("supplier") + hit.origins if a.country and not a.is_morocco}
    for arg in hit.item_args:
        by_a_maker = any(a.kind == "company" for a in hit.actors("supplier"))
        for s in unnamed_systems(info.text, info.folded, arg, info.actors, lang, by_a_maker):
            own_kind = s.category not in named_kinds or _sold_by_no_maker_of(ctx, s.category, sellers)
            if own_kind and explicit:
                found.append(s)
            elif not own_kind:
                named = _the_named_one(ctx, s, only_named, sellers)
                if named is not None and (named is not only_named.get(s.category) or (
                        not arg.indefinite and quantity(ctx, info, hit, s) not in (None, 1)
                        or _made_in(named) & sellers)):
                    # "procured 36 helicopters", "procured drones from China" (where the one drone named is Chinese)
                    found.append(replace(s, name=named.name, text=named.text, manufacturer=named.manufacturer,
                                         base=named.base))
    return list({s.name: s for s in found}.values())


def _the_named_one(ctx: Context, kind: SystemMention, only_named: dict[str, SystemMention],
                   sellers: set[str]) -> SystemMention | None:
    """The system a kind named alone stands for: the one system of that kind the article names, else the
    one its seller makes ('deux satellites espions israéliens' beside the Ofek-13 of IAI and the French
    Mohammed VI-A and VI-B)."""
    if kind.category in only_named:
        return only_named[kind.category]
    if not sellers:
        return None
    # the systems of that kind the article names, but those Morocco has and replaces ('remplacer les
    # satellites Mohammed VI-A et VI-B'): one left, made in the seller's country
    named = {(s.base or s.name): s for i in ctx.infos for s in i.systems
             if s.category == kind.category and not s.unnamed and not _held(i, s)}
    left = list(named.values())
    return left[0] if len(left) == 1 and _made_in(left[0]) & sellers else None


def _held(info: SentenceInfo, system: SystemMention) -> bool:
    """The mention names equipment Morocco has ('ses F-16', 'remplacer les satellites …')."""
    lex = frame_lexicon()
    before = info.folded[max(0, system.start - 45) : system.start]
    owned = lex.owned.search(before)
    return bool(lex.already_held.search(before) or owned and not lex.newly.search(owned.group(0)))


def _made_in(system: SystemMention) -> set[str]:
    country = maker_countries().get(system.manufacturer or "")
    return {country} if country else set()


def _sold_by_no_maker_of(ctx: Context, category: str, sellers: set[str]) -> bool:
    """'… the Wing Loong II. Last month, Rabat procured 150 drones from Israeli firm BlueBird': the seller
    named is of another country than every maker of the systems of that kind the article names, so the
    phrase is a kind of its own, not one of them."""
    if not sellers:
        return False
    made_in = {_origin_of(i, s) for i in ctx.infos for s in i.systems if s.category == category and not s.unnamed}
    return None not in made_in and not made_in & sellers


def _origin_of(info: SentenceInfo, system: SystemMention) -> str | None:
    """The country a system comes from: its maker's, else a demonym right before it ('the Portuguese
    submarine Arbau')."""
    maker = maker_countries().get(system.manufacturer or "")
    if maker:
        return maker
    return next((a.country for a in info.actors if a.how == "demonym" and a.is_state
                 and 0 <= system.start - a.end <= 25), None)


_BOUGHT_AS = frozenset(fold_keep(w) for w in _WORDS["support_for"]["bought_as"])


def _for_the_fleet(system: SystemMention, support: str) -> SystemMention:
    """'F-16 ammunition': what is bought for a fleet, named after it (a kind of its own, no maker)."""
    name = f"{system.name} {support}"
    return SystemMention(system.start, system.end, name, name, "other", None, name, unnamed=True)


def _others_only(ctx: Context, system: SystemMention) -> bool:
    """Every sentence naming the system names other states than its maker's and not Morocco ('the
    Avante-class ships that have been built for the navies of Saudi Arabia and Venezuela'): it is
    theirs, and no name for the equipment Morocco buys."""
    maker = maker_countries().get(system.manufacturer or "")
    naming = [i for i in ctx.infos if any((s.base or s.name) == (system.base or system.name) for s in i.systems)]
    return bool(naming) and all(
        not i.morocco and any(a.is_state and a.country not in (maker, None) for a in i.actors) for i in naming)


def _only_system_of_each_kind(ctx: Context) -> dict[str, SystemMention]:
    """Kind → the one system of that kind the article names (kinds with two or more are left out)."""
    by_kind: dict[str, dict[str, SystemMention]] = {}
    for info in ctx.infos:
        for s in info.systems:
            by_kind.setdefault(s.category, {}).setdefault(s.base or s.name, s)
    out = {}
    for kind, named in by_kind.items():
        systems = list(named.values())
        if len(systems) == 1 or _one_family(systems):
            out[kind] = max(systems, key=lambda s: len(s.name))  # "Abrams" and "M1A2 Abrams": the model
    return out


def _one_family(systems: list[SystemMention]) -> bool:
    """'Abrams' in the title, 'M1A2 Abrams' in the body: every name carries the same family words and no
    other (model codes aside), but 'Bayraktar TB2' and 'Bayraktar Akinci' are two drones of one maker."""
    words = [{w.lower() for w in re.findall(r"[^\W\d_]{4,}", f"{s.name} {s.text}")} for s in systems]
    common = set.intersection(*words)
    return bool(common) and all(w == common for w in words)


def _supplier_guessed(info: SentenceInfo, hit: FrameHit, system: SystemMention) -> bool:
    """The supplier comes only from the lexicon's maker, not from anything the sentence says."""
    named = [a for a in hit.actors("supplier") + hit.origins if a.country] + [
        a for a in info.actors if a.kind == "company" and _near(a.start, a.end, system)
    ]
    return not named


def _fold_variants(found: dict[str, Acquisition], bases: dict[str, str],
                   news: dict[int, int | None], kinds: set[str]) -> dict[str, Acquisition]:
    """'Caesar' in the title and 'CAESAR MkII' in the body are one order when the article names
    only that variant: the bare name joins it; so do 'missile systems' in the title and 'anti-tank
    missile systems' in the body, equipment named by its kind."""
    for key in list(found):
        if key not in found:
            continue
        variants = [k for k in found if k != key and (bases.get(k) == key or k.startswith(key + " ")
                                                      or key in kinds and k in kinds and k.endswith(" " + key))]
        if len(variants) == 1 and not _two_orders(found[key], found[variants[0]]):
            # keep the precise name, fill it from the bare mention
            specific = found.pop(variants[0])
            general = found.pop(key)
            specific.evidence = general.evidence if general.evidence.section == "body" else specific.evidence
            found[variants[0]] = _merge(specific, general)
            if news.get(id(specific)) is None:
                news[id(specific)] = news.get(id(general))
    for key in [k for k in found if k in kinds and found[k].evidence.section == "title"]:
        named = [k for k in found if k not in kinds and _names_the_kind(found[k], found[key])]
        if len(named) == 1:  # "Morocco receives shipments of Israel-made defence system": the Barak MX
            found[named[0]] = _merge(found[named[0]], found.pop(key))
    return found


def _names_the_kind(specific: Acquisition, kind: Acquisition) -> bool:
    """A named system that a headline's bare kind may stand for: of that kind (or of a kind its evidence
    calls by the headline's noun, 'Barak MX … missile defence system'), with no seller or count against."""
    noun = fold_keep(kind.system).split()[-1]
    return (
        (kind.category == specific.category or noun in fold_keep(specific.evidence.quote).split())
        and kind.supplier in (None, specific.supplier)
        and kind.quantity in (None, specific.quantity)
    )


def _already_owned(info: SentenceInfo, hit: FrameHit, system: SystemMention) -> bool:
    """'pour ses avions F-16', 'déjà dotées de missiles TOW': equipment Morocco has, not one it acquires
    ('ses premiers H135' is new; 'a reçu ses F-16' is the delivery of its own order)."""
    lex = frame_lexicon()
    before = info.folded[max(0, system.start - 45) : system.start]
    if lex.already_held.search(before):
        return True
    if hit.name in ("receive", "deliver"):
        return False  # "a reçu des F-5 anciens": second-hand, acquired all the same
    if lex.old_after.match(info.folded[system.end : system.end + 25]):
        return True  # "les véhicules blindés VAB obsolètes, entrés en service en 1979"
    owned = lex.owned.search(before)
    return bool(owned and not lex.newly.search(owned.group(0)))


def _fact(ctx: Context, info: SentenceInfo, hit: FrameHit, system: SystemMention) -> Acquisition:
    manufacturer, supplier = _maker_and_supplier(info, hit, system)
    name = system.text
    # "150 drones from BlueBird": a kind named by its noun alone is its maker's drones
    if system.unnamed and " " not in name and manufacturer and fold_keep(name) not in folded_system_names():
        name = f"{name} {manufacturer}" if sentence_language(info, ctx.lang) == "fr" else f"{manufacturer} {name}"
    return Acquisition(
        system=name,
        category=system.category,
        evidence=ctx.evidence(info),
        supplier=supplier,
        manufacturer=manufacturer,
        quantity=quantity(ctx, info, hit, system) or identified_quantity(ctx, hit),
        value=value(info, hit),
        year=year(ctx, info, hit),
        status=hit.status or hit.spec.status or "ordered",
    )


def _is_maker_of(company: Actor, system: SystemMention) -> bool:
    """The company is the system's maker in the lexicon, by any of its names."""
    return bool(system.manufacturer) and maker_names().get(fold_keep(company.text)) == system.manufacturer


def _maker_and_supplier(info: SentenceInfo, hit: FrameHit, system: SystemMention) -> tuple[str | None, str | None]:
    """Who sells: the frame's supplier, else the item's origin ('drones turcs'), else the maker."""
    suppliers = [a for a in hit.actors("supplier") if a.country] + [a for a in hit.actors("counterpart") if a.is_state]
    if not suppliers:  # "a reçu les 300 véhicules, commandés … au constructeur français X": the order's seller
        suppliers = [a for h in info.frames.hits if h is not hit and h.spec.relation == "acquisition"
                     and h.governors[:1] == [hit.pred] for a in h.actors("supplier") if a.country]
    companies = [a for a in suppliers + hit.origins if a.kind == "company"]
    companies += [a for a in info.actors if a.kind == "company" and _near(a.start, a.end, system)
                  and not _attributed(info, a)]
    # "10 Airbus H225M Caracal": the group named before the model is its maker's parent; the model's own
    # maker (Airbus Helicopters) is the one that sells it, and its country the seller's
    companies = [a for a in companies if not _parent_of(a, system)]
    # "from IAI and Rafael's Spyder": the company named right before the system, and its lexicon maker, first
    companies.sort(key=lambda a: not (_near(a.start, a.end, system) and _is_maker_of(a, system)))
    manufacturer = companies[0].text if companies else system.manufacturer
    if (
        companies
        and system.manufacturer
        and not _near(companies[0].start, companies[0].end, system)
        and companies[0].text != system.manufacturer
        and companies[0] not in hit.origins
    ):
        manufacturer = system.manufacturer  # a maker named for another system of the sentence
    origins = [a for a in hit.origins if a.kind == "state" and a.country]
    if len({a.country for a in origins}) > 1:  # "the Chinese FD-2000B … and the Israeli Iron Dome": each its own
        origins = sorted(origins, key=lambda a: _gap(a.start, a.end, system))
    states = [a.country for a in suppliers if a.kind == "state"] + [a.country for a in origins]
    supplier = next((c for c in states if c), None)
    if supplier is None and companies:
        supplier = companies[0].country
    if supplier is None and manufacturer:
        supplier = next((m["country"] for m in lx.manufacturers() if m["name"] == manufacturer), None)
    return _canonical_maker(manufacturer), supplier


def _parent_of(company: Actor, system: SystemMention) -> bool:
    """The company is the group the system's own maker belongs to, by name ('Airbus' of 'Airbus Helicopters')."""
    maker = system.manufacturer or ""
    return maker != company.text and maker.startswith(company.text + " ")


@lru_cache(maxsize=1)
def _attribution() -> re.Pattern[str]:
    words = lx.alternation([fold_keep(w) for w in lx.grammar()["attribution_markers"]["words"]])
    return re.compile(r"(?<![\w'])(?:" + words + r")\s+(?:the\s+|le\s+|la\s+|l')?$")


def _attributed(info: SentenceInfo, actor: Actor) -> bool:
    """'…, selon Airbus': the company is the news's source, not the equipment's maker."""
    return bool(_attribution().search(info.folded, max(0, actor.start - 30), actor.start))


def _canonical_maker(name: str | None) -> str | None:
    return None if name is None else maker_names().get(fold_keep(name), name)


def _near(start: int, end: int, system: SystemMention) -> bool:
    """After the system, or just before it ("Lockheed Martin's F-16"), or the first word of its
    designation ("Beechcraft Super King Air 350ER")."""
    return 0 <= start - system.end <= 60 or 0 <= system.start - end <= 15 or start == system.start


def _gap(start: int, end: int, system: SystemMention) -> int:
    """How far a name stands from the system when near it ('drones israéliens Heron et américains MQ-9B':
    each demonym is the closest to its own system); far otherwise."""
    if not _near(start, end, system):
        return 1_000
    return max(start - system.end, system.start - end, 0)


def _two_orders(general: Acquisition, specific: Acquisition) -> bool:
    """'les 24 F-16 acquis en 2008' and 'a commandé 25 nouveaux F-16C': two variant names whose counts
    or years differ are two purchases, not one told twice."""
    counts = general.quantity is not None and specific.quantity is not None and general.quantity != specific.quantity
    years = general.year is not None and specific.year is not None and general.year != specific.year
    return counts or years


def _merge(old: Acquisition, new: Acquisition, settles: bool = True) -> Acquisition:
    """Same system twice in one article: keep the first evidence, fill what it lacked, keep the
    furthest status reached (a cancellation ends it) by a mention that ``settles`` a status."""
    for name in ("supplier", "manufacturer", "quantity", "value", "year"):
        if getattr(old, name) is None:
            setattr(old, name, getattr(new, name))
    if old.category == "other":
        old.category = new.category
    if settles and STATUS_RANK.get(new.status, 0) > STATUS_RANK.get(old.status, 0):
        old.status = new.status
    return old
