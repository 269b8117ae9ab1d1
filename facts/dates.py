"""Dates in French and English news text: find them, resolve them, keep their precision.

Every form below is a row of ``tests/fixtures/forms/dates.json`` with its expected value;
``benchmarks/date_forms.py`` runs our rules and dateparser on that table (see the README
for the measured result and why each form goes where it goes).

Finding: our own patterns (``find_dates``), over every sentence of every article. A date
keeps the precision it is written with: "24 novembre 2021" is a day, "novembre 2021" or
"novembre dernier" a month, "l'an dernier" a year (``DateMention.precision``).

Resolving is ``facts.date_resolve`` (never from today's date; a date computed from nothing is
worse than no date); the page's own date, from its bylines, is ``facts.page_dates``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from .lexicon import load_json


@lru_cache(maxsize=1)
def date_words() -> dict[str, Any]:
    data: dict[str, Any] = load_json("dates.json")
    return data


def _months() -> dict[str, int]:
    return {k: int(v) for k, v in date_words()["months"].items()}


def _weekdays() -> dict[str, int]:
    return {k: int(v) for k, v in date_words()["weekdays"].items()}


MONTHS = _months()
WEEKDAYS = _weekdays()

_M = "(?:" + "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True)) + ")"
_W = "(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + ")"
_D = r"(?:1er|premier|\d{1,2})(?:st|nd|rd|th|er)?"
_Y = r"(?:19|20)\d{2}"
_NUMSEP = r"[/.-]"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # du 17 au 20 juillet (2022), du 20 mai au 7 juin 2024
    ("range", re.compile(rf"\bdu\s+(?:{_W}\s+)?(?P<day>{_D})(?:\s+(?P<m1>{_M}))?\s+au\s+(?:{_W}\s+)?{_D}\s+(?P<month>{_M})(?:\s+(?P<year>{_Y}))?", re.I)),
    # les 22 et 23 septembre (2025), on 22 and 23 September: the first day
    ("range", re.compile(rf"\b(?:les|on|the)\s+(?P<day>{_D})\s+(?:et|and|&)\s+{_D}\s+(?:of\s+)?(?P<month>{_M})(?:,?\s+(?P<year>{_Y}))?(?![\w-])", re.I)),
    # from 12 to 16 April 2023, between 12 and 16 April 2023: the first day
    ("range", re.compile(rf"\b(?:from|between)\s+(?:the\s+)?(?P<day>{_D})\s+(?:to|until|through|and)\s+(?:the\s+)?{_D}\s+"
                         rf"(?:of\s+)?(?P<month>{_M})(?:,?\s+(?P<year>{_Y}))?(?![\w-])", re.I)),
    # from May 20 to May 31(, 2024)
    ("range", re.compile(rf"\bfrom\s+(?P<month>{_M})\s+(?P<day>{_D})\s+(?:to|until|through)\s+(?:{_M}\s+)?{_D}(?:,?\s+(?P<year>{_Y}))?\b", re.I)),
    # November 13-21(, 2024), 13–21 novembre (2024): the first day
    ("range", re.compile(rf"\b(?P<month>{_M})\s+(?P<day>\d{{1,2}})\s*[-–]\s*\d{{1,2}}(?:,?\s+(?P<year>{_Y}))?(?![\w-])", re.I)),
    ("range", re.compile(rf"(?<![\w/.-])(?P<day>\d{{1,2}})\s*[-–]\s*\d{{1,2}}\s+(?P<month>{_M})(?:\s+(?P<year>{_Y}))?(?![\w-])", re.I)),
    # 2025-05-30
    ("iso", re.compile(rf"\b(?P<year>{_Y})-(?P<month>\d{{2}})-(?P<day>\d{{2}})\b")),
    # English: March 28, 2025 / on Tuesday, March 28 / Mar 6, 2023
    ("en_mdy", re.compile(rf"\b(?:(?P<weekday>{_W}),?\s+)?(?P<month>{_M})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>{_Y}))?(?![\w-])", re.I)),
    # (vendredi) 2 octobre (2020), 29 octobre, 2024, 6th Mar, 2023, le 20 juin courant
    ("dmy", re.compile(rf"\b(?:(?P<weekday>{_W}),?\s+)?(?P<day>{_D})\s+(?:of\s+)?(?P<month>{_M})(?:,?\s+(?P<year>{_Y})|\s+(?P<courant>courant))?(?![\w-])", re.I)),
    # 05/06/2024, 02.09.2022, 09-05-2024, 27 - 11 - 2024 (day first, as in French and British usage)
    ("numeric", re.compile(rf"(?<![\d/.-])(?P<day>\d{{1,2}})(?:{_NUMSEP}|\s[/-]\s)(?P<month>\d{{1,2}})(?:{_NUMSEP}|\s[/-]\s)"
                           rf"(?P<year>{_Y})(?![\d/])")),
    # juillet dernier / juillet prochain / last July / next July
    ("month_rel", re.compile(rf"\b(?:en\s+|au mois de\s+|fin\s+|début\s+|mi-)?(?P<month>{_M})\s+(?P<rel>dernier|prochain)\b", re.I)),
    ("month_rel", re.compile(rf"\b(?P<rel>last|next|this past)\s+(?P<month>{_M})\b", re.I)),
    # en décembre 2020 / fin juin 2022 / December 2020
    ("month_year", re.compile(rf"\b(?P<month>{_M})\s+(?:of\s+)?(?P<year>{_Y})\b", re.I)),
    # fin juin / début juillet / en août / in August (no year)
    ("month_only", re.compile(rf"\b(?P<lead>en|fin|début|debut|mi-|au mois d[e'’]|in|early|late|mid-)\s*(?P<month>{_M})(?![\w-])", re.I)),
    # a bare weekday: mardi, ce mardi, jeudi dernier, lundi prochain, on Monday, last Monday
    ("weekday", re.compile(rf"\b(?:(?P<pre>last|next|this)\s+)?(?P<weekday>{_W})(?:\s+(?P<rel>dernier|prochain))?\b(?!\s+{_D}\s)", re.I)),
    ("relative_day", re.compile(r"\b(?P<word>avant-hier|après-demain|hier|demain|aujourd['’]hui|the day before yesterday|yesterday|today|tomorrow)\b", re.I)),
    # offsets read by dateparser against the publication date
    ("relative", re.compile(r"\b(?:il y a\s+(?:\w+|\d+)\s+(?:jours?|semaines?|mois|ans?|années?)"
                            r"|(?:\w+|\d+)\s+(?:days?|weeks?|months?|years?)\s+ago"
                            r"|(?:le mois|la semaine|l['’]année|l['’]an)\s+(?:dernier|dernière|passée?|précédente?|prochaine?)"
                            r"|(?:last|next|this|past)\s+(?:month|week|year)|cette année|l['’]année en cours)\b", re.I)),
]


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    relative: str | None = None
    resolved: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY once resolved

    @property
    def precision(self) -> str | None:
        """day | month | year, as resolved (None while unresolved)."""
        if self.resolved is None:
            return None
        return {10: "day", 7: "month", 4: "year"}.get(len(self.resolved))


def _day(value: str) -> int:
    value = re.sub(r"(?:st|nd|rd|th|er)$", "", value.lower())
    return 1 if value in ("1", "premier", "") else int(value)


def _month(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value.lower()]


# What each kind of pattern cannot match without: a digit (a year or a numeric day), or a month or
# weekday name standing as a word of its own ("mars", not the start of "Maroc").
_DIGIT = re.compile(r"\d")
_NAME = re.compile(rf"(?<![^\W\d_])(?:{_M}|{_W})(?![^\W\d_])", re.I)
_NEEDS_DIGIT = frozenset({"iso", "numeric", "month_year", "en_mdy"})
_NO_NAME = frozenset({"iso", "numeric", "relative_day", "relative"})


def find_dates(text: str, *, skip_impossible: bool = True) -> list[DateMention]:
    """Every date expression in a sentence, longest first where they overlap.

    ``skip_impossible`` passes over patterns that cannot match (a test checks it changes nothing)."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    has_digit, has_name = _DIGIT.search(text) is not None, _NAME.search(text) is not None
    for kind, pattern in PATTERNS:
        if skip_impossible and ((kind in _NEEDS_DIGIT and not has_digit) or (kind not in _NO_NAME and not has_name)):
            continue  # cannot match: skipping it changes nothing and saves most of the time
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            mention = _mention(kind, m)
            if mention is not None:
                found.append(mention)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


