"""Events on reports from any war, in our own words: what happened is kept even where the gazetteer lacks the
village, and who claims a deed is its doer."""

from __future__ import annotations

from frontwatch.analyze import analyze
from frontwatch.gazetteer import normalize


def test_an_event_in_a_village_no_gazetteer_knows_is_kept_without_coordinates(tmp_path) -> None:
    notes = tmp_path / "notes.jsonl"
    notes.write_text(
        '{"id": "a", "text": "On 3 April 2023, rioters beat a suspected thief to death in Ngumbakoro village."}\n'
        '{"id": "b", "text": "On 5 April 2023, soldiers shelled a rebel camp near Hama, killing four fighters. '
        'Later a patrol was ambushed, officials said."}\n', encoding="utf-8")
    picture = analyze([str(notes)], tmp_path / "s.db", None).picture
    source = {d.id: d.source_id for d in picture.documents}
    by_note: dict[str, list] = {}
    for event in picture.events:
        for doc in event.sources:
            by_note.setdefault(source[doc], []).append(event)
    unplaced = by_note["a"]
    assert [e.sub_event_type for e in unplaced] == ["Mob violence"]
    assert unplaced[0].place is None and unplaced[0].lat is None and unplaced[0].date.start == "2023-04-03"
    # beside a located event, an unlocated sentence stays a claim, not a second event
    assert all(e.place is not None for e in by_note["b"])


def test_the_doer_of_a_happening_told_again_and_of_a_fired_weapon_is_found() -> None:
    texts = ["On 9 May 2024, Russian forces shelled Kupiansk. The shelling of Kupiansk and Kivsharivka wounded four "
             "civilians.",
             "On 12 May 2024, Houthi forces fired artillery shells at government positions near Marib."]
    first, second = _analyses(texts)
    assert {e.actor1 for e in first.events} == {"military-ru"}
    assert [e.actor1 for e in second.events] == ["houthis"]



def test_a_town_named_with_its_province_is_one_event_at_the_town() -> None:
    from frontwatch.extract.document import analyse_documents
    from frontwatch.ingest.documents import make_document
    from frontwatch.model import RawDocument

    text = "On 4 March 2023, nurses protested in Aktau city of Mangystau region over pay."
    doc = make_document(RawDocument(source_id="k", cleaned=True, text=text))
    events = next(analyse_documents([doc])).events
    assert [e.sub_event_type for e in events] == ["Peaceful protest"]
    assert events[0].geo_precision == 1 and events[0].place == next(
        p.place.id for p in next(analyse_documents([doc])).places if p.mention.text == "Aktau")


def test_who_seizes_a_person_says_what_it_is() -> None:
    from frontwatch.extract.document import analyse_documents
    from frontwatch.ingest.documents import make_document
    from frontwatch.model import RawDocument

    texts = ["On 3 May 2023, in Cusco, residents captured and beat up a robber in the market.",
             "Property destruction: On 4 May 2023, in Lyon, unknown persons broke the windows of a party office."]
    docs = [make_document(RawDocument(source_id=f"p{i}", text=t, cleaned=True)) for i, t in enumerate(texts)]
    mob, damage = analyse_documents(docs)
    assert [(e.sub_event_type, e.actor1) for e in mob.events] == [("Mob violence", "rioters-pe")]
    assert [(e.sub_event_type, e.actor1) for e in damage.events] == [("Looting/property destruction", "uag-fr")]


def _doers(texts: list[str]) -> list[list[tuple[str | None, str | None]]]:
    return [[(e.actor1, e.actor2) for e in events] for events in _events(texts)]


def test_the_doer_is_found_where_the_trigger_word_has_no_subject_of_its_own() -> None:
    texts = [
        # a participle shares its clause's subject
        "On 2 June 2024, Russian troops pressed on towards Vovchansk, clashing with Ukrainian forces on the way.",
        # the weapon is the verb's: the one who targets with a bomb did it
        "On 7 June 2024, BLA militants targeted a police convoy with a roadside bomb near Turbat.",
        # unnamed militants named in brackets are that group
        "On 9 June 2024, militants (believed to be TTP) fired rockets at a checkpoint in Bannu.",
        # a state's weapon is its forces'
        "On 11 June 2024, two farmers were killed by a Russian mine near Kherson.",
        # a labelled note's doer is told after its label, not by the label word
        "Looting: On 14 June 2024, Houthi forces stormed and looted a trader's house in Saada.",
    ]
    clash, bomb, rockets, mine, looting = _doers(texts)
    assert clash == [("military-ru", "military-ua")]
    assert bomb and bomb[0][0] == "bla"
    assert rockets and rockets[0][0] == "ttp"
    assert mine == [("military-ru", "civilians-ua")]
    assert looting and looting[0][0] == "houthis"


def test_displaced_people_and_state_measures_take_acled_conventions() -> None:
    texts = ["Displacement: On 3 May 2024, some 400 refugees from Sudan reached Adre in Chad and were registered.",
             "Displacement: On 5 May 2024, 60 residents were evacuated from Pokrovsk, Donetsk.",
             "Security measures: On 6 May 2024, a curfew was imposed on Maiduguri, Borno, after a string of attacks."]
    refugees, evacuated, curfew = _doers(texts)
    assert refugees and refugees[0][0] == "civilians-sd"
    assert evacuated and evacuated[0][0] == "civilians-ua"
    assert curfew and curfew[0][0] == "government-ng"


def test_a_country_people_left_or_that_acts_is_not_where_it_happened() -> None:
    from frontwatch.extract.document import analyse_documents
    from frontwatch.ingest.documents import make_document
    from frontwatch.model import RawDocument

    text = "Displacement: On 8 May 2024, about 300 refugees from Ukraine arrived in Moldova and were registered."
    analysed = next(analyse_documents([make_document(RawDocument(source_id="m", text=text, cleaned=True))]))
    country = {p.place.id: p.place.country for p in analysed.places}
    assert [country[e.place] for e in analysed.events if e.place] == ["MD"]


def _analyses(texts: list[str], published: str | None = None) -> list:
    """Each text analysed as one cleaned document (DocAnalysis, in order)."""
    from frontwatch.extract.document import analyse_documents
    from frontwatch.ingest.documents import make_document
    from frontwatch.model import RawDocument

    docs = [make_document(RawDocument(source_id=f"e{i}", text=t, cleaned=True, published=published))
            for i, t in enumerate(texts)]
    return list(analyse_documents(docs))


def _place_names(analysis) -> dict[str, str]:
    """Place id -> name for one analysed document's places."""
    return {p.place.id: p.place.name for p in analysis.places}


def _events(texts: list[str], published: str | None = None) -> list[list]:
    return [list(analysed.events) for analysed in _analyses(texts, published)]


def test_only_a_state_arrests_and_killing_outranks_looting_and_a_named_victim_counts_one() -> None:
    rsf, police, raid, trader = _events([
        "On 3 May 2024, RSF fighters detained four aid workers in Nyala.",
        "On 3 May 2024, police arrested four aid workers in Nyala.",
        "On 4 May 2024, gunmen killed a shopkeeper in Gao. They also burnt his shop and looted the market.",
        "On 5 May 2024, militiamen killed a trader near Bunia.",
    ])
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in rsf] == [
        ("Abduction/forced disappearance", "rsf", "civilians-sd")]  # an abduction's target: civilians by convention
    assert [e.sub_event_type for e in police] == ["Arrests"]
    assert raid[0].sub_event_type == "Attack" and raid[0].fatalities is not None and raid[0].fatalities.best == 1
    assert [e.fatalities.best for e in trader if e.fatalities] == [1]


def test_a_day_of_the_month_is_no_count_of_the_dead() -> None:
    from frontwatch.extract.document import analyse_documents
    from frontwatch.ingest.documents import make_document
    from frontwatch.model import RawDocument

    text = ("Around 20 February 2022 (as reported), in Zapopan, Jalisco, two men were killed and their bodies were "
            "found in a vacant lot.")
    analysed = next(analyse_documents([make_document(RawDocument(source_id="d", text=text, cleaned=True))]))
    figures = [q.best for c in analysed.claims for q in c.quantities if q.unit == "killed"]
    assert 20 not in figures and 2 in figures



def _happenings(texts: list[str]) -> list[list[tuple[str, str | None]]]:
    """Per text, its events as (sub-type, the name of the event's place)."""
    out = []
    for analysed in _analyses(texts):
        names = _place_names(analysed)
        out.append([(e.sub_event_type, names.get(e.place or "")) for e in analysed.events])
    return out


def _subtypes(texts: list[str]) -> list[list[str]]:
    """Per text, its events' sub-types in order."""
    return [[sub for sub, _ in events] for events in _happenings(texts)]


