"""The drill figures' data and maths: every drill's poses are valid and right, limbs keep
their length through every frame, and bad pose data is named clearly."""

from __future__ import annotations

import copy
import json
import math

import pytest

from ankle_gui.core.catalogue import CatalogueError, parse_catalogue, read_resource_text
from ankle_gui.core.figure import (
    END_PAUSE,
    HEAD_R,
    OUT_SHARE,
    RIGID,
    Motion,
    angles_at,
    blend,
    bounds,
    pose_figure,
    surface_height,
)
from ankle_gui.core.poses import PoseError, parse_poses

PHASES = [i / 40 for i in range(40)]


def _rigid_lengths(figure) -> dict[str, float]:
    out = {}
    for name in RIGID:
        if name == "trunk":
            out[name] = figure.length("pelvis", "neck")
        else:
            a, b = name.split("-")
            side = a.split("_")[0]
            out[name] = figure.length(a, f"{side}_{b}")
    return out


def _frames(drill):
    """Every variant's key poses, and 40 frames of each motion between them."""
    poses = drill.poses
    for variant in poses.variants() or (None,):
        keys = poses.sequence(variant)
        for key in keys:
            yield key.angles
        for motion in (Motion.REPS, Motion.PULSE):
            for phase in PHASES:
                yield angles_at(keys, motion, phase)


def test_every_drill_has_two_or_three_key_poses_per_movement(catalogue):
    for drill in catalogue:
        poses = drill.poses
        assert set(poses.variants()) <= set(drill.positions + drill.directions), drill.id
        for variant in poses.variants() or (None,):
            assert 2 <= len(poses.sequence(variant)) <= 3, (drill.id, variant)
        assert all(key.label.strip() for key in poses.keys), drill.id


def test_three_way_drills_show_each_direction_from_the_front(catalogue):
    for drill in catalogue:
        if drill.directions == ("in", "out", "straight"):
            assert drill.poses.view.value == "front", drill.id
            assert set(drill.poses.variants()) == set(drill.directions), drill.id


def test_limb_lengths_stay_constant_in_every_frame_of_every_drill(catalogue):
    for drill in catalogue:
        for angles in _frames(drill):
            lengths = _rigid_lengths(pose_figure(drill.poses, angles))
            for name, expected in RIGID.items():
                assert lengths[name] == pytest.approx(expected, abs=1e-9), (drill.id, name)


def test_key_poses_rest_on_their_surfaces_and_nothing_sinks_below_the_floor(catalogue):
    for drill in catalogue:
        poses = drill.poses
        for key in poses.keys:
            figure = pose_figure(poses, key.angles)
            for point, surface in poses.contacts:
                if point.endswith("_sole"):
                    side = point.split("_")[0]
                    y = min(figure.points[f"{side}_heel"][1], figure.points[f"{side}_ball"][1])
                else:
                    y = figure.points[point][1]
                lift = 0.04 if point.endswith(("_knee", "_elbow")) else 0.0
                assert y - lift == pytest.approx(surface_height(poses, surface), abs=0.02), \
                    (drill.id, key.label, point)
        for angles in _frames(drill):
            lowest = min(p[1] for p in pose_figure(poses, angles).points.values())
            assert lowest > -0.03, drill.id


def test_interpolation_blends_angles_not_points():
    a = {"work_knee": 0.0, "work_hip": 10.0}
    b = {"work_knee": 90.0, "work_hip": 50.0}
    assert blend(a, b, 0.5) == {"work_knee": 45.0, "work_hip": 30.0}
    assert blend(a, b, 0.0) == a and blend(a, b, 1.0) == b


