"""The digest in each server's language: /digest language (that server only), else the server's
preferred language; the embeds and the header written in it."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import discord
from test_digest_discord import FakeChannel, FakeInteraction, cog, deliver_all, entry

from bot.digest_embeds import DiscordDeliverer
from facts.store.deliveries import Deliveries
from handlers.digest import BudgetLine


class LocaleBot:
    """Channels 42 (server 900) and 7 (server 901), each server with its preferred language."""

    def __init__(self, locales: dict[int, str], channel: Any = None):
        self.guild_of = {42: 900, 7: 901}
        self.locales, self.channel = locales, channel

    def get_channel(self, channel_id: int) -> Any:
        guild = self.guild_of[channel_id]
        return SimpleNamespace(id=channel_id, send=getattr(self.channel, "send", None),
                               guild=SimpleNamespace(id=guild, preferred_locale=discord.Locale(self.locales[guild])))

    async def fetch_channel(self, channel_id: int) -> Any:
        return self.get_channel(channel_id)

    async def wait_until_ready(self) -> None:
        return None


async def test_each_server_gets_its_language_and_a_choice_affects_that_server_only(tmp_path: Path) -> None:
    digest = cog(tmp_path, LocaleBot({900: "fr", 901: "en-US"}), digest_channel_id=42)
    with Deliveries.open(digest.settings.facts_db) as records:
        records.set_channel("901", 7)
    langs = {t.key: t.deliverer.lang for t in await digest.targets()}
    assert langs == {"42": "fr", "7": "en"}, "the servers' own languages"

    interaction = FakeInteraction(guild_id=901)
    await digest.language.callback(digest, interaction, discord.app_commands.Choice(name="Français", value="fr"))
    assert interaction.replies[-1] == "This server's digest will be in Français; other servers keep theirs."
    assert {t.key: t.deliverer.lang for t in await digest.targets()} == {"42": "fr", "7": "fr"}

    interaction = FakeInteraction(guild_id=900)
    interaction.locale = discord.Locale.french
    await digest.language.callback(digest, interaction, discord.app_commands.Choice(name="English", value="en"))
    assert interaction.replies[-1] == "Le digest de ce serveur sera en English ; les autres serveurs gardent le leur."
    assert {t.key: t.deliverer.lang for t in await digest.targets()} == {"42": "en", "7": "fr"}

    await digest.language.callback(digest, interaction, discord.app_commands.Choice(name="auto", value="auto"))
    assert {t.key: t.deliverer.lang for t in await digest.targets()} == {"42": "fr", "7": "fr"}, \
        "back to the server's own language; the other server keeps its choice"


async def test_language_needs_manage_server(tmp_path: Path) -> None:
    digest = cog(tmp_path, LocaleBot({900: "en-US", 901: "en-US"}))
    interaction = FakeInteraction(manage_guild=False)
    await digest.language.callback(digest, interaction, discord.app_commands.Choice(name="Français", value="fr"))
    assert interaction.replies == ["You need the Manage Server permission to use /digest."]
    with Deliveries.open(digest.settings.facts_db) as records:
        assert records.languages() == {}


async def test_a_french_digest_is_written_in_french() -> None:
    channel = FakeChannel()
    item = entry(1)
    item.budgets = [BudgetLine(2025, 133e9, "MAD")]
    await deliver_all(DiscordDeliverer(LocaleBot({900: "fr"}, channel), 42, lang="fr"), [item])
    message = channel.sent[0]
    assert message["content"] == "📰 Digest : 1 article(s)"
    fields = {f.name: f.value for f in message["embeds"][0].fields}
    assert fields["Budget"] == "• 2025: 133 milliards de dirhams"
    assert fields["Achats"] == "• 3 × Système 0 (drone) de 🇹🇷 Turquie, Baykar"
    assert fields["Partenaires"] == "• 🇹🇷 Turquie"
    english = FakeChannel()
    await deliver_all(DiscordDeliverer(LocaleBot({900: "en-US"}, english), 42), [item])
    fields = {f.name: f.value for f in english.sent[0]["embeds"][0].fields}
    assert fields["Budget"] == "• 2025: 133 billion MAD" and "Acquisitions" in fields
