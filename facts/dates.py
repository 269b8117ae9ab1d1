"""Dates in French and English news text: find them, resolve them, keep their precision.

Every form below is a row of ``tests/fixtures/forms/dates.json`` with its expected value;
``benchmarks/date_forms.py`` runs our rules and dateparser on that table (see the README
for the measured result and why each form goes where it goes).

Finding: our own patterns (``find_dates``), over every sentence of every article. A date
keeps the precision it is written with: "24 novembre 2021" is a day, "novembre 2021" or
"novembre dernier" a month, "l'an dernier" a year (``DateMention.precision``).

Resolving (``resolve``) never looks at today's date. A date computed from nothing is worse
than no date, so:

- A full date is itself.
- Relative dates resolve against the publication date only. Offsets ("hier", "il y a trois
  jours", "le mois dernier", "l'année dernière", "last year", "3 days ago") go to
  dateparser with the publication date as its base; its ``period`` is the precision (a
  week gives no date). Our own rules handle what dateparser gets wrong: a bare weekday
  ("mardi" on a Tuesday is that day; dateparser says a week earlier), "juillet dernier" /
  "last July", "en août", "l'an dernier" / "l'an passé", "le 20 juin courant".
  With no publication date, none of them gives a date.
- A weekday with a day and a month but no year ("vendredi 2 octobre") takes the year in
  which the weekday fits: near the publication date when there is one; otherwise only a
  year the article itself fixes — a year in its title ("African Lion 2024", "PLF 2025"),
  a full date nearby, or several such dates that fit together (within a year) in one year
  only, among the years the article could be written in (from the years it names). A
  day and month with neither weekday nor year is placed only by publication or by a full
  date nearby.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
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


# ---------------------------------------------------------------- resolution

def resolve(mentions: Iterable[DateMention], published: dt.date | None,
            years: ArticleYears | None = None, page_month: str | None = None) -> None:
    """Fill ``resolved`` on each mention of one article, in place. Never reads today's date."""
    mentions = list(mentions)
    years = years or ArticleYears()
    for x in mentions:
        x.resolved = _resolve_one(x, published)
    if published is None and page_month:
        _dates_of_the_page_month(mentions, page_month)
    anchors = [dt.date.fromisoformat(x.resolved) for x in mentions
               if x.resolved and len(x.resolved) == 10 and x.year]
    if published is not None:
        _weekday_dates_near(mentions, published, anchors)
    else:
        _weekday_dates_from_article(mentions, years, anchors)


def _dates_of_the_page_month(mentions: list[DateMention], page_month: str) -> None:
    """A page dated by its month alone ('— 2022-05'): a day of that month ('on April 14') is in that
    year, as a publication date would place it; given with a weekday ('Ce mardi 24 mai'), only when the
    weekday agrees with that year and with no year around it."""
    year, month = int(page_month[:4]), int(page_month[5:7])
    for x in mentions:
        if x.resolved or x.year or x.month != month or not x.day or x.relative:
            continue
        day = _valid(year, month, x.day)
        agrees = x.weekday is None or [d.year for d in _fits(x, range(year - 1, year + 2))] == [year]
        if day is not None and agrees:
            x.resolved = day.isoformat()


def _resolve_one(x: DateMention, pub: dt.date | None) -> str | None:
    if x.year and x.month and x.day:
        date = _valid(x.year, x.month, x.day)
        return date.isoformat() if date else None
    if x.year and x.month:
        return f"{x.year:04d}-{x.month:02d}"
    if pub is None:
        return None
    if x.kind == "month_rel" and x.month:
        if x.relative == "dernier":
            year = pub.year if x.month < pub.month else pub.year - 1
        else:
            year = pub.year if x.month > pub.month else pub.year + 1
        return f"{year:04d}-{x.month:02d}"
    if x.kind == "month_only" and x.month:
        year = pub.year if x.month <= pub.month else pub.year - 1
        return f"{year:04d}-{x.month:02d}"
    if x.kind == "weekday" and x.weekday is not None:
        return _bare_weekday(x, pub).isoformat()
    if x.kind == "relative_day":
        shift = {"avant-hier": -2, "the day before yesterday": -2, "hier": -1, "yesterday": -1,
                 "demain": 1, "tomorrow": 1, "après-demain": 2}.get(x.relative or "", 0)
        return (pub + dt.timedelta(days=shift)).isoformat()
    if x.kind == "relative":
        return relative_offset(x.relative or "", pub)
    if x.kind == "dmy" and x.relative == "courant" and x.month and x.day:
        date = _valid(pub.year, x.month, x.day)
        return date.isoformat() if date else None
    return None