def test_timing_reps_go_out_pause_and_come_back(catalogue):
    keys = catalogue.get("half_kneeling_lunge").poses.sequence()
    start, end = keys[0].angles, keys[-1].angles
    assert angles_at(keys, Motion.REPS, 0.0) == pytest.approx(start)
    assert angles_at(keys, Motion.REPS, OUT_SHARE) == pytest.approx(end)
    assert angles_at(keys, Motion.REPS, OUT_SHARE + END_PAUSE / 2) == pytest.approx(end)
    assert angles_at(keys, Motion.REPS, 0.999)["work_knee"] == pytest.approx(
        start["work_knee"], abs=0.1)
    assert angles_at(keys, Motion.REPS, 1.25) == angles_at(keys, Motion.REPS, 0.25)
    # Halfway out, the knee is between its start and end angles.
    middle = angles_at(keys, Motion.REPS, OUT_SHARE / 2)["work_knee"]
    assert min(start["work_knee"], end["work_knee"]) < middle < max(start["work_knee"],
                                                                   end["work_knee"])


def test_timing_holds_rests_and_pulses(catalogue):
    keys = catalogue.get("biphasic_stretch").poses.sequence("knee straight")
    end, before = keys[-1].angles, keys[-2].angles
    assert angles_at(keys, Motion.HOLD, 0.7) == end
    assert angles_at(keys, Motion.REST, 0.7) == keys[0].angles
    ankles = [angles_at(keys, Motion.PULSE, p)["work_ankle"] for p in PHASES]
    span = end["work_ankle"] - before["work_ankle"]
    # Pulses stay at the end of the range: within the last third of the last step.
    assert all(abs(end["work_ankle"] - a) <= abs(span) * 0.31 for a in ankles)
    assert max(ankles) - min(ankles) > abs(span) * 0.2  # and they do move


def test_mirroring_flips_the_picture_only(catalogue):
    poses = catalogue.get("banded_mob_front").poses
    figure = pose_figure(poses, poses.keys[0].angles)
    right, left = figure.project(), figure.project(mirrored=True)
    assert all(left[n] == (-x, y) for n, (x, y) in right.items())


def test_bounds_hold_every_frame(catalogue):
    for drill in catalogue:
        left, bottom, right, top = bounds(drill.poses)
        for angles in _frames(drill):
            for x, y in pose_figure(drill.poses, angles).project().values():
                # within a hair: the renderer keeps a margin of 0.06 around this box
                assert left - 0.01 <= x <= right + 0.01 and bottom - 0.01 <= y <= top + 0.01


# --- the key details the issue names ----------------------------------------------------

HALF_KNEELING_DRILLS = ("knee_to_wall_test", "fist_width_screen", "banded_mob_front",
                        "banded_mob_back",
                        "talar_glide_mwm", "tibial_glide_mwm", "half_kneeling_lunge",
                        "half_kneeling_lunge_3way", "half_kneeling_lunge_weighted",
                        "half_kneeling_lunge_tibial_ir", "manual_talus_mob", "ankle_3way_mob")


@pytest.mark.parametrize("drill_id", HALF_KNEELING_DRILLS)
def test_half_kneeling_front_foot_flat_and_knee_over_the_toes(catalogue, drill_id):
    poses = catalogue.get(drill_id).poses
    assert poses.base == "half_kneeling"
    for key in poses.keys:
        p = pose_figure(poses, key.angles).points
        assert p["work_heel"][1] == pytest.approx(0.0, abs=0.005), key.label
        assert p["work_ball"][1] == pytest.approx(0.0, abs=0.005), key.label
        assert p["other_knee"][1] == pytest.approx(0.04, abs=0.01), key.label
        # the back foot's toes tucked under: ball on the floor, heel up (Risher's test set-up)
        assert p["other_ball"][1] == pytest.approx(0.0, abs=0.01), key.label
        assert p["other_heel"][1] > 0.1, key.label
    end = pose_figure(poses, poses.sequence()[-1].angles).points
    assert end["work_knee"][0] > end["work_ball"][0]  # the knee travels past the toes' base


