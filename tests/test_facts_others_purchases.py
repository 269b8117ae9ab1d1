"""Equipment told as another state's purchase stays that state's when a later sentence names no buyer
('… the UAE's purchase of 80 Rafale. The first Rafales are due in 2027'), and a delivery 'expected to be'
made is still to come. Sentences written for these tests, after the pattern of trade-press items on
second-hand fighter transfers."""

from __future__ import annotations

from factkit import article, of_kind


def test_a_system_bought_by_another_state_is_not_moroccos_later_on() -> None:
    text = article(
        "Mirage fighters for Rabat",
        "By Sam Lee | 4 May 2024",
        "Morocco is set to acquire up to 30 Mirage 2000-9E fighters from the United Arab Emirates.",
        "Paris and Abu Dhabi work closely: the UAE ordered 80 Dassault Rafale F4 fighters on 3 December 2021.",
        "The first Rafales are expected to be delivered in 2027.",
    )
    assert {a["system"] for a in of_kind(text, "acquisition")} == {"Mirage 2000-9E"}


def test_a_delivery_expected_to_be_made_is_still_an_order() -> None:
    text = article(
        "New fighters",
        "By Sam Lee | 4 May 2024",
        "The first F-16 Block 72 are expected to be delivered to Morocco in 2027.",
    )
    assert [(a["system"], a["status"]) for a in of_kind(text, "acquisition")] == [("F-16 Block 72", "ordered")]