def _bare_weekday(x: DateMention, pub: dt.date) -> dt.date:
    """'mardi' in an article of a Tuesday is that Tuesday; else the latest one before.
    'mardi dernier' is strictly before, 'mardi prochain' strictly after."""
    assert x.weekday is not None
    if x.relative == "prochain":
        ahead = (x.weekday - pub.weekday()) % 7 or 7
        return pub + dt.timedelta(days=ahead)
    back = (pub.weekday() - x.weekday) % 7
    if x.relative == "dernier" and back == 0:
        back = 7
    return pub - dt.timedelta(days=back)


def relative_offset(expression: str, pub: dt.date) -> str | None:
    """An offset from the publication date, at the precision the words give (day, month, year).
    Own rules for the forms dateparser misses ("l'an dernier", "l'an passé"); dateparser for the rest."""
    own = date_words()["relative_years"]
    key = re.sub(r"\s+", " ", expression.lower().replace("’", "'")).strip()
    if key in own:
        return f"{pub.year + int(own[key]):04d}"
    parsed = _dateparser_relative(key, pub)
    if parsed is None:
        return None
    date, period = parsed
    if period == "day":
        return date.isoformat()
    if period == "month":
        return f"{date.year:04d}-{date.month:02d}"
    if period == "year":
        return f"{date.year:04d}"
    return None  # a week is no date we keep


@lru_cache(maxsize=4096)
def _dateparser_relative(expression: str, pub: dt.date) -> tuple[dt.date, str] | None:
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=["fr", "en"], settings={
        "RELATIVE_BASE": dt.datetime(pub.year, pub.month, pub.day), "PREFER_DATES_FROM": "past"})
    data = parser.get_date_data(expression)
    if data.date_obj is None or data.period is None:
        return None
    return data.date_obj.date(), str(data.period)


SOON = 45  # days after publication within which a day and month is an announced date


def _weekday_dates_near(mentions: list[DateMention], pub: dt.date, anchors: list[dt.date]) -> None:
    """With a publication date: a weekday-and-day date lies within a year before it (or half a
    year after: an announced exercise); a plain day and month is the latest on or before it,
    unless it falls in the next SOON days — "une visite les 22 et 23 septembre" published on 22
    September is this week's, not last year's ("prochain": the next one after it)."""
    open_ = [x for x in mentions if x.resolved is None and x.month and x.day and not x.year]
    first, last = pub - dt.timedelta(days=366), pub + dt.timedelta(days=183)
    weekdayed = [x for x in open_ if x.weekday is not None]
    cands = [[d for d in _fits(x, range(pub.year - 1, pub.year + 2)) if first <= d <= last] for x in weekdayed]
    for x, date in zip(weekdayed, _closest_assignment(cands, anchors + [pub], unique=False), strict=True):
        x.resolved = date.isoformat() if date else None
    for x in open_:
        if x.weekday is not None:
            continue
        years = range(pub.year - 1, pub.year + 2)
        soon = [d for d in _fits(x, years) if pub < d <= pub + dt.timedelta(days=SOON)]
        options = [d for d in _fits(x, years) if d <= pub] if x.relative != "prochain" else \
            [d for d in _fits(x, years) if d > pub]
        if soon and x.relative is None:
            x.resolved = soon[0].isoformat()
        elif options:
            x.resolved = (max(options) if x.relative != "prochain" else min(options)).isoformat()


def _weekday_dates_from_article(mentions: list[DateMention], years: ArticleYears, anchors: list[dt.date]) -> None:
    """Without a publication date: only what the article fixes (see the module docstring)."""
    window = years.window()
    if window is None:
        return
    open_ = [x for x in mentions if x.resolved is None and x.month and x.day and not x.year and x.relative is None]
    weekdayed = [x for x in open_ if x.weekday is not None]
    cands = [_fits(x, window) for x in weekdayed]
    choice = _closest_assignment(cands, anchors, unique=True)
    for x, date in zip(weekdayed, choice, strict=True):
        x.resolved = date.isoformat() if date else None
    refs = anchors + [d for d in choice if d]
    if not refs:
        return
    for x in open_:
        if x.weekday is not None:
            continue
        scored = sorted((min(abs((d - r).days) for r in refs), d) for d in _fits(x, window))
        if scored and scored[0][0] <= 183 and (len(scored) == 1 or scored[1][0] > scored[0][0]):
            x.resolved = scored[0][1].isoformat()


def _fits(x: DateMention, years: Iterable[int]) -> list[dt.date]:
    """Dates with this day and month (and weekday, if given) in the given years."""
    assert x.month is not None and x.day is not None
    out = []
    for year in years:
        date = _valid(year, x.month, x.day)
        if date is not None and (x.weekday is None or date.weekday() == x.weekday):
            out.append(date)
    return out


MAX_SPAN = 366  # the dates one article reports lie within a year of each other