def test_the_event_is_where_the_crowd_acted_not_what_it_backs_or_protests_about() -> None:
    backing, cause, similar, coded, withdrew = _happenings([
        "On 9 March 2023, traders in Kassala gathered outside the governor's office in support of strikes in Port "
        "Sudan and Atbara.",
        "On 2 June 2023, students rallied outside the state assembly in Kaduna in a march against the killings of "
        "farmers in Zamfara.",
        "On 5 May 2023, nurses marched in Bamako. The nurses who took part in similar protests in Sikasso were "
        "not paid.",
        "On 4 April 2023, gunmen raided a hamlet (coded to Birnin Gwari, Kaduna), opened fire and then withdrew.",
        "Russian forces withdrew from Kherson on 11 November 2022.",
    ])
    assert backing == [("Peaceful protest", "Kassala")]  # the strikes it backs are elsewhere
    assert [name for _, name in cause] == ["Kaduna"]  # not where the killings it protests were
    assert similar == [("Peaceful protest", "Bamako")]  # the similar protests are another happening
    assert coded == [("Attack", "Birnin Gwari")]  # the coder's place; withdrawing ends the raid
    assert withdrew == [("Non-violent transfer of territory", "Kherson")]  # "Kherson" read as a person's name
    [after_shelling] = _happenings(["Russian troops withdrew from Kherson after weeks of shelling."])
    assert after_shelling[0] == ("Non-violent transfer of territory", "Kherson")  # the shelling hangs off it


def test_labelled_notes_shootouts_and_named_weapons_give_their_events_where_they_were() -> None:
    vote, drive, shootout, grad, origin = _happenings([
        "Elections/referendum: On 9 October 2023, voters in Monrovia went to the polls in general elections.",
        "Recruitment: On 3 March 2023, a militia held a recruitment meeting in Goma (Nyiragongo, Nord-Kivu).",
        "On 4 July 2023, in Port-au-Prince, a shoot-out between police and gang members took place.",
        "On 2 May 2023, Russian forces fired 'Grad' rockets at residential blocks in Kharkiv.",
        "On 6 June 2023, gunmen from Zamfara clashed with soldiers in Tsauna village (Gassol, Taraba).",
    ])
    assert vote == [("Other", "Monrovia")]
    assert drive == [("Change to group/activity", "Goma")]
    assert shootout == [("Armed clash", "Port-au-Prince")]
    assert grad[0] == ("Shelling/artillery/missile attack", "Kharkiv")  # no Grad in Slovenia
    assert [name for _, name in origin] == ["Gassol"]  # where the village lies, not where the gunmen came from


def test_offers_and_suspended_talks_are_developments_that_merge_across_outlets(tmp_path) -> None:
    reports = tmp_path / "reports.jsonl"
    reports.write_text(
        '{"id": "a", "outlet": "Gulf Wire", "published": "2024-12-02", "text": "On 2 December 2024, Iran offered '
        'military support to the Syrian government in Damascus, its foreign minister said."}\n'
        '{"id": "b", "outlet": "Levant Daily", "published": "2024-12-02", "text": "Iran offered Damascus military '
        'support on 2 December 2024 as rebels advanced, according to officials in Damascus."}\n'
        '{"id": "c", "outlet": "Nile Post", "published": "2023-05-04", "text": "On 4 May 2023, the army suspended '
        'talks with the RSF in Jeddah."}\n'
        '{"id": "d", "outlet": "Nile Post", "published": "2023-05-05", "text": "On 5 May 2023, mourners offered '
        'condolences to the families in Omdurman."}\n', encoding="utf-8")
    picture = analyze([str(reports)], tmp_path / "s.db", None).picture
    source = {d.id: d.source_id for d in picture.documents}
    names = {p.id: p.name for p in picture.places}
    developments = [(sorted(source[d] for d in e.sources), e.sub_event_type, names.get(e.place or ""))
                    for e in picture.events if e.event_type == "Strategic developments"]
    assert (["a", "b"], "Other", "Damascus") in developments  # one offer, told by two outlets
    assert (["c"], "Other", "Jeddah") in developments
    assert not [d for d in developments if "d" in d[0]]  # condolences are no development


def test_words_that_name_a_happening_only_in_some_uses_are_gated_by_what_they_bear_on() -> None:
    road, stones, mine, banners, sniper = _happenings([
        "On 2 March 2023, fishermen cut the road to the harbour in Hodeidah to denounce fuel shortages.",
        "On 5 April 2023, settlers threw stones at cars near Huwara, damaging several windows.",
        "On 7 May 2023, a shepherd was hit by an anti-personnel mine near Tal Afar.",
        "On 9 June 2023, teachers held a press conference with banners outside the ministry in Kinshasa.",
        "On 11 July 2023, sniper fire targeted a woman crossing a street in Taiz.",
    ])
    assert [(kind, normalize(name or "")) for kind, name in road] == [("Peaceful protest", "al hudaydah")]
    assert stones and stones[0][0] in {"Violent demonstration", "Mob violence"}
    assert [(kind, normalize(name or "")) for kind, name in mine] == [("Remote explosive/landmine/IED", "tall afar")]
    assert banners == [("Peaceful protest", "Kinshasa")]
    assert sniper and sniper[0] == ("Attack", "Taiz")
    assert _happenings([
        "On 3 March 2023, the company cut prices at its gold mine near Kolwezi.",
        "On 4 March 2023, the minister held a press conference in Kinshasa on the budget.",
        "On 5 March 2023, police took away their phones in Lagos.",
        "On 5 March 2023, police took it away from a shop in Lagos.",
    ]) == [[], [], [], []]
    taken, = _happenings(["On 6 March 2023, in Kidal, soldiers took away in a truck the head of the village council."])
    assert taken == [("Abduction/forced disappearance", "Kidal")]


def test_acled_city_parts_after_a_dash_place_the_event_in_that_part_or_in_the_city() -> None:
    diepsloot, taiz = _happenings([
        "On 8 April 2023, residents protested outside a police station in Johannesburg - Diepsloot (Gauteng).",
        "On 13 April 2023, sniper fire killed a woman in Taizz - Usayfarah (Al Qahirah).",
    ])
    assert diepsloot == [("Peaceful protest", "Diepsloot")]
    assert taiz and taiz[0][1] == "Taiz"  # the part is unknown: the city, not Cairo (Al Qahirah) named after it


def test_words_inside_a_coders_tag_report_no_happening() -> None:
    rape, march = _happenings(["On 14 May 2023, militiamen raped two girls in Bangassou. [women targeted: girls]",
                               "On 8 March 2023, women marched in Bamako for equal pay. [women targeted: girls]"])
    assert rape == [("Sexual violence", "Bangassou")]
    assert march == [("Peaceful protest", "Bamako")]


def test_where_the_doers_of_a_named_happening_work_is_not_where_it_happened() -> None:
    rally, = _happenings(["On 2 March 2023, former workers of Sisli municipality staged a demonstration outside a "
                          "party office in Cankaya, Ankara, over their dismissals."])
    assert [name for _, name in rally] == ["Çankaya"]


def test_a_sentence_without_a_place_of_its_own_is_told_where_the_story_is() -> None:
    encounter, locality, region = _happenings([
        "On 2 March 2023, an encounter between troops and rebels took place in Catubig (Northern Samar).",
        "On 8 May 2023, soldiers raided a camp in Bunia (Ituri) and militiamen attacked a market in Komanda. Hours "
        "later, gunmen ambushed a convoy in the area.",
        "On 4 April 2023, herders protested at the park gate [coded as a hamlet (Mukwe, Kavango East)].",
    ])
    assert encounter == [("Armed clash", "Catubig")]  # "encounter": a clash, as reports in South Asia name it
    assert [name for _, name in locality] == ["Bunia", "Komanda", "Komanda"]  # two happenings, then the last
    # sentence at the place the paragraph last told of (two towns: no story place)
    assert [name for _, name in region] == ["Kavango East"]  # the only place the story names: its province


def test_a_fight_that_wins_ground_is_the_taking() -> None:
    retaken, overrun, crowd = _happenings([
        "On 5 May 2023, Sudanese army troops clashed with RSF fighters and retook the town of Bara.",
        "On 9 June 2023, M23 rebels fought the army in Kitshanga and captured the town.",
        "On 3 April 2023, students protested in Nakuru and stormed the county offices.",
    ])
    assert [sub for sub, _ in retaken] == ["Government regains territory"]
    assert [sub for sub, _ in overrun] == ["Non-state actor overtakes territory"]
    assert crowd[0][0] == "Violent demonstration"  # a crowd storming offices takes no ground


def test_people_who_are_no_armed_force_clash_as_a_mob_and_armed_men_as_a_battle() -> None:
    factions, crowd, marchers, battle, gangs = _happenings([
        "On 3 May 2023, supporters of two rival candidates clashed outside the town hall in Jessore.",
        "On 8 May 2023, clashes erupted between settlers and villagers near Nablus.",
        "On 9 May 2023, students clashed with police while demonstrating against fees in Nairobi.",
        "On 5 June 2023, soldiers clashed with militants near Kidal.",
        "On 6 June 2023, there was an armed clash between members of two gangs in Mixco.",
    ])
    assert [sub for sub, _ in factions] == ["Mob violence"]  # a battle needs an organised armed group on a side
    assert [sub for sub, _ in crowd] == ["Mob violence"]
    assert [sub for sub, _ in marchers] == ["Violent demonstration"]  # demonstrators who turn violent
    assert [sub for sub, _ in battle] == ["Armed clash"]
    assert [sub for sub, _ in gangs] == ["Armed clash"]


