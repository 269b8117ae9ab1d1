"""Acquisitions: systems Morocco orders, receives, is cleared to buy or is given — and prospects.

An acquisition comes from an acquisition frame (acquire, receive, deliver, sell, build
for, donate, a deal) with Morocco as recipient and a system as item. Its status comes
from the frame and the predicates governing it: approved (a sale cleared by the
seller's government), ordered, delivered, donated — or, kept apart as prospects,
negotiating and cancelled. Supplier: the frame's supplier (a state, or a company
standing for its country), else where the item comes from ("drones turcs"), else the
maker in the lexicon. Quantity, year and value are read next to the item and in the
frame's own complements.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .. import lexicon as lx
from ..models import Acquisition, Money
from ..numbers import find_amounts, quantity_before
from .actors import Actor
from .context import Context, SentenceInfo, civil_equipment, sentence_language
from .framelex import frame_lexicon
from .frames import FrameHit
from .grammar import Arg
from .mentions import (
    SystemMention,
    equipment_nouns,
    fold_keep,
    folded_system_names,
    maker_countries,
    maker_names,
)
from .unnamed import count_after, count_of_one, unnamed_systems

# the furthest a deal went; a donation stays one once received, and a cancellation ends it
STATUS_RANK = {"negotiating": 0, "approved": 1, "ordered": 2, "delivered": 3, "donated": 4, "cancelled": 5}
# only modifiers in between ("un satellite d'observation Ofek 13")
ADJACENT = re.compile(r"(?:\s+(?:d'[a-z-]{3,}|de|d'|du|des|a|[a-z-]{3,})){0,5}\s*[«\"“]?\s*")
_WORDS = lx.grammar()
# the frame's complements of time: 'en 2020', 'by 2025', and those the parser labels oblique or modifier
TIME_MARKERS = frozenset(
    [*_WORDS["time_markers"]["fr"], *_WORDS["time_markers"]["en"], "obl:mod", "obl", "advmod", "nmod"]
)
# a year written alone, but not a decade ("à partir des années 1980"): one fixed-width look-behind per word
_NOT_A_DECADE = "".join(f"(?<!{re.escape(w)} )" for w in _WORDS["decade_words"]["fr"] + _WORDS["decade_words"]["en"])
BARE_YEAR = re.compile(r"(?<![\w-])" + _NOT_A_DECADE + r"((?:19|20)\d\d)(?![\w-])")
YEAR = re.compile(r"\b(?:en|in|depuis|since|des|courant|au cours de|of|fin|debut|mi-)\s+((?:19|20)\d\d)\b")


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
            if not _moroccan_acquisition(hit) or civil_equipment(info, hit.items):
                continue
            for system in hit.items or _unnamed(ctx, info, hit, named_kinds, only_named):
                if _already_owned(info, hit, system) or _served(info, system):
                    continue
                fact = _fact(ctx, info, hit, system)
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
                    news[id(found[key])] = _news_year(ctx, info, hit)
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
        for s in unnamed_systems(info.text, info.folded, arg, info.actors, lang):
            own_kind = s.category not in named_kinds or _sold_by_no_maker_of(ctx, s.category, sellers)
            if own_kind and explicit:
                found.append(s)
            elif s.category in only_named and not own_kind and (
                    not arg.indefinite and _quantity(ctx, info, hit, s) not in (None, 1)
                    or _made_in(only_named[s.category]) & sellers):
                # "procured 36 helicopters", "procured drones from China" (where the one drone named is Chinese)
                named = only_named[s.category]
                found.append(replace(s, name=named.name, text=named.text, manufacturer=named.manufacturer,
                                     base=named.base))
    return list({s.name: s for s in found}.values())


def _made_in(system: SystemMention) -> set[str]:
    country = maker_countries().get(system.manufacturer or "")
    return {country} if country else set()


def _sold_by_no_maker_of(ctx: Context, category: str, sellers: set[str]) -> bool:
    """'… the Wing Loong II. Last month, Rabat procured 150 drones from Israeli firm BlueBird': the seller
    named is of another country than every maker of the systems of that kind the article names, so the
    phrase is a kind of its own, not one of them."""
    if not sellers:
        return False
    makers = maker_countries()
    made_in = {makers.get(s.manufacturer or "") for i in ctx.infos for s in i.systems
               if s.category == category and not s.unnamed}
    return None not in made_in and not made_in & sellers


_SUPPORT = _WORDS["support_for"]
_SERVED = re.compile(
    rf"\b(?:{lx.alternation(_SUPPORT['nouns'])})\b[^,;.]{{0,40}}?\s(?:{lx.alternation(_SUPPORT['prepositions'])})\s+"
    r"(?:\S+\s+){0,2}$"
)


def _served(info: SentenceInfo, system: SystemMention) -> bool:
    """'a possible sale of additional ammunition for the F-16 fighter jets': the F-16 is the fleet the
    ammunition is for, not equipment bought."""
    return bool(_SERVED.search(info.folded[max(0, system.start - 80) : system.start]))


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
    return {kind: next(iter(named.values())) for kind, named in by_kind.items() if len(named) == 1}


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
    return found


def _moroccan_acquisition(hit: FrameHit) -> bool:
    if hit.spec.status is None or hit.spec.polarity != "cooperation" or hit.negated or hit.opposed:
        return False
    buyer = hit.actors("recipient") + (hit.actors("counterpart") if hit.spec.name == "deal" else [])
    if not any(a.is_morocco for a in buyer):
        return False
    return not any(a.is_morocco for a in hit.actors("supplier"))


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
        quantity=_quantity(ctx, info, hit, system) or _identified_quantity(ctx, hit),
        value=_value(info, hit),
        year=_year(ctx, info, hit),
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
        origins = sorted(origins, key=lambda a: not _near(a.start, a.end, system))
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


def _identified_quantity(ctx: Context, hit: FrameHit) -> int | None:
    """'25 nouveaux véhicules militaires. Il s'agit de chars M88A1': the count of the purchase named."""
    if hit.identifies is None or len(hit.items) != 1:
        return None  # "chars M88A1 et/ou M88A2": the count is the pair's, neither one's
    info, source = hit.identifies
    assert isinstance(info, SentenceInfo)
    lang = sentence_language(info, ctx.lang)
    args = list({id(a): a for h in info.frames.hits for a in h.pred.args}.values())  # "commande pour 25 véhicules"
    counts = {_quantity(ctx, info, source, s) for arg in args
              for s in unnamed_systems(info.text, info.folded, arg, info.actors, lang)}
    counts.discard(None)
    if not counts:  # "a commandé auprès des Etats-Unis des véhicules blindés, au nombre de 25": the parse lost them
        whole = Arg("obj", 0, len(info.text), text=info.text)
        counts = {_quantity(ctx, info, source, s) for s in unnamed_systems(
            info.text, info.folded, whole, info.actors, lang)} - {None}
    return counts.pop() if len(counts) == 1 else None


