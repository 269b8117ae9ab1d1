"""`/article add` against the real bot: an attachment and a link each become one file in seeds/, one
private confirmation and one digest post; the same link twice is stored once; hostile downloads and
members without the permission are refused with one clear private line.

The pages are served by a loopback web server (ALLOW_PRIVATE_URLS=true); the articles are our own
words (tests/fixtures/html_pages/)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import web
from fakediscord import Upload
from harness import CHANNEL_ID, GUILD_ID, REPO, BotProcess, FakeDiscord, launch, shutdown, text_of

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]

PAGES = REPO / "tests" / "fixtures" / "html_pages"
POSTS = rf"/channels/{CHANNEL_ID}/messages"
EPHEMERAL = 64
SCAN_TIMEOUT = 25.0
ANSWER_TIMEOUT = 30.0  # the first add loads the language model in the bot's compile
MB = 1024 * 1024


def _pages() -> web.Application:
    navy = (PAGES / "navy.htm").read_bytes()

    async def article(_: web.Request) -> web.Response:
        return web.Response(body=navy, headers={"Content-Type": "text/html; charset=windows-1252"})

    async def binary(_: web.Request) -> web.Response:
        return web.Response(body=os.urandom(2048), content_type="application/pdf")

    async def huge(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/html"})
        resp.content_length = 50 * MB
        await resp.prepare(request)
        try:
            for _ in range(50):
                await resp.write(b"x" * MB)
        except (ConnectionResetError, RuntimeError):
            pass
        return resp

    async def loop(request: web.Request) -> web.Response:
        raise web.HTTPFound("/loop-b" if request.path == "/loop-a" else "/loop-a")

    app = web.Application()
    for path, handler in (("/navy", article), ("/navy-again", article), ("/report.pdf", binary),
                          ("/huge", huge), ("/loop-a", loop), ("/loop-b", loop)):
        app.router.add_get(path, handler)
    return app


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def pages() -> AsyncIterator[str]:
    runner = web.AppRunner(_pages(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    await runner.cleanup()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def article_bot(compiled: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
                      ) -> AsyncIterator[BotProcess]:
    fake = await FakeDiscord(guild_id=GUILD_ID, channel_id=CHANNEL_ID).start()
    bot = await launch(fake, compiled, tmp_path_factory.mktemp("articles"), env={"ALLOW_PRIVATE_URLS": "true"})
    yield bot
    await shutdown(bot)


def added_files(bot: BotProcess) -> list[str]:
    return sorted(p.name for p in bot.seeds.glob("article-*"))


async def private_answer(bot: BotProcess, **options: Any) -> str:
    ix = await bot.fake.slash("article add", **options)
    message = await bot.fake.reply(ix, timeout=ANSWER_TIMEOUT)
    assert message["flags"] & EPHEMERAL, "the answer is private"
    assert message["mention_everyone"] is False and message["mentions"] == []
    return text_of(message)


async def digest_post(bot: BotProcess, name: str) -> dict[str, Any]:
    record = await bot.fake.wait_for(
        lambda r: r.method == "POST" and r.path == POSTS and r.status == 200 and name in str(r.json),
        SCAN_TIMEOUT, f"the digest post of {name}")
    assert record.message_id is not None
    return bot.fake.state.messages[record.message_id]


async def test_an_attachment_becomes_one_file_one_private_answer_and_one_digest_post(
        article_bot: BotProcess) -> None:
    upload = Upload("Les FAR & les drones [copie].html", (PAGES / "drones.html").read_bytes(), "text/html")
    text = await private_answer(article_bot, file=upload)
    assert "Added" in text and "Les FAR reçoivent leurs premiers drones turcs" in text, text
    assert "2024-06-05" in text and "atlasdefense.ma" in text and "facts found" in text
    files = added_files(article_bot)
    assert len(files) == 1 and files[0].endswith(".html")
    post = await digest_post(article_bot, files[0])
    assert "Bayraktar TB2" in text_of(post)


async def test_a_link_is_stored_once_even_when_given_twice(article_bot: BotProcess, pages: str) -> None:
    before = added_files(article_bot)
    text = await private_answer(article_bot, url=f"{pages}/navy")
    assert "Added" in text and "Morocco and Spain hold joint naval drill off Tangier" in text, text
    new = sorted(set(added_files(article_bot)) - set(before))
    assert len(new) == 1
    await digest_post(article_bot, new[0])
    again = await private_answer(article_bot, url=f"{pages}/navy-again")
    assert f"Already in the fact base as {new[0]}" in again.replace("\\", ""), again
    assert len(added_files(article_bot)) == len(before) + 1


@pytest.mark.parametrize(("path", "says"), [
    ("/huge", "too large"),
    ("/report.pdf", "not a web page"),
    ("/loop-a", "redirect loop"),
])
async def test_hostile_links_are_refused_with_one_clear_line(article_bot: BotProcess, pages: str, path: str,
                                                             says: str) -> None:
    before = added_files(article_bot)
    text = await private_answer(article_bot, url=f"{pages}{path}")
    assert text.startswith("Not added") and says in text, text
    assert added_files(article_bot) == before


async def test_members_without_manage_messages_may_not_add(article_bot: BotProcess, pages: str) -> None:
    state = article_bot.fake.state
    saved = state.member_permissions
    state.member_permissions = str(1 << 10 | 1 << 11)  # view channel, send messages
    try:
        text = await private_answer(article_bot, url=f"{pages}/navy")
    finally:
        state.member_permissions = saved
    assert "You need the Manage Messages permission" in text, text


async def test_a_french_user_gets_the_answers_in_french(article_bot: BotProcess, pages: str) -> None:
    refused = await private_answer(article_bot, url=f"{pages}/loop-a", locale="fr")
    assert refused.startswith("Non ajouté : une boucle de redirections"), refused
    assert await private_answer(article_bot, locale="fr") == \
        "Donnez soit un fichier (file), soit une adresse (url), mais pas les deux."
    upload = Upload("navy.txt", (PAGES / "navy.txt").read_bytes(), "text/plain")
    text = (await private_answer(article_bot, file=upload, locale="fr")).replace("\\", "")
    assert text.startswith(("Ajouté : ", "Déjà dans la base de faits sous article-")), text
    assert "Added" not in text and "Already" not in text
    wrong = Upload("notes.pdf", b"%PDF-1.4", "application/pdf")
    assert (await private_answer(article_bot, file=wrong, locale="fr")).replace("\\", "") == \
        "Non ajouté : notes.pdf n'est pas un fichier d'article (seulement .htm, .html, .markdown, .md, .txt)."