def test_a_detention_whose_victim_vanished_is_a_forced_disappearance() -> None:
    vanished, held = _happenings([
        "On 3 May 2023, police arrested a journalist in Herat. His whereabouts remain unknown.",
        "On 3 May 2023, police arrested a journalist in Herat. He was released on bail.",
    ])
    assert [sub for sub, _ in vanished] == ["Abduction/forced disappearance"]
    assert [sub for sub, _ in held] == ["Arrests"]


def test_shooting_at_forces_or_gang_members_is_a_battle_not_violence_against_civilians() -> None:
    police, gang, staff = _events([
        "On 8 May 2023, gunmen fired at policemen guarding a vaccination team in Bannu, killing two of them.",
        "On 9 May 2023, unknown men shot dead a suspected MS-13 member near San Miguel. 1 fatality.",
        "On 9 May 2023, unknown men shot dead a government employee and her two sons in Kabul.",
    ])
    assert {e.sub_event_type for e in police} == {"Armed clash"}
    assert {e.sub_event_type for e in gang} == {"Armed clash"}  # the toll's sentence is the same fight
    assert {e.sub_event_type for e in staff} == {"Attack"}  # a government's staff are civilians


def test_a_demonstration_told_by_any_word_is_violent_when_its_crowd_burns_things() -> None:
    ablaze, machines, blocked = _happenings([
        "On 17 May 2023, dozens of dock workers blocked the access to the port of Le Havre by setting pallets ablaze.",
        "On 2 June 2023, youths demonstrated and burnt miners' machines near Obuasi in a demonstration against mining.",
        "On 17 May 2023, dozens of dock workers blocked the access to the port of Le Havre.",
    ])
    assert [sub for sub, _ in ablaze] == ["Violent demonstration"]  # "blocked": a word many kinds share
    assert [sub for sub, _ in machines] == ["Violent demonstration"]  # a possessive between the verb and its object
    assert [sub for sub, _ in blocked] == ["Peaceful protest"]


def test_a_blocked_road_is_placed_at_the_end_the_text_places_it_at() -> None:
    road, coded, town = _events([
        "On 3 May 2023, truck drivers blocked the road from Kaduna to Abuja over fuel prices.",
        "On 3 May 2023, cattle herders blocked the road linking Nioro to Diema (Diema, Kayes) in protest against "
        "rising fodder prices.",
        "On 4 May 2023, hundreds of traders blocked the main road in Kaduna over a market levy."])
    assert [(e.place, e.geo_precision) for e in road] == [("gn2335727", 2)]  # Kaduna: on the road near it
    assert [e.place for e in coded] == ["gn2458881"]  # Diéma, the end the note codes it to, not the first
    assert [(e.place, e.geo_precision) for e in town] == [("gn2335727", 1)]  # in Kaduna itself


def test_the_sides_of_a_happening_told_through_its_victims_are_found() -> None:
    assert _doers(["On 3 May 2023, two soldiers were killed in a clash with Al Shabaab militants near Baidoa.",
                   "On 3 May 2023, three villagers were killed in an attack by Al Shabaab militants near Baidoa.",
                   "On 3 May 2023, a Houthi sniper shot and killed a farmer in Qataba."]) == [
        [("al-shabaab", "military-so")],  # both sides
        [("al-shabaab", "civilians-so")],  # "an attack by"
        [("houthis", "civilians-ye")]]  # "sniper shot" read as a compound by the parser: still the Houthis'


def test_a_place_named_for_an_office_holder_is_not_where_it_happened_unless_no_other_is_named() -> None:
    texts = ["On 3 May 2023, gunmen ambushed a car carrying the mayor of Goma near Rutshuru.",
             "On 3 May 2023, bodyguards of a Bukavu district MP fired at protesters in Uvira.",
             "On 4 May 2023, gunmen shot dead the mayor of Goma.",  # the model's PERSON: a mayor governs a place
             "On 4 May 2023, traders protested outside the Bukavu governor's residence."]
    where = [[name for _, name in events] for events in _happenings(texts)]
    assert where == [["Rutshuru"], ["Uvira"], ["Goma"], ["Bukavu"]]


def test_a_named_group_is_the_doer_behind_its_members_titles_and_it_attacks_rather_than_riots() -> None:
    vice, beaten, brawl, label = _events([
        "On 3 May 2023, the vice president of the local Proud Boys chapter attacked a man outside a bar in Akron.",
        "On 4 May 2023, Imbonerakure attacked and beat a prisoner in the prison of Ngozi.",
        "On 5 May 2023, unidentified assailants attacked and vandalised the house of a journalist in Khulna.",
        "Defusal: On 6 May 2023, in Medellin, police officers deactivated an explosive device left in a restaurant.",
    ])
    assert vice and vice[0].actor1 == "proud-boys"  # the group's man, not the United States government
    assert [(e.sub_event_type, e.actor1) for e in beaten] == [("Attack", "imbonerakure")]
    assert [e.sub_event_type for e in brawl] == ["Mob violence"]  # nobody named: a mob, as ACLED codes it
    assert [(e.sub_event_type, e.actor1) for e in label] == [("Disrupted weapons use", "police-co")]


def test_a_drone_or_jet_shot_down_is_disrupted_weapons_use_by_those_who_shot_it() -> None:
    drone, jet, defences, shooting = _events([
        "On 3 May 2024, Houthi forces shot down a US MQ-9 Reaper drone over Marib.",
        "On 4 May 2024, Ukrainian forces shot down a Russian Su-34 jet near Pokrovsk.",
        "On 5 May 2024, air defences intercepted 12 Russian drones over Kyiv.",
        "On 5 May 2024, a gunman shot dead two men in Kano.",
    ])
    assert [(e.sub_event_type, e.actor1) for e in drone] == [("Disrupted weapons use", "houthis")]
    assert [(e.sub_event_type, e.actor1) for e in jet] == [("Disrupted weapons use", "military-ua")]
    assert [(e.sub_event_type, e.actor1) for e in defences] == [("Disrupted weapons use", "military-ua")]
    assert [e.sub_event_type for e in shooting] == ["Attack"]


def test_a_place_said_to_lie_in_another_is_one_event_at_the_finer_place() -> None:
    texts = ["On 3 May 2024, the RSF shelled the Abu Shouk camp in El Fasher, killing 15 displaced people.",
             "On 4 May 2024, the army said it had recaptured the town of Bara in North Kordofan from the RSF."]
    where = []
    for analysed in _analyses(texts):
        places = {p.place.id: p.place for p in analysed.places}
        where.append([(places[e.place].kind, e.geo_precision) for e in analysed.events])
    assert where[0] == [("village", 1)]  # the camp, not the camp and El Fasher twice over
    assert where[1] == [("town", 1)]  # "the town of Bara": the town, not Bara district, nor North Kordofan too


def test_an_explosive_found_is_disrupted_weapons_use_and_one_that_went_off_is_an_explosion() -> None:
    found, discovered, blast = _events([
        "On 3 May 2024, police found an IED in Bannu.",
        "On 4 May 2024, a landmine was discovered near Gao.",
        "On 5 May 2024, an IED killed three soldiers near Menaka.",  # "IED" tagged a proper noun
    ])
    assert [e.sub_event_type for e in found] == ["Disrupted weapons use"]
    assert [e.sub_event_type for e in discovered] == ["Disrupted weapons use"]
    assert [e.sub_event_type for e in blast] == ["Remote explosive/landmine/IED"]


def test_both_sides_of_fighting_between_are_found_when_the_parser_splits_them_oddly() -> None:
    assert _doers(["On 3 May 2024, fighting between the army and ELN guerrillas in Catatumbo killed 80 people.",
                   "On 4 May 2024, heavy fighting between M23 rebels and Congolese troops broke out near Sake."]) == [
        [("military-co", "eln")], [("m23", "military-cd")]]


def test_a_states_strike_is_an_air_strike_and_a_place_whose_body_speaks_is_not_where_it_happened() -> None:
    texts = ["On 9 May 2024, at least 18 people were killed when an Israeli strike hit a school sheltering displaced "
             "families in Nuseirat, Gaza's civil defence said.",
             "On 9 May 2024, workers went on strike in Lagos over unpaid wages."]
    school, walkout = _analyses(texts)
    places = _place_names(school)
    assert [(e.sub_event_type, e.actor1, places[e.place]) for e in school.events] == [
        ("Air/drone strike", "military-il", "An Nuşayrāt")]  # not at "Gaza", whose civil defence only speaks
    assert [e.sub_event_type for e in walkout.events] == ["Peaceful protest"]


def test_storming_a_building_is_an_attack_and_regaining_control_of_a_town_is_a_taking() -> None:
    church, station, town, regained = _events([
        "On 5 June 2022, armed men stormed a church in Owo during Sunday mass, killing at least 40 worshippers.",
        "On 6 June 2022, militants stormed a police station in Kaduna, killing three officers.",
        "On 7 June 2022, M23 rebels stormed the town of Bunagana.",
        "On 8 June 2022, Sudanese troops regained control of Wad Madani.",  # the model's person; no place before
    ])
    assert [e.sub_event_type for e in church] == ["Attack"]  # no ground changes hands
    assert [e.sub_event_type for e in station] == ["Armed clash"]  # those inside were armed
    assert [e.sub_event_type for e in town] == ["Non-state actor overtakes territory"]
    assert [(e.sub_event_type, e.actor1, e.place is not None) for e in regained] == [
        ("Government regains territory", "military-sd", True)]


