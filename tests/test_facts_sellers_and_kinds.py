"""A kind of equipment is the system the article names only when the seller fits its maker: '… the Wing
Loong II. Last month, Rabat bought 150 drones from an Israeli firm' are not Wing Loongs; 'Morocco procured
drones from China' are. Counts after the noun ('au nombre de 25'), refurbished vehicles, lost objects and
new lexicon entries. Sentences written for these tests, after the pattern of defence trade pages."""

from __future__ import annotations

from factkit import article, of_kind


def _acquisitions(text: str) -> set[tuple[str, str | None, int | None]]:
    return {(a["system"], a["supplier"], a["quantity"]) for a in of_kind(text, "acquisition")}


def test_drones_from_a_seller_of_another_country_are_not_the_system_named_before() -> None:
    text = article(
        "Morocco buys Chinese drones",
        "By Sam Lee | 4 October 2022",
        "The Royal Moroccan Army has procured advanced military drones from China to bolster its air defence.",
        "Among the systems reportedly purchased was the Wing Loong II unmanned aerial vehicle.",
        "Developed by Chengdu Aircraft Design & Research Institute, the Wing Loong II flies for twenty hours.",
        "Last month, Rabat procured 150 drones from Israeli firm BlueBird Aero Systems for reconnaissance.",
    )
    found = _acquisitions(text)
    assert ("Wing Loong II", "CN", None) in found
    assert ("BlueBird Aero Systems drones", "IL", 150) in found
    assert not any(name == "Wing Loong II" and supplier == "IL" for name, supplier, _ in found)
    assert "Design" not in {name for name, _, _ in found}  # an institute's name, no aircraft


def test_un_nombre_ecrit_apres_le_nom_est_le_compte() -> None:
    text = article("Blindés", "Par Samir Alaoui | 4 mai 2024",
                   "Le Maroc a commandé aux États-Unis des véhicules blindés, au nombre de 25.")
    assert _acquisitions(text) == {("véhicules blindés", "US", 25)}


def test_a_count_written_after_the_noun_is_its_count() -> None:
    text = article("Armour", "By Sam Lee | 4 May 2024", "Morocco ordered armoured vehicles numbering 25 from the US.")
    assert _acquisitions(text) == {("armoured vehicles", "US", 25)}


def test_des_vehicules_remis_a_neuf_ne_sont_pas_livres_par_ce_mot() -> None:
    text = article(
        "Blindés",
        "Par Samir Alaoui | 4 mai 2020",
        "Le royaume aurait commandé auprès des Etats-Unis des véhicules blindés, au nombre de 25.",
        "Il s'agit principalement de voitures blindées de type Hercules M88 remises à neuf.",
    )
    found = of_kind(text, "acquisition")
    assert [(a["system"], a["category"], a["quantity"], a["status"]) for a in found] == [
        ("Hercules M88", "vehicle", 25, "ordered")]


def test_named_radars_and_satellites_are_known() -> None:
    text = article(
        "Radars et satellites",
        "Par Samir Alaoui | 4 mai 2024",
        "Les FAR ont acquis un nouveau radar, le Ground Master 400, fabriqué par le français Thales Group.",
        "En juillet 2024, le Maroc a choisi d'acheter le satellite Ofek 13 d'Israel Aerospace Industries.",
    )
    assert {(name, supplier) for name, supplier, _ in _acquisitions(text)} == {
        ("Ground Master 400", "FR"), ("Ofek 13", "IL")}


def test_a_drone_designed_to_hit_targets_is_built_for_no_one() -> None:
    text = article(
        "Israeli firm opens loitering munition plant in Morocco",
        "By Sam Lee | 4 May 2024",
        "A unit of Israel Aerospace Industries has opened a plant for loitering munitions in Morocco.",
        "The factory near Casablanca will make SpyX loitering munitions.",
        "The Israeli-developed drone is designed to hit tanks, armoured vehicles and bases.",
    )
    assert _acquisitions(text) == set()


def test_une_phrase_finie_par_le_nom_du_systeme_garde_son_objet() -> None:
    text = article("Réception", "Par Samir Alaoui | 4 mai 2024", "Les Forces armées royales ont reçu 36 AH-64E.")
    assert _acquisitions(text) == {("AH-64E", "US", 36)}


def test_a_second_system_listed_in_the_sellers_phrase_is_bought_too() -> None:
    text = article(
        "Israeli arms",
        "By Sam Lee | 4 May 2025",
        "Morocco has also reportedly procured the Barak 8 air defence systems from IAI and Rafael's Spyder.",
    )
    found = {(a["system"], a["manufacturer"]) for a in of_kind(text, "acquisition")}
    assert found == {("Barak 8", "Israel Aerospace Industries"), ("Spyder", "Rafael")}


def test_elle_apres_une_fregate_nommee_est_cette_fregate_transferee_a_sa_date() -> None:
    text = article(
        "La frégate Tarik en chantier",
        "Par Samir Alaoui | septembre 2020",
        "Construite par Naval Group à Lorient, cette Fremm est le second bâtiment de sa série.",
        "Elle avait fait ses premiers essais à la mer le 17 avril 2013, avant d'être transférée à la Marine"
        " marocaine, le 30 janvier 2014.",
    )
    found = of_kind(text, "acquisition")
    assert [(a["system"], a["supplier"], a["year"], a["status"]) for a in found] == [("Fremm", "FR", 2014, "delivered")]


def test_elle_est_la_fregate_nommee_juste_avant_meme_apres_un_autre_achat() -> None:
    text = article(
        "Radar et frégate",
        "Par Samir Alaoui | septembre 2023",
        "Les FAR ont acquis un nouveau radar, le Ground Master 400, commandé en 2019 auprès de Thales.",
        "Construite par Naval Group à Lorient, cette Fremm est le second bâtiment de sa série.",
        "Elle a été transférée à la Marine royale le 28 janvier 2014.",
    )
    found = {(a["system"], a["year"], a["status"]) for a in of_kind(text, "acquisition")}
    assert found == {("Ground Master 400", 2019, "ordered"), ("Fremm", 2014, "delivered")}


def test_providing_morocco_with_equipment_makes_morocco_the_buyer() -> None:
    text = article(
        "Spy satellite deal",
        "By Sam Lee | 1 February 2024",
        "According to foreign reports, Israel Aerospace Industries will provide Morocco with an intelligence"
        " satellite as part of a deal worth about one billion dollars.",
    )
    found = of_kind(text, "acquisition")
    assert [(a["system"], a["supplier"], a["status"]) for a in found] == [("intelligence satellite", "IL", "ordered")]


def test_an_object_with_a_count_and_a_demonym_is_equipment_not_a_buyer() -> None:
    text = article(
        "Drones",
        "By Sam Lee | 1 February 2024",
        "The Moroccan military has received three Israeli-made Heron drones as the country keeps close ties"
        " with Israel.",
    )
    assert {(a["system"], a["supplier"], a["status"]) for a in of_kind(text, "acquisition")} == {
        ("Heron", "IL", "delivered")}
