"""Who designed the equipment is where it comes from: 'a counter-drone system named X, designed by the
Ukrainian company Y', 'un radar conçu par la société française Z'. Sentences written for these tests, after
the pattern of trade-press items on niche purchases."""

from __future__ import annotations

from factkit import article, of_kind


def _suppliers(text: str) -> set[str | None]:
    return {a["supplier"] for a in of_kind(text, "acquisition")}


def test_a_system_designed_by_a_foreign_company_comes_from_its_country() -> None:
    text = article(
        "Counter-drone purchase",
        "By Sam Lee | 4 May 2024",
        "In March 2021, Morocco purchased an anti-drone system named Zorya-3, designed by the Ukrainian company"
        " Kvant.",
    )
    assert _suppliers(text) == {"UA"}


def test_un_systeme_concu_par_une_societe_etrangere_en_vient() -> None:
    text = article(
        "Lutte anti-drones",
        "Par Samir Alaoui | 4 mai 2024",
        "En mars 2021, le Maroc a acheté un système anti-drones baptisé Zorya-3, conçu par la société ukrainienne"
        " Kvant.",
    )
    assert _suppliers(text) == {"UA"}
