"""The fact commands (an extension: ``bot.load_extension("bot.cogs.facts")``): thin wrappers that
call ``handlers`` and send the answer as embed pages.

Handlers read SQLite, which can take a moment on a large fact base, so each command
defers first and the work runs in a worker thread with its own read-only connection; the
event loop keeps heartbeating. The connection never takes the write lock, and a new
version of the fact base is loaded beside the current one, so a compile running in
another process (or the digest's) never holds up an answer. A busy or damaged fact base
gives a short answer saying so, never a lost interaction.
"""

from __future__ import annotations

import asyncio
import io
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot.embeds import answer_to_embeds
from bot.paginator import Paginator
from facts.errors import FactBaseError
from facts.models import CATEGORIES
from facts.store import FactStore
from handlers import UNAVAILABLE, Answer, Handlers, More, answer_or_explain, chart
from handlers.formatting import CHOICE_NAME_MAX, CHOICES_MAX, COUNTRY_MAX, TEXT_MAX
from handlers.i18n import N_, language_of, tr, using

log = logging.getLogger(__name__)

T = TypeVar("T")
Country = app_commands.Range[str, 1, COUNTRY_MAX]
Text = app_commands.Range[str, 1, TEXT_MAX]
CATEGORY_CHOICES = [app_commands.Choice(name=c, value=c) for c in CATEGORIES]  # French: cooperation.CATEGORY_WORDS
# Option names are the parameters' names; marked here so the catalogue has their French.
OPTION_NAMES = (N_("country"), N_("year"), N_("supplier"), N_("category"), N_("maker"), N_("partner"), N_("text"),
                N_("question"), N_("command"))
NONE = discord.AllowedMentions.none()