def test_a_sentence_that_tells_two_happenings_at_two_places_gives_each_its_own_toll(tmp_path) -> None:
    notes = tmp_path / "two.jsonl"
    texts = ["On 6 May 2024, gangs attacked Gressier; in Port-au-Prince, police killed five gang members.",
             "On 7 May 2024, gunmen attacked a church in Ondo, and separately a roadside bomb killed three soldiers "
             "in Borno.",
             "On 8 May 2024, militants attacked an army post in Kidal and soldiers repelled them, killing four."]
    notes.write_text("".join(f'{{"id": "n{i}", "text": "{t}"}}\n' for i, t in enumerate(texts)), encoding="utf-8")
    picture = analyze([str(notes)], tmp_path / "s.db", None).picture
    names = {p.id: p.name for p in picture.places}
    source = {d.id: d.source_id for d in picture.documents}
    told = {(source[e.sources[0]], names.get(e.place or "")): (e.sub_event_type, e.fatalities.best)
            for e in picture.events}
    assert told[("n0", "Gressier")][1] is None  # the five dead are Port-au-Prince's
    assert told[("n0", "Port-au-Prince")][1] == 5
    assert told[("n1", "Ondo")] == ("Attack", None)  # read apart: not the bomb's type, nor its toll
    assert told[("n1", "Borno")] == ("Remote explosive/landmine/IED", 3)
    assert [k for k in told if k[0] == "n2"] == [("n2", "Kidal")]  # two clauses at one place: one happening
    claims = {c.id: c for c in picture.claims}
    assert sorted(claims[c].text for e in picture.events if source[e.sources[0]] == "n0" for c in e.claims) == [
        "On 6 May 2024, gangs attacked Gressier", "in Port-au-Prince, police killed five gang members."]


def test_both_sides_of_a_clash_told_as_one_subject_and_an_armed_groups_blockade_is_no_protest() -> None:
    clash, siege, road = _events([
        "On 5 May 2024, armed forces and ELN guerrillas clashed in Catatumbo.",
        "On 6 May 2024, JNIM militants besieged Djibo, blocking food convoys.",
        "On 7 May 2024, farmers blocked the highway to Lagos."])
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in clash] == [("Armed clash", "military-co", "eln")]
    assert [(e.sub_event_type, e.actor1) for e in siege] == [("Other", "jnim")]
    assert [e.sub_event_type for e in road] == ["Peaceful protest"]


def test_the_force_that_acts_on_a_crowd_is_its_other_side_and_a_peaceful_protest_has_none() -> None:
    gassed, brutality = _events([
        "On 25 June 2024, police fired tear gas at students demonstrating in Nairobi; two protesters died.",
        "On 26 June 2024, students demonstrated in Nairobi against police brutality."])
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in gassed] == [
        ("Excessive force against protesters", "protesters-ke", "police-ke")]  # not the students as civilians
    assert [(e.sub_event_type, e.actor2) for e in brutality] == [("Peaceful protest", None)]


def test_a_taking_named_by_a_noun_is_a_taking_of_ground_not_of_people() -> None:
    town, soldiers = _events([
        "On 17 February 2024, Russian forces completed the capture of Avdiivka after months of fighting.",
        "On 18 February 2024, the capture of two soldiers by rebels angered the army."])
    assert [(e.sub_event_type, e.actor1) for e in town] == [("Non-state actor overtakes territory", "military-ru")]
    assert all(e.sub_event_type not in {"Non-state actor overtakes territory", "Government regains territory"}
               for e in soldiers)


def test_burned_things_are_no_dead_and_people_killed_make_an_attack_whatever_else_burned() -> None:
    burned, = _analyses(["On 3 October 2024, gangs burned dozens of homes in Pont-Sondé and killed at least 70 "
                         "people, the UN said."])
    assert [(q.text, q.unit) for c in burned.claims for q in c.quantities] == [
        ("dozens of homes", "other"), ("at least 70 people", "killed")]
    assert [(e.sub_event_type, e.fatalities.low if e.fatalities else None) for e in burned.events] == [("Attack", 70)]


def test_who_tells_of_a_taking_is_not_its_other_side_and_a_repelled_attack_is_a_fight_not_a_denial() -> None:
    taken, repelled = _events([
        "On 8 May 2024, Fano militiamen took control of Lalibela, residents said.",
        "On 9 May 2024, militants attacked an army post in Kidal and soldiers repelled them, killing four."])
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in taken] == [
        ("Non-state actor overtakes territory", "fano", None)]  # not Civilians: the residents only tell
    assert [(e.sub_event_type, e.fatalities.best if e.fatalities else None) for e in repelled] == [("Armed clash", 4)]


def test_a_town_read_as_an_adverb_or_a_language_is_still_where_the_act_went() -> None:
    attacked, drones, base = _analyses([
        "On 20 May 2023, Russian troops attacked Bakhmut from three directions.",
        "On 21 May 2023, Ukrainian air defences shot down 19 drones over Odesa.",
        "On 22 May 2023, ISWAP fighters overran a military base in Malam Fatori."])  # a supplement spelling
    for analysis, (name, country) in zip((attacked, drones, base), [("Bakhmut", "UA"), ("Odesa", "UA"),
                                                                    ("Mallam Fatori", "NG")], strict=True):
        places = {p.place.id: (p.place.name, p.place.country) for p in analysis.places}
        assert [places[e.place] for e in analysis.events] == [(name, country)]


def test_a_place_that_locates_another_is_no_event_place_and_a_village_stormed_to_kill_is_an_attack() -> None:
    sake, village, metula = _analyses([
        "On 7 February 2024, M23 rebels captured Sake, a town 25 km from Goma, after two days of fighting.",
        "On 24 October 2024, paramilitary fighters stormed a village in Gezira state, killing more than 100 people.",
        "On 8 May 2024, two Israeli soldiers were killed in a Hezbollah anti-tank missile attack near Metula."])
    names = _place_names(sake)
    assert [(e.sub_event_type, names[e.place]) for e in sake.events] == [
        ("Non-state actor overtakes territory", "Sake")]  # not a second taking at Goma
    assert [e.sub_event_type for e in village.events] == ["Attack"]  # no ground held: a massacre
    assert [(e.actor1, e.actor2) for e in metula.events] == [("hezbollah", "military-il")]


def test_a_rape_is_read_as_one_and_a_village_near_a_town_is_by_the_town() -> None:
    raped, = _analyses(["On 3 May 2024, soldiers raped three women in a village near Beni, a rights group said."])
    places = {p.place.id: (p.place.name, p.place.country) for p in raped.places}
    assert [(e.sub_event_type, e.rule, places[e.place], e.geo_precision) for e in raped.events] == [
        ("Sexual violence", "plain", ("Beni", "CD"), 2)]  # the lemmatizer's "rap"; not El Beni, Bolivia's province


def test_a_region_that_owns_a_town_and_the_speakers_town_are_no_second_event_and_executions_are_deaths() -> None:
    kale, delmas, moura = _analyses([
        "On 5 May 2024, PDF fighters ambushed a junta convoy in Sagaing's Kale township, killing eight soldiers.",
        "On 7 May 2024, police in Port-au-Prince said gang members shot dead two officers in Delmas.",
        "On 8 May 2024, soldiers executed at least 30 civilians in Moura, a rights group said."])
    for analysis, town in ((kale, "Kalemyo"), (delmas, "Delmas"), (moura, "Moura")):  # Kale: GeoNames "Kalemyo"
        names = _place_names(analysis)
        assert [names[e.place] for e in analysis.events] == [town]
    assert [e.fatalities.low for e in moura.events] == [30]
    warrants, = _analyses(["Officers executed two search warrants in Dallas on Friday."])
    assert [q.unit for c in warrants.claims for q in c.quantities] == ["other"]


def test_the_other_side_is_who_was_hurt_or_who_acted_in_the_other_clause() -> None:
    drones, repelled, ambush = _events([
        "On 6 June 2024, Turkish drones struck a convoy near Tal Tamr, killing three SDF fighters.",
        "On 2 June 2024, ISWAP fighters attacked an army base in Monguno; soldiers repelled the assault, killing 15 "
        "insurgents.",
        "On 4 June 2024, ELN guerrillas killed three soldiers in an ambush in Arauca."])
    assert [(e.actor1, e.actor2) for e in drones] == [("military-tr", "sdf")]
    assert [(e.sub_event_type, {e.actor1, e.actor2}) for e in repelled] == [("Armed clash", {"military-ng", "iswap"})]
    assert [(e.actor1, e.actor2) for e in ambush] == [("eln", "military-co")]


def test_an_army_assailing_a_town_fights_and_those_a_strike_or_an_arrest_takes_are_civilians() -> None:
    town, strike, arrests, raid = _events([
        "On 9 June 2024, Russian troops attacked Vovchansk from the north.",
        "On 10 June 2024, an Israeli air strike on a house in Deir al-Balah killed nine members of one family.",
        "On 11 June 2024, police detained 30 people in Karachi.",
        "On 12 June 2024, Israeli troops raided a refugee camp near Tulkarm, killing three Palestinians."])
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in town] == [("Armed clash", "military-ru", None)]
    assert [e.actor2 for e in strike] == ["civilians-ps"]
    assert [(e.sub_event_type, e.actor2) for e in arrests] == [("Arrests", "civilians-pk")]
    assert [e.sub_event_type for e in raid] == ["Attack"]  # the dead outweigh a reading of a camp as displacement


