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
     "14", "Lena Moss of the U.N. children's agency UNICEF", "un"),
    ("A nurse who said she saw the blast said 7 people were wounded.", "7", "A nurse", "other"),
    ("OCHA: '80,000 displaced by the floods' More than 3,000 people were killed in the storm.", "80,000", "OCHA",
     "un"),
    ("OCHA: '80,000 displaced by the floods' More than 3,000 people were killed in the storm.", "3,000", None,
     "none"),
    # an acronym in brackets, the author of a document, a passive report verb
    ("The Sudan Doctors Network (SDN) said 40 people were killed in Sudan.", "40", "The Sudan Doctors Network",
     "ngo"),
    ("At least 19 people died, according to a report issued on Friday by the Red Cross.", "19", "the Red Cross",
     "ngo"),
    ("Some 15 people died, according to the report, which was published Friday.", "15", "the report", "other"),
    ("The annual report of Amnesty International came out on Monday. According to the report, 35 prisoners "
     "died in custody.", "35", "the report", "ngo"),
]


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


# Issue 12, attribution round 2: classes of wording, each in several wordings of its own (other wars too).
# (text, figure surface, source, source_type)
TYPE_CASES = [
    # officials and authorities of a side named by its demonym or its territory
    ("Gazan officials said 41 people were killed in the strike on the camp.", "41", "Gazan officials",
     "palestinian_officials"),
    ("At least 90 people have died, according to the Gazan authorities.", "90", "the Gazan authorities",
     "palestinian_officials"),
    ("Officials in the Gaza Strip reported 17 deaths overnight.", "17", "Officials in the Gaza Strip",
     "palestinian_officials"),
    # the health ministry's officials, minister and spokesman, however his name is spelt
    ("A Gaza health official said 23 bodies were brought to the morgue.", "23", "A Gaza health official",
     "health_ministry"),
    ("The Palestinian health minister said 300 patients were evacuated.", "300",
     "The Palestinian health minister", "health_ministry"),
    ("Ashraf al-Qudra said 12 people were killed in Rafah.", "12", "Ashraf al-Qudra", "health_ministry"),
    ("At least 56 were killed on Monday, said Dr. Ashraf el-Qedra.", "56", "Dr. Ashraf el-Qedra",
     "health_ministry"),
    # a military rank before a name: the army of the Israel-Gaza war, any other army's is other
    ("Lt. Col. Jonathan Ross said 260 bodies were found at the festival site near Gaza.", "260",
     "Lt. Col. Jonathan Ross", "israeli_military"),
    ("Maj. Gen. Dan Avni told reporters that 1,500 militants were killed inside Israel.", "1,500",
     "Maj. Gen. Dan Avni", "israeli_military"),
    ("An Israeli general said 30 soldiers were wounded in Gaza City.", "30", "An Israeli general",
     "israeli_military"),
    ("In Khartoum, Brig. Gen. Nabil Abdallah said 40 fighters of the RSF were killed.", "40",
     "Brig. Gen. Nabil Abdallah", "other"),
    ("Myanmar's junta spokesman Maj. Gen. Zaw Min Tun said 16 soldiers died near Lashio.", "16",
     "Myanmar's junta spokesman Maj. Gen. Zaw Min Tun", "other"),
    # kinds of outlet: TV, radio, news media
    ("Israel's Army Radio reported that 11 soldiers were wounded in Gaza.", "11", "Israel's Army Radio", "media"),
    ("Hamas-run Al-Aqsa TV said 25 people were killed in Khan Younis.", "25", "Hamas-run Al-Aqsa TV", "media"),
    ("Palestinian news media reported 8 deaths in Jenin.", "8", "Palestinian news media", "media"),
    ("Radio Dabanga reported that 70 civilians were killed in El Geneina.", "70", "Radio Dabanga", "media"),
    # hospitals are other, in whatever country
    ("Israel's Soroka hospital said it had treated 280 wounded.", "280", "Israel's Soroka hospital", "other"),
    ("The Sheba Medical Center said it had treated 18 wounded soldiers.", "18", "The Sheba Medical Center", "other"),
    ("Al-Shifa hospital in Gaza City said 50 bodies had arrived.", "50", "Al-Shifa hospital in Gaza City",
     "other"),
    # armed groups that are no Palestinian body
    ("Hezbollah said 6 of its fighters were killed in south Lebanon.", "6", "Hezbollah", "other"),
    ("The Houthis said 14 people were killed in strikes on Hodeidah.", "14", "The Houthis", "other"),
    # organisations of civil society the vocabulary does not list, by how they are named
    ("The Hind Rajab Foundation said 19 children were killed.", "19", "The Hind Rajab Foundation", "ngo"),
    ("The Sudan Emergency Lawyers said 120 civilians were killed in the village.", "120",
     "The Sudan Emergency Lawyers", "ngo"),
    ("A local nonprofit said 35 migrants died off the coast of Libya.", "35", "A local nonprofit", "ngo"),
    ("A medical aid organization said 9 of its staff were wounded in Kharkiv.", "9",
     "A medical aid organization", "ngo"),
    ("Hala Yusuf, a spokeswoman for the Women of Darfur Network, said 60 women were abducted.", "60",
     "Hala Yusuf", "ngo"),
    # UN agencies, missions and rapporteurs
    ("UNIFIL said 3 peacekeepers were wounded in south Lebanon.", "3", "UNIFIL", "un"),
    ("According to UNAMID, 74 villagers were killed in North Darfur.", "74", "UNAMID", "un"),
    ("The World Food Program said 13 aid workers have been killed in Sudan.", "13", "The World Food Program",
     "un"),
    ("A UN special rapporteur said 2,000 detainees had died in custody in Myanmar.", "2,000",
     "A UN special rapporteur", "un"),
    # a source of two parts is the first named; a complement after "for"/"to" is not the head
    ("At least 31 people were killed, according to the UN and hospital officials.", "31",
     "the UN and hospital officials", "un"),
    ("The Gaza Health Ministry and witnesses said 15 people died at the aid site.", "15",
     "The Gaza Health Ministry and witnesses", "health_ministry"),
    ("The U.N. agency for Palestinians said 88 of its staff were killed in Gaza.", "88",
     "The U.N. agency for Palestinians", "un"),
    ("Israel's ambassador to the UN said 1,400 people were killed in Israel.", "1,400",
     "Israel's ambassador to the UN", "israeli_government"),
    ("Russia's ambassador to Israel said two Russian citizens were killed.", "two",
     "Russia's ambassador to Israel", "other"),
    ("Thailand's embassy in Israel said 21 Thai workers were killed.", "21", "Thailand's embassy in Israel", "other"),
    ("Palestinian health and Israeli military officials said 20 people were killed in Jenin.", "20",
     "Palestinian health and Israeli military officials", "israeli_military"),
    # "police", "authorities there", "local officials": the side of the place they speak for
    ("In Jerusalem, two people were killed in a shooting at a bus stop, police said.", "two", "police",
     "israeli_government"),
    ("Police said 4 people were injured in the stabbing in Tel Aviv.", "4", "Police", "israeli_government"),
    ("In Gaza and the West Bank, 700 people have been killed, according to authorities there.", "700",
     "authorities there", "palestinian_officials"),
    ("Strikes on Khan Younis killed 26 people, according to local officials.", "26", "local officials",
     "palestinian_officials"),
    ("Shelling in Kharkiv killed 9 people, local authorities said.", "9", "local authorities", "other"),
    ("Three students were wounded near the campus in Vermont, the police said.", "Three", "the police", "other"),
    ("Protesters marched in London against the bombardment of Gaza. Police said 12 people were arrested.", "12",
     "Police", "other"),
    ("Gunmen opened fire at a bus stop in Jerusalem. \"Free Palestine,\" one shouted. Police said 3 people died.", "3",
     "Police", "israeli_government"),
    ("About 900 people were killed in Israel and 700 in Gaza, according to authorities on both sides.", "700",
     "authorities", "other"),
]