def _quantity(ctx: Context, info: SentenceInfo, hit: FrameHit, system: SystemMention) -> int | None:
    """The count right before the system ('36 AH-64E'), or before the category noun heading it
    ('trois drones « Heron »'); for 'les six hélicoptères' that refer back, before that noun."""
    if system.unnamed:  # "500 véhicules militaires", "un patrouilleur"
        before = info.text[max(0, system.start - 40) : system.start]
        count = quantity_before(_without_adjectives(before), ctx.lang)
        after = count_after(info.text, system.end)
        if count is None and after:  # "des véhicules blindés, au nombre de 25"
            count = quantity_before(after + " ", ctx.lang)
        return 1 if count is None and count_of_one(before) else count
    if system in info.systems:
        start = system.start
        maker = next((a for a in info.actors if a.kind == "company" and 0 <= start - a.end <= 2), None)
        if maker is not None:  # "24 Lockheed Martin F-16C/D": the count stands before the maker's name
            start = maker.start
        if _count_covers_a_list(info, system):
            return None
        direct = quantity_before(info.text[max(0, start - 40) : start], ctx.lang)
        if direct is not None:
            return direct
        if _SAME_NUMBER.search(fold_keep(info.text[max(0, start - 60) : start])):
            return _count_told_before(ctx, info)  # "an identical number of Caesar howitzers"
        heads = [  # a category noun, or a unit: "18 lanceurs HIMARS", "six exemplaires du Rafale"
            m
            for m in equipment_nouns().finditer(info.folded, 0, system.start)
            if ADJACENT.fullmatch(info.folded[m.end() : system.start])
        ]
        if heads:
            head = heads[-1].start()
            before = info.text[max(0, head - 50) : head]
            count = quantity_before(_without_adjectives(before), ctx.lang)
            if count is not None:
                return count
        counts = {int(m.group(1)) for m in _UNIT_COUNT.finditer(info.folded, system.end)}
        if len(counts) == 1 and {s.name for s in info.systems if not s.unnamed} == {system.name}:
            return counts.pop()  # "the first Apache (AH-64E), as part of an agreement … to produce 24 units"
    if hit.item_anaphor:  # a noun stands for the system here: "l'achat de 24 exemplaires de cet appareil"
        for arg in hit.item_args:
            m = equipment_nouns().search(fold_keep(arg.text))
            if m:
                before = _without_adjectives(arg.text[: m.start()])
                # "build nearly 150 combat vehicles": up to two plain words between the count and the noun
                return quantity_before(before, ctx.lang) or quantity_before(_MODIFIERS.sub(" ", before), ctx.lang)
    return None


