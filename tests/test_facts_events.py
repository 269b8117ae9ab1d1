"""Events and date resolution."""

import datetime as dt

from factkit import article, of_kind

from facts.clean import read_page_dates
from facts.date_resolve import resolve
from facts.dates import ArticleYears, find_dates


def resolved(sentence: str, published: dt.date | None, years: ArticleYears | None = None) -> list[str | None]:
    mentions = find_dates(sentence)
    resolve(mentions, published, years)
    return [m.resolved for m in mentions]


def published_date(lines: list[str]) -> tuple[str | None, None]:
    return read_page_dates(lines).published, None


def test_weekday_resolves_against_publication_date():
    # Thursday 14 January 2021: "mardi" is Tuesday the 12th
    assert resolved("La rencontre a eu lieu mardi à Rabat.", dt.date(2021, 1, 14)) == ["2021-01-12"]


def test_weekday_and_day_without_year_takes_the_year_the_article_fixes():
    # Saturday 5 April: 2025, 2014, 2008… — a year in the title fixes it; nothing else does
    assert resolved("Il est arrivé samedi 5 avril à Rabat.", None, ArticleYears(title=(2025,))) == ["2025-04-05"]
    assert resolved("Il est arrivé samedi 5 avril à Rabat.", None) == [None]
    assert resolved("Il est arrivé samedi 5 avril à Rabat.", None, ArticleYears(body=(2010,))) == [None]


def test_dates_of_one_article_stay_together():
    # 2 October is a Friday in 2026 and in 2020: the other date of the article decides
    assert resolved("Parti le 28 septembre 2020, il a signé vendredi 2 octobre.", None,
                    ArticleYears(body=(2020,))) == ["2020-09-28", "2020-10-02"]
    # with nothing else in the article, no year
    assert resolved("Il a signé vendredi 2 octobre.", None) == [None]


def test_month_dernier_and_range_and_month_year():
    pub = dt.date(2022, 9, 20)
    assert resolved("effectuée en juillet dernier", pub) == ["2022-07"]
    assert resolved("en visite du 17 au 20 juillet", pub) == ["2022-07-17"]
    assert resolved("depuis décembre 2020", pub) == ["2020-12"]
    assert resolved("le 24 novembre 2021", pub) == ["2021-11-24"]
    assert resolved("Fin juin, des observateurs", pub) == ["2022-06"]


def test_day_number_is_not_read_from_words():
    assert resolved("Le Maroc a réceptionné mardi trois drones.", dt.date(2024, 11, 14)) == ["2024-11-12"]


def test_publication_date_formats():
    assert published_date(["Titre", "14 janvier 2021 - 15h20 - Maroc - Ecrit par : X"])[0] == "2021-01-14"
    assert published_date(["Titre", "le 05/06/2024 à 11h30"])[0] == "2024-06-05"
    assert published_date(["Titre", "corps", "Publié le 12/03/2025"])[0] == "2025-03-12"
    assert (
        published_date(
            [
                "Un long texte qui cite le 3 mars 2020 au milieu d'une phrase et continue encore"
                " bien plus loin que ce que ferait une ligne de métadonnées dans un article de presse"
                " en ligne ordinaire."
            ]
        )[0]
        is None
    )


def test_event_with_people_place_and_type():
    text = article(
        "Le Maroc et l'Inde renforcent leurs liens",
        "Publié le 20/03/2025",
        "Le ministre indien de la Défense, Rajnath Singh, a rencontré mardi à Rabat le ministre marocain"
        " Abdellatif Loudiyi.",
    )
    (event,) = of_kind(text, "event")
    assert event["date"] == "2025-03-18" and event["countries"] == ["IN"]
    assert event["type"] == "meeting" and event["place"] == "Rabat"
    assert "Rajnath Singh" in event["people"]


def test_agreement_during_a_visit_is_an_agreement():
    text = article(
        "Coopération",
        "Le Maroc et le Brésil ont signé un accord de défense le 3 mai 2023 lors de la visite du ministre brésilien.",
    )
    (event,) = of_kind(text, "event")
    assert (event["type"], event["date"], event["countries"]) == ("agreement", "2023-05-03", ["BR"])


def test_exercise_name_and_month_precision():
    text = article(
        "Exercice",
        "En juin 2024, des soldats espagnols ont participé avec les FAR à l'exercice militaire « African Lion 2024 ».",
    )
    (event,) = of_kind(text, "event")
    assert (event["type"], event["date"], event["name"]) == ("exercise", "2024-06", "African Lion 2024")


def test_event_without_morocco_is_not_recorded():
    text = article(
        "Tunisie", "Le ministre américain a signé mercredi 30 septembre un accord militaire avec la Tunisie."
    )
    assert of_kind(text, "event") == []


def test_received_by_is_a_meeting():
    text = article("Visite", "3 avril 2024 - 09h40", "Le ministre français des Armées a été reçu mercredi à Rabat par"
                   " son homologue marocain.")
    (event,) = of_kind(text, "event")
    assert (event["type"], event["date"], event["countries"]) == ("meeting", "2024-04-03", ["FR"])


def test_the_kings_name_is_not_a_system():
    text = article("Défense", "Sous le leadership du Roi Mohammed VI, le Maroc a acquis de nouveaux équipements.")
    assert of_kind(text, "acquisition") == []


def test_one_visit_told_by_month_and_by_day_is_one_event():
    text = article("Visite", "20 septembre 2022 - 07h20",
                   "La visite au Maroc du chef d'état-major israélien, Aviv Kochavi, effectuée en juillet dernier a été"
                   " fructueuse.",
                   "Le chef d'état-major israélien était en visite au Maroc du 17 au 20 juillet.")
    (event,) = of_kind(text, "event")
    assert event["date"] == "2022-07-17" and "Aviv Kochavi" in event["people"]