# Source strings that are no source: "per cent", a day's or a place's toll, news reports and pictures
NO_SOURCE_CASES = [
    ("Children account for 40 per cent of those killed so far in the war.", "40 per cent"),
    ("Women were 26 per cent of the dead in Ukraine last year.", "26 per cent"),
    ("Saturday's death toll was the highest yet, with 56 people killed.", "56"),
    ("Sudan's death toll rose to 150 after the attack on the market.", "150"),
    ("Initial reports on Monday said 11 people had been killed in the raid.", "11"),
    ("Reports from the area said 8 villagers were killed.", "8"),
    ("Images showed the bodies of five children laid out in the yard.", "five"),
    ("Videos posted online appeared to show 20 bodies in the street.", "20"),
]

# Clean source strings in wordings of other outlets and wars
STRING_CASES = [
    ("On Friday, the health ministry released a new count, saying 7,300 people had been killed.", "7,300",
     "the health ministry"),
    ("On Tuesday, Ukraine's interior ministry published figures, saying 24 civilians died.", "24",
     "Ukraine's interior ministry"),
    ("Yet Salah Noor, a spokesman for the group, says that 100 people were arrested.", "100", "Salah Noor"),
    ("When the UN said a school was hit, killing at least 13 people, the army denied it.", "13", "the UN"),
    ("Medics in the embattled Strip said three people were killed.", "three",
     "Medics in the embattled Strip"),
    ("Doctors in the besieged city said 40 patients died.", "40", "Doctors in the besieged city"),
    ("Hamas's armed wing says 13 captives were killed in Israeli strikes.", "13", "Hamas's armed wing"),
    ("Sources inside Gaza say at least 20 people were killed overnight.", "20", "Sources inside Gaza"),
    ("Sources close to the army said 14 soldiers were killed near Goma.", "14", "Sources close to the army"),
    ("A UN report said 20 people were killed in the attack on the convoy.", "20", "A UN report"),
    ("An Amnesty report said that 36 prisoners died under torture.", "36", "An Amnesty report"),
    ("A U.N. report has found at least 26 people were killed in the massacre in Haiti.", "26", "A U.N. report"),
    ("The army's report showed that 40 soldiers died in the ambush.", "40", "The army's report"),
    ("In its annual report, the monitor said 36 prisoners died under torture.", "36", "the monitor"),
    ("An Israeli military statement sent to Reuters said 12 militants were killed.", "12",
     "An Israeli military statement"),
    # the document is the source, as "A UN report said" is; not the addressee after the participle
    ("A memo delivered to Congress on Thursday estimated 100 to 300 deaths.", "100 to 300", "A memo"),
    ("Civilians make up about 75 percent of the dead, according to a running count by the United Nations.",
     "75 percent", "the United Nations"),
    ("It killed 1,200 people, according to Israeli figures, prompting Israel to retaliate by bombing Gaza.",
     "1,200", "Israeli"),
    # a headline in capitals glued before the sentence, dashes and a final period
    ("FIVE KILLED IN JENIN The Palestinian Health Ministry said 5 people were killed.", "5",
     "The Palestinian Health Ministry"),
    ("FLOODS HIT THE NORTH Local officials said 31 people died in the floods.", "31", "Local officials"),
    ("At least 12 people were wounded, said Mahmoud Bassal.", "12", "Mahmoud Bassal"),
    ("Some 40 were killed -- the Palestinian health ministry -- said on Sunday.", "40",
     "the Palestinian health ministry"),
]


