"""Wire copy on an arms sale next to a diplomatic deal: the seller who 'moves ahead with' a sale to
Morocco sells; what a deal 'includes' is what it sells; a normalisation agreement is diplomacy, and
'that agreement' later on is the same diplomacy. Sentences written for these tests, after the pattern of
agency reports on US sales notified to Congress."""

from __future__ import annotations

from factkit import article, of_kind, partners


def test_the_state_moving_ahead_with_a_sale_to_morocco_sells() -> None:
    text = article("Washington moving ahead with $500m arms sale to Morocco", "By Sam Lee | 9 May 2021")
    assert partners(text) == {"US"}


def test_a_normalisation_agreement_is_no_defence_agreement() -> None:
    text = article(
        "Arms for Rabat",
        "By Sam Lee | 9 May 2021",
        "The agency first wrote about the arms deal on Monday after the president praised the normalisation"
        " agreement between Morocco and Israel.",
        "That agreement, which was criticised by several leaders, was reached after long talks.",
    )
    assert partners(text) == set()
    assert of_kind(text, "event") == []


def test_what_the_sale_includes_is_what_is_sold() -> None:
    text = article(
        "Arms for Rabat",
        "By Sam Lee | 9 May 2021",
        "Washington approved the sale of Stinger missiles to Morocco on 7 May 2021.",
        "The sale includes 600 FIM-92 Stinger missiles.",
    )
    found = of_kind(text, "acquisition")
    assert [(a["supplier"], a["quantity"]) for a in found] == [("US", 600)]
