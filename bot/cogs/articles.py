"""`/article add` (an extension): an attachment or a link becomes an article in the seeds folder.

Who may add: members with the role ``ARTICLE_ROLE_ID`` when it is set, else members with Manage
Messages (Manage Server always may). The attachment (.txt, .md, .html, .htm) is refused by its
name and announced size before a byte is downloaded; a link is fetched by ``handlers.fetch``
(size cap, text/html only, bounded redirects, no private address). Saving and compiling
(``handlers.intake``) run in a worker thread. The answer is private and names what was found;
the digest then posts the new article to the channels as it does any new file.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.common import say_privately
from bot.embeds import escape
from facts.settings import Settings
from handlers.digest.send import off_loop
from handlers.fetch import FetchRefused, fetch_page
from handlers.intake import SUFFIXES, Added, add_article, kind_of

log = logging.getLogger("articles")


@app_commands.guild_only()
class ArticlesCog(commands.GroupCog, group_name="article", group_description="Articles of the fact base"):
    def __init__(self, bot: commands.Bot, settings: Settings):
        self.bot = bot
        self.settings = settings
        super().__init__()

    @property
    def max_bytes(self) -> int:
        return int(self.settings.fetch_max_mb * 1024 * 1024)

    def allowed(self, interaction: discord.Interaction) -> bool:
        perms = interaction.permissions
        if perms.manage_guild:
            return True
        role = self.settings.article_role_id
        if role is not None:
            roles = getattr(interaction.user, "roles", None) or []
            return any(r.id == role for r in roles)
        return perms.manage_messages

    say = staticmethod(say_privately)

    @app_commands.command(name="add", description="Add an article: attach a file (.txt, .md, .html) or give a link")
    @app_commands.describe(file="The article as a .txt, .md, .html or .htm file",
                           url="The address of the article's web page")
    async def add(self, interaction: discord.Interaction, file: discord.Attachment | None = None,
                  url: str | None = None) -> None:
        if not self.allowed(interaction):
            who = "the role chosen by the operator (ARTICLE_ROLE_ID)" if self.settings.article_role_id \
                else "the Manage Messages permission"
            await self.say(interaction, f"You need {who} to add articles.")
            return
        if (file is None) == (not url):
            await self.say(interaction, "Give either a file or a url (one of them).")
            return
        if file is not None:
            kind = kind_of(file.filename)
            if kind is None:
                await self.say(interaction, escape(f"Not added: {file.filename} is not an article file "
                                                   f"(only {', '.join(sorted(SUFFIXES))})."))
                return
            if file.size > self.max_bytes:
                await self.say(interaction, f"Not added: the file is too large ({file.size / 1048576:.1f} MB; "
                                            f"the limit is {self.settings.fetch_max_mb:g} MB).")
                return
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            result = await self._add(file, url or "")
        except Exception:
            log.exception("/article add failed")
            result = Added("refused", "something went wrong while saving it; the error was logged")
        log.info("/article add by %s: %s %s", interaction.user.id, result.status, result.name or result.reason)
        await self.say(interaction, escape(result.text()))

    async def _add(self, file: discord.Attachment | None, url: str) -> Added:
        if file is not None:
            data = await file.read()
            if len(data) > self.max_bytes:
                return Added("refused", "the file is larger than it said")
            return await off_loop(add_article, self.settings, data, kind_of(file.filename) or "text")
        try:
            page = await fetch_page(url.strip(), allow_private=self.settings.allow_private_urls,
                                    max_bytes=self.max_bytes, timeout=self.settings.fetch_timeout)
        except FetchRefused as exc:
            return Added("refused", str(exc), url=url)
        return await off_loop(add_article, self.settings, page.data, "html", page.url)


async def setup(bot: commands.Bot) -> None:
    """Extension entry point: the bot carries its settings (``DefenceBot.settings``)."""
    await bot.add_cog(ArticlesCog(bot, bot.settings))  # type: ignore[attr-defined]
