"""English clauses as wire copy writes them: a time phrase between subject and verb, a quoted
exercise name before its noun, and the setting of a sentence ("amid tensions with Algeria"), whose
parties belong to the tensions, never to the exercise. Sentences written for these tests, after
the patterns of wire reports on the African Lion drills.
"""

from __future__ import annotations

from factkit import article, of_kind, partners

TITLE = "Joint drills open in southern Morocco"


def test_the_setting_of_an_exercise_gives_its_parties_to_the_tensions() -> None:
    text = article("Morocco, US launch annual drills amid tensions with Algeria",
                   "The United States and Morocco on Monday launched their annual military exercise, amid"
                   " heightened tensions between the kingdom and neighbouring Algeria.",
                   "The exercise gathers some 8,000 troops in the regions of Agadir and Tan-Tan.")
    assert partners(text) == {"US"}


def test_a_time_phrase_between_subject_and_verb_keeps_the_subject() -> None:
    text = article(TITLE, "Morocco and Spain on Tuesday, March 4 began a naval exercise off the coast of Tangier.")
    assert partners(text) == {"ES"}


def test_a_quoted_name_before_exercise_keeps_it_a_noun() -> None:
    text = article(TITLE, "Morocco and the United States opened the “Atlas Shield” exercise on Monday"
                          " near Ben Guerir.")
    assert partners(text) == {"US"}


def test_an_adjective_right_before_drills_keeps_it_a_noun() -> None:
    text = article(TITLE, "Morocco and Spain began joint naval drills on Tuesday off the coast of Tangier.")
    assert partners(text) == {"ES"}


def test_the_option_turned_down_is_not_bought() -> None:
    text = article("Morocco chooses Israeli guns over French Caesar howitzers",
                   "The Royal Moroccan Armed Forces signed a deal with Elbit Systems of Israel to acquire 36 ATMOS 2000"
                   " self-propelled howitzers.")
    found = of_kind(text, "acquisition")
    assert [(f["system"], f["supplier"]) for f in found] == [("ATMOS 2000", "IL")]


def test_an_object_relative_clause_tells_what_morocco_ordered() -> None:
    text = article("Artillery: a troubled contract",
                   "Complaints grew about the Caesar howitzers, which Morocco ordered in 2020.")
    (caesar,) = of_kind(text, "acquisition")
    assert (caesar["system"], caesar["supplier"], caesar["year"]) == ("Caesar", "FR", 2020)


def test_an_acquisition_agreed_with_one_party_is_bought_from_it() -> None:
    text = article("New drones for the FAR", "Morocco signed an agreement with Baykar on Monday to acquire 12 Akinci"
                   " combat drones.")
    found = of_kind(text, "acquisition")
    assert [(f["system"], f["supplier"], f["quantity"]) for f in found] == [("Akinci", "TR", 12)]


def test_a_total_of_such_drones_counts_the_drones_named_before() -> None:
    text = article("Morocco receives first Bayraktar TB2 drones from Turkey",
                   "Morocco has received the first units of Turkey's Bayraktar TB2 drones, local sites reported.",
                   "The Royal Moroccan Armed Forces ordered a total of 13 such drones, according to the reports.")
    found = of_kind(text, "acquisition")
    assert [(f["system"], f["quantity"], f["supplier"]) for f in found] == [("Bayraktar TB2", 13, "TR")]


def test_a_word_inside_a_longer_trigger_is_no_verb_of_its_own() -> None:
    text = "\n".join(["FAR Inspector General receives a high-ranking guest", "", "2021-02-26", "",
                      "The FAR Inspector General received, on Friday at the FAR General Staff in Rabat, Colonel Amadou"
                      " Traore, Vice-President of the Malian Transition, who is on a working visit to the Kingdom of"
                      " Morocco along with a large military delegation."])
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2021-02-26", ["ML"])]


