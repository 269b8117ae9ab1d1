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
    found = of_kind(article("US clears AMRAAM sale to Morocco", "The State Department approved the sale on Friday."
                            " Rabat requested thirty AIM-120C-8 AMRAAM missiles, with spare parts and training."),
                    "acquisition")
    assert [(f["system"], f["quantity"], f["status"]) for f in found] == [("AIM-120C-8 AMRAAM", 30, "approved")]


def test_a_system_before_a_request_noun_is_its_item() -> None:
    found = of_kind(article("Rocket artillery for the FAR", "US lawmakers cleared Morocco's HIMARS request on Monday."),
                    "acquisition")
    assert [(f["system"], f["supplier"], f["status"]) for f in found] == [("HIMARS", "US", "approved")]
