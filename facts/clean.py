"""Article text → title, metadata and sentences tagged body/teaser.

Site furniture ("Suivez … sur Google News", "Laisser un commentaire") is dropped.
Related-article teasers ("Aller plus loin", "Ces articles devraient vous
intéresser") are content — they sometimes carry the only figure for a year — but
are kept apart from the body so evidence says where a fact came from. A block
repeated inside one file is kept once.

The page's own dates (``page_dates``): the first full date on a metadata line is the
publication date, one after "Mis à jour" / "Modifié" / "Updated" the update date. A
metadata line is a date with little else around it ("24 Novembre 2021 à 13h45 |",
"mardi, 29 octobre, 2024 à 15:32", "Janes, 28/10/2021"), a byline ("Par Nadia B. le
05/06/2024 à 11h30", "By J. Smith | March 12, 2025"), a cue ("Publié le …", "Published
March 06, 2023"), or a dateline opening the body ("RABAT, le 3 février 2026 – …",
"Rabat – November 3, 2025", "WASHINGTON (… - 12th April, 2023) …"). A date inside a
sentence, an embedded tweet, a caption or the related-articles list is not the page's.
A page that shows only its update date is dated by it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .dates import date_words, find_dates
from .lexicon import fold, load_json
from .page_dates import page_dates


@dataclass(frozen=True)
class Sentence:
    section: str  # title | body | teaser
    idx: int
    text: str
    para: int  # paragraph (line) number, to look at neighbours


@dataclass
class Article:
    title: str
    published: str | None
    source: str | None
    language: str
    sentences: list[Sentence] = field(default_factory=list)
    repeated_lines: int = 0
    content_hash: str = ""
    updated: str | None = None
    month: str | None = None  # "2022-05": a page dated by its month alone (no publication date)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[re.Pattern[str]]]:
    data = load_json("furniture.json")
    keys = ("furniture", "teaser_start", "teaser_line", "source", "address")
    return {key: [re.compile(p, re.I) for p in data[key]] for key in keys}


def _is(kind: str, line: str) -> re.Match[str] | None:
    for pattern in _patterns()[kind]:
        m = pattern.search(line)
        if m:
            return m
    return None


# word hyphens other than '-' ("F‑16" with a non-breaking hyphen) read as '-'; a soft hyphen is dropped
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u00ad": None})


def _norm_line(line: str) -> str:
    return re.sub(r"\s+", " ", line.translate(_HYPHENS)).strip()


def clean(text: str) -> Article:
    lines = [_norm_line(x) for x in text.split("\n")]
    lines = _join_broken([x for x in lines if x])
    source = _find_source(lines)
    dates = read_page_dates(lines)
    meta_lines = {lines[i] for i in dates.lines}
    kept, repeated = _drop_repeats(lines)
    title = ""
    section = "body"
    sentences: list[Sentence] = []
    for para, line in enumerate(kept):
        if line in meta_lines and para > 0:
            continue
        if _is("teaser_start", line):
            section = "teaser"
            continue
        teaser_title = _is("teaser_line", line)
        if teaser_title:
            sentences.append(Sentence("teaser", len(sentences), teaser_title.group("title").strip(), para))
            continue
        if _is("furniture", line):
            continue
        if not title:
            parts = split_sentences(line)
            if len(parts) == 1 and len(line) <= 200:
                title = line
                sentences.append(Sentence("title", len(sentences), line, para))
                continue
            title = parts[0]  # no title line: the article starts right away
        for sent in split_sentences(line):
            sentences.append(Sentence(section, len(sentences), sent, para))
    body_text = " ".join(s.text for s in sentences)
    content_hash = hashlib.sha256(fold(body_text).encode("utf-8")).hexdigest()
    return Article(title, dates.published, source, detect_language(body_text), sentences, repeated, content_hash,
                   dates.updated, dates.month if dates.published is None else None)


# ---------------------------------------------------------------- the page's own dates

@dataclass
class PageDates:
    published: str | None = None
    updated: str | None = None
    month: str | None = None  # "Rapide Info — 2022-05": a metadata line giving the month alone
    lines: list[int] = field(default_factory=list)  # metadata lines (not body text)


@lru_cache(maxsize=1)
def _page_cues() -> dict[str, re.Pattern[str]]:
    words = date_words()["page"]

    def alt(key: str) -> str:
        return "|".join(words[key])

    return {
        "published": re.compile(rf"(?<![\w])(?:{alt('published_cues')})(?![\w])"),
        "published_end": re.compile(rf"(?<![\w])(?:{alt('published_cues')})\s*:?\s*$"),
        "updated": re.compile(rf"(?<![\w])(?:{alt('updated_cues')})(?![\w])"),
        "updated_end": re.compile(rf"(?<![\w])(?:{alt('updated_cues')})\s*:?\s*$"),
        "byline": re.compile(rf"(?:^|[\s|•·,/-])(?:{alt('byline_cues')})\s*:?\s+[\w.'’-]+(?:\s+[A-Z][\w.'’-]*){{0,3}}",
                             re.I),
        "tweet": re.compile(alt("tweet_markers"), re.I),
        "time": re.compile(r"\b\d{1,2}\s*(?:h|H|:)\s*\d{2}(?:\s*(?:am|pm|AM|PM))?\b|\b\d{1,2}\s*h\b"),
        "filler": re.compile(rf"^(?:{alt('filler_words')})$"),
        "stop": re.compile(rf"(?<![\w'])(?:{alt('stop_words')})(?![\w'])"),
    }


def read_page_dates(lines: list[str]) -> PageDates:
    """Publication and update dates from the page's metadata lines (see the module docstring)."""
    out = PageDates()
    teaser = False
    for i, line in enumerate(lines):
        if i == 0:
            continue  # the title
        if _is("teaser_start", line):
            teaser = True
        if teaser or _page_cues()["tweet"].search(line):
            continue
        address = _is("address", line)
        if address:  # the page's own address: never text; "/2025/04/16/" in its path dates the page
            out.lines.append(i)
            if out.published is None and i <= HEADER_LINES:
                out.published = _address_date(address.group("path") or "")
                out.month = out.month or _address_month(address.group("path") or "")
            continue
        found = _metadata(line)
        if found is None:
            month = _page_month(line) if out.month is None else None
            if month is not None:
                out.month = month
                out.lines.append(i)
            continue
        published, updated, is_meta_line = found
        if published and out.published is None:
            out.published = published
        if updated and out.updated is None:
            out.updated = updated
        if is_meta_line:
            out.lines.append(i)
    if out.published is None:
        out.published = out.updated
    return out


