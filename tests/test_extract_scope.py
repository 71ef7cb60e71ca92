"""Scope rules (src/newskit/extract/scope.py), each on short sentences written for these tests."""

from __future__ import annotations

import pytest

from newskit.figures import extract_figures


def scopes(text: str) -> list[tuple[str, str, str]]:
    """(surface, scope, rule) of every figure of ``text``."""
    return [(f.surface, f.scope, f.rules.get("scope")) for f in extract_figures(text)]


def scope_of(text: str, surface: str) -> str:
    found = [f.scope for f in extract_figures(text) if f.surface == surface]
    assert found, f"no figure {surface!r} in {text!r}"
    return found[0]


# --------------------------------------------------------------------------- a day that dates the statement


@pytest.mark.parametrize("text", [
    "Officials said on Thursday that 300 people remain missing across the province.",
    "The agency reported Monday that 300 people are still missing across the region.",
])
def test_a_day_after_a_report_verb_dates_the_statement_not_the_figure(text):
    assert scopes(text)[0][1] == "cumulative"


def test_a_day_of_the_figure_itself_still_makes_one_incident():
    assert scopes("Twelve people were killed on Thursday in a blast at a market.")[0][1] == "incident"


def test_said_to_have_killed_is_no_present_perfect():
    text = "A fire at the depot, said to have killed 30 people, was put out at dawn."
    assert scopes(text)[0][2] != "scope.present_perfect"


# --------------------------------------------------------------------------- taking hostages


@pytest.mark.parametrize("text, surface", [
    ("The gunmen killed nine villagers and abducted 14 others.", "14"),
    ("The raiders shot the guards and took 30 people hostage.", "30"),
])
def test_people_taken_hostage_are_one_act_of_taking(text, surface):
    assert scope_of(text, surface) == "incident"


def test_hostages_held_stay_a_running_total():
    assert scope_of("About 60 hostages are still held in the tunnels.", "60") == "cumulative"


def test_have_been_taken_hostage_is_a_running_total():
    text = "So far 25 soldiers have been killed and 11 have been taken hostage, the army said."
    assert scope_of(text, "11") == "cumulative"


# --------------------------------------------------------------------------- plural events


def test_plural_events_without_a_window_are_a_running_total():
    text = "More than 2,000 civilians died in rebel raids on farming villages, the monitor said."
    assert scopes(text)[0][1:] == ("cumulative", "scope.events")


def test_plural_events_on_a_named_day_are_a_period():
    assert scope_of("Some 17 people died in air raids on the port city on Sunday.", "17") == "period"


# --------------------------------------------------------------------------- subsets follow their parent


def test_a_subset_follows_its_parents_window():
    text = "The monitor said 210 civilians were killed in March, including 40 children in raids."
    assert [s for _, s, _ in scopes(text)] == ["period", "period"]


def test_a_subset_with_its_own_event_keeps_it():
    text = "The unit lost 12 soldiers this month, eight of whom were killed in a single ambush."
    assert [s for _, s, _ in scopes(text)] == ["period", "incident"]


# --------------------------------------------------------------------------- a window stated before


def test_a_window_stated_in_the_sentence_before_frames_the_next_count():
    text = ("The monitor recorded 412 civilian deaths in May. "
            "The victims included 58 children and 31 women, who died in various explosions.")
    found = scopes(text)
    assert [s for _, s, _ in found] == ["period", "period", "period"]
    assert found[1][2] == "scope.passage_window"


def test_an_event_after_the_window_closes_it():
    text = ("The monitor recorded 412 civilian deaths in May. On the last day a car bomb went off at a checkpoint. "
            "Witnesses said nine people died.")
    assert scope_of(text, "nine") == "incident"


def test_a_running_total_is_not_taken_for_the_window_before():
    text = ("Talks stalled in March. "
            "Officials believe 90 hostages remain in the tunnels.")
    assert scope_of(text, "90") == "cumulative"


# --------------------------------------------------------------------------- stated windows and days


@pytest.mark.parametrize("text, surface", [
    ("In the reporting period, 91 civilians were killed in the border districts.", "91"),
    ("During the first nine months of the year, 1,700 civilians died in the province.", "1,700"),
    ("Scores of people were killed overnight in the eastern suburbs.", "Scores"),
])
def test_stated_windows_are_periods(text, surface):
    assert scope_of(text, surface) == "period"


def test_a_singular_event_word_modifying_a_plural_one_is_not_one_event():
    text = "Nine people were killed in two car bomb explosions in the capital on Friday."
    assert scope_of(text, "Nine") == "period"


def test_a_present_perfect_with_one_event_after_the_number_is_that_event():
    text = "Gunmen have killed 40 villagers in an attack on a market town, officials said."
    assert scopes(text)[0][1:] == ("incident", "scope.perfect_in_event")


def test_a_present_perfect_with_the_event_told_apart_stays_a_running_total():
    text = "More than 900 people have been killed, most of them in the first attack on the capital."
    assert scope_of(text, "900") == "cumulative"


# --------------------------------------------------------------------------- defaults


@pytest.mark.parametrize("text, surface", [
    ("The dead include 300 children, the monitor said.", "300"),
    ("The army holds more than 5,000 detainees in two camps.", "5,000"),
    ("Dozens of captives are believed to be dead, relatives said.", "Dozens"),
])
def test_present_counts_with_no_frame_are_running_totals(text, surface):
    assert scope_of(text, surface) == "cumulative"


# --------------------------------------------------------------------------- named events, parts, displaced


def test_definite_plural_events_are_the_events_the_text_named():
    text = "Upwards of 300 people were hurt in the warehouse explosions, officials said."
    assert scope_of(text, "300") == "incident"


def test_counted_definite_plural_events_are_no_single_incident():
    # counted events are a set: the period they span (this round; it was "many events", a running total)
    text = "Upwards of 300 people were hurt in the two warehouse explosions, officials said."
    assert scope_of(text, "300") == "period"


