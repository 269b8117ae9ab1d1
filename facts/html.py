"""A saved web page → the article in it, as the cleaner reads articles.

trafilatura finds the article (title, body paragraphs) and the page's metadata (publication
date, site) and leaves out what surrounds it: navigation, share bars, comments, footers. Links
to related articles are content for the cleaner (a teaser may carry the only figure for a
year), so the titles of a "related" block are kept and handed over after a "Lire aussi :"
line, which the cleaner files as teasers. No script runs and nothing is fetched: the page is
parsed as data. A page with no article text gives None, and the compile reports it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

HTML_SUFFIXES = (".html", ".htm")
_SNIFF = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# class or id of a block of links to other articles
_RELATED = re.compile(r"related|lire[-_ ]?aussi|read[-_ ]?(?:also|more)|also[-_ ]?read|similar|recommend|"
                      r"more[-_ ]?stories|a[-_ ]?lire|sur[-_ ]?le[-_ ]?meme", re.I)
# a page fetched from an address carries it as browsers mark saved pages: <!-- saved from url=(0023)https://… -->
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d{1,4}\)(https?://[^\s<>\"']{1,2000}?)\s*-->", re.I)
TEASER_HEADER = "Lire aussi :"
MAX_TEASERS = 12
MIN_PROSE_WORDS = 8  # an article has at least one paragraph of this many words besides its title


@dataclass
class Page:
    title: str
    text: str  # the article as plain text: title line, paragraphs, then the teaser section
    published: str | None = None  # ISO date from the page's metadata
    site: str | None = None  # host name without "www.", else the site's own name
    url: str | None = None
    teasers: list[str] = field(default_factory=list)


def is_html(name: str, data: bytes | None = None) -> bool:
    """A page by its name (.html, .htm) or, whatever its name, by its first bytes."""
    if name.lower().endswith(HTML_SUFFIXES):
        return True
    return data is not None and bool(_SNIFF.match(data[:4096].lstrip(codecs.BOM_UTF8)))


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in a <meta> tag, when Python knows it."""
    m = _CHARSET.search(data[:8192])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def saved_from(html: str) -> str | None:
    """The address a page was fetched from, when it was saved with one (``mark_saved_from``)."""
    m = _SAVED_FROM.search(html[:4096])
    return m.group(1) if m else None


def mark_saved_from(data: bytes, url: str) -> bytes:
    """The page's bytes with its address in front, in the comment browsers use for saved pages."""
    safe = quote(url, safe=":/?#[]@!$&()*+,;=%~").replace("--", "-%2D")[:2000]
    return f"<!-- saved from url=({len(safe):04d}){safe} -->\n".encode("ascii") + data


def extract_page(html: str, url: str | None = None) -> Page | None:
    """The article of one page, or None when the page holds no article text."""
    import trafilatura  # heavy: only compiles that meet a page pay for it

    if url is None:
        url = saved_from(html)

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True, include_links=False,
                                      date_extraction_params={"extensive_search": False, "original_date": True})
    if doc is None:
        return None
    body = [_line(p) for p in (getattr(doc, "text", None) or "").split("\n")]
    body = [p for p in body if p]
    title = _line(getattr(doc, "title", None) or "") or (body[0] if body else "")
    if not any(len(p.split()) >= MIN_PROSE_WORDS and p.casefold() != title.casefold() for p in body):
        return None  # a home page, a menu, a title alone: nothing to compile
    teasers = related_titles(html, {title, *body})
    lines = [title, *body]
    if teasers:
        lines += [TEASER_HEADER, *teasers]
    host = getattr(doc, "hostname", None) or (urlsplit(url).hostname if url else None)
    site = (host or "").lower().removeprefix("www.") or _line(getattr(doc, "sitename", None) or "").lower() or None
    date = getattr(doc, "date", None)
    return Page(title, "\n".join(lines) + "\n", date if _iso(date) else None, site,
                getattr(doc, "url", None) or url, teasers)


def related_titles(html: str, known: set[str]) -> list[str]:
    """Link texts of the page's "related articles" blocks (by class or id), in order, once."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):  # type: ignore[attr-defined]
        return []
    out: list[str] = []
    seen = {k.casefold() for k in known}
    for el in tree.iter("aside", "section", "div", "ul", "nav"):
        marks = f"{el.get('class') or ''} {el.get('id') or ''}"
        if not _RELATED.search(marks):
            continue
        for a in el.iter("a"):
            text = _line(a.text_content())
            if 20 <= len(text) <= 200 and len(text.split()) >= 4 and text.casefold() not in seen:
                seen.add(text.casefold())
                out.append(text)
                if len(out) >= MAX_TEASERS:
                    return out
    return out


def _line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _iso(value: str | None) -> bool:
    return bool(value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))
