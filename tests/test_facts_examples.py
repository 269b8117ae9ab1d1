"""Examples of a group ("partners such as France", "plusieurs pays tels que l'Espagne") stand in
the group's place; "comme"/"like" after anything else stays a comparison. Also the money scale
that is no count ("a $88 million AMRAAM sale") and a system named before its deal noun.
Sentences written for these tests, after the patterns of overview articles on Morocco's arms.
"""

from __future__ import annotations

from factkit import article, of_kind, partners

from facts.numbers import quantity_before

OVERVIEW = "Morocco's rearmament: who sells Rabat its weapons"
APERCU = "Réarmement : les fournisseurs du Maroc"


def test_english_partners_such_as_a_list_are_partners() -> None:
    text = article(OVERVIEW, "Much of the equipment comes from Rabat's main partners in the sector, such as"
                             " the United States, India, China, Turkey and some European countries.")
    assert partners(text) == {"US", "IN", "CN", "TR"}


def test_french_partners_with_notamment_are_partners() -> None:
    text = article(APERCU, "Le Maroc s'arme auprès de ses principaux partenaires militaires, notamment la Chine"
                           " et la Turquie.")
    assert partners(text) == {"CN", "TR"}


def test_agreements_with_countries_such_as_are_with_those_countries() -> None:
    english = article(OVERVIEW, "Morocco has signed military agreements with several countries such as the"
                                " United States, Israel and Turkey.")
    french = article(APERCU, "Le Maroc a signé des accords militaires avec plusieurs pays tels que les"
                             " États-Unis, Israël et la Turquie.")
    french_comma = article(APERCU, "Le Maroc a signé des accords de défense avec plusieurs pays, comme la France.")
    assert partners(english) == {"US", "IL", "TR"}
    assert partners(french) == {"US", "IL", "TR"}
    assert partners(french_comma) == {"FR"}


def test_like_after_morocco_is_still_a_comparison() -> None:
    text = article(APERCU, "Le Maroc, comme l'Algérie, achète des drones armés depuis 2020.")
    assert "DZ" not in partners(text)


def test_an_ambiguous_name_is_a_country_next_in_a_list_of_names() -> None:
    text = article(OVERVIEW, "Rabat's main suppliers, such as China, Turkey and France, compete for new contracts.")
    assert partners(text) == {"CN", "TR", "FR"}


def test_a_money_scale_before_a_system_is_no_count() -> None:
    assert quantity_before("US clears possible $88 million ") is None
    assert quantity_before("Rabat a commandé deux milliards ") is None
    assert quantity_before("Rabat a commandé trois ") == 3


def test_a_model_code_with_its_variant_joins_the_name_and_keeps_the_count() -> None:
    found = of_kind(article("US clears missile sale to Morocco", "The State Department approved the sale on Friday."
                            " Rabat requested thirty AIM-120C-8 AMRAAM missiles, with spare parts and training."),
                    "acquisition")
    assert [(f["system"], f["quantity"], f["status"]) for f in found] == [("AIM-120C-8 AMRAAM", 30, "approved")]


def test_a_system_before_a_request_noun_is_its_item() -> None:
    found = of_kind(article("Rocket artillery for the FAR", "US lawmakers cleared Morocco's HIMARS request on Monday."),
                    "acquisition")
    assert [(f["system"], f["supplier"], f["status"]) for f in found] == [("HIMARS", "US", "approved")]


# ---------------------------------------------------------------- the year of the news itself


def _years(title: str, *body: str, dateline: str = "18 novembre 2025") -> dict[str, int | None]:
    text = "\n".join([title, "", dateline, "", *body])
    return {f["system"]: f["year"] for f in of_kind(text, "acquisition")}


def test_a_headline_telling_an_order_dates_it_by_the_article() -> None:
    assert _years("Le Maroc commande dix hélicoptères H225M pour la Gendarmerie royale",
                  "Le contrat a été signé avec Airbus Helicopters.") == {"H225M": 2025}


def test_a_lead_verb_in_the_present_perfect_dates_it_too() -> None:
    assert _years("Drones for the Royal Armed Forces",
                  "Morocco has taken delivery of four Wing Loong II combat drones ordered from China.",
                  dateline="12 January 2025") == {"Wing Loong II": 2025}


