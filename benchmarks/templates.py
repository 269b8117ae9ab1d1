"""Sentence templates for the synthetic corpus, filled from the project's lexicons.

Why several templates per fact type and combinatorial filler: a corpus made of one
repeated sentence would flatter caches and hide the extractor's real cost.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

from facts.lexicon import manufacturers, systems

from .french import (
    MONTHS,
    NOUNS,
    Noun,
    adjective,
    capital,
    country,
    date_words,
    french_amount,
    quantity,
    weekday,
)

T = TypeVar("T")

# Morocco's suppliers with a system in systems.json (Russian systems only appear in traps).
SUPPLIERS = ["US", "TR", "IL", "FR", "ES", "GB", "EU", "IT", "CN", "IN", "BR", "NO"]
VISITORS = ["SN", "MR", "CI", "QA", "SA", "JO", "PT", "CA", "EG", "NG", "GA", "RW", "PK", "ID", "GR", "PL",
            "BE", "NL", "JP", "AZ", "TN", "BH", "KE", "HU", "RO", "MY", "KR", "SE", "ZA", "CZ", "AE", "FI", "DE"]
RIVALS = ["DZ"]
PLACES = ["Rabat", "Kénitra", "Benguerir", "Casablanca", "Tan-Tan", "Agadir", "Dakhla", "Tiznit", "Meknès",
          "Marrakech", "Ksar Sghir", "Al Hoceima", "Guelmim", "Laâyoune", "Salé", "Tanger"]
EXERCISES = ["African Lion", "Flintlock", "Lightning Handshake", "Majestic Eagle", "Gazelle", "Chebec",
             "Atlas Accord", "Marlin", "Sea Breeze", "Phoenix Express"]
FIRST = ["Karim", "Youssef", "Hicham", "Nadia", "Samir", "Mehdi", "Omar", "Rachid", "Leïla", "Driss",
         "Anas", "Hamid", "Siham", "Adil", "Mounir"]
LAST = ["Benali", "El Idrissi", "Tazi", "Alaoui", "Bennani", "Chraïbi", "Berrada", "El Fassi", "Lahlou",
        "Sqalli", "Amrani", "Ouazzani", "Kettani", "Naciri", "Saadi"]
FOREIGN = ["James Porter", "Elena Ruiz", "Marco Bellini", "Ahmet Kaya", "Yossi Levin", "Claire Dumont",
           "Lukas Weber", "Li Wei", "Rajesh Nair", "Park Min-jun", "Ana Souza", "Erik Lindqvist",
           "Thabo Mokoena", "Tomas Novak", "Sara Haddad", "Jan de Vries", "Mamadou Diallo", "Kenji Sato"]
MEDIA = ["Le360", "Hespress", "Maroc Diplomatique", "Defense News", "Janes", "La Tribune", "El Español",
         "Africa Intelligence", "Barlamane", "Zone Militaire", "Army Recognition", "Tactical Report"]
ROLES_MA = ["ministre délégué chargé de l'Administration de la Défense nationale",
            "Inspecteur général des FAR", "commandant de la zone Sud",
            "chef du Bureau de la coopération militaire",
            "directeur de la Gendarmerie royale", "commandant de la Marine royale"]
ROLES_FOREIGN = ["ministre {adj} de la Défense", "chef d'état-major {adj}",
                 "sous-secrétaire {adj} à la Défense",
                 "ambassadeur {of} à Rabat", "directeur de l'armement {of}", "attaché de défense {adj}"]


QUANTITIES = {"drone": [2, 3, 4, 6, 12, 13, 36, 150], "helicopter": [2, 3, 5, 6, 12, 24, 36],
              "aircraft": [1, 2, 3, 4, 8, 12, 25, 32], "missile": [50, 120, 250, 400, 600, 1200],
              "air-defence": [1, 2, 3, 4, 6], "ship": [1, 2, 3, 4], "artillery": [6, 18, 24, 36, 72],
              "vehicle": [20, 50, 100, 162, 220, 600], "other": [1, 2, 4, 10]}


def of_name(name: str) -> str:
    """``de Raytheon`` but ``d'Embraer``."""
    return ("d'" if name[0] in "AEIOUÉaeiou" else "de ") + name