def test_a_system_named_before_a_sale_noun_is_what_is_sold() -> None:
    text = article("Washington approves $410 mn Javelin missile sale to Morocco",
                   "The sale still needs the approval of Congress, officials said.")
    found = of_kind(text, "acquisition")
    assert [(f["system"], f["supplier"], f["status"], f["value"]["amount"]) for f in found] == [
        ("Javelin", "US", "approved", 410_000_000.0)]


def test_the_company_awarded_a_contract_is_the_seller() -> None:
    text = article("Spanish yard wins Moroccan navy order",
                   "Navantia was awarded a contract to build two offshore patrol vessels for the Royal Moroccan Navy.")
    found = of_kind(text, "acquisition")
    assert [(f["system"], f["supplier"], f["quantity"]) for f in found] == [("offshore patrol vessels", "ES", 2)]
    assert partners(text) == {"ES"}


def test_an_unquoted_name_before_exercise_keeps_it_a_noun_and_lists_every_contingent() -> None:
    text = article(TITLE, "The Royal Moroccan Armed Forces opened the Desert Shield exercise with units from"
                          " Senegal, Ghana and Portugal.")
    assert partners(text) == {"SN", "GH", "PT"}


def test_the_countries_including_a_list_stand_for_the_group() -> None:
    text = article(TITLE, "Morocco hosted a joint exercise with troops from several nations, including Tunisia,"
                          " Kenya and Greece.")
    assert partners(text) == {"TN", "KE", "GR"}


def test_a_state_after_a_comma_is_an_apposition_not_a_list() -> None:
    text = article("US clears missile sale to Morocco",
                   "The State Department approved a possible sale of missiles to Morocco, the Pentagon's"
                   " security cooperation agency said on Friday.")
    sold = of_kind(text, "acquisition")
    assert partners(text) == {"US"} and all(f["supplier"] == "US" for f in sold)


def test_a_domain_in_a_list_of_domains_is_no_verb() -> None:
    text = article(TITLE, "The Moroccan armed forces took part in several joint drills in October, including air,"
                          " sea, and land operations with Brazil, Greece, and Portugal.")
    assert partners(text) == {"BR", "GR", "PT"}


def test_a_place_before_the_frame_noun_is_where_the_verb_happens() -> None:
    text = article(TITLE, "The tankers took off from an air base in Bavaria, Germany, for a training"
                          " mission with the Royal Moroccan Air Force.")
    assert partners(text) == set()


def test_a_clause_opened_by_as_without_a_comma_keeps_its_own_parties() -> None:
    text = article("Regional arms race", "Egypt has signed a deal to buy 20 Chinese J-10 fighters as the rivalry with"
                                         " its neighbour Morocco deepens.")
    assert partners(text) == set()


def test_as_before_a_noun_phrase_opens_no_clause() -> None:
    text = article(TITLE, "Morocco has turned to Israel's Elbit Systems as its main artillery supplier, signing a"
                          " deal to buy 36 Atmos 2000 howitzers.")
    assert partners(text) == {"IL"}


def test_engaging_in_an_exercise_holds_it() -> None:
    text = article(TITLE, "Senegal and Morocco engaged in a joint naval exercise on 12 May 2024 off Dakhla.")
    events = of_kind(text, "event")
    assert partners(text) == {"SN"} and [(e["date"], e["countries"]) for e in events] == [("2024-05-12", ["SN"])]


def test_an_unlisted_adjective_after_an_article_keeps_the_noun_a_noun() -> None:
    text = article("Morocco buys transport aircraft", "The Royal Moroccan Air Force signed a landmark contract with"
                                                        " Airbus for four C295 transport aircraft.")
    sold = of_kind(text, "acquisition")
    assert [(f["system"], f["quantity"], f["status"]) for f in sold] == [("C295", 4, "ordered")]


def test_on_the_verge_of_securing_a_contract_is_a_negotiation() -> None:
    text = article("Morocco eyes transport aircraft", "Embraer is on the verge of securing a contract with the Royal"
                                                       " Moroccan Air Force for six KC-390 transport aircraft.")
    assert of_kind(text, "acquisition") == [] and [f["status"] for f in of_kind(text, "prospect")] == ["negotiating"]


