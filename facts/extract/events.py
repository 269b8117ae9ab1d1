"""Events: dated meetings, agreements, visits, exercises, training, orders and deliveries.

An event is a cooperation frame that pairs Morocco with a partner (see ``partners``) and
has a date that resolves (see ``facts.dates``) in its own complements or, failing that,
in its sentence. Its type follows the frame's relation (an acquisition frame is an order
or a delivery). People come from the French spaCy model's PER entities, run only on these
few sentences; exercise names from "exercice … « African Lion 2022 »".
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from .. import lexicon as lx
from ..dates import MONTHS, WEEKDAYS, DateMention
from ..models import Event
from .context import Context, SentenceInfo, sentence_language
from .frames import FrameHit
from .mentions import fold_keep, folded_country_surfaces, folded_system_names
from .nouns import noun_kind
from .partners import cooperation_pairs

_WORDS = lx.grammar()
_NAMING = [re.escape(s) + r"\w*" for s in _WORDS["naming_verbs"]["fr_stems"]]  # 'baptisé', 'appelée'
_NAMING += [re.escape(w) for w in _WORDS["naming_verbs"]["en"]]
NAMED = re.compile(
    r"(?:" + "|".join(_NAMING) + r")\s+"
    r"[«“\"]?\s*(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}(?:\s+\d{4})?)"
)
EXERCISE = re.compile(
    r"(?:exercice|exercise|manoeuvres?)\s+(?:(?:militaire|military|conjoint|multinational|maroco-\w+|annuel|annual|joint"
    r"|[a-zéèêàâîïôûç-]+(?:é|ée|al|aux|el|aire|ique|if|ive)s?)\s+){0,3}(?:[«“\"]\s*)?"
    r"(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}(?:\s+\d{4})?)"
)
PLACE = re.compile(r"\b(?P<prep>à|a|in|at)\s+(?P<place>[A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)?)")
RELATION_TYPE = {
    "agreement": "agreement",
    "meeting": "meeting",
    "visit": "visit",
    "exercise": "exercise",
    "training": "training",
    "industry": "agreement",
    "cooperation": "other",
}
STATUS_TYPE = {"delivered": "delivery", "donated": "delivery", "ordered": "order", "approved": "order"}
TYPE_RANK = ("agreement", "exercise", "delivery", "order", "meeting", "visit", "training", "other")


def extract(ctx: Context) -> list[Event]:
    out: list[Event] = []
    seen: dict[tuple[str, str], Event] = {}
    named_years = {int(m.group("year")) % 100 + 2000 for i in ctx.infos for m in NAME_YEAR.finditer(i.text)}
    named_years |= {int(m.group("year")) % 100 + 2000  # "Flintlock 2017" named once, "commenced on 27 February"
                    for i in ctx.infos if i.section != "teaser" for m in _known_name_year().finditer(i.folded)}
    article_year = named_years.pop() if len(named_years) == 1 else None  # the one named exercise's year
    for info in ctx.infos:
        pairs = cooperation_pairs(ctx, info)
        if not pairs:
            continue
        by_hit: dict[int, tuple[FrameHit, list[str]]] = {}
        for p in pairs:
            by_hit.setdefault(id(p.hit), (p.hit, []))[1].append(p.country)
        for hit, countries in _strongest_first(by_hit.values()):
            countries = list(dict.fromkeys(countries))
            for date in _dates(info, hit, article_year) or _announced(ctx, info, hit):
                assert date.resolved is not None
                key = (date.resolved, ",".join(sorted(countries)))  # the same parties in another order
                exercise = _exercise_name(info, hit)
                names = [n for n in info.people
                         if not _is_thing(n, exercise) and _looks_like_name(n) and not _names_a_place_or_ship(info, n)]
                if key in seen:  # the same event told twice: keep the first telling, gather who took part
                    first = seen[key]
                    first.people = list(dict.fromkeys(first.people + names))
                    first.place = first.place or _place(info, ctx.lang)
                    continue
                seen[key] = Event(
                    date.resolved, _type(hit), countries, ctx.evidence(info), _place(info, ctx.lang), names, exercise
                )
                out.append(seen[key])
    return _merge_precisions(_merge_parties(out))


def _merge_parties(events: list[Event]) -> list[Event]:
    """'Les manœuvres X réunissent les FAR et les forces de Y': the exercise (with its leader) and the
    meeting verb tell one event; the same day in the same sentence with fewer parties is that event."""
    kept: list[Event] = []
    for event in events:
        same = [k for k in kept if k.date == event.date and k.evidence == event.evidence]
        wider = next((k for k in same if set(event.countries) <= set(k.countries)), None)
        if wider is not None:
            wider.people = list(dict.fromkeys(wider.people + event.people))
            continue
        for k in (k for k in same if set(k.countries) < set(event.countries)):
            kept.remove(k)
            event.people = list(dict.fromkeys(k.people + event.people))
        kept.append(event)
    return kept


_ANNOUNCED = {lang: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in _WORDS["announcement_words"][lang]) + r")")
              for lang in ("fr", "en")}


def _announced(ctx: Context, info: SentenceInfo, hit: FrameHit) -> list[DateMention]:
    """'The State Department has approved Morocco's request … .' then 'The DSCA announced the news on
    April 14': an approval, an order or a gift is news the day it is made public, so an undated one
    (not told in the pluperfect) takes the one date of the next sentence when that sentence reports
    the announcement and tells no other cooperation."""
    if hit.status not in ("approved", "ordered", "donated") or info.dates or any(
            p.earlier for p in [hit.pred, *hit.governors]):
        return []
    nxt = ctx.infos[info.sentence.idx + 1] if info.sentence.idx + 1 < len(ctx.infos) else None
    if nxt is None or nxt.section != info.section:
        return []
    lang = sentence_language(nxt, ctx.lang)
    dates = [d for d in nxt.dates if d.resolved and d.precision in ("day", "month")]
    if len({d.resolved for d in dates}) != 1 or not _ANNOUNCED["fr" if lang == "fr" else "en"].search(nxt.folded):
        return []
    if any(p.hit.spec.relation != "acquisition" for p in cooperation_pairs(ctx, nxt)):
        return []
    if any(s.name not in {i.name for i in hit.items} for s in nxt.systems if not s.unnamed):
        return []  # "… had announced on November 20, 2019, that the sale of 36 AH-64E …": a sale of its own
    return dates[:1]


def _strongest_first(items: Any) -> list[tuple[FrameHit, list[str]]]:
    return sorted(items, key=lambda pair: TYPE_RANK.index(_type(pair[0])))


def _type(hit: FrameHit) -> str:
    if hit.spec.relation == "acquisition":
        return STATUS_TYPE.get(hit.status or "", "order")
    return RELATION_TYPE.get(hit.spec.relation, "other")


# "Abidjan, 11 mai 2025 (AIP)- …": the dispatch's place and date, not the event's
DATELINE = re.compile(r"^[A-ZÀ-Ý][\w'’ .-]{1,30},\s*[^()\-–—,]{4,30}?\s*(?:\([^)]{1,20}\))?\s*[-–—]")


def _dates(info: SentenceInfo, hit: FrameHit, article_year: int | None = None) -> list[DateMention]:
    """Dates in the frame's own complements; else the sentence's when it has one date only."""
    spans = [(a.start, a.end) for a in hit.pred.args]
    # "Airmen from … and the U.S. Air Force united at Ben Guerir, April 15, for … a training exercise": the
    # light verb that lends the frame its parties lends it its time too
    if hit.pred.pos == "noun" and not hit.recalled:  # not "fait ses essais le 12 mai 2013, avant d'être
        # transférée", nor "Cette réunion intervient alors que … en janvier 2025": another event
        spans += [(a.start, a.end) for g in hit.governors[:1] if g.kind == "light" for a in g.args
                  if a.frame_noun is None and a.marker not in ("subj", "obj", "advmod", "advcl", "ccomp")]
    resolved = [d for d in info.dates if d.resolved]
    dateline = DATELINE.match(info.text)
    if dateline is not None and any(d.start >= dateline.end() for d in resolved):
        resolved = [d for d in resolved if d.start >= dateline.end()]  # the sentence dates the event itself
    resolved = [d for d in resolved if not _dates_a_document(info.folded[: d.start])]
    named = _months_of_named_exercise(info, hit, article_year)
    if named and all((d.precision == "year" and d.year == named[0].year) or d.year is None for d in resolved):
        # "«Chergui 2025», qui a eu lieu en octobre": October of that year; "African Lion 2024 se déroule
        # du 17 au 20 juillet" in a page of 2023: the year the name writes beats the one the page implies
        return named
    own = [d for d in resolved if any(s <= d.start < e for s, e in spans) or _its_relative(info, hit, d)]
    if own or hit.recalled:  # "Cette réunion intervient … après l'arrivée en mars des Apache": not its date
        return own[:1]
    return resolved if len({d.resolved for d in resolved}) == 1 else []


_RELATIVE_OPENING = re.compile(r"\s*,?\s*(?:qui|which|that)\s+(?:[\w'-]+\s+){0,3}$")


def _its_relative(info: SentenceInfo, hit: FrameHit, date: DateMention) -> bool:
    """'cet entraînement, qui se déroule du 2 au 13 mars': the date of a relative clause on the frame's noun."""
    return hit.pred.pos == "noun" and date.start > hit.pred.end and bool(
        _RELATIVE_OPENING.fullmatch(info.folded[hit.pred.end : date.start]))