def test_towns_the_model_took_for_a_person_or_a_firm_and_a_sea_are_placed_right() -> None:
    texts = ["On 13 June 2024, hundreds of women marched through Goma.",
             "On 14 June 2024, Houthi forces fired a missile at Eilat.",  # Yemen's actors do not make Eilat a stray
             "On 15 June 2024, JNIM fighters besieging Djibo fired mortars at the town, wounding two civilians.",
             "On 16 June 2024, a Houthi drone boat hit a tanker in the Red Sea off Hodeidah.",  # not Sudan's state
             "On 17 June 2024, the Sudanese army retook the town of Bara."]  # GeoNames "Bārah", not Bara, Nigeria
    expected = [("Goma", "CD", 1), ("Eilat", "IL", 1), ("Djibo", "BF", 1), ("Al Ḩudaydah", "YE", 2), ("Bārah", "SD", 1)]
    for analysis, want in zip(_analyses(texts), expected, strict=True):
        places = {p.place.id: (p.place.name, p.place.country) for p in analysis.places}
        assert [(*places[e.place], e.geo_precision) for e in analysis.events] == [want]


def test_fire_set_to_a_building_is_destruction_and_a_peacekeeper_killed_counts_one() -> None:
    fire, convoy = _events([
        "On 18 June 2024, gang members set fire to a police station in Mirebalais.",
        "On 19 June 2024, rebels ambushed a UN convoy near Bangassou, killing one peacekeeper."])
    assert [e.sub_event_type for e in fire] == ["Looting/property destruction"]
    assert [e.fatalities.best if e.fatalities else None for e in convoy] == [1]


def test_a_month_and_year_long_past_dates_the_event_told_of(tmp_path) -> None:
    notes = tmp_path / "old.jsonl"
    notes.write_text('{"id": "m", "published": "2024-05-10", "text": "Soldiers and foreign fighters executed dozens '
                     'of civilians in Moura in March 2022, a UN report said."}\n', encoding="utf-8")
    picture = analyze([str(notes)], tmp_path / "s.db", None).picture
    assert [(e.date.start, e.date.end, e.date.precision) for e in picture.events] == [
        ("2022-03-01", "2022-03-31", "month")]  # not the week before publication


def test_interceptions_the_speakers_own_strike_and_militias_named_with_a_hyphen() -> None:
    downed, strike, militia, former, wounded = _events([
        "On 20 June 2024, Ukraine's air force said it downed 22 of 25 drones launched overnight.",
        "On 21 June 2024, the Israeli army said it killed a Hamas commander in an air strike in Khan Younis.",
        "On 22 June 2024, pro-government militias burned down dozens of homes in a village near Lashio.",
        "On 23 June 2024, supporters of the former president blocked roads in Kinshasa.",
        "On 24 June 2024, two traders were wounded by gunmen in Gao."])
    assert [(e.sub_event_type, e.actor1) for e in downed] == [("Disrupted weapons use", "military-ua")]
    assert [(e.actor1, e.actor2) for e in strike] == [("military-il", "hamas")]
    assert [e.actor1 for e in militia] == ["uag-mm"]  # not the government of Myanmar
    assert all(e.actor1 != "government-cd" and e.actor2 != "government-cd" for e in former)
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in wounded] == [("Attack", "uag-ml", "civilians-ml")]


def test_a_dateline_is_where_the_story_was_filed_not_where_it_happened() -> None:
    kenya, sudan, filed_only = _analyses([
        "Nairobi - Kenyan police shot dead two protesters in the town of Kisumu on Tuesday, rights groups said.",
        "KHARTOUM, May 3 (Reuters) - RSF fighters shelled Omdurman on Monday, killing 15 civilians.",
        "KHARTOUM - Heavy fighting broke out between the army and the RSF on Monday, residents said."])
    for analysis, town in ((kenya, "Kisumu"), (sudan, "Omdurman")):
        names = _place_names(analysis)
        assert [names[e.place] for e in analysis.events] == [town]  # one event, not a second one at the dateline
    names = _place_names(filed_only)
    assert [names.get(e.place) for e in filed_only.events] == ["Khartoum"]  # nothing else named: the dateline stands


def test_its_forces_are_the_speakers_a_town_that_fell_was_taken_and_a_beheading_kills_one() -> None:
    claimed, fell, beheaded = _events([
        "On 25 June 2024, Russia said its forces had captured the village of Novomykhailivka in the Donetsk region.",
        "On 26 June 2024, Goma, the largest city in eastern Congo, fell to M23 rebels.",
        "On 27 June 2024, militants beheaded a villager near Macomia."])
    assert [(e.sub_event_type, e.actor1) for e in claimed] == [("Non-state actor overtakes territory", "military-ru")]
    assert [(e.sub_event_type, e.actor1) for e in fell] == [("Non-state actor overtakes territory", "m23")]
    assert [e.fatalities.best if e.fatalities else None for e in beheaded] == [1]


def test_a_peaceful_protest_over_a_killing_is_peaceful_and_counts_no_dead(tmp_path) -> None:
    from frontwatch.classify import protest_subtype

    assert protest_subtype("Hundreds marched over the death of a teenager in police custody.") == "Peaceful protest"
    assert protest_subtype("Relatives protested over the killing of a trader; troops opened fire, killing one.") == \
        "Excessive force against protesters"  # the force used on the crowd still counts
    notes = tmp_path / "p.jsonl"
    notes.write_text('{"id": "p", "text": "On 1 July 2024, students protested peacefully in Dhaka, demanding justice '
                     'for a classmate killed by police."}\n', encoding="utf-8")
    picture = analyze([str(notes)], tmp_path / "s.db", None).picture
    assert [(e.sub_event_type, e.fatalities.acled) for e in picture.events] == [("Peaceful protest", 0)]


def test_a_two_country_group_hints_its_towns_a_planted_mine_is_its_planters_and_a_crowd_storms_as_a_riot() -> None:
    beni, mine, storm = _analyses([
        "On 2 July 2024, ADF rebels killed 12 villagers near Beni.",  # the ADF acts in DRC and Uganda: not Bolivia
        "On 3 July 2024, a landmine planted by the Houthis killed a shepherd in Taiz province.",
        "On 4 July 2024, hundreds of opposition supporters stormed the electoral commission offices in Maputo."])
    places = {p.place.id: p.place.country for p in beni.places}
    assert [(places[e.place], e.actor1) for e in beni.events] == [("CD", "adf")]
    assert [e.actor1 for e in mine.events] == ["houthis"]
    assert [(e.sub_event_type, e.actor1) for e in storm.events] == [("Violent demonstration", "rioters-mz")]


def test_strikes_that_kill_are_blows_not_walk_outs() -> None:
    dnipro, thantlang = _events([
        "On 5 July 2024, Russia launched dozens of missiles at Ukraine. In Dnipro, strikes killed 11 people.",
        "On 6 July 2024, the army bombed Thantlang. A resistance group said the strikes killed five civilians."])
    kinds = {e.event_type for e in dnipro + thantlang}
    assert "Protests" not in kinds and {"Explosions/Remote violence"} == kinds


def test_roads_between_two_towns_and_a_village_only_its_neighbour_places() -> None:
    road, between, landmark, ambush = _analyses([
        "On 10 July 2024, gunmen ambushed a bus on the Gao-Ansongo road, killing seven passengers.",
        "On 11 July 2024, a roadside bomb killed four soldiers between Bosaso and Qardho.",
        "On 12 July 2024, a drone struck a wedding in the village of Al-Khamis, west of Raqqa, killing five.",
        "On 13 July 2024, bandits ambushed travellers near Gusau, killing six passengers."])
    for analysis, (town, precision) in zip((road, between, landmark), [("Gao", 2), ("Bosaso", 2), ("Ar Raqqah", 2)],
                                           strict=True):
        names = _place_names(analysis)
        assert [(names[e.place], e.geo_precision) for e in analysis.events] == [(town, precision)]
    assert [e.sub_event_type for e in road.events + ambush.events] == ["Attack", "Attack"]  # no armed second side


def test_a_rebel_bombing_is_a_planted_bomb_a_lynched_suspect_counts_one_and_a_prison_is_in_its_town() -> None:
    pipeline, lynched, prison, clash = _analyses([
        "On 14 July 2024, ELN rebels bombed an oil pipeline in Arauca; no one was hurt.",
        "On 15 July 2024, a mob lynched a suspected kidnapper in a village near Puebla.",
        "On 16 July 2024, riots in Guayaquil's Litoral penitentiary left 31 inmates dead.",
        "On 17 July 2024, police in Quito clashed with students throwing stones."])
    assert [e.sub_event_type for e in pipeline.events] == ["Remote explosive/landmine/IED"]  # no air force
    assert [e.fatalities.best if e.fatalities else None for e in lynched.events] == [1]
    assert [next(p.place.country for p in prison.places if p.place.id == e.place) for e in prison.events] == ["EC"]
    assert [(e.actor1, e.actor2) for e in clash.events] == [("rioters-ec", "police-ec")]  # not the students twice


