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
from handlers.i18n import N_, language_of, ntr, tr, using

log = logging.getLogger("feeds")

MAX_FEEDS_PER_SERVER = 50


def _follow(db: object, guild: str, url: str, add: bool, operator: bool) -> bool:
    with Feeds.open(db) as feeds:  # type: ignore[arg-type]
        if add and len(feeds.followed(guild)) >= MAX_FEEDS_PER_SERVER:
            raise ValueError(ntr("this server follows {n} feed already", "this server follows {n} feeds already",
                                 MAX_FEEDS_PER_SERVER))
        return feeds.follow(guild, url) if add else feeds.unfollow(guild, url, operator=operator)


def _followed(db: object, guild: str) -> list[str]:
    with Feeds.open(db) as feeds:  # type: ignore[arg-type]
        return feeds.followed(guild)


@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
class FeedsCog(commands.GroupCog, group_name=N_("feed"),
           group_description=N_("News feeds whose articles are stored")):
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
                                          tr("You need the Manage Server permission to change this server's feeds."))

    async def _change(self, interaction: discord.Interaction, url: str, add: bool) -> None:
        with using(language_of(interaction.locale)):  # the user's language, also in the worker thread
            if await self.admin(interaction):
                await self.say(interaction, await self._changed(interaction, url.strip(), add))

    async def _changed(self, interaction: discord.Interaction, url: str, add: bool) -> str:
        """The answer to `/feed add` or `/feed remove`, once the change is saved (or refused)."""
        try:
            _check_url(url, self.settings.allow_private_urls)
        except FetchRefused as exc:
            return escape(tr("Not a feed address: {reason}.", reason=str(exc)))
        try:
            changed = await off_loop(_follow, self.settings.facts_db, str(interaction.guild_id), url, add,
                                     url in feed_list(self.settings.feeds))
        except (FactBaseError, ValueError) as exc:
            return escape(tr("Could not save it: {reason}.", reason=str(exc)))
        shown = escape(f"<{url}>")
        if add:
            return tr("Following {url}: its entries from now on are stored and posted by the digest "
                      "(what it lists today is recorded, not posted).", url=shown) if changed \
                else tr("Already following {url}.", url=shown)
        return tr("Stopped following {url}.", url=shown) if changed \
            else tr("This server does not follow {url}.", url=shown)

    @app_commands.command(name=N_("add"), description=N_("Follow an RSS or Atom feed: its new articles are stored"))
    @app_commands.describe(url=N_("The feed's address (RSS or Atom)"))
    async def add(self, interaction: discord.Interaction, url: str) -> None:
        await self._change(interaction, url, add=True)

    @app_commands.command(name=N_("remove"), description=N_("Stop following a feed"))
    @app_commands.describe(url=N_("The feed's address, as listed by /feed list"))
    async def remove(self, interaction: discord.Interaction, url: str) -> None:
        await self._change(interaction, url, add=False)

    @app_commands.command(name=N_("list"), description=N_("The feeds this server follows"))
    async def list_feeds(self, interaction: discord.Interaction) -> None:
        with using(language_of(interaction.locale)):
            if await self.admin(interaction):
                await self.say(interaction, await self._listed(interaction))

    async def _listed(self, interaction: discord.Interaction) -> str:
        """The answer to `/feed list`: this server's feeds, then the operator's."""
        try:
            mine = await off_loop(_followed, self.settings.facts_db, str(interaction.guild_id))
        except FactBaseError as exc:
            return escape(tr("Could not read the feeds: {reason}.", reason=str(exc)))
        operator = feed_list(self.settings.feeds)
        lines = [escape(f"<{u}>") for u in mine] or [tr("This server follows no feed yet: `/feed add url:`.")]
        if operator:
            lines.append(tr("The operator's feeds (FEEDS): {urls}",
                            urls=", ".join(escape(f"<{u}>") for u in operator)))
        return "\n".join(lines)


async def setup(bot: commands.Bot) -> None:
    """Extension entry point: the bot carries its settings (``DefenceBot.settings``)."""
    await bot.add_cog(FeedsCog(bot, bot.settings))  # type: ignore[attr-defined]