_SOURCE_DATES = _WORDS["another_clause"]["source_dates"]
_DOCUMENT_DATE = re.compile(rf"\b(?:{lx.alternation(_SOURCE_DATES['nouns'])})\s+(?:[\w'-]+\s+){{0,3}}?"
                            rf"(?:{lx.alternation(_SOURCE_DATES['participles'])})\s+(?:in|on|en|le|du|au)?\s*$")


def _dates_a_document(before: str) -> bool:
    """'A report released in September found that Morocco buys …': the date is the report's."""
    return bool(_DOCUMENT_DATE.search(before[-80:]))


# "«Chebec 25»", "« Chergui 2025 »", "African Lion 2024": an exercise's name carries its year
NAME_YEAR = re.compile(r"[«“\"]\s*[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}\s+(?P<year>(?:20)?\d\d)\s*[»”\"]")


def _months_of_named_exercise(info: SentenceInfo, hit: FrameHit, article_year: int | None = None) -> list[DateMention]:
    """'«Chebec 25» a eu lieu en novembre dernier' in an undated page: the month (and day) the sentence
    gives, in the year the exercise's own name gives, here or, for an undated sentence, in the one
    exercise name with a year the article gives (nothing when no name has a year)."""
    if not any(h.spec.relation == "exercise" for h in [hit, *info.frames.hits]):
        return []  # "Les manœuvres X 2020 réunissent les FAR et …": the meeting verb tells the exercise too
    years = {int(m.group("year")) % 100 + 2000 for m in NAME_YEAR.finditer(info.text)}
    years |= {d.year for d in info.dates if d.year and d.month is None
              and any(fold_keep(e["name"]) in info.folded[max(0, d.start - 25) : d.start] for e in lx.exercises())}
    years |= {int(m.group("year")) % 100 + 2000 for m in _known_name_year().finditer(info.folded)}  # "Flintlock 2021"
    if not years and article_year is not None and not any(d.resolved for d in info.dates):
        years = {article_year}  # "depuis le 3 novembre dernier" … next sentence: "«Desert Mountain 2022»"
    months = [d for d in info.dates if d.month and d.year is None]  # "en novembre", "depuis le 3 novembre"
    if len(years) != 1 or not months:
        return []
    year, d = years.pop(), months[0]
    day = f"-{d.day:02d}" if d.day else ""
    return [replace(d, year=year, resolved=f"{year}-{d.month:02d}{day}")]


