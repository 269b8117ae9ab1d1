"""The same command from a French and an English Discord client: each gets its own language."""

from __future__ import annotations

import pytest
from harness import BotProcess, text_of

pytestmark = pytest.mark.e2e

DEADLINE = 3.0


async def test_partner_turquie_answers_in_the_users_language(bot: BotProcess) -> None:
    fake = bot.fake
    french = text_of(await fake.reply(await fake.slash("partner", locale="fr", country="Turquie"), timeout=DEADLINE))
    english = text_of(await fake.reply(await fake.slash("partner", locale="en-US", country="Turquie"),
                                       timeout=DEADLINE))
    assert "Maroc – Turquie" in french and "partenaire de défense du Maroc" in french, french
    assert "Morocco – Turkey / Turquie" in english and "defence partner of Morocco" in english, english
    assert "Bayraktar TB2" in french and "Bayraktar TB2" in english, "the same facts in both"
    assert "Sources" in french and "Achats – Turquie" in french
    assert "Morocco" not in french and "Maroc –" not in english

    choices = await fake.choices(await fake.autocomplete("partner", "country", "tur", locale="fr"))
    assert choices and choices[0]["value"] == "TR" and "Turquie" in choices[0]["name"] and "Turkey" not in \
        choices[0]["name"], choices
    fake.assert_clean()