def test_in_recent_weeks_is_a_window_even_with_a_present_perfect():
    text = "Thousands of residents have fled to the coast in recent weeks, the agency said."
    assert scope_of(text, "Thousands") == "period"


def test_an_event_that_frames_only_part_of_the_count_does_not_frame_it():
    text = "More than 700 people are dead, most of them killed in the attack on the festival."
    assert scope_of(text, "700") != "incident"


@pytest.mark.parametrize("text, surface, expected", [
    ("The stadium now shelters 8,000 displaced villagers, the mayor said.", "8,000", "unknown"),
    ("Some 8,000 villagers have been displaced since the floods began.", "8,000", "cumulative"),
])
def test_displaced_people_named_by_an_adjective_are_a_count_where_they_are(text, surface, expected):
    assert scope_of(text, surface) == expected


# --------------------------------------------------------------------------- scope, third round


@pytest.mark.parametrize("text, surface, expected", [
    # "the deadliest day of its history" says how deadly one event was, not when
    ("Officials say 90 people were killed in the deadliest day of the town's history.", "90", "incident"),
    # "the deadliest day of the war" is one day's total
    ("At least 90 people were killed on the deadliest day of the war so far in the valley.", "90", "cumulative"),
    ("Around 90 people died in the deadliest day of the war in the valley.", "90", "period"),
])
def test_the_deadliest_day_is_a_window_only_within_a_war(text, surface, expected):
    assert scope_of(text, surface) == expected


def test_the_remains_of_people_are_bodies_not_a_running_total():
    assert scopes("Divers recovered the remains of six fishermen near the reef.")[0][1] != "cumulative"


def test_a_year_that_dates_a_war_is_no_window_of_the_figure():
    text = "The toll is higher than in the border war in 1998, when about 700 soldiers were killed."
    assert scope_of(text, "700") == "cumulative"


def test_a_year_of_its_own_is_still_a_window():
    assert scope_of("About 700 people were killed in road accidents in 1998.", "700") == "period"


@pytest.mark.parametrize("text, expected", [
    ("Airstrikes killed 14 people in the old town on Friday, the mayor said.", "period"),
    ("Raids killed 14 people across the district over the week.", "period"),
    ("The shelling killed 14 people in the old town, the mayor said on Friday.", "incident"),
])
def test_many_events_in_a_day_or_window_after_the_number_are_that_period(text, expected):
    assert scopes(text)[0][1] == expected


def test_a_since_clause_that_tells_the_event_is_that_event():
    text = "Since rebels killed 40 villagers in a night raid, the army has held the valley."
    assert scope_of(text, "40") == "incident"


def test_has_since_killed_stays_a_running_total():
    text = "The army has since killed about 900 fighters in the hills, officials said."
    assert scope_of(text, "900") == "cumulative"


def test_an_event_named_after_the_number_beats_war_words():
    text = "The conflict began after militias killed some 300 people and seized 40 more in a raid on the capital."
    assert scope_of(text, "300") == "incident"


@pytest.mark.parametrize("text, expected", [
    # the perfect belongs to the earlier clause; the taking has its own past verb
    ("More than 80 guards have been killed, most of them in the raid, and 30 workers were taken hostage.", "incident"),
    # "have been" is shared: "... and (have been) taken hostage"
    ("More than 80 guards have been killed since the raid, and more than 30 taken hostage.", "cumulative"),
])
def test_a_perfect_of_an_earlier_clause_does_not_frame_a_taking(text, expected):
    assert scope_of(text, "30") == expected


@pytest.mark.parametrize("text", [
    "Witnesses said at least 12 people were killed.",
    "Nine workers were injured, two of them badly.",
    "15 villagers were reported wounded.",
])
def test_a_bare_count_with_no_frame_is_unknown(text):
    assert scopes(text)[0][1] == "unknown"


def test_a_bare_count_after_a_passage_that_told_an_event_is_that_event():
    text = "A bomb exploded at the bus station on the edge of town. Witnesses said at least 12 people were killed."
    assert scope_of(text, "12") == "incident"


def test_a_count_with_no_cue_after_a_passage_about_one_event_is_that_event():
    text = ("Gunmen attacked a wedding party in the village of Kalo. "
            "Later the governor put the number of dead in the dozens.")
    assert scope_of(text, "dozens") == "incident"


@pytest.mark.parametrize("text, surface, expected", [
    ("Between 1 May and 31 July, 210 civilians were killed and a further 640 injured by violence.", "640", "period"),
    ("A landslide buried a mining camp, killing 16 workers, including a boy, and injuring 25.", "25", "incident"),
])
def test_a_figure_joined_by_and_shares_the_frame_of_the_figure_before(text, surface, expected):
    assert scope_of(text, surface) == expected


def test_bringing_the_total_to_is_a_clause_of_its_own():
    text = "Two guards were killed in a separate raid on Friday, bringing the total killed in a single day to 11."
    assert scope_of(text, "11") == "period"


def test_an_event_told_as_the_cause_of_a_frame_frames_nothing():
    text = "Dozens of villagers died last week in the siege that followed a rebel attack on the garrison."
    assert scope_of(text, "Dozens") == "period"


def test_an_event_right_after_the_number_still_frames_it():
    assert scope_of("Six people are feared dead after the attacks on the resort.", "Six") == "incident"


def test_has_led_to_deaths_is_a_running_total():
    text = "The flood was caused by a dam failure, and the disaster has led to hundreds of deaths across the delta."
    assert scope_of(text, "hundreds") == "cumulative"


def test_an_event_after_a_definite_article_and_a_preposition_is_not_named():
    # "the region from attacks": "the" belongs to "the region", so "attacks" stays many events
    text = "Officials said 40 people were killed in the region from attacks by armed groups."
    assert scopes(text)[0][2] != "scope.event"


def test_a_running_total_in_the_clause_frames_a_listed_taking():
    text = "“We have so far recorded 120 killings, 80 injuries and 45 kidnappings in the province,” an official said."
    assert scope_of(text, "45") == "cumulative"