@lru_cache(maxsize=1)
def _known_name_year() -> re.Pattern[str]:
    """A recurring exercise's name followed by its year, unquoted: 'African Lion 2024', 'Flintlock 21'."""
    names = lx.alternation([fold_keep(e["name"]) for e in lx.exercises()])
    return re.compile(rf"\b(?:{names})\s+(?P<year>(?:20)?\d\d)\b")


def _exercise_name(info: SentenceInfo, hit: FrameHit) -> str | None:
    m = EXERCISE.search(info.text) or (NAMED.search(info.text) if hit.spec.relation == "exercise" else None)
    return m.group("name") if m else None


PARTICLES = frozenset(_WORDS["name_particles"]["words"])  # "ben", "von": lower case inside a name


def _looks_like_name(name: str) -> bool:
    tokens = name.split()
    return (
        2 <= len(tokens) <= 5
        and not re.search(r"\d", name)
        and all(t[0].isupper() or t.lower() in PARTICLES for t in tokens)
        and tokens[0][0].isupper()
    )


def _is_thing(name: str, exercise: str | None) -> bool:
    """spaCy's PER label also lands on exercises, systems and countries: those are not people."""
    key = fold_keep(name)
    if exercise and key in fold_keep(exercise):
        return True
    if any(fold_keep(e["name"]) in key for e in lx.exercises()):
        return True
    return key in folded_system_names() or key in folded_country_surfaces()


