"""Small French grammar helpers for the synthetic corpus.

Why: generated articles must read like real ones so the compiler is measured on the
work it really does (number words, country names with their articles, agreeing
adjectives), not on a single repeated sentence.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from facts.lexicon import country_aliases, country_data, country_name

UNITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
         "onze", "douze", "treize", "quatorze", "quinze", "seize"]
TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}
ENGLISH_CAPITALS = {"London", "Seoul", "Moscow", "Beijing", "Lisbon", "Brussels", "Algiers", "Abu Dhabi",
                    "Warsaw", "Athens", "Cairo", "Riyadh", "Tehran", "Kyiv", "Baghdad", "Muscat", "Bucharest",
                    "Baku", "Addis Ababa", "New-Delhi"}
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def number_words(n: int, feminine: bool = False) -> str:
    """French words for 1..999 in the traditional spelling (``trente-six``, ``vingt et un``)."""
    if not 0 < n < 1000:
        raise ValueError(f"number_words handles 1..999, got {n}")
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        head = "cent" if hundreds == 1 else f"{UNITS[hundreds]} cent" + ("s" if rest == 0 else "")
        return head if rest == 0 else f"{head} {number_words(rest, feminine)}"
    if n <= 16:
        word = UNITS[n]
    elif n < 20:
        word = f"dix-{UNITS[n - 10]}"
    elif n < 70:
        tens, unit = divmod(n, 10)
        word = TENS[tens * 10] + ("" if unit == 0 else " et un" if unit == 1 else f"-{UNITS[unit]}")
    elif n < 80:
        word = "soixante et onze" if n == 71 else f"soixante-{number_words(n - 60)}"
    else:
        word = "quatre-vingts" if n == 80 else f"quatre-vingt-{number_words(n - 80)}"
    if feminine and (word == "un" or word.endswith(" un")):
        word += "e"
    return word


@dataclass(frozen=True)
class Noun:
    """A category noun with what agreement needs."""

    singular: str
    plural: str
    feminine: bool
    category: str


NOUNS: dict[str, tuple[Noun, ...]] = {
    "drone": (Noun("drone", "drones", False, "drone"), Noun("drone armé", "drones armés", False, "drone"),
              Noun("drone kamikaze", "drones kamikazes", False, "drone")),
    "helicopter": (Noun("hélicoptère", "hélicoptères", False, "helicopter"),
                   Noun("hélicoptère de combat", "hélicoptères de combat", False, "helicopter")),
    "aircraft": (Noun("avion de combat", "avions de combat", False, "aircraft"),
                 Noun("avion", "avions", False, "aircraft"),
                 Noun("appareil", "appareils", False, "aircraft")),
    "missile": (Noun("missile", "missiles", False, "missile"),
                Noun("missile antichar", "missiles antichar", False, "missile")),
    "air-defence": (Noun("système antiaérien", "systèmes antiaériens", False, "air-defence"),
                    Noun("batterie", "batteries", True, "air-defence")),
    "ship": (Noun("frégate", "frégates", True, "ship"), Noun("patrouilleur", "patrouilleurs", False, "ship"),
             Noun("corvette", "corvettes", True, "ship")),
    "artillery": (Noun("obusier", "obusiers", False, "artillery"),
                  Noun("canon", "canons", False, "artillery")),
    "vehicle": (Noun("char", "chars", False, "vehicle"),
                Noun("véhicule blindé", "véhicules blindés", False, "vehicle")),
    "other": (Noun("radar", "radars", False, "other"), Noun("satellite", "satellites", False, "other")),
}

PLURAL_COUNTRIES = {"US", "AE", "NL"}
BARE_COUNTRIES = {"IL", "SG", "OM", "BH", "KW", "CU", "MT", "CY", "TW"}
MASCULINE_E = {"MX", "KH", "MZ", "ZW", "BZ"}
VOWELS = "AEIOUÉÈÊÎÔYaeiouéèêîôy"


@dataclass(frozen=True)
class Country:
    """A country name with the French article forms a sentence needs."""

    code: str
    name: str  # Turquie
    the: str  # la Turquie
    of: str  # de la Turquie
    to: str  # en Turquie
    with_: str  # avec la Turquie


@cache
def country(code: str) -> Country:
    """French article forms for a country (``les États-Unis``, ``au Brésil``, ``d'Israël``)."""
    name = country_name(code, "fr").replace("’", "'")
    if code in BARE_COUNTRIES:
        of = ("d'" if name[0] in VOWELS else "de ") + name
        return Country(code, name, name, of, f"en {name}" if name[0] in VOWELS else f"à {name}",
                       f"avec {name}")
    if code in PLURAL_COUNTRIES:
        return Country(code, name, f"les {name}", f"des {name}", f"aux {name}", f"avec les {name}")
    feminine = (name.split()[0].endswith("e") and code not in MASCULINE_E) or code == "EU"
    if name[0] in VOWELS:
        to = "au sein de l'Union européenne" if code == "EU" else f"en {name}"
        return Country(code, name, f"l'{name}", f"de l'{name}", to, f"avec l'{name}")
    if feminine:
        return Country(code, name, f"la {name}", f"de la {name}", f"en {name}", f"avec la {name}")
    return Country(code, name, f"le {name}", f"du {name}", f"au {name}", f"avec le {name}")


@cache
def demonym_forms(code: str) -> tuple[str, str, str, str] | None:
    """(masc. sing., fem. sing., masc. pl., fem. pl.) of the French adjective, or None."""
    entry = country_data()["countries"].get(code, {})
    irregular = entry.get("irregular", [])
    if len(irregular) >= 2:
        masc, fem = irregular[0], irregular[1]
        return masc, fem, masc if masc.endswith("s") else masc + "s", fem + "s"
    for base in entry.get("demonyms", []):
        if base[:1].islower():
            if base.endswith("e"):
                return base, base, base + "s", base + "s"
            if base.endswith(("ien", "éen")):
                return base, base + "ne", base + "s", base + "nes"
            if base.endswith(("s", "x")):
                return base, base + "e", base, base + "es"
            return base, base + "e", base + "s", base + "es"
    return None


def adjective(code: str, feminine: bool, plural: bool) -> str | None:
    forms = demonym_forms(code)
    if forms is None:
        return None
    return forms[(2 if plural else 0) + (1 if feminine else 0)]


@cache
def surfaces(code: str, how: str) -> tuple[str, ...]:
    """Alias surfaces of one kind (capital, institution…) for a country, from the lexicon."""
    return tuple(sorted(a.surface for a in country_aliases() if a.country == code and a.how == how))


def capital(code: str, rng: random.Random) -> str | None:
    caps = [c for c in surfaces(code, "capital") if c not in ENGLISH_CAPITALS]
    return rng.choice(caps) if caps else None


def french_amount(value: float) -> str:
    """``124.7`` → ``124,7``; whole numbers lose the decimals."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def quantity(n: int, noun: Noun, rng: random.Random, words_rate: float = 0.45) -> str:
    """``trois drones``, ``36 hélicoptères``, ``une frégate``: digits or words at random."""
    if n == 1:
        return ("une " if noun.feminine else "un ") + noun.singular
    use_words = n < 100 and rng.random() < words_rate
    count = number_words(n, noun.feminine) if use_words else str(n)
    return f"{count} {noun.plural}"


def date_words(year: int, month: int, day: int) -> str:
    return f"{day if day > 1 else '1er'} {MONTHS[month - 1]} {year}"


def weekday(year: int, month: int, day: int) -> str:
    import datetime as dt

    return WEEKDAYS[dt.date(year, month, day).weekday()]