def test_a_wounding_is_an_attack_only_with_its_doer_or_victims_told() -> None:
    wounded, follow_up = _events([
        "On 18 July 2024, gunmen injured three traders in Gao.",
        "On 19 July 2024, settlers clashed with villagers near Nablus. One villager was injured in the head."])
    assert [e.sub_event_type for e in wounded] == ["Attack"]
    assert len(follow_up) == 1  # the injured villager is the clash's, not a second happening


def test_a_bomb_at_a_rally_is_a_bomb() -> None:
    rally, = _events(["On 20 July 2024, a bomb blast at a political rally in Bajaur district killed 54 people."])
    assert [(e.sub_event_type, e.actor2) for e in rally] == [("Remote explosive/landmine/IED", "civilians-pk")]


def test_a_dozen_is_twelve_and_two_dozen_twenty_four() -> None:
    from frontwatch.extract.quantities import parse_number_phrase

    assert (parse_number_phrase("two dozen").best, parse_number_phrase("a dozen").best) == (24, 12)
    assert parse_number_phrase("a dozen", "at least").low == 12 and \
        parse_number_phrase("a dozen", "at least").best is None  # a bound, never a best figure
    dozen, = _events(["On 2 August 2024, militiamen shot dead two dozen herders near Bentiu."])
    assert [e.fatalities.best if e.fatalities else None for e in dozen] == [24]


def test_a_day_of_may_is_no_modal_and_a_gerund_shelling_has_its_doer() -> None:
    may, shelling = _events([
        "In Kani village, Sagaing region, a junta airstrike on 8 May hit a school, killing four pupils.",
        "Ukrainian shelling of Shebekino killed a pensioner on Tuesday."])
    assert [e.sub_event_type for e in may] == ["Air/drone strike"]  # "8 May hit" is no "may hit"
    assert [(e.sub_event_type, e.actor1) for e in shelling] == [("Shelling/artillery/missile attack", "military-ua")]


def test_a_village_stormed_to_carry_people_off_is_no_taking_of_ground() -> None:
    stormed, = _events(["On 6 August 2024, bandits stormed Tungar Kwana village and abducted 20 women."])
    assert [e.sub_event_type for e in stormed] == ["Abduction/forced disappearance"]


def test_who_speaks_and_where_they_stand_is_not_where_it_happened() -> None:
    chamber, governor = _analyses([
        "On 7 August 2024, the Kano Chamber of Commerce said gunmen kidnapped 14 traders near Funtua.",
        "On 8 August 2024, the governor of Borno, speaking in Abuja, condemned the raid on Damboa, where insurgents "
        "killed six farmers."])
    for analysis, town in ((chamber, "Funtua"), (governor, "Damboa")):
        names = _place_names(analysis)
        assert [names[e.place] for e in analysis.events] == [town]
    assert [e.actor1 for e in governor.events] != ["government-ng"]  # who condemns a raid did not carry it out


def test_a_place_described_by_another_is_one_event_and_a_town_in_its_district_is_found() -> None:
    described, district = _analyses([
        "On 9 August 2024, jihadists attacked a gendarmerie post in Sebba, about 60 km south of Dori, killing five.",
        "On 10 August 2024, militiamen said they shot down an army drone over Merawi, in West Gojjam zone."])
    assert len(described.events) == 1 and _place_names(described)[described.events[0].place] == "Sebba"
    assert [_place_names(district)[e.place] for e in district.events] == ["Mer’āwī"]


def test_a_province_named_after_its_capital_goes_by_the_press_spelling() -> None:
    from frontwatch.gazetteer import load

    assert "admin1" in {e.kind for e in load().lookup("Hodeidah")}  # "Hodeidah governorate" is a province too
    province, = _analyses(["On 11 August 2024, US jets struck radar sites in Hodeidah governorate."])
    assert [next(p.place.kind for p in province.places if p.place.id == e.place) for e in province.events] == \
        ["admin1"]


def test_shots_never_fired_are_no_attack_and_a_weapon_s_purpose_is_no_strike() -> None:
    raid, radar = _events([
        "On 12 August 2024, police arrested nine suspected gang members in Guayaquil. No shots were fired.",
        "On 13 August 2024, the navy destroyed launchers used to target tankers off Mokha."])
    assert [e.sub_event_type for e in raid] == ["Arrests"]
    assert "Attack" not in {e.sub_event_type for e in radar}


def test_the_next_sentence_s_own_happening_does_not_colour_this_one() -> None:
    nairobi, = _analyses([
        "On 14 August 2024, police fired tear gas to break up a march by nurses in Nakuru. In Eldoret the same "
        "day, officers shot dead a student during a peaceful protest over fees."])
    names = _place_names(nairobi)
    kinds = {names[e.place]: e.sub_event_type for e in nairobi.events}
    assert kinds["Nakuru"] == "Protest with intervention" and kinds["Eldoret"] == "Excessive force against protesters"


def test_a_one_country_rebel_group_puts_a_small_town_in_its_country() -> None:
    sake, = _analyses(["On 15 August 2024, shells fired by M23 fell on a market on the outskirts of Sake, killing "
                       "three traders."])
    assert [next(p.place.country for p in sake.places if p.place.id == e.place) for e in sake.events] == ["CD"]


def test_a_march_is_where_it_went_and_a_camp_in_its_province_is_the_story_s_place() -> None:
    march, camp = _analyses([
        "On 16 August 2024, opposition supporters marched from Gazipur to Dhaka demanding new elections.",
        "On 17 August 2024, the bodies of two men were found in al-Hol camp in Al Hasakeh countryside. They had "
        "been shot by unknown gunmen."])
    assert [_place_names(march)[e.place] for e in march.events] == ["Dhaka"]
    assert [_place_names(camp)[e.place] for e in camp.events] == ["Al Ḩawl"]  # the camp, named with its province


def test_what_a_sentence_recalls_from_long_before_or_plans_is_no_happening_of_its_day() -> None:
    recalled, verdict, visit, plan, floods = _events(published="2024-05-10", texts=[
        "In northern Iraq, where the group seized Sinjar in 2014, a roadside bomb hit a patrol near Tal Afar on "
        "Monday.",
        "A court in Peshawar on Tuesday sentenced two men over a 2017 bomb attack on a mosque.",
        "The defence minister visited troops in Gao on Wednesday, eight months after the army retook the town.",
        "Nurses' unions in Abuja said on Thursday they would strike for three days from next week.",
        "Flash floods killed more than 40 people in Kunar province last week."])
    assert [e.sub_event_type for e in recalled] == ["Remote explosive/landmine/IED"]  # not the 2014 seizure
    assert verdict == [] and visit == [] and plan == [] and floods == []
    battle, = _events(["On 4 May 2024, three soldiers were killed in an outbreak of violence near Gao."])
    assert battle != []  # violence breaks out; floods do not


def test_a_group_named_after_a_place_and_a_quarter_in_its_city_are_one_place() -> None:
    cartel, favela = _analyses([
        "On 18 August 2024, soldiers exchanged fire with Sinaloa cartel gunmen near Badiraguato.",
        "On 19 August 2024, police killed four gang members in the Jacarezinho favela complex in Rio de Janeiro."])
    for analysis, name in ((cartel, "Badiraguato"), (favela, "Jacarezinho")):
        names = _place_names(analysis)
        assert len(analysis.events) == 1 and name in names[analysis.events[0].place]


def test_a_coder_s_place_and_a_defection_and_bombs_made_safe() -> None:
    coded, defected, defused = _events([
        "On 20 August 2024, a military jet bombed a school between Pazigyi and another village (Kanbalu, Sagaing) "
        "[coded to Pazigyi], killing 3 children.",
        "On 21 August 2024, an Al Shabaab commander defected to government forces in Baidoa.",
        "On 22 August 2024, army engineers found and safely detonated four IEDs near Tarmiyah."])
    assert {e.place for e in coded} == {"sup-mm-pazigyi"}  # not a second event at the district's town
    assert [e.sub_event_type for e in defected] == ["Change to group/activity"]
    assert [e.sub_event_type for e in defused] == ["Disrupted weapons use"]


def test_another_place_s_dead_are_not_lent_to_a_report_s_main_event(tmp_path) -> None:
    notes = tmp_path / "n.jsonl"
    notes.write_text('{"id": "h", "published": "2024-05-10", "text": "Gunmen freed three nurses on Wednesday who had '
                     'been kidnapped near Cap-Haitien. Separately, a gang attacked Petion-Ville on Tuesday, killing '
                     'at least six residents."}\n', encoding="utf-8")
    picture = analyze([str(notes)], tmp_path / "s.db", None).picture
    tolls = {e.sub_event_type: e.fatalities.low for e in picture.events}
    assert tolls.get("Attack") == 6 and not tolls.get("Abduction/forced disappearance")


def test_herders_who_attack_are_their_people_s_militia_and_a_raid_takes_no_ground() -> None:
    herders, raid, bombs = _events([
        "On 23 August 2024, Fulani herders attacked a village in Guma LGA, Benue state, killing nine farmers.",
        "On 24 August 2024, ADF rebels raided the village of Mamove in Beni territory overnight.",
        "On 25 August 2024, youths hurled petrol bombs at a police station in Exarchia."])
    assert [e.actor1 for e in herders] == ["ethfulani-ng"]
    assert [e.sub_event_type for e in raid] == ["Attack"]
    assert "Remote explosive/landmine/IED" not in {e.sub_event_type for e in bombs}  # thrown by hand


