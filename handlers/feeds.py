"""News feeds: RSS/Atom feeds polled for new entries, each new entry's page stored as an article.

The feeds are those of ``FEEDS`` (the operator's) and those servers added with `/feed add`. A
feed is fetched like a page (``handlers.fetch``: same guards, feed content types) with its
validators (ETag → If-None-Match, Last-Modified → If-Modified-Since): a 304 costs nothing. It is
parsed by feedparser from the bytes we downloaded (feedparser never fetches anything here). The
first successful poll of a feed records its entries without storing them, as the digest does for
files already there; after that, each new entry's page is fetched once and added
(``handlers.intake``); the digest posts it as any new file. An entry is taken once: the same entry
of the feed, or the same address from any feed, is not fetched again, and the same text is not
stored twice (intake). A feed that fails waits longer each time (``FEED_INTERVAL`` doubled per
failure, at most ``MAX_BACKOFF``) before it is tried again; the others go on.

One server's feeds are that server's business: an article from a feed added with `/feed add` is
posted only to the digest channels of the servers that follow that feed (``Feeds.share``); the
operator's feeds (``FEEDS``) and every other way in post to every channel. When a server's feed
brings an address another feed already brought, the article is not stored again but that server
is added to those it belongs to, so it still gets its post.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from facts.settings import Settings
from facts.store.feeds import Feeds, FeedState
from handlers.digest.send import off_loop
from handlers.fetch import FEED_TYPES, FetchRefused, fetch_page
from handlers.i18n import ntr, tr
from handlers.intake import Added, add_article

log = logging.getLogger("feeds")

MAX_BACKOFF = 6 * 3600.0
MAX_ENTRIES = 50  # entries taken from one poll of one feed (a feed that dumps its archive)


@dataclass
class PollReport:
    polled: int = 0
    not_modified: int = 0
    recorded: int = 0  # entries recorded without being stored (first poll of a feed)
    added: list[Added] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (feed, reason)

    def text(self) -> str:
        lines = []
        if self.recorded:
            lines.append(ntr("Feeds: first poll recorded {n} existing entry without storing it.",
                             "Feeds: first poll recorded {n} existing entries without storing them.", self.recorded))
        lines += [tr("Feed entry: {text}", text=a.text()) for a in self.added]
        lines += [tr("Feed {url} failed: {reason} (tried again later)", url=url, reason=reason)
                  for url, reason in self.failed]
        return "\n".join(lines)


def feed_list(text: str | None) -> list[str]:
    """``FEEDS``: addresses separated by commas, spaces or new lines."""
    return [u for u in re.split(r"[\s,]+", text or "") if u]


def entry_key(entry: Any) -> str:
    """What identifies an entry in its feed: its id, else its link, else a hash of title and summary."""
    for key in ("id", "link"):
        value = entry.get(key)
        if value:
            return str(value)[:2000]
    raw = f"{entry.get('title', '')}\n{entry.get('summary', '')}".encode("utf-8", "replace")
    return "sha256:" + hashlib.sha256(raw).hexdigest()


class FeedPoller:
    def __init__(self, settings: Settings, *, clock: Any = time.time):
        self.settings = settings
        self.clock = clock

    @property
    def max_bytes(self) -> int:
        return int(self.settings.fetch_max_mb * 1024 * 1024)

    def _feeds(self, force: bool) -> list[tuple[str, list[str] | None]]:
        """The feeds to poll now, each with the servers whose digests get its articles (None: all)."""
        if not self.settings.feeds and not Feeds.any_followed(self.settings.facts_db):
            return []  # nothing to poll: the fact base is not opened for writing
        operator = feed_list(self.settings.feeds)
        with Feeds.open(self.settings.facts_db) as feeds:
            urls = list(dict.fromkeys(operator + feeds.followed()))
            due = urls if force else feeds.due(urls, self.clock())
            return [(u, None if u in operator else feeds.followers(u)) for u in due]

    async def poll_once(self, *, force: bool = False) -> PollReport:
        """Poll every due feed (``force``: every feed) once; never raises for a feed's failure."""
        report = PollReport()
        for url, servers in await off_loop(self._feeds, force):
            if servers == []:
                continue  # unfollowed since the list was read: its articles would be no one's
            try:
                await self.poll(url, report, servers)
            except Exception as exc:  # one broken feed must not stop the others
                log.exception("feed %s: poll failed", url)
                report.failed.append((url, f"{type(exc).__name__}: {exc}"))
        return report

    def _state(self, url: str) -> FeedState:
        with Feeds.open(self.settings.facts_db) as feeds:
            return feeds.state(url)

    def _save(self, state: FeedState) -> None:
        with Feeds.open(self.settings.facts_db) as feeds:
            feeds.save_state(state)

    def _failed(self, state: FeedState, reason: str) -> None:
        state.failures += 1
        state.last_error = reason
        state.next_poll = self.clock() + min(self.settings.feed_interval * 2 ** state.failures, MAX_BACKOFF)
        self._save(state)

    async def poll(self, url: str, report: PollReport, servers: Collection[str] | None) -> None:
        """Poll one feed; its new articles go to ``servers``' digests (None: every server's)."""
        state = await off_loop(self._state, url)
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        report.polled += 1
        try:
            got = await fetch_page(url, allow_private=self.settings.allow_private_urls, max_bytes=self.max_bytes,
                                   timeout=self.settings.fetch_timeout, types=FEED_TYPES, headers=headers)
        except FetchRefused as exc:
            log.warning("feed %s: %s", url, exc)
            report.failed.append((url, str(exc)))
            await off_loop(self._failed, state, str(exc))
            return
        if got.status != 304:
            parsed = await off_loop(_parse, got.data)
            if parsed is None:
                report.failed.append((url, "not a readable RSS or Atom feed"))
                await off_loop(self._failed, state, "not a readable RSS or Atom feed")
                return
            entries = [(entry_key(e), str(e.get("link") or "") or None) for e in parsed][:MAX_ENTRIES]
            if state.polled_at is None:
                report.recorded += await off_loop(self._record_all, url, entries)
            else:
                await self._take_new(url, entries, report, servers)
            state.etag, state.last_modified = got.etag, got.last_modified
        else:
            report.not_modified += 1
        state.polled_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.clock()))
        state.failures, state.last_error = 0, None
        state.next_poll = self.clock() + self.settings.feed_interval
        await off_loop(self._save, state)

    def _record_all(self, url: str, entries: list[tuple[str, str | None]]) -> int:
        with Feeds.open(self.settings.facts_db) as feeds:
            return feeds.record_many(url, entries)

    def _taken(self, url: str, key: str, link: str | None, servers: Collection[str] | None) -> bool:
        """Already taken; an address another feed brought first is recorded for this feed, and
        this feed's servers are added to those who get its article."""
        with Feeds.open(self.settings.facts_db) as feeds:
            if feeds.taken(url, key, None):
                return True
            doc = feeds.stored_as(link) if link else None
            if doc is None:
                return False
            if doc:
                feeds.share(doc, servers, new=False)
            feeds.record(url, key, link, "known", doc or None, "taken from another feed")
            return True

    def _record(self, url: str, key: str, link: str | None, added: Added) -> None:
        status = {"added": "stored", "known": "known"}.get(added.status, "refused")
        with Feeds.open(self.settings.facts_db) as feeds:
            feeds.record(url, key, link, status, added.name, added.reason or None)

    async def _take_new(self, url: str, entries: list[tuple[str, str | None]], report: PollReport,
                        servers: Collection[str] | None) -> None:
        for key, link in entries:
            if await off_loop(self._taken, url, key, link, servers):
                continue
            if not link:
                added = Added("refused", "the entry has no link to its article")
            else:
                try:
                    page = await fetch_page(link, allow_private=self.settings.allow_private_urls,
                                            max_bytes=self.max_bytes, timeout=self.settings.fetch_timeout)
                except FetchRefused as exc:
                    added = Added("refused", str(exc), url=link)
                else:
                    added = await off_loop(add_article, self.settings, page.data, "html", page.url, servers)
            log.info("feed %s: entry %s → %s %s", url, link or key, added.status, added.name or added.reason)
            await off_loop(self._record, url, key, link, added)
            report.added.append(added)


def _parse(data: bytes) -> list[Any] | None:
    """The entries of a feed, or None when the bytes are no feed (feedparser reads bytes only here)."""
    import io

    import feedparser

    parsed = feedparser.parse(io.BytesIO(data))  # a stream: never taken for an address or a file name
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        return None
    return list(parsed.entries)
