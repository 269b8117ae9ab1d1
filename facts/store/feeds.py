"""News feeds in the fact base: which feeds each server follows, how each was last polled, and
which entries were already taken (so an entry is stored once, and a feed's first poll records its
entries without storing them). Every method is one short transaction; run them off the event loop.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .base import WRITE_TIMEOUT, Connection, connect, open_reader, translated, write_transaction

TAKEN = ("stored", "known", "seen")  # an entry in one of these states is not fetched again


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    polled_at: str | None = None  # None: never polled successfully (its first poll records only)
    failures: int = 0
    next_poll: float = 0.0
    last_error: str | None = None


class Feeds:
    """``with Feeds.open(db) as feeds:`` — SQLite errors leave as ``FactBaseError``."""

    def __init__(self, conn: Connection):
        self.conn = conn

    @classmethod
    @contextmanager
    def open(cls, path: Path | str, *, timeout: float = WRITE_TIMEOUT) -> Iterator[Feeds]:
        conn = connect(path, timeout=timeout)
        try:
            with translated(path):
                yield cls(conn)
        finally:
            conn.close()

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
            cur = conn.execute("INSERT OR IGNORE INTO feeds VALUES (?, ?, ?)", (guild_id, url, _now()))
            return cur.rowcount > 0

    def unfollow(self, guild_id: str, url: str) -> bool:
        """False when the server did not follow it."""
        with write_transaction(self.conn) as conn:
            cur = conn.execute("DELETE FROM feeds WHERE guild_id = ? AND url = ?", (guild_id, url))
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

    # ------------------------------------------------------------ entries

    def taken(self, feed: str, entry: str, link: str | None) -> bool:
        """Already stored, known or recorded: the same entry of this feed, or the same address
        from any feed."""
        marks = ", ".join("?" * len(TAKEN))
        if self.conn.execute(f"SELECT 1 FROM feed_entries WHERE feed = ? AND entry = ? AND status IN ({marks})",
                             (feed, entry, *TAKEN)).fetchone():
            return True
        return bool(link) and self.conn.execute(
            "SELECT 1 FROM feed_entries WHERE link = ? AND status IN ('stored', 'known') LIMIT 1",
            (link,)).fetchone() is not None

    def record(self, feed: str, entry: str, link: str | None, status: str, doc: str | None = None,
               reason: str | None = None) -> None:
        with write_transaction(self.conn) as conn:
            conn.execute("INSERT OR REPLACE INTO feed_entries VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (feed, entry, link, status, doc, reason, _now()))

    def record_many(self, feed: str, entries: Iterable[tuple[str, str | None]], status: str = "seen") -> int:
        n = 0
        with write_transaction(self.conn) as conn:
            for entry, link in entries:
                conn.execute("INSERT OR IGNORE INTO feed_entries VALUES (?, ?, ?, ?, NULL, NULL, ?)",
                             (feed, entry, link, status, _now()))
                n += 1
        return n
