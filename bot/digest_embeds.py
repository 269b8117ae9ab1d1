"""Digest entries as Discord messages: one embed per article, messages within Discord's limits,
sent to one channel with the recorded nonce.

Each message goes out with its nonce and ``enforce_nonce``, so a message resent after a crash
or a lost answer is not posted twice. ``send`` raises when Discord refuses (429 after the
library's own retries, 5xx, timeout, missing channel, missing permission): the message stays
recorded and is resent at the next scan.
"""

from __future__ import annotations

import asyncio
from typing import Any, Protocol

import discord

from bot.embeds import escape
from facts.safe_text import display
from handlers.digest import DigestEntry, Outgoing
from handlers.digest.entries import sections
from handlers.formatting import (
    DESCRIPTION_MAX,
    EMBEDS_PER_MESSAGE,
    EMBEDS_TOTAL_MAX,
    FIELD_NAME_MAX,
    FIELD_VALUE_MAX,
    FOOTER_MAX,
    TITLE_MAX,
    shorten,
)
from handlers.i18n import ntr, tr, using

SEND_TIMEOUT = 30.0
NEW_COLOUR, UPDATED_COLOUR = discord.Colour.green(), discord.Colour.orange()


class Sendable(Protocol):
    async def send(self, *args: Any, **kwargs: Any) -> Any: ...


class ChannelSource(Protocol):
    """What finds a channel by id: the bot (its cache, else the API)."""

    def get_channel(self, channel_id: int, /) -> Any: ...

    async def fetch_channel(self, channel_id: int, /) -> Any: ...


def _field_value(items: list[str], limit: int) -> str:
    """Bullet lines (already escaped), as many as fit in ``limit``, then '… and N more' for the rest."""
    lines = [f"• {item}" for item in items]
    out: list[str] = []
    used = 0
    for i, line in enumerate(lines):
        left = len(lines) - i - 1
        reserve = len("\n" + _more(left)) if left else 0
        extra = len(line) + (1 if out else 0)
        if used + extra + reserve > limit:
            if not out:  # not even the first line fits whole: cut it
                if not left:
                    return shorten(line, limit, one_line=False)
                more = _more(left)
                return shorten(line, limit - len(more) - 1, one_line=False) + "\n" + more
            out.append(_more(len(lines) - i))
            break
        out.append(line)
        used += extra
    return "\n".join(out)


def _more(n: int) -> str:
    return ntr("… and {n} more", "… and {n} more", n)


def entry_embed(entry: DigestEntry) -> discord.Embed:
    """One embed per article, within Discord's limits (6000 characters in all), in the current
    language (``DiscordDeliverer`` sets its channel's)."""
    prefix = "🆕 " if entry.kind == "new" else tr("✏️ Updated: ")
    title = shorten(prefix + escape(entry.title), TITLE_MAX)
    description = shorten(escape(entry.meta()), DESCRIPTION_MAX) if entry.meta() else None
    footer = shorten(display(entry.doc), FOOTER_MAX)  # footers show no markdown: the file name as it is
    embed = discord.Embed(title=title, description=description,
                          colour=NEW_COLOUR if entry.kind == "new" else UPDATED_COLOUR)
    parts = [(label, [escape(i) for i in items]) for label, items in sections(entry)]
    room = EMBEDS_TOTAL_MAX - len(title) - len(description or "") - len(footer)
    room -= sum(len(label) for label, _ in parts)
    per_field = min(FIELD_VALUE_MAX, room // max(1, len(parts)))
    for label, items in parts:
        embed.add_field(name=shorten(label, FIELD_NAME_MAX), value=_field_value(items, per_field), inline=False)
    embed.set_footer(text=footer)
    return embed


def chunk_embeds(entries: list[DigestEntry]) -> list[list[tuple[DigestEntry, discord.Embed]]]:
    """Group embeds into messages: at most 10 per message and 6000 characters in all."""
    chunks: list[list[tuple[DigestEntry, discord.Embed]]] = []
    current: list[tuple[DigestEntry, discord.Embed]] = []
    size = 0
    for entry in entries:
        embed = entry_embed(entry)
        if current and (len(current) >= EMBEDS_PER_MESSAGE or size + len(embed) > EMBEDS_TOTAL_MAX):
            chunks.append(current)
            current, size = [], 0
        current.append((entry, embed))
        size += len(embed)
    if current:
        chunks.append(current)
    return chunks


class DiscordDeliverer:
    """Splits a digest into messages Discord accepts and sends one message to one channel."""

    def __init__(self, channels: ChannelSource, channel_id: int, *, timeout: float = SEND_TIMEOUT,
                 lang: str = "en"):
        self.channels, self.channel_id, self.timeout = channels, channel_id, timeout
        self.lang = lang  # the channel's server's language (``DigestCog.language_of``)

    def split(self, entries: list[DigestEntry]) -> list[list[DigestEntry]]:
        with using(self.lang):  # sizes as the messages will be written
            return [[entry for entry, _ in chunk] for chunk in chunk_embeds(entries)]

    async def channel(self) -> Sendable:
        """The channel; raises NotFound/Forbidden/LookupError so the message is retried next run."""
        channel = self.channels.get_channel(self.channel_id)
        if channel is None:
            channel = await self.channels.fetch_channel(self.channel_id)
        if not hasattr(channel, "send"):
            raise LookupError(f"channel {self.channel_id} cannot receive messages")
        return channel  # type: ignore[no-any-return]

    async def send(self, message: Outgoing) -> None:
        channel = await self.channel()
        content = None
        with using(message.lang or self.lang):  # a resend in the language of its first attempt
            if message.part == 1:
                content = tr("📰 Digest: {n} article(s)", n=message.total)
                if message.parts > 1:
                    content += " " + tr("({n} messages)", n=message.parts)
            embeds = [entry_embed(entry) for entry in message.entries]
        # discord.py sends `nonce` with `enforce_nonce: true`: a resend returns the first message
        await asyncio.wait_for(channel.send(
            content=content, embeds=embeds, nonce=message.nonce,
            allowed_mentions=discord.AllowedMentions.none()), self.timeout)
