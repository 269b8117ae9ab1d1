"""Two servers on the loopback Discord, each with its own digest channel: a new article is posted
once in each; `/digest channel` in one server leaves the other unchanged."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from harness import CHANNEL_ID, GUILD_ID, FakeDiscord, launch, shutdown, text_of

pytestmark = pytest.mark.e2e

POST_TIMEOUT = 40.0  # the first new article loads the language model in the bot's compile
INDIA = ("2026_inde_blindes.txt", "L'Inde livre des blindés au Maroc\n"
         "New Delhi, 3 mars 2026 - Le Maroc a reçu 92 blindés WhAP du groupe indien Tata Advanced Systems, "
         "dans le cadre de la coopération militaire entre Rabat et New Delhi.\n")
BRAZIL = ("2026_bresil_avions.txt", "Le Brésil et le Maroc signent un accord de défense\n"
          "Brasilia, 4 avril 2026 - Le Maroc et le Brésil ont signé un accord de coopération militaire portant "
          "sur la formation des pilotes.\n")


def posts_naming(fake: FakeDiscord, channel_id: str, doc: str) -> list[dict[str, Any]]:
    return [m for m in fake.channel_posts(channel_id) if doc in text_of(m)]


async def until_posted(fake: FakeDiscord, channels: list[str], doc: str) -> None:
    for channel in channels:
        await fake.wait_for(lambda r, c=channel: r.method == "POST" and r.path == f"/channels/{c}/messages"
                            and r.status == 200 and doc in str(r.json), POST_TIMEOUT,
                            f"the digest post of {doc} in channel {channel}")


async def set_channel(fake: FakeDiscord, guild_id: str, channel_id: str) -> str:
    ix = await fake.slash("digest channel", guild_id=guild_id, channel=channel_id)
    reply = await fake.reply(ix)
    assert reply["flags"] & 64, "a private answer: only the administrator sees it"
    return str(reply["content"])


@pytest.fixture
async def two_servers(compiled: tuple[Path, Path], tmp_path: Path) -> Any:
    fake = FakeDiscord(guild_id=GUILD_ID, channel_id=CHANNEL_ID)
    other_guild, other_channel = fake.state.add_guild("Second Guild")
    other_news = fake.state.add_channel(other_guild, "news")
    await fake.start()
    # no DEV_GUILD_ID: the commands are global, so both servers have them
    bot = await launch(fake, compiled, tmp_path, env={"DEV_GUILD_ID": ""})
    yield bot, other_guild, other_channel, other_news
    await shutdown(bot)


async def test_each_server_gets_each_article_once_and_sets_its_channel_alone(two_servers: Any) -> None:
    bot, other_guild, other_channel, other_news = two_servers
    fake: FakeDiscord = bot.fake
    syncs = [r.path for r in fake.requests if r.method == "PUT"]
    assert syncs == [f"/applications/{fake.state.app_id}/commands"], "global commands: every server has /digest"

    # the second server chooses its channel; the first keeps DIGEST_CHANNEL_ID's
    assert f"<#{other_channel}>" in await set_channel(fake, other_guild, other_channel)
    name, text = INDIA
    bot.drop_article(name, text)
    await until_posted(fake, [CHANNEL_ID, other_channel], name)

    # the second server moves its digest to another channel: the first server is unchanged
    assert f"<#{other_news}>" in await set_channel(fake, other_guild, other_news)
    name2, text2 = BRAZIL
    bot.drop_article(name2, text2)
    await until_posted(fake, [CHANNEL_ID, other_news], name2)
    await asyncio.sleep(2.5)  # more scans (DIGEST_INTERVAL=1): nothing is posted again

    assert len(posts_naming(fake, CHANNEL_ID, name)) == 1 and len(posts_naming(fake, other_channel, name)) == 1
    assert len(posts_naming(fake, CHANNEL_ID, name2)) == 1 and len(posts_naming(fake, other_news, name2)) == 1
    assert posts_naming(fake, other_channel, name2) == [], "the server's old channel gets nothing more"
    assert posts_naming(fake, other_news, name) == [], "a channel set later gets no back catalogue"
    for message in fake.channel_posts(CHANNEL_ID) + fake.channel_posts(other_news):
        assert message["mention_everyone"] is False and message["guild_id"] in (GUILD_ID, other_guild)
    fake.assert_clean()