def test_both_nations_are_the_two_named_just_before() -> None:
    text = article("Morocco and Senegal review their military ties",
                   "The defence partnership between Morocco and Senegal goes back decades.",
                   "In May 2019, both nations signed a military cooperation agreement in Dakar.")
    assert ("2019-05", ["SN"]) in [(e["date"], e["countries"]) for e in of_kind(text, "event")]


def test_an_adverb_between_subject_and_verb_keeps_the_verb() -> None:
    text = article("Morocco and Jordan sign a defence deal",
                   "Morocco and Jordan first signed the military agreement on March 3, 2018, in Amman.")
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2018-03-03", ["JO"])]


def test_a_lower_case_block_number_is_part_of_the_designation_not_a_veto() -> None:
    text = article("US clears jets for Morocco", "In May 2019, the RMAF's purchase of 12 Lockheed Martin F-16C/D"
                                                  " block 70s was cleared by the US government.")
    assert [(f["system"], f["quantity"], f["status"]) for f in of_kind(text, "acquisition")] == [
        ("F-16C/D", 12, "approved")]


def test_a_ship_class_names_the_ships_and_a_possessive_s_is_no_word() -> None:
    sigma = article("Morocco's navy grows", "The frigate is the second of two Gowind-class corvettes delivered to"
                                            " the Royal Moroccan Navy by French shipbuilder Naval Group.")
    newest = article("Morocco's navy grows", "The Royal Moroccan Navy accepted delivery of Morocco's newest"
                                             " frigate in the port of Brest.")
    assert [(f["system"], f["quantity"]) for f in of_kind(sigma, "acquisition")] == [("Gowind", 2)]
    assert [f["system"] for f in of_kind(newest, "acquisition")] == ["newest frigate"]


def test_the_subject_of_decided_sells_what_the_infinitive_says() -> None:
    # 'has' before a participle is an auxiliary, and the one who decided is the one who sells
    text = article("Washington to sell howitzers to Morocco",
                   "The US State Department has decided to sell 24 M109A7 howitzers to Morocco.")
    found = [(a["system"], a["supplier"], a["quantity"]) for a in of_kind(text, "acquisition")]
    assert found == [("M109A7", "US", 24)]


def test_a_donation_in_an_opening_phrase_keeps_its_donor() -> None:
    # the frame noun sits before the comma that opens the main clause: 'it' is not its recipient
    text = article("More US equipment for Morocco",
                   "Forty trucks will be shipped from the United States to Morocco.",
                   "Following the announcement in May of a US donation of four C-27J Spartan transport aircraft for"
                   " the air force, it is now the turn of the army to receive new trucks.")
    found = [(a["system"], a["supplier"], a["quantity"], a["status"]) for a in of_kind(text, "acquisition")]
    assert ("C-27J Spartan", "US", 4, "donated") in found
    assert ("trucks", "US", 40, "ordered") in found  # trucks are vehicles: the first sentence ships forty


def test_inaugurating_a_foreign_firms_plant_is_industrial_cooperation() -> None:
    # 'inaugurated' lends its subject; 'manufacturing' before 'facility' is no verb; the firm is the partner
    text = article("A new armoured vehicle plant",
                   "Defence Minister Rajnath Singh and Morocco's minister delegate jointly inaugurated Tata"
                   " Advanced Systems' armoured vehicle manufacturing facility near Casablanca on October 2, 2025.")
    assert {(p["country"], p["relation"]) for p in of_kind(text, "partner")} == {("IN", "industry")}
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2025-10-02", ["IN"])]


def test_unveiled_jets_are_delivered_and_a_block_number_is_no_count() -> None:
    text = article("Morocco unveils its block 70 F-16s", "By Sam Lee | June 3, 2025",
                   "The Royal Moroccan Air Force unveiled the first six F-16 Block 70 jets at a ceremony today.")
    found = [(a["system"], a["quantity"], a["status"], a["year"]) for a in of_kind(text, "acquisition")]
    assert found == [("F-16 Block 70", 6, "delivered", 2025)]


