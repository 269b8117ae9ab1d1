"""The digest's Discord adapter: embed limits and splitting, delivery failures, scheduler set-up.

No network: the channel is a tiny fake whose ``send`` records or raises the exceptions
discord.py raises (built from a fake HTTP response, the library's boundary).
"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import discord
import pytest
from discord.ext import commands

from bot.digest import (
    CHANNEL_KEY,
    JOB_ID,
    DigestConfig,
    DigestService,
    chunk_embeds,
    discord_deliver,
    entry_embed,
    setup_digest,
)
from facts.store import FactStore
from handlers.digest import AcquisitionLine, DigestEntry, Outgoing, PartnerLine
from handlers.digest_send import plan


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


def fixed(channel: Any):
    async def get() -> Any:
        return channel
    return get


async def deliver_all(deliverer: Any, entries: list[DigestEntry]) -> list[Outgoing]:
    """What a digest run does with its entries once they are recorded: plan, then send each message."""
    messages = plan(deliverer, entries, {})
    for message in messages:
        await deliverer.send(message)
    return messages


# ---------------------------------------------------------------- embeds

def test_embed_shows_the_facts_and_escapes_markdown() -> None:
    embed = entry_embed(entry(title="**Urgent** _drones_ @everyone"))
    assert embed.title == "🆕 \\*\\*Urgent\\*\\* \\_drones\\_ @everyone"
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
    again = plan(discord_deliver(fixed(channel)), [entry(i) for i in range(12)], {})
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


# ---------------------------------------------------------------- the service

class FakeBot:
    def __init__(self, channel: Any = None, fetch_error: BaseException | None = None):
        self.channel, self.fetch_error = channel, fetch_error

    def get_channel(self, channel_id: int) -> Any:
        return self.channel

    async def fetch_channel(self, channel_id: int) -> Any:
        if self.fetch_error:
            raise self.fetch_error
        return self.channel


def config(tmp_path: Path, **kw: Any) -> DigestConfig:
    (tmp_path / "seeds").mkdir(exist_ok=True)
    return DigestConfig(seeds_dir=tmp_path / "seeds", db_path=tmp_path / "facts.sqlite3", **kw)


async def test_missing_channel_raises_not_found(tmp_path: Path) -> None:
    missing = discord.NotFound(FakeResponse(404, "Not Found"), {"message": "Unknown Channel", "code": 10003})
    service = DigestService(FakeBot(fetch_error=missing), config(tmp_path, channel_id=42))
    with pytest.raises(discord.NotFound):
        await deliver_all(service.runner.deliver, [entry()])


async def test_channel_set_with_the_command_wins_over_the_environment(tmp_path: Path) -> None:
    service = DigestService(FakeBot(), config(tmp_path, channel_id=42))
    assert await service.channel_id() == 42
    await service.set_channel(7)
    assert await service.channel_id() == 7
    assert FactStore(tmp_path / "facts.sqlite3").setting(CHANNEL_KEY) == "7"


async def test_scheduled_scan_without_channel_does_nothing(tmp_path: Path, caplog) -> None:
    service = DigestService(FakeBot(), config(tmp_path))
    assert await service.scheduled_scan() is None
    assert await service.scheduled_scan() is None
    assert caplog.text.count("no channel configured") == 1


class FakeInteraction:
    """Just what the /digest callbacks touch: permissions, guild.me, response, followup."""

    def __init__(self, manage_guild: bool = True):
        self.permissions = discord.Permissions(manage_guild=manage_guild)
        self.guild = SimpleNamespace(me=object())
        self.replies: list[str] = []
        self.deferred = False
        self.response = SimpleNamespace(send_message=self._reply, defer=self._defer)
        self.followup = SimpleNamespace(send=self._reply)

    async def _reply(self, text: str, **kw: Any) -> None:
        assert kw["allowed_mentions"].to_dict() == {"parse": []} and kw["ephemeral"]
        self.replies.append(text)

    async def _defer(self, **kw: Any) -> None:
        self.deferred = True


def target(can_send: bool) -> Any:
    perms = discord.Permissions(send_messages=can_send, embed_links=True)
    return SimpleNamespace(id=99, mention="<#99>", permissions_for=lambda member: perms)


async def test_channel_command_checks_permissions_and_persists(tmp_path: Path) -> None:
    service = DigestService(FakeBot(), config(tmp_path))
    command = service.group.get_command("channel")
    interaction = FakeInteraction()
    await command.callback(interaction, target(False))
    assert "Send Messages" in interaction.replies[-1] and await service.channel_id() is None
    await command.callback(interaction, target(True))
    assert await service.channel_id() == 99 and "<#99>" in interaction.replies[-1]


async def test_commands_need_manage_server(tmp_path: Path) -> None:
    service = DigestService(FakeBot(), config(tmp_path))
    for name, args in (("channel", (target(True),)), ("now", ())):
        interaction = FakeInteraction(manage_guild=False)
        await service.group.get_command(name).callback(interaction, *args)
        assert interaction.replies == ["You need the Manage Server permission to use /digest."]
    assert await service.channel_id() is None


async def test_now_command_runs_one_scan(tmp_path: Path) -> None:
    channel = FakeChannel()
    cfg = config(tmp_path)
    (cfg.seeds_dir / "inde.txt").write_text(
        "Une délégation indienne à Rabat\nUne délégation indienne a été reçue à Rabat le 12 mars 2026.\n",
        encoding="utf-8")
    os.utime(cfg.seeds_dir / "inde.txt", (1_000_000_000, 1_000_000_000))  # stable: no wall-clock wait
    service = DigestService(FakeBot(channel), cfg)
    now = service.group.get_command("now")
    interaction = FakeInteraction()
    await now.callback(interaction)
    assert "/digest channel" in interaction.replies[-1] and not interaction.deferred
    await service.set_channel(5)
    await now.callback(interaction)
    assert interaction.deferred and interaction.replies[-1].startswith("First run: recorded 1")
    await now.callback(interaction)
    assert interaction.replies[-1] == "Nothing new."
    assert channel.sent == []


async def test_setup_digest_starts_one_job_on_the_running_loop_and_stops_on_close(tmp_path, monkeypatch):
    from facts.settings import load_settings

    bot = commands.Bot(command_prefix="!", intents=discord.Intents.none())
    bot.settings = load_settings(seeds_dir=tmp_path / "seeds", facts_db=tmp_path / "facts.sqlite3",
                                 digest_interval=120)
    setup_digest(bot)
    service: DigestService = bot.digest_service
    job = service.scheduler.get_job(JOB_ID)
    assert len(service.scheduler.get_jobs()) == 1
    assert (job.max_instances, job.coalesce, job.misfire_grace_time) == (1, True, 120)
    assert job.trigger.interval.total_seconds() == 120
    group = bot.tree.get_command("digest")
    assert group is not None and group.default_permissions.manage_guild
    assert {c.name for c in group.commands} == {"now", "channel"}
    scheduler = service.scheduler
    await bot.close()
    assert not scheduler.running


async def test_cron_and_bad_cron(tmp_path: Path, caplog) -> None:
    from bot.digest import make_trigger

    trigger, grace = make_trigger(config(tmp_path, cron="0 8 * * *"))
    assert type(trigger).__name__ == "CronTrigger" and grace == 3600
    trigger, grace = make_trigger(config(tmp_path, cron="every morning", interval=90))
    assert type(trigger).__name__ == "IntervalTrigger" and grace == 90
    assert "not a valid crontab" in caplog.text


async def test_a_refused_post_is_not_marked_posted_and_is_retried(tmp_path: Path) -> None:
    from facts.deliveries import Deliveries
    from facts.store import connect

    cfg = config(tmp_path, channel_id=42)
    (cfg.seeds_dir / "inde.txt").write_text(
        "Une délégation indienne à Rabat\nUne délégation indienne a été reçue à Rabat le 12 mars 2026.\n",
        encoding="utf-8")
    os.utime(cfg.seeds_dir / "inde.txt", (1_000_000_000, 1_000_000_000))
    Deliveries(connect(cfg.db_path)).mark_initialized()  # not a first run: post what is new
    error = discord.Forbidden(FakeResponse(403, "Forbidden"),
                              {"message": "Missing Permissions", "code": 50013})
    channel = FakeChannel(fail_at=0, error=error)
    service = DigestService(FakeBot(channel), cfg)
    failed = await service.scheduled_scan()
    assert failed is not None and failed.failed == ["inde.txt"] and "Forbidden" in (failed.error or "")
    channel.fail_at = None
    posted = await service.scheduled_scan()
    assert posted is not None and posted.posted == ["inde.txt"] and len(channel.sent) == 1
    assert (await service.scheduled_scan()).nothing_new
    assert len(channel.sent) == 1


async def test_channel_command_says_busy_when_a_compile_holds_the_lock(tmp_path: Path) -> None:
    """Saving the channel waits a short moment in a worker thread, then answers "busy, try again":
    never a frozen event loop, never a lost interaction."""
    import asyncio
    import sqlite3

    import bot.digest as digest_module
    from facts.store import connect

    cfg = config(tmp_path)
    connect(cfg.db_path).close()
    service = DigestService(FakeBot(), cfg)
    locker = sqlite3.connect(str(cfg.db_path), isolation_level=None)
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
        await service.group.get_command("channel").callback(interaction, target(True))
    finally:
        digest_module.SETTING_TIMEOUT = old_timeout
        tick.cancel()
        locker.execute("ROLLBACK")
        locker.close()
    assert interaction.replies == [digest_module.BUSY_REPLY]
    assert ticks >= 5, "the event loop kept running while the setting waited for the lock"
    assert await service.channel_id() is None