def test_a_monitor_s_country_is_not_where_an_ambush_was() -> None:
    ambush, = _analyses(["Islamic State cells ambushed a bus carrying soldiers in the desert on Sunday, killing "
                         "several, a UK-based war monitor reported."])
    countries = {p.place.id: p.place.country for p in ambush.places}
    assert "GB" not in {countries.get(e.place) for e in ambush.events}


def test_a_toll_that_rose_counts_the_dead_and_a_war_s_running_toll_is_background() -> None:
    from frontwatch.extract.quantities import background_frame, extract_quantities
    from frontwatch.nlp.pipeline import get_nlp

    def counts(text: str) -> list[tuple[int | None, str, bool]]:
        return [(q.best, q.unit, q.background) for s in get_nlp()(text).sents for q in extract_quantities(s)]

    assert counts("The death toll from the shelling of Kostiantynivka rose to 11 on Friday.") == [(11, "killed", False)]
    assert background_frame("The overall death toll in Gaza since October has risen to 34,900.")  # the war's toll
    assert counts("The casualty toll rose to 40.") == [(40, "other", False)]  # may count the hurt


def test_where_words_were_said_is_no_event_place_and_the_saying_day_is_not_the_event_s(tmp_path) -> None:
    notes = tmp_path / "n.jsonl"
    notes.write_text(
        '{"id": "s", "published": "2024-05-10", "text": "Rebels overran a gendarmerie post in Kaga-Bandoro on '
        'Monday, killing three gendarmes, the UN mission said in a statement from Bangui."}\n'
        '{"id": "t", "published": "2024-05-10", "text": "The army said on Thursday that troops had repelled an '
        'assault on a base near Menaka on Tuesday, killing 15 attackers."}\n'
        '{"id": "d", "published": "2024-05-10", "text": "BAMAKO, May 10 - Drones struck a convoy near Tessit on '
        'Wednesday, killing seven, a local official told reporters in Gao."}\n', encoding="utf-8")
    picture = analyze([str(notes)], tmp_path / "s.db", None).picture
    names = {p.id: p.name for p in picture.places}
    source = {d.id: d.source_id for d in picture.documents}
    by_note: dict[str, list] = {}
    for event in picture.events:
        for doc in event.sources:
            by_note.setdefault(source[doc], []).append(event)
    assert [names[e.place] for e in by_note["s"]] == ["Kaga-Bandoro"]  # not Bangui, where the mission spoke
    assert [e.date.start for e in by_note["t"]] == ["2024-05-07"]  # Tuesday, not Thursday's statement
    assert [(names[e.place], e.date.start) for e in by_note["d"]] == [("Tessit", "2024-05-08")]  # not the dateline


def test_a_group_owning_up_to_an_attack_is_its_doer_not_a_second_attack() -> None:
    claimed, denied, first = _events([
        "On 2 June 2024, a car bomb killed nine soldiers at a checkpoint in Beledweyne. Al Shabaab claimed "
        "responsibility for the attack.",
        "On 3 June 2024, gunmen killed five villagers near Gusau. No group has claimed responsibility for the "
        "killings.",
        "On 4 June 2024, Al Shabaab claimed an attack on an army base near Afgooye that killed four soldiers."])
    assert [(e.sub_event_type, e.actor1) for e in claimed] == [("Remote explosive/landmine/IED", "al-shabaab")]
    assert len(denied) == 1 and denied[0].actor1.startswith("uag")
    assert [e.actor1 for e in first] == ["al-shabaab"]  # an attack first told by its claim is one


def test_a_broken_truce_is_no_agreement_and_places_that_only_say_where_another_lies() -> None:
    breach, territory, edge, goal = _analyses([
        "On 5 June 2024, officials in Goma called the shelling a breach of the truce.",
        "On 6 June 2024, M23 rebels took control of Rubaya, in North Kivu's Masisi territory.",
        "On 7 June 2024, residents armed with sticks attacked migrants in El Amra on the northern edge of Sfax.",
        "On 8 June 2024, RSF fighters seized Bara after the army garrison withdrew towards El Obeid."])
    assert "Agreement" not in {e.sub_event_type for e in breach.events}  # the shelling breached one
    for analysis, name in ((territory, "Rubaya"), (edge, "El Amra"), (goal, "Bara")):
        names = _place_names(analysis)
        assert len(analysis.events) == 1 and normalize(name) in normalize(names[analysis.events[0].place])
    assert goal.events[0].sub_event_type == "Non-state actor overtakes territory"  # a town seized, no person


def test_a_town_s_district_and_province_in_brackets_say_which_namesake_it_is() -> None:
    victoria, = _analyses(["On 25 April 2024, police detained six activists who had chained themselves to the gates "
                           "outside the legislature in Victoria (Capital, British Columbia)."])
    countries = {p.place.id: p.place.country for p in victoria.places}
    assert [countries[e.place] for e in victoria.events] == ["CA"]
    assert victoria.events[0].geo_precision == 1


def test_hours_later_is_the_day_before_it_and_a_crowd_s_deed_is_mob_violence(tmp_path) -> None:
    notes = tmp_path / "n.jsonl"
    notes.write_text('{"id": "h", "published": "2024-05-10", "text": "A roadside bomb hit an army truck near Jowhar '
                     'on Wednesday, killing two soldiers. Hours later, militants attacked a checkpoint near '
                     'Balcad."}\n', encoding="utf-8")
    picture = analyze([str(notes)], tmp_path / "s.db", None).picture
    assert {e.date.start for e in picture.events} == {"2024-05-08"}  # the checkpoint too: Wednesday
    lynching, arson, armed = _events([
        "On 9 July 2024, residents of a village near Gitega beat a suspected thief to death.",
        "On 10 July 2024, youths set cars and a shop on fire in Sarcelles.",
        "On 11 July 2024, armed youths attacked a cattle camp in Pibor county, killing eight herders."])
    assert [e.sub_event_type for e in lynching] == ["Mob violence"]
    assert [e.sub_event_type for e in arson] == ["Mob violence"]
    assert "Mob violence" not in {e.sub_event_type for e in armed}  # armed men are no mob


def test_a_stormed_post_is_a_fight_and_things_seized_are_no_ground() -> None:
    stormed, boats, cache, police = _events([
        "On 12 July 2024, JNIM fighters stormed an army post near Arbinda, killing 14 soldiers.",
        "On 13 July 2024, Boko Haram fighters attacked fishermen near Baga, killing six and seizing their boats.",
        "On 14 July 2024, soldiers seized a cache of weapons near Mopti.",
        "On 15 July 2024, riot police dispersed a rally in Lome with tear gas."])
    assert [e.sub_event_type for e in stormed] == ["Armed clash"]
    assert [e.sub_event_type for e in boats] == ["Attack"]  # the boats are loot of the attack, no taken ground
    assert [e.sub_event_type for e in cache] == ["Disrupted weapons use"]
    assert "Violent demonstration" not in {e.sub_event_type for e in police}  # "riot police" tell of no riot


def test_provinces_go_by_the_press_s_spellings() -> None:
    from frontwatch.gazetteer import load

    gazetteer = load()
    for name, country in (("Lower Shabelle", "SO"), ("Rural Damascus", "SY"), ("Transcarpathia", "UA")):
        assert [(e.kind, e.country) for e in gazetteer.candidates(name)][:1] == [("admin1", country)]
    erbil, = _analyses(["On 16 July 2024, a drone struck a base near Erbil."])
    assert {p.place.kind for p in erbil.places} == {"city"}  # the bare name is still the town


def test_a_happening_s_own_doer_and_a_named_militia_come_first() -> None:
    ambushed, mine, dogon, gas = _events([
        "On 17 July 2024, a VDP post near Djibo came under attack by JNIM militants. 5 fatalities.",
        "On 18 July 2024, a KDF truck struck an IED planted by Al Shabaab near Mandera. 2 fatalities.",
        "On 19 July 2024, Dogon militia (Dan Na Ambassagou) attacked a Fulani hamlet near Bankass, killing 9.",
        "On 20 July 2024, Russian forces dropped munitions containing chloropicrin on trenches near Robotyne."])
    assert [e.actor1 for e in ambushed] == ["jnim"]
    assert [(e.actor1, e.actor2) for e in mine] == [("al-shabaab", "military-ke")]
    assert [e.actor1 for e in dogon] == ["dan-na-ambassagou"]
    assert [e.sub_event_type for e in gas] == ["Chemical weapon"]


def test_a_crowd_burning_a_police_station_demonstrates_and_marchers_held_are_an_intervention() -> None:
    station, held, suspects = _events([
        "On 21 July 2024, youths set fire to the district police station in Tumu after a detainee died.",
        "On 22 July 2024, police detained 30 students who tried to march to the parliament in Nairobi.",
        "On 23 July 2024, police arrested two men suspected of killing a trader in Kisumu."])
    assert [e.sub_event_type for e in station] == ["Violent demonstration"]
    assert [e.sub_event_type for e in held] == ["Protest with intervention"]
    assert [e.sub_event_type for e in suspects] == ["Arrests"]


