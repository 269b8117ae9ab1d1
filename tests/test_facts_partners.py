"""Partner extraction on short French sentences written for these tests."""

from factkit import article, of_kind, partners

TITLE = "Défense : le Maroc diversifie ses partenaires"


def test_country_name_with_cooperation():
    assert partners(article(TITLE, "Le Maroc et l'Espagne ont signé un accord de coopération militaire.")) == {"ES"}


def test_demonym_counts():
    text = article(TITLE, "Une délégation turque a été reçue par les Forces armées royales pour parler de défense.")
    assert partners(text) == {"TR"}


def test_capital_as_metonym():
    text = article(TITLE, "Washington a approuvé la vente de missiles au Maroc pour renforcer sa défense.")
    assert partners(text) == {"US"}


def test_institution_stands_for_its_country():
    text = article(TITLE, "Le Pentagone prépare un exercice conjoint avec les Forces armées royales.")
    assert partners(text) == {"US"}


def test_manufacturer_gives_its_country():
    text = article(TITLE, "Le Maroc a commandé des équipements militaires auprès d'Elbit Systems.")
    assert partners(text) == {"IL"}


def test_rival_is_not_a_partner():
    text = article(TITLE, "Le Maroc et la France renforcent leur coopération militaire au grand dam de l'Algérie.")
    assert partners(text) == {"FR"}


def test_other_countries_relations_are_not_partners():
    text = article(
        TITLE,
        "Le Maroc modernise son armée, tandis que l'Algérie reste un client majeur de la Russie pour son armement.",
        "Le ministre américain a signé un accord militaire de dix ans avec la Tunisie.",
    )
    assert partners(text) == set()


def test_a_place_is_not_a_partner():
    text = article(TITLE, "Le ministre marocain de la Défense a évoqué la sécurité en Libye et au Mali.")
    assert partners(text) == set()


def test_capital_as_place_is_not_a_partner():
    text = article(TITLE, "Après une escale à Tunis, le ministre espagnol de la Défense est arrivé à Rabat.")
    assert partners(text) == {"ES"}


def test_english_article():
    text = article(
        "Morocco and India deepen defence ties", "Morocco signed a defence cooperation agreement with India on Tuesday."
    )
    assert partners(text) == {"IN"}


def test_no_morocco_no_partner():
    assert partners(article("Actualité", "La France et l'Allemagne ont signé un accord de défense.")) == set()


def test_rival_in_an_apposition_is_not_a_partner():
    text = article(TITLE, "Le Maroc achète des drones turcs alors que l'Algérie, principal rival du Maroc, renforce sa"
                   " flotte.")
    assert partners(text) == {"TR"}


def test_compound_adjective_names_the_partner():
    text = article(TITLE, "L'exercice militaire maroco-américain s'est achevé à Agadir.")
    assert partners(text) == {"US"}


def test_crisis_is_not_cooperation():
    text = article(TITLE, "La crise maroco-algérienne pèse sur la sécurité régionale et la défense.")
    assert partners(text) == set()


def test_english_rival_apposition_names_no_partner():
    text = article("Region", "Algeria, Morocco's neighbour and rival, signed a military deal with Russia for new jets.")
    assert partners(text) == set()


def test_a_country_named_with_its_border_is_a_place():
    french = article(TITLE, "Les FAR et l'armée espagnole ont lancé l'exercice Atlas 25, organisé dans le sud-est du"
                            " royaume, non loin de la frontière mauritanienne.")
    english = article("Joint drills open", "Morocco and Spain launched a joint exercise near the Mauritanian border.")
    assert partners(french) == {"ES"} and partners(english) == {"ES"}


def test_aux_cotes_de_is_no_border():
    text = article(TITLE, "Le Maroc a signé un accord de défense aux côtés de la France.")
    assert partners(text) == {"FR"}


def test_the_supplier_of_a_rival_named_by_a_relative_clause_is_no_partner():
    text = article(TITLE, "Les drones Heron livrés au Maroc renforcent sa position face à la marine algérienne, qui,"
                          " depuis des décennies, est équipée par la Chine.")
    assert partners(text) == {"IL"}


def test_demonyms_and_capitals_of_smaller_partners():
    officer = article(TITLE, "L'Inspecteur général des FAR a reçu le chef d'état-major des forces armées togolaises.")
    capitals = article(TITLE, "Rabat et Monrovia ont signé un accord de coopération militaire.")
    assert partners(officer) == {"TG"} and partners(capitals) == {"LR"}


