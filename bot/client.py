"""The Discord client: minimal intents, no mentions ever, the two cogs loaded as extensions.

Errors in a command reach the user as one short private line and the log as a full traceback.
Starting fails well: a refused token or an unreachable Discord is one line saying what to do
(exit code 2), never a traceback, and the token is never printed (``Settings`` keeps it secret).
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.translator import CatalogueTranslator
from facts.settings import Settings
from handlers.i18n import N_, language_of, tr

log = logging.getLogger("bot")

EXTENSIONS = ("bot.cogs.facts", "bot.cogs.digest", "bot.cogs.articles", "bot.cogs.feeds")
ERROR_MESSAGE = N_("Sorry, something went wrong while answering. The error was logged; please try again.")
# What the bot needs in a channel: see it, post, post embeds, and attach files.
PERMISSIONS = discord.Permissions(view_channel=True, send_messages=True, embed_links=True, attach_files=True)
SCOPES = ("bot", "applications.commands")
EXIT_FAILED = 2


class StartFailed(Exception):
    """The bot could not start; ``str(exc)`` is the one line to show."""


def invite_link(application_id: int) -> str:
    """The link a server administrator opens to add the bot with exactly the permissions it needs."""
    return discord.utils.oauth_url(application_id, permissions=PERMISSIONS, scopes=SCOPES)


class AnswerTree(app_commands.CommandTree):
    """Command tree whose errors are logged with their traceback and reported briefly to the user."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        original = getattr(error, "original", error)
        command = interaction.command
        name = command.qualified_name if command else "?"
        log.error("command /%s failed", name, exc_info=(type(original), original, original.__traceback__))
        if interaction.type is discord.InteractionType.autocomplete:
            return  # no message can be sent in reply to an autocomplete request
        if isinstance(command, app_commands.Command) and command.on_error is not None:
            return  # the command's own handler already told the user
        message = tr(ERROR_MESSAGE, language_of(getattr(interaction, "locale", None)))
        try:
            if interaction.response.is_done():
                await interaction.followup.send(message, ephemeral=True)
            else:
                await interaction.response.send_message(message, ephemeral=True)
        except discord.HTTPException as exc:
            log.warning("could not tell the user about the error: %s", exc)


class DefenceBot(commands.Bot):
    def __init__(self, settings: Settings):
        intents = discord.Intents.none()
        intents.guilds = True  # guild cache for command sync and the digest channels
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
        await self.tree.set_translator(CatalogueTranslator())  # French names and descriptions (``bot.translator``)
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        if self.application_id:
            log.info("invite link: %s", invite_link(self.application_id))
        await self.sync_commands()

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
            log.info("synced %d commands globally (they can take up to an hour to appear)", len(synced))

    async def on_ready(self) -> None:
        log.info("connected as %s (%s) in %d guild(s)", self.user, getattr(self.user, "id", "?"),
                 len(self.guilds))

    async def close(self) -> None:
        """Stop waiting for the guilds first: a shutdown right after connecting left discord.py's
        pending 'ready' to fire once the client had let go of its loop, and it logged a traceback
        (seen once in the end-to-end suite)."""
        ready = getattr(self._connection, "_ready_task", None)
        if ready is not None and not ready.done():
            ready.cancel()
        await super().close()


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


def run_bot(settings: Settings) -> int:
    """Connect with the token (never logged) and serve until interrupted. Returns the exit code."""
    token = settings.token
    if not token:
        raise ValueError("DISCORD_TOKEN is not set")
    apply_discord_overrides(settings)
    try:
        asyncio.run(_serve(DefenceBot(settings), token))
    except StartFailed as exc:
        log.debug("start failed", exc_info=True)
        print(f"error: {exc}", file=sys.stderr, flush=True)
        return EXIT_FAILED
    return 0


def explain_start_failure(exc: BaseException, settings: Settings) -> StartFailed | None:
    """The one line for a failure to reach or log in to Discord, or None for anything else."""
    where = settings.discord_api_base or "discord.com"
    if isinstance(exc, discord.LoginFailure) or (isinstance(exc, discord.ConnectionClosed) and exc.code == 4004):
        return StartFailed("Discord refused DISCORD_TOKEN (401 Unauthorized). Copy the bot's token again from"
                           " the Developer Portal (your application → Bot → Reset Token) into .env; the README"
                           " section \"Getting into Discord\" shows each step.")
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        return StartFailed("Discord refused an intent this bot does not ask for; check the application's"
                           " Bot settings in the Developer Portal.")
    if isinstance(exc, discord.HTTPException):
        return StartFailed(f"Discord answered {exc.status} while logging in ({exc.text or 'no detail'}); try"
                           " again in a moment.")
    if isinstance(exc, OSError | aiohttp.ClientError | asyncio.TimeoutError | discord.GatewayNotFound):
        detail = str(exc).split("[")[-1].rstrip("]") if str(exc) else type(exc).__name__
        return StartFailed(f"cannot reach Discord at {where} ({detail}). Check the network connection"
                           " (or DISCORD_API_BASE), then start the bot again.")
    return None


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
            error = running.exception()
            if error is not None:
                reason = explain_start_failure(error, bot.settings)
                if reason is not None:
                    raise reason from error
                raise error
            return
        log.info("signal received: closing")
        await bot.close()
        await asyncio.gather(running, return_exceptions=True)
