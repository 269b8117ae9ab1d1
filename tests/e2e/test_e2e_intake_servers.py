"""Articles in from Discord, links and feeds, with two servers on the loopback Discord.

Every way in ends as one file in seeds/ and one digest post per channel that should have it: an
attachment and a link (one private confirmation each) and an entry of the operator's feed
(``FEEDS``) are posted once in both servers' channels; an entry of a feed one server followed
with `/feed add` is posted in that server's channel only (also when that channel is the
operator's DIGEST_CHANNEL_ID), and the other server neither sees nor can remove that feed. The
pages and feeds are our own words, served on loopback (ALLOW_PRIVATE_URLS=true)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import web
from fakediscord import Upload
from harness import CHANNEL_ID, GUILD_ID, BotProcess, FakeDiscord, launch, shutdown, text_of

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]

EPHEMERAL = 64
POST_TIMEOUT = 40.0  # the first add loads the language model in the bot's compile
SETTLE = 3.0  # more scans (DIGEST_INTERVAL=1, FEED_INTERVAL=1): nothing is posted again

ARTICLES = {
    "/india": ("India delivers armoured vehicles to Morocco", "2026-03-03",
               "The Royal Moroccan Armed Forces received 92 WhAP armoured vehicles built by Tata Advanced Systems "
               "of India on 2 March 2026, the Indian embassy in Rabat said.",
               "The vehicles will be assembled in a new plant near Casablanca from next year."),
    "/brazil": ("Brazil and Morocco sign a defence agreement", "2026-04-04",
                "Morocco and Brazil signed a military cooperation agreement in Brasilia on 3 April 2026 covering "
                "the training of pilots and joint exercises.",
                "The agreement was signed by the two defence ministers during an official visit."),
    "/korea": ("South Korea and Morocco discuss naval cooperation", "2026-05-05",
               "A South Korean delegation met officers of the Royal Moroccan Navy in Rabat on 4 May 2026 to discuss "
               "naval cooperation and the maintenance of patrol vessels.",
               "Both sides agreed to meet again in Seoul before the end of the year."),
    "/greece": ("Greece and Morocco hold a joint air exercise", "2026-06-06",
                "The Hellenic Air Force and the Royal Moroccan Air Force held a joint exercise near Kenitra on "
                "5 June 2026, the Greek defence ministry said.",
                "Six aircraft from each country took part in the exercise, which lasted three days."),
    "/spain": ("Spain and Morocco agree on a border patrol plan", "2026-07-07",
               "The interior and defence ministries of Spain and Morocco agreed on 6 July 2026 in Madrid on a joint "
               "plan for border patrols in the Strait of Gibraltar.",
               "The plan foresees monthly meetings of the two coast guards."),
}


def page(path: str) -> bytes:
    title, date, first, second = ARTICLES[path]
    return (f'<html><head><meta charset="utf-8"><title>{title} - Defence Wire</title>'
            f'<meta name="date" content="{date}"></head><body>'
            '<div id="menu"><a href="/">Home</a> | <a href="/news">News</a></div>'
            f"<article><h1>{title}</h1><p>{first}</p><p>{second}</p></article>"
            '<div class="footer">Copyright 2026 Defence Wire</div></body></html>').encode()


@dataclass
class Site:
    base: str = ""
    feeds: dict[str, list[str]] = field(default_factory=lambda: {"/operator.rss": [], "/server.rss": [],
                                                                 "/home.rss": []})
    feed_requests: dict[str, int] = field(default_factory=dict)

    def rss(self, path: str) -> bytes:
        items = "".join(f"<item><title>{p}</title><link>{self.base}{p}</link><guid>{self.base}{p}</guid></item>"
                        for p in self.feeds[path])
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{path}</title><link>{self.base}/</link>'
                f"<description>d</description>{items}</channel></rss>").encode()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def site() -> AsyncIterator[Site]:
    state = Site()

    async def feed(request: web.Request) -> web.Response:
        state.feed_requests[request.path] = state.feed_requests.get(request.path, 0) + 1
        return web.Response(body=state.rss(request.path), headers={"Content-Type": "application/rss+xml"})

    async def article(request: web.Request) -> web.Response:
        return web.Response(body=page(request.path.removesuffix("-again")), content_type="text/html")

    app = web.Application()
    for path in state.feeds:
        app.router.add_get(path, feed)
    for path in ARTICLES:
        app.router.add_get(path, article)
        app.router.add_get(f"{path}-again", article)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    state.base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    yield state
    await runner.cleanup()


@dataclass
class Servers:
    bot: BotProcess
    other_guild: str
    other_channel: str

    @property
    def fake(self) -> FakeDiscord:
        return self.bot.fake

    def files(self) -> set[str]:
        return {p.name for p in self.bot.seeds.glob("article-*")}

    def posts(self, channel: str, name: str) -> int:
        return sum(name in text_of(m) for m in self.fake.channel_posts(channel))


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def servers(compiled: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory, site: Site
                  ) -> AsyncIterator[Servers]:
    fake = FakeDiscord(guild_id=GUILD_ID, channel_id=CHANNEL_ID)
    other_guild, other_channel = fake.state.add_guild("Second Guild")
    await fake.start()
    # no DEV_GUILD_ID: the commands are global, so both servers have them
    bot = await launch(fake, compiled, tmp_path_factory.mktemp("intake-servers"),
                       env={"DEV_GUILD_ID": "", "ALLOW_PRIVATE_URLS": "true", "FEED_INTERVAL": "1",
                            "FEEDS": f"{site.base}/operator.rss"})
    both = Servers(bot, other_guild, other_channel)
    assert "<#" in await private(both, "digest channel", guild_id=other_guild, channel=other_channel)
    yield both
    await shutdown(bot)


async def private(servers: Servers, command: str, *, guild_id: str | None = None, **options: Any) -> str:
    ix = await servers.fake.slash(command, guild_id=guild_id, **options)
    message = await servers.fake.reply(ix, timeout=POST_TIMEOUT)
    assert message["flags"] & EPHEMERAL, "the answer is private"
    assert message["mention_everyone"] is False and message["mentions"] == []
    confirmations = [r for r in servers.fake.requests if r.interaction_id == ix.id and r.message_id
                     and (r.json or {}).get("content", (r.json or {}).get("data", {}).get("content"))]
    assert len(confirmations) == 1, "one confirmation"
    return text_of(message)


async def until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out after {timeout:g} s waiting for {what}"
        await asyncio.sleep(0.1)


async def posted_once(servers: Servers, name: str, channels: list[str], never: tuple[str, ...] = ()) -> None:
    """``name`` reaches each of ``channels``, then, after more scans, exactly once — and never ``never``."""
    await until(lambda: all(servers.posts(c, name) for c in channels), POST_TIMEOUT, f"the digest posts of {name}")
    await asyncio.sleep(SETTLE)
    assert [servers.posts(c, name) for c in channels] == [1] * len(channels), "one post per channel"
    assert [servers.posts(c, name) for c in never] == [0] * len(never), "not posted to another server"


async def test_an_attachment_is_one_file_one_confirmation_and_one_post_per_channel(servers: Servers) -> None:
    before = servers.files()
    upload = Upload("india.html", page("/india"), "text/html")
    text = await private(servers, "article add", file=upload)
    assert "Added" in text and "India delivers armoured vehicles to Morocco" in text, text
    new = servers.files() - before
    assert len(new) == 1
    await posted_once(servers, new.pop(), [CHANNEL_ID, servers.other_channel])


async def test_a_link_given_twice_is_one_file_and_one_post_per_channel(servers: Servers, site: Site) -> None:
    before = servers.files()
    text = await private(servers, "article add", guild_id=servers.other_guild, url=f"{site.base}/brazil")
    assert "Added" in text and "Brazil and Morocco sign a defence agreement" in text, text
    new = servers.files() - before
    assert len(new) == 1
    name = new.pop()
    again = await private(servers, "article add", url=f"{site.base}/brazil-again")
    assert f"Already in the fact base as {name}" in again.replace("\\", ""), again
    assert servers.files() - before == {name}, "stored once"
    await posted_once(servers, name, [CHANNEL_ID, servers.other_channel])


async def test_a_servers_feed_is_posted_to_that_server_only(servers: Servers, site: Site) -> None:
    url = f"{site.base}/server.rss"
    assert "Following" in await private(servers, "feed add", guild_id=servers.other_guild, url=url)
    await until(lambda: site.feed_requests.get("/server.rss", 0) >= 2, 30, "two polls of the server's feed")
    shown = url.split("//")[1]
    assert shown in (await private(servers, "feed list", guild_id=servers.other_guild)).replace("\\", "")
    assert shown not in (await private(servers, "feed list")).replace("\\", ""), "another server's feed is hidden"
    assert "does not follow" in await private(servers, "feed remove", url=url)

    before = servers.files()
    site.feeds["/server.rss"] = ["/korea"]
    await until(lambda: len(servers.files() - before) == 1, POST_TIMEOUT, "the feed's new entry in seeds/")
    name = (servers.files() - before).pop()
    await posted_once(servers, name, [servers.other_channel], never=(CHANNEL_ID,))
    assert servers.files() - before == {name}
    assert "Stopped following" in await private(servers, "feed remove", guild_id=servers.other_guild, url=url)


async def test_a_feed_of_the_operators_server_is_posted_in_the_operators_channel_only(
        servers: Servers, site: Site) -> None:
    # the first server has no /digest channel of its own: DIGEST_CHANNEL_ID's channel is its channel
    url = f"{site.base}/home.rss"
    assert "Following" in await private(servers, "feed add", url=url)
    await until(lambda: site.feed_requests.get("/home.rss", 0) >= 2, 30, "two polls of the first server's feed")
    before = servers.files()
    site.feeds["/home.rss"] = ["/spain"]
    await until(lambda: len(servers.files() - before) == 1, POST_TIMEOUT, "the feed's new entry in seeds/")
    await posted_once(servers, (servers.files() - before).pop(), [CHANNEL_ID], never=(servers.other_channel,))


async def test_the_operators_feed_is_posted_to_every_channel(servers: Servers, site: Site) -> None:
    await until(lambda: site.feed_requests.get("/operator.rss", 0) >= 2, 30, "two polls of the operator's feed")
    before = servers.files()
    site.feeds["/operator.rss"] = ["/greece"]
    await until(lambda: len(servers.files() - before) == 1, POST_TIMEOUT, "the feed's new entry in seeds/")
    name = (servers.files() - before).pop()
    await posted_once(servers, name, [CHANNEL_ID, servers.other_channel])
    assert servers.files() - before == {name}