# "En 2024, la Marine royale avait organisé, du 7 au 13 octobre, …": a year set at the head of the sentence
_LEADING_YEAR = re.compile(r"^\W*(?:en|in|during|au cours de l['’]année)\s+((?:19|20)\d\d)\s*,", re.I)


def sentence_year(text: str, mentions: list[DateMention]) -> None:
    """A day and month with no year take the year that opens their sentence ('En 2024, … du 7 au 13
    octobre'), not the page's. Only a leading year scopes the whole sentence: 'Commandés en 2019, …
    livrés le 7 octobre' or 'jusqu'en 2030' date nothing else."""
    m = _LEADING_YEAR.match(text)
    if m is None:
        return
    for d in mentions:
        if d.month and d.day and d.year is None and d.relative is None and d.weekday is None:
            d.year = int(m.group(1))


def _mention(kind: str, m: re.Match[str]) -> DateMention | None:
    g = m.groupdict()
    d = DateMention(m.start(), m.end(), m.group(0), kind)
    try:
        if g.get("month"):
            d.month = _month(g["month"])
        if g.get("day"):
            d.day = _day(g["day"])
        if g.get("year"):
            d.year = int(g["year"])
        if g.get("weekday"):
            d.weekday = WEEKDAYS[g["weekday"].lower()]
        if kind == "range" and g.get("m1"):
            d.month = _month(g["m1"])
    except (KeyError, ValueError):
        return None
    if kind == "month_rel":
        d.relative = {"last": "dernier", "this past": "dernier", "next": "prochain"}.get(g["rel"].lower(), g["rel"].lower())
    elif kind == "weekday":
        rel = (g.get("rel") or g.get("pre") or "").lower()
        d.relative = {"last": "dernier", "next": "prochain", "this": None, "": None}.get(rel, rel)
    elif kind == "relative_day":
        d.relative = g["word"].lower().replace("’", "'")
    elif kind == "relative":
        d.relative = m.group(0).lower().replace("’", "'")
    elif kind == "dmy" and g.get("courant"):
        d.relative = "courant"
    if d.month is not None and not 1 <= d.month <= 12:
        return None
    if d.day is not None and not 1 <= d.day <= 31:
        return None
    if kind == "en_mdy" and d.year is None and d.weekday is None and not _english_month(g["month"]):
        return None  # "mai 5" is not a date; "May 5" / "on March 3" is
    if kind == "month_only" and g["lead"].lower() in ("in", "early", "late", "mid-") and not _english_month(g["month"]):
        return None
    return d


