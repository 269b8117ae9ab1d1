"""Who speaks, where it happens, and what a sentence only names: a newspaper's country ("the Spanish
daily El Norte"), a source after "selon", a border ("près de la frontière est avec le Maroc"), a
contested sale, a deal Morocco decided against, a unit that "forms" a contingent, a trade accord
about shipping. And what it does say in other words: a supplier after "auprès du constructeur", a
shipment named in the next sentence ("Il s'agit de …"), a plural designation ("H145s"), a name
written with a hyphen ("VL-Mica"), shares bought "in" a country. Sentences written for these tests."""

from __future__ import annotations

from factkit import article, of_kind, partners


def _acquisitions(text: str) -> list[tuple[str, str | None, str | None]]:
    return sorted((a["system"], a.get("supplier"), a.get("status")) for a in of_kind(text, "acquisition"))


def test_a_country_at_a_border_takes_no_part_in_the_exercise() -> None:
    text = article(
        "Manœuvres mauritano-maliennes dans le désert",
        "Par Lina K. | 3 mars 2024",
        "La Mauritanie conduit des manœuvres conjointes avec des unités maliennes près de la frontière"
        " nord-est avec le Maroc, a indiqué l'état-major.",
    )
    assert partners(text) == set()


def test_a_unit_that_forms_a_contingent_is_no_training() -> None:
    text = article(
        "Des casques bleus marocains décorés",
        "Par Lina K. | 3 mars 2024",
        "Le bataillon formant le contingent marocain déployé en Côte d'Ivoire a reçu mercredi la médaille"
        " des Nations unies.",
    )
    assert partners(text) == set()


def test_accords_on_shipping_and_ports_are_no_defence() -> None:
    text = article(
        "Le Maroc et le Qatar signent trois accords",
        "Par Lina K. | 3 mars 2024",
        "Le Maroc et le Qatar ont signé jeudi trois accords dans les domaines du transport maritime, des"
        " ports et de la protection des consommateurs.",
    )
    assert partners(text) == set()


def test_a_sale_still_contested_between_bidders_is_no_purchase() -> None:
    text = article(
        "Sous-marins : la bataille du Maroc",
        "Par Lina K. | 3 mars 2024",
        "Le groupe allemand TKMS est confronté au Maroc à la concurrence des chantiers japonais pour la vente"
        " de trois sous-marins.",
    )
    assert "JP" not in partners(text)
    assert all(status == "negotiating" for _, _, status in _acquisitions(text))


def test_a_deal_morocco_decided_against_is_no_acquisition() -> None:
    text = article(
        "Morocco passes on the Gripen",
        "By Sam Lee | 4 June 2025",
        "Despite years of talks, Morocco has opted against acquiring 24 M1A2 tanks from the United States,"
        " a defence newsletter reported.",
    )
    assert _acquisitions(text) == []


def test_a_newspapers_country_is_no_buyer() -> None:
    text = article(
        "Morocco's new artillery deal",
        "By Sam Lee | 4 June 2025",
        "Morocco has signed two defence contracts worth €300 million with European firms.",
        "According to the Spanish daily El Norte, the first contract covers the purchase of ATMOS howitzers.",
    )
    assert "ES" not in partners(text)
    assert [s for s, _, _ in _acquisitions(text)] == ["ATMOS"]


def test_a_supplier_after_aupres_du_constructeur_and_a_plural_designation() -> None:
    text = article(
        "Nouveaux hélicoptères pour la Gendarmerie",
        "Par Lina K. | 3 mars 2024",
        "Le Royaume a procédé à l'acquisition de plusieurs hélicoptères auprès du constructeur italien, Leonardo.",
        "La Gendarmerie royale a ainsi acquis plusieurs appareils de type AW139s, selon Airbus.",
    )
    assert partners(text) == {"IT"}
    assert ("AW139", "IT", "ordered") in _acquisitions(text)


def test_a_source_after_selon_is_no_maker() -> None:
    text = article(
        "Nouveaux hélicoptères pour les FAR",
        "Par Lina K. | 3 mars 2024",
        "Les FAR ont acquis plusieurs appareils de type H145s, selon Airbus.",
    )
    assert _acquisitions(text) == [("H145", "FR", "ordered")]  # Airbus Helicopters (France), not the EU


