"""People named once with office and state, then by name alone: the later sentence is about that
state (facts/extract/people.py). Sentences written for these tests, after wire reports of visits."""

from __future__ import annotations

from factkit import article, of_kind


def events(text: str) -> list[tuple[str, list[str]]]:
    return [(e["date"], e["countries"]) for e in of_kind(text, "event")]


def test_a_surname_named_again_stands_for_the_state_it_was_introduced_with() -> None:
    text = article("Ghana's defence chief in Morocco", "By Sam Lee | June 4, 2025",
                   "Ghana's Chief of Defence Staff, Vice Admiral Seth Amoama, is on a working visit to the Kingdom.",
                   "On Tuesday, June 3, Amoama and his delegation were received by the Inspector General of the Royal"
                   " Armed Forces in Rabat.")
    assert ("2025-06-03", ["GH"]) in events(text)


def test_un_nom_repris_seul_garde_l_etat_de_sa_presentation() -> None:
    text = article("Coopération militaire avec le Ghana", "Par Lina K. | 4 juin 2025",
                   "Le chef d'état-major des armées ghanéennes, le général Kofi Mensah, est arrivé lundi au Maroc.",
                   "Le mardi 3 juin 2025, le général Mensah a été reçu à Rabat par l'Inspecteur général des FAR.")
    assert ("2025-06-03", ["GH"]) in events(text)


def test_a_name_beside_two_states_stands_for_neither() -> None:
    # the segment names Spain and Algeria: whose official Garcia is, the sentence does not say
    text = article("Tensions in the Mediterranean", "By Sam Lee | June 4, 2025",
                   "Spanish and Algerian officials, Pedro Garcia, met in Algiers last week.",
                   "On Tuesday, June 3, Garcia was received by the Inspector General of the Royal Armed Forces in"
                   " Rabat.")
    assert events(text) == []


def test_the_office_before_the_name_wins_over_a_delegation_after_it() -> None:
    # "…ivoiriennes, le général X, effectue une visite au Maroc à la tête d'une délégation": X is Ivorian
    text = article("Défense : visite d'un chef militaire", "Par Salma B. | 5 juin 2025",
                   "Le chef d'état-major des armées ivoiriennes, le général Awa Traoré, effectue une visite de travail"
                   " au Maroc à la tête d'une délégation.",
                   "Le mardi 3 juin 2025, le général Traoré a été reçu à Rabat par l'Inspecteur général des FAR.")
    assert ("2025-06-03", ["CI"]) in events(text)


def test_a_capitalised_name_without_a_title_is_no_person() -> None:
    # "Combined Maritime Force" beside Pakistan names a force, not a Pakistani called Maritime
    text = article("Naval talks", "By Sam Lee | June 4, 2025",
                   "The Pakistan Navy praised its part in the Combined Maritime Force.",
                   "On Monday, June 2, 2025, the Maritime teams met Moroccan officers in Rabat.")
    assert events(text) == []
