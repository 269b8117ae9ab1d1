"""English participles that tell what became of equipment named before them: an adverb may stand
between ('four Wing Loongs initially acquired in 2020'), the designation may be in the plural, and a
parenthesis comments on the equipment right before it ('(probably gifted by the UAE)'), not on the
sentence's subject. Sentences written for these tests, after the pattern of defence-news round-ups
that list a fleet's past purchases."""

from __future__ import annotations

from factkit import article, of_kind


def _facts(text: str) -> list[tuple[str, int | None, str | None, str | None]]:
    return sorted((a["system"], a["year"], a["status"], a["supplier"]) for a in of_kind(text, "acquisition"))


def test_a_parenthesis_gift_belongs_to_the_equipment_before_it() -> None:
    text = article(
        "Morocco's drone fleet grows",
        "By Sam Lee | 20 November 2024",
        "Morocco's new Akinci drones will join two Wing Loongs first acquired by Morocco in 2020 (probably gifted"
        " by the UAE), and other unmanned systems.",
    )
    facts = _facts(text)
    assert ("Wing Loong", 2020, "donated", "AE") in facts
    assert all(not (system == "Akinci" and status == "donated") for system, _, status, _ in facts)


def test_an_adverb_between_a_plural_designation_and_its_participle() -> None:
    text = article(
        "Morocco's drone fleet grows",
        "By Sam Lee | 20 November 2024",
        "The Royal Moroccan Air Force operates three Harfangs initially bought from Israel in 2014.",
    )
    assert _facts(text) == [("Harfang", 2014, "ordered", "IL")]