def test_a_taking_joined_to_a_figure_of_a_stated_window_is_within_it():
    text = "Over the past month, 300 people were injured and 95 kidnapped in the capital."
    assert scope_of(text, "95") == "period"


def test_an_overall_increase_compares_and_counts_nothing():
    text = "From 1 March to 30 June, the mission reported an overall increase in deaths, from 410 to 520."
    assert [scope for _, scope, _ in scopes(text)] == ["period", "period"]


@pytest.mark.parametrize("text", [
    "A ferry capsized on the lake. Rescuers said 14 people are still missing, and the toll stood at 30 dead.",
])
def test_still_is_a_present_state_not_a_war_for_a_toll_of_one_event(text):
    assert scope_of(text, "30") == "incident"


def test_a_stated_window_beats_so_far():
    text = "So far 30 prisoners have been freed in the first three days of the ceasefire."
    assert scope_of(text, "30") == "period"


@pytest.mark.parametrize("text, surface", [
    ("Doctors said they could not move 400 sick and wounded patients out of the clinic.", "400"),
    ("Dozens of people wounded in the shelling are arriving at hospitals in the city.", "Dozens"),
    ("A guard died on Monday, the director said, adding that 90 wounded patients are in the hospital.", "90"),
])
def test_wounded_told_where_they_are_now_have_no_frame(text, surface):
    assert scope_of(text, surface) == "unknown"


def test_wounded_of_one_event_keep_their_event():
    assert scope_of("The blast wounded 90 people, who were taken to a hospital.", "90") == "incident"


@pytest.mark.parametrize("text, surface", [
    ("At least 20 people were killed by two explosions in the market district, police said.", "20"),
    ("Gunmen have left 15 villagers dead in a series of raids in the north, officials said.", "15"),
])
def test_counted_events_are_the_period_they_span(text, surface):
    assert scope_of(text, surface) == "period"


def test_counted_events_open_no_window_for_a_later_single_event():
    text = ("Two car bombs exploded in the city on Sunday. The two blasts came minutes apart. "
            "A third car detonated near a school, killing four people.")
    assert scope_of(text, "four") == "incident"


def test_a_single_rocket_is_one_event_for_its_toll():
    text = "The blast was caused by a misfired rocket, and the death toll may have been as low as 50."
    assert scope_of(text, "50") == "incident"


def test_a_toll_of_a_day_is_that_period():
    text = "The army says 19 of its soldiers were killed in the valley in its largest single-day toll of the war."
    assert scope_of(text, "19") == "period"


def test_an_event_that_killed_a_family_is_that_event():
    assert scope_of("Airstrikes killed a family of six in the village.", "six") == "incident"


def test_a_running_count_of_one_event_told_just_before_is_that_event():
    text = ("A gas tanker exploded on the highway near the port. "
            "“So far, we have recovered 23 bodies,” a fire official said.")
    assert scope_of(text, "23") == "incident"


def test_a_running_count_in_a_war_passage_stays_a_running_total():
    text = ("The war in the north has ground on for a year. "
            "“So far, we have recovered 2,300 bodies,” a relief official said.")
    assert scope_of(text, "2,300") == "cumulative"


def test_a_day_whose_event_was_a_lost_link_stays_a_day_total():
    # raw article text: the linked words ("air strikes") were stripped, leaving "in" and spaces
    assert scope_of("Eleven people were killed in   on Friday.", "Eleven") == "period"
    assert scope_of("Eleven people were killed in a blast on Friday.", "Eleven") == "incident"


def test_since_a_weekday_is_a_start_date():
    # FIGURES.md: a running total "since a start date", a weekday too
    assert scope_of("Rescuers said 40 people had died in the floods since Monday morning.", "40") == "cumulative"


def test_since_a_time_within_the_day_is_no_start_date():
    assert scope_of("Medics said 40 people had died in the floods since dawn.", "40") != "cumulative"


@pytest.mark.parametrize("text, surface", [
    ("When gunmen stormed the hotel last month, 30 people were killed.", "30"),
    ("Police killed two men during an armed robbery in March 2019.", "two"),
    ("Three soldiers were wounded when a roadside bomb went off on the highway last week.", "Three"),
])
def test_one_event_beats_the_window_that_dates_it(text, surface):
    assert scope_of(text, surface) == "incident"


def test_during_the_same_period_after_since_is_the_same_running_total():
    text = ("Rebels say 900 of their fighters have been killed since June. "
            "Officials said about 300 soldiers were killed during the same period.")
    assert scope_of(text, "300") == "cumulative"


def test_during_the_same_period_after_a_window_is_that_window():
    text = ("In the first half of the year, 900 fighters were killed in the hills. "
            "Officials said about 300 soldiers were killed during the same period.")
    assert scope_of(text, "300") == "period"


def test_a_total_with_no_cue_in_a_passage_window_is_that_window():
    text = ("From 1 April to 30 June, the mission recorded a rise in killings. "
            "The total number of civilian deaths grew from 310 to 355.")
    assert [scope for _, scope, _ in scopes(text)] == ["period", "period"]


def test_a_rate_opens_no_window_for_later_counts():
    text = ("The truce saved 500 lives every day, the envoy said. "
            "Some 80 people were killed in the town, a doctor said.")
    assert scope_of(text, "80") != "period"


def test_a_discovery_of_bodies_is_one_event_even_when_a_window_dates_it():
    text = ("Police said on Friday that they found eight bodies early this week. "
            "Later, searchers found the remains of four men in a ravine.")
    assert scope_of(text, "four") == "incident"


REPORT = ("The monitor said it had recorded the deaths of 212 civilians in March, 40 of them children. "
          "In a report published on Thursday, the group listed the victims by province and by the side "
          "blamed for each death, and named the towns where most of them had lived, from the coast to the "
          "mountains in the east, where access for its researchers had been hardest, it added. "
          "The group has asked for access to the detention sites in the north and for the names of those "
          "held there, and it has sent its findings to the courts and to the envoys of several countries. ")