# Where each band is anchored and where it sits on the leg, from the seeds:
# - Risher, exercise 1: facing away from the anchor, band round the front of the ankle;
# - Risher, exercise 2: facing the anchor, band round the back of the ankle;
# - the MWM post (seed 001): a posterior glide of the talus, so the band holds the front of
#   the ankle back; a reader's variant, an anterior glide of the tibia, pulls the lower
#   shin from behind, "back to front";
# - Risher's list: banded dorsiflexion (anchored ahead, over the top of the foot) and banded
#   plantarflexion (held in the hands, round the ball of the foot).
BANDS = {
    # drill: (anchor: behind / ahead / a hand, point the band sits on, side of the leg)
    "banded_mob_front": ("behind", "work_crease", "front"),
    "talar_glide_mwm": ("behind", "work_crease", "front"),
    "banded_mob_back": ("ahead", "work_heelcord", "back"),
    "tibial_glide_mwm": ("ahead", "work_lowshin", "back"),
    "banded_dorsiflexion": ("ahead", "work_foottop", "top"),
    "banded_plantarflexion": ("work_hand", "work_ball", "sole"),
}


def test_every_banded_drill_is_in_the_band_table(catalogue):
    banded = {d.id for d in catalogue if d.poses.prop("band") is not None}
    assert banded == set(BANDS)


def _leg_side(points, point: str) -> float:
    """How far ``point`` is in front of the working shin's line (+) or behind it (-)."""
    (kx, ky, _), (ax, ay, _) = points["work_knee"], points["work_ankle"]
    px, py, _ = points[point]
    return ((ax - kx) * (py - ky) - (ay - ky) * (px - kx)) / math.dist((kx, ky), (ax, ay))


@pytest.mark.parametrize("drill_id", sorted(BANDS))
def test_bands_are_anchored_and_pull_where_the_seeds_say(catalogue, drill_id):
    anchor, sits_on, side = BANDS[drill_id]
    poses = catalogue.get(drill_id).poses
    band = poses.prop("band")
    assert band is not None and band.values["to"] == sits_on
    if anchor == "work_hand":
        assert band.values["from"] == "work_hand"
        return
    ax, ay = band.values["from"]
    for key in poses.keys:
        p = pose_figure(poses, key.angles).points
        to = p[sits_on]
        # the pull, from the leg to the anchor: backward if anchored behind, else forward
        assert (ax - to[0]) * (1 if anchor == "ahead" else -1) > 0.2, key.label
        if side in ("front", "back"):
            # round the front of the ankle or behind the heel / low shin: on that side of
            # the shin's line, and low, so the band pulls through the ankle, not the knee
            assert _leg_side(p, sits_on) * (1 if side == "front" else -1) > 0.01, key.label
            assert to[1] < 0.12 and abs(ay - to[1]) < 0.08, key.label
        # the anchor's post stands clear of the figure (not on the kneeling leg's foot)
        nearest = min(abs(x - ax) for x, y, _ in p.values() if y < 0.2)
        assert nearest > 0.05, key.label


def test_a_bands_anchor_is_inside_the_drawn_box(catalogue):
    for drill in catalogue:
        band = drill.poses.prop("band")
        if band is None or isinstance(band.values["from"], str):
            continue
        left, bottom, right, top = bounds(drill.poses)
        x, y = band.values["from"]
        assert left <= x <= right and bottom <= y + 0.05 <= top, drill.id


@pytest.mark.parametrize("drill_id", ["biphasic_stretch", "knee_differentiation_step_test",
                                      "wall_calf_stretch", "step_stretch"])
def test_straight_then_bent_knee(catalogue, drill_id):
    drill = catalogue.get(drill_id)
    straight, bent = drill.positions
    straight_end = drill.poses.sequence(straight)[-1].angles
    bent_end = drill.poses.sequence(bent)[-1].angles
    assert straight_end["work_knee"] <= 5 and bent_end["work_knee"] >= 20


