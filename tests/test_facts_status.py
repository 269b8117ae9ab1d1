"""What an article says happened to a purchase: approved, ordered or delivered. A request the seller's
government cleared is approved, not bought; a delivery named as a topic or as part of a contract is
still to come; an aircraft "equipped with" a radar receives nothing. Also the words that say what a
party noun is ("restent"), a count the parser hangs as a modifier, and a system spelled out before
its acronym. Sentences written for these tests, after the patterns of DSCA notices and Moroccan
defence news.
"""

from __future__ import annotations

from factkit import article, of_kind, partners


def _acquisitions(text: str) -> list[tuple[str, int | None, str]]:
    return [(f["system"], f["quantity"], f["status"]) for f in of_kind(text, "acquisition")]


def test_a_purchase_morocco_requested_is_approved_once_the_sale_is_cleared() -> None:
    text = article("Washington clears missile sale to Rabat",
                   "The State Department has approved Morocco's request for anti-ship missiles.",
                   "The agency said Morocco requested to buy 12 AGM-84L Harpoon Block II missiles.")
    assert _acquisitions(text) == [("AGM-84L Harpoon Block II", 12, "approved")]


def test_giving_its_approval_is_an_approval_not_a_donation() -> None:
    text = article("Missiles antichars pour les FAR",
                   "Le Département d'État a donné son aval à la demande du Maroc concernant l'achat de 400"
                   " missiles TOW 2A.")
    found = of_kind(text, "acquisition")
    assert [(f["system"], f["supplier"], f["status"]) for f in found] == [("TOW 2A", "US", "approved")]


def test_a_verbless_headline_of_approval_approves_the_sale_after_it() -> None:
    text = article("Armement : feu vert de Washington pour la vente de missiles Stinger au Maroc",
                   "L'annonce a été publiée mardi.")
    assert [(f["system"], f["status"]) for f in of_kind(text, "acquisition")] == [("Stinger", "approved")]


def test_the_arrival_spoken_of_as_a_topic_is_not_a_delivery() -> None:
    text = article("Hélicoptères : les FAR passent commande",
                   "Les Forces armées royales ont commandé six hélicoptères H135 à Airbus.",
                   "L'arrivée des H135 permet aux FAR de remplacer leurs appareils d'entraînement.")
    assert _acquisitions(text) == [("H135", 6, "ordered")]


def test_a_delivery_the_contract_includes_does_not_make_the_order_delivered() -> None:
    text = article("Hélicoptères : les FAR passent commande",
                   "Les Forces armées royales ont commandé six hélicoptères H135 à Airbus.",
                   "Le contrat couvre aussi un ensemble de services, dont la livraison de pièces et la formation"
                   " des pilotes.")
    dated = article("Drones : les premiers exemplaires livrés",
                    "Les FAR ont commandé douze drones Bayraktar TB2 en 2021.",
                    "La livraison des drones a eu lieu en septembre 2021.")
    assert _acquisitions(text) == [("H135", 6, "ordered")]
    assert [f["status"] for f in of_kind(dated, "acquisition")] == ["delivered"]


def test_aircraft_equipped_with_a_radar_receive_nothing() -> None:
    text = article("Morocco's air power", "Last year, Morocco purchased 25 F-16 fighters equipped with a new radar.")
    passive = article("Morocco's air power", "The Royal Moroccan Air Force was equipped with 25 F-16 fighters.")
    assert _acquisitions(text) == [("F-16", 25, "ordered")]
    assert [f["status"] for f in of_kind(passive, "acquisition")] == ["delivered"]


def test_what_morocco_uses_on_its_own_aircraft_is_not_acquired() -> None:
    text = article("Anti-ship missiles for Morocco",
                   "Morocco requested to buy 10 Harpoon missiles, to be used on its “F-16” fighters.")
    assert of_kind(text, "acquisition") == []
    assert [(f["system"], f["status"]) for f in of_kind(text, "prospect")] == [("Harpoon", "negotiating")]


def test_a_count_the_parser_hangs_as_a_modifier_is_still_the_object() -> None:
    text = article("Hélicoptères d'attaque : le rappel",
                   "Les FAR ont déjà commandé, en mars 2019, 24 hélicoptères d'attaque AH-64E Apache, dont six en"
                   " option, des États-Unis.")
    (apache,) = of_kind(text, "acquisition")
    assert (apache["quantity"], apache["year"], apache["supplier"]) == (24, 2019, "US")


