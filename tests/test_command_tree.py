"""The command tree as Discord receives it (``to_dict``), the client's settings, and error replies."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from types import SimpleNamespace

import discord
import pytest
from discord import app_commands
from handlers_sample import build

from bot.client import ERROR_MESSAGE, AnswerTree, DefenceBot, apply_discord_overrides
from bot.cogs.facts import FactCommands
from bot.translator import CatalogueTranslator
from facts.settings import ConfigError, Settings, load_settings

NAME = re.compile(r"^[-_\w]{1,32}$")
EXPECTED = {"partner", "budget", "acquisitions", "timeline", "search", "ask", "sources", "help"}


@pytest.fixture
async def bot(tmp_path: Path) -> DefenceBot:
    db = build(tmp_path / "facts.sqlite3")
    client = DefenceBot(Settings(facts_db=db))
    await client.add_cog(FactCommands(client, db))
    yield client
    await client.close()


def check_option(opt: dict) -> None:
    assert NAME.match(opt["name"]) and opt["name"] == opt["name"].lower(), opt["name"]
    assert 1 <= len(opt["description"]) <= 100, opt
    assert opt["type"] in range(1, 12)
    choices = opt.get("choices") or []
    assert len(choices) <= 25
    for c in choices:
        assert 1 <= len(c["name"]) <= 100 and len(str(c["value"])) <= 100
    assert not (choices and opt.get("autocomplete")), "choices and autocomplete exclude each other"


async def test_command_payloads_are_valid(bot: DefenceBot) -> None:
    payloads = [cmd.to_dict(bot.tree) for cmd in bot.tree.get_commands()]
    assert {p["name"] for p in payloads} == EXPECTED
    for p in payloads:
        assert NAME.match(p["name"]) and p["name"] == p["name"].lower()
        assert 1 <= len(p["description"]) <= 100, p["name"]
        options = p.get("options", [])
        assert len(options) <= 25
        required = [o.get("required", False) for o in options]
        assert required == sorted(required, reverse=True), "required options must come first"
        for opt in options:
            check_option(opt)


async def test_country_options_autocomplete_and_limits(bot: DefenceBot) -> None:
    by_name = {c.name: c.to_dict(bot.tree) for c in bot.tree.get_commands()}
    country = by_name["partner"]["options"][0]
    assert country["autocomplete"] and country["required"]
    supplier, category, maker = by_name["acquisitions"]["options"]
    assert not maker.get("required") and maker["max_length"] <= 200
    assert supplier["autocomplete"] and not supplier.get("required")
    assert {c["value"] for c in category["choices"]} >= {"drone", "aircraft", "air-defence"}
    year = by_name["budget"]["options"][0]
    assert year["type"] == 4 and year["min_value"] == 1900 and year["max_value"] == 2100


async def _translated(bot: DefenceBot) -> dict[str, dict]:
    """The commands as ``tree.sync`` sends them, translated by the bot's translator."""
    await bot.tree.set_translator(CatalogueTranslator())
    translator = bot.tree.translator
    return {c.name: await c.get_translated_payload(bot.tree, translator) for c in bot.tree.get_commands()}


async def test_synced_commands_carry_french_names_and_descriptions(bot: DefenceBot) -> None:
    payloads = await _translated(bot)
    partner = payloads["partner"]
    assert partner["name_localizations"] == {"fr": "partenaire"}
    assert partner["description_localizations"]["fr"] == "La coopération de défense du Maroc avec un pays"
    assert partner["options"][0]["name_localizations"] == {"fr": "pays"}
    assert payloads["acquisitions"]["name_localizations"] == {"fr": "achats"}
    category = next(o for o in payloads["acquisitions"]["options"] if o["name"] == "category")
    helicopter = next(c for c in category["choices"] if c["value"] == "helicopter")
    assert helicopter["name_localizations"] == {"fr": "hélicoptère"} and category["name_localizations"]["fr"] == \
        "catégorie"
    assert "name_localizations" not in payloads["budget"] or "fr" not in payloads["budget"]["name_localizations"], \
        "a name that is the same in French is not repeated"
    for name, p in payloads.items():
        assert p["description_localizations"].get("fr"), f"/{name} has no French description"
        for opt in p.get("options", []):
            assert opt["description_localizations"].get("fr"), f"/{name} {opt['name']} has no French description"
            for fr in opt.get("name_localizations", {}).values():
                assert NAME.match(fr) and fr == fr.lower(), fr


async def test_translated_payload_is_one_discord_accepts(bot: DefenceBot) -> None:
    from fakediscord.limits import check_commands
    from fakediscord.schema import load_spec

    body = list((await _translated(bot)).values())
    assert check_commands(body) == []
    spec = load_spec()
    if spec is None:
        pytest.skip("Discord's OpenAPI document is not available")
    template = "/applications/{application_id}/guilds/{guild_id}/commands"
    assert spec.validate("PUT", template, body) == []