@pytest.mark.parametrize("drill_id", ["calf_raises_step", "calf_pyramid"])
def test_calf_raises_go_through_the_full_range_off_a_step_edge(catalogue, drill_id):
    poses = catalogue.get(drill_id).poses
    step = surface_height(poses, "step")
    heels = []
    for key in poses.keys:
        p = pose_figure(poses, key.angles).points
        assert p["work_ball"] == pytest.approx((0.0, step, p["work_ball"][2]), abs=1e-6)
        heels.append(p["work_heel"][1] - step)
    assert min(heels) < -0.02  # below the step: the stretch
    assert max(heels) > 0.06   # high on the toes


@pytest.mark.parametrize("drill_id", ["half_kneeling_lunge_3way", "ankle_3way_mob",
                                      "half_kneeling_lunge_tibial_ir", "knee_circles"])
def test_three_way_and_rotation_drills_are_seen_from_the_front(catalogue, drill_id):
    assert catalogue.get(drill_id).poses.view.value == "front"


@pytest.mark.parametrize("drill_id", ["half_kneeling_lunge_3way", "ankle_3way_mob"])
def test_in_and_out_move_the_knee_toward_and_away_from_the_midline(catalogue, drill_id):
    # Both seeds: in is slightly toward the midline (big-toe side), out away from it,
    # straight over the middle toes. The working side is +z.
    poses = catalogue.get(drill_id).poses
    offsets = {}
    for variant in ("in", "out", "straight"):
        p = pose_figure(poses, poses.sequence(variant)[-1].angles).points
        offsets[variant] = p["work_knee"][2] - p["work_ball"][2]
    assert offsets["in"] < -0.02 and offsets["out"] > 0.02 and abs(offsets["straight"]) < 0.01


STEP_EDGE_DRILLS = ("calf_raises_step", "calf_pyramid", "step_stretch", "biphasic_stretch",
                    "knee_differentiation_step_test")


@pytest.mark.parametrize("drill_id", STEP_EDGE_DRILLS)
def test_step_edge_drills_drop_the_heel_below_the_step(catalogue, drill_id):
    poses = catalogue.get(drill_id).poses
    assert poses.contacts[0] == ("work_ball", "step")
    step = poses.prop("step")
    assert step is not None
    top = step.values["height"]
    for variant in poses.variants() or (None,):
        keys = poses.sequence(variant)
        first = pose_figure(poses, keys[0].angles).points
        # the ball of the foot on the edge, the heel hanging off behind it
        assert step.values["x0"] <= first["work_ball"][0] < step.values["x0"] + 0.03
        assert first["work_heel"][0] < step.values["x0"]
        heels = [pose_figure(poses, k.angles).points["work_heel"][1] for k in keys]
        assert min(heels) < top - 0.02, (variant, heels)  # the stretch: heel below the step


def test_bi_phasic_stretch_goes_knee_straight_then_knee_bent(catalogue):
    drill = catalogue.get("biphasic_stretch")
    assert drill.positions == ("knee straight", "knee bent")
    assert drill.poses.variants() == drill.positions
    p = {v: pose_figure(drill.poses, drill.poses.sequence(v)[-1].angles).points
         for v in drill.positions}
    # straight: hip, knee and ankle in line; bent: the knee well forward of that line
    for variant, low, high in (("knee straight", 0.0, 0.01), ("knee bent", 0.04, 1.0)):
        hip, knee, ankle = (p[variant][f"work_{j}"] for j in ("hip", "knee", "ankle"))
        off_line = abs((ankle[0] - hip[0]) * (knee[1] - hip[1])
                       - (ankle[1] - hip[1]) * (knee[0] - hip[0])) / math.dist(hip, ankle)
        assert low <= off_line <= high, variant


# The soft-tissue drills: what presses where (seed 002: foam roll the calves, roll the shins
# face down, massage stick on the calves, hands or a ball on the calf; seed 003: a roller or
# ball on the calf's trigger points).
SOFT_TISSUE = {
    "trigger_point_rolling": ("roller", "work_calf"),
    "calf_rolling": ("roller", "work_calf"),
    "calf_rolling_ankle_circles": ("roller", "work_calf"),
    "shin_rolling": ("roller", "work_shin"),
    "massage_stick_calf": ("stick", "work_calf"),
    "hands_on_calf_release": ("ball", "work_calf"),
}


