"""Budget extraction: amounts, years from finance laws, changes and sub-lines."""

from factkit import article, of_kind

TITLE = "Le budget de la défense marocaine en hausse"


def budgets(*body: str) -> set[tuple[int, float, str, str]]:
    return {(f["year"], f["amount"], f["currency"], f["scope"]) for f in of_kind(article(TITLE, *body), "budget")}


def test_decimal_comma_and_finance_law_year():
    found = budgets(
        "Le budget de la Défense nationale atteindra 140,5 milliards de dirhams selon le projet de loi"
        " de finances 2026."
    )
    assert found == {(2026, 140.5e9, "MAD", "total")}


def test_change_is_not_a_budget():
    found = budgets(
        "Le PLF 2026 prévoit un budget de 140 milliards de dirhams pour l'armée.",
        "Le budget est en hausse de 7 milliards de dirhams par rapport à 2025.",
    )
    assert found == {(2026, 140e9, "MAD", "total")}


def test_sub_line_is_not_the_total():
    found = budgets(
        "Le budget de la défense pour 2026 s'élève à 140 milliards de dirhams, dont 20 milliards pour l'investissement."
    )
    assert (2026, 140e9, "MAD", "total") in found
    assert all(scope != "total" for year, amount, _, scope in found if amount == 20e9)


def test_bare_figure_takes_currency_and_attached_year():
    found = budgets(
        "Le budget militaire de 2027 est fixé à 150 milliards de dirhams.",
        "Un budget supérieur à celui de l'année 2026 où 140 milliards avaient été alloués à l'armée.",
    )
    assert (2026, 140e9, "MAD", "total") in found and (2027, 150e9, "MAD", "total") in found


def test_foreign_budget_is_only_a_labelled_comparison():
    text = article(TITLE, "L'Algérie a fixé son budget de défense à 25 milliards de dollars pour 2025.")
    found = [(f["year"], f["amount"], f["scope"], f["country"]) for f in of_kind(text, "budget")]
    assert found == [(2025, 25e9, "comparison", "DZ")]


def test_deal_value_is_not_a_budget():
    text = article("Armement", "Le Maroc a acheté des drones pour une enveloppe militaire de 50 millions de dollars.")
    assert of_kind(text, "budget") == []


def test_envelope_for_another_purpose_is_not_the_total():
    found = budgets(
        "Le gouvernement a réservé une enveloppe de 15 milliards de dirhams pour développer l'industrie"
        " de défense, selon le PLF 2024."
    )
    assert all(scope != "total" for *_, scope in found)


def test_rise_to_is_a_level_not_a_change():
    text = article("Budget", "Morocco's military budget will rise to 157 billion dirhams in 2026, up 18% from 2025.")
    assert [(f["year"], f["amount"]) for f in of_kind(text, "budget")] == [(2026, 157e9)]


def test_each_figure_takes_the_year_written_after_it():
    found = budgets(
        "Le budget de la défense atteindra 157 milliards de dirhams en 2026, contre 133 milliards de dirhams en 2025."
    )
    assert {(y, a) for y, a, *_ in found} == {(2026, 157e9), (2025, 133e9)}


def test_moroccan_press_abbreviation_mmdh():
    found = budgets("Le budget alloué à l'Administration de la Défense nationale s'élève à 124 MMDH pour 2024.")
    assert found == {(2024, 124e9, "MAD", "total")}


def test_allocation_to_the_ministry_and_sub_lines():
    found = budgets(
        "Le projet de loi de finances (PLF) pour l'année 2026 alloue à l'Administration de la Défense"
        " nationale une enveloppe de 157 milliards de dirhams, contre 133 milliards en 2025. Les crédits"
        " d'investissement s'élèvent à 58,5 milliards de dirhams, en hausse de 12 %."
    )
    assert (2026, 157e9, "MAD", "total") in found and (2025, 133e9, "MAD", "total") in found
    assert (2026, 58.5e9, "MAD", "investissement") in found


def test_english_defence_spending():
    text = article(
        "Spending",
        "Defence spending in Morocco is set to reach 133 billion dirhams in 2025, according to the finance bill.",
    )
    assert [(f["year"], f["amount"], f["scope"]) for f in of_kind(text, "budget")] == [(2025, 133e9, "total")]


def facts(*body: str, title: str = TITLE) -> list[tuple[int, float, str, str, str]]:
    return sorted((f["year"], f["amount"], f["currency"], f["scope"], f["country"])
                  for f in of_kind(article(title, *body), "budget"))


