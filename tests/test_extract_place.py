"""The place stage on short sentences written for these tests (eval/README.md, "Place")."""

import pytest

from newskit.figures import extract_figures


def places(text: str) -> list[tuple[str, str]]:
    return [(figure.surface, figure.place) for figure in extract_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a ministry's seat is not where the people were
        ("At least 30 people have been killed in the West Bank, the Ministry of Health in Ramallah said.",
         [("30", "west_bank")]),
        ("The Ministry of Health in Ramallah said 5,000 people have been killed in the war.", [("5,000", "gaza")]),
        # "in the territory" refers back to the place named before
        ("Violence in the West Bank has surged. Israeli troops have killed at least 682 people in raids in the "
         "territory since October 7.", [("682", "west_bank")]),
        ("At least 682 Palestinians have been killed in the West Bank since October 7.", [("682", "west_bank")]),
        # demonyms of the victims, countries beyond the Middle East
        ("Five Congolese soldiers were killed.", [("Five", "unknown")]),  # an army's dead: wherever it fights
        ("Five Congolese villagers were killed.", [("Five", "dr_congo")]),
        ("Twenty Afghan civilians died.", [("Twenty", "afghanistan")]),
        ("An Israeli strike killed five Hezbollah fighters.", [("five", "lebanon")]),
        # a demonym of the side that did it says nothing of where
        ("Russian forces killed 13 civilians in Kharkiv.", [("13", "ukraine")]),
        ("Russian forces killed 13 civilians.", [("13", "unknown")]),
        # names inside longer names, and longer names of other places
        ("Fighting in the Democratic Republic of Congo killed 30 people.", [("30", "dr_congo")]),
        ("Clashes in the Republic of Congo killed 4 people.", [("4", "republic_of_congo")]),
        ("A boat capsized off Guinea-Bissau, and 9 people died.", [("9", "guinea_bissau")]),
        ("At least 20 people were killed, The New York Times reported.", [("20", "unknown")]),
        ("Police found 9 bodies near Lagos de Torres.", [("9", "unknown")]),
        # all-caps text
        ("12 PEOPLE WERE KILLED IN KHAN YOUNIS.", [("12", "gaza")]),
        ("KHARTOUM — At least 50 people were killed on Tuesday.", [("50", "sudan")]),
        # an event known by its place, unless it is the start of the war
        ("Hamas attacked Israel on October 7, killing 1,200 people.", [("1,200", "israel")]),
        ("The offensive, which began after the October 7 attack, has killed 30,000 Palestinians.",
         [("30,000", "gaza")]),
        # taken hostage: where they were taken, not where they were taken to; held: where they are held
        ("Gunmen crossed into Israel, killing 1,400 people and taking 240 hostages into Gaza.",
         [("1,400", "israel"), ("240", "israel")]),
        ("Hamas released 13 hostages kidnapped from Kfar Aza.", [("13", "gaza")]),
        ("Israel says 128 hostages remain.", [("128", "gaza")]),
        # the Gaza war's defaults hold only in a text about that war
        ("The Hamas-run health ministry said 20,000 people have been killed.", [("20,000", "gaza")]),
        ("Sudan's Ministry of Health says 1,200 people have been killed.", [("1,200", "sudan")]),
        # a word that implies a place
        ("Settlers have killed 9 Palestinians since January.", [("9", "west_bank")]),
        ("Israeli forces have killed 9 Palestinians since January.", [("9", "gaza")]),
        # where hostages were taken to is not where the others were hurt
        ("About 700 Israelis have been killed and dozens have been taken hostage inside Gaza.",
         [("700", "israel"), ("dozens", "israel")]),
        # "thousands more": the place of the figure before, not of the actor named after it
        ("Israel says its strikes have killed 23,000 Palestinians, with thousands more missing.",
         [("23,000", "gaza"), ("thousands", "gaza")]),
        # a point of reference is not where the people were
        ("Rockets hit a town two miles from Gaza, killing 3 people.", [("3", "unknown")]),
        ("Some 60,000 Israelis were evacuated from towns on the border with Lebanon.", [("60,000", "israel")]),
        ("The Hamas-run media office said 1,000 people had been killed.", [("1,000", "gaza")]),
        ("Floods killed 12 people in Kentucky.", [("12", "united_states")]),
        # a location past another number is that number's
        ("Since then 10,500 people have been killed in Gaza, and 178 Palestinians have been killed in the "
         "West Bank.", [("10,500", "gaza"), ("178", "west_bank")]),
    ],
)
def test_place(text, expected):
    assert places(text) == expected


