"""`/feed add|list|remove` and the polling loop against the real bot: a feed's first poll records its
entries, a new entry becomes one file in seeds/ and one digest post; members without Manage Server
cannot change the list. The feed and its pages are served on loopback (ALLOW_PRIVATE_URLS=true)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import web
from harness import CHANNEL_ID, GUILD_ID, REPO, BotProcess, FakeDiscord, launch, shutdown, text_of

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]

PAGES = REPO / "tests" / "fixtures" / "html_pages"
POSTS = rf"/channels/{CHANNEL_ID}/messages"
EPHEMERAL = 64


class Feed:
    def __init__(self) -> None:
        self.base = ""
        self.entries = ["/drones"]
        self.requests = 0

    def rss(self) -> bytes:
        items = "".join(f"<item><title>{p}</title><link>{self.base}{p}</link></item>" for p in self.entries)
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>{self.base}/</link>'
                f"<description>d</description>{items}</channel></rss>").encode()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def feed() -> AsyncIterator[Feed]:
    state = Feed()

    async def rss(_: web.Request) -> web.Response:
        state.requests += 1
        return web.Response(body=state.rss(), headers={"Content-Type": "application/rss+xml"})

    async def drones(_: web.Request) -> web.Response:
        return web.Response(body=(PAGES / "drones.html").read_bytes(), content_type="text/html")

    async def navy(_: web.Request) -> web.Response:
        return web.Response(body=(PAGES / "navy.htm").read_bytes(), content_type="text/html")

    app = web.Application()
    app.router.add_get("/rss", rss)
    app.router.add_get("/drones", drones)
    app.router.add_get("/navy", navy)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    state.base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    yield state
    await runner.cleanup()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def feed_bot(compiled: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
                   ) -> AsyncIterator[BotProcess]:
    fake = await FakeDiscord(guild_id=GUILD_ID, channel_id=CHANNEL_ID).start()
    bot = await launch(fake, compiled, tmp_path_factory.mktemp("feeds"),
                       env={"ALLOW_PRIVATE_URLS": "true", "FEED_INTERVAL": "1"})
    yield bot
    await shutdown(bot)


async def until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out after {timeout:g} s waiting for {what}"
        await asyncio.sleep(0.1)


async def answer(bot: BotProcess, command: str, **options: Any) -> str:
    ix = await bot.fake.slash(command, **options)
    message = await bot.fake.reply(ix, timeout=10)
    assert message["flags"] & EPHEMERAL and message["mention_everyone"] is False
    return text_of(message)


async def test_a_new_feed_entry_becomes_one_file_and_one_digest_post(feed_bot: BotProcess, feed: Feed) -> None:
    url = f"{feed.base}/rss"
    assert "Following" in await answer(feed_bot, "feed add", url=url)
    assert "Already following" in await answer(feed_bot, "feed add", url=url)
    assert feed.base.split("//")[1] in (await answer(feed_bot, "feed list")).replace("\\", "")
    # polls run one after the other: once the second has begun, the first has recorded its entries
    await until(lambda: feed.requests >= 2, 30, "two polls of the feed")
    assert list(feed_bot.seeds.glob("article-*")) == [], "the first poll only records"

    feed.entries = ["/navy", "/drones"]
    record = await feed_bot.fake.wait_for(
        lambda r: r.method == "POST" and r.path == POSTS and r.status == 200
        and "Morocco and Spain" in str(r.json), 60, "the digest post of the feed's new entry")
    files = list(feed_bot.seeds.glob("article-*"))
    assert len(files) == 1 and files[0].name in text_of(feed_bot.fake.state.messages[record.message_id or ""])
    assert "Stopped following" in await answer(feed_bot, "feed remove", url=url)


async def test_only_managers_change_the_feeds(feed_bot: BotProcess, feed: Feed) -> None:
    state = feed_bot.fake.state
    saved = state.member_permissions
    state.member_permissions = str(1 << 10 | 1 << 11 | 1 << 13)  # view, send, manage messages
    try:
        text = await answer(feed_bot, "feed add", url=f"{feed.base}/rss")
    finally:
        state.member_permissions = saved
    assert "Manage Server" in text


async def test_a_french_manager_gets_the_answers_in_french(feed_bot: BotProcess, feed: Feed) -> None:
    url = f"{feed.base}/rss?fr"
    assert (await answer(feed_bot, "feed add", url=url, locale="fr")).endswith(
        "est désormais suivi : ses nouvelles entrées seront enregistrées et publiées par le digest "
        "(celles qu'il contient aujourd'hui sont notées, pas publiées).")
    assert url.split("//")[1] in (await answer(feed_bot, "feed list", locale="fr")).replace("\\", "")
    assert (await answer(feed_bot, "feed remove", url=url, locale="fr")).endswith("n'est plus suivi.")
    assert await answer(feed_bot, "feed list", locale="fr") == \
        "Ce serveur ne suit encore aucun flux : `/flux ajouter url:`."
    assert (await answer(feed_bot, "feed add", url="ftp://example.org/rss", locale="fr")).startswith(
        "Ce n'est pas l'adresse d'un flux : seules les adresses http et https")
    english = await answer(feed_bot, "feed list", locale="en-US")
    assert english == "This server follows no feed yet: `/feed add url:`."