@pytest.mark.parametrize(("text", "surface"), NO_SOURCE_CASES)
def test_words_that_name_no_source(text, surface):
    figure = _figure(text, surface)
    assert (figure.source, figure.source_type) == (None, "none")


# A toll told as background in a relative clause of an attack or a war the sentence mentions is not what the
# source of the sentence reports; a count of attacks a source documents, and a toll in the source's own
# clause, are.
BACKGROUND_CASES = [
    ("The army said it would destroy Hamas, the group that led the attacks in Israel that killed 1,300 people.",
     "1,300", None),
    ("Officials in Kyiv said the talks would resume after the invasion that has killed more than 10,000 civilians.",
     "10,000", None),
    ("The rebels have said they are retaliating for the offensive in Darfur, which has killed 2,000 people.",
     "2,000", None),
    ("Ms. Adeyemi said she had not slept since the assault on the village that left 40 people dead.", "40", None),
    ("The WHO has documented 178 attacks on health care that killed 553 people.", "553", "The WHO"),
    ("The ministry said the strike killed 45 people in the camp.", "45", "The ministry"),
    ("Gaza authorities say the bombardment has killed 2,800 people.", "2,800", "Gaza authorities"),
]


# An attribution covers the clause that goes on after it with "and"/"with"/"including", not one that tells
# something else after "as"/"while".
CLAUSE_CASES = [
    ("At least 27 people were killed, according to Hamas authorities, and dozens were wounded.", "dozens",
     "Hamas authorities"),
    ("Eleven villagers were killed, according to local elders, with five children among the dead.", "five",
     "local elders"),
    ("More than 390 people were killed, according to medical sources, and 1,900 were wounded.", "1,900",
     "medical sources"),
    ("The strikes hit 40 targets on Thursday, the military said, as the death toll rose above 9,000.", "9,000",
     None),
    ("Troops entered the town, the governor said, while 300 people fled to the hills.", "300", None),
]


