"""News feeds against a loopback web server: first poll records, later entries are stored once (same
address or same text), conditional GET, back-off after failures, and `bot.py digest --once`."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web

from facts.settings import Settings
from facts.store.deliveries import Deliveries
from facts.store.feeds import Feeds
from handlers.feeds import FeedPoller
from handlers.intake import add_article

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "fixtures" / "html_pages"


@dataclass
class FeedSite:
    base: str = ""
    entries: list[tuple[str, str]] = field(default_factory=list)  # (title, path)
    version: int = 0
    conditional: list[str | None] = field(default_factory=list)  # If-None-Match of each feed request
    broken: bool = False

    def rss(self) -> bytes:
        items = "".join(f"<item><title>{t}</title><link>{self.base}{p}</link><guid>{self.base}{p}</guid></item>"
                        for t, p in self.entries)
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Atlas</title>'
                f"<link>{self.base}/</link><description>news</description>{items}</channel></rss>").encode()


@pytest.fixture
async def site() -> AsyncIterator[FeedSite]:
    state = FeedSite()

    async def feed(request: web.Request) -> web.Response:
        if state.broken:
            return web.Response(status=500)
        state.conditional.append(request.headers.get("If-None-Match"))
        etag = f'"v{state.version}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=state.rss(), headers={"Content-Type": "application/rss+xml", "ETag": etag})

    def page(name: str):  # type: ignore[no-untyped-def]
        async def serve(_: web.Request) -> web.Response:
            return web.Response(body=(PAGES / name).read_bytes(), content_type="text/html")
        return serve

    app = web.Application()
    app.router.add_get("/feed.xml", feed)
    app.router.add_get("/drones", page("drones.html"))
    app.router.add_get("/navy", page("navy.htm"))
    app.router.add_get("/navy-copy", page("navy.htm"))
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    state.base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    yield state
    await runner.cleanup()


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


async def test_a_feed_is_recorded_first_then_each_new_entry_is_stored_once(site: FeedSite, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    settings = Settings(seeds_dir=seeds, facts_db=tmp_path / "facts.sqlite3", allow_private_urls=True,
                        feeds=f"{site.base}/feed.xml", feed_interval=600)
    clock = Clock()
    poller = FeedPoller(settings, clock=clock)
    site.entries = [("Drones", "/drones")]

    first = await poller.poll_once()
    assert first.recorded == 1 and first.added == [] and list(seeds.iterdir()) == []

    site.version += 1
    site.entries = [("Navy", "/navy"), ("Navy, same article elsewhere", "/navy-copy"), ("Drones", "/drones")]
    assert (await poller.poll_once()).polled == 0, "not due before FEED_INTERVAL"
    clock.now += 601
    second = await poller.poll_once()
    assert [a.status for a in second.added] == ["added", "known"], second.text()
    assert second.added[0].title == "Morocco and Spain hold joint naval drill off Tangier"
    assert len(list(seeds.iterdir())) == 1
    with Feeds.open(settings.facts_db) as feeds:  # the operator's feed (FEEDS): for every server
        assert feeds.servers_of(second.added[0].name or "") is None

    clock.now += 601
    third = await poller.poll_once()
    assert third.not_modified == 1 and third.added == []
    assert site.conditional[-1] == f'"v{site.version}"', "conditional GET with the ETag"

    with Feeds.open(settings.facts_db) as feeds:  # another feed listing the same address: not fetched again
        assert feeds.taken("https://other.example/feed", "x", f"{site.base}/navy")


async def test_a_failing_feed_backs_off_and_recovers(site: FeedSite, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    url = f"{site.base}/feed.xml"
    settings = Settings(seeds_dir=seeds, facts_db=tmp_path / "facts.sqlite3", allow_private_urls=True,
                        feeds=url, feed_interval=100)
    clock = Clock()
    poller = FeedPoller(settings, clock=clock)
    site.broken = True
    report = await poller.poll_once()
    assert report.failed and "500" in report.failed[0][1]
    with Feeds.open(settings.facts_db) as feeds:
        state = feeds.state(url)
    assert state.failures == 1 and state.next_poll == clock.now + 200
    clock.now += 150
    assert (await poller.poll_once()).polled == 0, "still backing off"
    await poller.poll_once()  # no change: still waiting
    site.broken = False
    clock.now += 60
    site.entries = [("Drones", "/drones")]
    recovered = await poller.poll_once()
    assert recovered.recorded == 1 and not recovered.failed
    with Feeds.open(settings.facts_db) as feeds:
        assert feeds.state(url).failures == 0


async def test_a_private_feed_address_is_refused_unless_allowed(tmp_path: Path, site: FeedSite) -> None:
    settings = Settings(seeds_dir=tmp_path, facts_db=tmp_path / "facts.sqlite3", feeds=f"{site.base}/feed.xml")
    report = await FeedPoller(settings).poll_once()
    assert report.failed and "private or local network" in report.failed[0][1]


async def test_digest_once_polls_the_feeds(site: FeedSite, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "drones.txt").write_bytes((PAGES / "drones.txt").read_bytes())
    env = {**os.environ, "SEEDS_DIR": str(seeds), "FACTS_DB": str(tmp_path / "facts.sqlite3"),
           "ALLOW_PRIVATE_URLS": "true", "FEEDS": f"{site.base}/feed.xml"}

    async def once() -> str:
        proc = await asyncio.create_subprocess_exec(sys.executable, str(ROOT / "bot.py"), "digest", "--once",
                                                    env=env, stdout=asyncio.subprocess.PIPE,
                                                    stderr=asyncio.subprocess.STDOUT)
        out, _ = await proc.communicate()
        assert proc.returncode == 0, out.decode()
        return out.decode()

    site.entries = [("Drones", "/drones")]
    out = await once()
    assert "first poll recorded 1 existing entry" in out, out
    site.version += 1
    site.entries = [("Navy", "/navy"), ("Drones", "/drones")]
    out = await once()
    assert "Feed entry: Added “Morocco and Spain hold joint naval drill off Tangier”" in out, out
    assert "straitmonitor.com" in out
    assert len(list(seeds.glob("article-*.html"))) == 1


async def test_a_servers_feed_is_posted_to_that_server_only_and_shared_when_another_brings_it(
        site: FeedSite, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    settings = Settings(seeds_dir=seeds, facts_db=tmp_path / "facts.sqlite3", allow_private_urls=True,
                        feed_interval=600)
    mine, theirs = f"{site.base}/feed.xml", f"{site.base}/feed.xml?server=b"  # two feeds, same entries
    with Feeds.open(settings.facts_db) as feeds:
        assert feeds.follow("A", mine) and feeds.follow("B", theirs)
    clock = Clock()
    poller = FeedPoller(settings, clock=clock)
    site.entries = [("Drones", "/drones")]
    assert (await poller.poll_once()).recorded == 2  # each feed's first poll records only

    site.version += 1
    site.entries = [("Navy", "/navy"), ("Drones", "/drones")]
    with Feeds.open(settings.facts_db) as feeds:  # B's feed is polled later this time
        later = feeds.state(theirs)
        later.next_poll = clock.now + 5000
        feeds.save_state(later)
    clock.now += 601
    report = await poller.poll_once()
    assert [a.status for a in report.added] == ["added"] and report.polled == 1, report.text()
    name = report.added[0].name
    assert name is not None
    with Feeds.open(settings.facts_db) as feeds, Deliveries.open(settings.facts_db) as records:
        assert feeds.servers_of(name) == ["A"]
        assert [r.name for r in records.pending("chan-a", "A")] == [name]
        assert records.pending("chan-b", "B") == [], "another server's feed is not posted to this server"
        assert [r.name for r in records.pending("terminal")] == [name], "the operator's terminal sees all"

    clock.now += 5000  # B's feed brings the same address
    again = await poller.poll_once()
    assert again.added == [] and len(list(seeds.iterdir())) == 1, "the address is not fetched twice"
    assert again.polled == 2 and again.not_modified == 1
    with Feeds.open(settings.facts_db) as feeds, Deliveries.open(settings.facts_db) as records:
        assert feeds.servers_of(name) == ["A", "B"], "B's feed brought it too: B gets its post"
        assert [r.name for r in records.pending("chan-b", "B")] == [name]
        assert records.pending("chan-c", "C") == []

    # the same article added for everyone (/article add, bot.py add): every server's digest gets it
    added = await asyncio.to_thread(add_article, settings, (PAGES / "navy.htm").read_bytes(), "html",
                                    f"{site.base}/navy-copy")
    assert added.status == "known" and added.name == name
    with Feeds.open(settings.facts_db) as feeds, Deliveries.open(settings.facts_db) as records:
        assert feeds.servers_of(name) is None
        assert [r.name for r in records.pending("chan-c", "C")] == [name]


async def test_a_feed_no_server_follows_any_more_starts_afresh_when_followed_again(
        site: FeedSite, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    settings = Settings(seeds_dir=seeds, facts_db=tmp_path / "facts.sqlite3", allow_private_urls=True,
                        feed_interval=600)
    url, operators = f"{site.base}/feed.xml", f"{site.base}/feed.xml?operator"
    with Feeds.open(settings.facts_db) as feeds:
        assert feeds.follow("A", url) and feeds.follow("B", url) and feeds.follow("A", operators)
    site.entries = [("Drones", "/drones")]
    poller = FeedPoller(settings, clock=Clock())
    assert (await poller.poll_once()).recorded == 2
    with Feeds.open(settings.facts_db) as feeds:
        assert feeds.unfollow("A", url) and feeds.state(url).polled_at is not None, "B still follows it"
        assert feeds.unfollow("B", url) and feeds.state(url).polled_at is None, "no one: forgotten"
        assert feeds.unfollow("A", operators, operator=True) and feeds.state(operators).polled_at is not None
        assert feeds.taken(url, f"{site.base}/drones", None), "what it listed stays taken"
    site.version += 1
    site.entries = [("Navy", "/navy"), ("Drones", "/drones")]
    with Feeds.open(settings.facts_db) as feeds:
        assert feeds.follow("C", url)
    report = await poller.poll_once(force=True)
    assert report.recorded == 2 and report.added == [], "C does not get what was published meanwhile"
