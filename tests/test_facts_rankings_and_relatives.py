"""Suppliers ranked with their shares ('les États-Unis … 69 %, suivis de la France (14 %)'), a possessive
that cannot be the subject's own ('Israël figure parmi ses principaux fournisseurs'), the date of a
relative clause on a recalled exercise ('cet entraînement, qui se déroule du 2 au 13 mars'), and a
newspaper told something ('révèle à Yabiladi une source'), which is no place. Sentences written for
these tests, after the pattern of arms-transfer reports and exercise news on Moroccan sites."""

from __future__ import annotations

from factkit import article, of_kind, partners


def test_a_supplier_ranked_after_another_with_its_share() -> None:
    text = article(
        "Les importations d'armes du Maroc en baisse",
        "Par Nadia B. | 11 mars 2024",
        "Concernant les fournisseurs, les États-Unis sont le principal pourvoyeur d'armes du Maroc avec une part"
        " de 69%, suivis de la France (14%).",
    )
    assert partners(text) == {"US", "FR"}


def test_a_possessive_is_not_the_subjects_own() -> None:
    text = article(
        "Les importations d'armes du Maroc en baisse",
        "Par Nadia B. | 11 mars 2024",
        "Le royaume est le seul pays arabe où Israël figure parmi ses trois principaux fournisseurs d'armes.",
    )
    assert partners(text) == {"IL"}


def test_a_recalled_training_is_dated_by_its_relative_clause() -> None:
    text = "\n".join([
        "Le Maroc et la France organisent un exercice baptisé «Scorpion»",
        "date 2025-03",
        "",
        "Les armées marocaine et française collaborent pour un exercice militaire baptisé «Scorpion».",
        "«Quelque 300 parachutistes des deux nations prennent part à cet entraînement, qui se déroule du 2 au 13"
        " mars sur la base de Benguerir», révèle à Yabiladi une source marocaine.",
    ])
    events = [(e["date"], e["countries"], e["place"]) for e in of_kind(text, "event")]
    assert ("2025-03-02", ["FR"], None) in events


def test_an_exercise_meeting_held_in_a_moroccan_town_has_morocco_as_host() -> None:
    text = article(
        "African Lion 2023 final planning meeting",
        "By Sam Lee | 17 April 2023",
        "The final planning meeting of the exercise \"African Lion 2023\" was held at the level of the South Zone"
        " Staff in Agadir from 12 to 16 April 2023.",
    )
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2023-04-12", ["US"])]