@dataclass
class Scene:
    """What one article is about; every template draws its slots from it."""

    rng: random.Random
    partner: str
    published: dt.date
    system: dict[str, Any]
    maker: dict[str, Any]
    noun: Noun
    qty: int
    dated: bool = True
    extra: dict[str, str] = field(default_factory=dict)

    def pick(self, options: Sequence[T]) -> T:
        return self.rng.choice(options)


@lru_cache(maxsize=1)
def makers_by_country() -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for maker in manufacturers():
        out.setdefault(maker["country"], []).append(maker)
    return out


@lru_cache(maxsize=1)
def systems_by_country() -> dict[str, list[dict[str, Any]]]:
    country_of = {m["name"]: m["country"] for m in manufacturers()}
    out: dict[str, list[dict[str, Any]]] = {}
    for system in systems():
        out.setdefault(country_of.get(system["manufacturer"], ""), []).append(system)
    return out


def new_scene(rng: random.Random, partner: str, published: dt.date, dated: bool) -> Scene:
    """Choose a system the partner really makes (or any, for partners without an industry)."""
    pool = systems_by_country().get(partner) or [x for c, v in systems_by_country().items() if c in SUPPLIERS
                                                 for x in v]
    system = rng.choice(pool)
    maker = next(m for m in manufacturers() if m["name"] == system["manufacturer"])
    noun = rng.choice(NOUNS.get(system["category"], NOUNS["other"]))
    qty = rng.choice(QUANTITIES.get(system["category"], QUANTITIES["other"]))
    scene = Scene(rng, partner, published, system, maker, noun, qty, dated)
    scene.extra = {"ma": person(scene), "foreign": person(scene, foreign=True), "place": rng.choice(PLACES),
                   "cap": capital(partner, rng) or country(partner).name, "media": rng.choice(MEDIA),
                   "exercise": f"{rng.choice(EXERCISES)} {published.year}",
                   # the finance bill (PLF) for year Y is debated from October of Y-1
                   "budget_year": str(published.year + (1 if published.month >= 10 else 0))}
    return scene


def person(s: Scene, foreign: bool = False) -> str:
    if foreign:
        role = s.pick(ROLES_FOREIGN).format(adj=adjective(s.partner, False, False) or "étranger",
                                            of=country(s.partner).of)
        return f"{s.pick(FOREIGN)}, {role}"
    return f"{s.pick(FIRST)} {s.pick(LAST)}, {s.pick(ROLES_MA)}"


def event_date(s: Scene) -> str:
    """A date phrase in one of the shapes the compiler reads, relative to publication."""
    back = s.published - dt.timedelta(days=s.rng.randint(1, 6))
    earlier = s.published - dt.timedelta(days=s.rng.randint(35, 160))
    if not s.dated:
        return s.pick([f"le {date_words(back.year, back.month, back.day)}",
                       f"le {back.day:02d}/{back.month:02d}/{back.year}",
                       f"en {MONTHS[earlier.month - 1]} {earlier.year}"])
    shapes = [weekday(back.year, back.month, back.day),
              f"{weekday(back.year, back.month, back.day)} {back.day} {MONTHS[back.month - 1]}",
              f"le {date_words(back.year, back.month, back.day)}"]
    if earlier.year == s.published.year:
        shapes.append(f"en {MONTHS[earlier.month - 1]} dernier")
    return s.pick(shapes)


def span(s: Scene) -> str:
    """``du 6 au 10 mai``, close to publication (exercises are reported while they run)."""
    first = s.published + dt.timedelta(days=s.rng.randint(-8, 20))
    start = min(first.day, 19)
    return f"du {start} au {start + s.rng.randint(3, 9)} {MONTHS[first.month - 1]}"


