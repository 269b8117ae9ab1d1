"""A count told by the count before it ('an identical number of Caesar howitzers', 'autant de canons'); a
delivery a contract is signed for is still to come; equipment 'equipped with' a suite buys nothing.
Sentences written for these tests, after the pattern of trade-press items on artillery orders."""

from __future__ import annotations

from factkit import article, of_kind


def _bought(text: str) -> dict[str, tuple[int | None, str]]:
    return {a["system"]: (a["quantity"], a["status"]) for a in of_kind(text, "acquisition")}


def test_an_identical_number_is_the_count_told_before() -> None:
    text = article(
        "Artillery for Rabat",
        "By Sam Lee | 4 May 2024",
        "The Royal Moroccan Armed Forces ordered 36 ATMOS 2000 howitzers from Elbit Systems.",
        "This comes on top of an identical number of Caesar howitzers bought from France in 2020.",
    )
    assert _bought(text)["Caesar"][0] == 36


def test_autant_de_canons_est_le_nombre_dit_avant() -> None:
    text = article(
        "Artillerie",
        "Par Samir Alaoui | 4 mai 2024",
        "Les FAR ont commandé 36 obusiers ATMOS 2000 à Elbit Systems.",
        "En 2020, le Maroc avait acheté autant de canons Caesar à la France.",
    )
    assert _bought(text)["Caesar"][0] == 36


def test_a_delivery_a_contract_is_signed_for_is_still_to_come() -> None:
    text = article(
        "Artillery for Rabat",
        "By Sam Lee | 4 May 2024",
        "The Royal Moroccan Armed Forces has contracted Elbit Systems for the delivery of 36 ATMOS 2000 howitzers.",
    )
    assert _bought(text) == {"ATMOS 2000": (36, "ordered")}


def test_equipment_equipped_with_a_suite_buys_nothing() -> None:
    text = article(
        "Artillery for Rabat",
        "By Sam Lee | 4 May 2024",
        "The ATMOS 2000 is equipped with an advanced electronic suite.",
    )
    assert _bought(text) == {}


def test_units_qualified_by_their_own_words_are_not_the_system_told_before() -> None:
    text = article(
        "Missiles for Rabat",
        "By Sam Lee | 4 May 2024",
        "Morocco will receive 1,200 TOW 2A missiles from Raytheon.",
        "Raytheon has also won a contract for TOW missiles for the US Army, Bahrain and Morocco.",
        "In 2015, Morocco signed an agreement with Raytheon for $38 million worth of 200 thermal receiver units.",
    )
    assert [(a["system"], a["quantity"]) for a in of_kind(text, "acquisition")] == [("TOW 2A", 1200)]

