"""A plant launched 'in the country' as a joint venture with foreign makers pairs Morocco (the country the
article is about) with the makers' states; the papers that report it are no party. Sentences written for
these tests, after the pattern of regional news on local arms industry."""

from __future__ import annotations

from factkit import article, of_kind, partners


def test_a_joint_venture_launched_in_the_country_pairs_morocco_with_the_makers() -> None:
    text = article(
        "Arms industry",
        "By Sam Lee | 4 May 2024",
        "Morocco is one of the largest arms buyers in Africa.",
        "Moroccan papers announce that the first ammunition factory will be launched soon in the country as a joint"
        " venture with Belgium's Mecar and the UK's Chemring.",
    )
    assert partners(text) == {"BE", "GB"}
    assert {p["relation"] for p in of_kind(text, "partner")} == {"industry"}


def test_moroccan_papers_are_no_party() -> None:
    text = article(
        "Arms industry",
        "By Sam Lee | 4 May 2024",
        "Moroccan papers report that Algeria will open an ammunition factory with Russia.",
    )
    assert partners(text) == set()