def money(s: Scene, scale: float | None = None) -> str:
    """``50 millions de dollars``, ``1,2 milliard d'euros``, ``850 millions de dirhams``."""
    millions = scale or s.rng.choice([12, 25, 50, 70, 90, 120, 250, 400, 500, 850, 1200, 2500, 4200])
    currency = s.pick(["de dollars", "de dollars", "d'euros", "de dirhams"])
    if millions >= 1000:
        amount = french_amount(millions / 1000)
        unit = "milliard" if millions < 2000 else "milliards"
        return f"{amount} {unit} {currency}"
    return f"{millions} millions {currency}"


def slots(s: Scene) -> dict[str, str]:
    """Every slot a template may use, computed once per sentence."""
    sup = s.maker["country"]
    plural = s.qty > 1
    fem = s.noun.feminine
    adj = adjective(sup, fem, plural) or ""
    agree = ("e" if fem else "") + ("s" if plural else "")
    return {
        "qty": quantity(s.qty, s.noun, s.rng),
        "sys": s.pick([s.system["name"], *s.system.get("aliases", [])][:2]),
        "maker": s.maker["name"], "adj": adj, "of_maker": of_name(s.maker["name"]),
        "maker_adj": adjective(sup, False, False) or "étranger", "ag": agree, "sup_the": country(sup).the,
        "sup_of": country(sup).of, "p_the": country(s.partner).the, "p_with": country(s.partner).with_,
        "p_of": country(s.partner).of, "p_to": country(s.partner).to, "when": event_date(s),
        "money": money(s), "year": str(s.published.year), "span": span(s), "noun_pl": s.noun.plural,
        "p_adj_f": adjective(s.partner, True, False) or "étrangère", **s.extra,
    }


ACQUISITION = [
    "Le Maroc a commandé {qty} {sys} auprès {of_maker}, pour un montant estimé à {money}.",
    "Selon {media}, Rabat aurait finalisé l'achat de {qty} {sys} fabriqué{ag} par le groupe {maker_adj} "
    "{maker}.",
    "Les Forces armées royales vont recevoir {qty} de type {sys}, conçu{ag} par {maker}.",
    "Le contrat, d'une valeur de {money}, porte sur {qty} {sys} ainsi qu'un lot de pièces de rechange.",
    "Le Royaume a acquis {qty} {sys} auprès {sup_of} pour une enveloppe de {money}.",
    "D'après {media}, les FAR ont signé {when} une commande de {qty} {sys} avec {maker}.",
    "Cette acquisition de {qty} {sys} s'ajoute aux équipements déjà livrés par {sup_the}.",
    "Rabat a jeté son dévolu sur {qty} {sys}, ce qui confirme la place {sup_of} parmi ses fournisseurs.",
]
DELIVERY = [
    "Un premier lot de {qty} {sys} a été réceptionné {when} à {place}.",
    "La livraison des {sys} commandé{ag} à {maker} devrait s'achever avant la fin de l'année {year}.",
    "Les {noun_pl} {sys} ont été livré{ag} {when}, selon une source proche de l'état-major.",
    "{maker} a confirmé la livraison de {qty} {sys} aux Forces armées royales.",
]
MEETING = [
    "{foreign}, s'est entretenu {when} à {place} avec {ma}.",
    "Une délégation {p_adj_f} conduite par {foreign} a été reçue {when} par {ma}.",
    "{ma}, a reçu {when} à Rabat {foreign}, en visite de travail dans le Royaume.",
    "Les entretiens ont porté sur la coopération militaire entre le Maroc et {p_the}, a indiqué {media}.",
    "Lors de cette rencontre, les deux parties ont passé en revue la coopération bilatérale {p_with}.",
]
AGREEMENT = [
    "Le Maroc et {p_the} ont signé {when} à {cap} un accord de coopération dans le domaine de la défense.",
    "Un mémorandum d'entente a été paraphé {when} entre les deux pays, prévoyant des formations conjointes.",
    "L'accord-cadre conclu {p_with} couvre le renseignement, la formation et le transfert de technologie.",
    "Le texte, signé {when}, prévoit notamment la création d'un comité mixte de suivi.",
]
EXERCISE = [
    "L'exercice {exercise} se déroule {span} dans la région de {place}.",
    "Des unités {p_of} participent à l'exercice {exercise}, organisé {span} au Maroc.",
    "Plus de {qty_words} militaires prennent part {span} à l'exercice conjoint {exercise}.",
    "Les manœuvres {exercise} réunissent les FAR et les forces {p_of} {span}.",
]
TRAPS = [
    "De son côté, l'Algérie a réceptionné {rival_qty} {rival_sys} auprès de {rival_sup}, selon {media}.",
    "Le voisin algérien, premier client {rival_sup_of} dans la région, a lui aussi commandé des {rival_sys}.",
    "Par ailleurs, {other_the} a commandé {other_qty} à {maker}, un contrat sans lien avec le Maroc.",
    "Le Polisario affirme avoir visé des positions marocaines, des allégations démenties par les FAR.",
]
OPENERS = ["", "", "", "Par ailleurs, ", "Dans ce contexte, ", "Selon des sources concordantes, ",
           "D'après les observateurs, ", "Pour rappel, ", "De leur côté, ", "À en croire les spécialistes, ",
           "Il convient de souligner que ", "En outre, ", "Depuis plusieurs années, "]