@pytest.mark.parametrize("drill_id", sorted(SOFT_TISSUE))
def test_rollers_sticks_and_balls_press_on_the_calf_or_shin(catalogue, drill_id):
    kind, on = SOFT_TISSUE[drill_id]
    poses = catalogue.get(drill_id).poses
    prop = poses.prop(kind)
    assert prop is not None
    for key in poses.keys:
        assert 0.1 <= key.angles["along"] <= 0.9, key.label  # between knee and ankle
        p = pose_figure(poses, key.angles).points
        if kind == "roller":
            # the calf (or, face down, the shin) lies on top of the roller
            assert (on, "roller") in poses.contacts
            assert p[on][0] == pytest.approx(prop.values["x"], abs=0.01), key.label
            assert p[on][1] == pytest.approx(2 * prop.values["r"], abs=0.01), key.label
        else:
            # held in the hands, on the calf
            assert prop.values["at"] == on
            assert math.dist(p["work_hand"], p[on]) < 0.04, key.label


def test_the_massage_stick_lies_across_the_back_of_the_calf_and_rolls_down_it(catalogue):
    # Both hands hold the stick's ends either side of the leg, so its rod runs across the
    # calf (as the stick is used: across the muscle, rolled along it), pressed into the back
    # of the shin, and a rep carries it from the upper to the lower calf.
    poses = catalogue.get("massage_stick_calf").poses
    keys = poses.sequence()
    downs = []
    for phase in [i / 20 * OUT_SHARE for i in range(21)]:
        p = pose_figure(poses, angles_at(keys, Motion.REPS, phase)).points
        knee, ankle, on = p["work_knee"], p["work_ankle"], p["work_calf"]
        shin = (ankle[0] - knee[0], ankle[1] - knee[1])
        length = math.hypot(*shin)
        rel = (on[0] - knee[0], on[1] - knee[1])
        # + behind the shin for a figure facing +x with the shin pointing down
        behind = (rel[0] * shin[1] - rel[1] * shin[0]) / length
        assert 0.01 < behind < 0.05, phase
        downs.append((rel[0] * shin[0] + rel[1] * shin[1]) / length ** 2)
        assert on[2] == pytest.approx(p["work_knee"][2])  # on the working leg's own line
        for hand, z in (("work_hand", 1.0), ("other_hand", -1.0)):
            assert math.dist(p[hand][:2], on[:2]) < 0.01, (hand, phase)
            assert z * (p[hand][2] - on[2]) > 0.02, (hand, phase)  # on its side of the leg
    assert downs == sorted(downs)
    assert downs[0] < 0.35 and downs[-1] > 0.7


def test_nothing_goes_through_the_wall(catalogue):
    # Hands rest on the wall and toes may touch it; elbows, the head and the rest stay this
    # side of it (side views; a front view leaves the wall out).
    for drill in catalogue:
        poses = drill.poses
        wall = poses.prop("wall")
        if wall is None or poses.view.value != "side":
            continue
        x = wall.values["x"]
        for key in poses.keys:
            p = pose_figure(poses, key.angles).points
            for name, point in p.items():
                slack = 0.025 if name.endswith("_toe") else 0.008
                assert point[0] <= x + slack, (drill.id, key.label, name)
            assert p["head"][0] + HEAD_R <= x + 0.005, (drill.id, key.label)


# Where the body moves over a prop or steps on purpose, a contact may move between keys: the
# rolling drills move the body over the roller (the hands or forearms shift with it), and the
# downward dog walks walk the feet. A "sole" is whichever of heel and ball is lower, so it
# moves when a foot points or flexes; those are left out.
MAY_SLIDE = {"trigger_point_rolling", "calf_rolling", "shin_rolling", "downward_dog_walks"}