# A person named by name alone is the kind of source the text said they were when it named them before;
# not what an aside or the words of another clause mention.
EARLIER_MENTION_CASES = [
    ("UNRWA's director in Gaza, John Ging, visited the school on Monday. Ging said 40 people were killed in "
     "the strike.", "40", "Ging", "un"),
    ("Tomas Berg, head of a local rights group, toured the prison. \"We counted 45 bodies,\" Berg said.", "45",
     "Berg", "ngo"),
    ("The UN mission's spokesman, Ali Hassan, met reporters in Juba. Mr. Hassan said 12 people died.", "12",
     "Mr. Hassan", "un"),
    ("Army spokesman Lt. Col. Ron Adler spoke to reporters near Gaza. Adler said 30 soldiers were wounded.", "30",
     "Adler", "israeli_military"),
    ("President Biden, speaking to the UN General Assembly, urged calm. Later Biden said 1,400 people were killed.",
     "1,400", "Biden", "other"),
    ("Israel told the UN that Blinken would visit. Blinken said 30 Americans were killed.", "30", "Blinken",
     "other"),
]


# Members of a body are typed as the body; what a source published is not its name; words of another
# clause are not part of a source.
MEMBERS_CASES = [
    ("Officials from the ministry said 20 people died in the strike.", "20", "Officials from the ministry",
     "health_ministry"),
    ("A spokesman for the ministry said 14 people were wounded.", "14", "A spokesman for the ministry",
     "health_ministry"),
    ("Five civilians were killed, an official from a local women's organization told reporters.", "Five",
     "an official from a local women's organization", "ngo"),
    ("The latest figures from Gaza's health ministry say 1,867 people have died.", "1,867",
     "Gaza's health ministry", "health_ministry"),
    ("The U.N. children's agency said 14 children were killed in Darfur.", "14", "The U.N. children's agency", "un"),
    ("Reports from the city said 9 people were killed.", "9", None, "none"),
]


# A wire headline that ends with its source after a dash
HEADLINE_CASES = [
    ("Suicide bombing kills three in Somali capital - police MOGADISHU, Jan 16 (Reuters) - A bomber struck.",
     "three", "police", "other"),
    ("Floods kill 40 in northern Nigeria - officials", "40", "officials", "other"),
    ("Air strikes kill 12 in Khartoum market - activists", "12", "activists", "other"),
    ("At least 20 dead after raid on village - local officials (AFP)", "20", "local officials", "other"),
    ("Troops killed 30 militants - and the army said more would die.", "30", None, "none"),
]


# Every table of (text, figure, source, source type) above, and of (text, figure, source)
TYPED_CASES = CASES + TYPE_CASES + EARLIER_MENTION_CASES + MEMBERS_CASES + HEADLINE_CASES
SOURCE_CASES = STRING_CASES + BACKGROUND_CASES + CLAUSE_CASES


@pytest.mark.parametrize(("text", "surface", "source"), SOURCE_CASES)
def test_source_string(text, surface, source):
    assert _figure(text, surface).source == source


def test_source_strings_are_clean():
    for text, surface, *_ in TYPED_CASES + SOURCE_CASES:
        source = _figure(text, surface).source
        if source is not None:
            assert source == " ".join(source.split()), source
            assert source.split()[-1].lower() not in ("to", "of", "figures", "the", "an", "a"), source
            assert not source.endswith((")", ".", "-")) or source.endswith(("U.N.", "U.S.")), source