_SAME_NUMBER = re.compile(
    r"(?<![\w'])(?:" + lx.alternation([fold_keep(w) for lang in ("fr", "en") for w in _WORDS["same_number"][lang]])
    + r")\s+(?:[\w-]+\s+){0,2}$"
)


def _count_told_before(ctx: Context, info: SentenceInfo) -> int | None:
    """The count of the last purchase by Morocco told before this sentence."""
    for before in reversed(ctx.infos[: ctx.infos.index(info)]):
        for hit in reversed(before.frames.hits):
            if not _moroccan_acquisition(hit):
                continue
            for system in hit.items:
                count = _quantity(ctx, before, hit, system)
                if count is not None:
                    return count
    return None


# "24 units", "12 exemplaires" after the only system of the sentence: its count
_UNIT_COUNT = re.compile(r"(?<![\w.,-])(\d{1,4})\s+(?:units|unites|exemplaires)(?![\w-])")
_MODIFIERS = re.compile(r"(?<=\d)(?:\s+[a-z][a-z-]+){1,2}\s*$")


_LIST_JOINT = re.compile(r"\s*(?:,|,?\s*(?:et|and|ou|or))\s*", re.I)


def _count_covers_a_list(info: SentenceInfo, system: SystemMention) -> bool:
    """'150 drones israéliens, Wander B et Thunder B': one count for the systems listed together, not
    150 of each. A system joined to this one by a comma or 'et'/'and' alone (no count of its own
    between them) shares the count."""
    for other in info.systems:
        if other is system or other.name == system.name or other.unnamed:
            continue
        first, second = (other, system) if other.end <= system.start else (system, other)
        between = info.text[first.end : second.start]
        if _LIST_JOINT.fullmatch(between):
            return True
    return False


_SIZES = _WORDS["size_adjectives"]
ADJECTIVES = re.compile(r"(?:\s+(?:" + lx.alternation(_SIZES["fr"] + _SIZES["en"]) + r")){1,2}\s*$", re.I)


def _without_adjectives(text: str) -> str:
    """'quatre gros drones armés': the count stands before adjectives too."""
    folded = fold_keep(text)
    m = ADJECTIVES.search(folded)
    return text[: m.start()] + " " if m else text


