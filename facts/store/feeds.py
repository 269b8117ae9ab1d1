"""News feeds in the fact base: which feeds each server follows, how each was last polled, which
entries were already taken (so an entry is stored once, and a feed's first poll records its
entries without storing them), and which servers an article from their own feeds belongs to (the
digest posts it to those servers' channels only). Every method is one short transaction; run them
off the event loop.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from .base import Tables, now_iso, open_reader, write_transaction

TAKEN = ("stored", "known", "seen")  # an entry in one of these states is not fetched again


@dataclass
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    polled_at: str | None = None  # None: never polled successfully (its first poll records only)
    failures: int = 0
    next_poll: float = 0.0
    last_error: str | None = None


class Feeds(Tables):
    """``with Feeds.open(db) as feeds:`` — SQLite errors leave as ``FactBaseError``."""

    @classmethod
    def any_followed(cls, path: Path | str) -> bool:
        """Does some server follow a feed? Read-only: never takes the write lock; False for a
        missing file or one without the feed tables yet."""
        if not Path(path).exists():
            return False
        try:
            conn = open_reader(path)
        except Exception:  # noqa: BLE001 — unreadable now: the poller tries again at its next turn
            return False
        try:
            return conn.execute("SELECT 1 FROM feeds LIMIT 1").fetchone() is not None
        except Exception:  # noqa: BLE001 — a fact base from before the feeds (migration 4)
            return False
        finally:
            conn.close()

    # ------------------------------------------------------------ the feeds servers follow

    def followed(self, guild_id: str | None = None) -> list[str]:
        """Feed addresses of one server, or of every server (each once)."""
        if guild_id is None:
            rows = self.conn.execute("SELECT DISTINCT url FROM feeds ORDER BY url")
        else:
            rows = self.conn.execute("SELECT url FROM feeds WHERE guild_id = ? ORDER BY url", (guild_id,))
        return [str(r[0]) for r in rows]

    def follow(self, guild_id: str, url: str) -> bool:
        """False when the server follows it already."""
        with write_transaction(self.conn) as conn:
            cur = conn.execute("INSERT OR IGNORE INTO feeds VALUES (?, ?, ?)", (guild_id, url, now_iso()))
            return cur.rowcount > 0

    def followers(self, url: str) -> list[str]:
        """The servers that follow this feed (with ``/feed add``)."""
        return [str(r[0]) for r in self.conn.execute("SELECT guild_id FROM feeds WHERE url = ? ORDER BY guild_id",
                                                     (url,))]

    def unfollow(self, guild_id: str, url: str, *, operator: bool = False) -> bool:
        """False when the server did not follow it. When no server follows it any more (and it is not
        one of the operator's feeds, ``operator``, which are polled anyway), its polling state goes:
        whoever follows it next starts with a first poll that records only, rather than getting all
        it published meanwhile. Its entries stay taken."""
        with write_transaction(self.conn) as conn:
            cur = conn.execute("DELETE FROM feeds WHERE guild_id = ? AND url = ?", (guild_id, url))
            if cur.rowcount and not operator and not conn.execute("SELECT 1 FROM feeds WHERE url = ?",
                                                                  (url,)).fetchone():
                conn.execute("DELETE FROM feed_state WHERE url = ?", (url,))
            return cur.rowcount > 0

    # ------------------------------------------------------------ polling state

    def state(self, url: str) -> FeedState:
        row = self.conn.execute("SELECT url, etag, last_modified, polled_at, failures, next_poll, last_error "
                                "FROM feed_state WHERE url = ?", (url,)).fetchone()
        return FeedState(*row) if row else FeedState(url)

    def save_state(self, state: FeedState) -> None:
        with write_transaction(self.conn) as conn:
            conn.execute("INSERT OR REPLACE INTO feed_state VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (state.url, state.etag, state.last_modified, state.polled_at, state.failures,
                          state.next_poll, state.last_error))

    def due(self, urls: Iterable[str], now: float | None = None) -> list[str]:
        now = time.time() if now is None else now
        return [u for u in urls if self.state(u).next_poll <= now]

    # ------------------------------------------------------------ whose articles

    def share(self, name: str, servers: Collection[str] | None, *, new: bool) -> None:
        """Which servers' digests get the article ``name``: ``servers``, or every server (None).

        ``new``: the file is about to be written, so its servers are exactly these (written before
        the file, so no digest scan can see it as everyone's). Otherwise the article is already
        there and its audience only grows: an article for every server stays so; one for some
        servers gains these, or becomes everyone's when added for everyone (``/article add``, the
        operator's feeds) — so a server whose feed brings an article another server's feed
        brought first still gets its post."""
        with write_transaction(self.conn) as conn:
            scoped = conn.execute("SELECT 1 FROM document_servers WHERE name = ? LIMIT 1", (name,)).fetchone()
            if new or servers is None:
                conn.execute("DELETE FROM document_servers WHERE name = ?", (name,))
            elif not scoped:
                return
            conn.executemany("INSERT OR IGNORE INTO document_servers VALUES (?, ?)",
                             [(name, s) for s in sorted(servers or ())])

    def servers_of(self, name: str) -> list[str] | None:
        """The servers whose digests get this article; None: every server's."""
        rows = [str(r[0]) for r in self.conn.execute(
            "SELECT guild_id FROM document_servers WHERE name = ? ORDER BY guild_id", (name,))]
        return rows or None

    # ------------------------------------------------------------ entries

    def taken(self, feed: str, entry: str, link: str | None) -> bool:
        """Already stored, known or recorded: the same entry of this feed, or the same address
        from any feed."""
        marks = ", ".join("?" * len(TAKEN))
        if self.conn.execute(f"SELECT 1 FROM feed_entries WHERE feed = ? AND entry = ? AND status IN ({marks})",
                             (feed, entry, *TAKEN)).fetchone():
            return True
        return link is not None and link != "" and self.stored_as(link) is not None

    def stored_as(self, link: str) -> str | None:
        """The article (file name) some feed already took from this address; '' when the entry was
        taken without a file name; None when no feed took it."""
        row = self.conn.execute("SELECT doc FROM feed_entries WHERE link = ? AND status IN ('stored', 'known')"
                                " ORDER BY doc IS NULL LIMIT 1", (link,)).fetchone()
        return None if row is None else str(row[0] or "")

    def record(self, feed: str, entry: str, link: str | None, status: str, doc: str | None = None,
               reason: str | None = None) -> None:
        with write_transaction(self.conn) as conn:
            conn.execute("INSERT OR REPLACE INTO feed_entries VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (feed, entry, link, status, doc, reason, now_iso()))

    def record_many(self, feed: str, entries: Iterable[tuple[str, str | None]], status: str = "seen") -> int:
        n = 0
        with write_transaction(self.conn) as conn:
            for entry, link in entries:
                conn.execute("INSERT OR IGNORE INTO feed_entries VALUES (?, ?, ?, ?, NULL, NULL, ?)",
                             (feed, entry, link, status, now_iso()))
                n += 1
        return n
