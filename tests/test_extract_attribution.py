"""Attribution: the source and source type of a figure, on short sentences written for these tests."""

from __future__ import annotations

import pytest

from newskit.extract.sentences import sentence_spans_of_block
from newskit.figures import extract_figures


def _figure(text: str, surface: str):
    figures = {f.surface: f for f in extract_figures(text)}
    assert surface in figures, f"no figure {surface!r} in {sorted(figures)}"
    return figures[surface]


# (text, figure surface, source, source_type)
CASES = [
    # a source after a quotation, and across sentences
    ('"We counted 14 dead in the camp," the ministry said.', "14", "the ministry", "health_ministry"),
    ("The Gaza health ministry gave its daily update. It said 52 people were killed overnight.", "52",
     "The Gaza health ministry", "health_ministry"),
    ("The charity Save the Children released a report. The fighting has slowed. Deliveries stopped. "
     "It said 9 staff were wounded.", "9", "The charity Save the Children", "ngo"),
    ('Warda Ali spoke to reporters at the clinic. "We buried 23 people today," she told them. '
     '"Another 40 are missing."', "40", "Warda Ali", "other"),
    ('"The shelling went on all night. In the morning we found 17 bodies near the well.'
     ' Nobody could help them," the village chief said.', "17", "the village chief", "other"),
    # auxiliaries between the source and its verb
    ("The army has said 8 soldiers were killed in Gaza.", "8", "The army", "israeli_military"),
    ("Gaza authorities have also said 300 people were wounded.", "300", "Gaza authorities",
     "palestinian_officials"),
    # titles and names set off by commas or dashes
    ("The Israeli army spokesman, Lt. Col. Avi Dror, said 6 soldiers died.", "6",
     "The Israeli army spokesman, Lt. Col. Avi Dror", "israeli_military"),
    ("Dr. Salem Nour - who runs the ward - said 30 children were hurt.", "30", "Dr. Salem Nour", "other"),
    # named officials of UN bodies and NGOs, by their apposition or the subject before the verb
    ("Maria Lund, a spokeswoman for the U.N. refugee agency UNHCR, said 1,200 people had fled.", "1,200",
     "Maria Lund", "un"),
    ("Tomas Berg, head of a local rights group that monitors the prisons, said 45 detainees had died.", "45",
     "Tomas Berg", "ngo"),
    # hospital and civil defence sources
    ("Doctors at the Nasser hospital said 19 people were killed.", "19", "Doctors at the Nasser hospital",
     "other"),
    ("Palestinian civil defence said 11 bodies were recovered in Gaza.", "11", "Palestinian civil defence",
     "palestinian_officials"),
    # media attributions and an outlet's own journalist
    ("Israeli media reported that 4 soldiers were wounded.", "4", "Israeli media", "media"),
    ("Security Correspondent Ann Bell says more than 200 hostages are held.", "200", None, "none"),
    # a possessive count, a passive agent, a headline with a colon
    ("The health ministry's tally of 9,100 dead includes fighters, the envoy said.", "9,100",
     "The health ministry", "health_ministry"),
    ("The toll of 64 given by the regional governor could rise.", "64", "the regional governor", "other"),
    ("UNICEF: '2 million children displaced by the war'", "2 million", "UNICEF", "un"),
    # a figure that adds to an attributed one, and one that does not
    ("About 900 were killed, according to the health ministry in Gaza, with hundreds more missing.", "hundreds",
     "the health ministry in Gaza", "health_ministry"),
    ("With 900 killed, according to the health ministry in Gaza, and 60% of residents displaced, talks resumed.",
     "60%", None, "none"),
    # the types of the Israel-Gaza war belong to it: other countries' armies and ministries are other
    ("Fighting in Sudan goes on. The army said 30 soldiers were killed near Khartoum.", "30", "The army", "other"),
    ("Sudan's health ministry said 70 people died in El Fasher.", "70", "Sudan's health ministry", "other"),
    ("The Kenyan embassy in Israel said 3 Kenyans were killed.", "3", "The Kenyan embassy in Israel", "other"),
    ("Israeli police said 5 people were killed in the stabbing in Jerusalem.", "5", "Israeli police",
     "israeli_government"),
    ("Three students were wounded near the campus in Vermont, police said.", "Three", "police", "other"),
    # a health ministry does not count Israeli victims
    ("Some 1,300 Israelis were killed and 2,700 Palestinians, the Gaza health ministry said.", "1,300", None,
     "none"),
    ("Some 1,300 Israelis were killed and 2,700 Palestinians, the Gaza health ministry said.", "2,700",
     "the Gaza health ministry", "health_ministry"),
    # a bare "the ministry" is the ministry named before it, else the health ministry
    ("Qatar's foreign ministry condemned the raid. The ministry said 2 Qatari nationals were hurt.", "2",
     "The ministry", "other"),
    ("At least  7  medics  have  been  killed,  the  ministry  said.", "7", "the ministry", "health_ministry"),
    # no report: "claimed responsibility", a warning addressed to people
    ("The group claimed responsibility for a bombing that killed 12 people.", "12", None, "none"),
    ("The army warned 200,000 displaced people not to return north.", "200,000", None, "none"),
    # across paragraphs, a relative clause, a headline's quotation, "the report" typed by its author
    ("Lena Moss of the U.N. children's agency UNICEF visited the camp.\n\nShe said 14 children had died there.",
     "14", "UNICEF", "un"),
    ("A nurse who said she saw the blast said 7 people were wounded.", "7", "A nurse", "other"),
    ("OCHA: '80,000 displaced by the floods' More than 3,000 people were killed in the storm.", "80,000", "OCHA",
     "un"),
    ("OCHA: '80,000 displaced by the floods' More than 3,000 people were killed in the storm.", "3,000", None,
     "none"),
    # an acronym in brackets, the author of a document, a passive report verb
    ("The Sudan Doctors Network (SDN) said 40 people were killed in Sudan.", "40", "The Sudan Doctors Network",
     "other"),
    ("At least 19 people died, according to a report issued on Friday by the Red Cross.", "19", "the Red Cross",
     "ngo"),
    ("Some 15 people died, according to the report, which was published Friday.", "15", "the report", "other"),
    ("The annual report of Amnesty International came out on Monday. According to the report, 35 prisoners "
     "died in custody.", "35", "the report", "ngo"),
]