def test_no_year_of_the_news_for_what_is_not_done_yet_or_was_done_before() -> None:
    assert _years("Morocco to buy Patriot missiles from the United States",
                  "Talks are under way in Washington.", dateline="3 March 2024") == {"Patriot": None}
    assert _years("Blindés : du nouveau pour les FAR",
                  "Les Forces armées royales vont recevoir un lot de 200 véhicules blindés Cobra II.").get(
                      "Cobra II") is None
    assert _years("Artillerie : le point", "Le Maroc avait commandé 36 canons CAESAR à Nexter.") == {"CAESAR": None}


def test_a_year_the_body_gives_beats_the_year_of_the_news() -> None:
    assert _years("L'armée marocaine a reçu ses premiers canons Caesar",
                  "Ces canons font partie d'une commande de 36 unités passée en 2020 auprès de Nexter.",
                  dateline="20 octobre 2022") == {"Caesar": 2020}


def test_an_undated_article_gives_no_year() -> None:
    assert _years("Le Maroc commande dix hélicoptères H225M", "Le contrat a été signé avec Airbus.",
                  dateline="") == {"H225M": None}


# ---------------------------------------------------------------- an exercise's name gives its year


def test_an_exercise_named_with_its_year_dates_the_month_an_undated_page_gives() -> None:
    short = article("Chebec 25 : fin de l'exercice naval", "Le trente-deuxième exercice militaire conjoint entre le"
                    " Maroc et la France, «Chebec 25», a eu lieu en novembre dernier.")
    full = article("Chergui : les armées de terre s'entraînent", "Le Maroc et la France ont mené l'exercice"
                   " terrestre «Chergui 2025» en octobre.")
    unnamed = article("Exercice naval", "Un exercice militaire conjoint entre le Maroc et la France a eu lieu en"
                      " novembre dernier.")
    assert [(e["date"], e["countries"]) for e in of_kind(short, "event")] == [("2025-11", ["FR"])]
    assert [(e["date"], e["countries"]) for e in of_kind(full, "event")] == [("2025-10", ["FR"])]
    assert of_kind(unnamed, "event") == []


def test_an_adverb_between_auxiliary_and_verb_keeps_the_subject_and_the_seller() -> None:
    text = article("Morocco's tanks, a history", "The Moroccan army had originally purchased 148 T-72 tanks from"
                   " the Belarusian army in 1999.")
    (tanks,) = of_kind(text, "acquisition")
    assert (tanks["supplier"], tanks["quantity"], tanks["year"]) == ("BY", 148, 1999)
    assert partners(text) == {"BY"}


def test_a_designation_written_with_or_without_its_hyphen_is_the_same_system() -> None:
    text = article("Drones turcs pour les FAR", "Selon une lettre spécialisée, le Maroc a acquis une douzaine de"
                   " drones TB-2 conçus par l'entreprise turque Bayraktar Makina.")
    found = of_kind(text, "acquisition")
    assert [(f["system"], f["supplier"], f["manufacturer"]) for f in found] == [("TB-2", "TR", "Baykar")]
    jets = of_kind(article("Jets for Morocco", "Morocco bought 25 F16 Block 72 fighters from the United States."),
                   "acquisition")
    assert [(f["system"], f["quantity"]) for f in jets] == [("F16 Block 72", 25)]


def test_what_a_party_noun_is_said_to_be_takes_its_role() -> None:
    suppliers = article(APERCU, "Les fournisseurs les plus importants du Maroc en matière d'armement sont la France,"
                                " les USA et l'Allemagne.")
    others = article(APERCU, "Les principaux clients de la France sont l'Inde et le Qatar.")
    english = article(OVERVIEW, "Morocco's main arms suppliers are France, the United States and Germany.")
    assert partners(suppliers) == {"FR", "US", "DE"}
    assert partners(others) == set()
    assert partners(english) == {"FR", "US", "DE"}


def test_a_block_or_batch_number_is_no_count() -> None:
    assert quantity_before("Morocco unveils its block 52 ", "en") is None
    assert quantity_before("la livraison du lot 2 ") is None
    assert quantity_before("Morocco unveils its 24 ", "en") == 24
