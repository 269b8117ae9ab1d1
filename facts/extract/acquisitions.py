"""Acquisitions: systems Morocco buys, orders or receives.

A system is a known designation (``facts/data/systems.json``) or a designation
written right after a category noun ("drones « Heron »", "système antiaérien
Barak MX", "avions de combat américains F-16 VIPER"). It is Morocco's when the
sentence (or the one before, for "il a acquis…") names Morocco, speaks of
acquiring, and no other country is the buyer in that clause. Quantity, value,
year, manufacturer and supplier are read next to the system, with the lexicon
filling supplier and manufacturer when the article is silent.
"""

from __future__ import annotations

import re
from typing import Any

from .. import lexicon as lx
from ..models import Acquisition, Money
from ..numbers import find_amounts, quantity_before
from .context import Context, SentenceInfo
from .mentions import (
    Mention,
    SystemMention,
    category_nouns,
    cue_regex,
    fold_keep,
    folded_country_surfaces,
    folded_manufacturers,
    folded_system_names,
    has_cue,
)

_DESIGNATION_TOKEN = r"(?:[A-Z][A-Za-z]*[-]?[A-Z0-9]*[0-9A-Za-z-]*|[0-9]{1,4}[A-Z]{1,3})"
_DESIGNATION = re.compile(
    r"\s*(?:[«“\"]\s*)?(?P<name>" + _DESIGNATION_TOKEN + r"(?:[ -]" + _DESIGNATION_TOKEN + r"){0,2})\s*(?:[»”\"])?"
)
_MODIFIER = re.compile(
    r"\s*(?:de (?:type|combat|chasse|transport|fabrication \w+)|[a-zéèêàâûùîïôç-]{3,}|d'attaque|de)\b"
)
SUPPLIER_PHRASE = re.compile(r"(aupres d|fabrique\w* par|livre\w* par|de la part d|fourni\w* par|from|by)\s*"
                             r"(?:l'|la |le |les |du |des |de |d')?\s*$")
SELLER_VERB = re.compile(r"\b(?:livr|vend|fourni|approuv|autoris|cede|offert|offre|don|aide|forme|deliver|sell|sold"
                         r"|approv|suppl|transfer|grant|help)")
PARTICIPLE_YEAR = re.compile(r"[^.;]{0,40}?,\s*(?:acqui\w*|achete\w*|commande\w*|livre\w*|recu\w*|bought|acquired"
                             r"|ordered|delivered|purchased)\s+(?:en|in)\s+((?:19|20)\d\d)\b")
TO_COUNTRY = re.compile(r"\b(?:a|au|aux)\s+(?:la |l')?$")
BOUGHT_FROM = re.compile(r"\b(?:achet|command|acqui|acquer|achat)\w*\b[^.;]*$")
ADJACENT = re.compile(r"(?:\s+(?:de|d'|du|des|a|[a-z-]{3,})){0,5}\s*[«\"“]?\s*")  # only modifiers in between
ARMY_NOUN = re.compile(r"(?:armee|forces|marine|aviation|gouvernement|ministere|regime|army|navy|military|government)"
                       r"\s+(?:\w+\s+){0,2}$")
# words that end a noun phrase: after them a capitalised word is not the equipment's designation
NOT_MODIFIERS = {"pour", "qui", "que", "par", "dans", "sur", "avec", "à", "auprès", "contre", "chez", "vers", "sont",
                 "ont", "the", "from", "for", "with", "which", "that", "and", "were", "was", "are", "have", "has",
                 "ordered", "bought", "built", "made", "produced", "supplied", "delivered", "commandés", "achetés",
                 "livrés", "fabriqués", "produits", "fournis", "construits"}
_STOP_NAMES = {"le", "la", "les", "un", "une", "des", "du", "de", "en", "et", "au", "aux"}


def _designations(info: SentenceInfo) -> list[SystemMention]:
    """Designations written after a category noun, unknown ones included."""
    pattern, table = category_nouns()
    out = []
    for m in pattern.finditer(info.folded):
        pos = m.end()
        category = table[m.group(0)]
        for _ in range(5):  # modifiers: "de combat américains", "de transport de troupes"
            d = _DESIGNATION.match(info.text, pos)
            if d and _acceptable(d.group("name")):
                name = d.group("name").strip()
                out.append(SystemMention(d.start("name"), d.start("name") + len(name), name, name, category, None))
                break
            mod = _MODIFIER.match(info.text, pos)
            if not mod or mod.group(0).strip().lower() in NOT_MODIFIERS:
                break
            pos = mod.end()
    return out


def _acceptable(name: str) -> bool:
    first = name.split()[0]
    if first.lower() in _STOP_NAMES or first in lx.categories().get("not_designations", []):
        return False
    folded = fold_keep(name)
    if folded in folded_country_surfaces() or any(m.startswith(folded) for m in folded_manufacturers()):
        return False  # "drones from the Aviation Industry Corporation of China": a maker, not a system
    if re.fullmatch(r"(?:19|20)\d\d", first):
        return False
    # a designation carries a digit, or is a capitalised name that isn't an ordinary word
    return any(c.isdigit() for c in name) or first[0].isupper()


