"""Adding one article to the seeds folder: `bot.py add`, `/article add` and the feeds share this.

The article arrives as bytes (a file, an attachment, a downloaded page) with what kind it is
(text, Markdown, HTML) and, for a download, the address it came from. It is judged before
anything is written: size, encoding, a page with article text, text left after the site
furniture. Then it is saved under a name made of its own hash (``article-<sha256:16>.txt`` or
``.html``): no name or path given by a user ever reaches the file system, and the same bytes
always land on the same name. The same article text already compiled (another copy of the page,
the same link fetched again) is not stored twice. The folder is compiled at once, and the
answer says what the fact base now holds from it. Blocking (files, the compile): callers on an
event loop run it in a thread.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from facts.clean import clean
from facts.errors import FactBaseError
from facts.html import extract_page, is_html, mark_saved_from
from facts.load import decode
from facts.safe_text import display
from facts.settings import Settings
from handlers.formatting import shorten
from handlers.i18n import megabytes, ntr, tr

log = logging.getLogger("intake")

Kind = Literal["text", "markdown", "html"]
SUFFIXES: dict[str, Kind] = {".txt": "text", ".md": "markdown", ".markdown": "markdown",
                             ".html": "html", ".htm": "html"}


@dataclass
class Added:
    """What adding an article did: ``added`` (a new file, compiled), ``known`` (that text is
    already in the fact base, nothing written) or ``refused`` (``reason`` says why)."""

    status: Literal["added", "known", "refused"]
    reason: str = ""  # in the language current when it was made (``handlers.i18n.using``)
    name: str | None = None
    title: str | None = None
    published: str | None = None
    site: str | None = None
    facts: int = 0
    url: str | None = None

    def text(self) -> str:
        """One line or two for a terminal or an ephemeral reply (already made safe to show)."""
        if self.status == "refused":
            return display(tr("Not added: {reason}", reason=self.reason))
        about = f"“{shorten(self.title or self.name or '?', 150)}”"
        meta = ", ".join(x for x in (self.published or tr("no date"), self.site) if x)
        if self.status == "known":
            return display(tr("Already in the fact base as {name}: {about} ({meta}); nothing stored.",
                              name=self.name, about=about, meta=meta))
        found = ntr("{n} fact found", "{n} facts found", self.facts)
        text = tr("Added {about} ({meta}): {found}; saved as {name}.", about=about, meta=meta, found=found,
                  name=self.name)
        if self.reason:  # saved, but something went wrong after
            text += " " + self.reason
        return display(text)


def kind_of(filename: str) -> Kind | None:
    """The kind an attachment or a local file is read as, by its name's ending; None: not accepted."""
    return SUFFIXES.get(Path(filename).suffix.lower())


def markdown_to_text(text: str) -> str:
    """Markdown as the cleaner reads articles: no heading marks, emphasis, link targets or images."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links keep their words
    text = re.sub(r"(?m)^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))", "", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    return re.sub(r"(?m)^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", "", text)


def add_article(settings: Settings, data: bytes, kind: Kind, url: str | None = None,
                servers: Collection[str] | None = None) -> Added:
    """Judge, save and compile one article (see the module docstring). Never raises for bad input.
    ``servers``: the servers whose digests get it (their own feeds); None: every server's."""
    limit = settings.compile_options().max_file_bytes
    if len(data) > limit:
        return Added("refused", tr("too large ({size} MB; the limit is {limit} MB)", size=megabytes(len(data)),
                                   limit=megabytes(limit, 0)), url=url)
    page = kind == "html" or is_html("", data)
    text, _encoding, reason = decode(data, html=page)
    if text is None:
        return Added("refused", tr("not a readable article ({reason})", reason=reason), url=url)
    if page:
        found = extract_page(text, url)
        if found is None:
            return Added("refused", tr("the page has no article text (a home page, a menu, a page built by "
                                       "scripts?)"), url=url)
        content, suffix = found.text, ".html"
        if url:
            data = mark_saved_from(data, url)
    else:
        content = markdown_to_text(text) if kind == "markdown" else text
        data, suffix = content.encode("utf-8"), ".txt"
    article = clean(content)
    if not [s for s in article.sentences if s.section == "body"]:
        return Added("refused", tr("no article text after removing the site's furniture"), url=url)
    name = f"article-{hashlib.sha256(data).hexdigest()[:16]}{suffix}"
    known = _known(settings, article.content_hash, name)
    if known is not None:
        known.url = url
        if known.name:
            share(settings, known.name, servers, new=False)
        return known
    seeds = settings.seeds_dir
    seeds.mkdir(parents=True, exist_ok=True)
    share(settings, name, servers, new=True)
    _write_atomically(seeds, name, data)
    return _compile_and_report(settings, name, url, servers)


def share(settings: Settings, name: str, servers: Collection[str] | None, *, new: bool) -> None:
    """Record whose digests get the article (``Feeds.share``). An article for everyone added to a
    fact base that does not exist yet needs no record."""
    from facts.store.feeds import Feeds

    if servers is None and not settings.facts_db.exists():
        return
    with Feeds.open(settings.facts_db) as feeds:
        feeds.share(name, servers, new=new)


def _known(settings: Settings, content_hash: str, name: str) -> Added | None:
    """The compiled article with the same text, or the same file name (same bytes), if any."""
    from facts.store import FactStore

    if not settings.facts_db.exists():
        return None
    try:
        store = FactStore(settings.facts_db)
    except FactBaseError:
        return None
    try:
        for doc in store.documents():
            if doc.name == name or (doc.content_hash and doc.content_hash == content_hash):
                return Added("known", name=doc.name, title=doc.title, published=doc.published,
                             site=doc.source, facts=doc.fact_count or 0)
    finally:
        store.close()
    return None


def _write_atomically(folder: Path, name: str, data: bytes) -> None:
    """Write under a hidden name (the compiler and the digest ignore dot files), then rename."""
    part = folder / f".{name}.part"
    with open(part, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(part, folder / name)


def _compile_and_report(settings: Settings, name: str, url: str | None, servers: Collection[str] | None) -> Added:
    from facts.compiler import compile_folder
    from facts.store import FactStore

    path = settings.seeds_dir / name
    try:
        report = compile_folder(settings.seeds_dir, settings.facts_db, options=settings.compile_options())
    except FactBaseError as exc:
        return Added("added", tr("Saved, but the compile failed: {error}", error=str(exc)), name=name, url=url)
    for file, original in report.duplicates:
        if file == name:  # the same text under another name: keep the one already there
            path.unlink(missing_ok=True)
            added = _known(settings, "", original) or Added("known", name=original)
            added.url = url
            share(settings, original, servers, new=False)
            return added
    for file, reason in report.skipped:
        if file == name:
            path.unlink(missing_ok=True)
            return Added("refused", reason, url=url)
    store = FactStore(settings.facts_db)
    try:
        doc = store.document(name)
    finally:
        store.close()
    if doc is None:
        return Added("added", name=name, url=url)
    return Added("added", name=name, title=doc.title, published=doc.published, site=doc.source,
                 facts=doc.fact_count or 0, url=url)
