"""English headlines and the words around a verb: a title-case headline keeps its small words low
('US Approves $985 Million in Missile Sales to Morocco'), a sale is no missile called 'Sales', an
adverb without '-ly' sits inside the verb group ('has nevertheless approved'), and a group named before
a model ('10 Airbus H225M') leaves the sale to the model's own maker. Sentences written for these tests,
after the pattern of defence-news headlines and sale notices."""

from __future__ import annotations

from factkit import article, of_kind, partners


def _facts(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return sorted((a["system"], a["supplier"], a["manufacturer"], a["status"]) for a in of_kind(text, "acquisition"))


def test_a_title_case_headline_with_an_amount_is_read() -> None:
    text = article(
        "US Approves $985 Million in Missile Sales to Morocco for Border Security",
        "By Sam Lee | 12 September 2019",
        "Morocco intends to secure its borders further.",
    )
    assert partners(text) == {"US"}
    assert of_kind(text, "acquisition") == []  # no missile called 'Sales'


def test_an_adverb_inside_the_verb_group() -> None:
    text = article(
        "US Approves Missile Sales to Morocco",
        "By Sam Lee | 12 September 2019",
        "While no new contracts have yet been concluded with the United States, the US State Department has"
        " nevertheless approved the sale of missiles and TOW launchers for $776 million.",
    )
    assert [(system, supplier, status) for system, supplier, _, status in _facts(text)] == [("TOW", "US", "approved")]


def test_a_group_before_a_model_leaves_the_sale_to_the_models_maker() -> None:
    text = article(
        "Morocco orders 10 Airbus H225M Caracal helicopters",
        "By Sam Lee | 19 November 2025",
        "The helicopters will replace the Puma fleet of the Royal Moroccan Air Force.",
    )
    assert _facts(text) == [("H225M Caracal", "FR", "Airbus Helicopters", "ordered")]
    assert partners(text) == {"FR"}
