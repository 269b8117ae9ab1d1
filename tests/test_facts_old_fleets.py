"""A fleet Morocco has had for decades says nothing of the year of a new batch of the same family:
'à partir des années 1980' is a decade, no year. Sentences written for these tests, after the pattern
of surplus transfers reported with the fleet's history."""

from __future__ import annotations

from factkit import article, of_kind


def _years(text: str) -> list[tuple[str, int | None]]:
    return sorted((a["system"], a["year"]) for a in of_kind(text, "acquisition"))


def test_a_decade_is_no_year_of_the_new_batch() -> None:
    text = article(
        "Douze obusiers M109A5 cédés aux FAR",
        "Par Nadia B. | 24 octobre 2024",
        "Le Pentagone a notifié au Congrès la cession gratuite de douze obusiers M109A5 au profit des FAR.",
        "Elles alignent déjà plusieurs dizaines de M109 reçus des États-Unis et de Belgique à partir des années"
        " 1980, ainsi qu'environ 800 véhicules de transport de troupes M113.",
    )
    assert _years(text) == [("M109A5", 2024)]