def test_a_sentence_that_cites_the_report_back_keeps_its_window():
    text = REPORT + "According to the report, militias were responsible for the deaths of 31 civilians."
    assert scope_of(text, "31") == "period"


def test_a_sentence_that_cites_no_report_does_not_reach_that_far_back():
    text = REPORT + "Militias were responsible for the deaths of 31 civilians."
    assert scope_of(text, "31") != "period"


def test_a_report_window_closed_by_a_running_total_is_not_reused():
    text = (REPORT + "Since the war began, the group has counted 9,000 dead. "
            "According to the report, militias were responsible for the deaths of 31 civilians.")
    assert scope_of(text, "31") != "period"


def test_many_events_as_the_agent_after_a_stated_window_are_that_period():
    text = ("The monitor recorded 212 civilian deaths in March. "
            "It said that airstrikes by the air force killed 31 civilians.")
    assert scope_of(text, "31") == "period"


def test_one_event_as_the_agent_after_a_stated_window_is_still_that_event():
    text = ("The monitor recorded 212 civilian deaths in March. "
            "It said that an airstrike on a market killed 31 civilians.")
    assert scope_of(text, "31") == "incident"


def test_dated_plural_attacks_are_one_named_event():
    text = ("Aid fell by half in March. "
            "Since the 11 March attacks, when gunmen killed about 90 people, the border has stayed shut.")
    assert scope_of(text, "90") == "incident"


# --------------------------------------------------------------------------- the audit's guideline sentences


def test_a_window_with_an_end_beats_so_far():
    text = "“We have so far recorded, from March to the end of May, 410 killings and 95 kidnappings,” he said."
    assert [scope for _, scope, _ in scopes(text)] == ["period", "period"]


@pytest.mark.parametrize("text, surface", [
    ("Since the truce ended in May, the army has pushed into the south, where more than 300,000 villagers "
     "sought shelter following shelling in the north.", "300,000"),
    ("Shelling hit the port hours after officials warned thousands of displaced people who sought shelter "
     "in the north not to return.", "thousands"),
])
def test_displaced_people_at_the_site_they_fled_to_have_no_frame(text, surface):
    assert scope_of(text, surface) == "unknown"


def test_many_events_overnight_before_the_number_are_that_period():
    text = "The market was destroyed by airstrikes overnight, leaving hundreds homeless."
    assert scope_of(text, "hundreds") == "period"


@pytest.mark.parametrize("text, expected", [
    ("The flood has killed 90 people in the valley.", "incident"),
    ("It was the attack that has killed 300 people.", "incident"),
    ("The offensive has killed 9,000 people.", "cumulative"),
])
def test_one_events_toll_in_a_present_perfect_is_that_event(text, expected):
    assert scopes(text)[0][1] == expected


# --------------------------------------------------------------------------- issue 12, fourth round: classes of wording


@pytest.mark.parametrize("text, surface", [
    ("As of Oct. 26, more than 2,000 children had been killed, the ministry's data showed.", "2,000"),
    ("As of Tuesday, 312 civilians had been killed in the region, the UN said.", "312"),
    ("The army said 14 of its soldiers had died in the north as of Friday night.", "14"),
    ("As of last week, some 6,000 people had been displaced by the floods in Libya.", "6,000"),
])
def test_as_of_a_date_is_a_count_up_to_that_date(text, surface):
    assert scope_of(text, surface) == "cumulative"


@pytest.mark.parametrize("text, surface", [
    ("Ukrainian officials said 9,000 civilians had been killed.", "9,000"),
    ("The health ministry said that 4,385 people had been killed.", "4,385"),
    ("Sudanese doctors said at least 1,200 people had been killed and 8,000 wounded.", "1,200"),
    ("Save the Children reported that more than 2,000 children had died, with thousands more missing.", "2,000"),
])
def test_a_past_perfect_after_a_report_verb_is_a_reported_running_total(text, surface):
    assert scope_of(text, surface) == "cumulative"


@pytest.mark.parametrize("text, surface, expected", [
    ("Police said 12 people had been killed in the blast.", "12", "incident"),
    ("A bomb went off at the bus station on Monday. Police said 12 people had been killed.", "12", "incident"),
    ("Witnesses said 12 people were killed.", "12", "unknown"),
])
def test_a_reported_count_of_one_event_or_a_bare_count_is_no_running_total(text, surface, expected):
    assert scope_of(text, surface) == expected


@pytest.mark.parametrize("text, surface", [
    ("Russia has pounded Ukrainian cities with missiles and drones, killing more than 9,000 civilians.", "9,000"),
    ("The junta has bombed villages across Myanmar for two years, killing thousands.", "thousands"),
    ("Myanmar's army has carried out hundreds of airstrikes since the coup, killing more than 1,600 civilians.",
     "1,600"),
    ("The paramilitaries have besieged the city and shelled its markets, killing at least 800 people.", "800"),
])
def test_a_participle_after_a_present_perfect_is_a_running_total(text, surface):
    assert scope_of(text, surface) == "cumulative"


@pytest.mark.parametrize("text, surface, expected", [
    ("Russia has launched a missile strike on Kyiv, killing 12 people.", "12", "incident"),
    ("The army has shelled Kharkiv over the past week, killing 40 civilians.", "40", "period"),
    ("They could have spared the port, but the city was burned, killing at least 4,000 people.", "4,000",
     "incident"),
])
def test_an_event_a_window_or_a_modal_between_perfect_and_participle_keeps_its_frame(text, surface, expected):
    assert scope_of(text, surface) == expected


@pytest.mark.parametrize("text, surface", [
    ("The fighting also killed 34 soldiers, the army said.", "34"),
    ("More than 1,900 people were killed in the recent fighting in Tigray.", "1,900"),
    ("Some 40,000 people have been killed in the fighting, according to the health ministry.", "40,000"),
    ("The war has killed 10,000 people in Sudan.", "10,000"),
])
def test_the_fighting_and_the_war_are_running_totals(text, surface):
    assert scope_of(text, surface) == "cumulative"


