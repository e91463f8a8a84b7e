"""Prescription: every felt-limit combination on each side, turned into a plan."""

from __future__ import annotations

import itertools

import pytest

from ankle_gui.core.assessment import Measurer
from ankle_gui.core.plan import check_dose
from ankle_gui.core.prescription import (
    BOTH_CAVEAT,
    JOINT_DRILLS,
    MAINTENANCE_DRILLS,
    SOFT_TISSUE_DRILLS,
    prescribe,
)
from ankle_gui.core.records import Felt, Side
from ankle_gui.core.screening import Screening, SideScreening, felt_words
from ankle_gui.core.units import Unit

B, F, N = Felt.BACK, Felt.FRONT, Felt.NONE

# (straight, bent) → the corrective drills that side must get, worked out by hand.
EXPECTED = {
    (B, B): set(SOFT_TISSUE_DRILLS),
    (B, N): set(SOFT_TISSUE_DRILLS),
    (N, B): set(SOFT_TISSUE_DRILLS),
    (F, F): set(JOINT_DRILLS),
    (F, N): set(JOINT_DRILLS),
    (N, F): set(JOINT_DRILLS),
    (B, F): set(SOFT_TISSUE_DRILLS) | set(JOINT_DRILLS),
    (F, B): set(SOFT_TISSUE_DRILLS) | set(JOINT_DRILLS),
    (N, N): set(),
}
# Clearly past the mark, measured by a clinician with a tape (margin 1.9 cm).
PASSING = SideScreening(Side.RIGHT, 13.0, True, N, N, None, Measurer.CLINICIAN, 0.1)


def _drills_for(items, side: Side) -> set[str]:
    return {i.drill_id for i in items
            if i.sides in (side, Side.BOTH) and i.drill_id not in MAINTENANCE_DRILLS}


@pytest.mark.parametrize("side", [Side.LEFT, Side.RIGHT])
@pytest.mark.parametrize(("straight", "bent"), list(itertools.product(Felt, Felt)))
def test_each_combination_on_each_side_with_the_other_side_passing(catalogue, side, straight,
                                                                   bent):
    tight = SideScreening(side, 6.0, False, straight, bent)
    other = SideScreening(side.other, 13.0, True, N, N, None, Measurer.CLINICIAN, 0.1)
    left, right = (tight, other) if side is Side.LEFT else (other, tight)
    plan = prescribe(Screening(left, right, squat_heels_down=False), catalogue)
    assert _drills_for(plan.items, side) == EXPECTED[(straight, bent)]
    # Corrective work never reaches the side that passed.
    assert _drills_for(plan.items, side.other) == set()
    for item in plan.items:
        if item.drill_id not in MAINTENANCE_DRILLS:
            assert item.sides is side
            assert item.reason.startswith(side.value.capitalize())
    # Maintenance is for everyone, always last.
    assert [i.drill_id for i in plan.items[-2:]] == list(MAINTENANCE_DRILLS)
    assert all(i.sides is Side.BOTH for i in plan.items[-2:])


@pytest.mark.parametrize(("left_felt", "right_felt"),
                         list(itertools.product(EXPECTED, EXPECTED)))
def test_all_81_pairings_give_each_side_exactly_its_drills(catalogue, left_felt, right_felt):
    screening = Screening(SideScreening(Side.LEFT, 7.0, False, *left_felt),
                          SideScreening(Side.RIGHT, 8.0, False, *right_felt), True)
    plan = prescribe(screening, catalogue)
    assert _drills_for(plan.items, Side.LEFT) == EXPECTED[left_felt]
    assert _drills_for(plan.items, Side.RIGHT) == EXPECTED[right_felt]
    ids = [i.drill_id for i in plan.items]
    assert len(ids) == len(set(ids)), "a drill shared by both sides is one item for BOTH"
    for item in plan.items:
        assert check_dose(catalogue.get(item.drill_id), item.dose) == item.dose


def test_worked_example_from_the_issue(catalogue):
    left = SideScreening(Side.LEFT, 6.0, False, F, F)
    plan = prescribe(Screening(left, PASSING, False), catalogue)
    assert plan.summaries[Side.LEFT] == (
        "Left: pinch at the front with the knee straight and bent → joint restriction → "
        "banded mobilizations, manual talus mobilization, 3-way oscillations")
    assert plan.summaries[Side.RIGHT] == "Right: 13.0 cm, passes the screen → maintenance only"
    assert [i.drill_id for i in plan.items] == list(JOINT_DRILLS) + list(MAINTENANCE_DRILLS)
    three_way = next(i for i in plan.items if i.drill_id == "ankle_3way_mob")
    assert "retest" in three_way.reason


def test_soft_tissue_comes_before_joint_and_both_sides_share_items(catalogue):
    screening = Screening(SideScreening(Side.LEFT, 6.0, False, B, F),
                          SideScreening(Side.RIGHT, 7.0, False, F, F), False)
    plan = prescribe(screening, catalogue)
    ids = [i.drill_id for i in plan.items]
    assert ids == list(SOFT_TISSUE_DRILLS) + list(JOINT_DRILLS) + list(MAINTENANCE_DRILLS)
    by_id = {i.drill_id: i for i in plan.items}
    assert by_id["trigger_point_rolling"].sides is Side.LEFT
    assert by_id["banded_mob_front"].sides is Side.BOTH
    assert by_id["banded_mob_front"].reason == (
        "Left: soft-tissue and joint restriction; Right: joint restriction")
    assert by_id["biphasic_stretch"].reason.startswith("Left: soft-tissue and joint restriction")
    assert "knee straight, then bent" in by_id["biphasic_stretch"].reason


