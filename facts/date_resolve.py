"""Resolving the dates an article writes into calendar dates, never from today's date.

A date computed from nothing is worse than no date, so:

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
  year the article itself fixes (``ArticleYears``). A day and month with neither weekday
  nor year is placed only by publication or by a full date nearby.

Finding the mentions is ``facts.dates``; this module fills their ``resolved`` field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache

from .dates import ArticleYears, DateMention, _valid, date_words


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
    """A page dated by its month alone ('— 2022-05'): a day of that month ('on April 14') or of an earlier
    month of the year ('les 5 et 6 février' on a page of May 2020) is in that year, as any publication date
    in that month would place it (the latest such day on or before it, too far back to be announced);
    given with a weekday ('Ce mardi 24 mai'), only when the weekday agrees with that year and with no
    year around it. A later month may be last year's or one announced: left alone."""
    year, month = int(page_month[:4]), int(page_month[5:7])
    for x in mentions:
        if x.resolved or x.year or not x.month or x.month > month or not x.day or x.relative:
            continue
        day = _valid(year, x.month, x.day)
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