# Issue 12, attribution round 3: classes of wording the vocabulary cannot list, each in several wordings.
# (text, figure surface, source, source_type)
ROUND3_CASES = [
    # a noun the vocabulary does not list, in a phrase opened by a determiner or a possessive
    ("The coast guard said 12 migrants drowned off Lampedusa.", "12", "The coast guard", "other"),
    ("The bodies of 20 people were found near the river, the county coroner said.", "20", "the county coroner",
     "other"),
    ("The state emergency management agency said 19 people were killed in the storm.", "19",
     "The state emergency management agency", "other"),
    ("Capt. Maria Lopez of the coast guard said 27 migrants drowned.", "27",
     "Capt. Maria Lopez of the coast guard", "other"),
    ("The head of the ICRC delegation in Gaza said 7 staff were killed.", "7",
     "The head of the ICRC delegation in Gaza", "ngo"),
    ("Sources close to the rebels in northern Mali said 40 fighters died.", "40",
     "Sources close to the rebels in northern Mali", "other"),
    # ... but no toll, no clause and no second phrase
    ("The provisional toll indicates 12 soldiers died in the ambush.", "12", None, "none"),
    ("Officials in the town where the bomb went off said 9 people died.", "9", None, "none"),
    ("20 people died in the fire the local chief said.", "20", "the local chief", "other"),
    # a person's name before an apposition that opens with a capital or holds an age; a title and an acronym
    ("Juliette Touma, UNRWA's communications director, said 150 staff had been killed.", "150", "Juliette Touma",
     "un"),
    ("Amira Salah, MSF's medical coordinator in Port Sudan, said 60 patients died.", "60", "Amira Salah", "ngo"),
    ("Samir Hamad, 45, a farmer, said 14 of his relatives were killed.", "14", "Samir Hamad", "other"),
    ("The UN refugee agency, UNHCR, said 1.2 million people had fled Sudan.", "1.2 million",
     "The UN refugee agency, UNHCR", "un"),
    # an apposition is typed by its head, not by its relative clause
    ("Khaled Nour, a man who saw the Israeli raid, told Reuters 10 people were hurt.", "10", "Khaled Nour", "other"),
    # the mention nearest the attribution gives the apposition
    ("A girl, Amal Odeh, also died, according to Amal, an official of the Women's Union of Shan State. "
     "Four others were hurt, she added.", "Four", "Amal", "ngo"),
    # an outlet's analysis or tally is media; its own reporters are no source
    ("An Associated Press analysis of ministry data released last week showed that 2,100 children were killed.",
     "2,100", "An Associated Press analysis", "media"),
    ("An analysis by The Washington Post of satellite images found that 30 people were killed in the village.", "30",
     "The Washington Post", "media"),
    ("A UN review of hospital records found 300 deaths in the camp.", "300", "A UN review", "un"),
    ("The BBC's Lyse Doucet in Rafah says 20 people were killed in the strike.", "20", None, "none"),
    ("Al Jazeera's Hani Mahmoud said 12 people were killed in Rafah.", "12", None, "none"),
    ("Our correspondent in Khartoum says 45 people were killed.", "45", None, "none"),
    ("UNRWA's Philippe Lazzarini said 150 staff died.", "150", "UNRWA's Philippe Lazzarini", "un"),
    ("The Times of Israel reported that 40 soldiers were wounded.", "40", "The Times of Israel", "media"),
]

# "he said" for a speaker named several sentences before, across quotations that go on with "he said", and not
# an organisation named inside a quotation
PRONOUN_CHAIN_CASES = [
    ('Nour Saleh, a teacher in Tawila, spoke by phone. "The market was full," she said. "Then the shells came." '
     '"Nobody could run," she said. "We buried our neighbours." Twelve people died, she added.', "Twelve",
     "Nour Saleh", "other"),
    ('Amos Levi, who lives in Sderot, told the paper he had hidden for hours. "The army came late," he said, '
     'according to the paper. "There were rockets everywhere." "We counted 9 dead on our street," he said.', "9",
     "Amos Levi", "other"),
    ('An official of the Karen Women Organization, Naw Paw, spoke to reporters. "The [military] column burned the '
     'village. Nobody was left," she said. "Some fled to the forest." Five villagers were killed, she added.',
     "Five", "An official of the Karen Women Organization, Naw Paw", "ngo"),
]


