"""What the cogs share: one private answer, and the Manage Server check of the admin commands.

Not an extension (``bot.client.EXTENSIONS`` names the cogs). Every answer here is ephemeral, has
no mentions, and is shortened to one Discord message; callers escape what came from users or pages.
"""

from __future__ import annotations

import discord

from handlers.formatting import CONTENT_MAX, shorten

NONE = discord.AllowedMentions.none()


async def say_privately(interaction: discord.Interaction, text: str) -> None:
    """One private message: the interaction's answer, or a follow-up once it was deferred."""
    text = shorten(text, CONTENT_MAX, one_line=False)
    if interaction.response.is_done():
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=NONE)
    else:
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NONE)


async def require_manage_guild(interaction: discord.Interaction, refusal: str) -> bool:
    """The check behind ``default_permissions(manage_guild=True)``, which a server can override:
    checked again in the callback, so a member without Manage Server gets one clear private line."""
    if interaction.permissions.manage_guild:
        return True
    # checked before anything else, so this is always the interaction's first answer
    await interaction.response.send_message(shorten(refusal, CONTENT_MAX, one_line=False), ephemeral=True,
                                            allowed_mentions=NONE)
    return False