HEADER_LINES = 6  # an address further down is a link in the text, not the page's


def _address_date(path: str) -> str | None:
    """'/2025/04/16/armement-…', '/20250211-morocco-…': the day a news site put in the page's address."""
    for pattern in _address_dates():
        m = pattern.search(path)
        if m:
            try:
                return dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
            except ValueError:
                continue
    return None


def _address_month(path: str) -> str | None:
    """'/2024/11/morocco-acquiring-…': the month alone, which places the article's weekdays and news."""
    for pattern in _address_dates("address_months"):
        m = pattern.search(path)
        if m:
            return f"{int(m['y']):04d}-{int(m['m']):02d}"
    return None


@lru_cache(maxsize=2)
def _address_dates(key: str = "address_dates") -> list[re.Pattern[str]]:
    return [re.compile(p) for p in date_words()["page"][key]]


def _metadata(line: str) -> tuple[str | None, str | None, bool] | None:
    """(published, updated, the whole line is metadata) when the line states the page's date.
    A long line is body text: only its opening (a dateline) or a cue in it can date the page."""
    cues = _page_cues()
    short = len(line) <= 160
    head = line if short else line[:120]
    dates = page_dates(head)
    if not dates:
        return None
    published = updated = None
    for d in dates:
        before = fold(head[:d.start])
        if cues["updated_end"].search(before):
            updated = updated or d.date.isoformat()
        elif published is None and updated is None:
            published = d.date.isoformat()
    opening = fold(head[:dates[0].start])
    if cues["published_end"].search(opening) or cues["updated_end"].search(opening):
        return published, updated, short
    residue = _residue(head, dates)
    # "Journal de l'Aviation — 2025-09-03": a site's name set apart from the date by a separator
    # may hold a stop word; a short line of running text holds no separator
    set_apart = bool(_SEPARATED.search(head))
    if short and len(residue) <= int(date_words()["page"]["max_residue_words"]) and \
            (set_apart or not cues["stop"].search(" ".join(_residue(head, dates, fillers=True)))):
        return published, updated, True
    if _dateline(head, dates[0].start, dates[0].end):
        return published, updated, False
    return None