def test_a_sentence_glued_to_a_number_is_cut():
    text = "The army said 5 soldiers died.3 hours later, police in Haifa said 9 people were hurt."
    assert (_figure(text, "5").source, _figure(text, "9").source) == ("The army", "police in Haifa")


# A dateline's dash ends a headline or byline; a clause after a source's apposition tells something else; an
# addressee stands between "told" and the report; a quotation after "X said ..." is X's; a war's toll in its
# relative clause is background.
ROUND3_MORE_CASES = [
    ("SUDAN CLASHES LEAVE 12 DEAD KHARTOUM — Fighting killed 30 people in the city, activists said.", "12", None,
     "none"),
    ("SUDAN CLASHES LEAVE 12 DEAD KHARTOUM — Fighting killed 30 people in the city, activists said.", "30",
     "activists", "other"),
    ("KYIV, Ukraine (AP) — Russian strikes killed 9 people overnight, local officials said.", "9", "local officials",
     "other"),
    ("Protests were called, according to Al Manar, the group's broadcaster, after a blast killed 300 people at a "
     "school.", "300", None, "none"),
    ("Troops pulled back, said Ahmed Ali, the mayor, as the toll rose to 40.", "40", None, "none"),
    ("Maj. Gen. Yoav Har-Even told reporters 300 rockets were fired and 4 soldiers were killed in Gaza.", "4",
     "Maj. Gen. Yoav Har-Even", "israeli_military"),
    ("The governor told journalists 15 people were missing after the landslide.", "15", "The governor", "other"),
    ('Ali Hamdan, a nurse, said the ward was full. "We lost 6 patients this morning."', "6", "Ali Hamdan", "other"),
    ('The mayor said the town was cut off. "At least 40 homes are gone and 12 people are dead."', "12", "The mayor",
     "other"),
    ("Independent analyses have concluded that the toll was as low as 100.", "100", "Independent analyses", "other"),
    ("Activists have warned that the war, which began in 2023 and has now killed more than 40,000 people, could "
     "cost votes.", "40,000", None, "none"),
]


def test_quotation_marks_are_counted_from_a_sentence_start():
    # a window of 600 characters before the figure would cut the first sentence's quotation in two; and a
    # quoted word ('"Uncommitted" leaders') closes no quotation
    filler = "The town was quiet for most of the day, " * 13 + "and the shops stayed shut all day. "
    text = f'The group said it was "not recommending a vote" this year. {filler}The war has killed 40,000 people. ' \
           '"Uncommitted" leaders said their decision stands.'
    assert (_figure(text, "40,000").source, _figure(text, "40,000").source_type) == (None, "none")


# Texts with runs of white space read as single-spaced ones; "the group said" is the organisation its own
# sentence names; "According to X, ..." in the next sentence tells a claim of its own; a subset takes its
# parent's source only in its parent's sentence (an adjacent sentence attaches nothing by itself).
ROUND3_ATTACH_CASES = [
    ("Protests  were  called,  according  to  Al  Manar,  the  group's  broadcaster,  after  a  blast  killed  300  "
     "people.", "300", None, "none"),
    ("Eleven  villagers  were  killed,  according  to  local  elders,  with  five  children  among  the  dead.",
     "five", "local elders", "other"),
    ("A UN official spoke first. Several aid workers were killed, including four Red Cross drivers, the group said.",
     "four", "the group", "ngo"),
    ("Stephane Dujarric, a U.N. spokesman, said schools were hit. At least 30 medics were killed, among them 12 MSF "
     "nurses, the organisation said.", "30", "the organisation", "ngo"),
    ("The victims included 54 people killed under torture. According to the report, the militia killed 10 more "
     "civilians.", "54", None, "none"),
    ("The victims included 54 people killed under torture. According to the report.", "54", "the report", "other"),
    ("The monitor said 120 civilians were killed in April. Of those, 34 were children.", "34", None, "none"),
    ("The monitor said 120 civilians were killed in April, 34 of them children.", "34", "The monitor", "ngo"),
]


