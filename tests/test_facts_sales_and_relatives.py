"""Sales with no system named, relative clauses after a rivalry, and nouns that are also verbs.

Each test is written in our own words after patterns seen in real articles."""

from __future__ import annotations

from tests.factkit import article, of_kind, partners

BYLINE = "By Sam Lee | 4 June 2025"


def _partners(*body: str) -> set[str]:
    return partners(article("Rabat widens its suppliers", BYLINE, "", *body))


def test_arms_sales_from_states_name_suppliers_without_a_system() -> None:
    """'arms sales from Spain and Italy': the trigger itself names the arms."""
    assert _partners("Morocco has lately been reinforcing its navy with more arms sales from Spain and Italy, "
                     "analysts say.") == {"ES", "IT"}


def test_which_after_a_rivalry_refers_to_the_state_just_named() -> None:
    """'the naval race with Morocco, which …': the relative clause is about Morocco, and 'building up'
    is strengthening, not building for someone. The rival stays out."""
    found = _partners("Algeria watches the naval race with Morocco, which has lately been building up its "
                      "arsenal with sales from Italy and Spain.")
    assert found == {"IT", "ES"}


def test_which_after_a_longer_phrase_keeps_the_whole_phrase() -> None:
    """'… vis-à-vis the Algerian army, which is equipped with Russian missiles': the rival's kit,
    never a partner of Morocco."""
    found = _partners("Rabat thinks that buying more weapons will close the gap, putting it in a stronger "
                      "position against the Algerian army, which is equipped with Russian S-400 missiles.")
    assert not found & {"DZ", "RU"}


def test_goods_that_are_not_equipment_make_no_partner() -> None:
    """'buys wheat from France': a purchase, but of nothing military, in no defence sentence."""
    assert _partners("Morocco has been increasing its stocks of wheat with purchases from France and Ukraine.") \
        == set()
    assert _partners("Morocco is buying wheat from France this year.") == set()


def test_a_noun_after_a_common_noun_is_no_verb() -> None:
    """'floats out patrol ship ordered by Morocco': 'ship' is the vessel, not the verb 'to ship'."""
    text = article("Spain's Navantia floats out patrol ship ordered by Morocco", BYLINE, "",
                   "The vessel will join the Royal Moroccan Navy next year.")
    assert "ES" in partners(text)
    shipped = article("Italian yard to ship corvettes to Morocco", BYLINE, "",
                      "Fincantieri will ship two corvettes to the Royal Moroccan Navy in 2026.")
    assert "IT" in partners(shipped)
    assert any(f["quantity"] == 2 for f in of_kind(shipped, "acquisition"))


def test_a_verb_phrase_with_its_own_noun_takes_the_complement_as_item() -> None:
    """'a pris livraison de trois corvettes auprès des chantiers néerlandais': 'livraison' belongs to the
    verb 'prendre livraison', and what was received is the phrase after it."""
    text = article("Trois corvettes pour la Marine royale", "Par Lina K. | 3 mars 2024", "",
                   "Le Maroc a pris livraison de trois corvettes auprès des chantiers néerlandais Damen.")
    assert partners(text) == {"NL"}
    [bought] = of_kind(text, "acquisition")
    assert (bought["quantity"], bought["status"], bought["supplier"]) == (3, "delivered", "NL")