@pytest.mark.parametrize("text, surface", [
    ("The number of dead in Sudan could be as high as 150,000, an envoy said.", "150,000"),
    ("The number of people killed in the war has passed 10,000, officials said.", "10,000"),
    ("The death count stood at 3,000, the agency said.", "3,000"),
])
def test_the_number_of_dead_is_a_toll(text, surface):
    assert scope_of(text, surface) == "cumulative"


def test_the_number_of_dead_of_one_event_is_that_events_toll():
    assert scope_of("The number of people killed in the earthquake rose to 2,000.", "2,000") == "incident"


@pytest.mark.parametrize("text, surface", [
    ("More than 7 million people are displaced within the country, the UN said.", "7 million"),
    ("About 3.5 million people are internally displaced in Sudan.", "3.5 million"),
    ("Some 1.2 million Haitians remain internally displaced, the agency said.", "1.2 million"),
])
def test_the_displaced_of_a_whole_country_are_a_current_count(text, surface):
    assert scope_of(text, surface) == "cumulative"


def test_internally_displaced_people_at_a_site_keep_no_frame():
    text = "The zone held 21 shelters and 50,000 internally displaced people, according to OCHA."
    assert scope_of(text, "50,000") == "unknown"


@pytest.mark.parametrize("text, surface", [
    ("Two journalists were killed during the weekend in the offensive.", "Two"),
    ("Nine people died during the weekend in the war-torn region.", "Nine"),
])
def test_during_the_weekend_is_a_period(text, surface):
    assert scope_of(text, surface) == "period"


@pytest.mark.parametrize("text, surface", [
    ("At least 25 people were killed in airstrikes on a school in Kharkiv.", "25"),
    ("Eleven worshippers died in attacks on the Owo church, officials said.", "Eleven"),
    ("Rebels killed 30 villagers in raids on the refugee camp near Beni.", "30"),
])
def test_many_events_on_one_site_are_one_attack(text, surface):
    assert scope_of(text, surface) == "incident"


@pytest.mark.parametrize("text, surface, expected", [
    ("The hijackers killed nearly 3,000 people in the 9/11 attacks.", "3,000", "incident"),
    ("Rebels killed at least 300 villagers in two raids near the town.", "300", "period"),
])
def test_a_count_of_people_or_a_date_is_no_count_of_events(text, surface, expected):
    assert scope_of(text, surface) == expected


@pytest.mark.parametrize("text, surface", [
    ("Eleven members of a large family were killed and 26 were wounded, according to witnesses.", "Eleven"),
    ("Eleven members of a large family were killed and 26 were wounded, according to witnesses.", "26"),
    ("More than a dozen people were injured, mostly women and children.", "a dozen"),
    ("Five soldiers, most of them conscripts, died, the army said.", "Five"),
    ("Syrian state media said eight soldiers were killed and seven wounded.", "eight"),
    ("At least 12 people were killed, according to officials.", "12"),
])
def test_an_isolated_count_with_no_agent_place_time_or_event_is_unknown(text, surface):
    assert scope_of(text, surface) == "unknown"


@pytest.mark.parametrize("text, surface", [
    ("Twelve people were killed in Odesa, officials said.", "Twelve"),
    ("Nine villagers were killed by gunmen, the governor said.", "Nine"),
    ("Four people were injured and sent to the hospital in Lashio, she added.", "Four"),
    ("At least 14 people were killed when the bus overturned.", "14"),
])
def test_a_count_with_a_place_an_agent_or_an_event_is_no_isolated_count(text, surface):
    assert scope_of(text, surface) == "incident"


@pytest.mark.parametrize("text, surface", [
    ("Three people have been killed in Kharkiv in Russian strikes on Sunday.", "Three"),
    ("At least 20 civilians have been killed in Darfur on Monday, medics say.", "20"),
    ("Two aid workers have been wounded in Sumy on Tuesday, the agency said.", "Two"),
])
def test_a_present_perfect_on_a_named_day_is_that_day(text, surface):
    assert scope_of(text, surface) == "period"


def test_a_day_that_dates_the_statement_leaves_the_perfect_a_running_total():
    text = "The ministry said in a statement on Sunday that 300 people have died in the region."
    assert scope_of(text, "300") == "cumulative"


@pytest.mark.parametrize("text, surface, expected", [
    ("Medics said nine people died in the Russian air strikes.", "nine", "unknown"),
    ("The rebels said 50 captives had been killed in the army's attacks.", "50", "unknown"),
    ("More than 1,400 people were killed in those attacks, the government said.", "1,400", "incident"),
    ("Four hostages were killed in one of the Israeli airstrikes, the group said.", "Four", "incident"),
    ("Three villagers were killed by soldiers in separate incidents in the north.", "Three", "unknown"),
])
def test_a_campaign_named_by_its_actor_is_many_events_and_one_of_them_is_one(text, surface, expected):
    """Many events with no window and no tally are not determinable; one named set of events is an incident."""
    assert scope_of(text, surface) == expected


@pytest.mark.parametrize("text, surface", [
    ("Russian strikes have killed more than 1,500 people in response to last week's attack.", "1,500"),
    ("The army's shelling, in retaliation for Saturday's ambush, has killed 900 people.", "900"),
])
def test_an_event_told_as_the_cause_frames_nothing(text, surface):
    assert scope_of(text, surface) == "cumulative"


@pytest.mark.parametrize("text, surface", [
    ("More than 2,800 people were killed in 11 days of intensive air strikes.", "2,800"),
    ("After 50 days of fierce fighting in which more than 2,200 people died, a truce held.", "2,200"),
    ("Over eight days of conflict, medics counted 163 dead.", "163"),
])
def test_a_war_told_by_its_length_is_a_running_total(text, surface):
    assert scope_of(text, surface) == "cumulative"