# A name that ends like an NGO's but opens like a state body's is no NGO; broadcasters named with a number
NAME_CASES = [
    ("The National Counterterrorism Center said 31 Americans were killed abroad.", "31",
     "The National Counterterrorism Center", "other"),
    ("The Federal Emergency Network said 5 people died in the floods in Lagos.", "5", "The Federal Emergency Network",
     "other"),
    ("The Carter Center said 14 election workers were killed in Mozambique.", "14", "The Carter Center", "ngo"),
    ("World Central Kitchen said 7 of its workers were killed in Gaza.", "7", "World Central Kitchen", "ngo"),
    ("Israel's Channel 12 reported that 3 soldiers were killed in Gaza.", "3", "Israel's Channel 12", "media"),
    ("Kan 11 said 2 soldiers were wounded near Khan Younis.", "2", "Kan 11", "media"),
]


@pytest.mark.parametrize("text, surface", [(t, s) for t, s, *_ in ROUND3_CASES + ROUND3_MORE_CASES + NAME_CASES
                                           + BACKGROUND_CASES + CLAUSE_CASES])
def test_runs_of_white_space_change_no_source(text, surface):
    # outlet texts with two spaces between words ("the  ministry  said") read as their single-spaced wording
    single = _figure(text, surface)
    double = {" ".join(f.surface.split()): f for f in extract_figures(text.replace(" ", "  "))}[surface]
    assert (" ".join((double.source or "").split()) or None, double.source_type) == (single.source, single.source_type)


# "We documented ..." outside quotations in an organisation's own report is that organisation's; inside a
# quotation it is the speaker's words, with the speaker's attribution
FIRST_PERSON_CASES = [
    ("Human Rights Watch published its May report. We documented the killing of 412 civilians by the two armies.",
     "412", "Human Rights Watch", "ngo"),
    ("UNHCR released its quarterly figures on Tuesday. In the same period we recorded 9,000 people who had fled "
     "the fighting.", "9,000", "UNHCR", "un"),
    ("Amnesty International visited the camp. \"We counted 14 bodies,\" the mayor said.", "14", "the mayor",
     "other"),
    ("Rain fell all week. We counted 12 dead in the village.", "12", None, "none"),
]


# The gold's settled reading (eval/README.md, cvn:3555): a police spokesman or chief takes the side of the
# place, as "police" does
SETTLED_CASES = [
    ("Police spokesman Micky Rosenfeld said 3 people were killed in the attack in Jerusalem.", "3",
     "Police spokesman Micky Rosenfeld", "israeli_government"),
    ("Police chief Ahmed Khan said 14 worshippers were killed in Peshawar.", "14", "Police chief Ahmed Khan",
     "other"),
]


# an armed group speaking for itself, named by a demonym or an adjective and its noun; a monitor verifying
ARMED_GROUP_CASES = [
    ("Houthi rebels said two people were killed in the strikes.", "two", "Houthi rebels", "other"),
    ("Syrian rebels said 14 civilians were killed in government shelling.", "14", "Syrian rebels", "other"),
    ("Islamist militants said they had killed 20 soldiers.", "20", "Islamist militants", "other"),
    ("Kurdish fighters said three civilians died in the drone strikes.", "three", "Kurdish fighters", "other"),
    # "verified" reports as "documented" does
    ("The UN human rights office has verified more than 10,500 civilian deaths in Ukraine.", "10,500",
     "The UN human rights office", "un"),
    ("More than 10,500 civilian deaths have been verified by the UN human rights office.", "10,500",
     "the UN human rights office", "un"),
]


@pytest.mark.parametrize(("text", "surface", "source", "source_type"),
                         TYPED_CASES + ROUND3_CASES + PRONOUN_CHAIN_CASES + ROUND3_MORE_CASES + ROUND3_ATTACH_CASES
                         + NAME_CASES + FIRST_PERSON_CASES + SETTLED_CASES + ARMED_GROUP_CASES)
def test_source_and_type(text, surface, source, source_type):
    figure = _figure(text, surface)
    assert (figure.source, figure.source_type) == (source, source_type)