def test_a_user_adds_a_place_and_its_demonym(tmp_path):
    from newskit.extract.vocabulary import load_vocabulary

    path = tmp_path / "vocabulary.yaml"
    path.write_text("places: {atlantis: [Poseidonia]}\ndemonyms: {atlantis: [Atlantean]}\n", encoding="utf-8")
    vocabulary = load_vocabulary(path)
    found = [(f.surface, f.place) for text in ("Floods killed 40 people in Poseidonia.",
                                               "Nine Atlantean fishermen were killed.")
             for f in extract_figures(text, vocabulary=vocabulary)]
    assert found == [("40", "atlantis"), ("Nine", "atlantis")]
    assert [f.place for f in extract_figures("Nine Atlantean fishermen were killed.")] == ["unknown"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The death toll among Palestinians passed 9,000.", [("9,000", "palestinians")]),
        ("Villagers discovered 6 bodies of civilians killed by the gunmen.", [("6", "civilians")]),
        ("Forty people were killed. Of them, 12 were children.", [("Forty", "people"), ("12", "children")]),
        ("Three of those killed were soldiers.", [("Three", "soldiers")]),
        ("Twelve were killed.", [("Twelve", "people")]),
        # the second number of a change counts the same people as the first
        ("Civilian deaths rose from 1,200 to 1,450 last year.", [("1,200", "civilians"), ("1,450", "civilians")]),
        # "the number of X" in apposition right after a number with no noun says who it counts
        ("The toll rose to 12, the number of journalists killed this year.", [("12", "journalists")]),
        ("The strike killed a baby, rising to 4 the total of the day, and 9 died later.", [("4", "people"),
                                                                                            ("9", "people")]),
        ("Shelling killed a boy, rising to 4, the number of children killed in the town since Monday.",
         [("4", "children")]),
    ],
)
def test_group_said_around_a_number_with_no_noun(text, expected):
    assert [(f.surface, f.group) for f in extract_figures(text)] == expected


def places_titled(text: str, title: str, context: str = "") -> list[tuple[str, str]]:
    return [(f.surface, f.place) for f in extract_figures(text, title=title, context=context)]


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        # a headline that says where the story happens places a figure nothing else places
        ("Officials said 14 people died overnight.", "Floods sweep through villages in Kenya",
         [("14", "kenya")]),
        # a name in the headline that is no location ("Sudan talks") says nothing
        ("Officials said 14 people died overnight.", "Sudan talks stall as envoys leave", [("14", "unknown")]),
        # evidence in the text beats the headline
        ("In Kharkiv, 14 people died overnight.", "Floods sweep through villages in Kenya", [("14", "ukraine")]),
        ("Officials said 14 people died overnight. Rescuers reached Kharkiv later.",
         "Floods sweep through villages in Kenya", [("14", "kenya")]),
    ],
)
def test_the_headline_places_a_figure_nothing_else_places(text, title, expected):
    assert places_titled(text, title) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a country's spokesman, government or foreign ministry speaks for it; the people may be elsewhere
        ("Norway's foreign ministry said 6 Norwegians were killed in the attack.", [("6", "unknown")]),
        ("Egypt's military spokesman said 40 militants were killed in the raid.", [("40", "unknown")]),
        # a country's own health ministry counts its own people
        ("Egypt's health ministry said 40 people were killed.", [("40", "egypt")]),
        # beside a country is not in it
        ("Some 9,000 Israelis fled villages near Lebanon.", [("9,000", "israel")]),
        ("Shells killed 7 people near Khan Younis.", [("7", "gaza")]),
        # "on both sides": one number of two places
        ("The clashes in Gaza have killed hundreds on both sides.", [("hundreds", "unknown")]),
        ("The war displaced thousands on either side, including 5,000 in northern Israel.",
         [("thousands", "unknown"), ("5,000", "israel")]),
        # a named body that is not the victims is no demonym of theirs
        ("Officials of the Palestinian Authority said 31 people were wounded.", [("31", "unknown")]),
        # detainees: where they were detained, never their nationality
        ("Some 300 Palestinians have been arrested this month.", [("300", "unknown")]),
        ("Troops arrested 30 Palestinians in Hebron.", [("30", "west_bank")]),
        ("Israeli police said 14 people were detained at the rally.", [("14", "unknown")]),
        # the country that frees them is the side that does it; where they were held is not stated
        ("Egypt released 12 Palestinian prisoners.", [("12", "unknown")]),
        ("Under the deal, Hamas will free 10 hostages and Israel will release 30 prisoners.",
         [("10", "gaza"), ("30", "unknown")]),
        # the October 7 attack told by its actor and verb, even after "since"
        ("Since Hamas fighters killed some 1,200 people in a raid, the army has bombed the strip.",
         [("1,200", "israel")]),
        # a country that does it or is fought is no place of the people ("Israel has killed", "clashes with Israel")
        ("Hezbollah says 300 of its fighters have been killed in clashes with Israel.", [("300", "lebanon")]),
        ("Russia has killed more than 900 people in its campaign.", [("900", "unknown")]),
        ("Shelling in Donetsk killed 7 people.", [("7", "ukraine")]),
        ("Russia struck Kharkiv overnight, and 7 people were killed.", [("7", "ukraine")]),
        ("Since Hamas gunmen killed 1,400 people and took some 240 hostages in an Oct. 7 cross-border gun "
         "rampage, Israel has pounded Gaza.", [("1,400", "israel"), ("240", "israel")]),
        # "kibbutz" is a community in Israel
        ("Gunmen burst into a kibbutz and killed 20 residents.", [("20", "israel")]),
        # a source's country reporting on people abroad is no place of theirs
        ("Nine people died in the blast, according to U.S. intelligence estimates.", [("Nine", "unknown")]),
        ("The Dutch Embassy said 4 Dutch nationals were hurt in Mali.", [("4", "mali")]),
        # the place a war's first event struck is that event's, not the place of the tolls after it
        ("Since the Hamas raid on Israel, Israeli strikes have killed 25,000 Palestinians.", [("25,000", "gaza")]),
        ("The siege, launched after the October 7 attack on southern Israel, has killed 900 Gazans.",
         [("900", "gaza")]),
        ("The war began with the Hamas attack on Israel, which killed 1,100 people.", [("1,100", "israel")]),
        # the sides that struck, coordinated or leading, are no place: the place struck is
        ("Two people were killed in U.S. and British strikes on Hodeidah.", [("Two", "yemen")]),
        ("Two people were killed in U.S.-led strikes on Hodeidah.", [("Two", "yemen")]),
        ("Two people were killed in Gaza and other attacks on Monday.", [("Two", "gaza")]),
    ],
)
def test_place_rules_of_this_round(text, expected):
    assert places(text) == expected