def test_one_event_as_the_agent_beats_a_war_length():
    text = "Six days of bombardment followed surprise attacks by the rebels that killed more than 1,200 people."
    assert scope_of(text, "1,200") == "incident"


def test_a_war_length_after_where_is_no_frame_of_the_count():
    text = "A strike killed 40 people outside a school where they were sheltering from 11 days of fighting."
    assert scope_of(text, "40") == "incident"


@pytest.mark.parametrize("text, surface", [
    ("Nearly a third of the dead are children, medics said.", "a third"),
    ("The United Nations estimates that about 70% of the dead were civilians.", "70%"),
    ("Up to 5,000 of those killed were fighters, the army estimates.", "5,000"),
    ("Nearly half of those wounded are children, a UNICEF official said.", "half"),
])
def test_a_part_of_the_dead_with_no_event_is_part_of_a_running_total(text, surface):
    assert scope_of(text, surface) == "cumulative"


@pytest.mark.parametrize("text, surface", [
    ("A drone hit the clinic on Monday. Three of those killed were nurses.", "Three"),
    ("Three of those killed that day were nurses.", "Three"),
])
def test_a_part_of_the_dead_of_one_event_or_day_is_no_running_total(text, surface):
    assert scope_of(text, surface) == "incident"


def test_a_present_perfect_before_a_site_is_one_attack():
    text = "Tanks have shelled a hospital in the north, killing at least five people."
    assert scope_of(text, "five") == "incident"


def test_a_perfect_that_reports_a_clause_is_no_frame():
    text = "The agency has received reports that troops shelled houses, killing about 30 people."
    assert scope_of(text, "30") != "cumulative"


@pytest.mark.parametrize("text, surface", [
    ("Medical sources said nine people died in the Russian air strikes.", "nine"),
    ("Witnesses said 14 villagers were killed in raids by gunmen.", "14"),
])
def test_many_events_with_no_window_and_no_tally_are_not_determinable(text, surface):
    assert scope_of(text, surface) == "unknown"


@pytest.mark.parametrize("text, surface", [
    ("The health ministry said 400 people were killed in Israeli strikes.", "400"),
    ("The UN said 1,200 civilians were killed in airstrikes, a total that keeps rising.", "1,200"),
    ("Thousands have been killed in Russian strikes, officials say.", "Thousands"),
    ("Over 9,000 people were killed in the fighting and in airstrikes, medics said.", "9,000"),
])
def test_many_events_told_by_a_tallying_body_or_with_a_total_cue_are_a_running_total(text, surface):
    assert scope_of(text, surface) == "cumulative"


@pytest.mark.parametrize("text, surface", [
    ("Russian strikes have crushed hundreds of buildings and killed more than 2,200 civilians.", "2,200"),
    ("It is a war that has ravaged the region, killed thousands of people and emptied its towns.", "thousands"),
])
def test_a_second_verb_of_a_present_perfect_is_a_running_total(text, surface):
    assert scope_of(text, surface) == "cumulative"


@pytest.mark.parametrize("text, surface", [
    ("A strike overnight flattened a building where some 80 people were staying, killing at least 22 on Monday.",
     "22"),
    ("Four villagers were killed in a raid after 30 trucks entered the valley.", "Four"),
])
def test_a_number_that_is_no_figure_splits_no_frame(text, surface):
    assert scope_of(text, surface) == "incident"


@pytest.mark.parametrize("text, surface", [
    ("In April the fighting spread. 1.1 million have crossed to neighbouring countries.", "1.1 million"),
    ("In May the rains came. More than 600,000 refugees have crossed into Chad.", "600,000"),
])
def test_have_crossed_is_a_running_total_of_the_displaced(text, surface):
    assert scope_of(text, surface) == "cumulative"


# --------------------------------------------------------------------------- a stated window beats a present perfect


@pytest.mark.parametrize("text, surface", [
    ("This year, 120 journalists have been killed, the press freedom group said.", "120"),
    ("At least 300 people have been killed in North Darfur this month, the UN said.", "300"),
    ("Some 40 Palestinians have been killed in the West Bank during the truce.", "40"),
    ("More than 90 migrants have died in November alone, the IOM said.", "90"),
    ("Twenty-four people have been wounded over the weekend in Kharkiv.", "Twenty-four"),
    ("Thirteen soldiers, including three officers, have been killed in the same period.", "three"),
    ("Last month, 2,000 people have fled the town, aid groups said.", "2,000"),
    ("So far this year, 75 aid workers have been killed in South Sudan.", "75"),
    ("Some 75 aid workers have died so far this year.", "75"),
])
def test_a_stated_window_frames_a_present_perfect_or_so_far(text, surface):
    assert scope_of(text, surface) == "period"


@pytest.mark.parametrize("text, surface", [
    ("The death toll has risen to 30,000 this week, the ministry said.", "30,000"),
    ("Officials said this week that 9,000 people have been killed.", "9,000"),
    ("As of last month, 3,000 people have been killed in the province.", "3,000"),
    ("The offensive has killed more than 1,900 people in a week.", "1,900"),
    ("Kerry spent last week in Cairo trying to end the war, which has killed 1,000 people.", "1,000"),
    ("Protests erupted in June. Since then, 140 people have been killed in the same period of unrest.", "140"),
])
def test_a_window_that_dates_a_statement_a_toll_or_another_verb_leaves_a_running_total(text, surface):
    assert scope_of(text, surface) == "cumulative"


def test_the_same_period_after_since_stays_a_running_total():
    text = "Settlers have carried out 300 raids since January. Four soldiers have been killed over the same period."
    assert scope_of(text, "Four") == "cumulative"


# --------------------------------------------------------------------------- one event's toll in a present perfect


