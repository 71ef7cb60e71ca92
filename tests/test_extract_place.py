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
        ("Five Congolese soldiers were killed.", [("Five", "dr_congo")]),
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
    ],
)
def test_group_said_around_a_number_with_no_noun(text, expected):
    assert [(f.surface, f.group) for f in extract_figures(text)] == expected