def test_killing_outranks_abduction_and_a_participle_tells_no_happening() -> None:
    raid, truce, hostel = _events([
        "On 24 July 2024, Murle militiamen raided a cattle camp near Akobo, killing six herders and abducting two "
        "children.",
        "On 25 July 2024, army and rebel commanders in Leer signed a truce and agreed to free detained soldiers.",
        "On 26 July 2024, bandits stormed a hostel in Sabon Gida near Gusau and abducted 20 students."])
    assert [e.sub_event_type for e in raid] == ["Attack"]
    assert [e.sub_event_type for e in truce] == ["Agreement"]  # "detained soldiers" were held before
    assert [e.sub_event_type for e in hostel] == ["Abduction/forced disappearance"]  # a hostel is no ground
    assert len({e.place for e in hostel}) == 1  # "near Gusau" only says where Sabon Gida is


def test_a_closing_attribution_s_place_is_the_speaker_s() -> None:
    ambush, = _analyses(["Militants ambushed an army truck near Surankote on Wednesday, killing one soldier, a "
                         "defence spokesman in Jammu said."])
    names = _place_names(ambush)
    assert [normalize(names[e.place]) for e in ambush.events] == [normalize("Surankot")]


def test_strategic_developments_told_in_their_own_words() -> None:
    pledge, post, entered, handed, drill, car_bomb, would_be = _events([
        "On 1 August 2024, a TTP commander and 20 of his fighters pledged allegiance to the Islamic State in Khar.",
        "On 2 August 2024, LNA forces set up a new checkpoint and barracks at the entrance of Ubari.",
        "On 3 August 2024, Somali army forces entered Mahas unopposed after Al Shabaab fighters pulled out.",
        "On 4 August 2024, the SDF handed over positions near Manbij to government forces.",
        "On 5 August 2024, Russian troops held live-fire exercises at a training ground near Tiraspol.",
        "On 6 August 2024, police experts deactivated a car bomb left outside a police station in Esmeraldas.",
        "On 7 August 2024, guards arrested a would-be suicide bomber at a gate of the cantonment in Bannu."])
    assert [e.sub_event_type for e in pledge] == ["Change to group/activity"]
    assert [e.sub_event_type for e in post] == ["Headquarters or base established"]
    assert [e.sub_event_type for e in entered] == ["Non-violent transfer of territory"]
    assert [e.sub_event_type for e in handed] == ["Non-violent transfer of territory"]
    assert [e.sub_event_type for e in drill] == ["Other"]
    assert [e.sub_event_type for e in car_bomb] == ["Disrupted weapons use"]
    assert [e.sub_event_type for e in would_be] == ["Disrupted weapons use"]


def test_a_grievance_is_no_happening_and_a_note_s_split_or_coded_toll_is_summed(tmp_path) -> None:
    looting, = _events(["Looting: On 8 August 2024, rioters looted a supermarket in Nanterre on the second night of "
                        "unrest over the police killing of a teenager."])
    assert [e.sub_event_type for e in looting] == ["Looting/property destruction"]  # the note's label, no death
    notes = tmp_path / "n.jsonl"
    notes.write_text(
        '{"id": "s", "text": "On 9 August 2024, Houthi forces attacked army positions near Marib. Fatalities: '
        '2 Houthi fighters and 1 soldier."}\n'
        '{"id": "c", "text": "On 10 August 2024, rebels clashed with soldiers near Bunia. An unknown number of '
        'fatalities, coded as 3."}\n'
        '{"id": "p", "text": "On 11 August 2024, two farmers were found dead near Makurdi. They were killed by '
        'gunmen."}\n', encoding="utf-8")
    picture = analyze([str(notes)], tmp_path / "s.db", None).picture
    source = {d.id: d.source_id for d in picture.documents}
    by_note = {source[e.sources[0]]: e for e in picture.events}
    assert by_note["s"].fatalities.best == 3 and by_note["c"].fatalities.best == 3
    assert by_note["p"].sub_event_type == "Attack"  # "they" are the farmers of the sentence before


def test_the_month_of_march_is_no_demonstration_and_a_mob_at_a_home_is_mob_violence() -> None:
    from frontwatch.classify import DEMONSTRATION_WORDS

    assert DEMONSTRATION_WORDS.search("On 7 March 2022, a mob stoned a house.") is None
    assert DEMONSTRATION_WORDS.search("Teachers marched to the ministry.") is not None
    home, = _events(["On 7 March 2022, a mob attacked the residence of a lawmaker with stones in Hyderabad (Sindh)."])
    assert [e.sub_event_type for e in home] == ["Mob violence"]


def test_crowd_control_grenades_and_a_flash_mob_are_demonstrations_not_explosions_or_riots() -> None:
    assert _subtypes([
        "On 4 May 2023, police fired tear gas and stun grenades to scatter several hundred protesters outside the "
        "town hall in Zvecan.",
        "On 4 May 2023, a man threw a hand grenade into a cafe in Zvecan, wounding three customers.",
        "On 5 May 2023, about 40 students staged a flash mob outside the provincial hall in Nan to demand reform.",
    ]) == [
        ["Protest with intervention"],
        ["Grenade"],
        ["Peaceful protest"],
    ]


def test_a_countrys_police_parliament_leader_or_money_says_which_namesake_town_is_meant() -> None:
    texts = {
        "ES": "On 9 March 2023, Guardia Civil officers removed 60 farmers blocking a warehouse gate in Guadalajara.",
        "IL": "On 25 March 2023, about 300 residents demonstrated at the main junction in Arad against bills being "
              "pushed through the Knesset.",
        "AR": "On 20 December 2023, about 2,000 people marched to the government house in Parana against a decree of "
              "President Milei.",
        "IT": "On 24 June 2023, residents protested outside the town hall of Lodi after the comune approved a "
              "warehouse on farmland.",
        "CL": "On 12 May 2022, Carabineros dispersed 150 students protesting in Los Angeles over school repairs.",
    }
    for want, analysed in zip(texts, _analyses(list(texts.values())), strict=True):
        countries = {p.place.id: p.place.country for p in analysed.places}
        assert [countries.get(e.place or "") for e in analysed.events] == [want], texts[want]


def test_a_leader_protested_against_abroad_is_no_sign_of_his_country() -> None:
    from frontwatch.extract.actors import actor_countries
    from frontwatch.nlp.pipeline import get_nlp

    assert "RU" not in actor_countries(get_nlp()("Hundreds rallied in Valencia against Putin's war in Ukraine."))
    assert actor_countries(get_nlp()("Supporters of President Milei rallied in Parana."))["AR"] >= 1


def test_arrests_for_an_earlier_protest_are_arrests_and_a_later_clause_does_not_make_a_march_hypothetical() -> None:
    assert _subtypes([
        "On 10 May 2023, police arrested 20 party workers in Mardan who had blocked the highway and burnt a police "
        "van the day before in protest at their leader's arrest; the district administration banned gatherings.",
        "On 10 May 2023, police detained 40 students who tried to march to the secretariat in Dhaka.",
        "On 30 July 2023, thousands marched to the French embassy in Niamey chanting slogans; some tried to force "
        "the gate and set a door on fire before security forces dispersed them with tear gas.",
    ]) == [
        ["Arrests"],
        ["Protest with intervention"],
        ["Violent demonstration"],  # not a march they only "tried"
    ]


def test_people_shot_in_a_raid_make_an_attack_and_no_air_strike_is_read_without_aircraft() -> None:
    assert _subtypes([
        "On 23 June 2023, militiamen raided the central market in Zalingei, shooting residents and looting shops.",
        "On 28 November 2023, soldiers fired on a group of fishermen near a jetty in Sittwe, killing two of them.",
        "On 3 May 2023, gunmen looted shops in Gao and burnt the market.",
    ]) == [
        ["Attack"],
        ["Attack"],
        ["Looting/property destruction"],
    ]


def test_what_is_told_of_the_mourned_and_of_a_river_named_massacre_is_no_force_or_attack() -> None:
    assert _subtypes([
        "On 12 May 2022, hundreds of students marched in Ramallah carrying pictures of journalist Shireen Abu Akleh, "
        "who was shot dead the day before.",
        "On 28 January 2023, hundreds marched through Memphis demanding justice for Tyre Nichols, who died after he "
        "was beaten by police officers.",
        "On 15 September 2023, about 500 residents gathered on the bank of the Massacre river in Ouanaminthe to "
        "support a canal.",
        "On 1 October 2022, supporters of the captain, who had seized power the day before, threw stones at the "
        "French institute in Bobo-Dioulasso.",
    ]) == [
        ["Peaceful protest"],
        ["Peaceful protest"],
        ["Peaceful protest"],
        ["Violent demonstration"],
    ]


def test_police_with_names_of_their_own_break_up_a_crowd_they_disperse_or_remove() -> None:
    assert _subtypes([
        "On 12 May 2022, Carabineros used a water cannon to disperse about 150 students who had blocked an avenue in "
        "Los Angeles to demand school repairs.",
        "On 9 March 2023, Guardia Civil officers removed some 60 farmers who had been blocking the gate of a "
        "warehouse in Guadalajara.",
        "On 9 March 2023, workers removed the barricades in Gao.",
    ]) == [
        ["Protest with intervention"],
        ["Protest with intervention"],
        [],
    ]