@pytest.mark.parametrize(("text", "surface", "source", "source_type"), CASES)
def test_source_and_type(text, surface, source, source_type):
    figure = _figure(text, surface)
    assert (figure.source, figure.source_type) == (source, source_type)


def test_source_strings_are_clean():
    for text, surface, _source, _type in CASES:
        source = _figure(text, surface).source
        if source is not None:
            assert source == " ".join(source.split()), source
            assert source.split()[-1].lower() not in ("to", "of", "figures", "the"), source
            assert not source.endswith(")"), source


@pytest.mark.parametrize("title", ["Adm.", "Lt.", "Gen.", "Dr.", "Col.", "Sgt.", "St.", "Maj. Gen.", "A."])
def test_titles_and_initials_do_not_end_a_sentence(title):
    text = f"The spokesman, Rear {title} Daniel Hagari, said 12 soldiers were killed. Talks went on."
    spans, _ = sentence_spans_of_block(text, 0)
    assert [text[a:b] for a, b in spans] == [text[: text.index(" Talks")], "Talks went on."]


def test_a_sentence_glued_to_the_next_by_stripped_markup_is_two_sentences():
    text = "The ministry said 18 died on Tuesday.More than 10 others are missing, the paper reported."
    spans, _ = sentence_spans_of_block(text, 0)
    assert [text[a:b] for a, b in spans] == ["The ministry said 18 died on Tuesday.",
                                             "More than 10 others are missing, the paper reported."]
    assert _figure(text, "10").source == "the paper"
