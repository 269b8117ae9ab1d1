"""An opposition frame sets parties against each other; a worry or a fear that names no party
('la presse s'inquiète de …', 'commentators fret over …') sets no one against Morocco, and what it is
about still happened. Sentences written for these tests, after the pattern of regional news that
reports a neighbour's press alarmed by a delivery."""

from __future__ import annotations

from factkit import article, of_kind, partners


def _bought(text: str) -> list[tuple[str, str | None]]:
    return sorted((a["system"], a["supplier"]) for a in of_kind(text, "acquisition"))


def test_a_press_worried_by_a_delivery_keeps_the_delivery() -> None:
    text = article(
        "Armée marocaine : un réarmement qui fait parler",
        "Par Nadia B. | 12 juin 2024",
        "Une partie de la presse régionale s'inquiète du réarmement marocain, après l'arrivée en mai 2024 des"
        " premiers canons Caesar, sur les 36 commandés à la France en 2020.",
    )
    assert _bought(text) == [("Caesar", "FR")]
    assert partners(text) == {"FR"}


def test_commentators_fretting_over_a_delivery_keep_the_delivery() -> None:
    text = article(
        "Moroccan army: the build-up draws comment",
        "By Sam Lee | 12 June 2024",
        "Some commentators fear Morocco's growing air power after the arrival in May 2024 of the first"
        " six AH-64E Apache helicopters ordered from the United States.",
    )
    assert _bought(text) == [("AH-64E Apache", "US")]
    assert partners(text) == {"US"}


def test_a_rupture_between_two_states_still_opposes_what_it_governs() -> None:
    text = article(
        "Crise diplomatique",
        "Par Nadia B. | 12 juin 2024",
        "Alger a rompu ses relations diplomatiques et sa coopération militaire avec Rabat en août 2021.",
    )
    assert partners(text) == set()