def test_a_partner_listed_after_a_date_joins_the_one_before_it():
    text = article(TITLE, "Le Maroc a signé des accords de coopération militaire avec le Ghana le 3 mai et le Kenya"
                          " en juin dernier.")
    assert partners(text) == {"GH", "KE"}


def test_a_weapon_named_in_the_sentence_makes_a_state_visit_a_defence_one():
    text = article(TITLE, "Le contrat portant sur trois batteries du système Sky Dragon 50 avait été signé lors de la"
                          " visite d'État du Roi Mohammed VI en Chine, en mai 2016.")
    assert partners(text) == {"CN"}
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2016-05", ["CN"])]


def test_proceder_a_la_signature_lends_its_parties_and_date():
    text = article(TITLE, "Abdeltif Loudiyi et son homologue ghanéen ont procédé le mardi 4 mars 2025 à Rabat,"
                          " à la signature d'un accord de coopération militaire.")
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2025-03-04", ["GH"])]


def test_a_memorandum_in_an_article_with_no_defence_word_is_no_defence_partnership():
    text = article("Le Maroc et le Japon renforcent leur partenariat",
                   "Le mémorandum de coopération signé vendredi à Tokyo entre le Maroc et le Japon couvre les"
                   " domaines politique et sécuritaire, économique et de la sécurité alimentaire.",
                   "Ce mémorandum définit les axes de la coopération future entre le Maroc et le Japon.")
    assert partners(text) == set()


def test_a_guest_the_parser_hangs_on_the_place_before_it_is_still_the_guest():
    # "à Dakar le chef d'état-major": a noun with its own article after a place is the verb's object
    text = article(TITLE, "Le général Mohammed Berrid a accueilli jeudi 6 février 2025 à Rabat le chef d'état-major"
                          " des armées guinéennes, venu pour une visite de travail.")
    assert partners(text) == {"GN"}
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2025-02-06", ["GN"])]


def test_a_base_in_a_moroccan_town_makes_morocco_the_host_of_a_visit():
    french = article(TITLE, "Le 2 mars 2025, une délégation de l'armée de l'air italienne a séjourné sur la base"
                            " aérienne de Ben Guérir pour préparer un exercice.")
    english = article("Morocco hosts a visit", "On March 2, 2025, a Royal Netherlands Air Force delegation visited"
                                               " the Kenitra air base.")
    assert partners(french) == {"IT"}
    assert [(e["date"], e["countries"]) for e in of_kind(french, "event")] == [("2025-03-02", ["IT"])]
    assert [(e["date"], e["countries"]) for e in of_kind(english, "event")] == [("2025-03-02", ["NL"])]


def test_an_agreement_with_morocco_signed_in_a_foreign_capital_is_with_that_state():
    text = article(TITLE, "L'accord de coopération militaire avec le Maroc, signé à Lisbonne le 4 avril 2022, prévoit"
                          " des exercices communs.")
    assert partners(text) == {"PT"}
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2022-04-04", ["PT"])]
    # another party named: the capital is only where it was signed
    text = article(TITLE, "L'accord entre le Maroc et la Mauritanie a été signé à Paris le 4 avril 2022.")
    assert partners(text) == {"MR"}


def test_a_gift_from_morocco_makes_a_partner_not_a_purchase():
    text = article(TITLE, "Sur instructions royales, les Forces armées royales ont fait don de deux patrouilleurs"
                          " rapides à la marine gambienne.")
    assert {(p["country"], p["relation"]) for p in of_kind(text, "partner")} == {("GM", "cooperation")}
    assert of_kind(text, "acquisition") == []


def test_a_guest_after_a_comma_following_the_place_is_still_the_guest():
    # "à Rabat, le général X, chef d'état-major des forces armées koweïtiennes": no 'et', so no conjunct
    # of Rabat; "à la tête d'une délégation", labelled an object by the parser, has a preposition
    text = article(TITLE, "Le général Berrid a reçu, mardi 14 janvier 2025 à Rabat, le général Fayyad Al-Ruwaili,"
                          " chef d'Etat-major général des forces armées koweïtiennes, à la tête d'une importante"
                          " délégation militaire.")
    assert partners(text) == {"KW"}
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2025-01-14", ["KW"])]
