"""Ships told as a series ('the second of three Sigma-class frigates', 'le quatrième et dernier avion'),
counts behind a model code and its bracket, editor's notes in square brackets, quoted media titles,
acronyms spelled out in brackets, equipment named through a modifier ('des drones espions') and
satellites a state launches. Sentences written for these tests, after the pattern of defence pages."""

from __future__ import annotations

from factkit import article, of_kind, partners


def _acquisitions(text: str) -> set[tuple[str, str | None, int | None]]:
    return {(a["system"], a["supplier"], a["quantity"]) for a in of_kind(text, "acquisition")}


def test_a_dutch_yard_named_by_its_full_name_sells_the_frigates() -> None:
    text = article(
        "Navy frigate",
        "By Sam Lee | 4 March 2012",
        "The Royal Moroccan Navy has received the second of three Sigma-class frigates from Damen Schelde "
        "Naval Shipbuilding (DSNS).",
    )
    assert partners(text) == {"NL"}
    assert _acquisitions(text) == {("Sigma-class", "NL", 3)}


def test_a_five_digit_designation_is_whole() -> None:
    text = article("Frégates", "Par Samir Alaoui | 4 mars 2012",
                   "Le Maroc a commandé aux Pays-Bas une frégate SIGMA 10513 en 2008.")
    assert {a["system"] for a in of_kind(text, "acquisition")} == {"SIGMA 10513"}


def test_le_quatrieme_et_dernier_avion_dit_combien_il_y_en_a() -> None:
    text = article(
        "Transport",
        "Par Samir Alaoui | 4 mai 2011",
        "Le constructeur italien Leonardo a livré aux Forces Royales Air le quatrième et dernier avion de "
        "transport tactique C-27J Spartan.",
    )
    assert _acquisitions(text) == {("C-27J Spartan", "IT", 4)}


def test_the_third_and_final_frigate_tells_how_many() -> None:
    text = article("Frigates", "By Sam Lee | 4 March 2013",
                   "Morocco received the third and final Sigma-class frigate from Damen in 2012.")
    assert _acquisitions(text) == {("Sigma-class", "NL", 3)}


def test_the_count_stands_before_the_model_code_and_its_bracket() -> None:
    text = article(
        "Tanks",
        "By Sam Lee | 4 August 2016",
        "Twenty-two M1A1 (situational awareness configuration) Abrams tanks were handed over to the Royal "
        "Moroccan Armed Forces by the US Army.",
    )
    assert {(a["system"], a["quantity"]) for a in of_kind(text, "acquisition")} == {("M1A1 Abrams", 22)}


def test_an_air_defence_missile_system_is_the_one_named_after_it() -> None:
    text = article(
        "Air defence",
        "By Sam Lee | 4 February 2018",
        "The Moroccan military has obtained a new air defense missile system from China.",
        "The Sky Dragon 50 was delivered to the Royal Moroccan Armed Forces in December 2017.",
    )
    assert {a["system"] for a in of_kind(text, "acquisition")} == {"Sky Dragon 50"}


def test_un_pays_dans_le_titre_d_un_media_cite_n_est_pas_un_partenaire() -> None:
    text = article(
        "Transport",
        "Par Samir Alaoui | 4 mai 2011",
        "Leonardo vient d'annoncer via « La voix de la Russie » la livraison aux Forces Royales Air du dernier "
        "avion C-27J Spartan.",
    )
    assert partners(text) == {"IT"}


def test_un_acronyme_developpe_entre_parentheses_n_est_pas_un_second_navire() -> None:
    text = article(
        "Frégates",
        "Par Samir Alaoui | 4 mars 2012",
        "Les trois frégates SIGMA (Ship Integrated Geometrical Modularity Approach) ont été commandées par le "
        "Maroc au chantier néerlandais Damen en avril 2008.",
    )
    assert {a["system"] for a in of_kind(text, "acquisition")} == {"SIGMA"}


def test_des_drones_espions_livres_sont_le_drone_nomme_ensuite() -> None:
    text = article(
        "Le Maroc se fait livrer des drones espions israéliens",
        "Par Samir Alaoui | 28 décembre 2020",
        "Selon un magazine espagnol, l'armée marocaine dispose désormais du Hermes 900 du constructeur "
        "israélien Elbit Systems.",
    )
    assert _acquisitions(text) == {("Hermes 900", "IL", None)}


def test_une_note_entre_crochets_ne_coupe_pas_la_liste() -> None:
    text = article(
        "Armement",
        "Par Samir Alaoui | 4 mai 2024",
        "Les États-Unis restent le premier fournisseur du Maroc, comme en témoignent les dernières transactions : "
        "48 avions de combat F-16 [dont 25 neufs et la modernisation de 23 autres déjà en dotation], "
        "24 hélicoptères AH-64E Apache ainsi que des radars.",
    )
    found = {(a["system"], a["quantity"]) for a in of_kind(text, "acquisition")}
    assert ("AH-64E Apache", 24) in found
    assert ("F-16", 48) in found


def test_le_satellite_que_le_royaume_a_lance_est_achete_a_son_constructeur() -> None:
    text = article(
        "Espace",
        "Par Samir Alaoui | 18 décembre 2017",
        "Le 8 novembre dernier, le royaume a lancé son premier satellite d'observation, le Mohammed VI-A, depuis "
        "la base de Kourou.",
        "Ce satellite a été construit par Thales Alenia Space et Airbus.",
    )
    assert _acquisitions(text) == {("Mohammed VI-A", "FR", None)}


def test_launching_missiles_or_a_tender_is_no_purchase() -> None:
    text = article(
        "Tender",
        "By Sam Lee | 4 May 2024",
        "Morocco launched a tender for new patrol boats in 2023.",
        "The navy launched two Exocet missiles during the exercise with France.",
    )
    assert of_kind(text, "acquisition") == []


def test_ce_qu_une_transaction_suivie_de_deux_points_enumere_est_achete() -> None:
    text = article(
        "Armement",
        "Par Samir Alaoui | 4 mai 2024",
        "Les États-Unis restent le premier fournisseur du Maroc, comme en témoignent les dernières transactions : "
        "36 canons automoteurs M109A5, 12 hélicoptères UH-60M Black Hawk ainsi que des radars.",
    )
    assert {(a["system"], a["supplier"], a["quantity"]) for a in of_kind(text, "acquisition")} == {
        ("M109A5", "US", 36), ("UH-60M Black Hawk", "US", 12)}


def test_la_premiere_fregate_livree_date_la_livraison_du_contrat() -> None:
    text = article(
        "Marine",
        "Par Samir Alaoui | 4 octobre 2012",
        "Le chantier néerlandais Damen a remis à la Marine royale la troisième et dernière frégate SIGMA.",
        "La première frégate, Tarik Ben Zayid, a été livrée le 10 septembre 2011.",
    )
    events = {(e["date"], tuple(e["countries"]), tuple(e["people"])) for e in of_kind(text, "event")}
    assert ("2011-09-10", ("NL",), ()) in events


def test_un_acronyme_developpe_n_est_pas_une_personne() -> None:
    text = article(
        "Frégates",
        "Par Samir Alaoui | 4 mars 2012",
        "Les trois frégates SIGMA (Ship Integrated Geometrical Modularity Approach) ont été commandées par le "
        "Maroc au chantier néerlandais Damen le 12 avril 2008.",
    )
    assert all(e["people"] == [] for e in of_kind(text, "event"))
