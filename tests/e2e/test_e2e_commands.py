"""Scenarios 2, 3, 5 (gateway drop) and 6: users run slash commands against the real bot process."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fakediscord import RecordedRequest
from harness import BotProcess, folded, text_of

pytestmark = pytest.mark.e2e

DEADLINE = 3.0


def answer_request(bot: BotProcess, interaction_id: str) -> tuple[RecordedRequest, dict[str, Any]]:
    """The request that carried the visible answer (callback, follow-up or edit) and its message body."""
    for record in bot.fake.requests:
        if record.interaction_id == interaction_id and record.message_id and record.json:
            body = record.json.get("data", record.json) if record.path.endswith("/callback") else record.json
            if body.get("embeds") or body.get("content"):
                return record, body
    raise AssertionError(f"no request carried the answer to {interaction_id}")


async def test_partner_turkey_names_bayraktar_within_3_seconds(bot: BotProcess) -> None:
    ix = await bot.fake.slash("partner", country="Turkey")
    message = await bot.fake.reply(ix, timeout=DEADLINE)
    record, body = answer_request(bot, ix.id)
    assert ix.latency is not None and ix.latency < DEADLINE, "first response within 3 s"
    assert record.time - ix.dispatched_at < DEADLINE, "the answer itself within 3 s, not just the defer"
    assert message["embeds"], "the answer is an embed"
    assert "Bayraktar TB2" in text_of(message)
    assert body["allowed_mentions"] == {"parse": []}


async def test_partner_russia_has_no_cooperation_on_record(bot: BotProcess) -> None:
    ix = await bot.fake.slash("partner", country="Russia")
    text = folded(text_of(await bot.fake.reply(ix, timeout=DEADLINE)))
    assert re.search(r"\bno\b[^.]*\bcooperation\b", text), text
    assert "bayraktar" not in text and "russia" in text


async def test_budget_2025_is_133_billion_mad(bot: BotProcess) -> None:
    ix = await bot.fake.slash("budget", year=2025)
    text = text_of(await bot.fake.reply(ix, timeout=DEADLINE))
    assert "133 billion MAD" in text, text


async def test_ask_routes_a_plain_question_and_says_how(bot: BotProcess) -> None:
    ix = await bot.fake.slash("ask", question="what did Morocco buy from Israel? @everyone")
    message = await bot.fake.reply(ix, timeout=DEADLINE)
    _, body = answer_request(bot, ix.id)
    text = text_of(message)
    assert "Understood as /acquisitions supplier:Israel" in text, text
    assert "Heron" in text and "Bayraktar" not in text
    assert body["allowed_mentions"] == {"parse": []}


async def test_page_button_shows_the_next_page(bot: BotProcess) -> None:
    ix = await bot.fake.slash("sources")
    first = await bot.fake.reply(ix, timeout=DEADLINE)
    buttons = [c for row in first["components"] for c in row["components"] if c["type"] == 2]
    assert buttons, "a long answer comes with page buttons"
    forward = next(b for b in buttons if "next" in folded(b.get("label", "")) and not b.get("disabled"))
    footer = first["embeds"][0]["footer"]["text"]
    total = re.search(r"Page 1/(\d+)", footer)
    assert total and int(total.group(1)) >= 2, footer
    page_one = text_of(first)

    click = await bot.fake.click(first, forward["custom_id"])
    second = await bot.fake.reply(click, timeout=DEADLINE)
    assert click.initial_type == 7, "the page turns in place (UPDATE_MESSAGE)"
    assert second["id"] == first["id"]
    assert f"Page 2/{total.group(1)}" in second["embeds"][0]["footer"]["text"]
    assert text_of(second) != page_one


async def test_autocomplete_tur_puts_turkey_first(bot: BotProcess) -> None:
    ix = await bot.fake.autocomplete("partner", "country", "tur")
    choices = await bot.fake.choices(ix, timeout=DEADLINE)
    assert ix.latency is not None and ix.latency < DEADLINE
    assert 1 <= len(choices) <= 25
    assert "turk" in folded(choices[0]["name"]), choices[:3]


@pytest.mark.parametrize("code", [4000, 1001])
async def test_gateway_drop_then_next_command_is_answered(bot: BotProcess, code: int) -> None:
    fake = bot.fake
    await fake.drop_gateway(code)
    await fake.wait_for_gateway(lambda f: f.direction == "send" and f.t == "RESUMED", 10, "RESUMED")
    assert fake.gateway.resumes == 1 and fake.gateway.identifies == 1
    ix = await fake.slash("partner", country="Turkey")
    assert "Bayraktar TB2" in text_of(await fake.reply(ix, timeout=DEADLINE))


@pytest.mark.parametrize(("command", "option"), [("search", "text"), ("partner", "country")])
async def test_mentions_and_markdown_in_a_query_are_neutralised(bot: BotProcess, command: str,
                                                                option: str) -> None:
    query = "@everyone @here **gras** <@123456789012345678> __x__"
    ix = await bot.fake.slash(command, **{option: query})
    message = await bot.fake.reply(ix, timeout=DEADLINE)
    _, body = answer_request(bot, ix.id)
    assert body.get("allowed_mentions") == {"parse": []}, body.get("allowed_mentions")
    assert message["mention_everyone"] is False and message["mentions"] == []
    text = text_of(message)
    assert "gras" in text, "the query is echoed back"
    assert not re.search(r"@(everyone|here)|<@!?\d{17,20}>", text), text
    assert r"\*\*gras\*\*" in text and "**gras**" not in text, "markdown is shown escaped, not rendered"