def test_a_shipment_named_in_the_next_sentence() -> None:
    text = article(
        "Arrivée de blindés à Tanger",
        "Par Lina K. | 3 mars 2024",
        "Le port de Tanger Med a accueilli lundi une cargaison des États-Unis destinée aux Forces armées royales.",
        "Il s'agit d'un lot de véhicules blindés de type MaxxPro.",
    )
    assert partners(text) == {"US"}
    assert _acquisitions(text) == [("MaxxPro", "US", "delivered")]


def test_a_name_written_with_a_hyphen_and_the_acronym_of_the_air_force() -> None:
    text = article(
        "Morocco's air defence order",
        "By Sam Lee | 4 June 2025",
        "The Forces Royales Air (FRA) have ordered VL-MICA missiles from MBDA for €150 million.",
    )
    assert [(s, sup) for s, sup, _ in _acquisitions(text)] == [("VL-MICA", "FR")]


def test_shares_bought_in_countries_name_the_suppliers() -> None:
    text = article(
        "Who arms the Maghreb",
        "By Sam Lee | 4 June 2025",
        "Morocco, a loyal customer of the United States, bought 6.1% in Italy and 0.9% in Spain in 2016-2020.",
    )
    assert {"IT", "ES"} <= partners(text)


def test_a_demonstrative_recalls_the_talks_even_in_a_sentence_that_names_no_party() -> None:
    text = article(
        "Rabat et Séoul, dix ans de rapprochement",
        "Par Lina K. | 3 mars 2024",
        "En 2016, Rabat a renoué ses relations diplomatiques avec la Corée du Sud.",
        "Ce rapprochement a conduit à un mémorandum de coopération militaire et à l'achat de drones, selon"
        " le quotidien coréen Hankook cité par la presse locale.",
    )
    assert partners(text) == {"KR"}


def test_a_recalled_meeting_takes_no_date_from_another_clause() -> None:
    text = article(
        "Commission militaire mixte maroco-portugaise",
        "Par Lina K. | 3 mars 2024",
        "L'Inspecteur général des FAR a coprésidé le 4 février 2025 à Lisbonne la 9e réunion de la commission"
        " militaire mixte maroco-portugaise.",
        "Cette réunion intervient alors que la marine marocaine a mis en service, en janvier 2025, deux"
        " nouveaux patrouilleurs.",
    )
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2025-02-04", ["PT"])]


def test_a_maker_written_as_one_word_and_a_designation_with_a_hyphen() -> None:
    text = article(
        "Drones : une usine israélienne à Benslimane",
        "Par Lina K. | 3 mars 2024",
        "Les FAR avaient déjà commandé en 2021 plusieurs drones Hermes-450 auprès d'Elbitsystems.",
    )
    assert [(a["system"], a.get("supplier"), a.get("manufacturer")) for a in of_kind(text, "acquisition")] == [
        ("Hermes-450", "IL", "Elbit Systems")]


def test_a_named_exercise_keeps_its_parties_in_a_sentence_that_names_only_ships() -> None:
    text = article(
        "Exercice naval maroco-portugais",
        "Par Lina K. | 3 mars 2024",
        "L'exercice naval «Tagus», mené chaque année par la Marine royale et la marine portugaise, tire son"
        " nom du fleuve.",
        "Lors du «Tagus 22», qui s'est déroulé du 14 au 20 juin 2022, les frégates Mohammed VI et Bartolomeu"
        " Dias avaient mené des manœuvres de lutte anti-sous-marine.",
    )
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2022-06-14", ["PT"])]


def test_a_count_before_a_quoted_name_built_for_the_benefit_of_morocco() -> None:
    text = article(
        "Production starts on Morocco's new tanks",
        "By Sam Lee | 4 June 2025",
        "The US Army announced the start of the manufacturing of 30 “M1A2 SEPv3” tanks for the benefit of"
        " Morocco, under a contract signed last year.",
    )
    assert [(a["system"], a.get("quantity"), a.get("supplier")) for a in of_kind(text, "acquisition")] == [
        ("M1A2 SEPv3", 30, "US")]
