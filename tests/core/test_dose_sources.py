"""Issue 22 §6: every dose says where its numbers come from, and the catalogue's corrections
against the seeds' own words.

The quotes were checked word for word against the four seed articles when they were written
(the articles are not part of this repository); here each quote is held to the numbers of
the dose it stands for.
"""

from __future__ import annotations

import re

import pytest

from ankle_gui.core.catalogue import Equipment
from ankle_gui.core.steps import StepKind, build_steps

# The seeds' words for numbers, as they appear in the quotes.
WORDS = {"a second or two": (1, 2), "a full second": (1, 1), "1 minute": (60, 60),
         "1-2 minutes": (60, 120), "30 seconds": (30, 30), "30sec": (30, 30)}


def _numbers(text: str) -> set[int]:
    found = {int(n) for n in re.findall(r"\d+", text)}
    for words, (low, high) in WORDS.items():
        if words in text:
            found |= {low, high}
    return found


def test_every_dose_field_says_where_it_comes_from(catalogue):
    for drill in catalogue:
        assert set(drill.dose_source) == set(drill.dose), drill.id
        for key, source in drill.dose_source.items():
            if source.from_seed:
                assert source.quote.strip(), (drill.id, key)
            words = drill.dose_origin(key)
            assert words.startswith("from ") if source.from_seed else \
                words.startswith("app default"), (drill.id, key)


def test_a_quoted_dose_has_the_quotes_numbers(catalogue):
    for drill in catalogue:
        for key, source in drill.dose_source.items():
            if not source.from_seed:
                continue
            rng = drill.dose[key]
            said = _numbers(f"{source.quote} {source.note}")
            if "Same as #" in source.quote:     # the note gives #1's dose
                said |= _numbers(source.note)
            assert {rng.low, rng.high} <= said, (drill.id, key, rng, source)


@pytest.mark.parametrize("drill_id", ["ankle_circles", "heel_lifts", "banded_plantarflexion",
                                      "banded_dorsiflexion", "eccentric_calf_raises",
                                      "wall_lean_stretch"])
def test_drills_risher_names_without_a_dose_say_the_dose_is_the_apps(catalogue, drill_id):
    drill = catalogue.get(drill_id)
    assert not any(s.from_seed for s in drill.dose_source.values())
    assert all("by name only" in drill.dose_origin(k) or "without a dose" in drill.dose_origin(k)
               for k in drill.dose)


def test_the_mwm_dose_is_borrowed_and_said_so(catalogue):
    for drill_id in ("talar_glide_mwm", "tibial_glide_mwm"):
        drill = catalogue.get(drill_id)
        assert "Risher's banded mobilizations" in drill.dose_origin("reps")
    assert "reader's" in catalogue.get("tibial_glide_mwm").source_note


def test_rest_is_the_apps_default_unless_rusin_gives_it(catalogue):
    for drill in catalogue:
        if "rest_s" in drill.dose:
            expected_seed = drill.id == "calf_pyramid"      # "anywhere from 15-30 seconds"
            assert drill.dose_source["rest_s"].from_seed is expected_seed, drill.id


def test_the_three_way_lunge_is_the_lunge_in_three_directions(catalogue):
    drill = catalogue.get("half_kneeling_lunge_3way")
    assert (drill.dose["rounds"].low, drill.dose["per_direction"].low) == (3, 15)
    assert "Same as #1" in drill.dose_source["per_direction"].quote


def test_the_calf_pyramid_counts_sets_not_weeks_and_climbs_in_weight(catalogue):
    drill = catalogue.get("calf_pyramid")
    rounds = drill.dose_source["rounds"]
    assert not rounds.from_seed and "weeks" in rounds.note
    assert "add_kg" in drill.dose and not drill.dose_source["add_kg"].from_seed
    assert "climbs in weight" in drill.dose_source["add_kg"].note
    assert not any("first in a leg session" in line for line in drill.setup)
    # The player says what to add at each rest.
    item = drill.id
    from ankle_gui.core.plan import plan_item_for

    steps = build_steps([plan_item_for(catalogue, item, dose={"add_kg": 2})], catalogue)
    rests = [s for s in steps if s.kind is StepKind.REST]
    assert rests and "Add 2 kg (2 kg more than the first round)" in rests[0].cue
    assert "Add two kilos" in rests[0].say


def test_the_band_behind_mob_wraps_the_back_of_the_ankle_as_the_seed_says(catalogue):
    drill = catalogue.get("banded_mob_back")
    text = " ".join((drill.summary, *drill.setup, *drill.cues))
    assert "around the back of your ankle" in text
    assert "heel cord" not in text and "pulls the heel" not in text


def test_the_manual_talus_mob_goes_on_while_it_makes_a_difference(catalogue):
    drill = catalogue.get("manual_talus_mob")
    assert not drill.dose_source["reps"].from_seed
    assert "notable difference" in drill.dose_source["reps"].note
    assert any("stop when it no longer does" in cue for cue in drill.cues)


def test_hands_on_release_shows_under_no_equipment(catalogue):
    assert "hands_on_calf_release" in {d.id for d in catalogue.filtered(
        equipment=Equipment.NONE)}


def test_no_cue_restates_a_hold_the_dose_sets(catalogue):
    # "Pause 1–2 s" beside "hold 2 s" on the handout: the dose says how long, the cue not.
    for drill in catalogue:
        if "rep_hold_s" not in drill.dose:
            continue
        for line in (*drill.setup, *drill.cues):
            assert not re.search(r"\d\s*s\b", line), (drill.id, line)