SUBJECTS = [("le Royaume", False), ("Rabat", False), ("les Forces armées royales", True),
            ("l'état-major général des FAR", False), ("le Maroc", False), ("la Marine royale", False),
            ("les Forces royales air", True), ("l'Administration de la Défense nationale", False),
            ("les autorités marocaines", True), ("le gouvernement", False)]
VERBS = [("poursuit", "poursuivent"), ("entend renforcer", "entendent renforcer"), ("mise sur", "misent sur"),
         ("accélère", "accélèrent"), ("cherche à consolider", "cherchent à consolider"),
         ("a lancé un programme pour renforcer", "ont lancé un programme pour renforcer"),
         ("investit dans", "investissent dans"),
         ("modernise", "modernisent"), ("diversifie", "diversifient")]
OBJECTS = ["les capacités de surveillance maritime", "le dispositif de défense aérienne du pays",
           "l'interopérabilité des unités", "la formation des pilotes et des techniciens",
           "la base industrielle et technologique de défense", "la sécurisation des frontières",
           "les moyens de renseignement", "la maintenance des flottes", "les partenariats stratégiques",
           "la cybersécurité des réseaux militaires", "la logistique opérationnelle", "les écoles militaires",
           "le soutien aux opérations de maintien de la paix", "la lutte contre les trafics en Méditerranée"]
BACKGROUND = [
    "En {past}, {qty} {sys} {aux} déjà été livré{ag} au Royaume par {sup_the}.",
    "Les relations militaires {p_with} se sont nettement intensifiées depuis {past}.",
    "Le Comité mixte de défense maroco-{short} s'était réuni pour la dernière fois en {past} à {cap}.",
    "{maker} fournit déjà plusieurs équipements aux FAR, notamment des {noun_pl}.",
    "Les premiers contacts entre les deux états-majors remontent à {past}, selon {media}.",
]
CONTEXT = [
    "La région du Sahel reste marquée par l'activité de groupes armés et de réseaux de contrebande.",
    "Le décret portant création de zones d'accélération industrielle dédiées à la défense a ouvert la voie "
    "à des coentreprises.",
    "Les industriels étrangers sont désormais tenus de proposer des compensations industrielles.",
    "La loi 10-20 encadre depuis 2020 la fabrication et le commerce des matériels de défense au Maroc.",
    "Les dépenses militaires du continent africain ont progressé de manière continue ces dernières années.",
    "La question du Sahara demeure la priorité de la diplomatie et de la défense marocaines.",
    "Plusieurs écoles d'ingénieurs marocaines ont signé des conventions avec des industriels de l'armement.",
]
TAILS = ["dans un contexte régional tendu", "face aux menaces transfrontalières", "à l'horizon 2030",
         "conformément aux hautes orientations royales",
         "dans le cadre de la loi 10-20 sur les matériels de défense",
         "au profit des unités déployées au Sahara", "en s'appuyant sur des partenaires diversifiés",
         "sans alourdir la dette publique", "avec un accent sur la production locale", ""]


