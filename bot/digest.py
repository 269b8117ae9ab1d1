"""The digest in Discord: a scheduled scan, embeds for its entries, `/digest now|channel`.

The logic (what to post, exactly once) is ``handlers/digest.py``; this module only
schedules it on the bot's event loop and delivers messages to a channel. Each message
goes out with its recorded nonce and ``enforce_nonce``, so a message resent after a crash
or a lost answer is not posted twice. ``send`` raises when Discord refuses (429 after the
library's own retries, 5xx, timeout, missing channel, missing permission): the message
stays recorded and is resent at the next scan. The channel setting is read and written
in a worker thread, never on the event loop.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import discord
from discord import app_commands

from facts.errors import FactBaseBusy, FactBaseError
from facts.safe_text import display
from facts.seeds import CompileOptions
from facts.settings import Settings
from facts.store import FactStore
from handlers.digest import DigestEntry, DigestResult, DigestRunner, Outgoing, describe_error
from handlers.digest_cli import summary_text
from handlers.digest_entries import sections

log = logging.getLogger("digest")

JOB_ID = "digest-scan"
CHANNEL_KEY = "digest:channel"  # settings key written by /digest channel; wins over DIGEST_CHANNEL_ID
MIN_INTERVAL = 1.0  # a scan of an unchanged folder costs a few stat() calls
SEND_TIMEOUT = 30.0
SETTING_TIMEOUT = 2.0  # seconds /digest channel waits for the write lock before saying "busy"
BUSY_REPLY = "The fact base is busy (a compile is saving its results); please try again in a moment."
TITLE_MAX, DESCRIPTION_MAX, FIELD_NAME_MAX, FIELD_MAX, FOOTER_MAX = 256, 4096, 256, 1024, 2048
MESSAGE_EMBEDS_MAX, MESSAGE_TOTAL_MAX = 10, 6000
NEW_COLOUR, UPDATED_COLOUR = discord.Colour.green(), discord.Colour.orange()


class Sendable(Protocol):
    async def send(self, *args: Any, **kwargs: Any) -> Any: ...


# ---------------------------------------------------------------- embeds

def clip(text: str, limit: int) -> str:
    """Cut to ``limit`` characters at a word boundary, marking the cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip() + "…"


def _field_value(items: list[str], limit: int) -> str:
    """Bullet lines, as many as fit in ``limit``, then '… and N more' for the rest."""
    lines = [f"• {discord.utils.escape_markdown(display(item))}" for item in items]
    out: list[str] = []
    used = 0
    for i, line in enumerate(lines):
        left = len(lines) - i - 1
        reserve = len(f"\n… and {left} more") if left else 0
        extra = len(line) + (1 if out else 0)
        if used + extra + reserve > limit:
            if not out:  # not even the first line fits whole: cut it
                if not left:
                    return clip(line, limit)
                more = f"… and {left} more"
                return clip(line, limit - len(more) - 1) + "\n" + more
            out.append(f"… and {len(lines) - i} more")
            break
        out.append(line)
        used += extra
    return "\n".join(out)