async def test_translator_refuses_a_name_discord_would_reject() -> None:
    translator = CatalogueTranslator()
    where = app_commands.TranslationContext(app_commands.TranslationContextLocation.command_name, None)
    assert await translator.translate(app_commands.locale_str("partner"), discord.Locale.french, where) == "partenaire"
    assert await translator.translate(app_commands.locale_str("partner"), discord.Locale.german, where) is None
    assert await translator.translate(app_commands.locale_str("Which {what}?"), discord.Locale.french, where) is None
    assert await translator.translate(app_commands.locale_str("not in the catalogue"), discord.Locale.french,
                                      where) is None


async def test_client_never_mentions_and_asks_minimal_intents(bot: DefenceBot) -> None:
    mentions = bot.allowed_mentions
    assert mentions is not None
    assert mentions.to_dict() == {"parse": []}
    assert not bot.intents.members and not bot.intents.presences and not bot.intents.message_content
    assert isinstance(bot.tree, AnswerTree)


class _Response:
    def __init__(self, done: bool):
        self.done, self.sent = done, []

    def is_done(self) -> bool:
        return self.done

    async def send_message(self, content: str, ephemeral: bool = False) -> None:
        self.sent.append((content, ephemeral))


class _Followup:
    def __init__(self) -> None:
        self.sent: list[tuple[str, bool]] = []

    async def send(self, content: str, ephemeral: bool = False) -> None:
        self.sent.append((content, ephemeral))


@pytest.mark.parametrize("done", [False, True])
async def test_errors_reach_user_briefly_and_log_with_traceback(bot: DefenceBot, done: bool,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    interaction = SimpleNamespace(command=SimpleNamespace(qualified_name="partner"),
                                  type=discord.InteractionType.application_command,
                                  response=_Response(done), followup=_Followup())
    try:
        raise RuntimeError("boom in handler")
    except RuntimeError as exc:
        error = discord.app_commands.CommandInvokeError(bot.tree.get_command("partner"), exc)
    with caplog.at_level(logging.ERROR):
        await bot.tree.on_error(interaction, error)  # type: ignore[arg-type]
    sent = interaction.followup.sent if done else interaction.response.sent
    assert sent == [(ERROR_MESSAGE, True)]
    assert "boom in handler" not in ERROR_MESSAGE
    record = next(r for r in caplog.records if "partner" in r.getMessage())
    assert record.exc_info and record.exc_info[0] is RuntimeError


def test_settings_hide_the_token_and_parse_env() -> None:
    s = load_settings({"DISCORD_TOKEN": "secret-token-value", "DEV_GUILD_ID": "123", "DIGEST_INTERVAL": "5",
                       "DIGEST_BACKFILL": "true", "DISCORD_READY_TIMEOUT": "0.1", "FACTS_DB": "x.db"})
    assert "secret-token-value" not in repr(s) and "secret-token-value" not in str(s)
    assert s.dev_guild_id == 123 and s.digest_interval == 5.0 and s.digest_backfill
    assert s.discord_ready_timeout == 0.1 and s.token == "secret-token-value"
    assert s.facts_db == Path(__file__).resolve().parents[1] / "x.db", "relative to the project, not the current folder"
    with pytest.raises(ConfigError, match="DEV_GUILD_ID"):
        load_settings({"DEV_GUILD_ID": "not-a-number"})
    with pytest.raises(ConfigError, match="DISCORD_READY_TIMEOUT"):
        load_settings({"DISCORD_READY_TIMEOUT": "soon"})


def test_discord_overrides_point_the_client_elsewhere() -> None:
    import discord.gateway
    import discord.http

    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    try:
        apply_discord_overrides(load_settings({"DISCORD_API_BASE": "http://127.0.0.1:9/api/v10/",
                                               "DISCORD_GATEWAY_URL": "ws://127.0.0.1:9/"}))
        assert discord.http.Route("GET", "/users/@me").url == "http://127.0.0.1:9/api/v10/users/@me"
        assert str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY) == "ws://127.0.0.1:9/"
    finally:
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


async def test_closing_right_after_connecting_cancels_the_pending_ready(tmp_path: Path) -> None:
    """discord.py waits for the guilds before 'ready'; a close in that window must end the wait, or the
    'ready' fires after the client let go of its loop and logs a traceback."""
    import asyncio

    client = DefenceBot(Settings(facts_db=build(tmp_path / "facts.sqlite3")))  # the real client, not connected
    waiting = asyncio.get_running_loop().create_task(asyncio.sleep(30))
    client._connection._ready_task = waiting
    await client.close()
    await asyncio.sleep(0)
    assert waiting.cancelled()