def fill(s: Scene, templates: list[str], extra: dict[str, str] | None = None) -> str:
    values = slots(s) | (extra or {})
    text = s.pick(templates).format(**values)
    return text[0].upper() + text[1:]


def filler(s: Scene) -> str:
    """A context sentence: mostly assembled from parts (thousands of combinations), sometimes background."""
    roll = s.rng.random()
    if roll < 0.15:
        past = str(s.published.year - s.rng.randint(2, 9))
        short = adjective(s.partner, False, False) or country(s.partner).name
        return fill(s, BACKGROUND, {"past": past, "short": short, "aux": "avaient" if s.qty > 1 else "avait"})
    if roll < 0.3:
        return s.pick(CONTEXT)
    subject, plural = s.pick(SUBJECTS)
    verb = s.pick(VERBS)[1 if plural else 0]
    tail = s.pick(TAILS)
    text = f"{s.pick(OPENERS)}{subject} {verb} {s.pick(OBJECTS)}{' ' + tail if tail else ''}."
    return text[0].upper() + text[1:]


def quote(s: Scene) -> str:
    said = s.pick(["a déclaré", "a souligné", "a affirmé", "a indiqué", "a précisé"])
    body = s.pick(["Cette coopération répond à des besoins opérationnels précis",
                   "Nous voulons construire un partenariat dans la durée",
                   "Le transfert de savoir-faire est au cœur de notre démarche",
                   "Nos deux pays partagent les mêmes préoccupations sécuritaires"])
    return f"« {body} », {said} {person(s, foreign=s.rng.random() < 0.5)}."


def trap(s: Scene) -> str:
    rival = s.rng.choice(systems_by_country().get("RU", []) + systems_by_country().get("CN", []))
    rival_maker = next(m for m in manufacturers() if m["name"] == rival["manufacturer"])
    noun = s.rng.choice(NOUNS.get(rival["category"], NOUNS["other"]))
    other = s.pick(["EG", "ES", "SN", "NG", "PL", "GR", "ID", "QA"])
    rival_country = country(rival_maker["country"])
    extra = {"rival_qty": quantity(s.rng.choice([4, 6, 12, 24]), noun, s.rng), "rival_sys": rival["name"],
             "rival_sup": rival_country.the, "rival_sup_of": rival_country.of,
             "other_the": country(other).the, "other_qty": quantity(s.rng.choice([2, 8, 20]), s.noun, s.rng)}
    return fill(s, TRAPS, extra)


def budget_sentences(s: Scene) -> list[str]:
    """A defence-budget paragraph: total, comparison with last year, one sub-line, maybe approximate."""
    year = int(s.extra["budget_year"])
    total = 88.0 + 4.6 * (year - 2015) + s.rng.uniform(-1.5, 1.5)
    prev = total - s.rng.uniform(2.0, 8.0)
    sub = total * s.rng.uniform(0.7, 0.8)
    dh = s.pick(["milliards de dirhams", "milliards de dirhams", "milliards de DH", "MMDH"])
    first = s.pick([
        f"Le projet de loi de finances (PLF) {year} alloue {french_amount(total)} {dh} à l'Administration "
        f"de la Défense nationale, contre {french_amount(prev)} {dh} en {year - 1}.",
        f"Le budget de la défense atteindra {french_amount(total)} {dh} en {year}, selon le PLF {year}.",
        f"Selon le PLF {year}, l'enveloppe consacrée aux FAR s'établit à {french_amount(total)} {dh}, "
        f"en hausse par rapport à l'exercice {year - 1}.",
    ])
    second = s.pick([
        f"Sur cette enveloppe, {french_amount(sub)} {dh} sont destinés à l'acquisition et la réparation "
        f"du matériel des FAR.",
        f"Le compte d'affectation spéciale dédié à l'acquisition du matériel est doté de "
        f"{french_amount(sub)} {dh}.",
        f"Près de {round(total - sub)} {dh} iront aux dépenses de personnel et de fonctionnement.",
    ])
    return [first, second]