def _english_month(word: str) -> bool:
    return word.lower().rstrip(".") in date_words()["english_months"]


def _valid(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# ---------------------------------------------------------------- what the article says about its own time

class _Sentence(Protocol):
    @property
    def section(self) -> str: ...

    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class ArticleYears:
    """Years an article names: in its title, and anywhere in its own text (teasers excluded)."""

    title: tuple[int, ...] = ()
    body: tuple[int, ...] = ()

    def window(self) -> range | None:
        """Years the article can be about, from its own words; None when it names no year.

        A year in the title fixes the article's time to a year or so ("PLF 2025" is written in
        2024 or 2025). Otherwise the latest year it names (not a target such as "d'ici 2030")
        is a lower bound, and one 28-year calendar cycle above it the most a weekday can tell."""
        if self.title:
            return range(min(self.title) - 1, max(self.title) + 2)
        if self.body:
            latest = max(self.body)
            return range(latest - 1, latest + 28)
        return None


_YEAR = re.compile(r"(?<![\d.,/-])((?:19|20)\d{2})(?![\d])(?!\s*(?:milliards?|millions?|billion|MMDH|DH|dirhams))")


def article_years(sentences: Iterable[_Sentence]) -> ArticleYears:
    future = re.compile(r"(?:" + "|".join(date_words()["future_year_cues"]) + r")\s*$", re.I)
    title: list[int] = []
    body: list[int] = []
    for s in sentences:
        if s.section == "teaser":
            continue
        for m in _YEAR.finditer(s.text):
            if future.search(s.text[max(0, m.start() - 25):m.start()]):
                continue
            (title if s.section == "title" else body).append(int(m.group(1)))
    return ArticleYears(tuple(title), tuple(body))