def test_a_currency_code_glued_to_an_amount_is_no_designation() -> None:
    text = article("US clears missile sale to Morocco", "The United States has granted approval for the sale of"
                   " Javelin anti-tank missiles worth USD260 million to Morocco.")
    assert [a["system"] for a in of_kind(text, "acquisition")] == ["Javelin"]


def test_a_name_in_apposition_before_a_past_tense_verb_leaves_the_subject_its_subject() -> None:
    # "…, Admiral X, arrived": not a reduced relative ("systems, bought in 2021") whose head is the object
    text = article("Italian envoy in Rabat", "By Sam Lee | June 4, 2025",
                   "Italy’s Defence Attaché for North Africa (DANA), Rear Admiral Marco Bellini, arrived on Tuesday"
                   " in Morocco to discuss military cooperation with senior officials.")
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2025-06-03", ["IT"])]


def test_what_a_request_encompasses_is_what_was_asked_for() -> None:
    text = article("US clears missile sale to Morocco", "The United States has approved the sale of Javelin"
                   " missiles to Morocco.", "Morocco's request encompasses 300 Javelin missiles and 40 launch units.")
    assert [(a["system"], a["quantity"]) for a in of_kind(text, "acquisition")] == [("Javelin", 300)]


def test_the_first_batch_of_counted_drones_names_the_drones() -> None:
    # "the first" can point back ("the first of them"), but not when the phrase counts its own equipment
    text = article("Morocco receives Turkish drones", "By Sam Lee | June 4, 2025",
                   "Last month Morocco took delivery of the first batch of 12 armed drones it bought from Baykar.")
    found = [(a["system"], a["quantity"], a["supplier"], a["status"]) for a in of_kind(text, "acquisition")]
    assert found == [("armed drones", 12, "TR", "delivered")]


def test_an_abbreviated_month_before_its_day_does_not_end_the_sentence() -> None:
    text = article("Pentagon chief in Rabat", "US Defense Secretary Lloyd Austin met Moroccan Defence Minister"
                   " Abdellatif Loudiyi in Rabat on Friday, Oct. 3, 2025, to discuss military cooperation.")
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2025-10-03", ["US"])]


def test_us_written_without_its_last_dot_is_the_united_states() -> None:
    text = article("Pentagon chief in Rabat", "The U.S Secretary of Defense held talks with Morocco's minister"
                   " delegate for national defence in Rabat on Monday, June 2, 2025.")
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2025-06-02", ["US"])]


def test_the_guest_named_after_the_place_of_the_meeting_is_the_object() -> None:
    # "received … in Rabat, Gen. X, Chief of Army Staff of Ghana": a title after the place's comma opens the object
    text = article("Ghanaian army chief in Rabat", "By Sam Lee | June 4, 2025",
                   "The minister delegate for national defence received on Tuesday at his office in Rabat, Gen. Kofi"
                   " Mensah, Chief of Army Staff of Ghana, who is on a working visit to the Kingdom.")
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2025-06-03", ["GH"])]


def test_a_navy_named_like_britains_is_the_one_its_demonym_says() -> None:
    text = article(TITLE, "The Moroccan Royal Navy and the Spanish Navy led a joint maneuver off Tangier"
                          " on June 3, 2025.")
    assert partners(text) == {"ES"}
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2025-06-03", ["ES"])]


def test_a_verb_glued_by_a_hyphen_is_a_compound_adjective() -> None:
    # "led" lends its subject ("the two navies led a joint maneuver"), but "U.S.-led" is no verb
    text = article(TITLE, "The largest U.S.-led military exercise in Africa began on Monday, June 2, 2025 in southern"
                          " Morocco, the Moroccan Royal Armed Forces said.")
    assert [(e["date"], e["countries"]) for e in of_kind(text, "event")] == [("2025-06-02", ["US"])]