def test_the_figure_a_relative_clause_gives_to_another_country_is_theirs():
    found = facts("Malgré la hausse prévue par le PLF 2025, l'effort du Maroc reste en deçà des 25 milliards de"
                  " dollars que l'Algérie consacre à son armée en 2025.")
    assert found == [(2025, 25e9, "USD", "comparison", "DZ")]


def test_an_aside_naming_rabat_does_not_make_the_figure_moroccan():
    found = facts("Neighbouring Algeria, with which Rabat has cut ties, has budgeted about $25 billion for defence"
                  " in 2026.")
    assert found == [(2026, 25e9, "USD", "comparison", "DZ")]


def test_a_region_owns_no_national_budget():
    assert facts("Les dépenses militaires mondiales ont atteint 2 400 milliards de dollars en 2023, selon le SIPRI.") \
        == []


def test_a_sentence_naming_nobody_continues_its_paragraphs_owner():
    found = facts("Le budget de la défense marocaine reste inférieur aux 25 milliards de dollars que l'Algérie a"
                  " votés pour 2025. L'année précédente, le voisin de l'Est avait alloué 21,6 milliards de dollars à"
                  " la défense.")
    assert all(country == "DZ" for *_, country in found) and {a for _, a, *_ in found} == {25e9, 21.6e9}


def test_commitment_total_envelope_and_parts():
    found = facts("Le PLF 2025 fixe à 133,453 milliards de dirhams le montant des dépenses que l'Administration de"
                  " la Défense nationale est autorisée à engager par anticipation.",
                  "Il prévoit aussi une enveloppe globale de 69,6 milliards de dirhams pour l'ADN, comprenant le"
                  " budget général de 58,8 MMDH et 10,8 MMDH provenant des comptes de dépenses sur dotations.")
    assert found == [(2025, 10.8e9, "MAD", "compte de dotation", "MA"), (2025, 58.8e9, "MAD", "budget général", "MA"),
                     (2025, 69.6e9, "MAD", "envelope", "MA"), (2025, 133.453e9, "MAD", "total", "MA")]


def test_comparison_with_last_year_counts_from_the_budget_year():
    found = facts("Le budget de la défense pour 2026 atteint 157,171 milliards de dirhams, contre 133,453 MMDH"
                  " l'an dernier.", title="Défense : le budget marocain")
    assert {(y, a) for y, a, *_ in found} == {(2026, 157.171e9), (2025, 133.453e9)}


def test_a_conversion_shares_the_total_and_a_change_is_never_one():
    found = facts("Le Maroc va allouer 124,7 milliards de dirhams, soit 12,1 milliards de dollars, aux dépenses"
                  " militaires en 2024. La progression atteint près de 5 MMDH.")
    assert found == [(2024, 12.1e9, "USD", "total", "MA"), (2024, 124.7e9, "MAD", "total", "MA")]


def test_the_precise_figure_wins_over_its_rounding():
    found = facts("Le PLF 2025 porte le budget de la défense à 133 milliards de dirhams.",
                  "Le montant exact des dépenses autorisées est fixé à 133 milliards et 453 millions de dirhams pour"
                  " 2025.")
    assert found == [(2025, 133.453e9, "MAD", "total", "MA")]


def test_payment_year_is_not_the_budget_year():
    found = facts("Le projet de loi de finances pour 2026 fixe à 157,171 milliards de dirhams le plafond que"
                  " l'Administration de la Défense nationale peut engager, sur les crédits qui lui seront alloués au"
                  " titre de l'année 2027.")
    assert found == [(2026, 157.171e9, "MAD", "total", "MA")]


def test_english_decimal_point_and_currency_before():
    found = facts("Per article 40 of the 2020 finance bill, the defence administration will commit MAD 110 billion"
                  " to the equipment account, compared to 105.766 billion in 2019.", title="Morocco's defence budget")
    assert found == [(2019, 105.766e9, "MAD", "total", "MA"), (2020, 110e9, "MAD", "total", "MA")]


def test_a_figure_after_a_sub_line_sentence_is_no_total():
    # the sentence before names the operating budget: what follows details it, it is not the budget
    found = budgets(
        "Le projet de loi de finances 2026 fixe le budget de la défense à 150 milliards de dirhams.",
        "Le budget de fonctionnement couvre notamment 900 MDH pour les loyers des casernes. La journée des"
        " réservistes mobilise 45 MDH, pour un coût global de 610 MDH.",
    )
    assert {f for f in found if f[3] == "total"} == {(2026, 150e9, "MAD", "total")}