@pytest.mark.parametrize("text, surface", [
    ("Seventy people, mostly women and children, have been killed in an airstrike on a convoy, officials say.",
     "Seventy"),
    ("Nine miners in the Kasai region, southern Congo, have been killed in a landslide, officials said.", "Nine"),
    ("Twelve soldiers, most of them conscripts, have been killed in an ambush near Mopti.", "Twelve"),
    ("The earthquake in western Nepal has killed at least 150 people.", "150"),
    ("The flooding in Pakistan's Sindh province has displaced 300,000 people.", "300,000"),
    ("The fire at the migrant centre in Ciudad Juarez has killed 39 people.", "39"),
    ("A drone strike on a wedding in Helmand has killed 14 guests.", "14"),
    ("The death toll from the earthquake in Turkey and Syria has passed 50,000.", "50,000"),
])
def test_one_event_told_with_a_present_perfect_is_that_event_whatever_stands_before_the_verb(text, surface):
    assert scope_of(text, surface) == "incident"


@pytest.mark.parametrize("text, surface", [
    ("At least 1,400 people have been killed, mostly in the attack on the festival.", "1,400"),
    ("The operation in Gaza has killed more than 30,000 people.", "30,000"),
    ("Russia's attack on Ukraine has killed thousands of civilians.", "thousands"),
    ("The siege of Mariupol has killed thousands.", "thousands"),
    ("The fighting in Khartoum has killed more than 3,000 people.", "3,000"),
    ("The operation in Gaza and the West Bank has killed 30,000 people.", "30,000"),
])
def test_a_campaign_or_an_event_told_apart_after_the_verb_leaves_a_running_total(text, surface):
    assert scope_of(text, surface) == "cumulative"


# --------------------------------------------------------------------------- a war word as the danger people fled


@pytest.mark.parametrize("text, surface", [
    ("A shell hit the school, killing at least 30 people among hundreds who had sought refuge there from the "
     "fighting.", "30"),
    ("But rather than finding safety from the war, at least 70 people were killed along the road when a drone hit "
     "their bus.", "70"),
    ("Rather than escaping the offensive, 14 villagers were killed when their truck hit a landmine.", "14"),
])
def test_a_war_word_as_what_people_fled_frames_no_count_of_the_dead(text, surface):
    assert scope_of(text, surface) == "incident"


@pytest.mark.parametrize("text, surface", [
    ("More than 3,000 people have fled the fighting in Khartoum.", "3,000"),
    ("Hundreds have died in the fighting in Khartoum since April.", "Hundreds"),
])
def test_the_displaced_and_the_dead_of_the_fighting_keep_their_running_total(text, surface):
    assert scope_of(text, surface) == "cumulative"


# --------------------------------------------------------------------------- a released part of people taken or held


@pytest.mark.parametrize("text, surface, expected", [
    ("Rebels abducted 30 schoolgirls from the dormitory, 12 of whom were later freed.", "12", "unknown"),
    ("Gunmen took 242 villagers hostage near Zamfara, four of whom were later released.", "four", "unknown"),
    ("Pirates seized 20 sailors off Somalia, four of whom were released on Friday.", "four", "incident"),
    ("Hamas took 240 hostages on October 7, 105 of whom were freed during the November truce.", "105", "incident"),
    ("Militants are holding 40 hostages, six of whom were freed in an exchange.", "six", "incident"),
    ("Gunmen seized 300 villagers in 2021, 120 of whom have so far been released.", "120", "cumulative"),
])
def test_a_released_part_takes_the_frame_of_its_own_release_not_of_the_taking(text, surface, expected):
    assert scope_of(text, surface) == expected


# --------------------------------------------------------------------------- "the fighting" after a stated window


@pytest.mark.parametrize("text, surface", [
    ("Government forces retook three towns over the past week. Dozens of rebels have also died in the fighting, "
     "the army said.", "Dozens"),
    ("In the last 48 hours, 40 soldiers were killed in airstrikes, one source said, while another said 12 rebels "
     "died in fighting.", "12"),
    ("Over the past four days the rebels pushed towards Marib. At least 60 fighters were killed in the fighting, "
     "officials said.", "60"),
])
def test_the_fighting_after_a_window_is_the_fighting_of_that_window(text, surface):
    assert scope_of(text, surface) == "period"


@pytest.mark.parametrize("text, surface", [
    ("In May the army launched an offensive. Hundreds of people have died in the fighting.", "Hundreds"),
    ("Last month 30 soldiers were killed in an ambush. Since then, 400 have died in the fighting.", "400"),
    ("Over the past four days the rebels pushed towards Marib. At least 60 fighters were killed in the war, "
     "officials said.", "60"),
    ("Hundreds have died in the fighting in Khartoum.", "Hundreds"),
])
def test_the_fighting_of_a_war_or_with_no_window_before_stays_a_running_total(text, surface):
    assert scope_of(text, surface) == "cumulative"


# --------------------------------------------------------------------------- a subset's own relative clause


@pytest.mark.parametrize("text, surface, expected", [
    ("Several medics have been killed in strikes since Saturday, including four ambulance drivers and paramedics "
     "who were killed on Wednesday.", "four", "incident"),
    ("At least 300 soldiers have died since January, including 40 who were killed in an ambush near Gao.", "40",
     "incident"),
    ("Dozens of journalists have been killed in the war, including three who died in a strike on their car.",
     "three", "incident"),
    ("More than 100 aid workers have been killed since October, including 12 who were killed this month.", "12",
     "period"),
])
def test_a_subset_with_a_relative_clause_of_its_own_takes_that_clause_frame(text, surface, expected):
    assert scope_of(text, surface) == expected


@pytest.mark.parametrize("text, surface", [
    ("More than 100 aid workers have been killed since October, including 12 who worked for the UN.", "12"),
    ("Thousands have been killed since the war began, including 4,000 children.", "4,000"),
])
def test_a_subset_with_no_outcome_clause_of_its_own_keeps_its_parent_frame(text, surface):
    assert scope_of(text, surface) == "cumulative"


# --------------------------------------------------------------------------- a report's window, one sentence on

