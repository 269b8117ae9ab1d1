"""Dates of the page itself, read from its metadata lines (bylines, datelines).

Our patterns find a complete date on a line; dateparser reads it, so that every language's
month names and abbreviations and day-first numeric forms are understood. ``own_page_date``
is our own reading, which ``benchmarks/date_forms.py`` compares dateparser with.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .dates import _W, _Y, _valid, find_dates


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
