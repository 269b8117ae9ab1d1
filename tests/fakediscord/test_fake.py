"""Self-test of the fake Discord with a minimal real discord.py bot (no project code involved).

If these pass, a failure in tests/e2e points at the bot, not at the fake.
"""

from __future__ import annotations

import asyncio
import io
import zlib
from collections.abc import AsyncIterator

import aiohttp
import discord
import pytest
import pytest_asyncio
import yarl
from discord import app_commands
from discord.ext import commands

from . import FakeDiscord, Upload, load_spec
from .limits import embed_length


def _png(width: int, height: int) -> bytes:
    """A valid all-white greyscale PNG, built by hand (the fake's tests use no imaging library)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    rows = b"".join(b"\x00" + b"\xff" * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


TINY_PNG = _png(3, 2)


class MiniBot(commands.Bot):
    """The smallest bot exercising every path the fake serves."""

    def __init__(self, guild_id: int) -> None:
        super().__init__(command_prefix="!", intents=discord.Intents.default(),
                         allowed_mentions=discord.AllowedMentions.none())
        self.guild = discord.Object(guild_id)
        self.errors: list[BaseException] = []
        self.error_seen = asyncio.Event()
        self.sleep_before_answer = 0.0

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """No 5 s pause before a re-IDENTIFY: that courtesy is for the real gateway's rate limit."""

    async def setup_hook(self) -> None:
        tree = self.tree

        @tree.error
        async def record(interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
            self.errors.append(getattr(error, "original", error))
            self.error_seen.set()

        @tree.command(description="Echo text in an embed")
        async def echo(interaction: discord.Interaction, text: str, times: int = 1) -> None:
            await asyncio.sleep(self.sleep_before_answer)
            embed = discord.Embed(title="echo", description=discord.utils.escape_markdown(text) * times)
            await interaction.response.send_message(embed=embed, view=Pager())

        @tree.command(description="Defer, then follow up")
        async def slow(interaction: discord.Interaction) -> None:
            await interaction.response.defer(thinking=True)
            await interaction.followup.send("done after defer")

        @tree.command(description="Send an embed whose title is too long")
        async def big(interaction: discord.Interaction, size: int) -> None:
            await interaction.response.send_message(embed=discord.Embed(title="t" * size))

        @tree.command(description="Send several embeds of one size")
        async def many(interaction: discord.Interaction, count: int, size: int) -> None:
            embeds = [discord.Embed(description="d" * size) for _ in range(count)]
            await interaction.response.defer()
            await interaction.followup.send(embeds=embeds)

        @tree.command(description="Answer twice")
        async def twice(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("one")
            interaction.response._response_type = None  # defeat discord.py's own guard on purpose
            await interaction.response.send_message("two")

        @tree.command(description="Read an attached file")
        async def upload(interaction: discord.Interaction, file: discord.Attachment) -> None:
            data = await file.read()
            await interaction.response.send_message(f"{file.filename}: {len(data)} bytes, {data[:5].decode()}")

        @tree.command(description="Send a PNG shown in an embed (or name one that is not sent)")
        async def picture(interaction: discord.Interaction, send: bool = True) -> None:
            embed = discord.Embed(title="chart").set_image(url="attachment://c.png")
            await interaction.response.defer()
            files = [discord.File(io.BytesIO(TINY_PNG), filename="c.png")] if send else discord.utils.MISSING
            await interaction.followup.send(embed=embed, files=files, view=Pager())

        @tree.command(description="Pick a number")
        async def pick(interaction: discord.Interaction, number: str) -> None:
            await interaction.response.send_message(f"picked {number}")

        @pick.autocomplete("number")
        async def pick_choices(interaction: discord.Interaction,
                               current: str) -> list[app_commands.Choice[str]]:
            count = int(current or "0")
            return [app_commands.Choice(name=f"n{i}", value=str(i)) for i in range(count)]

        tree.copy_global_to(guild=self.guild)
        await tree.sync(guild=self.guild)


class Pager(discord.ui.View):
    @discord.ui.button(label="Next", custom_id="page:next")
    async def next_page(self, interaction: discord.Interaction, button: discord.ui.Button[Pager]) -> None:
        await interaction.response.edit_message(embed=discord.Embed(title="page 2"), view=self)


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord(check_responses=True) as server:
        yield server


@pytest_asyncio.fixture
async def bot(fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[MiniBot]:
    monkeypatch.setattr(discord.http.Route, "BASE", fake.base_url)
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url))
    client = MiniBot(int(fake.state.guild_id))
    client._connection.guild_ready_timeout = 0.05
    task = asyncio.create_task(client.start(fake.token))
    # let start() set up its ready event first: since Python 3.12 wait_for runs the coroutine
    # at once, and wait_until_ready() refuses a client that has not started yet
    await asyncio.sleep(0)
    await asyncio.wait_for(client.wait_until_ready(), 5)
    yield client
    await client.close()
    await asyncio.wait_for(task, 5)


async def test_login_ready_and_sync(fake: FakeDiscord, bot: MiniBot) -> None:
    paths = [(r.method, r.path) for r in fake.requests]
    assert ("GET", "/users/@me") in paths
    assert ("GET", "/oauth2/applications/@me") in paths
    synced = fake.state.commands[fake.state.guild_id]
    assert {c["name"] for c in synced} == {"echo", "slow", "big", "many", "twice", "pick", "upload", "picture"}
    assert bot.user is not None and str(bot.user.id) == fake.state.app_id
    assert bot.get_guild(int(fake.state.guild_id)) is not None
    fake.assert_clean()


async def test_command_round_trip_and_button(fake: FakeDiscord, bot: MiniBot) -> None:
    ix = await fake.slash("echo", text="**hi** @everyone", times=2)
    reply = await fake.reply(ix)
    assert ix.latency is not None and ix.latency < 3
    assert reply["embeds"][0]["description"] == r"\*\*hi\*\* @everyone" * 2
    assert reply["mention_everyone"] is False
    request = next(r for r in fake.requests if r.path.endswith("/callback"))
    assert request.query.get("with_response") in ("1", "true")
    click = await fake.click(reply, "page:next")
    updated = await fake.reply(click)
    assert updated["id"] == reply["id"] and updated["embeds"][0]["title"] == "page 2"
    fake.assert_clean()


async def test_attachment_option_is_resolved_and_its_bytes_served(fake: FakeDiscord, bot: MiniBot) -> None:
    ix = await fake.slash("upload", file=Upload("notes.txt", b"hello world"))
    reply = await fake.reply(ix)
    assert reply["content"] == "notes.txt: 11 bytes, hello"
    attachment = next(iter(ix.payload["data"]["resolved"]["attachments"].values()))
    spec = load_spec()
    if spec is not None:  # the attachment object is the documented one
        assert spec.validate_component("AttachmentResponse", attachment) == []
    fake.assert_clean()


async def test_a_file_sent_with_a_message_is_attached_shown_and_served(fake: FakeDiscord, bot: MiniBot) -> None:
    ix = await fake.slash("picture")
    reply = await fake.reply(ix)
    record = next(r for r in fake.requests if r.interaction_id == ix.id and r.path.startswith("/webhooks/"))
    assert [(f.field, f.filename, f.data) for f in record.files] == [("files[0]", "c.png", TINY_PNG)]
    assert record.json["attachments"] == [{"id": 0, "filename": "c.png"}]
    (attachment,) = reply["attachments"]
    assert (attachment["content_type"], attachment["width"], attachment["height"]) == ("image/png", 3, 2)
    assert reply["embeds"][0]["image"]["url"] == attachment["url"]  # attachment:// resolved
    async with aiohttp.ClientSession() as http, http.get(attachment["url"]) as got:
        assert await got.read() == TINY_PNG
    click = await fake.click(reply, "page:next")
    turned = await fake.reply(click)
    assert turned["attachments"] == [attachment], "an edit without `attachments` keeps them"
    fake.assert_clean()


async def test_an_embed_naming_a_file_not_sent_is_a_violation(fake: FakeDiscord, bot: MiniBot) -> None:
    ix = await fake.slash("picture", send=False)
    await fake.reply(ix)
    assert any("attachment://c.png names no attachment" in v for v in fake.violations), fake.violations


def test_file_parts_must_be_declared_and_within_limits() -> None:
    from .limits import UPLOAD_MAX, check_files
    from .wire import SentFile

    ok = SentFile("files[0]", "a.png", "image/png", TINY_PNG)
    assert check_files({"attachments": [{"id": 0}]}, [ok]) == []
    assert "no attachment with id 0" in check_files({"attachments": []}, [ok])[0]
    assert "must be named files[n]" in check_files({"attachments": [{"id": 0}]},
                                                   [SentFile("file", "a.png", "image/png", b"x")])[0]
    huge = SentFile("files[0]", "a.bin", "application/octet-stream", b"x" * (UPLOAD_MAX + 1))
    assert any("bytes >" in r for r in check_files({"attachments": [{"id": 0}]}, [huge]))


async def test_defer_then_followup(fake: FakeDiscord, bot: MiniBot) -> None:
    ix = await fake.slash("slow")
    reply = await fake.reply(ix)
    assert reply["content"] == "done after defer"
    assert ix.initial_type == 5
    fake.assert_clean()


async def test_autocomplete_limit(fake: FakeDiscord, bot: MiniBot) -> None:
    ok = await fake.autocomplete("pick", "number", "25")
    assert len(await fake.choices(ok)) == 25
    fake.assert_clean()
    too_many = await fake.autocomplete("pick", "number", "26")
    await fake.wait_for(lambda r: r.interaction_id == too_many.id, what="the 26-choice answer")
    assert any("choices" in v and "25" in v for v in fake.violations), fake.violations


async def test_schema_rejects_long_embed_title(fake: FakeDiscord, bot: MiniBot) -> None:
    ix = await fake.slash("big", size=257)
    record = await fake.wait_for(lambda r: r.interaction_id == ix.id)
    assert record.status == 400
    assert any("title" in v and "256" in v for v in fake.violations), fake.violations
    await asyncio.wait_for(bot.error_seen.wait(), 2)
    assert any(isinstance(e, discord.HTTPException) and e.status == 400 for e in bot.errors), bot.errors
    if load_spec() is not None:  # the schema itself, not only the explicit check, must catch it
        assert any("maxLength=256" in v for v in fake.violations), fake.violations


async def test_embed_total_over_6000_is_rejected(fake: FakeDiscord, bot: MiniBot) -> None:
    """Each embed is valid alone (the schema accepts them); only the per-message total is not."""
    ix = await fake.slash("many", count=2, size=3500)
    record = await fake.wait_for(lambda r: r.interaction_id == ix.id and r.path.startswith("/webhooks/"),
                                 what="the follow-up")
    assert record.status == 400
    assert [v for v in fake.violations if "6000" in v] == fake.violations != [], fake.violations


async def test_slow_response_is_injected(fake: FakeDiscord, bot: MiniBot) -> None:
    channel = bot.get_channel(int(fake.state.channel_id))
    assert isinstance(channel, discord.TextChannel)
    fake.inject("POST", r"/channels/\d+/messages", delay=0.3)
    started = asyncio.get_running_loop().time()
    await channel.send("slow")
    assert asyncio.get_running_loop().time() - started >= 0.3
    assert fake.requests[-1].fault == "delay 0.3s" and fake.requests[-1].status == 200
    fake.assert_clean()


async def test_second_initial_response_is_flagged(fake: FakeDiscord, bot: MiniBot) -> None:
    ix = await fake.slash("twice")
    await fake.wait_for(lambda r: r.interaction_id == ix.id and r.status == 400, what="the second answer")
    assert any("second initial response" in v for v in fake.violations)


async def test_deadline_is_enforced(fake: FakeDiscord, bot: MiniBot) -> None:
    fake.deadline = 0.2  # same rule as Discord's 3 s, scaled down to keep the test fast
    bot.sleep_before_answer = 0.3
    ix = await fake.slash("echo", text="late")
    record = await fake.wait_for(lambda r: r.interaction_id == ix.id)
    assert record.status == 404 and record.response["code"] == 10062
    assert any("deadline" in v for v in fake.violations)


async def test_rate_limit_then_server_error_are_retried(fake: FakeDiscord, bot: MiniBot) -> None:
    channel = bot.get_channel(int(fake.state.channel_id))
    assert isinstance(channel, discord.TextChannel)
    limited = fake.inject("POST", r"/channels/\d+/messages", status=429, retry_after=0.2)
    sent = await channel.send("hello")
    posts = [r for r in fake.requests if r.path.endswith("/messages") and r.method == "POST"]
    assert [r.status for r in posts] == [429, 200]
    assert posts[1].time - posts[0].time >= 0.2
    assert limited.hits == 1 and [m["id"] for m in fake.channel_posts()] == [str(sent.id)]
    fake.inject("POST", r"/channels/\d+/messages", status=503)
    with pytest.raises(discord.DiscordServerError):
        await channel.send("fails")
    fake.assert_clean()


async def test_gateway_drop_resumes_and_still_answers(fake: FakeDiscord, bot: MiniBot) -> None:
    await fake.drop_gateway(4000)
    await fake.wait_for_gateway(lambda f: f.direction == "send" and f.t == "RESUMED")
    assert fake.gateway.resumes == 1
    ix = await fake.slash("echo", text="after resume")
    assert (await fake.reply(ix))["embeds"][0]["description"] == "after resume"
    await fake.drop_gateway(4000, resumable=False)  # RESUME -> op 9 -> a new IDENTIFY
    await fake.wait_for_gateway(lambda f: f.t == "GUILD_CREATE" and fake.gateway.identifies == 2)
    ix = await fake.slash("echo", text="after re-identify")
    assert (await fake.reply(ix))["embeds"][0]["description"] == "after re-identify"
    fake.assert_clean()


async def test_pings_without_allowed_mentions_are_flagged(fake: FakeDiscord, bot: MiniBot) -> None:
    channel = bot.get_channel(int(fake.state.channel_id))
    assert isinstance(channel, discord.TextChannel)
    bot._connection.allowed_mentions = None
    with pytest.raises(discord.HTTPException):
        await channel.send("@everyone look")
    assert any("allowed_mentions" in v for v in fake.violations)


async def test_unknown_route_is_flagged(fake: FakeDiscord, bot: MiniBot) -> None:
    with pytest.raises(discord.NotFound):
        await bot.fetch_guild(int(fake.state.guild_id))
    assert any("unmatched route: GET /guilds/" in v for v in fake.violations)


async def test_explicit_checks_without_spec(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("DISCORD_OPENAPI", str(tmp_path / "absent.json"))
    with pytest.warns(UserWarning, match="schema validation skipped"):
        server = await FakeDiscord().start()
    try:
        assert server.spec is None
        from .limits import check_autocomplete, check_message

        assert check_autocomplete({"choices": [{"name": "a", "value": "a"}] * 26})
        huge = {"embeds": [{"description": "d" * 4000}, {"description": "d" * 2001}]}
        assert embed_length(huge["embeds"][0]) == 4000
        assert any("6000" in reason for reason in check_message(huge))
        assert any("11 embeds" in reason for reason in check_message({"embeds": [{"title": "t"}] * 11}))
        assert any("2000" in reason for reason in check_message({"content": "x" * 2001}))
    finally:
        await server.stop()


async def test_a_resent_nonce_returns_the_first_message_like_discord() -> None:
    """``enforce_nonce``: the same nonce from the same bot in the same channel is one message."""
    import aiohttp

    async with FakeDiscord() as fake:
        url = f"{fake.base_url}/channels/{fake.state.channel_id}/messages"
        headers = {"Authorization": f"Bot {fake.token}"}
        body = {"content": "digest", "nonce": "dg0123456789abcdef012345", "enforce_nonce": True,
                "allowed_mentions": {"parse": []}}
        async with aiohttp.ClientSession() as http:
            first = await (await http.post(url, json=body, headers=headers)).json()
            again = await (await http.post(url, json=body, headers=headers)).json()
            other = await (await http.post(url, json={**body, "nonce": "dgother"}, headers=headers)).json()
            loose = await (await http.post(url, json={**body, "enforce_nonce": False}, headers=headers)).json()
        assert again["id"] == first["id"] and first["nonce"] == body["nonce"]
        assert other["id"] != first["id"] and loose["id"] != first["id"]
        assert fake.nonce_hits == 1 and len(fake.channel_posts()) == 3
        fake.assert_clean()
