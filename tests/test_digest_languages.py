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


# ---------------------------------------------------------------- lines written at scan time

def _facts() -> list[Any]:
    from facts.models import Acquisition, Budget, Event, Evidence, Partner

    ev = Evidence("a.txt", "…")
    return [Partner("TR", ev), Acquisition("Bayraktar TB2", "drone", ev, supplier="TR", quantity=3),
            Budget(2026, 157e9, "MAD", ev), Event("2026-03-12", "visit", ["TR"], ev)]


def _row() -> Any:
    from facts.store import DocumentRow

    return DocumentRow("a.txt", "sha", 1, 0.0, "ok", "", title="Drones turcs")


def test_novelty_and_event_lines_are_stored_in_each_language_and_shown_in_the_target_s() -> None:
    from handlers.digest.entries import Knowledge, build_entry, entry_from_json, entry_to_json, sections
    from handlers.i18n import using

    knowledge = Knowledge()
    knowledge.budgets[(2025, "total", "MAD")] = 133e9
    item = build_entry(_row(), _facts(), knowledge, None)
    assert item.novelties[0] == "first article on 🇹🇷 Turkey", "English as before"
    assert "first figure for 2026: 157 billion MAD, +18 % on 2025" in item.novelties
    stored = entry_from_json(entry_to_json(item))  # as a resend reads it back from the record
    with using("fr"):
        shown = dict(sections(stored))
    assert shown["Nouveau dans la base de faits"][:2] == ["premier article sur 🇹🇷 Turquie",
                                                          "première mention de Bayraktar TB2"]
    assert shown["Nouveau dans la base de faits"][2].startswith("premier chiffre pour 2026 : 157")
    assert shown["Nouveau dans la base de faits"][2].endswith("+18 % par rapport à 2025")
    assert "visite" in shown["Événements"][0] and "visit" not in item.localised["fr"]["events"][0].split()
    with using("en"):
        assert dict(sections(stored))["Events"] == item.events


def test_an_entry_recorded_before_the_languages_shows_its_english_lines() -> None:
    from handlers.digest.entries import entry_from_json, entry_to_json, sections
    from handlers.i18n import using

    data = entry_to_json(entry(1))
    del data["localised"]  # a message recorded by the previous version
    with using("fr"):
        shown = dict(sections(entry_from_json(data)))
    assert shown["Nouveau dans la base de faits"] == ["first article on 🇹🇷 Türkiye"]


def test_changes_are_compared_in_english_and_written_in_the_target_s_language() -> None:
    from handlers.digest.entries import Knowledge, build_entry, sections, signature
    from handlers.i18n import using

    facts = _facts()
    old = signature("Drones turcs", facts[:2])
    with using("fr"):
        assert signature("Drones turcs", facts[:2]) == old, "a signature does not depend on the language"
    item = build_entry(_row(), facts, Knowledge(), old)
    assert item.kind == "updated" and item.changes[0].startswith("added budget figure: 2026: 157 billion MAD")
    with using("fr"):
        changes = dict(sections(item))["Ce qui a changé"]
    assert changes[0].startswith("chiffre de budget ajouté : 2026: 157") and "milliards" in changes[0]
    assert changes[1].startswith("événement ajouté :") and "visite" in changes[1]
    assert build_entry(_row(), facts, Knowledge(), signature("Drones turcs", facts)).changes == []


async def test_a_resend_is_written_in_the_language_of_its_first_attempt(tmp_path: Path) -> None:
    from handlers.digest.send import Outgoing, plan

    first = plan("42", DiscordDeliverer(LocaleBot({900: "fr"}), 42, lang="fr"), [entry(1)], {})
    assert first[0].lang == "fr"
    again = Outgoing.from_record(first[0].record())  # the server chose English in between
    channel = FakeChannel()
    await DiscordDeliverer(LocaleBot({900: "en-US"}, channel), 42, lang="en").send(again)
    assert channel.sent[0]["content"] == "📰 Digest : 1 article(s)"
    fields = {f.name: f.value for f in channel.sent[0]["embeds"][0].fields}
    assert "Partenaires" in fields
    old = first[0].record()
    del old.payload["lang"]  # recorded before languages were kept: the target's language
    assert Outgoing.from_record(old).lang is None


def test_digest_now_reply_and_terminal_digest_in_french() -> None:
    from bot.cogs.digest import scan_reply
    from handlers.digest.entries import render_text
    from handlers.digest.run import DigestResult
    from handlers.i18n import using

    first = DigestResult(first_run=True, recorded=3)
    with using("fr"):
        assert scan_reply(DigestResult(), "42") == "Rien de nouveau."
        assert scan_reply(first, "42").startswith("Premier passage : 3 article(s) existant(s) noté(s)")
        assert render_text([entry(1)]).startswith("Digest : 1 nouvel(s) article(s)\n\n[NOUVEAU] ")
    assert scan_reply(DigestResult(), "42") == "Nothing new."
    assert render_text([entry(1)]).startswith("Digest: 1 new article(s)\n\n[NEW] ")
