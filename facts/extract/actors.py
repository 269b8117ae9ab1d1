"""Typed actors: every mention of who may act in a sentence, with its kind and country.

An actor is *Morocco* (its names, demonyms, "Rabat", "le Royaume", its institutions,
forces, offices and officials), *a state* (a country's names, demonyms, capital as
metonymy, institutions such as "le Pentagone"), *a company* (a manufacturer, standing for
its country), *an organisation* (SIPRI, NATO, the UN) or *a place*. Organisations and
places swallow the countries inside their names: "l'Institut … de Stockholm" is not
Sweden, "le détroit de Gibraltar" is not a state. Whether an actor takes part in a frame
(buyer, supplier, counterpart) is decided later, over the sentence's structure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import lexicon as lx
from .mentions import country_mentions, fold_keep, manufacturer_mentions

MOROCCO = "MA"


@dataclass(frozen=True)
class Actor:
    start: int
    end: int
    text: str
    kind: str  # morocco | state | company | org | place
    country: str | None  # ISO2 (EU for the Union) for morocco/state/company/place-in-a-country
    how: str  # name | demonym | capital | institution | code | title | person | company | org | place
    locative: bool = False  # introduced as a place: "en Libye", "à Tunis"

    @property
    def is_morocco(self) -> bool:
        return self.kind == "morocco"

    @property
    def is_state(self) -> bool:
        """A party that can cooperate: a foreign state, or a company standing for one."""
        return self.kind in ("state", "company") and self.country not in (None, MOROCCO)


@lru_cache(maxsize=1)
def actor_data() -> dict[str, Any]:
    data: dict[str, Any] = lx.load_json("actors.json")
    return data


def _folded_regex(words: list[str]) -> re.Pattern[str]:
    folded = sorted({fold_keep(w) for w in words if w}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + lx.trie_pattern(folded) + r")(?![\w-])")


@lru_cache(maxsize=1)
def _morocco_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(case-insensitive forms over folded text, case-sensitive forms, other-kingdom follower)."""
    entry = lx.country_data()["countries"][MOROCCO]
    data = actor_data()["morocco"]
    loose = entry["names"] + [f for d in entry["demonyms"] for f in lx.inflect_demonym(d)]
    strict: list[str] = list(entry["capitals"])
    for form in data["institutions"] + data["titles"] + data["people"] + entry.get("institutions", []):
        (strict if _case_sensitive(form) else loose).append(form)
    others = r"\s+(?:" + "|".join(re.escape(fold_keep(w)) for w in data["other_kingdoms"]) + r")(?![\w])"
    return _folded_regex(loose), lx.alias_regex(strict, True), re.compile(others)


def _case_sensitive(form: str) -> bool:
    """Acronyms and capitalised names must keep their case ('FAR' is not 'far', 'Rabat' a city)."""
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and (form.isupper() or (form[0].isupper() and len(form.split()) == 1))


def morocco_spans(text: str, folded: str) -> list[tuple[int, int, str]]:
    """(start, end, how) of every way the sentence names Morocco."""
    loose, strict, other_kingdom = _morocco_patterns()
    found: list[tuple[int, int, str]] = []
    for m in loose.finditer(folded):
        word = folded[m.start() : m.end()]
        if word.endswith(("royaume", "kingdom", "royaume cherifien")) and other_kingdom.match(folded, m.end()):
            continue
        found.append((m.start(), m.end(), _how_morocco(word)))
    for m in strict.finditer(text):
        if m.group(0) in ("Royaume", "Kingdom") and other_kingdom.match(folded, m.end()):
            continue
        found.append((m.start(), m.end(), _how_morocco(folded[m.start() : m.end()])))
    return _longest_first(found)


@lru_cache(maxsize=1)
def _people() -> frozenset[str]:
    return frozenset(fold_keep(p) for p in actor_data()["morocco"]["people"])


def _how_morocco(word: str) -> str:
    """How a span names Morocco: name, demonym, capital, person (an official) or institution."""
    if word.startswith(("maroc", "morocc", "royaume du", "kingdom of")):
        return "name" if not word.startswith(("marocain", "moroccan")) else "demonym"
    if word == "rabat":
        return "capital"
    return "person" if word in _people() else "institution"


def _longest_first(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[int, int, str]] = []
    for span in spans:
        if out and span[0] < out[-1][1]:
            continue
        out.append(span)
    return out