def _year(ctx: Context, info: SentenceInfo, hit: FrameHit) -> int | None:
    """A year the frame's own time complements give ('en 2020', 'En juin 2020,'), or one leading
    the sentence; never a date that belongs to another clause ('selon un rapport publié en 2019')."""
    # "signé le 10 février 2025 un contrat"; not for what is still to come ("Inaugurée ce 23 septembre, l'usine
    # … assemblera des véhicules": the day is the plant's)
    governors = [] if hit.pred.future else hit.governors
    args = list(hit.pred.args) + [a for g in governors for a in g.args]
    spans = [(a.start, a.end) for a in args if a.marker in TIME_MARKERS or a.marker.startswith("obl")]
    own = len([a for a in hit.pred.args if a.marker in TIME_MARKERS or a.marker.startswith("obl")])
    # the frame's own complements first: "fait ses essais le 17 avril 2013, avant d'être transférée … le 30
    # janvier 2014"
    for group in (spans[:own], spans[own:]):
        for d in info.dates:
            if d.resolved and any(s <= d.start < e for s, e in group):
                return int(d.resolved[:4])
    for start, end in spans:
        m = BARE_YEAR.search(info.folded, start, end)
        if m and not _inside_clause(info.folded[start : m.start()]):
            return int(m.group(1))
    lead = re.match(r"\s*(?:en|in|courant|depuis|des|au cours de|fin|debut)\s+((?:19|20)\d\d)\s*,", info.folded)
    if lead:
        return int(lead.group(1))
    opening = _opening_date(info)
    if opening is not None:  # "On Tuesday, 18 November 2025, … announced the signing of an agreement"
        return opening
    relative = _date_of_the_clause(info, hit)
    if relative is not None:
        return relative
    years = {m.group(1) for m in YEAR.finditer(info.folded) if not _inside_clause(info.folded[: m.start()])}
    if not years:  # "transferred ownership of 21 vehicles … on May 6" on a page dated May 8, 2020
        told = min([hit.pred.start] + [g.start for g in governors])  # not "Inaugurée ce 23 septembre, …"
        years = {d.resolved[:4] for d in info.dates
                 if d.resolved and d.day and d.start > told and not _inside_clause(info.folded[: d.start])}
    return int(years.pop()) if len(years) == 1 else None  # one year in the sentence, in no other clause


_RELATIVES = re.compile(
    r"\s*,?\s*(?:" + lx.alternation([*_WORDS["date_relatives"]["fr"], *_WORDS["date_relatives"]["en"]]) + r")(?![\w])")


_REPORTED = re.compile(
    r"\s*,?\s*(?:" + lx.alternation([*_WORDS["date_reported"]["fr"], *_WORDS["date_reported"]["en"]]) + r")(?![\w])")


def _date_of_the_clause(info: SentenceInfo, hit: FrameHit) -> int | None:
    """'The agreement dates to September 30, 2024, when TASL and Moroccan counterparts inked a deal for
    WhAP assembly': a clause opened by 'when' / 'lorsque' right after a date is told at that date. So is
    a clause reported right after the full date of its report ('announced on November 20, 2019, that
    approval had been granted for the sale'), unless it tells what is still to come."""
    for d in info.dates:
        m = _RELATIVES.match(info.folded, d.end)
        if m is None and d.day and d.year and not hit.pred.future and not hit.pred.modal:
            m = _REPORTED.match(info.folded, d.end)
        if d.resolved and m and m.end() <= hit.pred.start and not any(
                d.end < e.start < hit.pred.start for e in info.dates):
            return int(d.resolved[:4])
    return None


NEWS_STATUSES = ("ordered", "approved", "delivered", "donated")


def _news_year(ctx: Context, info: SentenceInfo, hit: FrameHit) -> int | None:
    """The headline or the lead paragraph of a dated article telling, with no date of its own, what
    has just happened ('Le Maroc commande dix H225M', 'Washington has approved the sale'): the year
    of the article. Never for a future, a wish, a pluperfect ('avait commandé') or a sentence that
    names any year (it belongs to one of those)."""
    published = ctx.article.published or ctx.article.month  # "Morocco World News — 2020-04": the page's month
    status = hit.status or hit.spec.status or "ordered"
    if not published or status not in NEWS_STATUSES or _names_a_year(info):
        return None
    preds = [hit.pred, *hit.governors]
    if _purpose_of_a_deal(hit):  # "has been contracted to supply": the news is the contract
        preds = [p for p in preds if p is not hit.pred and not (p.future and p.kind == "frame" and p.pos == "verb")]
    if any(p.future or p.modal or p.earlier for p in preds) or hit.spec.name in STANDING_FRAMES:
        return None
    if info.sentence.section == "title":
        return int(published[:4])
    paras = ctx.telling_paragraphs
    lead = info.sentence.section == "body" and bool(paras) and info.sentence.para == paras[0]
    # in the body, an event told by its verb ('a reçu', 'has signed a deal for'); a noun alone
    # ('l'acquisition éventuelle') may be talk
    told = hit.pred.pos == "verb" or bool(hit.governors) and hit.governors[0].pos == "verb" and \
        hit.governors[0].kind in ("light", "frame")  # not "ont discuté de l'acquisition éventuelle"
    # "En outre, le département d'État a approuvé la vente … de bombes AGM-154": a further approval
    # of the same news, when the lead tells an approval too
    approved = hit.pred.pos == "verb" or bool(hit.governors) and hit.governors[0].pos == "verb"  # "a approuvé la vente"
    further = status == "approved" and approved and _lead_tells_approval(ctx, paras[:2])
    return int(published[:4]) if lead and told or further else None


