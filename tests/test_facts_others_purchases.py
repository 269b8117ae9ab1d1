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


def test_a_class_named_only_as_other_navies_ships_leaves_moroccos_vessel_its_kind() -> None:
    text = article(
        "New patrol ship",
        "By Sam Lee | 4 May 2024",
        "The Royal Moroccan Navy will soon take delivery of a new offshore patrol vessel built by Navantia.",
        "Its design is close to the Avante-class ships that were built for the navies of Saudi Arabia and"
        " Venezuela.",
    )
    found = of_kind(text, "acquisition")
    assert [(a["system"], a["supplier"]) for a in found] == [("offshore patrol vessel", "ES")]


def test_the_m109_is_made_in_the_united_states() -> None:
    text = article(
        "Artillery",
        "By Sam Lee | 4 May 2024",
        "Morocco has acquired 60 M109A5 self-propelled howitzers.",
    )
    assert [a["supplier"] for a in of_kind(text, "acquisition")] == ["US"]