@lru_cache(maxsize=1)
def _org_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Named organisations (case-sensitive), named places (folded), Moroccan places, name heads."""
    orgs = actor_data()["organisations"]
    places = actor_data()["places"]
    heads = r"(?<![\w-])(?:" + "|".join(map(re.escape, orgs["name_heads"])) + r")\b"
    return (
        lx.alias_regex(orgs["names"], True),
        _folded_regex(places["names"]),
        _folded_regex(places["in_morocco"]),
        re.compile(heads),
    )


# "Institut … de Stockholm", "Times of Israel": up to eight words, no punctuation, then de/du/of
_NAME_TAIL = re.compile(r"(?:\s+[\w'’-]+){0,8}?\s+(?:de|du|des|d'|d’|of)\s*(?:la |l'|l’|the )?$")


def _named_entities(text: str, folded: str, countries: list[tuple[int, int]],
                    moroccos: tuple[tuple[int, int], ...] = ()) -> list[Actor]:
    """Organisations and places, including names that end with a country ('Forum de Dakar').
    ``moroccos``: Morocco's own mentions, which a border noun makes a place too ('près de la
    frontière sud-ouest avec le Maroc': Algeria's exercise there has no Moroccan party)."""
    names, places, home, heads = _org_patterns()
    out = [Actor(m.start(), m.end(), m.group(0), "org", None, "org") for m in names.finditer(text)]
    out += [
        Actor(m.start(), m.end(), text[m.start() : m.end()], "place", None, "place") for m in places.finditer(folded)
    ]
    out += [
        Actor(m.start(), m.end(), text[m.start() : m.end()], "place", MOROCCO, "place") for m in home.finditer(folded)
    ]
    out += _border_places(text, folded, countries + list(moroccos))
    for head in heads.finditer(text):
        for start, end in countries:
            if start > head.end() and _NAME_TAIL.fullmatch(text, head.end(), start):
                out.append(Actor(head.start(), end, text[head.start() : end], "org", None, "org"))
                break
    return out


@lru_cache(maxsize=1)
def _border_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    nouns = actor_data()["places"]["border_nouns"]
    qualified = r"(?:\s+(?:" + lx.alternation(nouns["qualifiers"]) + r")){1,2}\s+(?:avec|de)\s+"
    # "province frontalière du Sahara occidental et du Maroc": the second of two places on the border
    first_of_two = r"(?:(?:l'|la |le |les |du |des )?(?:[\w'-]+\s+){1,3}(?:et|ou)\s+(?:avec\s+|de\s+)?)?"
    before = re.compile(
        r"(?<![\w-])(?:" + lx.alternation(nouns["before"]) + r")(?:\s+(?:(?:avec|de)\s+)?|" + qualified
        + r")" + first_of_two + r"(?:l'|la |le |les |du |des )?$"
    )
    after = re.compile(r"\s+(?:" + lx.alternation(nouns["after"]) + r")\b")
    return before, after


def _border_places(text: str, folded: str, countries: list[tuple[int, int]]) -> list[Actor]:
    """'près de la frontière algérienne', 'near the Algerian border': the country as a place."""
    before, after = _border_patterns()
    out = []
    for start, end in countries:
        head = before.search(folded, max(0, start - 70), start)
        if head is not None:
            out.append(Actor(head.start(), end, text[head.start() : end], "place", None, "place"))
        elif after.match(folded, end):
            tail = after.match(folded, end)
            assert tail is not None
            out.append(Actor(start, tail.end(), text[start : tail.end()], "place", None, "place"))
    return out


# "Maroc-UE", "Morocco–Israel", "UE/Maroc": two parties joined by a dash or a slash
_PAIR = re.compile(
    r"(?<![\w-])([A-ZÀ-Ý][\w'’.]*(?:[ -][A-ZÀ-Ý][\w'’.]*)?)\s?[-–/]\s?([A-ZÀ-Ý][\w'’.]*(?:[ -][A-ZÀ-Ý]"
    r"[\w'’.]*)?)(?![\w])"
)


def _pairs(text: str, folded: str) -> list[Actor]:
    out = []
    for m in _PAIR.finditer(text):
        # each side whole, or only its word next to the dash ("the U.S.-Morocco Defense Consultative Committee")
        left = [(m.start(1), m.end(1)), (text.rfind(" ", m.start(1), m.end(1)) + 1, m.end(1))]
        right = [(m.start(2), m.end(2)), (m.start(2), _first_word_end(text, m.start(2), m.end(2)))]
        found = [next((a for a in (_single(text, folded, s, e) for s, e in side) if a is not None), None)
                 for side in (left, right)]
        if all(found) and any(a is not None and a.is_morocco for a in found):
            out += [a for a in found if a is not None]
    return out


def _first_word_end(text: str, start: int, end: int) -> int:
    space = text.find(" ", start, end)
    return end if space < 0 else space


def _single(text: str, folded: str, start: int, end: int) -> Actor | None:
    """The actor a whole fragment names, if it names exactly one."""
    piece, piece_folded = text[start:end], folded[start:end]
    spans = morocco_spans(piece, piece_folded)
    if spans and spans[0][:2] == (0, len(piece)):
        return Actor(start, end, piece, "morocco", MOROCCO, spans[0][2])
    for m in country_mentions(piece, piece_folded):
        if (m.start, m.end) == (0, len(piece)):
            return Actor(start, end, piece, "company" if m.how == "manufacturer" else "state", m.country, m.how)
    return None


# "maroco-américain", "israélo-marocaine": Morocco is one half of a compound adjective
_MOROCCO_HALF = re.compile(r"(?<![\w-])maroco(?=-\w)|(?<=o-)marocaine?s?(?![\w-])")


def _compound_halves(folded: str) -> list[Actor]:
    return [
        Actor(m.start(), m.end(), m.group(0), "morocco", MOROCCO, "demonym") for m in _MOROCCO_HALF.finditer(folded)
    ]


def find_actors(text: str, folded: str | None = None) -> list[Actor]:
    """Every actor mention of a sentence, longest first where they overlap, in text order."""
    from .actor_filters import names_no_party

    folded = fold_keep(text) if folded is None else folded
    mentions = country_mentions(text, folded)
    home = morocco_spans(text, folded)
    named = _named_entities(text, folded, [(m.start, m.end) for m in mentions],
                           tuple((s, e) for s, e, _ in home))
    candidates: list[Actor] = list(named) + _pairs(text, folded) + _compound_halves(folded)
    for start, end, how in home:
        candidates.append(Actor(start, end, text[start:end], "morocco", MOROCCO, how))
    for m in mentions:
        kind = "company" if m.how == "manufacturer" else "state"
        end = _ship_name_end(text, m.text, m.end, {o.start for o in mentions} | {s for s, _, _ in home})
        candidates.append(Actor(m.start, end, text[m.start : end], kind, m.country, m.how, m.place))
    for start, end, name, country in manufacturer_mentions(text):
        candidates.append(Actor(start, end, name, "company", country, "company"))
    actors = _owned_institutions(_resolve_overlaps(candidates), text)
    actors = [a for a in actors if not names_no_party(a, text, folded)]
    return _serving_an_organisation(_one_company_name(actors, text), text)


_NAME_WORD = re.compile(r"\s+(?:(?:of|de|del|la)\s+)?[A-Z][\w'’-]*\.?")


@lru_cache(maxsize=1)
def _ship_prefixes() -> frozenset[str]:
    """Read once: every mention asks (reading countries.json each time cost a third of find_actors)."""
    return frozenset(lx.load_json("countries.json")["ship_prefixes"])


def _ship_name_end(text: str, code: str, end: int, others: set[int]) -> int:
    """'USS Dwight D. Eisenhower', 'HMS Prince of Wales': a navy's prefix and the capitalised name after it
    (three words at most, no other mention: 'USNS Yuma Visits Morocco') are one mention."""
    if code not in _ship_prefixes():
        return end
    for _ in range(3):
        m = _NAME_WORD.match(text, end)
        if m is None or any(end < o < m.end() for o in others):
            break
        end = m.end()
    return end - 1 if text[end - 1] == "." and not re.search(r"\b[A-Z]\.$", text[:end]) else end


def _one_company_name(actors: list[Actor], text: str) -> list[Actor]:
    """'Lockheed Martin Aeronautics': a company's name that runs on into another maker's name is one
    company (its division), not two makers."""
    out: list[Actor] = []
    for actor in actors:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == actor.kind == "company" and text[prev.end : actor.start] == " ":
            continue
        out.append(actor)
    return out


def home_institutions(infos: Sequence[Any]) -> None:
    """'the Inspector of the Royal Navy' in a Moroccan page is the Marine royale: a force name Morocco
    shares with another state (``shared_institutions``) is Morocco's, in place, when the article names
    that state nowhere else (its teasers aside: they are other articles)."""
    shared = _shared_institutions()
    named: set[str | None] = set()
    found: list[tuple[Any, int]] = []
    for info in infos:
        if info.section == "teaser":
            continue
        _lower_case_forms(info, shared)
        for k, actor in enumerate(info.actors):
            if actor.how == "institution" and fold_keep(actor.text) in shared:
                found.append((info, k))
            else:
                named.add(actor.country)
    for info, k in found:
        actor = info.actors[k]
        if actor.country not in named:
            info.actors[k] = Actor(actor.start, actor.end, actor.text, "morocco", MOROCCO, "institution")


@lru_cache(maxsize=1)
def _shared_institutions() -> dict[str, str]:
    """Folded shared name → the other state that countries.json gives it to."""
    names = {fold_keep(n) for n in actor_data()["morocco"]["shared_institutions"]}
    return {fold_keep(i): code for code, entry in lx.country_data()["countries"].items()
            for i in entry.get("institutions", []) if fold_keep(i) in names}


def _lower_case_forms(info: Any, shared: dict[str, str]) -> None:
    """'the Royal navy' (Moroccan pages do not always capitalise it): the shared name in any case, where
    no actor covers it, as the other state's institution (``home_institutions`` then decides whose)."""
    for name, country in shared.items():
        for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", info.folded):
            if not any(a.start < m.end() and m.start() < a.end for a in info.actors):
                info.actors.append(Actor(m.start(), m.end(), info.text[m.start() : m.end()], "state", country,
                                         "institution"))
    info.actors.sort(key=lambda a: a.start)