def test_planted_feet_knees_and_hands_stay_put_between_key_poses(catalogue):
    for drill in catalogue:
        if drill.id in MAY_SLIDE:
            continue
        poses = drill.poses
        for variant in poses.variants() or (None,):
            for point, _surface in poses.contacts[1:]:
                if point.endswith("_sole"):
                    continue
                xs = [pose_figure(poses, key.angles).points[point][0]
                      for key in poses.sequence(variant)]
                # 0.03 of a person's height is about 5 cm
                assert max(xs) - min(xs) < 0.03, (drill.id, variant, point, xs)


# --- bad data ------------------------------------------------------------------------------

GOOD = {
    "view": "side", "base": "standing",
    "props": [{"kind": "wall", "x": 0.3}],
    "keys": [{"label": "Start"}, {"label": "End", "work_knee": 30}],
}


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d["keys"][1].update(work_elbow_twist=3), "keys[1].work_elbow_twist: is not a joint"),
    (lambda d: d["keys"][1].update(work_knee=175), "keys[1].work_knee: 175 is outside"),
    (lambda d: d["keys"][1].update(work_ankle="far"), "keys[1].work_ankle: must be a number"),
    (lambda d: d["keys"][1].update(trunk=float("nan")), "keys[1].trunk: must be a number"),
    (lambda d: d["keys"].pop(), "two to six key poses"),
    (lambda d: d["keys"].extend([{"label": "a"}, {"label": "b"}]),
     "each movement needs two or three"),
    (lambda d: d["keys"][1].update(variant="knee wobbly"), "keys[1].variant: 'knee wobbly'"),
    (lambda d: d.update(view="top"), "view: 'top' is not 'side' or 'front'"),
    (lambda d: d.update(base="hanging"), "base: 'hanging' is not one of"),
    (lambda d: d["props"].append({"kind": "trampoline"}), "props[1].kind: 'trampoline'"),
    (lambda d: d["props"].append({"kind": "step", "x0": 0}), "props[1].x1: is missing"),
    (lambda d: d["props"].append({"kind": "roller", "x": 0, "r": 3}), "props[1].r: 3.0 is not"),
    (lambda d: d["props"].append({"kind": "band", "from": "work_nose", "to": "work_crease"}),
     "props[1].from: 'work_nose' is not a point"),
    (lambda d: d["props"][0].update(colour="red"), "props[0].colour: is not a known field"),
    (lambda d: d.update(contacts=[["work_ball", "step"]]), "there is no step prop"),
    (lambda d: d.update(contacts=[["work_sole", "floor"]]), "must be a heel or a ball"),
    (lambda d: d.update(marks=[{"kind": "sparkle"}]), "marks[0].kind: 'sparkle'"),
    (lambda d: d.update(speed=2), "speed: is not a known field"),
])
def test_bad_pose_data_is_named_clearly(mutate, message):
    data = copy.deepcopy(GOOD)
    parse_poses(data, ("knee straight",))  # the good one parses
    mutate(data)
    with pytest.raises(PoseError) as excinfo:
        parse_poses(data, ("knee straight",))
    assert message in str(excinfo.value)


def test_the_catalogue_check_names_the_drill_and_the_pose_field():
    data = json.loads(read_resource_text("drills.json"))
    entry = next(d for d in data["drills"] if d["id"] == "biphasic_stretch")
    entry["poses"]["keys"][1]["work_knee"] = -20
    with pytest.raises(CatalogueError) as excinfo:
        parse_catalogue(data)
    text = str(excinfo.value)
    assert "drill 'biphasic_stretch'" in text and "'poses'" in text
    assert "keys[1].work_knee: -20 is outside the human range 0 to 160" in text
    del entry["poses"]
    with pytest.raises(CatalogueError, match="'poses': is missing"):
        parse_catalogue(data)


def test_a_later_key_inherits_what_it_does_not_change():
    poses = parse_poses(GOOD)
    assert poses.keys[1].angles["work_knee"] == 30
    assert poses.keys[1].angles["trunk"] == poses.keys[0].angles["trunk"] == 0
    assert math.isclose(poses.keys[0].angles["along"], 0.5)