_SEPARATED = re.compile(r"\s[—|•·]\s")
_ISO_MONTH = re.compile(r"(?<![\d-])((?:19|20)\d{2})-(0[1-9]|1[0-2])(?![\d-])")


@dataclass
class _Span:
    start: int
    end: int
    month: str


def _page_month(line: str) -> str | None:
    """'Rapide Info (rapideinfo.mr) — 2022-05', 'Le360 — mai 2022': a short metadata line that dates
    the page by its month alone. It fixes no publication date, only the year the article's weekdays
    are looked for in ('Ce mardi 24 mai' of May 2022 is 24 May 2022)."""
    if len(line) > 160:
        return None
    spans = [_Span(m.start(), m.end(), f"{m.group(1)}-{m.group(2)}") for m in _ISO_MONTH.finditer(line)]
    spans += [_Span(d.start, d.end, f"{d.year:04d}-{d.month:02d}") for d in find_dates(line)
              if d.kind == "month_year" and d.year and d.month]
    if len(spans) != 1:
        return None
    # the month stands alone in a part of the line set apart by a separator ("… — 2022-05", "mai 2022 | …"):
    # "En juin 2020, le Maroc a commandé …" is text
    # or a cue alone opens the line ("Date : 2025-02", "Publié en mai 2022")
    parts = [p.strip(" ,.:()") for p in _SEPARATED.split(line)]
    cued = bool(_page_cues()["published_end"].fullmatch(fold(line[: spans[0].start]).strip(" :")))
    if not cued and (len(parts) < 2 or line[spans[0].start : spans[0].end].strip() not in parts):
        return None
    residue = _residue(line, spans)
    return spans[0].month if len(residue) <= int(date_words()["page"]["max_residue_words"]) else None


def _residue(line: str, dates: list[Any], fillers: bool = False) -> list[str]:
    """The words of a line once its dates, times, cues, byline and separators are taken out (with
    ``fillers``, the little words such as 'le' and 'a' are kept: 'a été' is a verb, not a filler)."""
    cues = _page_cues()
    text = line
    for d in reversed(dates):
        text = text[:d.start] + " " + text[d.end:]
    text = cues["byline"].sub(" ", text)
    text = cues["time"].sub(" ", text)
    folded = cues["updated"].sub(" ", cues["published"].sub(" ", fold(text)))
    words = re.findall(r"[^\W\d_][\w'’.-]*", folded)
    weekdays = set(date_words()["weekdays"])
    if fillers:
        return words
    return [w for w in words if not cues["filler"].match(w) and w not in weekdays]


_DATELINE_HEAD = re.compile(r"^(?:(?:and\s+|et\s+)?[A-ZÀ-Ý0-9][\w'’.-]*[\s,/()–—-]*){0,10}(?:le\s+|on\s+)?$")


def _dateline(line: str, start: int, end: int) -> bool:
    """'RABAT, le 3 février 2026 – Le Maroc …', '20;10.2022. Les Forces …', 'WASHINGTON (Agency - 12th
    April, 2023) The …', 'PARIS and RABAT, Oct. 23, 2024 /Wire/ -- …': places and a date opening the
    body, then a separator."""
    if start > 100:
        return False
    head = line[:start]
    if head.strip() and not _DATELINE_HEAD.match(head):
        return False
    if _page_cues()["stop"].search(fold(head)):
        return False
    # "…, Oct. 23, 2024 /PressWire/ -- …": a wire's name may stand between the date and the separator
    return bool(re.match(r"\s*(?:/[\w .-]{1,30}/)?\s*\)?\s*(?:[-–—:.(|)]|$)", line[end:]))


