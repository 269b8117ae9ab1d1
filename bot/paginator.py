"""Previous/next buttons over the pages of one answer; only the person who asked can turn them.

A long answer (``handlers.paging``) comes with its first page only: the next ones are read from
the fact base when someone turns to them (``fetch``), then kept for turning back."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import discord

from handlers.i18n import N_, language_of, tr

log = logging.getLogger(__name__)

PAGE_TIMEOUT = 600.0  # seconds of inactivity before the buttons are disabled
PREVIOUS, NEXT = N_("◀ Previous"), N_("Next ▶")
NOT_YOURS = N_("Only the person who asked can turn these pages; run the command yourself to browse.")


class Paginator(discord.ui.View):
    def __init__(self, pages: list[discord.Embed], author_id: int, timeout: float = PAGE_TIMEOUT,
                 lang: str = "en", fetch: Callable[[int], Awaitable[list[discord.Embed]]] | None = None,
                 answer_pages: int = 1):
        """``fetch(n)``: the embeds of page ``n`` (2 … ``answer_pages``) of a long answer, read when
        the reader turns past the last page fetched."""
        super().__init__(timeout=timeout)
        self.fetch = fetch
        self.answer_pages = answer_pages
        self.fetched = 1  # answer pages whose embeds are in ``pages``
        self.previous_page.label, self.next_page.label = tr(PREVIOUS, lang), tr(NEXT, lang)
        if not pages:
            raise ValueError("a paginator needs at least one page")
        self.pages = pages
        self.author_id = author_id
        self.index = 0
        self.message: discord.Message | discord.WebhookMessage | None = None
        self._update_buttons()

    def _more_to_fetch(self) -> bool:
        return self.fetch is not None and self.fetched < self.answer_pages

    def _update_buttons(self) -> None:
        self.previous_page.disabled = self.index <= 0
        self.next_page.disabled = self.index >= len(self.pages) - 1 and not self._more_to_fetch()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Someone else pressing the buttons gets a private note instead of changing the page."""
        if interaction.user.id == self.author_id:
            return True
        await interaction.response.send_message(
            tr(NOT_YOURS, language_of(getattr(interaction, "locale", None))),
            ephemeral=True,
        )
        return False

    async def _show(self, interaction: discord.Interaction, step: int) -> None:
        if self.index + step >= len(self.pages) and self._more_to_fetch():
            assert self.fetch is not None
            embeds = await self.fetch(self.fetched + 1)
            self.fetched += 1
            self.pages.extend(embeds)
        self.index = max(0, min(len(self.pages) - 1, self.index + step))
        self._update_buttons()
        await interaction.response.edit_message(embed=self.pages[self.index], view=self)

    @discord.ui.button(label=PREVIOUS, style=discord.ButtonStyle.secondary)
    async def previous_page(self, interaction: discord.Interaction,
                            button: discord.ui.Button[Paginator]) -> None:
        await self._show(interaction, -1)

    @discord.ui.button(label=NEXT, style=discord.ButtonStyle.primary)
    async def next_page(self, interaction: discord.Interaction, button: discord.ui.Button[Paginator]) -> None:
        await self._show(interaction, +1)

    async def on_timeout(self) -> None:
        """Grey the buttons out so a stale page does not look clickable."""
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.message is not None:
            try:
                await self.message.edit(view=self)
            except discord.HTTPException as exc:
                log.debug("could not disable page buttons: %s", exc)
