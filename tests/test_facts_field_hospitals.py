"""A field hospital Morocco sends is cooperation with the state it serves, whoever the sentence makes the
subject ('SM le Roi a donné ses instructions pour le déploiement à Juba d'un hôpital de campagne … au profit
des populations du Soudan du Sud'). Sentences written for these tests, after the pattern of Moroccan
news pages."""

from __future__ import annotations

from factkit import article, of_kind, partners


def test_a_field_hospital_sent_by_royal_order_pairs_morocco_with_the_state_it_serves() -> None:
    text = article(
        "Un hôpital de campagne à Bangui",
        "Par Sam Lee | 4 mai 2024",
        "Le Roi Mohammed VI a donné ses instructions pour le déploiement à Bangui d'un hôpital de campagne"
        " multi-spécialités, au profit des populations de la République centrafricaine, à partir du lundi"
        " 6 mai 2024.",
    )
    assert partners(text) == {"CF"}
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2024-05-06", ["CF"])]


def test_an_english_field_hospital_sent_to_a_capital() -> None:
    text = article(
        "Field hospital",
        "By Sam Lee | 4 May 2024",
        "King Mohammed VI ordered the deployment of a military field hospital to Beirut to treat the wounded.",
    )
    assert partners(text) == {"LB"}


def test_another_states_field_hospital_makes_no_partner() -> None:
    text = article(
        "Field hospitals",
        "By Sam Lee | 4 May 2024",
        "Jordan deployed a field hospital to Gaza last week, the Moroccan press reported.",
    )
    assert partners(text) == set()