class HandlerPool:
    """Handlers on one dedicated worker thread, which owns the read-only connection to the fact base."""

    def __init__(self, db_path: Path):
        self.db_path = db_path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="answers")
        self._local = threading.local()

    def get(self) -> Handlers:
        handlers = getattr(self._local, "handlers", None)
        if handlers is None:
            handlers = Handlers(FactStore(self.db_path), background=True)
            self._local.handlers = handlers
        return handlers

    def _answer(self, work: Callable[[Handlers], Answer], lang: str) -> Answer:
        with using(lang):  # this worker thread does not inherit the caller's context
            answer = answer_or_explain(lambda: work(self.get()))
            unavailable = answer.title == tr(UNAVAILABLE)
        if unavailable:
            self._forget()  # reopen at the next question: the file may have been restored
        return answer

    def _forget(self) -> None:
        handlers = getattr(self._local, "handlers", None)
        self._local.handlers = None
        if handlers is not None:
            handlers.store.close()

    async def _call(self, fn: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

    async def open(self) -> None:
        """Load the fact base at start (not on the first question) and start pre-building answers."""
        try:
            await self._call(lambda: self.get().wait_warm(0))
        except FactBaseError as exc:
            log.error("the fact base could not be loaded at start: %s", exc)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    async def run(self, work: Callable[[Handlers], Answer], lang: str = "en") -> Answer:
        return await self._call(lambda: self._answer(work, lang))

    async def choices(self, current: str, lang: str = "en") -> list[app_commands.Choice[str]]:
        try:
            pairs = await self._call(lambda: self.get().autocomplete_partner(current[:COUNTRY_MAX], lang=lang))
        except FactBaseError as exc:
            log.warning("autocomplete without the fact base: %s", exc)
            return []
        return [app_commands.Choice(name=name[:CHOICE_NAME_MAX], value=value[:CHOICE_NAME_MAX])
                for name, value in pairs[:CHOICES_MAX]]


class FactCommands(commands.Cog):
    """/partner, /budget, /acquisitions, /timeline, /search, /ask, /sources, /help."""

    def __init__(self, bot: commands.Bot, db_path: Path):
        self.bot = bot
        self.pool = HandlerPool(db_path)

    async def cog_load(self) -> None:
        await self.pool.open()

    async def cog_unload(self) -> None:
        self.pool.close()

    async def answer(self, interaction: discord.Interaction, work: Callable[[Handlers], Answer]) -> None:
        """Defer, build the answer off the loop, send page 1 with buttons when there are more.
        Discord enforces the options' lengths (``Range``); the handlers check them again."""
        await interaction.response.defer(thinking=True)
        started = time.perf_counter()
        lang = language_of(interaction.locale)  # the user's Discord language: French, else English
        answer = await self.pool.run(work, lang)
        with using(lang):
            pages = answer_to_embeds(answer)
            files = await self.chart_files(answer, pages[0])
        log.info("/%s answered in %.1f ms (%d page(s))", getattr(interaction.command, "name", "?"),
                 (time.perf_counter() - started) * 1000, len(pages))
        attach = files or discord.utils.MISSING  # no empty `attachments` list on plain answers
        if len(pages) == 1 and answer.more is None:
            await interaction.followup.send(embed=pages[0], files=attach, allowed_mentions=NONE)
            return
        more = answer.more
        view = Paginator(pages, interaction.user.id, lang=lang, fetch=self.page_fetcher(more, lang),
                         answer_pages=more.pages if more is not None else 1)
        view.message = await interaction.followup.send(embed=pages[0], files=attach, view=view, wait=True,
                                                       allowed_mentions=NONE)
        if files and view.message.attachments:  # turning back to page 1 edits the message: point at the
            pages[0].set_image(url=view.message.attachments[0].url)  # uploaded file, not a new upload

    def page_fetcher(self, more: More | None, lang: str) -> Callable[[int], Awaitable[list[discord.Embed]]] | None:
        """How the paginator reads page n of a long answer when it is turned to (off the loop)."""
        if more is None:
            return None

        async def fetch(n: int) -> list[discord.Embed]:
            page = await self.pool.run(lambda h: h.page(more, n), lang)
            with using(lang):
                return answer_to_embeds(page)
        return fetch

    async def chart_files(self, answer: Answer, first: discord.Embed) -> list[discord.File]:
        """The answer's chart as an attachment shown in the first page (drawn in a worker thread:
        matplotlib is CPU work). A chart that cannot be drawn leaves the text answer intact."""
        if answer.chart is None:
            return []
        try:
            rendered = await asyncio.to_thread(chart.render, answer.chart)
        except Exception:
            log.exception("the budget chart could not be drawn")
            return []
        first.set_image(url=f"attachment://{chart.FILENAME}")
        return [discord.File(io.BytesIO(rendered.png), filename=chart.FILENAME,
                             description=tr("Morocco's defence budget by year"))]

    @app_commands.command(name=N_("partner"), description=N_("Morocco's defence cooperation with one country"))
    @app_commands.describe(country=N_("Country in English or French, ISO code or flag (Turkey, Turquie, TR)"))
    async def partner(self, interaction: discord.Interaction, country: Country) -> None:
        await self.answer(interaction, lambda h: h.partner(country))

    @app_commands.command(name=N_("budget"), description=N_("Morocco's defence budget for a year, or every year"))
    @app_commands.describe(year=N_("Year, e.g. 2025; leave empty for every year on record"))
    async def budget(self, interaction: discord.Interaction,
                     year: app_commands.Range[int, 1900, 2100] | None = None) -> None:
        await self.answer(interaction, lambda h: h.budget(year))

    @app_commands.command(name=N_("acquisitions"), description=N_("Arms acquisitions, newest first"))
    @app_commands.describe(supplier=N_("Supplier country (optional)"), category=N_("Kind of equipment (optional)"),
                           maker=N_("Manufacturer, e.g. Lockheed Martin, Baykar (optional)"))
    @app_commands.choices(category=CATEGORY_CHOICES)
    async def acquisitions(self, interaction: discord.Interaction, supplier: Country | None = None,
                           category: app_commands.Choice[str] | None = None, maker: Country | None = None) -> None:
        cat = category.value if category else None
        await self.answer(interaction, lambda h: h.acquisitions(supplier, cat, maker))

    @app_commands.command(name=N_("timeline"), description=N_("Dated defence events in order"))
    @app_commands.describe(partner=N_("Partner country, or a year or range: 2021, 2019-2021 (optional)"))
    async def timeline(self, interaction: discord.Interaction, partner: Country | None = None) -> None:
        await self.answer(interaction, lambda h: h.timeline(partner))

    @partner.autocomplete("country")
    @acquisitions.autocomplete("supplier")
    @timeline.autocomplete("partner")
    async def country_choices(self, interaction: discord.Interaction, current: str
                              ) -> list[app_commands.Choice[str]]:
        """One country autocomplete for every country option: partners on record, best match first."""
        return await self.pool.choices(current, language_of(interaction.locale))

    @app_commands.command(name=N_("search"), description=N_("Sentences from the articles containing your words"))
    @app_commands.describe(text=N_("Words to find (accents and case ignored)"))
    async def search(self, interaction: discord.Interaction, text: Text) -> None:
        await self.answer(interaction, lambda h: h.search(text))

    @app_commands.command(name=N_("ask"), description=N_("A plain question in French or English, routed to a command"))
    @app_commands.describe(
        question=N_("what did Morocco buy from Israel? · Quel est le budget de la défense en 2025 ?"))
    async def ask(self, interaction: discord.Interaction, question: Text) -> None:
        await self.answer(interaction, lambda h: h.ask(question))

    @app_commands.command(name=N_("sources"), description=N_("The compiled articles: title, date, site, fact count"))
    async def sources(self, interaction: discord.Interaction) -> None:
        await self.answer(interaction, lambda h: h.sources())

    @app_commands.command(name=N_("help"), description=N_("What the bot knows and how to ask"))
    @app_commands.describe(command=N_("A command to explain with its options and examples (optional)"))
    async def help(self, interaction: discord.Interaction, command: Country | None = None) -> None:
        await self.answer(interaction, lambda h: h.help(command))


async def setup(bot: commands.Bot) -> None:
    """Extension entry point: the bot carries its settings (``DefenceBot.settings``)."""
    await bot.add_cog(FactCommands(bot, bot.settings.facts_db))  # type: ignore[attr-defined]
