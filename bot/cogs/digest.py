"""The digest in Discord (an extension): `/digest now|channel` and the scheduled scan.

Each server chooses its channel with `/digest channel` (saved in the fact base, for that server
only); DIGEST_CHANNEL_ID is the operator's channel, used in its server unless that server chose
another. Every scan delivers each new article once to each of these channels (``handlers.digest``).
The cog's ``cog_load`` starts the scheduler on the bot's loop and ``cog_unload`` stops it (and a
compile in progress); settings and channels are read and written in worker threads.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import Any

import discord
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from discord import app_commands
from discord.ext import commands

from bot.cogs.common import require_manage_guild
from bot.digest_embeds import DiscordDeliverer
from bot.embeds import escape
from facts.errors import FactBaseBusy, FactBaseError
from facts.settings import Settings
from facts.store.deliveries import Deliveries
from handlers.digest import DigestResult, DigestRunner, Target, describe_error
from handlers.digest.cli import summary_text
from handlers.digest.send import off_loop
from handlers.formatting import CONTENT_MAX, shorten
from handlers.i18n import N_, language_of, tr, using

log = logging.getLogger("digest")

JOB_ID = "digest-scan"
SETTING_TIMEOUT = 2.0  # seconds /digest channel waits for the write lock before saying "busy"
READ_TIMEOUT = 5.0
BUSY_REPLY = N_("The fact base is busy (a compile is saving its results); please try again in a moment.")
AUTO = "auto"
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}  # each language by its own name
LANGUAGE_CHOICES = [app_commands.Choice(name=N_("the server's own language"), value=AUTO),
                    *(app_commands.Choice(name=name, value=code) for code, name in LANGUAGE_NAMES.items())]
NONE = discord.AllowedMentions.none()


def make_trigger(settings: Settings) -> tuple[CronTrigger | IntervalTrigger, int]:
    """(trigger, misfire_grace_time): DIGEST_CRON (checked by the settings) or DIGEST_INTERVAL."""
    if settings.digest_cron:
        return CronTrigger.from_crontab(settings.digest_cron, timezone=settings.digest_timezone), 3600
    return IntervalTrigger(seconds=settings.digest_interval), max(30, int(settings.digest_interval))


def _channels(db_path: Any, timeout: float) -> dict[str, int]:
    with Deliveries.open(db_path, timeout=timeout) as records:
        return records.channels()


def _languages(db_path: Any, timeout: float) -> dict[str, str]:
    with Deliveries.open(db_path, timeout=timeout) as records:
        return records.languages()


def _set_language(db_path: Any, guild_id: str, lang: str | None) -> None:
    with Deliveries.open(db_path, timeout=SETTING_TIMEOUT) as records:
        records.set_language(guild_id, lang)


def _set_channel(db_path: Any, guild_id: str, channel_id: int, backfill: bool) -> None:
    with Deliveries.open(db_path, timeout=SETTING_TIMEOUT) as records:
        records.set_channel(guild_id, channel_id, backfill=backfill)


@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
class DigestCog(commands.GroupCog, group_name="digest", group_description=N_("Digest of new articles")):
    """`/digest now` and `/digest channel`, for members with Manage Server, and the scheduled scan."""

    def __init__(self, bot: commands.Bot, settings: Settings):
        self.bot = bot
        self.settings = settings
        self.runner = DigestRunner(settings.seeds_dir, settings.facts_db, targets=self.targets,
                                   backfill=settings.digest_backfill, options=settings.compile_options(),
                                   sweep_interval=settings.digest_sweep_interval)
        self.scheduler: AsyncIOScheduler | None = None
        self._warned_no_channel = False
        super().__init__()

    # ------------------------------------------------------------ channels

    async def channels(self) -> dict[str, int]:
        """Server id → channel chosen with /digest channel (read off the event loop)."""
        try:
            return await off_loop(_channels, self.settings.facts_db, READ_TIMEOUT)
        except FactBaseError as exc:
            log.warning("could not read the digest channels (%s); using DIGEST_CHANNEL_ID only", exc)
            return {}

    def _guild_of(self, channel_id: int) -> int | None:
        channel = self.bot.get_channel(channel_id)
        guild = getattr(channel, "guild", None)
        return getattr(guild, "id", None)

    async def targets(self) -> list[Target]:
        """Every server's channel, plus the operator's (DIGEST_CHANNEL_ID, or the channel saved before
        servers had their own) unless its server chose another. Each names its server, so it gets
        only its own feeds' articles beside everyone's; the operator's channel, before the bot has
        seen its server, gets everyone's only (its server's own come once the server is known)."""
        saved = await self.channels()
        chosen = {channel: (False, guild) for guild, channel in saved.items() if guild}
        default = saved.get("") or self.settings.digest_channel_id
        home = self._guild_of(default) if default else None
        if default and default not in chosen and str(home) not in saved:
            chosen[default] = (True, "" if home is None else str(home))
        languages = await self.languages()
        return [Target(str(channel), DiscordDeliverer(self.bot, channel, lang=self.language_of(channel, languages)),
                       claim_legacy=claims, server=server)
                for channel, (claims, server) in chosen.items()]

    async def languages(self) -> dict[str, str]:
        """Server id → the language chosen with /digest language (read off the event loop)."""
        try:
            return await off_loop(_languages, self.settings.facts_db, READ_TIMEOUT)
        except FactBaseError as exc:
            log.warning("could not read the digest languages (%s); using each server's own", exc)
            return {}

    def language_of(self, channel_id: int, chosen: dict[str, str]) -> str:
        """The language of the digest posted in a channel: its server's choice (/digest language),
        else the server's preferred language (Discord's "Server Primary Language"): French or English."""
        guild = getattr(self.bot.get_channel(channel_id), "guild", None)
        guild_id = getattr(guild, "id", None)
        if guild_id is not None and str(guild_id) in chosen:
            return chosen[str(guild_id)]
        return language_of(getattr(guild, "preferred_locale", None))

    async def channel_of(self, guild_id: int) -> int | None:
        """The channel that receives this server's digest, if any."""
        saved = await self.channels()
        if str(guild_id) in saved:
            return saved[str(guild_id)]
        default = saved.get("") or self.settings.digest_channel_id
        return default if default and self._guild_of(default) == guild_id else None

    # ------------------------------------------------------------ the scheduled scan

    async def scheduled_scan(self) -> DigestResult | None:
        """The scheduler's job: one scan when some channel is set; never raises.

        A shutdown may cancel the job at any await (the channel lookup, the wait for the gateway,
        a send): that is not an error, since what was recorded is resent at the next start."""
        try:
            return await self._scan_if_configured()
        except asyncio.CancelledError:
            log.info("scan interrupted by shutdown; recorded messages are resent at the next start")
        except FactBaseError as exc:
            log.warning("scan failed: %s; retrying at the next run", exc)
        except Exception:
            log.exception("scan failed; retrying at the next run")
        return None

    async def _scan_if_configured(self) -> DigestResult | None:
        if not await self.targets():
            if not self._warned_no_channel:
                log.warning("no digest channel (DIGEST_CHANNEL_ID or /digest channel); not scanning")
                self._warned_no_channel = True
            return None
        self._warned_no_channel = False
        await self.bot.wait_until_ready()
        return await self.runner.run_once()

    async def cog_load(self) -> None:
        """Start the scheduler on the running loop (the bot's ``setup_hook``), never at import."""
        trigger, grace = make_trigger(self.settings)
        self.scheduler = AsyncIOScheduler(timezone=self.settings.digest_timezone)
        delay = timedelta(seconds=min(5.0, self.settings.digest_interval))
        first = None if self.settings.digest_cron else datetime.now(trigger.timezone) + delay
        self.scheduler.add_job(self.scheduled_scan, trigger, id=JOB_ID, replace_existing=True, max_instances=1,
                               coalesce=True, misfire_grace_time=grace, next_run_time=first)
        self.scheduler.start()
        how = (f"cron {self.settings.digest_cron!r} ({self.settings.digest_timezone})" if self.settings.digest_cron
               else f"every {self.settings.digest_interval:.0f} s")
        log.info("digest: scanning %s %s", self.settings.seeds_dir, how)

    async def cog_unload(self) -> None:
        """Stop scheduling and abandon a compile in progress (the fact base is left as it was)."""
        self.runner.stop()
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        self.scheduler = None

    # ------------------------------------------------------------ commands

    @staticmethod
    async def manager(interaction: discord.Interaction) -> bool:
        return await require_manage_guild(
            interaction, tr("You need the Manage Server permission to use /digest.", language_of(interaction.locale)))

    @app_commands.command(name="now", description=N_("Scan the articles folder now and post what is new"))
    async def now(self, interaction: discord.Interaction) -> None:
        if not await self.manager(interaction):
            return
        channel = await self.channel_of(interaction.guild_id or 0)
        if channel is None:
            await interaction.response.send_message(
                tr("No digest channel for this server yet: set one with `/digest channel`.",
                   language_of(interaction.locale)), ephemeral=True, allowed_mentions=NONE)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            result = await self.runner.run_once()
            with using(language_of(interaction.locale)):
                text = scan_reply(result, str(channel))
        except Exception as exc:
            log.exception("/digest now failed")
            text = tr("The scan failed: {problem}", language_of(interaction.locale), problem=describe_error(exc))
        await interaction.followup.send(shorten(escape(text), CONTENT_MAX, one_line=False), ephemeral=True,
                                        allowed_mentions=NONE)

    @app_commands.command(name="language", description=N_("The language of this server's digest"))
    @app_commands.describe(language=N_("English, Français, or the server's own language"))
    @app_commands.choices(language=LANGUAGE_CHOICES)
    async def language(self, interaction: discord.Interaction, language: app_commands.Choice[str]) -> None:
        if not await self.manager(interaction):
            return
        lang = None if language.value == AUTO else language_of(language.value)
        user = language_of(interaction.locale)
        try:
            await off_loop(_set_language, self.settings.facts_db, str(interaction.guild_id or 0), lang)
        except FactBaseError as exc:
            log.warning("/digest language: %s", exc)
            await interaction.response.send_message(
                tr(BUSY_REPLY, user) if isinstance(exc, FactBaseBusy) else
                tr("Could not save the language: {problem}", user, problem=escape(str(exc))),
                ephemeral=True, allowed_mentions=NONE)
            return
        chosen = tr("the server's own language", user) if lang is None else LANGUAGE_NAMES[lang]
        await interaction.response.send_message(
            tr("This server's digest will be in {language}; other servers keep theirs.", user, language=chosen),
            ephemeral=True, allowed_mentions=NONE)

    @app_commands.command(name="channel", description=N_("Post this server's digest in a channel"))
    @app_commands.describe(channel=N_("Text channel of this server that receives the digest"))
    async def channel(self, interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        if not await self.manager(interaction):
            return
        user = language_of(interaction.locale)
        me = interaction.guild.me if interaction.guild else None
        if me is not None:
            perms = channel.permissions_for(me)
            if not (perms.send_messages and perms.embed_links):
                await interaction.response.send_message(
                    tr("I cannot post embeds in {channel}: I need Send Messages and Embed Links there.", user,
                       channel=channel.mention), ephemeral=True, allowed_mentions=NONE)
                return
        try:
            await off_loop(_set_channel, self.settings.facts_db, str(interaction.guild_id or channel.guild.id),
                           channel.id, self.settings.digest_backfill)
        except FactBaseError as exc:
            log.warning("/digest channel: %s", exc)
            await interaction.response.send_message(
                tr(BUSY_REPLY, user) if isinstance(exc, FactBaseBusy) else
                tr("Could not save the channel: {problem}", user, problem=escape(str(exc))),
                ephemeral=True, allowed_mentions=NONE)
            return
        await interaction.response.send_message(
            tr("This server's digest will be posted in {channel}; other servers keep their own.", user,
               channel=channel.mention), ephemeral=True, allowed_mentions=NONE)


def scan_reply(result: DigestResult, target: str) -> str:
    """The private answer of `/digest now`, about this server's channel."""
    mine = result.targets.get(target)
    lines = []
    if mine is not None and mine.posted:
        lines.append(tr("Posted {n} article(s) here: {files}", n=len(mine.posted), files=", ".join(mine.posted)))
    summary = summary_text(result, backfill_hint=True)
    if summary:
        lines.append(summary)
    return "\n".join(lines) or tr("Nothing new.")


async def setup(bot: commands.Bot) -> None:
    """Extension entry point: the bot carries its settings (``DefenceBot.settings``)."""
    await bot.add_cog(DigestCog(bot, bot.settings))  # type: ignore[attr-defined]
