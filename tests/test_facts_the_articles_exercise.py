"""An article on one named exercise dates it in a sentence that names neither the exercise nor a state
('From 20 to 31 May, some 7,000 participants take part in joint military exercises … in the kingdom'):
that exercise, with the parties told before; a name listed among places is a place. Sentences written
for these tests, after the pattern of magazine reports from the exercise grounds."""

from __future__ import annotations

from factkit import article, of_kind


def _text(dates_sentence: str) -> str:
    return article(
        "Lion drills open in the south",
        "By Sam Lee | 21 May 2024",
        "Morocco and the United States co-organise African Lion 2024, the largest exercise on the continent.",
        "Dozens of countries send troops or observers this year.",
        dates_sentence,
    )


def test_undetermined_exercises_dated_in_the_kingdom_are_the_articles_exercise() -> None:
    text = _text("From 20 to 31 May, some 7,000 participants take part in joint military exercises at several"
                 " sites in the kingdom: Agadir, Tan-Tan, Al Mahbes and Tiznit.")
    dated = [e for e in of_kind(text, "event") if e["date"] == "2024-05-20"]
    assert [(e["countries"], e["people"]) for e in dated] == [(["US"], [])]


def test_exercises_with_another_state_are_not_the_articles_exercise() -> None:
    text = _text("From 20 to 31 May, French and Moroccan sailors take part in joint naval exercises off Agadir.")
    dated = [e for e in of_kind(text, "event") if e["date"] == "2024-05-20"]
    assert [e["countries"] for e in dated] == [["FR"]]


def test_un_nom_cite_parmi_des_villes_est_une_ville() -> None:
    text = article(
        "African Lion 2024",
        "Par Samir Alaoui | 21 mai 2024",
        "Le Maroc et les États-Unis organisent l'exercice African Lion 2024 du 20 au 31 mai à Agadir, Tan-Tan,"
        " Al Mahbès et Tiznit.",
    )
    assert [e["people"] for e in of_kind(text, "event")] == [[]]


def test_a_known_exercise_named_beside_morocco_is_held_with_its_leaders() -> None:
    text = article(
        "Manœuvres",
        "Par Samir Alaoui | 24 mai 2025",
        "Les Forces armées royales ont accueilli, du 12 au 23 mai 2025, la 21e édition d'African Lion dans les"
        " régions d'Agadir et de Tan-Tan.",
    )
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2025-05-12", ["US"])]


def test_an_agreement_named_with_its_party_does_not_recall_the_exercise() -> None:
    text = article(
        "Manœuvres",
        "Par Samir Alaoui | 24 mai 2025",
        "Les Forces armées royales ont accueilli, du 12 au 23 mai 2025, la 21e édition d'African Lion dans les"
        " régions d'Agadir et de Tan-Tan.",
        "Depuis l'accord-cadre sécuritaire conclu avec Israël en novembre 2021, Rabat a aussi reçu des drones.",
    )
    assert ("2021-11", ["US"]) not in [(e["date"], e["countries"]) for e in of_kind(text, "event")]