def _names_a_year(info: SentenceInfo) -> bool:
    """A year outside the systems' names ('36 Atmos 2000 self-propelled guns' names none)."""
    return any(not any(s.start <= m.start() < s.end for s in info.systems) for m in BARE_YEAR.finditer(info.folded))


def _purpose_of_a_deal(hit: FrameHit) -> bool:
    """'IAI has been contracted by Morocco to supply its Barak MX', 'a signé un contrat pour livrer': what is
    to come is the content of an order told as done ('securing a deal to acquire 36 Atmos'), not a plan."""
    if not hit.pred.future or not hit.governors:
        return False
    above = hit.governors[0]
    spec = frame_lexicon().frames.get(above.trigger.name) if above.kind == "frame" else None
    return not above.future and spec is not None and spec.status in ("ordered", "approved")


def _lead_tells_approval(ctx: Context, paras: list[int]) -> bool:
    """The title or the first two paragraphs (the first is often a standfirst) tell an approval."""
    return any((h.status or h.spec.status) == "approved" for i in ctx.infos
               if i.sentence.section == "title" or i.sentence.section == "body" and i.sentence.para in paras
               for h in i.frames.hits)


STANDING_FRAMES = ("customer", "supplier_of")  # 'the largest importers': a state of affairs, not news


_OPENERS = frozenset(["", *_WORDS["date_openers"]["fr"], *_WORDS["date_openers"]["en"]])  # "" : the date opens it


def _opening_date(info: SentenceInfo) -> int | None:
    """The year of a date that opens the sentence and is closed by a comma: a full date ("On Tuesday,
    18 November 2025,"), a month written with its year ("In July 2022,", "Fin juin 2020,") or a
    weekday or a month the page's date placed ("On Thursday,", "In January,")."""
    for d in info.dates:
        opener = info.folded[: d.start].strip()
        closed = info.folded[d.end : d.end + 2].strip().startswith(",")
        # "On Thursday,", "In January," of a dated page: the page's date placed them
        placed = (d.weekday is not None or d.month is not None) and len(d.resolved or "") >= 7
        if d.resolved and (d.day or d.year or placed) and closed and opener in _OPENERS:
            return int(d.resolved[:4])
    return None


def _inside_clause(before: str) -> bool:
    """The year belongs to another clause: a source ('selon un rapport publié en 2019') or a
    relative clause about what is already there ('la flotte, qui exploite déjà des drones livrés en 2021')."""
    return bool(_SOURCE.search(before) or _ALREADY_THERE.search(before))


_OTHER = _WORDS["another_clause"]
_SOURCE = re.compile(rf"\b(?:{lx.alternation(_OTHER['sources'])})\w*\b")
_ALREADY_THERE = re.compile(
    rf"\b(?:{lx.alternation(_OTHER['relatives'])})\b[^,;.]*\b(?:{lx.alternation(_OTHER['already'])})\b"
)


def _value(info: SentenceInfo, hit: FrameHit) -> Money | None:
    if len({s.name for s in hit.items}) != 1:
        return None  # a single sum for several systems cannot be split
    amounts = [a for a in find_amounts(info.text) if a.currency and a.scaled]
    return Money(amounts[0].value, amounts[0].currency) if len(amounts) == 1 and amounts[0].currency else None


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