def test_dateline_gives_the_publication_date():
    assert published_date(["Titre", "RABAT, le 3 février 2026 – Le Maroc a signé un accord."])[0] == "2026-02-03"


def test_exercise_name_is_not_a_person():
    text = article("Exercice", "Publié le 14/11/2024", "Le Maroc et les États-Unis ont mené l'exercice African Lion du"
                   " 20 mai au 7 juin 2024 à Agadir.")
    (event,) = of_kind(text, "event")
    assert (event["date"], event["place"], event["people"]) == ("2024-05-20", "Agadir", [])


def test_byline_and_english_date_lines():
    assert published_date(["Titre", "Par Jean Dupont - 12 mars 2025"])[0] == "2025-03-12"
    assert published_date(["Title", "By John Smith | March 12, 2025"])[0] == "2025-03-12"
    assert published_date(["Title", "Tuesday, March 11, 2025"])[0] == "2025-03-11"


def test_exercise_named_with_baptise():
    text = article("Exercice", "Mardi 14 mai 2024", "La Marine royale et l'Armada espagnole ont mené du 6 au 10 mai un"
                   " exercice conjoint au large de Tanger, baptisé « Gazelle 2024 ».")
    (event,) = of_kind(text, "event")
    assert (event["date"], event["type"], event["countries"], event["name"]) == (
        "2024-05-06", "exercise", ["ES"], "Gazelle 2024")


def test_partner_named_in_the_sentence_before():
    text = article("Visite", "Publié le 14/11/2024", "Le ministre israélien de la Défense est arrivé au Maroc pour une"
                   " visite officielle. Il a signé mardi à Rabat un accord de coopération avec son homologue marocain.")
    events = {(e["date"], e["type"], tuple(e["countries"])) for e in of_kind(text, "event")}
    assert ("2024-11-12", "agreement", ("IL",)) in events


def test_no_carry_over_across_paragraphs():
    text = article("Visite", "Publié le 14/11/2024", "Le ministre israélien de la Défense est arrivé au Maroc.",
                   "Il a signé mardi un accord avec le Maroc.")
    assert of_kind(text, "event") == []


def test_an_undated_page_dates_its_exercise_by_the_year_in_the_exercise_name():
    text = article("Manœuvres maroco-portugaises",
                   "Les forces armées marocaines et portugaises mènent depuis le 6 octobre dernier des exercices"
                   " conjoints.",
                   "Ces manœuvres baptisées «Atlas Breeze 2023» se poursuivront jusqu'au 20 octobre.")
    found = [(e["date"], e["countries"]) for e in of_kind(text, "event")]
    assert ("2023-10-06", ["PT"]) in found


def test_a_dispatch_dateline_does_not_hide_the_date_the_sentence_gives():
    text = article("Le Maroc et le Ghana signent un accord militaire",
                   "Accra, 14 juin 2025 (GNA)- Le ministre d'État ghanéen, ministre de la Défense, Kwame Boateng et le"
                   " ministre délégué chargé de l'Administration de la Défense nationale du Maroc, Abdeltif Loudiyi,"
                   " ont procédé le mercredi 11 juin 2025 à Rabat, à la signature d'un accord de coopération militaire"
                   " entre les deux pays.")
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2025-06-11", ["GH"])]


def test_the_year_an_exercise_name_writes_beats_the_year_of_the_page():
    # a preview published in December 2023: the exercise's name, unquoted, says which July it is
    text = article("Les FAR préparent l'exercice African Lion", "Par Karim T. le 12/12/2023 à 10h00",
                   "Les manœuvres African Lion 2024 réuniront les FAR et les forces américaines du 17 au 26 juillet"
                   " dans la région d'Agadir.")
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2024-07-17", ["US"])]


def test_an_undated_approval_takes_the_date_its_announcement_gives():
    text = article("US clears helicopter sale to Morocco", "By Jane Roe | March 12, 2025",
                   "The State Department has approved the possible sale of 12 AH-1Z Viper helicopters to Morocco.",
                   "The Defense Security Cooperation Agency announced the decision in a statement on Tuesday.")
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2025-03-11", ["US"])]
    # told in the pluperfect, the approval is older than the statement: no date
    older = text.replace("has approved", "had approved")
    assert of_kind(older, "event") == []


def test_ships_and_units_of_a_state_taking_part_make_it_a_party_beside_the_leader():
    ships = article("La Marine royale en exercice", "Par Karim T. le 12/12/2021 à 10h00",
                    "Des navires marocains et italiens avaient pris part, du 29 novembre au 3 décembre, à l'exercice"
                    " naval Sea Shield 21, au large de Tanger.")
    assert [(e["date"], e["countries"]) for e in of_kind(ships, "event")] == [("2021-11-29", ["IT"])]
    # a known exercise led by the US: its leader beside the units that take part, in one event
    units = article("Les FAR à l'exercice", "Par Karim T. le 02/05/2024 à 10h00",
                    "Les manœuvres African Lion 2024 réunissent les FAR et les forces du Ghana du 20 au 31 mai.")
    assert [(e["date"], e["countries"]) for e in of_kind(units, "event")] == [("2024-05-20", ["GH", "US"])]


def test_a_site_name_with_a_preposition_set_apart_from_the_date_is_a_byline():
    assert published_date(["Titre", "Le Courrier de l'Atlas — 2025-09-03"])[0] == "2025-09-03"
    assert published_date(["Titre", "La Gazette de Fès | 3 mars 2025"])[0] == "2025-03-03"
    assert published_date(["Titre", "Visite de travail le 3 mars 2025"])[0] is None  # running text, no byline
