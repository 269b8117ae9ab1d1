"""With ALLOW_PRIVATE_URLS off (the default), `/article add url:` and `/feed add url:` refuse private
and loopback addresses through Discord with one clear private line, and never contact them: a page
served on 127.0.0.1 is not requested and nothing is stored."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from harness import BotProcess, text_of

pytestmark = pytest.mark.e2e

EPHEMERAL = 64


@pytest.fixture
async def local_page() -> AsyncIterator[tuple[str, list[str]]]:
    hits: list[str] = []

    async def serve(request: web.Request) -> web.Response:
        hits.append(request.path)
        return web.Response(text="<html><body><p>Never fetched.</p></body></html>", content_type="text/html")

    app = web.Application()
    app.router.add_get("/{tail:.*}", serve)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    yield f"{runner.addresses[0][1]}", hits
    await runner.cleanup()


async def refusal(bot: BotProcess, command: str, **options: str) -> str:
    ix = await bot.fake.slash(command, **options)
    message = await bot.fake.reply(ix, timeout=10)
    assert message["flags"] & EPHEMERAL and message["mention_everyone"] is False
    return text_of(message).replace("\\", "")


async def test_private_and_loopback_links_are_refused_through_discord(
        bot: BotProcess, local_page: tuple[str, list[str]]) -> None:
    port, hits = local_page
    before = sorted(p.name for p in bot.seeds.iterdir())
    for url in (f"http://127.0.0.1:{port}/article", f"http://localhost:{port}/article", "http://10.1.2.3/news",
                "http://[::1]/news", "http://169.254.169.254/latest/meta-data"):
        text = await refusal(bot, "article add", url=url)
        assert text.startswith("Not added") and "private or local network" in text, (url, text)
        assert "ALLOW_PRIVATE_URLS=true" in text
    text = await refusal(bot, "feed add", url=f"http://127.0.0.1:{port}/rss")
    assert "Not a feed address" in text and "private or local network" in text, text
    assert hits == [], "the private address was never contacted"
    assert sorted(p.name for p in bot.seeds.iterdir()) == before, "nothing stored"
    assert "follows no feed yet" in await refusal(bot, "feed list"), "the refused feed is not followed"