_LEFT_TOKEN = re.compile(r"(?:[A-Z]{1,4}-?\d+[A-Z]?\d*)\s+$")


def _extend_left(info: SentenceInfo, s: SystemMention) -> SystemMention:
    """'600 FIM-92K Stinger': the model code written before a known name belongs to it."""
    m = _LEFT_TOKEN.search(info.text, 0, s.start)
    if not m:
        return s
    return SystemMention(m.start(), s.end, info.text[m.start():s.end], s.name, s.category, s.manufacturer)


def _systems(info: SentenceInfo) -> list[SystemMention]:
    known = [_extend_left(info, s) for s in info.systems]
    found = list(known)
    for s in _designations(info):
        overlap = [k for k in known if k.start < s.end and s.start < k.end]
        if overlap:
            continue
        lex = _lexicon_entry(s.text)
        if lex:
            s = SystemMention(s.start, s.end, s.text, lex["name"], lex["category"], lex.get("manufacturer"))
        found.append(s)
    found.sort(key=lambda s: s.start)
    # drop a shorter mention inside a longer one ("F-16" inside "F-16 VIPER")
    return [s for s in found if not any(o is not s and o.start <= s.start and s.end <= o.end and
                                        (o.end - o.start) > (s.end - s.start) for o in found)]


def _lexicon_entry(text: str) -> dict[str, Any] | None:
    return folded_system_names().get(fold_keep(text))


OWNED = re.compile(r"\b(?:ses|son|sa|leurs?|its|their)\s+(?:[\w-]+\s+){0,3}$")
NEWLY = re.compile(r"\b(?:premiers?|premieres?|nouveaux|nouvelles?|futurs?|futures?|prochains?|first|new|future)\b")


def _already_owned(info: SentenceInfo, system: SystemMention) -> bool:
    """'pour ses avions F-16': equipment Morocco has, not one it acquires ('ses premiers H135' is new)."""
    before = info.folded[max(0, system.start - 45):system.start]
    owned = OWNED.search(before)
    return bool(owned and not NEWLY.search(owned.group(0)))


def _morocco_buys(ctx: Context, info: SentenceInfo, system: SystemMention) -> bool:
    if not has_cue("acquisition", info.folded) or _already_owned(info, system):
        return False
    start, end = info.segment_of(system.start)
    if _foreign_buyer(info, start, end, system):
        return False
    if info.morocco_in(start, end):
        return True
    # Morocco is named elsewhere in the sentence, or in the sentence before ("il a acquis…"):
    # it is the buyer unless another country is this clause's subject
    foreign_subject = any(not m.place and start <= m.start < system.start and _is_actor(info, m)
                          and not _supplier_phrase(info.folded[:m.start]) for m in info.countries)
    if foreign_subject:
        return False
    prev = ctx.previous(info)
    return bool(info.morocco or (prev and prev.morocco))


def _is_actor(info: SentenceInfo, m: Mention) -> bool:
    """A country as the one doing something: its name, or 'l'armée algérienne', 'the Algerian army'."""
    if m.how in ("name", "code"):
        return True
    after = info.folded[m.end:m.end + 20]
    return m.how == "demonym" and bool(ARMY_NOUN.search(info.folded[max(0, m.start - 30):m.start])
                                       or re.match(r"\s+(?:army|navy|military|government|forces)", after))


def _foreign_buyer(info: SentenceInfo, start: int, end: int, system: SystemMention) -> bool:
    """Another country acquires in this clause: "l'Algérie a acquis", "l'armée algérienne a reçu",
    or it is the clause's subject before the system with Morocco only named after it
    ("l'Algérie, rival du Maroc, renforce sa flotte de drones CH-5")."""
    verbs = cue_regex("foreign_buyer_verbs")
    for m in info.countries:
        if not start <= m.start < end or m.country == "MA" or m.place:
            continue
        reach = 45 if m.how in ("name", "code", "capital") else 14  # a demonym must be right before the verb
        verb = verbs.search(info.folded[m.end:m.end + reach])
        if verb and not info.morocco_in(m.start, m.end + verb.start()):
            return True
        if m.how in ("name", "code") and m.start < system.start and _is_subject_before_morocco(info, m, start, end):
            return True
    return False


def _is_subject_before_morocco(info: SentenceInfo, m: Mention, start: int, end: int) -> bool:
    """A foreign country named before Morocco in a clause is its subject, unless it sells or supplies."""
    if SUPPLIER_PHRASE.search(info.folded[max(0, m.start - 40):m.start]):
        return False
    first_morocco = min((s for s, _ in info.morocco if start <= s < end), default=None)
    if first_morocco is None or first_morocco < m.start:
        return False
    return not SELLER_VERB.search(info.folded[m.end:m.end + 50])


def _supplier_phrase(before: str) -> bool:
    return bool(SUPPLIER_PHRASE.search(before[-40:]))