def test_a_location_named_before_outranks_a_later_name_that_is_no_location():
    text = ("Shelling hit a school in Jenin on Sunday. Israel has denied the account. "
            "Medics said 8 people were wounded.")
    assert places(text) == [("8", "west_bank")]
    # beyond a few sentences the last name counts again
    far = "Shelling hit a school in Jenin on Sunday. " + "The talks went on. " * 30 + "Israel said 8 were wounded."
    assert places(far) == [("8", "israel")]


def test_a_line_pointing_to_another_story_is_not_the_passage_place():
    text = ("Gunmen killed 9 villagers in Mopti.\nRead More: Storm Kills 30 People In Chile\n"
            "The army said 3 soldiers were wounded.")
    assert places(text) == [("9", "mali"), ("30", "chile"), ("3", "mali")]


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        # "Georgia" is the US state in a story that names the United States otherwise, and no Georgian place
        ("A tornado in Georgia killed 5 people, officials in Atlanta said.", "", [("5", "united_states")]),
        ("Storms killed 5 people in Georgia.", "Tornadoes tear across the South of the U.S.", [("5", "united_states")]),
        ("Floods in Georgia killed 5 people, officials in Tbilisi said.", "", [("5", "georgia")]),
        ("Floods in Georgia killed 5 people.", "", [("5", "georgia")]),
        # a story naming both keeps the country
        ("Floods in Georgia killed 5 people; officials in Tbilisi spoke to reporters from Texas.", "",
         [("5", "georgia")]),
    ],
)
def test_georgia_is_the_us_state_in_us_news(text, title, expected):
    assert places_titled(text, title) == expected


def test_the_claims_table_reads_each_articles_headline_for_place():
    import pandas as pd

    from newskit.figures import claims_table

    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "X"], "published": ["2024-01-02"] * 2,
                             "title": ["Storm hits villages in Chile", None]})
    passages = pd.DataFrame({"article_id": ["a", "b"], "passage_id": [0, 0],
                             "text": ["Officials said 14 people died.", "Officials said 14 people died."]})
    table = claims_table(passages, articles)
    assert table[["article_id", "place"]].values.tolist() == [["a", "chile"], ["b", "unknown"]]


