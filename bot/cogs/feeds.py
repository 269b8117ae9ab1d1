"""News feeds in Discord (an extension): `/feed add|remove|list` and the polling loop.

Each server keeps its own list (saved in the fact base), and what its feeds bring is posted to its
own digest channel only; ``FEEDS`` is the operator's, posted to every channel. Only members with
Manage Server may change or see the list. The loop polls the due feeds every
``DIGEST_INTERVAL`` seconds (each feed at most every ``FEED_INTERVAL``, longer after failures, see
``handlers.feeds``); what a feed brings is stored in the seeds folder and the digest posts it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.common import require_manage_guild, say_privately
from bot.embeds import escape
from facts.errors import FactBaseError
from facts.settings import Settings
from facts.store.feeds import Feeds
from handlers.digest.send import off_loop
from handlers.feeds import FeedPoller, feed_list
from handlers.fetch import FetchRefused, _check_url

log = logging.getLogger("feeds")

MAX_FEEDS_PER_SERVER = 50


def _follow(db: object, guild: str, url: str, add: bool, operator: bool) -> bool:
    with Feeds.open(db) as feeds:  # type: ignore[arg-type]
        if add and len(feeds.followed(guild)) >= MAX_FEEDS_PER_SERVER:
            raise ValueError(f"this server follows {MAX_FEEDS_PER_SERVER} feeds already")
        return feeds.follow(guild, url) if add else feeds.unfollow(guild, url, operator=operator)


def _followed(db: object, guild: str) -> list[str]:
    with Feeds.open(db) as feeds:  # type: ignore[arg-type]
        return feeds.followed(guild)


@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
class FeedsCog(commands.GroupCog, group_name="feed", group_description="News feeds whose articles are stored"):
    def __init__(self, bot: commands.Bot, settings: Settings):
        self.bot = bot
        self.settings = settings
        self.poller = FeedPoller(settings)
        self._task: asyncio.Task[None] | None = None
        super().__init__()

    async def cog_load(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._loop(), name="feeds")

    async def cog_unload(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._task = None

    async def _loop(self) -> None:
        await self.bot.wait_until_ready()
        while True:
            try:
                report = await self.poller.poll_once()
                if report.added or report.failed:
                    log.info("feeds: %d polled, %d entries taken, %d failed", report.polled, len(report.added),
                             len(report.failed))
            except FactBaseError as exc:
                log.warning("feeds: %s; polling again later", exc)
            except Exception:
                log.exception("feeds: polling failed; polling again later")
            await asyncio.sleep(self.settings.digest_interval)

    say = staticmethod(say_privately)

    @staticmethod
    async def admin(interaction: discord.Interaction) -> bool:
        return await require_manage_guild(interaction,
                                          "You need the Manage Server permission to change this server's feeds.")

    async def _change(self, interaction: discord.Interaction, url: str, add: bool) -> None:
        if not await self.admin(interaction):
            return
        url = url.strip()
        try:
            _check_url(url, self.settings.allow_private_urls)
        except FetchRefused as exc:
            await self.say(interaction, escape(f"Not a feed address: {exc}."))
            return
        try:
            changed = await off_loop(_follow, self.settings.facts_db, str(interaction.guild_id), url, add,
                                     url in feed_list(self.settings.feeds))
        except (FactBaseError, ValueError) as exc:
            await self.say(interaction, escape(f"Could not save it: {exc}."))
            return
        shown = escape(f"<{url}>")
        if add:
            text = (f"Following {shown}: its entries from now on are stored and posted by the digest "
                    "(what it lists today is recorded, not posted)." if changed else f"Already following {shown}.")
        else:
            text = f"Stopped following {shown}." if changed else f"This server does not follow {shown}."
        await self.say(interaction, text)

    @app_commands.command(name="add", description="Follow an RSS or Atom feed: its new articles are stored")
    @app_commands.describe(url="The feed's address (RSS or Atom)")
    async def add(self, interaction: discord.Interaction, url: str) -> None:
        await self._change(interaction, url, add=True)

    @app_commands.command(name="remove", description="Stop following a feed")
    @app_commands.describe(url="The feed's address, as listed by /feed list")
    async def remove(self, interaction: discord.Interaction, url: str) -> None:
        await self._change(interaction, url, add=False)

    @app_commands.command(name="list", description="The feeds this server follows")
    async def list_feeds(self, interaction: discord.Interaction) -> None:
        if not await self.admin(interaction):
            return
        try:
            mine = await off_loop(_followed, self.settings.facts_db, str(interaction.guild_id))
        except FactBaseError as exc:
            await self.say(interaction, escape(f"Could not read the feeds: {exc}."))
            return
        operator = feed_list(self.settings.feeds)
        lines = [escape(f"<{u}>") for u in mine] or ["This server follows no feed yet: `/feed add url:`."]
        if operator:
            lines.append("The operator's feeds (FEEDS): " + ", ".join(escape(f"<{u}>") for u in operator))
        await self.say(interaction, "\n".join(lines))


async def setup(bot: commands.Bot) -> None:
    """Extension entry point: the bot carries its settings (``DefenceBot.settings``)."""
    await bot.add_cog(FeedsCog(bot, bot.settings))  # type: ignore[attr-defined]