def _quantity(ctx: Context, info: SentenceInfo, system: SystemMention) -> int | None:
    """The count right before the system ("36 AH-64E"), or before the category noun that heads it
    ("trois drones « Heron »", "25 avions de combat américains F-16") — only when nothing but
    modifiers stands between the noun and the system."""
    direct = quantity_before(info.text[max(0, system.start - 40):system.start], ctx.lang)
    if direct is not None:
        return direct
    pattern, _ = category_nouns()
    heads = [m for m in pattern.finditer(info.folded, 0, system.start)
             if ADJACENT.fullmatch(info.folded[m.end():system.start])]
    if not heads:
        return None
    head = heads[-1].start()
    return quantity_before(info.text[max(0, head - 40):head], ctx.lang)


def _year(info: SentenceInfo, system: SystemMention) -> int | None:
    lead = re.match(r"\s*(?:en|in|depuis|des|au cours de|courant)\s+((?:19|20)\d\d)\s*,", info.folded)
    if lead:
        return int(lead.group(1))
    start, end = _clause(info.text, system.start)
    for d in info.dates:
        if start <= d.start < end and d.resolved:
            return int(d.resolved[:4])
    m = re.search(r"\b(?:en|in)\s+((?:19|20)\d\d)\b", info.folded[start:end])
    if m:
        return int(m.group(1))
    after = PARTICIPLE_YEAR.match(info.folded, system.end)  # "…, bought in 2021" / "…, acquis en 2014"
    return int(after.group(1)) if after else None


def _clause(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(",", 0, pos), text.rfind(";", 0, pos)) + 1
    ends = [i for i in (text.find(",", pos), text.find(";", pos)) if i != -1]
    return start, min(ends) if ends else len(text)


def _maker_and_supplier(info: SentenceInfo, system: SystemMention) -> tuple[str | None, str | None]:
    """Who sells: a country the sentence names as seller wins ("acheté à la France", "auprès de
    l'Espagne"), then the maker it names, then a demonym on the system, then the lexicon's maker."""
    # a maker named next to the system (not one named for another system of the sentence)
    makers = sorted((mk for mk in info.makers if _near(mk, system) or system.manufacturer in (None, mk[2])),
                    key=lambda mk: abs(mk[0] - system.start))
    seller = _auprès(info)
    if makers:
        return makers[0][2], seller or makers[0][3]
    supplier = seller or _demonym_near(info, system)
    manufacturer = system.manufacturer
    if manufacturer and not supplier:
        supplier = next((m["country"] for m in lx.manufacturers() if m["name"] == manufacturer), None)
    return manufacturer, supplier


def _near(maker: tuple[int, int, str, str], system: SystemMention) -> bool:
    return 0 <= maker[0] - system.end <= 60 or 0 <= system.start - maker[1] <= 15  # "Lockheed Martin's F-16"


def _demonym_near(info: SentenceInfo, system: SystemMention) -> str | None:
    for m in info.countries:
        if m.how == "demonym" and m.country != "MA" and abs(m.start - system.end) < 40 or (
                m.how == "demonym" and 0 <= system.start - m.end < 40 and m.country != "MA"):
            return m.country
    return None


def _auprès(info: SentenceInfo) -> str | None:
    """A country named as the seller: 'auprès de la France', 'fourni par Israël', or 'à la France'
    / 'aux États-Unis' after a buying verb ('acheté des Caracal à la France')."""
    for m in info.countries:
        if m.country == "MA" or m.how not in ("name", "code", "capital", "institution"):
            continue
        before = info.folded[:m.start]
        if _supplier_phrase(before) or (BOUGHT_FROM.search(before) and TO_COUNTRY.search(before)):
            return m.country
    return None


def _value(info: SentenceInfo, systems: list[SystemMention]) -> Money | None:
    if len({s.name for s in systems}) != 1:
        return None  # a single sum for several systems cannot be split
    amounts = [a for a in find_amounts(info.text) if a.currency and a.scaled]
    return Money(amounts[0].value, amounts[0].currency) if len(amounts) == 1 and amounts[0].currency else None


def extract(ctx: Context) -> list[Acquisition]:
    found: dict[str, Acquisition] = {}
    for info in ctx.infos:
        systems = [s for s in _systems(info) if _morocco_buys(ctx, info, s)]
        for system in systems:
            manufacturer, supplier = _maker_and_supplier(info, system)
            fact = Acquisition(
                system=system.text, category=system.category, evidence=ctx.evidence(info),
                supplier=supplier, manufacturer=manufacturer, quantity=_quantity(ctx, info, system),
                value=_value(info, systems), year=_year(info, system),
            )
            key = fold_keep(system.name)  # "Akinci" and "Bayraktar Akinci" are one system
            found[key] = _merge(found[key], fact) if key in found else fact
    return list(found.values())


def _merge(old: Acquisition, new: Acquisition) -> Acquisition:
    """Same system twice in one article: keep the first evidence, fill what it lacked."""
    for name in ("supplier", "manufacturer", "quantity", "value", "year"):
        if getattr(old, name) is None:
            setattr(old, name, getattr(new, name))
    if old.category == "other":
        old.category = new.category
    return old