def _owned_institutions(actors: list[Actor], text: str) -> list[Actor]:
    """'the Moroccan Royal Navy', 'la Royal Air Force marocaine' stand for the demonym's state: a
    navy or an air force named like another state's is that state's only when nothing says whose."""
    out: list[Actor] = []
    for actor in actors:
        before = out[-1] if out else None
        if (
            actor.how == "institution"
            and before is not None
            and before.how == "demonym"
            and before.country != actor.country
            and not text[before.end : actor.start].strip()
        ):
            out[-1] = Actor(before.start, actor.end, text[before.start : actor.end], before.kind, before.country,
                            "institution")
            continue
        out.append(actor)
    return out


_OFFICE_AFTER = re.compile(
    r"\s*(?:[A-Z][\w.'’-]*\s+){0,4}\)?\s*,\s*(?:(?:le|la|l'|l’|the|a|an)\s*)?([^\W\d_][\w'’-]*)"
)
_NATIONALITY_BEFORE = re.compile(r"(?:\bde|\bd['’]|\bdu|\bof|\bfrom)\s*(?:la\s+|l['’]\s*|the\s+)?$", re.I)


@lru_cache(maxsize=1)
def _offices() -> tuple[frozenset[str], frozenset[str]]:
    """Person nouns (officials) and the envoys among them, folded."""
    data = actor_data()
    people = frozenset(fold_keep(w.lower()) for w in data["force_nouns"]["person"])
    return people, frozenset(fold_keep(w.lower()) for w in data["organisations"]["envoys"])


