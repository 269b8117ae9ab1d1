"""Decoding, cleaning, metadata, duplicates and entity resolution."""

from pathlib import Path

from facts.clean import clean, split_sentences
from facts.load import decode, load
from facts.resolve import canonical_exercises, canonical_names

TEXT = "\n".join(
    [
        "Le Maroc et le Portugal signent un accord naval",
        "le 05/06/2024 à 11h30",
        "Le Maroc et le Portugal ont signé un accord de coopération navale. M. Silva a salué l'accord.",
        "Suivez monsite.ma sur Google News",
        "Laisser un commentaire",
        "Sujets associés : Défense - Marine",
        "Aller plus loin",
        "Le budget de la défense en hausse",
        "Le budget atteindra 140 milliards de dirhams selon le PLF 2026.",
    ]
)


def test_utf8_bom_and_windows_1252():
    text = "Le Maroc achète des hélicoptères"
    assert decode(("\ufeff" + text).encode("utf-8"))[0] == text
    assert decode(text.encode("cp1252"))[0] == text


def test_empty_and_binary_are_skipped_with_a_reason(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 8)
    assert load(tmp_path / "empty.txt").skip_reason == "empty file"
    assert "binary" in (load(tmp_path / "bin.txt").skip_reason or "")


def test_furniture_is_dropped_and_teasers_kept_apart():
    art = clean(TEXT)
    texts = [s.text for s in art.sentences]
    assert not any("Google News" in t or "commentaire" in t or "Sujets" in t for t in texts)
    assert art.title == "Le Maroc et le Portugal signent un accord naval"
    assert art.published == "2024-06-05" and art.source == "monsite.ma"
    sections = {s.text: s.section for s in art.sentences}
    assert sections["Le budget atteindra 140 milliards de dirhams selon le PLF 2026."] == "teaser"
    assert sections["M. Silva a salué l'accord."] == "body"


def test_abbreviation_does_not_end_a_sentence():
    assert split_sentences("M. Esper est arrivé. Il a signé.") == ["M. Esper est arrivé.", "Il a signé."]
    # an abbreviated month followed by its day or year ends no sentence; at the end of one it does
    assert split_sentences("Signé le 3 déc. 2020 à Rabat. Il part en oct. Le 4, rien.") == [
        "Signé le 3 déc. 2020 à Rabat.", "Il part en oct.", "Le 4, rien."]
    # a company's legal form before its ticker ends no sentence; before a new sentence it does
    assert split_sentences("Embraer S.A. (NYSE: ERJ) and Morocco signed. Fincantieri S.p.A. Le contrat suit.") == [
        "Embraer S.A. (NYSE: ERJ) and Morocco signed.", "Fincantieri S.p.A.", "Le contrat suit."]


def test_repeated_block_kept_once():
    body = "Le Maroc a acquis des drones turcs pour ses forces armées dans le cadre d'un contrat."
    art = clean("\n".join(["Titre", body, body, body]))
    assert [s.text for s in art.sentences if s.section == "body"] == [body]
    assert art.repeated_lines == 2


def test_spelling_variants_become_one_entity():
    names = canonical_names(["Abdeltif Loudyi", "Abdeltif Loudyi", "Abdelatif Loudiyi", "Aviv Kochavi", "Aviv Kohavi"])
    assert names["Abdelatif Loudiyi"] == "Abdeltif Loudyi"
    assert names["Aviv Kohavi"] == names["Aviv Kochavi"]
    assert names["Aviv Kochavi"] != names["Abdeltif Loudyi"]
    exercises = canonical_exercises(["African Lion", "Africain Lion", "African Lion 2022", "Africain Lion 2015",
                                     "Flintlock"])
    assert exercises["Africain Lion"] == exercises["African Lion"] == "African Lion"
    assert exercises["Africain Lion 2015"] == "African Lion 2015"  # one exercise, each edition keeps its year
    assert exercises["African Lion 2022"] == "African Lion 2022" and exercises["Flintlock"] == "Flintlock"


def test_a_short_sentence_opening_on_a_date_is_text_not_the_pages_date() -> None:
    # "a été" is a verb: the words left once the date is out make a sentence, not a dateline
    article = clean("Visite d'un chef militaire\nPar Lina K. | 4 juin 2025\n\n"
                    "Le mardi 3 juin 2025, le général Diallo a été reçu à Rabat par l'Inspecteur général des FAR.")
    assert article.published == "2025-06-04"
    assert [s.text[:25] for s in article.sentences if s.section == "body"] == ["Le mardi 3 juin 2025, le "]


def test_a_dateline_of_two_towns_and_a_wire_dates_the_page() -> None:
    article = clean("Thales and Morocco sign a radar deal\n\nPARIS and RABAT, Oct. 23, 2024 /Wire Service/ -- Thales"
                    " and Morocco's National Defence Administration today signed an agreement on radars.")
    assert article.published == "2024-10-23"
