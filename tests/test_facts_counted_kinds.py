"""A counted phrase of a kind ('the purchase of 24 helicopters') is the one system of that kind the
article names, often only in its title; with two systems of that kind named, nothing is guessed.
Sentences written for these tests, after the pattern of wire reports on helicopter sales."""

from __future__ import annotations

from factkit import article, of_kind


def _acquisitions(text: str) -> list[tuple[str, int | None, str | None]]:
    return sorted((f["system"], f["quantity"], f["supplier"]) for f in of_kind(text, "acquisition"))


def test_a_counted_kind_is_the_one_system_of_that_kind_the_title_names() -> None:
    text = article("Moroccan crews head to Alabama to learn the H225M Caracal",
                   "The purchase of 10 helicopters from France was signed last spring, sources said.")
    assert _acquisitions(text) == [("H225M Caracal", 10, "FR")]


def test_with_two_systems_of_that_kind_named_the_count_joins_neither() -> None:
    text = article("Moroccan crews train on the H225M Caracal and the AH-64E Apache",
                   "The purchase of 10 helicopters from France was signed last spring, sources said.")
    assert [s for s, q, _ in _acquisitions(text) if q == 10] == []


def test_a_count_of_one_kind_does_not_join_a_system_of_another_kind() -> None:
    text = article("Moroccan crews head to Alabama to learn the H225M Caracal",
                   "The purchase of 10 patrol boats from France was signed last spring, sources said.")
    assert all(not s.startswith("H225M") for s, _, _ in _acquisitions(text))


def test_a_counted_kind_in_english_is_equipment_and_its_title_twin_is_one_delivery() -> None:
    text = article("Morocco Receives 60 Military Trucks",
                   "The Royal Armed Forces have received 60 all-terrain military trucks from Portugal.")
    found = [(f["system"], f["quantity"], f["supplier"], f["section"]) for f in of_kind(text, "acquisition")]
    assert found == [("all-terrain military trucks", 60, "PT", "title")]


def test_a_sentence_that_says_what_the_purchase_was_names_its_equipment() -> None:
    text = article("Armement : le Maroc commande des blindés",
                   "Le Maroc vient de passer commande pour 40 nouveaux véhicules militaires pour 90 millions de"
                   " dollars.",
                   "Il s'agit, selon le Pentagone, de chars de dépannage Hercules M88A2 remis à neuf.")
    found = [(f["system"], f["category"], f["quantity"], f["status"]) for f in of_kind(text, "acquisition")]
    assert found == [("Hercules M88A2", "vehicle", 40, "ordered")]
