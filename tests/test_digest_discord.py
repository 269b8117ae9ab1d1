"""The digest's Discord adapter: embed limits and splitting, delivery failures, the cog (per-server
channels, commands, scheduler set-up).

No network: the channel is a tiny fake whose ``send`` records or raises the exceptions
discord.py raises (built from a fake HTTP response, the library's boundary).
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import discord
import pytest
from discord.ext import commands

from bot.cogs.digest import BUSY_REPLY, JOB_ID, DigestCog, make_trigger
from bot.digest_embeds import DiscordDeliverer, chunk_embeds, entry_embed
from facts.settings import Settings, load_settings
from facts.store import connect
from facts.store.deliveries import Deliveries
from handlers.digest import AcquisitionLine, DigestEntry, Outgoing, PartnerLine, plan


def entry(i: int = 0, title: str = "Le Maroc commande trois drones", n_acq: int = 1,
          long: int = 0) -> DigestEntry:
    acqs = [AcquisitionLine(f"Système {j}" + " x" * long, 3, "TR", "Türkiye", "🇹🇷", "Baykar", "drone")
            for j in range(n_acq)]
    return DigestEntry(doc=f"{i:03}.txt", sha256=f"sha{i}", title=title, published="2026-03-12",
                       site="exemple.ma", partners=[PartnerLine("TR", "Türkiye", "🇹🇷")], acquisitions=acqs,
                       novelties=["first article on 🇹🇷 Türkiye"])


def full(i: int) -> DigestEntry:
    """An entry whose five sections all overflow a field: its embed is near 6000 characters."""
    from handlers.digest import BudgetLine

    e = entry(i, title="T" * 300, n_acq=300, long=20)
    e.partners = [PartnerLine("TR", "Türkiye " + "y" * 40, "🇹🇷")] * 100
    e.budgets = [BudgetLine(2000 + j, 1.5e9 * j, "MAD", "ligne " + "z" * 40) for j in range(100)]
    e.events = ["2026-03-12 visit " + "w" * 40] * 100
    e.novelties = ["first mention of " + "v" * 40] * 100
    return e


def within_limits(embed: discord.Embed) -> None:
    assert len(embed.title or "") <= 256
    assert len(embed.description or "") <= 4096
    assert len(embed.fields) <= 25
    for f in embed.fields:
        assert 0 < len(f.value or "") <= 1024 and len(f.name or "") <= 256
    assert len(embed) <= 6000


class FakeResponse:
    def __init__(self, status: int, reason: str):
        self.status, self.reason = status, reason


class FakeChannel:
    def __init__(self, fail_at: int | None = None, error: BaseException | None = None):
        self.sent: list[dict[str, Any]] = []
        self.fail_at, self.error = fail_at, error

    async def send(self, **kwargs: Any) -> None:
        if self.fail_at is not None and len(self.sent) == self.fail_at:
            assert self.error is not None
            raise self.error
        self.sent.append(kwargs)


class FakeBot:
    """What the digest asks of the bot: its channel cache, the API, readiness."""

    def __init__(self, channel: Any = None, fetch_error: BaseException | None = None,
                 guilds: dict[int, int] | None = None):
        self.channel, self.fetch_error = channel, fetch_error
        self.guilds_of = guilds or {}  # channel id → server id, as the cache knows them

    def get_channel(self, channel_id: int) -> Any:
        if channel_id in self.guilds_of:
            return SimpleNamespace(id=channel_id, guild=SimpleNamespace(id=self.guilds_of[channel_id]),
                                   send=getattr(self.channel, "send", None))
        return self.channel

    async def fetch_channel(self, channel_id: int) -> Any:
        if self.fetch_error:
            raise self.fetch_error
        return self.channel

    async def wait_until_ready(self) -> None:
        return None


def discord_deliver(channel: Any, timeout: float = 30.0) -> DiscordDeliverer:
    return DiscordDeliverer(FakeBot(channel), 42, timeout=timeout)


def fixed(channel: Any) -> Any:
    return channel


async def deliver_all(deliverer: Any, entries: list[DigestEntry]) -> list[Outgoing]:
    """What a digest run does with its entries once they are recorded: plan, then send each message."""
    messages = plan("42", deliverer, entries, {})
    for message in messages:
        await deliverer.send(message)
    return messages


# ---------------------------------------------------------------- embeds

def test_embed_shows_the_facts_and_escapes_markdown() -> None:
    embed = entry_embed(entry(title="**Urgent** _drones_ @everyone"))
    assert embed.title == "🆕 \\*\\*Urgent\\*\\* \\_drones\\_ @\u200beveryone"  # escaped: no markdown, no ping
    values = {f.name: f.value for f in embed.fields}
    assert values["Acquisitions"] == "• 3 × Système 0 (drone) from 🇹🇷 Türkiye, Baykar"
    assert values["New to the fact base"] == "• first article on 🇹🇷 Türkiye"
    assert embed.description == "2026-03-12 · exemple.ma" and embed.footer.text == "000.txt"


def test_huge_entry_is_cut_to_the_limits() -> None:
    embed = entry_embed(full(0))
    assert len(embed) > 5000
    within_limits(embed)
    acq = next(f.value for f in embed.fields if f.name == "Acquisitions")
    assert acq.endswith("more") and "… and " in acq


def test_a_single_line_longer_than_a_field_is_cut() -> None:
    embed = entry_embed(entry(n_acq=1, long=1500))
    within_limits(embed)


def test_many_entries_split_into_messages_of_ten_embeds_and_6000_chars() -> None:
    chunks = chunk_embeds([entry(i) for i in range(23)])
    assert [len(c) for c in chunks] == [10, 10, 3]
    big = chunk_embeds([full(i) for i in range(3)])
    assert len(big) == 3  # each embed is near 6000 characters: one per message
    for chunk in chunks + big:
        assert sum(len(e) for _, e in chunk) <= 6000
        for _, embed in chunk:
            within_limits(embed)


# ---------------------------------------------------------------- deliver

async def test_deliver_sends_every_entry_without_mentions() -> None:
    channel = FakeChannel()
    messages = await deliver_all(discord_deliver(fixed(channel)), [entry(i) for i in range(12)])
    assert [len(m["embeds"]) for m in channel.sent] == [10, 2]
    assert all(m["allowed_mentions"].to_dict() == {"parse": []} for m in channel.sent)
    assert channel.sent[0]["content"].startswith("📰 Digest: 12 article(s) (2 messages)")
    assert channel.sent[1]["content"] is None
    # each message carries its own deterministic nonce (discord.py adds enforce_nonce)
    assert [m["nonce"] for m in channel.sent] == [m.nonce for m in messages]
    again = plan("42", discord_deliver(fixed(channel)), [entry(i) for i in range(12)], {})
    assert [m.nonce for m in again] == [m.nonce for m in messages] and messages[0].nonce != messages[1].nonce


@pytest.mark.parametrize("error", [
    discord.HTTPException(FakeResponse(429, "Too Many Requests"), {"message": "rate limited", "code": 0}),
    discord.HTTPException(FakeResponse(503, "Service Unavailable"), "upstream"),
    discord.Forbidden(FakeResponse(403, "Forbidden"), {"message": "Missing Permissions", "code": 50013}),
    discord.NotFound(FakeResponse(404, "Not Found"), {"message": "Unknown Channel", "code": 10003}),
])
async def test_deliver_raises_on_http_errors(error: discord.HTTPException) -> None:
    with pytest.raises(type(error)):
        await deliver_all(discord_deliver(fixed(FakeChannel(fail_at=0, error=error))), [entry()])


async def test_deliver_raises_on_timeout() -> None:
    class Hanging:
        async def send(self, **kwargs: Any) -> None:
            import asyncio
            await asyncio.Event().wait()

    with pytest.raises(TimeoutError):
        await deliver_all(discord_deliver(fixed(Hanging()), timeout=0), [entry()])


# ---------------------------------------------------------------- the cog

def settings(tmp_path: Path, **kw: Any) -> Settings:
    (tmp_path / "seeds").mkdir(exist_ok=True)
    return load_settings(seeds_dir=tmp_path / "seeds", facts_db=tmp_path / "facts.sqlite3", **kw)


def cog(tmp_path: Path, bot: Any = None, **kw: Any) -> DigestCog:
    made = DigestCog(bot or FakeBot(), settings(tmp_path, **kw))
    connect(made.settings.facts_db).close()
    return made


async def test_missing_channel_raises_not_found(tmp_path: Path) -> None:
    missing = discord.NotFound(FakeResponse(404, "Not Found"), {"message": "Unknown Channel", "code": 10003})
    digest = cog(tmp_path, FakeBot(fetch_error=missing), digest_channel_id=42)
    [target] = await digest.targets()
    with pytest.raises(discord.NotFound):
        await deliver_all(target.deliverer, [entry()])


async def test_each_server_has_its_own_channel_and_the_operators_stays_in_its_server(tmp_path: Path) -> None:
    bot = FakeBot(guilds={42: 900})  # DIGEST_CHANNEL_ID=42 is a channel of server 900
    digest = cog(tmp_path, bot, digest_channel_id=42)
    assert [(t.key, t.claim_legacy) for t in await digest.targets()] == [("42", True)]
    with Deliveries.open(digest.settings.facts_db) as records:
        records.set_channel("901", 7)  # another server chooses its channel
    assert sorted(t.key for t in await digest.targets()) == ["42", "7"]
    assert await digest.channel_of(900) == 42 and await digest.channel_of(901) == 7
    with Deliveries.open(digest.settings.facts_db) as records:
        records.set_channel("900", 8)  # the operator's server chooses another channel: 42 is left
    assert sorted(t.key for t in await digest.targets()) == ["7", "8"]
    assert await digest.channel_of(901) == 7 and await digest.channel_of(902) is None


async def test_scheduled_scan_without_channel_does_nothing(tmp_path: Path, caplog) -> None:
    digest = cog(tmp_path)
    assert await digest.scheduled_scan() is None
    assert await digest.scheduled_scan() is None
    assert caplog.text.count("no digest channel") == 1


async def test_shutdown_during_the_channel_lookup_is_not_an_error(tmp_path: Path, caplog) -> None:
    """A scan cancelled while it reads the channel setting (the bot closing) ends quietly."""
    caplog.set_level("INFO")
    digest = cog(tmp_path, digest_channel_id=42)
    entered = asyncio.Event()
    release = asyncio.Event()

    async def slow_channels() -> dict[str, int]:
        entered.set()
        await release.wait()
        return {}

    digest.channels = slow_channels  # type: ignore[method-assign]
    job = asyncio.ensure_future(digest.scheduled_scan())
    await entered.wait()
    job.cancel()
    assert await job is None
    assert "interrupted by shutdown" in caplog.text
    assert "Traceback" not in caplog.text


class FakeInteraction:
    """Just what the /digest callbacks touch: permissions, guild, response, followup."""

    def __init__(self, manage_guild: bool = True, guild_id: int = 900):
        self.permissions = discord.Permissions(manage_guild=manage_guild)
        self.guild = SimpleNamespace(me=object(), id=guild_id)
        self.guild_id = guild_id
        self.locale = discord.Locale.american_english
        self.replies: list[str] = []
        self.deferred = False
        self.response = SimpleNamespace(send_message=self._reply, defer=self._defer)
        self.followup = SimpleNamespace(send=self._reply)

    async def _reply(self, text: str, **kw: Any) -> None:
        assert kw["allowed_mentions"].to_dict() == {"parse": []} and kw["ephemeral"]
        self.replies.append(text)

    async def _defer(self, **kw: Any) -> None:
        self.deferred = True


def target(can_send: bool, channel_id: int = 99) -> Any:
    perms = discord.Permissions(send_messages=can_send, embed_links=True)
    return SimpleNamespace(id=channel_id, mention=f"<#{channel_id}>", permissions_for=lambda member: perms,
                           guild=SimpleNamespace(id=900))


async def test_channel_command_checks_permissions_and_sets_this_servers_channel_only(tmp_path: Path) -> None:
    digest = cog(tmp_path)
    with Deliveries.open(digest.settings.facts_db) as records:
        records.set_channel("901", 5)
    interaction = FakeInteraction(guild_id=900)
    await digest.channel.callback(digest, interaction, target(False))
    assert "Send Messages" in interaction.replies[-1] and await digest.channel_of(900) is None
    await digest.channel.callback(digest, interaction, target(True))
    assert await digest.channel_of(900) == 99 and "<#99>" in interaction.replies[-1]
    assert await digest.channel_of(901) == 5, "the other server keeps its channel"


async def test_commands_need_manage_server(tmp_path: Path) -> None:
    digest = cog(tmp_path)
    for command, args in ((digest.channel, (target(True),)), (digest.now, ())):
        interaction = FakeInteraction(manage_guild=False)
        await command.callback(digest, interaction, *args)
        assert interaction.replies == ["You need the Manage Server permission to use /digest."]
    assert await digest.channel_of(900) is None


async def test_now_command_runs_one_scan(tmp_path: Path) -> None:
    channel = FakeChannel()
    digest = cog(tmp_path, FakeBot(channel))
    (digest.settings.seeds_dir / "inde.txt").write_text(
        "Une délégation indienne à Rabat\nUne délégation indienne a été reçue à Rabat le 12 mars 2026.\n",
        encoding="utf-8")
    os.utime(digest.settings.seeds_dir / "inde.txt", (1_000_000_000, 1_000_000_000))  # stable: no wait
    interaction = FakeInteraction()
    await digest.now.callback(digest, interaction)
    assert "/digest channel" in interaction.replies[-1] and not interaction.deferred
    await digest.channel.callback(digest, interaction, target(True, 5))
    await digest.now.callback(digest, interaction)  # compiled after the channel was set: news for it
    assert interaction.deferred and interaction.replies[-1] == "Posted 1 article(s) here: inde.txt"
    await digest.now.callback(digest, interaction)
    assert interaction.replies[-1] == "Nothing new."
    assert len(channel.sent) == 1


async def test_loading_the_cog_starts_one_job_on_the_running_loop_and_unloading_stops_it(tmp_path: Path) -> None:
    bot = commands.Bot(command_prefix="!", intents=discord.Intents.none())
    bot.settings = settings(tmp_path, digest_interval=120)
    await bot.load_extension("bot.cogs.digest")
    digest = bot.get_cog("DigestCog")
    assert type(digest).__name__ == "DigestCog" and digest.scheduler is not None  # a fresh module: no isinstance
    job = digest.scheduler.get_job(JOB_ID)
    assert len(digest.scheduler.get_jobs()) == 1
    assert (job.max_instances, job.coalesce, job.misfire_grace_time) == (1, True, 120)
    assert job.trigger.interval.total_seconds() == 120
    group = bot.tree.get_command("digest")
    assert group is not None and group.default_permissions.manage_guild and group.guild_only
    assert {c.name for c in group.commands} == {"now", "channel", "language"}
    scheduler = digest.scheduler
    await bot.close()  # unloads the extensions: the scheduler stops with the cog
    assert not scheduler.running and bot.get_cog("DigestCog") is None


def test_cron_trigger(tmp_path: Path) -> None:
    trigger, grace = make_trigger(settings(tmp_path, digest_cron="0 8 * * *", digest_timezone="Africa/Casablanca"))
    assert type(trigger).__name__ == "CronTrigger" and grace == 3600 and str(trigger.timezone) == "Africa/Casablanca"
    trigger, grace = make_trigger(settings(tmp_path, digest_interval=90))
    assert type(trigger).__name__ == "IntervalTrigger" and grace == 90


async def test_a_refused_post_is_not_marked_posted_and_is_retried(tmp_path: Path) -> None:
    error = discord.Forbidden(FakeResponse(403, "Forbidden"), {"message": "Missing Permissions", "code": 50013})
    channel = FakeChannel(fail_at=0, error=error)
    digest = cog(tmp_path, FakeBot(channel), digest_channel_id=42)
    with Deliveries.open(digest.settings.facts_db) as records:
        records.initialize("42")  # not a first digest: post what is new
    (digest.settings.seeds_dir / "inde.txt").write_text(
        "Une délégation indienne à Rabat\nUne délégation indienne a été reçue à Rabat le 12 mars 2026.\n",
        encoding="utf-8")
    os.utime(digest.settings.seeds_dir / "inde.txt", (1_000_000_000, 1_000_000_000))
    failed = await digest.scheduled_scan()
    assert failed is not None and failed.failed == ["inde.txt"] and "Forbidden" in (failed.error or "")
    channel.fail_at = None
    posted = await digest.scheduled_scan()
    assert posted is not None and posted.posted == ["inde.txt"] and len(channel.sent) == 1
    assert (await digest.scheduled_scan()).nothing_new
    assert len(channel.sent) == 1


async def test_channel_command_says_busy_when_a_compile_holds_the_lock(tmp_path: Path) -> None:
    """Saving the channel waits a short moment in a worker thread, then answers "busy, try again":
    never a frozen event loop, never a lost interaction."""
    import asyncio
    import sqlite3

    import bot.cogs.digest as digest_module

    digest = cog(tmp_path)
    locker = sqlite3.connect(str(digest.settings.facts_db), isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.05)
            ticks += 1

    tick = asyncio.create_task(ticker())
    old_timeout, digest_module.SETTING_TIMEOUT = digest_module.SETTING_TIMEOUT, 0.5
    try:
        interaction = FakeInteraction()
        await digest.channel.callback(digest, interaction, target(True))
    finally:
        digest_module.SETTING_TIMEOUT = old_timeout
        tick.cancel()
        locker.execute("ROLLBACK")
        locker.close()
    assert interaction.replies == [BUSY_REPLY]
    assert ticks >= 5, "the event loop kept running while the setting waited for the lock"
    assert await digest.channel_of(900) is None