REPORT_FILLER = (
    "The group, which relies on a network of field researchers across the country, cross-checks each name with "
    "relatives, local officials and medical staff before adding it to its database. It publishes the full list with "
    "the names of the victims, their home towns and their ages so that families can check them. Its researchers also "
    "interview witnesses and collect photographs, which it keeps in an archive. ")


@pytest.mark.parametrize("text, surface, expected", [
    ("The monitor said 324 civilians were killed in April. " + REPORT_FILLER
     + "According to the report, rebels killed 10 civilians. The army killed 12 civilians, while militias killed "
       "four.", "12", "period"),
    ("UNAMA recorded 1,200 civilian deaths over the past six months. " + REPORT_FILLER
     + "According to the report, most deaths were caused by roadside bombs. Insurgents killed 700 of them.", "700",
     "period"),
    ("The monitor said 324 civilians were killed in April. " + REPORT_FILLER
     + "According to the report, rebels killed 10 civilians. On Monday a car bomb killed 30 people in Kabul.", "30",
     "incident"),
])
def test_the_sentence_after_one_that_cites_a_report_back_goes_on_within_its_window(text, surface, expected):
    assert scope_of(text, surface) == expected


# --------------------------------------------------------------------------- missing now: a current count


@pytest.mark.parametrize("text, surface, expected", [
    ("Eight Americans are missing, the White House said.", "Eight", "cumulative"),
    ("About 300 people are still unaccounted for, officials said.", "300", "cumulative"),
    ("Twelve people are missing after the flood swept through the valley.", "Twelve", "incident"),
])
def test_people_missing_now_are_a_current_count_unless_one_event_frames_them(text, surface, expected):
    assert scope_of(text, surface) == expected


# --------------------------------------------------------------------------- one kind of event joined to many events


@pytest.mark.parametrize("text, surface, expected", [
    ("The health ministry said 30 people were killed in airstrikes and shelling overnight.", "30", "period"),
    ("Ten people died in shelling and airstrikes on Monday, officials said.", "Ten", "period"),
    ("Medics said 12 people were killed in clashes and shelling across the province.", "12", "unknown"),
    ("In March the group documented 300 deaths. It also documented the killing of 96 rebels either during clashes "
     "or under shelling.", "96", "period"),
    ("Twelve villagers were killed in the shelling of their village on Friday.", "Twelve", "incident"),
])
def test_an_event_word_joined_to_plural_events_names_many_events(text, surface, expected):
    assert scope_of(text, surface) == expected


# --------------------------------------------------------------------------- a campaign told by its actor


@pytest.mark.parametrize("text, surface", [
    ("The Saudi-led coalition's airstrikes have killed 8,000 civilians, a monitor says.", "8,000"),
    ("Russia's airstrikes have killed 2,000 civilians in Syria.", "2,000"),
    ("The junta's airstrikes have killed hundreds of villagers, rights groups say.", "hundreds"),
])
def test_strikes_told_by_their_actor_are_a_campaign_not_one_named_set_of_events(text, surface):
    assert scope_of(text, surface) == "cumulative"


def test_a_named_set_of_events_in_a_present_perfect_stays_one_event():
    assert scope_of("The pager explosions have killed 12 people.", "12") == "incident"


# --------------------------------------------------------------------------- the attackers of one attack


@pytest.mark.parametrize("text, surface, expected", [
    ("Five villagers have been killed by unknown gunmen in Plateau state, police said.", "Five", "incident"),
    ("Gunmen have killed 14 worshippers at a church in Burkina Faso, officials said.", "14", "incident"),
    ("A suicide bomber has killed 30 people at a mosque in Peshawar.", "30", "incident"),
    ("Gunmen have killed more than 300 people in the region since January.", "300", "cumulative"),
    ("More than 2,000 people have been killed by Russian forces.", "2,000", "cumulative"),
    ("Thousands of civilians have been killed by the army and allied militias.", "Thousands", "cumulative"),
])
def test_the_attackers_of_one_attack_as_the_agent_of_a_present_perfect_tell_that_attack(text, surface, expected):
    assert scope_of(text, surface) == expected


# --------------------------------------------------------------------------- an ongoing campaign told in the present


@pytest.mark.parametrize("text, surface, expected", [
    ("As Israeli warplanes pound Gaza, killing more than 1,500 people, leaders urged restraint.", "1,500",
     "cumulative"),
    ("As airstrikes pound the city, killing 300 people, aid groups warn of famine.", "300", "cumulative"),
    ("Government jets are pounding rebel towns in Idlib, killing hundreds of civilians.", "hundreds", "cumulative"),
    ("Russian missiles pound Kyiv, killing 12.", "12", "incident"),
    ("As Russian forces shell Kharkiv, they hit a school, killing nine children.", "nine", "incident"),
])
def test_an_ongoing_campaign_told_in_the_present_is_a_running_total_unless_one_event_comes_between(
        text, surface, expected):
    assert scope_of(text, surface) == expected


@pytest.mark.parametrize(("text", "surface"), [
    # "the number of X killed" names a toll whatever the people are called
    ("The number of journalists killed rose to 90, the office said.", "90"),
    ("The number of children killed stands at 12,000.", "12,000"),
    ("The number of aid workers killed has climbed to 200.", "200"),
])
def test_the_number_of_a_group_killed_is_a_toll(text, surface):
    assert scope_of(text, surface) == "cumulative"


@pytest.mark.parametrize(("text", "surface", "scope"), [
    # opening fire is one event, even in a ministry's sentence
    ("At least 27 Palestinians waiting for aid were killed when Israeli forces opened fire, the ministry said.",
     "27", "incident"),
    ("Troops opened fire on the crowd, killing 12 people, the ministry said.", "12", "incident"),
    # a running total still wins
    ("Since October, soldiers have opened fire on crowds dozens of times, killing 400 people, the ministry said.",
     "400", "cumulative"),
])
def test_opening_fire_is_one_event(text, surface, scope):
    assert scope_of(text, surface) == scope
