"""Command names, options, descriptions and choices in French, from the same catalogue as the answers.

discord.py asks a ``Translator`` for every string of the command tree and every locale when it
syncs; what it returns goes into ``name_localizations`` / ``description_localizations``. English
stays the default (the strings in the code); Discord shows the French ones to users whose client
is in French. A name Discord would refuse (upper case, spaces, over 32 characters) is left out
and logged rather than failing the whole sync.
"""

from __future__ import annotations

import logging
import re

import discord
from discord import app_commands

from handlers.i18n import DEFAULT, language_of, tr

log = logging.getLogger(__name__)

# Discord's rule for command and option names (CHAT_INPUT): lowercase letters of any script, digits, - and _.
NAME = re.compile(r"^[-_\w]{1,32}$")
NAME_LOCATIONS = {app_commands.TranslationContextLocation.command_name,
                  app_commands.TranslationContextLocation.group_name,
                  app_commands.TranslationContextLocation.parameter_name}
TEXT_MAX = 100  # descriptions and choice names


def valid_name(text: str) -> bool:
    return bool(NAME.match(text)) and text == text.lower()


class CatalogueTranslator(app_commands.Translator):
    """French (or any catalogue language) for the command tree; None means "keep the English"."""

    async def translate(self, string: app_commands.locale_str, locale: discord.Locale,
                        context: app_commands.TranslationContextTypes) -> str | None:
        lang = language_of(locale)
        if lang == DEFAULT:
            return None
        text = tr(string.message, lang)
        if text == string.message:
            return None
        if context.location in NAME_LOCATIONS:
            if not valid_name(text):
                log.warning("translation %r of command name %r is not a valid Discord name", text, string.message)
                return None
        elif len(text) > TEXT_MAX:
            log.warning("translation of %r is longer than %d characters", string.message, TEXT_MAX)
            return None
        return text