def test_georgia_reads_the_earlier_passages_of_its_article():
    assert places_titled("In Georgia, 5 people died.", "", context="A tornado hit Atlanta on Monday.") == [
        ("5", "united_states")]
    assert places_titled("In Georgia, 5 people died.", "", context="Protests filled Tbilisi on Monday.") == [
        ("5", "georgia")]
    # an organisation's name is no place ("New York Times")
    assert places_titled("Floods in Georgia killed 5 people, the New York Times reported.", "") == [("5", "georgia")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a kind of place and "of" before the name: "in the town of X", "in Kibbutz X" are locations
        ("Gunmen killed 12 people in the town of Sderot.", [("12", "israel")]),
        ("Gunmen killed 14 villagers in the town of Mopti.", [("14", "mali")]),
        ("Floods killed 30 people in the northern town of Derna.", [("30", "libya")]),
        ("Shelling killed 11 civilians in the village of Hroza.", [("11", "ukraine")]),
        ("An airstrike killed 9 people in the Sudanese city of El Fasher.", [("9", "sudan")]),
        ("The earthquake killed 2,000 people in the province of Herat.", [("2,000", "afghanistan")]),
        ("Soldiers found 20 bodies in Kibbutz Kfar Aza.", [("20", "israel")]),
        ("In 2008 a mortar killed one man and wounded four others in Kibbutz Nir Oz.",
         [("one", "israel"), ("four", "israel")]),
        # a compass word after any preposition ("on southern Israel", "from northern Gaza")
        ("Hamas staged a surprise attack on southern Israel that killed more than 1,300 people.",
         [("1,300", "israel")]),
        ("Rocket attacks on southern Israel have left two Israelis dead, and 345 Palestinians died in Gaza.",
         [("two", "israel"), ("345", "gaza")]),
        ("Some 5,000 people fled across eastern Chad's border towns.", [("5,000", "chad")]),
        # an act on a place happens there ("the bombardment of Gaza", "the siege of Mariupol")
        ("The bombardment of Gaza has killed more than 1,900 people.", [("1,900", "gaza")]),
        ("The Russian shelling of Kharkiv killed 7 people.", [("7", "ukraine")]),
        ("The siege of Mariupol killed thousands of civilians.", [("thousands", "ukraine")]),
        ("Russia's invasion of Ukraine has displaced 6 million people.", [("6 million", "ukraine")]),
        # the people of a place live there; citizens of a country are its nationals, anywhere
        ("Half of the residents of Khan Younis have fled.", [("Half", "gaza")]),
        ("Half of the population of Gaza has been displaced.", [("Half", "gaza")]),
        ("Ten citizens of Nepal were killed in the attacks.", [("Ten", "unknown")]),
        # ", where": what the clause tells happened at the name before it
        ("He lived in Kibbutz Nir Oz, where 40 people were killed.", [("40", "israel")]),
        ("Militants stormed the camp of Zamzam, where 40 people were killed.", [("40", "sudan")]),
        ("The strike hit a market in Nabatieh, where 12 people died.", [("12", "lebanon")]),
        ("A resident of Kibbutz Be'eri, where more than 100 civilians were killed, spoke.", [("100", "israel")]),
    ],
)
def test_place_kinds_acts_and_people_of_a_place(text, expected):
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # where a weapon was fired from is not where its victims were
        ("Thirteen Israelis have been killed, four of them by rocket fire from Gaza.",
         [("Thirteen", "israel"), ("four", "israel")]),
        ("A missile launched from Yemen killed 2 people.", [("2", "unknown")]),
        ("A rocket barrage from southern Lebanon killed 2 people.", [("2", "unknown")]),
        ("Russian missiles fired from Belarus killed 4 people in Kyiv.", [("4", "ukraine")]),
        ("Drones launched from Lebanon wounded 3 Israelis.", [("3", "israel")]),
        # where attackers came from, or a statement
        ("The war erupted when Hamas militants stormed into Israel from Gaza and killed over 1,400 people.",
         [("1,400", "israel")]),
        ("Fighters who crossed from Sudan killed 12 people in eastern Chad.", [("12", "chad")]),
        ("Gunmen who came from Mali killed 20 villagers.", [("20", "unknown")]),
        ("The statement from Ottawa came after a blast which the Gaza Health Ministry said killed hundreds of "
         "people.", [("hundreds", "gaza")]),
        # off a coast
        ("At least 70 Ethiopian migrants died when their boat capsized off Yemen.", [("70", "yemen")]),
        ("Bandits killed 45 villagers in the north-western state of Zamfara.", [("45", "nigeria")]),
        # where people were moved or fled to: not where they were hurt; for the displaced it still tells
        ("Israel allowed 12 wounded Gazans into Egypt for treatment.", [("12", "gaza")]),
        ("Ten wounded children were flown to Jordan for treatment.", [("Ten", "unknown")]),
        ("Some 20,000 Sudanese have fled into Chad since April.", [("20,000", "sudan")]),
        ("Thousands of displaced people fled to the southern city of Rafah.", [("Thousands", "gaza")]),
    ],
)
def test_place_origin_and_destination_are_not_where(text, expected):
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a demonym before a territory noun is a place ("the Lebanese side", "Syrian villages")
        ("Four civilians were killed on the Lebanese side of the border.", [("Four", "lebanon")]),
        ("Israel responded with shelling of Lebanese border areas, and four civilians were killed.",
         [("four", "lebanon")]),
        ("Israeli shelling killed 4 people in Lebanese border villages.", [("4", "lebanon")]),
        ("Eight people were killed on the Ukrainian side of the front.", [("Eight", "ukraine")]),
        ("More than 1,400 people have been killed on the Israeli side.", [("1,400", "israel")]),
        # "Palestinian towns" may be in Gaza or the West Bank: no territory, only a demonym
        ("Troops raided Palestinian towns and arrested 40 people.", [("40", "unknown")]),
        # the demonym of the toll a number is
        ("The Palestinian death toll passed 7,300 as Israel launched waves of airstrikes in response to the "
         "bloody Hamas rampage in southern Israel on Oct. 7.", [("7,300", "gaza")]),
        ("The Sudanese death toll has risen to 15,000, officials said.", [("15,000", "sudan")]),
        ("The Lebanese toll rose to 400 on Tuesday.", [("400", "lebanon")]),
        # a demonym or a country that does the act is no place of the people it hits
        ("Hezbollah killed 3 soldiers.", [("3", "unknown")]),
        ("Hamas accused Israel of killing five of its fighters.", [("five", "unknown")]),
        ("Russia accused Ukraine of killing 12 people in Belgorod.", [("12", "russia")]),
        # a country's nationals, foreign minister or government speak of people anywhere
        ("More than 1,000 people died in the attack, U.S. citizens among them.", [("1,000", "unknown")]),
        ("Nine Canadian nationals were wounded, Canada's foreign minister said.", [("Nine", "unknown")]),
        ("France's foreign minister said that eight French citizens had been killed.", [("eight", "unknown")]),
        ("The government of Thailand said 14 of its citizens were killed.", [("14", "unknown")]),
        ("U.S. officials said some 20 Americans remain unaccounted for.", [("20", "unknown")]),
        ("Thailand says 24 Thais have been killed and 13 wounded.", [("24", "unknown"), ("13", "unknown")]),
        ("Sudan says 24 people have been killed.", [("24", "sudan")]),
        ("An IDF soldier was killed, and two were injured, the Israel Defense Forces said.", [("two", "unknown")]),
        # an agency whose staff are counted in one place
        ("UNRWA said 88 of its staff members have been killed.", [("88", "gaza")]),
        # a demonym of part of the count says nothing of the rest
        ("After 50 days of fighting in which more than 2,200 people died, most of them Palestinians.",
         [("2,200", "unknown")]),
        ("The clashes have killed some 700 people, many of them Tigrayans.", [("700", "unknown")]),
        ("The fighting killed 400 people, most of them Lebanese.", [("400", "unknown")]),
        ("The raid killed 12 Lebanese, officials said.", [("12", "lebanon")]),
        # how outlets name the Strip without its name
        ("The strikes injured 2,100 others in the coastal enclave.", [("2,100", "gaza")]),
        ("At least 40 people were killed across the Hamas-run territory.", [("40", "gaza")]),
        # beside an institution, its seat is where it happened; a researcher's university is not
        ("Nine people were killed at a bus stop near Al Azhar University in Gaza City.", [("Nine", "gaza")]),
        ("Protesters gathered outside the ministry in Ramallah, and 3 were wounded.", [("3", "west_bank")]),
        ("Researchers of Ghent University in Belgium estimate 50,000 people died.", [("50,000", "unknown")]),
    ],
)
def test_place_demonyms_of_territory_toll_and_actor(text, expected):
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        # the October 7 attack told by its actor and act places the figures told as its own
        ("The Hamas attacks on Saturday that killed more than 1,200 people shocked the country.", "",
         [("1,200", "israel")]),
        ("Hamas was able to kill more than 1,300 people before the army arrived.", "", [("1,300", "israel")]),
        ("The Gaza Strip, pounded by Israeli airstrikes in retaliation for Hamas attacks on Saturday that killed "
         "more than 1,200 people, is on the brink.", "", [("1,200", "israel")]),
        ("Hamas brutally killing more than 1,300 people shocked the country.", "", [("1,300", "israel")]),
        # ... and none after it that is not its own
        ("Since Hamas killed 1,400 people, Israeli strikes have killed 10,000 people.", "",
         [("1,400", "israel"), ("10,000", "unknown")]),
        ("Hamas said 30 people were killed in Israeli strikes.", "", [("30", "unknown")]),
        # a headline that locates two places says nothing of which
        ("The war has killed more than 150,000 people.", "Houthis launch strikes at Israel during the war in Gaza",
         [("150,000", "unknown")]),
        ("Officials said 14 people died overnight.", "Floods in Kenya and in Kenya's north", [("14", "kenya")]),
        # the seat of an institution says which war a text is about ("the Health Ministry in Gaza")
        ("The U.S. would push for pauses. The toll has passed 10,000, according to the Hamas-run Health Ministry "
         "in Gaza.", "", [("10,000", "gaza")]),
    ],
)
def test_place_events_by_actor_and_headlines(text, title, expected):
    assert places_titled(text, title) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hostages: taken where they were taken (by the October 7 attack's actor and act), held or freed in Gaza
        ("Hamas took some 240 people hostage.", [("240", "israel")]),
        ("Of the roughly 240 people abducted on Oct. 7, 105 were freed.", [("240", "israel"), ("105", "gaza")]),
        ("Some 240 people were taken hostage during the Oct. 7 attack.", [("240", "israel")]),
        ("Hamas released two American hostages on Friday.", [("two", "gaza")]),
        ("The bodies of six hostages were recovered from a tunnel in Rafah.", [("six", "gaza")]),
        ("Gunmen kidnapped 80 students from a school in Kaduna state.", [("80", "nigeria")]),
        # a number that is the kin's of those the clause is about: the clause's place is the kin's
        ("The families of the 203 hostages rallied in Tel Aviv.", [("203", "gaza")]),
        ("Relatives of some 40 missing miners protested in Ankara.", [("40", "unknown")]),
        ("Twelve miners were killed in Soma, relatives said in Ankara.", [("Twelve", "turkey")]),
    ],
)
def test_place_hostages_and_kin(text, expected):
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # demonyms of more countries and peoples of the gazetteer: the place when nothing else tells
        ("Twelve Senegalese fishermen died when their boat sank.", [("Twelve", "senegal")]),
        ("Clashes killed 40 Masalit civilians.", [("40", "sudan")]),
        ("Gunmen killed 15 Oromo farmers.", [("15", "ethiopia")]),
        ("Floods killed 300 Malawian villagers.", [("300", "malawi")]),
        # ... and location still beats nationality
        ("Twelve Senegalese fishermen died off the coast of Mauritania.", [("Twelve", "mauritania")]),
        ("A blast killed 9 people in Iraqi Kurdistan.", [("9", "iraq")]),
    ],
)
def test_place_demonyms_of_more_countries(text, expected):
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an army's dead fall wherever it fights: its demonym places none of them (eval/README.md, consistency pass 3)
        ("Seven Israeli soldiers were killed in the ground operation.", [("Seven", "unknown")]),
        ("Three Russian soldiers died overnight.", [("Three", "unknown")]),
        ("The army said 46 of its soldiers have been killed.", [("46", "unknown")]),
        ("Seven Israeli soldiers were killed in Gaza.", [("Seven", "gaza")]),
        ("Five Hezbollah fighters were killed.", [("Five", "lebanon")]),
        # a source's demonym or seat is no place (consistency pass 5); the Gaza authorities' tolls are Gaza's
        ("Up to 15,000 of those killed were combatants, Israeli officials estimate.", [("15,000", "unknown")]),
        ("Upwards of 600 people were injured in the blasts, Lebanese officials said.", [("600", "unknown")]),
        ("Palestinian medical officials say more than 40 people were killed on Tuesday.", [("40", "unknown")]),
        ("Sudanese state media said 30 people died in the attack.", [("30", "unknown")]),
        ("At least 23 people were killed in airstrikes, said security and medical sources in Gaza.",
         [("23", "unknown")]),
        ("The raid killed 12 Palestinians, Palestinian officials said.", [("12", "gaza")]),
        ("The Hamas-run media office said 1,000 people had been killed.", [("1,000", "gaza")]),
        ("The Hamas-run health ministry said 20,000 people have been killed.", [("20,000", "gaza")]),
        ("The militants were killed, and the Palestinian group held funerals for two of them.", [("two", "unknown")]),
        # a country that says it did the act is its actor
        ("Israel says it has killed several thousand fighters.", [("thousand", "unknown")]),
        ("Russia said its forces had killed 300 Ukrainian soldiers.", [("300", "unknown")]),
        # an event told by its actor's act needs the actor to act, not to suffer
        ("Israel says roughly 1,500 Hamas militants were killed inside Israel, and that hundreds of the dead in "
         "Gaza are Hamas members.", [("1,500", "israel"), ("hundreds", "gaza")]),
        ("Thousands of terrorists from Gaza stormed across the border on Oct. 7, murdering at least 1,400 people.",
         [("1,400", "israel")]),
        # a possessed place is in its possessor; a possessor alone is no place
        ("Twelve people were killed in Gaza's largest hospital.", [("Twelve", "gaza")]),
        ("Shelling killed 7 people in Ukraine's east.", [("7", "ukraine")]),
        ("Twelve people were killed in Israel's assault on Gaza.", [("Twelve", "gaza")]),
        # a new clause with its own verb has its own place
        ("In the West Bank, Israeli forces killed eight Palestinians in clashes on Friday, and security was "
         "stepped up in cities around the United States.", [("eight", "west_bank")]),
        ("The IDF said 279 of its soldiers have been killed since Oct. 7, and that 126 abductees are being held "
         "in Gaza.", [("279", "unknown"), ("126", "gaza")]),
    ],
)
def test_place_consistency_pass_rules(text, expected):
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        # the place a headline's act reaches is where its story happens; its opening subject is not
        ("At least 70 people were killed along the way.", "Thousands Flee Northern Gaza as Panic Spreads",
         [("70", "gaza")]),
        ("Around 300 concertgoers were murdered.", "Survivors of the Israel music festival describe the day",
         [("300", "israel")]),
        ("Officials said 14 people died.", "Sudan Says Talks Will Resume Next Week", [("14", "unknown")]),
        ("Officials said 14 people died.", "Russia Bombs Kharkiv Again", [("14", "ukraine")]),
        # two places, or a count of the whole war: the headline places nothing
        ("Officials said 14 people died.", "Israel Strikes Gaza and Lebanon", [("14", "unknown")]),
        ("Already, scores of citizens have been killed in the conflict.", "Thousands Flee Northern Gaza",
         [("scores", "unknown")]),
        ("The army said 279 soldiers have been killed since Oct. 7.", "Fighting rages in Gaza", [("279", "unknown")]),
    ],
)
def test_place_headline_act_and_whole_war(text, title, expected):
    assert places_titled(text, title) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # nationals of a country far from the war, by their plural noun
        ("Five Canadians were among the hundreds killed.", [("Five", "foreigners"), ("hundreds", "people")]),
        ("Two Australians and three Italians were wounded.", [("Two", "foreigners"), ("three", "foreigners")]),
        # a number with no noun named as a group after it ("nine of them as its fighters")
        ("At least 13 Palestinians were killed, and Hamas acknowledged nine of them as its fighters.",
         [("13", "palestinians"), ("nine", "militants")]),
        ("The army named 12 of the dead as soldiers.", [("12", "soldiers")]),
        ("Twelve were killed, police said, and three as they fled.", [("Twelve", "people"), ("three", "people")]),
    ],
)
def test_group_of_nationals_and_a_group_named_with_as(text, expected):
    assert [(f.surface, f.group) for f in extract_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        # hostages named in the figure's own noun phrase were held in Gaza, whatever their nationality
        ("On Monday, Hamas said that four Israeli hostages had been killed in an Israeli strike.", "",
         [("four", "gaza")]),
        ("Two Thai hostages were freed.", "", [("Two", "gaza")]),
        # "on both sides" right after a number makes it two places, whatever event it follows
        ("Hamas attacked southern Israel on Oct. 7, killing more than 1,400 people and setting off a war that has "
         "left more than 4,000 dead on both sides.", "", [("1,400", "israel"), ("4,000", "unknown")]),
        # "between X and Y", "collaborators with X": points of reference, not where
        ("Reporters Without Borders says 34 journalists have been killed in the war between Israel and Hamas.", "",
         [("34", "unknown")]),
        ("Officials said 2 people died.", "Fighters killed as tensions flare along the border between Lebanon and "
         "Israel", [("2", "unknown")]),
        ("Palestinian militants in a West Bank refugee camp killed two alleged collaborators with Israel.", "",
         [("two", "west_bank")]),
        ("Twelve people died in a Kharkiv apartment block.", "", [("Twelve", "ukraine")]),
        # a country's nationals ("14 of its citizens") are wherever they are
        ("The government of Thailand said 14 of its citizens were killed, and France said 10 of its people were "
         "dead.", "", [("14", "unknown"), ("10", "unknown")]),
        # a headline's possessor places nothing
        ("Officials said 14 people died.", "War updates: Yemen's Houthi rebels claim a drone attack",
         [("14", "unknown")]),
    ],
)
def test_place_held_spanning_reference_and_nationals(text, title, expected):
    assert places_titled(text, title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # a headline's location first; the subject of any of its parts is an actor
        ("Networks collapse in Gaza, worsening the crisis; Israel displays weapons", [("14", "gaza")]),
        ("Phones go dark in Khartoum; RSF claims gains", [("14", "sudan")]),
        # a place named as its war's or the talks' is not where the story happens
        ("Arab countries demand Gaza ceasefire after the explosion", [("14", "unknown")]),
        ("Leaders meet for Ukraine peace talks", [("14", "unknown")]),
        ("Rescuers dig through Gaza rubble", [("14", "gaza")]),
    ],
)
def test_place_headline_parts_and_names_of_wars(title, expected):
    assert places_titled("Officials said 14 people died.", title) == expected


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        # a place's name that is a person's first name is no place: after a title, or before a surname and a
        # report verb
        ("Defence Minister Israel Katz said 20 militants were killed.", "", [("20", "unknown")]),
        ("Jordan Bardella said 3 people died in the crash.", "", [("3", "unknown")]),
        ("Sen. Paris Dennard said that 12 people were killed in the attack.", "", [("12", "unknown")]),
        ("Chad Miller told reporters 4 people drowned.", "", [("4", "unknown")]),
        ("Golan Levi, 40, was one of 3 people killed at the party.", "", [("3", "unknown")]),
        ("In Golan, 40, 12 people were wounded.", "", [("12", "syria")]),
        ("Tigray spokesman Getachew Reda said 300 civilians had been killed.", "", [("300", "ethiopia")]),
        ("Jordan said 3 of its soldiers died.", "", [("3", "unknown")]),
        ("The Sudan Police said 9 people drowned.", "", [("9", "sudan")]),
        # an outlet's seat in a credit line or after the outlet is no place
        ("In a statement seen by Sahel Daily News, New York, the army said 15 soldiers were killed in Borno.", "",
         [("15", "nigeria")]),
        ("The toll rose to 30, according to a report by Agence France-Presse in Paris.", "Floods kill 30 in Kenya",
         [("30", "kenya")]),
        ("Speaking to Al Jazeera, Doha, a local official said 11 people died.", "Landslide in Nepal kills 11",
         [("11", "nepal")]),
        ("Xinhua in Beijing reported that 8 miners died.", "Mine flood in Shanxi", [("8", "china")]),
        # a country accused or blamed did it; a country called on to act is named, not a location
        ("The UN accused Russia of forcing more than a million people from their homes.", "",
         [("a million", "unknown")]),
        ("Aid agencies called on Sudan to protect civilians after 40 people were killed in a market.", "",
         [("40", "sudan")]),
        ("Rebels blamed Myanmar for the airstrike that killed 30 villagers.", "", [("30", "unknown")]),
        # a country that frees prisoners is the side that did it, not where they were detained
        ("Israel freed 30 Palestinian prisoners on Tuesday.", "", [("30", "unknown")]),
        ("Russia released 90 Ukrainian prisoners of war in an exchange.", "", [("90", "unknown")]),
        ("Ukraine handed over 50 Russian prisoners.", "", [("50", "unknown")]),
        ("Police in Kano released 12 detainees arrested in Kano.", "", [("12", "nigeria")]),
    ],
)
def test_place_person_names_outlet_seats_and_actors(text, title, expected):
    assert places_titled(text, title) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the other names of the countries of the cross-domain passages, and towns of their wars and disasters
        ("Clashes in the DRC left 12 dead.", [("12", "dr_congo")]),
        ("In DR Congo, 8 people died in a landslide.", [("8", "dr_congo")]),
        ("Fighting in Congo-Kinshasa displaced 7,000 people.", [("7,000", "dr_congo")]),
        ("Rebels killed 17 villagers near Kwamouth.", [("17", "dr_congo")]),
        ("Floods in Burma have killed 74 people.", [("74", "myanmar")]),
        ("Airstrikes on Hpakant killed 12 jade miners.", [("12", "myanmar")]),
        ("Gunmen killed 19 villagers in Zamfara state.", [("19", "nigeria")]),
        ("Insurgents killed 9 farmers near Monguno.", [("9", "nigeria")]),
        ("A suicide bomber killed 9 people in Kismayu.", [("9", "somalia")]),
        ("The RSF killed 100 people in El Fashir.", [("100", "sudan")]),
        ("Drone strikes on Kosti killed 11.", [("11", "sudan")]),
        ("Airstrikes on Al Bayda killed 6 people.", [("6", "yemen")]),
        ("Jihadists killed 40 soldiers near Djibasso.", [("40", "burkina_faso")]),
        ("A car bomb in Tal Afar killed 22 people.", [("22", "iraq")]),
        ("Twenty people died in a gang attack in Kenscoff.", [("Twenty", "haiti")]),
        ("Gunmen killed 11 people in Fresnillo.", [("11", "mexico")]),
        ("A blast in Lashkar Gah killed 21 people.", [("21", "afghanistan")]),
        ("Shelling in Orikhiv killed two people.", [("two", "ukraine")]),
        ("Fighting around Humera has killed 60 people.", [("60", "ethiopia")]),
        ("Militants killed 17 people near Ogossagou.", [("17", "mali")]),
        ("The barrel bombs killed 12 in Darayya.", [("12", "syria")]),
        ("The cyclone killed 10,000 people in Orissa.", [("10,000", "india")]),
        ("The stampede in Hathras killed 121 people.", [("121", "india")]),
        ("The earthquake killed 73,000 people in Pakistan-administered Kashmir.", [("73,000", "pakistan")]),
        ("The quake killed 1,300 people in Muzaffarabad.", [("1,300", "pakistan")]),
        ("The earthquake killed 80 people in Indian-administered Kashmir.", [("80", "india")]),
        ("The Rana Plaza collapse killed 1,134 garment workers.", [("1,134", "bangladesh")]),
        ("The plane crashed at Sheremetyevo airport, killing 41 people.", [("41", "russia")]),
        ("The jet crashed in Rostov-on-Don, killing 62.", [("62", "russia")]),
        ("The quake flattened Amatrice, killing 299 people.", [("299", "italy")]),
        ("Floods in Padang killed 50 people.", [("50", "indonesia")]),
        ("The cyclone killed 20 people in Toamasina.", [("20", "madagascar")]),
        ("The landslide in Gofa killed 257 people.", [("257", "ethiopia")]),
        ("The quake in Yushu killed 2,700 people.", [("2,700", "china")]),
        ("A gunman killed 10 people at a supermarket in Boulder.", [("10", "united_states")]),
    ],
)
def test_place_names_of_the_cross_domain_countries(text, expected):
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        # a country that starts or keeps striking is the side that did it ("there" refers past it)
        ("Shells hit Kharkiv overnight. Then Russia started shelling the area non-stop. The shelling there has left "
         "300 people homeless.", "", [("300", "ukraine")]),
        ("Drones hit El Fasher on Friday. Chad kept bombing the area for days. The bombing there has left 2,000 "
         "people with nowhere to go.", "", [("2,000", "sudan")]),
        # where attackers came from is not where they died, whatever the tense of the verb
        ("Two gunmen were killed after crossing into Chad from Sudan.", "", [("Two", "chad")]),
        ("Troops killed 5 militants infiltrating Kashmir from Pakistan.", "", [("5", "india")]),
        # a country's name before an actor's noun, with the place struck named after: the place struck
        ("Ten people were killed in U.S. strikes on Yemen.", "", [("Ten", "yemen")]),
        ("Ten people were killed in U.S. airstrikes on the port city of Hodeidah.", "", [("Ten", "yemen")]),
        ("Ten people were killed in Russia strikes on Kharkiv.", "", [("Ten", "ukraine")]),
        ("Ten people were killed in Gaza strikes on Tuesday.", "", [("Ten", "gaza")]),
        # a headline that opens with a place as its label places the story there
        ("Officials said 22 people died.", "Afghanistan: floods kill dozens", [("22", "afghanistan")]),
        ("Officials said 22 people died.", "Mexico says 22 migrants died in a fire", [("22", "unknown")]),
    ],
)
def test_place_actors_origins_targets_and_labels(text, title, expected):
    assert places_titled(text, title) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sea named after a place is not that place
        ("A missile killed three crew members aboard a ship in the Gulf of Aden.", [("three", "unknown")]),
        ("Pirates killed 2 sailors in the Gulf of Guinea.", [("2", "unknown")]),
        ("The boat sank in the Bay of Bengal; 40 Rohingya drowned off Myanmar.", [("40", "myanmar")]),
        # the Rohingya live in (and fled from) Myanmar; a camp in Bangladesh places those in it
        ("Soldiers killed at least 6,700 Rohingya in the first month.", [("6,700", "myanmar")]),
        ("More than 700,000 Rohingya fled the crackdown.", [("700,000", "myanmar")]),
        ("A fire at the Kutupalong camp left 12,000 Rohingya homeless.", [("12,000", "bangladesh")]),
        # the Hamas-led attack is the October 7 attack however its attackers are named
        ("Hamas-led militants killed about 1,200 people and took roughly 240 hostages.",
         [("1,200", "israel"), ("240", "israel")]),
    ],
)
def test_place_seas_and_the_hamas_led_attack(text, expected):
    assert places(text) == expected
