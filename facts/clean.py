"""Article text → title, metadata and sentences tagged body/teaser.

Site furniture ("Suivez … sur Google News", "Laisser un commentaire") is dropped.
Related-article teasers ("Aller plus loin", "Ces articles devraient vous
intéresser") are content — they sometimes carry the only figure for a year — but
are kept apart from the body so evidence says where a fact came from. A block
repeated inside one file is kept once.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .dates import published_date
from .lexicon import fold, load_json


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


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[re.Pattern[str]]]:
    data = load_json("furniture.json")
    keys = ("furniture", "teaser_start", "teaser_line", "source")
    return {key: [re.compile(p, re.I) for p in data[key]] for key in keys}


def _is(kind: str, line: str) -> re.Match[str] | None:
    for pattern in _patterns()[kind]:
        m = pattern.search(line)
        if m:
            return m
    return None


def _norm_line(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip()


def clean(text: str) -> Article:
    lines = [_norm_line(x) for x in text.split("\n")]
    lines = [x for x in lines if x]
    source = _find_source(lines)
    published, pub_line = published_date(lines)
    kept, repeated = _drop_repeats(lines)
    title = ""
    section = "body"
    sentences: list[Sentence] = []
    for para, line in enumerate(kept):
        if pub_line is not None and line == lines[pub_line]:
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
    return Article(title, published, source, detect_language(body_text), sentences, repeated, content_hash)


def _find_source(lines: list[str]) -> str | None:
    for line in lines:
        m = _is("source", line)
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
                 "inc", "ltd", "co", "jr", "sr", "u.s", "u.k", "e.g", "i.e", "env"}
_SPLIT = re.compile(r"(?<=[.!?…])[»”\"')\]]?\s+(?=[«“\"(\[]?\s?[A-ZÀ-ÖØ-ÞĀ-Ž0-9])")


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


def detect_language(text: str) -> str:
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ]+", text[:20000].lower())
    fr = sum(1 for w in words if w in _FR)
    en = sum(1 for w in words if w in _EN)
    return "en" if en > fr else "fr"