def _join_broken(lines: list[str]) -> list[str]:
    """A sentence broken over two lines (the second starts in lower case) is one line again."""
    out: list[str] = []
    for line in lines:
        prose = len(out) > 1 and len(out[-1].split()) >= 8 and len(line.split()) >= 3
        if prose and line[:1].islower() and not re.search(r"[.!?…:;»\"”)|]$", out[-1]) and \
                not page_dates(line[:60]) and not page_dates(out[-1][:160]):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _find_source(lines: list[str]) -> str | None:
    for line in lines:
        m = _is("source", line) or _is("address", line)
        if m:
            return m.group("site").strip(" .").lower()
    return None


def _drop_repeats(lines: list[str]) -> tuple[list[str], int]:
    """Keep the first copy of every line of some length (a repeated block, a teaser of itself)."""
    seen: set[str] = set()
    kept, repeated = [], 0
    for line in lines:
        key = fold(line)
        if len(key) >= 15 and key in seen:
            repeated += 1
            continue
        seen.add(key)
        kept.append(line)
    return kept, repeated


ABBREVIATIONS = {"m", "mm", "mr", "mme", "mmes", "mlle", "dr", "st", "ste", "gén", "gen", "col", "cdt", "lt",
                 "mgr", "no", "n°", "art", "etc", "cf", "p", "vol", "av", "j.-c", "vs", "sgt", "capt", "prof",
                 "inc", "ltd", "co", "jr", "sr", "u.s", "u.k", "e.g", "i.e", "env", "ssgt", "tsgt", "msgt",
                 "maj", "cpl", "pvt", "adm", "brig", "cdr", "cmdr", "lieut"}  # ranks: "(by SSgt. Stephen Linch)"
_INITIALISM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # "S.A.", "S.p.A.", "U.S.": dotted initials
_SPLIT = re.compile(
    r"(?<=[.!?…])[»”\"')\]]?\s+(?=[«“\"(\[]?\s?[A-ZÀ-ÖØ-ÞĀ-Ž0-9])"
    # "… on February 27, 2024.According to …", "… points out.\"The Kingdom …": a page that lost its spaces
    r"|(?<=[a-zà-ÿ0-9]{2}[.!?])[»”]?(?=[«“\"]?[A-ZÀ-ÖØ-Þ][a-zà-ÿ]{2,})"
)


@lru_cache(maxsize=1)
def _abbreviated_months() -> frozenset[str]:
    return frozenset(k.rstrip(".") for k in date_words()["months"] if k.endswith("."))


def _month_abbreviation(word: str) -> bool:
    return word in _abbreviated_months()


def split_sentences(line: str) -> list[str]:
    """Split a paragraph into sentences; abbreviations (M., Dr.) and initials don't end one."""
    out: list[str] = []
    start = 0
    for m in _SPLIT.finditer(line):
        before = line[start:m.start()].rstrip("»”\"')] ")
        last = re.search(r"([\w.°-]+)[.!?…]$", before)
        if last:
            word = last.group(1).lower().rstrip(".")
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            following = line[m.end():m.end() + 1]
            if _month_abbreviation(word) and following.isdigit():
                continue  # "Friday, Oct. 2, 2020": the day follows its month
            if _INITIALISM.fullmatch(word) and following == "(":
                continue  # "Embraer S.A. (NYSE: ERJ) and …": a company's legal form, then its ticker
        piece = line[start:m.end()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    tail = line[start:].strip()
    if tail:
        out.append(tail)
    return out


_FR = {
    "le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "avec", "sur", "qui", "au", "aux",
    "ses", "son", "pas", "été",
}
_EN = {
    "the", "and", "of", "to", "in", "is", "with", "for", "on", "that", "was", "by", "its", "has", "have",
    "from", "are", "were",
}


def detect_language(text: str, tie: str = "fr") -> str:
    """French or English by their commonest words; ``tie`` when they do not tell (a headline of
    names and nouns, "Morocco-Algeria arms race escalates amid tense relations")."""
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ]+", text[:20000].lower())
    fr = sum(1 for w in words if w in _FR)
    en = sum(1 for w in words if w in _EN)
    return "en" if en > fr else "fr" if fr > en else tie