def _serving_an_organisation(actors: list[Actor], text: str) -> list[Actor]:
    """'le général X de l'Uruguay, conseiller militaire … de l'ONU', 'Gen. X of Uruguay, military adviser
    to the UN': the official's country is his nationality; he acts for the organisation named in his
    office, so his country is no party. Envoys ('représentant permanent auprès de l'ONU') still speak
    for their state."""
    people, envoys = _offices()
    out: list[Actor] = []
    for n, actor in enumerate(actors):
        after = actors[n + 1] if n + 1 < len(actors) else None
        if actor.kind == "state" and after is not None and after.kind == "org":
            between = text[actor.end : after.start]
            office = _OFFICE_AFTER.match(between)
            introduced = actor.how == "demonym" or _NATIONALITY_BEFORE.search(text[: actor.start])
            if (
                office is not None
                and introduced
                and not re.search(r"[.;:!?]", between)
                and len(between.split()) <= 16
                and fold_keep(office.group(1).lower()) in people - envoys
            ):
                continue
        out.append(actor)
    return out


def _resolve_overlaps(candidates: list[Actor]) -> list[Actor]:
    """Longest mention wins; an organisation or place name hides the countries inside it."""
    rank = {"org": 0, "place": 0, "morocco": 1, "company": 2, "state": 3}
    candidates.sort(key=lambda a: (a.start, -(a.end - a.start), rank[a.kind]))
    out: list[Actor] = []
    for actor in candidates:
        if out and actor.start < out[-1].end:
            continue
        out.append(actor)
    return out