def test_passed_screen_means_maintenance_only_whatever_is_felt(catalogue):
    screening = Screening(SideScreening(Side.LEFT, 12.5, True, F, F, None, Measurer.CLINICIAN, 0.1),
                          SideScreening(Side.RIGHT, 14.0, True, B, B, None, Measurer.CLINICIAN,
                                        0.1), True)
    plan = prescribe(screening, catalogue, Unit.INCH)
    assert [i.drill_id for i in plan.items] == list(MAINTENANCE_DRILLS)
    assert plan.summaries[Side.LEFT] == "Left: 4.9 in, passes the screen → maintenance only"


def test_nothing_felt_but_short_suggests_a_clinician_if_it_stays(catalogue):
    screening = Screening(SideScreening(Side.LEFT, 6.0, False, N, N), PASSING, False)
    plan = prescribe(screening, catalogue)
    assert [i.drill_id for i in plan.items] == list(MAINTENANCE_DRILLS)
    assert "maintenance only" in plan.summaries[Side.LEFT]
    assert "clinician" in plan.summaries[Side.LEFT]


def test_same_limit_on_both_sides_reads_as_both_sides(catalogue):
    screening = Screening(SideScreening(Side.LEFT, 6.0, False, F, F),
                          SideScreening(Side.RIGHT, 7.0, False, F, N), False)
    plan = prescribe(screening, catalogue)
    assert plan.items[0].drill_id == "banded_mob_front"
    assert plan.items[0].sides is Side.BOTH
    assert plan.items[0].reason == "Both sides: joint restriction"


# (straight, bent) → the words after the arrow for a side that fails the screen.
SUMMARY_TAIL = {
    (B, B): "soft-tissue restriction → trigger-point rolling, bi-phasic stretch (knee straight "
            "and bent)",
    (B, N): "soft-tissue restriction → trigger-point rolling, bi-phasic stretch (knee straight "
            "and bent)",
    (N, B): "soft-tissue restriction → trigger-point rolling, bi-phasic stretch (knee straight "
            "and bent)",
    (F, F): "joint restriction → banded mobilizations, manual talus mobilization, "
            "3-way oscillations",
    (F, N): "joint restriction → banded mobilizations, manual talus mobilization, "
            "3-way oscillations",
    (N, F): "joint restriction → banded mobilizations, manual talus mobilization, "
            "3-way oscillations",
    (B, F): "soft-tissue and joint restriction → trigger-point rolling, bi-phasic stretch (knee "
            "straight and bent), banded mobilizations, manual talus mobilization, "
            "3-way oscillations (" + BOTH_CAVEAT + ")",
    (F, B): "soft-tissue and joint restriction → trigger-point rolling, bi-phasic stretch (knee "
            "straight and bent), banded mobilizations, manual talus mobilization, "
            "3-way oscillations (" + BOTH_CAVEAT + ")",
    (N, N): "no restriction to target → maintenance only; if the distance stays short, ask a "
            "clinician",
}


@pytest.mark.parametrize("side", [Side.LEFT, Side.RIGHT])
@pytest.mark.parametrize(("straight", "bent"), list(SUMMARY_TAIL))
def test_summary_line_in_words_for_every_combination(catalogue, side, straight, bent):
    tight = SideScreening(side, 6.0, False, straight, bent)
    left, right = (tight, PASSING) if side is Side.LEFT else (
        SideScreening(Side.LEFT, 13.0, True, N, N, None, Measurer.CLINICIAN, 0.1), tight)
    line = prescribe(Screening(left, right, False), catalogue).summaries[side]
    assert line.startswith(f"{side.value.capitalize()}: ")
    assert line.endswith(SUMMARY_TAIL[(straight, bent)])
    assert felt_words(straight, bent) in line


def test_both_limits_keep_rusins_caveat_that_it_is_rare(catalogue):
    # Issue 22 §6: the "extremely rare" caveat was dropped from the both-limits case.
    assert "uncommon" in BOTH_CAVEAT and "Rusin" in BOTH_CAVEAT
    plan = prescribe(Screening(SideScreening(Side.LEFT, 6.0, False, B, F), PASSING, False),
                     catalogue)
    assert BOTH_CAVEAT in plan.summaries[Side.LEFT]


def test_a_joint_limit_gets_one_banded_front_glide_not_two_with_the_same_set_up(catalogue):
    # Issue 22 §6: banded_mob_front and talar_glide_mwm have the same set-up.
    plan = prescribe(Screening(SideScreening(Side.LEFT, 6.0, False, F, F), PASSING, False),
                     catalogue)
    ids = [i.drill_id for i in plan.items]
    assert "banded_mob_front" in ids and "talar_glide_mwm" not in ids
    assert "band-in-front" in catalogue.get("talar_glide_mwm").summary