def test_suppliers_that_remain_are_suppliers() -> None:
    text = article("Réarmement : les fournisseurs du Maroc",
                   "Les principaux fournisseurs d'armes du Maroc restent la France et les États-Unis.")
    english = article("Who arms Morocco", "Morocco's main arms suppliers remain France and the United States.")
    assert partners(text) == {"FR", "US"}
    assert partners(english) == {"FR", "US"}


def test_a_name_spelled_out_before_its_acronym_is_one_system() -> None:
    text = article("US clears air-to-air missiles for Morocco",
                   "The State Department approved the sale of missiles to Morocco on Friday.",
                   "The kingdom requested to buy up to 40 AIM-120C-8 Advanced Medium Range Air-to-Air Missiles"
                   " (AMRAAM), the agency said.")
    found = of_kind(text, "acquisition")
    assert [(f["system"], f["category"], f["quantity"]) for f in found] == [("AIM-120C-8 AMRAAM", "missile", 40)]


def test_french_aircraft_equipped_with_a_radar_receive_nothing_either() -> None:
    text = article("Chasseurs : le point", "Le Maroc a acheté 25 avions F-16 équipés de radars neufs aux États-Unis.")
    assert _acquisitions(text) == [("F-16", 25, "ordered")]


def test_what_units_already_have_is_not_part_of_the_new_purchase() -> None:
    text = article("Armement : feu vert de Washington pour la vente de missiles Javelin au Maroc",
                   "Ces missiles équiperont les unités d'infanterie des FAR, déjà dotées de missiles TOW.")
    assert [f["system"] for f in of_kind(text, "acquisition")] == ["Javelin"]


def test_the_company_an_order_is_placed_with_is_no_place() -> None:
    text = "\n".join(["Aviation : commande d'hélicoptères", "", "Publié le 14/03/2024", "",
                      "Les Forces armées royales ont commandé six hélicoptères H135 à Airbus Helicopters, a annoncé"
                      " mardi l'industriel."])
    assert [(e["date"], e.get("place")) for e in of_kind(text, "event")] == [("2024-03-12", None)]


def test_what_a_relative_clause_says_morocco_decided_to_buy_is_bought() -> None:
    cleft = article("Hélicoptères : la commande est confirmée",
                    "Au total, ce sont dix nouveaux H225M que les forces armées marocaines ont annoncé acheter.")
    chosen = article("Drones : le choix des FAR",
                     "Ce sont douze drones Akinci que les FAR ont choisi d'acquérir auprès de Baykar.")
    assert _acquisitions(cleft) == [("H225M", 10, "ordered")]
    assert [(f["system"], f["quantity"], f["supplier"]) for f in of_kind(chosen, "acquisition")] == [
        ("Akinci", 12, "TR")]


def test_an_order_placed_by_morocco_with_a_country_s_industry_pairs_them() -> None:
    text = article("Marine royale : un patrouilleur espagnol",
                   "Il s'agit de la plus importante commande passée par le Maroc à l'industrie navale espagnole.")
    assert partners(text) == {"ES"}


def test_not_yet_delivered_keeps_the_order_its_participle_tells():
    found = of_kind(article("Défense : les hélicoptères se font attendre",
                            "Les hélicoptères H145M commandés par le Maroc en 2022 ne sont pas encore livrés."),
                    "acquisition")
    assert [(f["system"], f["status"], f["year"]) for f in found] == [("H145M", "ordered", 2022)]


def test_not_yet_delivered_is_no_delivery():
    found = of_kind(article("Défense : les Rafale se font attendre",
                            "Les premiers avions Rafale ne sont pas encore livrés au Maroc."), "acquisition")
    assert not any(f["status"] == "delivered" for f in found)


def test_close_to_a_purchase_and_a_failure_to_obtain_are_no_purchase() -> None:
    close = article("Morocco's air defence plans", "The Royal Armed Forces were close to the procurement of the"
                                                  " Russian Pantsir-S1 air defence system.")
    failed = article("Morocco's air defence plans", "After the failure to obtain the Russian Pantsir-S1 system,"
                                                   " Rabat is turning elsewhere.")
    for text in (close, failed):
        assert of_kind(text, "acquisition") == [] and partners(text) == set()
