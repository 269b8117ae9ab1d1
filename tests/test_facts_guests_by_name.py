"""A visiting official is often named by name alone once his office and country are told: 'Le général
Mark Milley … a été reçu ce dimanche 5 mars par le ministre délégué', 'Ce dernier a été reçu …', 'General
Bajwa wrapped up his visit on February 23', 'The agreement, signed April 14, …'. Sentences written for
these tests, after the pattern of visit reports on Moroccan and foreign news sites."""

from __future__ import annotations

from factkit import article, of_kind


def _events(text: str) -> set[tuple[str, tuple[str, ...], str]]:
    return {(e["date"], tuple(e["countries"]), e["type"]) for e in of_kind(text, "event")}


def test_un_general_nomme_par_son_seul_nom_apres_sa_fonction_est_de_son_pays() -> None:
    text = article(
        "Le chef d'état-major américain au Maroc",
        "Par Samir Alaoui | mars 2023",
        "Le chef d'état-major des armées des États-Unis effectue une visite au Maroc.",
        "Le général John Carter, qui conduit une délégation militaire, a été reçu ce dimanche 5 mars par le"
        " ministre délégué chargé de l'Administration de la Défense nationale.",
    )
    assert ("2023-03-05", ("US",), "meeting") in _events(text)


def test_ce_dernier_recu_par_un_ministre_est_un_invite_pas_un_materiel() -> None:
    text = article(
        "L'Allemagne veut relancer sa coopération militaire avec le Maroc",
        "Par Samir Alaoui",
        "C'est la volonté exprimée par le ministre délégué allemand de la Défense, M. Peter Lang.",
        "Ce dernier a été reçu, ce lundi 4 mars 2024, par le ministre délégué chargé de l'Administration de la"
        " Défense nationale.",
    )
    assert _events(text) == {("2024-03-04", ("DE",), "meeting")}
    assert of_kind(text, "acquisition") == []


def test_a_chief_named_after_his_ranks_keeps_his_country_and_ends_his_visit() -> None:
    text = article(
        "Pakistan army chief in Morocco",
        "By Sam Lee | 28 February 2020",
        "Pakistan's Chief of Army Staff General Tariq Aziz Mahmood, who recently visited the kingdom, met senior"
        " officers in Rabat.",
        "He later toured the port of Tangier and a naval school in Kenitra with his hosts.",
        "The general also laid a wreath at the mausoleum in Rabat during his stay.",
        "He praised the warm welcome he received from the kingdom's leadership.",
        "General Mahmood wrapped up his four-day visit to Morocco on February 23.",
    )
    assert ("2020-02-23", ("PK",), "visit") in _events(text)


def test_an_agreement_with_several_firms_told_again_keeps_all_its_parties() -> None:
    text = article(
        "Morocco to become a maintenance hub",
        "By Sam Lee | April 2022",
        "Morocco has signed a strategic partnership with Belgian firm Sabca, alongside American giant Lockheed"
        " Martin, for the maintenance of F-16 and C-130 aircraft.",
        "The agreement, signed April 14, will lead to the creation of Maintenance Aero Maroc, a facility near"
        " Benslimane.",
    )
    events = of_kind(text, "event")
    assert [(e["date"], sorted(e["countries"]), e["people"]) for e in events] == [("2022-04-14", ["BE", "US"], [])]
