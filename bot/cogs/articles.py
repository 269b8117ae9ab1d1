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
from handlers.i18n import N_, language_of, megabytes, tr, using
from handlers.intake import SUFFIXES, Added, add_article, kind_of

log = logging.getLogger("articles")
OPTION_NAMES = (N_("file"), N_("url"))  # marked so the catalogue has their French


@app_commands.guild_only()
class ArticlesCog(commands.GroupCog, group_name=N_("article"),
           group_description=N_("Articles of the fact base")):
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

    @app_commands.command(name=N_("add"),
                          description=N_("Add an article: attach a file (.txt, .md, .html) or give a link"))
    @app_commands.describe(file=N_("The article as a .txt, .md, .html or .htm file"),
                           url=N_("The address of the article's web page"))
    async def add(self, interaction: discord.Interaction, file: discord.Attachment | None = None,
                  url: str | None = None) -> None:
        with using(language_of(interaction.locale)):  # the user's language, also in the worker thread
            await self._answer(interaction, file, url)

    def refusal(self, file: discord.Attachment | None, url: str | None) -> str | None:
        """Why the options cannot be taken as they are (before anything is downloaded), or None."""
        if (file is None) == (not url):
            return tr("Give either a file or a url (one of them).")
        if file is None:
            return None
        if kind_of(file.filename) is None:
            return escape(tr("Not added: {name} is not an article file (only {suffixes}).", name=file.filename,
                             suffixes=", ".join(sorted(SUFFIXES))))
        if file.size > self.max_bytes:
            return tr("Not added: the file is too large ({size} MB; the limit is {limit} MB).",
                      size=megabytes(file.size), limit=megabytes(self.max_bytes, 0))
        return None

    async def _answer(self, interaction: discord.Interaction, file: discord.Attachment | None,
                      url: str | None) -> None:
        if not self.allowed(interaction):
            who = tr("the role chosen by the operator (ARTICLE_ROLE_ID)") if self.settings.article_role_id \
                else tr("the Manage Messages permission")
            await self.say(interaction, tr("You need {who} to add articles.", who=who))
            return
        refusal = self.refusal(file, url)
        if refusal:
            await self.say(interaction, refusal)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            result = await self._add(file, url or "")
        except Exception:
            log.exception("/article add failed")
            result = Added("refused", tr("something went wrong while saving it; the error was logged"))
        log.info("/article add by %s: %s %s", interaction.user.id, result.status, result.name or result.reason)
        await self.say(interaction, escape(result.text()))

    async def _add(self, file: discord.Attachment | None, url: str) -> Added:
        if file is not None:
            data = await file.read()
            if len(data) > self.max_bytes:
                return Added("refused", tr("the file is larger than it said"))
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