def _names_a_place_or_ship(info: SentenceInfo, name: str) -> bool:
    """'the Ksar Sghir naval base', 'la base navale de Ksar Sghir': the parser's person is a place;
    'SIGMA Class frigate', 'the frigate, Sultan Moulay Ismail,': a ship or its class."""
    for m in re.finditer(re.escape(name), info.text):
        after = re.findall(r"[\w'’-]+", info.text[m.end() :])[:2]
        before = re.findall(r"[\w'’-]+", info.text[: m.start()])[-3:]
        if any(noun_kind(" ".join(after[:n])) == "site" for n in (1, 2)):
            return True
        if name.split()[-1].lower() == "class" or before and noun_kind(before[-1]) == "item":
            return True
        if before and before[-1].lower() in ("de", "of") and any(
                noun_kind(" ".join(before[k:-1])) == "site" for k in (0, 1) if before[k:-1]):
            return True
        if _beside_a_place(info, m.start(), m.end()):
            return True
    return bool(set(fold_keep(name).split()) & _geographic())


_LIST_JOINT = re.compile(r"\s*(?:,|\bet\b|\band\b)\s*")


def _beside_a_place(info: SentenceInfo, start: int, end: int) -> bool:
    """'Agadir, Tan-Tan, Al Mahbès, Tiznit': a name listed beside a place is a place."""
    for place in (a for a in info.actors if a.kind == "place"):
        between = info.text[place.end : start] if place.end <= start else info.text[end : place.start]
        if (place.end <= start or place.start >= end) and _LIST_JOINT.fullmatch(between):
            return True
    return False


@lru_cache(maxsize=1)
def _geographic() -> frozenset[str]:
    """'the Alboran Sea', 'le détroit de Gibraltar': names of places, whatever the parser labels them."""
    return frozenset(lx.grammar()["geographic_nouns"]["words"])


_TOLD = re.compile(r"(?<![\w'])(?:" + lx.alternation(_WORDS["reporting_verbs"]["fr"]) + r")\s*$")


def _place(info: SentenceInfo, lang: str) -> str | None:
    """The first 'à Rabat', 'in Washington' of the sentence; 'commandé à Airbus Helicopters' names a
    company, not a place."""
    for m in PLACE.finditer(info.text):
        start, end = m.span("place")
        if m.group("prep") == "a" and sentence_language(info, lang) == "en":
            continue  # the English article: "in a December 2020 deal"
        if m.group("place").split()[0].lower() in MONTHS or m.group("place").split()[0].lower() in WEEKDAYS:
            continue  # "in December", "à Lundi": a time, not a place
        if any(a.kind in ("company", "org") and a.start < end and start < a.end for a in info.actors):
            continue
        if _TOLD.search(info.folded[max(0, m.start() - 30) : m.start()]):
            continue  # "révèle à Yabiladi une source": who was told, not where
        place = m.group("place")
        known = next((a for a in info.actors if a.start == start and a.end < end), None)
        if known is not None and not any(a.start == start and a.end == end for a in info.actors):
            place = info.text[start : known.end]  # "à Rabat Ahmet Kaya, attaché …": the town, not the name after it
        return place if place.split()[0] not in ("La", "Le", "Les", "L'", "The") else None
    return None


def _merge_precisions(events: list[Event]) -> list[Event]:
    """One visit told as "en juillet dernier" and "du 17 au 20 juillet" is one event: keep the exact day."""
    days = [e for e in events if len(e.date) == 10]
    kept = []
    for event in events:
        finer = next(
            (
                d
                for d in days
                if len(event.date) == 7
                and d.date.startswith(event.date)
                and d.countries == event.countries
                and d.type == event.type
            ),
            None,
        )
        if finer is None:
            kept.append(event)
            continue
        finer.people = list(dict.fromkeys(event.people + finer.people))
        finer.place = finer.place or event.place
    return kept