def entry_embed(entry: DigestEntry) -> discord.Embed:
    """One embed per article, within Discord's limits (6000 characters in all)."""
    esc = discord.utils.escape_markdown
    prefix = "🆕 " if entry.kind == "new" else "✏️ Updated: "
    title = clip(prefix + esc(display(entry.title)), TITLE_MAX)
    description = clip(esc(display(entry.meta())), DESCRIPTION_MAX) if entry.meta() else None
    footer = clip(display(entry.doc), FOOTER_MAX)
    embed = discord.Embed(title=title, description=description,
                          colour=NEW_COLOUR if entry.kind == "new" else UPDATED_COLOUR)
    parts = sections(entry)
    room = MESSAGE_TOTAL_MAX - len(title) - len(description or "") - len(footer)
    room -= sum(len(label) for label, _ in parts)
    per_field = min(FIELD_MAX, room // max(1, len(parts)))
    for label, items in parts:
        embed.add_field(name=clip(label, FIELD_NAME_MAX), value=_field_value(items, per_field), inline=False)
    embed.set_footer(text=footer)
    return embed


def chunk_embeds(entries: list[DigestEntry]) -> list[list[tuple[DigestEntry, discord.Embed]]]:
    """Group embeds into messages: at most 10 per message and 6000 characters in all."""
    chunks: list[list[tuple[DigestEntry, discord.Embed]]] = []
    current: list[tuple[DigestEntry, discord.Embed]] = []
    size = 0
    for entry in entries:
        embed = entry_embed(entry)
        if current and (len(current) >= MESSAGE_EMBEDS_MAX or size + len(embed) > MESSAGE_TOTAL_MAX):
            chunks.append(current)
            current, size = [], 0
        current.append((entry, embed))
        size += len(embed)
    if current:
        chunks.append(current)
    return chunks


class DiscordDeliverer:
    """Splits a digest into messages Discord accepts and sends one message with its nonce."""

    def __init__(self, get_channel: Callable[[], Awaitable[Sendable]], *, timeout: float = SEND_TIMEOUT):
        self.get_channel, self.timeout = get_channel, timeout

    def split(self, entries: list[DigestEntry]) -> list[list[DigestEntry]]:
        return [[entry for entry, _ in chunk] for chunk in chunk_embeds(entries)]

    async def send(self, message: Outgoing) -> None:
        channel = await self.get_channel()
        content = None
        if message.part == 1:
            content = f"📰 Digest: {message.total} article(s)"
            if message.parts > 1:
                content += f" ({message.parts} messages)"
        # discord.py sends `nonce` with `enforce_nonce: true`: a resend returns the first message
        await asyncio.wait_for(channel.send(
            content=content, embeds=[entry_embed(entry) for entry in message.entries], nonce=message.nonce,
            allowed_mentions=discord.AllowedMentions.none()), self.timeout)


def discord_deliver(get_channel: Callable[[], Awaitable[Sendable]], *,
                    timeout: float = SEND_TIMEOUT) -> DiscordDeliverer:
    return DiscordDeliverer(get_channel, timeout=timeout)


# ---------------------------------------------------------------- configuration

@dataclass
class DigestConfig:
    seeds_dir: Path
    db_path: Path
    channel_id: int | None = None
    interval: float = 60.0
    cron: str | None = None
    backfill: bool = False
    timezone: str = "UTC"
    options: CompileOptions = field(default_factory=CompileOptions)

    @classmethod
    def from_settings(cls, settings: Settings) -> DigestConfig:
        return cls(
            seeds_dir=Path(settings.seeds_dir), db_path=Path(settings.facts_db),
            channel_id=settings.digest_channel_id,
            interval=max(MIN_INTERVAL, float(settings.digest_interval or 60.0)),
            cron=settings.digest_cron, backfill=bool(settings.digest_backfill),
            timezone=settings.digest_timezone, options=settings.compile_options(),
        )


def make_trigger(config: DigestConfig) -> tuple[Any, int]:
    """(trigger, misfire_grace_time). A bad DIGEST_CRON is logged and falls back to the interval."""
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    if config.cron:
        try:
            return CronTrigger.from_crontab(config.cron, timezone=config.timezone), 3600
        except (ValueError, LookupError) as exc:
            log.error("DIGEST_CRON=%r is not a valid crontab (%s); scanning every %.0f s instead",
                      config.cron, exc, config.interval)
    return IntervalTrigger(seconds=config.interval), max(30, int(config.interval))


# ---------------------------------------------------------------- the service

class DigestService:
    """The scheduled job, its channel, and the app commands, for one bot."""

    def __init__(self, bot: Any, config: DigestConfig):
        self.bot = bot
        self.config = config
        self.runner = DigestRunner(config.seeds_dir, config.db_path,
                                   discord_deliver(self._channel), backfill=config.backfill,
                                   options=config.options)
        self.scheduler: Any = None
        self._warned_no_channel = False
        self.group = build_group(self)

    async def channel_id(self) -> int | None:
        """The channel set with /digest channel, else DIGEST_CHANNEL_ID (read off the event loop)."""
        try:
            saved = await asyncio.to_thread(self._saved_channel)
        except FactBaseError as exc:
            log.warning("could not read the digest channel setting (%s); using DIGEST_CHANNEL_ID", exc)
            saved = None
        if saved and saved.isdigit():
            return int(saved)
        return self.config.channel_id

    def _saved_channel(self) -> str | None:
        if not self.config.db_path.exists():
            return None
        store = FactStore(self.config.db_path)
        try:
            return store.setting(CHANNEL_KEY)
        finally:
            store.close()

    async def set_channel(self, channel_id: int) -> None:
        """Save the channel (off the event loop). Raises FactBaseBusy when a compile holds the lock."""
        await asyncio.to_thread(self._save_channel, channel_id)

    def _save_channel(self, channel_id: int) -> None:
        store = FactStore(self.config.db_path, write=True, timeout=SETTING_TIMEOUT)
        try:
            store.set_setting(CHANNEL_KEY, str(channel_id))
        except sqlite3.OperationalError as exc:
            raise FactBaseBusy(f"the fact base is busy ({exc})") from exc
        finally:
            store.close()

    async def _channel(self) -> Sendable:
        """The digest channel; raises NotFound/Forbidden/LookupError so the run is retried."""
        channel_id = await self.channel_id()
        if channel_id is None:
            raise LookupError("no digest channel: set DIGEST_CHANNEL_ID or use /digest channel")
        channel = self.bot.get_channel(channel_id)
        if channel is None:
            channel = await self.bot.fetch_channel(channel_id)
        if not hasattr(channel, "send"):
            raise LookupError(f"channel {channel_id} cannot receive messages")
        return channel  # type: ignore[no-any-return]

    async def scheduled_scan(self) -> DigestResult | None:
        """The scheduler's job: one scan when a channel is configured; never raises."""
        if await self.channel_id() is None:
            if not self._warned_no_channel:
                log.warning("no channel configured (DIGEST_CHANNEL_ID or /digest channel);"
                            " not scanning")
                self._warned_no_channel = True
            return None
        self._warned_no_channel = False
        wait = getattr(self.bot, "wait_until_ready", None)
        if wait is not None:
            await wait()
        try:
            return await self.runner.run_once()
        except asyncio.CancelledError:  # shutting down: what was recorded is resent at the next start
            log.info("scan interrupted by shutdown; recorded messages are resent at the next start")
            return None
        except FactBaseError as exc:
            log.warning("scan failed: %s; retrying at the next run", exc)
            return None
        except Exception:
            log.exception("scan failed; retrying at the next run")
            return None

    def start(self) -> None:
        """Start the scheduler on the running loop (call from setup_hook, not on_ready)."""
        from apscheduler.schedulers.asyncio import AsyncIOScheduler

        trigger, grace = make_trigger(self.config)
        self.scheduler = AsyncIOScheduler(timezone=self.config.timezone)
        delay = timedelta(seconds=min(5.0, self.config.interval))
        first = None if self.config.cron else datetime.now(trigger.timezone) + delay
        self.scheduler.add_job(self.scheduled_scan, trigger, id=JOB_ID, replace_existing=True,
                               max_instances=1, coalesce=True, misfire_grace_time=grace,
                               next_run_time=first)
        self.scheduler.start()
        how = f"cron {self.config.cron!r} ({self.config.timezone})" if self.config.cron else \
            f"every {self.config.interval:.0f} s"
        log.info("scanning %s %s", self.config.seeds_dir, how)

    def shutdown(self) -> None:
        """Stop scheduling and abandon a compile in progress (the fact base is left as it was)."""
        self.runner.stop()
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        self.scheduler = None


async def require_manage_guild(interaction: discord.Interaction) -> bool:
    """The check behind default_permissions (which a server can override): Manage Server.

    Checked in the callback rather than with a check decorator so the refusal is one
    clear private line, not an error routed through the tree's generic error handler.
    """
    perms = getattr(interaction, "permissions", None)
    if perms is not None and perms.manage_guild:
        return True
    await interaction.response.send_message("You need the Manage Server permission to use /digest.",
                                            ephemeral=True, allowed_mentions=discord.AllowedMentions.none())
    return False


def build_group(service: DigestService) -> app_commands.Group:
    """`/digest now` and `/digest channel`, both for members with Manage Server."""
    group = app_commands.Group(name="digest", description="Digest of new articles",
                               default_permissions=discord.Permissions(manage_guild=True), guild_only=True)
    none = discord.AllowedMentions.none()

    @group.command(name="now", description="Scan the articles folder now and post what is new")
    async def now(interaction: discord.Interaction) -> None:
        if not await require_manage_guild(interaction):
            return
        if await service.channel_id() is None:
            await interaction.response.send_message(
                "No digest channel yet: set one with `/digest channel`.",
                ephemeral=True, allowed_mentions=none)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            result = await service.runner.run_once()
        except Exception as exc:
            log.exception("/digest now failed")
            text = f"The scan failed: {describe_error(exc)}"
        else:
            text = scan_reply(result)
        safe = discord.utils.escape_mentions(discord.utils.escape_markdown(display(text)))
        await interaction.followup.send(clip(safe, 2000),
                                        ephemeral=True, allowed_mentions=none)

    @group.command(name="channel", description="Post the digest in this channel")
    @app_commands.describe(channel="Text channel that receives the digest")
    async def channel(interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        if not await require_manage_guild(interaction):
            return
        me = interaction.guild.me if interaction.guild else None
        if me is not None:
            perms = channel.permissions_for(me)
            if not (perms.send_messages and perms.embed_links):
                await interaction.response.send_message(
                    f"I cannot post embeds in {channel.mention}: I need Send Messages and Embed Links there.",
                    ephemeral=True, allowed_mentions=none)
                return
        try:
            await service.set_channel(channel.id)
        except FactBaseError as exc:
            log.warning("/digest channel: %s", exc)
            await interaction.response.send_message(BUSY_REPLY if isinstance(exc, FactBaseBusy) else
                                                    f"Could not save the channel: {exc}",
                                                    ephemeral=True, allowed_mentions=none)
            return
        await interaction.response.send_message(
            f"The digest will be posted in {channel.mention}.", ephemeral=True, allowed_mentions=none)

    return group


def scan_reply(result: DigestResult) -> str:
    """The ephemeral answer of `/digest now`."""
    lines = []
    if result.posted:
        lines.append(f"Posted {len(result.posted)} article(s): " + ", ".join(result.posted))
    summary = summary_text(result, backfill_hint=True)
    if summary:
        lines.append(summary)
    return "\n".join(lines) or "Nothing new."


def setup_digest(bot: Any) -> None:
    """Called from the bot's ``setup_hook``: add `/digest`, start the scheduler, stop it on close."""
    service = DigestService(bot, DigestConfig.from_settings(bot.settings))
    bot.tree.add_command(service.group)
    service.start()
    bot.digest_service = service
    original_close = bot.close

    async def close() -> None:
        service.shutdown()
        await original_close()

    bot.close = close
