"""Dates in French (and English) news text, and their resolution.

Finds date expressions with their precision and resolves the incomplete ones
against the publication date: a bare weekday (``mardi``) is the latest such day
on or before publication; ``juillet dernier`` the latest July before it; a
weekday with a day and no year (``vendredi 2 octobre``) the year where the
weekday fits, chosen so that all dates of one article stay close together
(news describe recent events) and never after the reference date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "janv.": 1, "févr.": 2, "sept.": 9, "oct.": 10, "nov.": 11, "déc.": 12,
    "jan.": 1, "feb.": 2, "mar.": 3, "apr.": 4, "aug.": 8, "sep.": 9, "dec.": 12,
}
WEEKDAYS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}

_M = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_W = "(?:" + "|".join(WEEKDAYS) + ")"
_D = r"(?:1er|premier|\d{1,2})"
_Y = r"(?:19|20)\d{2}"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # du 17 au 20 juillet (2022)
    ("range", re.compile(rf"\bdu\s+(?P<day>{_D})(?:\s+(?P<m1>{_M}))?\s+au\s+{_D}\s+(?P<month>{_M})(?:\s+(?P<year>{_Y}))?", re.I)),
    # English: March 28, 2025 / on Tuesday, March 28
    ("en_mdy", re.compile(rf"\b(?:(?P<weekday>{_W}),?\s+)?(?P<month>{_M})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*(?P<year>{_Y}))?\b", re.I)),
    # (vendredi) 2 octobre (2020)
    ("dmy", re.compile(rf"\b(?:(?P<weekday>{_W})\s+)?(?P<day>{_D})\s+(?P<month>{_M})(?:\s+(?P<year>{_Y}))?(?![\w-])", re.I)),
    # 05/06/2024
    ("numeric", re.compile(rf"\b(?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})/(?P<year>{_Y})\b")),
    # juillet dernier / juillet prochain
    ("month_rel", re.compile(rf"\b(?:en\s+|au mois de\s+|fin\s+|début\s+|mi-)?(?P<month>{_M})\s+(?P<rel>dernier|prochain)\b", re.I)),
    # en décembre 2020 / fin juin 2022 / December 2020
    ("month_year", re.compile(rf"\b(?P<month>{_M})\s+(?P<year>{_Y})\b", re.I)),
    # fin juin / début juillet / en août (no year)
    ("month_only", re.compile(rf"\b(?P<lead>en|fin|début|mi-|au mois d[e'])\s*(?P<month>{_M})(?![\w-])", re.I)),
    # a bare weekday: mardi, jeudi dernier
    ("weekday", re.compile(rf"\b(?P<weekday>{_W})(?P<rel>\s+dernier)?\b(?!\s+{_D}\s)", re.I)),
    ("relative_day", re.compile(r"\b(?P<word>avant-hier|hier|aujourd['’]hui|yesterday|today)\b", re.I)),
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
    resolved: str | None = None  # YYYY-MM-DD or YYYY-MM once resolved


def _day(value: str) -> int:
    return 1 if value.lower() in ("1er", "premier") else int(value)


def _month(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value.lower()]


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in a sentence, longest first where they overlap."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            mention = _mention(kind, m)
            if mention is not None:
                found.append(mention)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


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
    except (KeyError, ValueError):
        return None
    if kind == "range" and g.get("m1"):
        d.month = _month(g["m1"])
    if kind == "month_rel":
        d.relative = g["rel"].lower()
    if kind == "weekday":
        d.relative = "dernier" if g.get("rel") else None
    if kind == "relative_day":
        d.relative = g["word"].lower().replace("’", "'")
    if d.month is not None and not 1 <= d.month <= 12:
        return None
    if d.day is not None and not 1 <= d.day <= 31:
        return None
    if kind == "en_mdy" and d.year is None and d.weekday is None:
        return None  # "May 5" alone is too ambiguous in French text ("mai" is handled by dmy)
    return d


def _valid(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def resolve(mentions: Iterable[DateMention], published: dt.date | None, today: dt.date) -> None:
    """Fill ``resolved`` on each mention of one article, in place."""
    mentions = list(mentions)
    ref = published or today
    anchors = [dt.date(x.year, x.month, x.day) for x in mentions
               if x.year and x.month and x.day and _valid(x.year, x.month, x.day)]
    for x in mentions:
        if x.year and x.month and x.day:
            date = _valid(x.year, x.month, x.day)
            x.resolved = date.isoformat() if date else None
        elif x.year and x.month:
            x.resolved = f"{x.year:04d}-{x.month:02d}"
        elif x.kind == "month_rel" and x.month and published:
            year = ref.year if (x.relative == "dernier") == (x.month < ref.month) else (
                ref.year - 1 if x.relative == "dernier" else ref.year + 1)
            x.resolved = f"{year:04d}-{x.month:02d}"
        elif x.kind == "month_only" and x.month and published:
            year = ref.year if x.month <= ref.month else ref.year - 1
            x.resolved = f"{year:04d}-{x.month:02d}"
        elif x.kind == "weekday" and x.weekday is not None and published:
            back = (published.weekday() - x.weekday) % 7
            if x.relative == "dernier" and back == 0:
                back = 7
            x.resolved = (published - dt.timedelta(days=back)).isoformat()
        elif x.kind == "relative_day" and published:
            back = {"avant-hier": 2, "hier": 1, "yesterday": 1}.get(x.relative or "", 0)
            x.resolved = (published - dt.timedelta(days=back)).isoformat()
    _resolve_day_month(mentions, ref, anchors, bool(published))


def _candidates(x: DateMention, ref: dt.date) -> list[dt.date]:
    """Dates (newest first) that fit a day+month (and weekday, if given) on or before ref."""
    out = []
    assert x.month is not None and x.day is not None
    for year in range(ref.year, ref.year - 40, -1):
        date = _valid(year, x.month, x.day)
        if date is None or date > ref:
            continue
        if x.weekday is not None and date.weekday() != x.weekday:
            continue
        out.append(date)
        if x.weekday is None:
            break  # without a weekday the most recent year is the reading
    return out


def _resolve_day_month(mentions: list[DateMention], ref: dt.date, anchors: list[dt.date], dated: bool) -> None:
    open_ = [x for x in mentions if x.resolved is None and x.month and x.day and not x.year]
    if not open_:
        return
    weekdayed = [x for x in open_ if x.weekday is not None]
    plain = [x for x in open_ if x.weekday is None]
    choice = _closest_assignment([_candidates(x, ref) for x in weekdayed], anchors)
    for x, date in zip(weekdayed, choice, strict=True):
        x.resolved = date.isoformat() if date else None
    if dated:  # a day and month with no weekday can only be placed relative to publication
        for x in plain:
            cands = _candidates(x, ref)
            x.resolved = cands[0].isoformat() if cands else None


def _closest_assignment(cands: list[list[dt.date]], anchors: list[dt.date]) -> list[dt.date | None]:
    """Pick one candidate per mention so that all dates (and fixed anchors) span the least time;
    ties go to the most recent. Articles report events that lie close together."""
    if not cands:
        return []
    best: tuple[int, int, list[dt.date | None]] | None = None
    seeds: list[dt.date | None] = list(cands[0]) or [None]
    for seed in seeds:
        picked: list[dt.date | None] = []
        for options in cands:
            if not options:
                picked.append(None)
                continue
            pivot: dt.date = seed or options[0]
            picked.append(min(options, key=lambda d: (abs((d - pivot).days), -d.toordinal())))  # noqa: B023
        points = [d for d in picked if d] + anchors
        span = (max(points) - min(points)).days if points else 0
        recency = -max((d.toordinal() for d in picked if d), default=0)
        if best is None or (span, recency) < (best[0], best[1]):
            best = (span, recency, picked)
    assert best is not None
    return best[2]


# ---------------------------------------------------------------- publication date

PUBLISHED_LINE = [
    re.compile(rf"^(?:publié|mis en ligne|posted|published)(?: le| on)?\s*:?\s*(?:{_W}\s+)?(?P<day>{_D})[/ .-](?P<month>\d{{1,2}}|{_M})[/ .-](?P<year>{_Y})", re.I),
    re.compile(rf"^(?:publié|mis en ligne|posted|published)(?: le| on)?\s*:?\s*(?P<month>{_M})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>{_Y})", re.I),
    re.compile(rf"^(?:le\s+)?(?:{_W}\s+)?(?P<day>{_D})[/ ](?P<month>\d{{1,2}}|{_M})[/ ](?P<year>{_Y})\s*(?:[-–à,]\s*\d{{1,2}}\s*[h:]\s*\d{{2}})", re.I),
    re.compile(rf"^(?:le\s+)?(?:{_W}\s+)?(?P<day>{_D})[/ ](?P<month>\d{{1,2}}|{_M})[/ ](?P<year>{_Y})\s*$", re.I),
    # a byline: "Par Jean Dupont - 12 mars 2025", "By J. Smith | March 12, 2025"
    re.compile(rf"^(?:par|by)\s+[^-–|]{{1,60}}[-–|,]\s*(?:le\s+|on\s+)?(?:{_W},?\s+)?(?P<day>{_D})[/ ](?P<month>\d{{1,2}}|{_M})[/ ](?P<year>{_Y})", re.I),
    re.compile(rf"^(?:par|by)\s+[^-–|]{{1,60}}[-–|,]\s*(?:on\s+)?(?:{_W},?\s+)?(?P<month>{_M})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>{_Y})", re.I),
    # an English date line: "March 12, 2025" / "Tuesday, March 12, 2025"
    re.compile(rf"^(?:{_W},?\s+)?(?P<month>{_M})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>{_Y})\s*(?:[-–|,].{{0,40}})?$", re.I),
]
# a dateline opening the body: "RABAT, le 3 février 2026 –" / "Rabat, 3 février 2026 -"
DATELINE = re.compile(rf"^[A-ZÀ-Ý][\w'’ -]{{1,30}},?\s*(?:le\s+)?(?:{_W}\s+)?(?P<day>{_D})\s+(?P<month>{_M})\s+(?P<year>{_Y})\s*[-–—(]", re.I)
PUBLISHED_ANYWHERE = re.compile(
    rf"\b(?:publié|mis en ligne|published)(?: le| on)?\s*:?\s*(?:{_W}\s+)?(?P<day>{_D})[/ .-](?P<month>\d{{1,2}}|{_M})[/ .-](?P<year>{_Y})",
    re.I,
)


def published_date(lines: list[str], head: int = 6) -> tuple[str | None, int | None]:
    """Publication date from a metadata line: near the top, or anywhere after 'Publié le'.
    Returns (YYYY-MM-DD, index of the line) — dates inside running text are not publication dates."""
    for i, line in enumerate(lines[:head]):
        stripped = line.strip()
        dateline = DATELINE.search(stripped)
        if dateline and (date := _from_groups(dateline)):
            return date, None  # the line is body text: keep it
        if len(stripped) > 140:
            continue
        for pattern in PUBLISHED_LINE:
            m = pattern.search(stripped)
            if m and (date := _from_groups(m)):
                return date, i
    for i, line in enumerate(lines):
        m = PUBLISHED_ANYWHERE.search(line)
        if m and (date := _from_groups(m)):
            return date, i
    return None, None


def _from_groups(m: re.Match[str]) -> str | None:
    try:
        date = _valid(int(m["year"]), _month(m["month"]), _day(m["day"]))
    except (KeyError, ValueError):
        return None
    return date.isoformat() if date else None
