"""The Discord client: minimal intents, no mentions ever, commands synced at start-up.

Errors in a command reach the user as one short private line and the log as a full
traceback; nothing here ever logs the token (``Settings.__repr__`` hides it too).
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import signal
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.commands import FactCommands
from facts.settings import Settings

log = logging.getLogger(__name__)

ERROR_MESSAGE = "Sorry, something went wrong while answering. The error was logged; please try again."


class AnswerTree(app_commands.CommandTree):
    """Command tree whose errors are logged with their traceback and reported briefly to the user."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        original = getattr(error, "original", error)
        name = interaction.command.qualified_name if interaction.command else "?"
        log.error("command /%s failed", name, exc_info=(type(original), original, original.__traceback__))
        if interaction.type is discord.InteractionType.autocomplete:
            return  # no message can be sent in reply to an autocomplete request
        command = interaction.command
        if isinstance(command, app_commands.Command) and command._has_any_error_handlers():
            return  # the command's own handler already told the user
        try:
            if interaction.response.is_done():
                await interaction.followup.send(ERROR_MESSAGE, ephemeral=True)
            else:
                await interaction.response.send_message(ERROR_MESSAGE, ephemeral=True)
        except discord.HTTPException as exc:
            log.warning("could not tell the user about the error: %s", exc)


class DefenceBot(commands.Bot):
    def __init__(self, settings: Settings):
        intents = discord.Intents.none()
        intents.guilds = True  # guild cache for command sync and the digest channel
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            help_command=None,
            tree_cls=AnswerTree,
            allowed_mentions=discord.AllowedMentions.none(),
            guild_ready_timeout=settings.discord_ready_timeout,
        )
        self.settings = settings

    async def setup_hook(self) -> None:
        await self.add_cog(FactCommands(self, self.settings.facts_db))
        await self._setup_digest()
        await self.sync_commands()

    async def _setup_digest(self) -> None:
        """Start the digest when its module exists (it is optional: the commands work without it)."""
        try:
            from bot.digest import setup_digest  # type: ignore[attr-defined]
        except ImportError as exc:
            log.info("digest not available (%s); running without it", exc)
            return
        hook: Any = setup_digest  # sync today; an async version would be awaited
        result = hook(self)
        if inspect.isawaitable(result):
            await result

    async def sync_commands(self) -> None:
        """Sync to DEV_GUILD_ID at once when set (instant in that guild), else globally."""
        guild_id = self.settings.dev_guild_id
        if guild_id:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to guild %s", len(synced), guild_id)
        else:
            synced = await self.tree.sync()
            log.info("synced %d commands globally", len(synced))

    async def on_ready(self) -> None:
        log.info("connected as %s (%s) in %d guild(s)", self.user, getattr(self.user, "id", "?"),
                 len(self.guilds))


def run_bot(settings: Settings) -> None:
    """Connect with the token (never logged) and serve until interrupted."""
    token = settings.token
    if not token:
        raise ValueError("DISCORD_TOKEN is not set")
    apply_discord_overrides(settings)
    bot = DefenceBot(settings)
    asyncio.run(_serve(bot, token))


def apply_discord_overrides(settings: Settings) -> None:
    """Point discord.py at a Discord-compatible server (the test fake, a self-hosted one).

    Both are class attributes read at request/connect time, so set them before login.
    """
    import discord.gateway
    import discord.http
    import yarl

    if settings.discord_api_base:
        discord.http.Route.BASE = settings.discord_api_base
    if settings.discord_gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)


async def _serve(bot: DefenceBot, token: str) -> None:
    """Run until the connection ends or SIGINT/SIGTERM arrives, then close cleanly.

    Signals are handled on the event loop itself, so a Ctrl-C that lands while the
    gateway is busy (e.g. handling READY) still stops the bot, and `kill` is graceful too."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with bot:
        running = asyncio.create_task(bot.start(token))
        stopping = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if running in done:
            stopping.cancel()
            running.result()  # a login failure surfaces here
            return
        log.info("signal received: closing")
        await bot.close()
        await asyncio.gather(running, return_exceptions=True)
