"""The home-programme handout's content, without Qt: who, which clinic, when, and each drill
in words, with a week of tick boxes."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import TODAY

from ankle_gui.core.handout import DAYS, NoPlan, build_handout, programme_line
from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import Side


def test_a_known_plan_in_words(catalogue):
    plan = [plan_item_for(catalogue, "banded_mob_front", Side.LEFT,
                          {"reps": 12, "rounds": 2, "rest_s": 30}),
            plan_item_for(catalogue, "wall_calf_stretch", Side.BOTH),
            plan_item_for(catalogue, "calf_raises_step", Side.BOTH)]
    handout = build_handout("Ann Lee", plan, catalogue, clinic_name=" Riverside Physio ",
                            printed_on=date(2026, 11, 29), sessions_per_week=3)
    assert (handout.patient_name, handout.clinic_name, handout.printed_on) == (
        "Ann Lee", "Riverside Physio", date(2026, 11, 29))
    assert handout.programme_line == "Do the whole programme 3 times a week."
    mob, stretch, raises = handout.drills
    assert mob.name == "Banded ankle mob – band in front"
    assert mob.side_words == "Left ankle"
    assert "12 reps" in mob.dose_words and "2 rounds" in mob.dose_words
    assert "rest 30 s" in mob.dose_words
    drill = catalogue.get("banded_mob_front")
    assert (mob.setup, mob.cues) == (tuple(drill.setup), tuple(drill.cues))
    assert mob.poses is drill.poses and mob.side is Side.LEFT
    assert stretch.side_words == "Each ankle in turn, left first"
    assert " s" in stretch.dose_words                       # a timed drill: seconds
    assert raises.side_words == "Both ankles together"      # not a per-side drill
    assert handout.days == DAYS and len(handout.days) == 7
    assert "sharp pain" in handout.safety


def test_a_programme_from_the_physio_is_said_so():
    assert programme_line(2, 4, from_physio=True) == (
        "From your physio: do the whole programme twice a week, and retest your ankles "
        "every 4 weeks.")
    assert programme_line(1) == "Do the whole programme once a week."
    assert programme_line(None) == ""


def test_no_plan_is_refused_with_a_message(catalogue):
    with pytest.raises(NoPlan, match="Bo has no plan yet"):
        build_handout("Bo", [], catalogue, printed_on=TODAY.date())


def test_a_drill_gone_from_the_catalogue_still_prints(catalogue):
    from ankle_gui.core.plan import PlanItem

    [old] = build_handout("Bo", [PlanItem("retired_drill", Side.RIGHT, {"reps": 8})],
                          catalogue, printed_on=TODAY.date()).drills
    assert (old.name, old.side_words, old.dose_words, old.poses) == (
        "retired drill", "Right ankle", "reps 8", None)