def _closest_assignment(cands: list[list[dt.date]], anchors: list[dt.date], unique: bool) -> list[dt.date | None]:
    """One candidate per mention so that all dates (and the fixed anchors) span the least time,
    at most a year. ``unique``: when two different choices span the same least time, the
    article does not fix the year and nothing is chosen. Otherwise ties go to the most recent."""
    if not cands or not any(cands):
        return [None] * len(cands)
    options: set[tuple[dt.date | None, ...]] = set()
    pivots = [d for c in cands for d in c] + anchors
    for pivot in pivots:
        options.add(tuple(min(c, key=lambda d: (abs((d - pivot).days), -d.toordinal())) if c else None  # noqa: B023
                          for c in cands))
    scored = []
    for option in options:
        points = [d for d in option if d] + anchors
        span = (max(points) - min(points)).days
        if span <= MAX_SPAN:
            scored.append((span, -max(d.toordinal() for d in option if d), option))
    if not scored:
        return [None] * len(cands)
    scored.sort()
    if unique and len(scored) > 1 and scored[1][0] == scored[0][0]:
        return [None] * len(cands)
    return list(scored[0][2])


# ---------------------------------------------------------------- dates of the page itself (bylines)

@dataclass
class PageDate:
    """A full date found on a metadata line, with where it sits in the line."""

    date: dt.date
    start: int
    end: int
    how: str = "own"  # own | dateparser
    extra: dict[str, Any] = field(default_factory=dict)


# "29 octobre, 2024", "6th Mar, 2023", "21 oktober 2023" (any language's month: dateparser)
_TOKEN_DMY = re.compile(rf"(?<![\w/.-])(?:(?P<weekday>{_W}),?\s+)?(?P<day>\d{{1,2}}|1er)(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<month>[^\W\d_]{{3,12}}\.?),?\s+(?P<year>{_Y})(?!\d)", re.I)
_TOKEN_MDY = re.compile(rf"(?<![\w/.-])(?:(?P<weekday>{_W}),?\s+)?(?P<month>[^\W\d_]{{3,12}}\.?)\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>{_Y})(?!\d)", re.I)
_TOKEN_NUM = re.compile(rf"(?<![\d/.;-])(?P<day>\d{{1,2}})(?:[/.;-]|\s[/-]\s)(?P<month>\d{{1,2}})(?:[/.-]|\s[/-]\s)"
                        rf"(?P<year>{_Y})(?![\d/])")  # also spaced: "27 - 11 - 2024"
# year first is year-month-day in every style: "2020-10-02", "2020/10/02", "2020.10.02"
_TOKEN_ISO = re.compile(rf"(?<![\d/.-])(?P<year>{_Y})(?P<sep>[-/.])(?P<month>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}})(?![\d/.-]?\d)")


def page_dates(line: str) -> list[PageDate]:
    """Full dates (day, month, year) on one line, in order. Our patterns find them; dateparser
    reads them (every language's month names and abbreviations, day-first numeric forms)."""
    found: list[PageDate] = []
    for pattern in (_TOKEN_ISO, _TOKEN_NUM, _TOKEN_DMY, _TOKEN_MDY):
        for m in pattern.finditer(line):
            if any(m.start() < p.end and p.start < m.end() for p in found):
                continue
            date = parse_page_date(m.group(0), iso=pattern is _TOKEN_ISO)
            if date is not None:
                found.append(PageDate(date, m.start(), m.end(), "dateparser"))
    return sorted(found, key=lambda p: p.start)


@lru_cache(maxsize=4096)
def parse_page_date(token: str, iso: bool = False) -> dt.date | None:
    """A complete written date → date, or None. dateparser, day first, day-month-year required."""
    if iso:
        try:
            year, month, day = (int(part) for part in re.split(r"[-/.]", token))
            return dt.date(year, month, day)
        except ValueError:
            return None
    token = re.sub(r"(?<=\d)\s([/-])\s(?=\d)", r"\1", token.replace(";", "."))  # "27 - 11 - 2024"
    for languages in (("fr", "en"), None):
        parsed = _dateparser_absolute(token, languages)
        if parsed is not None:
            return parsed
    return None


def _dateparser_absolute(token: str, languages: tuple[str, ...] | None) -> dt.date | None:
    parser = _absolute_parser(languages)
    data = parser.get_date_data(token)
    if data.date_obj is None or data.period != "day":
        return None
    return data.date_obj.date()


@lru_cache(maxsize=2)
def _absolute_parser(languages: tuple[str, ...] | None) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=list(languages) if languages else None, settings={
        "DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_LOCALE_DATE_ORDER": False,
        # a complete date needs no base; one is given so that nothing can ever depend on today
        "RELATIVE_BASE": dt.datetime(2000, 1, 1)})


def own_page_date(token: str) -> dt.date | None:
    """Our own reading of a complete date (French and English month names, numeric day-first):
    what ``benchmarks/date_forms.py`` compares dateparser with."""
    for x in find_dates(token):
        if x.year and x.month and x.day:
            return _valid(x.year, x.month, x.day)
    return None
