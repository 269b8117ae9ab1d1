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


async def test_every_quote_of_a_source_reaches_discord(bot: BotProcess) -> None:
    """/partner Israel cites seven sentences of one article (more than the four once kept): every one
    is on a page, whichever page it fell on."""
    from facts.store import FactStore
    from handlers import Handlers

    store = FactStore(bot.db)
    try:
        expected = sum(len(s.quotes) for s in Handlers(store, warm=False).partner("Israel").sources)
    finally:
        store.close()
    assert expected >= 7
    ix = await bot.fake.slash("partner", country="Israel")
    page = await bot.fake.reply(ix, timeout=DEADLINE)
    shown = text_of(page).count("↳ «")
    total = re.search(r"Page 1/(\d+)", text_of(page))
    for _ in range(int(total.group(1)) - 1 if total else 0):
        forward = next(c["custom_id"] for row in page["components"] for c in row["components"]
                       if "next" in folded(c.get("label", "")))
        page = await bot.fake.reply(await bot.fake.click(page, forward), timeout=DEADLINE)
        shown += text_of(page).count("↳ «")
    assert shown == expected


async def test_budget_over_several_years_attaches_a_png_chart(bot: BotProcess) -> None:
    """A multipart follow-up: payload_json with the embed, files[0] the PNG it shows, no pings."""
    ix = await bot.fake.slash("budget")
    message = await bot.fake.reply(ix, timeout=DEADLINE + 5)  # the first chart imports matplotlib
    record = next(r for r in bot.fake.requests if r.interaction_id == ix.id and r.files)
    (sent,) = record.files
    assert (sent.field, sent.filename) == ("files[0]", "budget.png")
    assert sent.data.startswith(b"\x89PNG\r\n\x1a\n") and 1000 < len(sent.data) < 10 * 1024 * 1024
    assert record.json["attachments"][0]["filename"] == "budget.png"
    assert record.json["allowed_mentions"] == {"parse": []}
    (attachment,) = message["attachments"]
    assert (attachment["content_type"], attachment["width"], attachment["height"]) == ("image/png", 1000, 560)
    assert message["embeds"][0]["image"]["url"] == attachment["url"], "the chart is shown in the embed"
    assert "Chart:" in text_of(message) and "2024" in text_of(message) and "2025" in text_of(message)
    one_year = await bot.fake.slash("budget", year=2025)
    await bot.fake.reply(one_year, timeout=DEADLINE)
    assert not any(r.files for r in bot.fake.requests if r.interaction_id == one_year.id), "one year: no chart"


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
