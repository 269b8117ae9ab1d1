"""How a drill was held tells who held it: 'the exercises conducted with France', 'the drills, which were
held with Spain', 'This year's exercise, which runs from …', 'les armées marocaine et espagnole ont réalisé
…'. Sentences written for these tests, after the pattern of naval and army news pages."""

from __future__ import annotations

from factkit import article, of_kind, partners


def test_a_drill_held_with_a_state_pairs_it_with_morocco() -> None:
    for sentence in (
        "Morocco is taking part in the annual naval exercises conducted with Portugal along its coast.",
        "Morocco took part in the naval drills, which were held with Portugal off Agadir.",
        "Morocco is taking part in the annual drills that have been conducted for twenty years with Portugal.",
    ):
        assert partners(article("Naval news", "By Sam Lee | 4 May 2024", sentence)) == {"PT"}, sentence


def test_a_drill_held_with_nobody_named_pairs_nobody() -> None:
    text = article("Naval news", "By Sam Lee | 4 May 2024",
                   "Morocco took part in the naval drills, which were held off Agadir.")
    assert partners(text) == set()


def test_this_years_exercise_is_the_yearly_one_told_before_and_is_dated() -> None:
    text = article(
        "Naval drills off the coast",
        "By Sam Lee | 9 October 2024",
        "Morocco is taking part in the yearly Sabre maritime exercises held with Portugal along its coast.",
        "This year's exercise, which runs from October 7 to 13, brings together surface ships and submarines.",
    )
    events = of_kind(text, "event")
    assert [(e["date"], e["countries"]) for e in events] == [("2024-10-07", ["PT"])]


def test_deux_armees_nommees_par_leurs_adjectifs_sont_les_deux_parties() -> None:
    for sentence in (
        "Les marines marocaine et portugaise ont réalisé une série d'exercices navals conjoints.",
        "Les armées marocaine et espagnole ont mené un exercice conjoint dans le sud du pays.",
    ):
        found = partners(article("Exercice", "Par Samir Alaoui | 4 mai 2024", sentence))
        assert found and found <= {"PT", "ES"}, sentence


def test_un_exercice_rappele_apres_une_legende_et_un_credit_garde_ses_parties() -> None:
    text = article(
        "Le Maroc mène un exercice naval avec le Portugal",
        "Par Samir Alaoui | 14 novembre 2014",
        "Les marines marocaine et portugaise ont réalisé, pendant dix jours, une série d'exercices navals conjoints.",
        "Par",
        "La frégate Tarik Ben Ziyad.",
        "Crédit : Marine portugaise",
        "Les manœuvres se sont déroulées du 5 au 14 novembre au large de Tanger, selon le scénario d'une crise"
        " entre deux pays voisins, indique le site de la marine portugaise.",
    )
    events = of_kind(text, "event")
    assert ("2014-11-05", ["PT"]) in [(e["date"], e["countries"]) for e in events]


def test_selon_une_source_puis_une_liste_de_pays_ces_pays_participent() -> None:
    text = article(
        "Exercice Lion du désert",
        "Par Samir Alaoui | 18 mars 2019",
        "Les Forces armées royales et l'armée américaine ont lancé leur exercice annuel conjoint Lion du désert.",
        "Selon l'état-major des FAR, le Canada, l'Espagne, le Royaume-Uni, le Sénégal et la Tunisie participent"
        " également à ces manœuvres.",
    )
    assert partners(text) == {"US", "CA", "ES", "GB", "SN", "TN"}


def test_a_generic_cooperation_yields_to_the_exercise_of_the_same_sentence() -> None:
    text = article("Exercice", "Par Samir Alaoui | 4 mai 2024",
                   "Les armées marocaine et française collaborent pour un exercice militaire baptisé « Aigle ».")
    assert {(p["country"], p["relation"]) for p in of_kind(text, "partner")} == {("FR", "exercise")}
