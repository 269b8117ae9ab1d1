"""A sale notified to Congress, told in two steps: first the sale to Morocco with its seller and no
designation, then what 'the deal' holds, each item made in the selling country. The administration
named after its president stands for its state. Sentences written for these tests, after the pattern
of French-language reports on US sales relayed from the wires."""

from __future__ import annotations

from factkit import article, of_kind, partners


def _sale(contents: str) -> str:
    return article(
        "Ventes d'armes",
        "Par Samir Alaoui | 12 décembre 2020",
        "L'administration Biden a transmis un avis au Congrès au sujet de la vente de drones armés au Maroc.",
        contents,
    )


def test_the_administration_named_after_its_president_is_its_state() -> None:
    assert partners(_sale("")) == {"US"}


def test_what_the_deal_holds_is_the_sale_told_just_before() -> None:
    found = of_kind(_sale("Le deal comprend quatre drones MQ-9B fabriqués par General Atomics et des bombes JDAM."),
                    "acquisition")
    assert sorted((a["system"], a["supplier"], a["quantity"]) for a in found) == [
        ("JDAM", "US", None), ("MQ-9B", "US", 4)]


def test_equipment_made_elsewhere_is_not_the_sale_told_before() -> None:
    found = of_kind(_sale("Le deal comprend quatre drones Bayraktar TB2."), "acquisition")
    assert found == []
