"""The maths that moves a drill's figure: key poses to points, contacts, blending, timing.

A pose (see ``core.poses``) is a set of joint angles in degrees; this module turns angles into
points of one stick figure 1.0 tall, with fixed segment lengths, rests it on the floor or its
props, and blends key poses by their angles, so limbs never stretch between frames.

Coordinates: x forward (the way the figure faces), y up, z toward the working side. The side
view shows (x, y); the front view shows the figure facing you, seen from a little above.
Pure Python: no Qt here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from enum import StrEnum
from typing import NamedTuple

from ankle_gui.core.poses import SIDES, SURFACES, Key, Poses, View, limb_of

# --- the figure's build ------------------------------------------------------------------

# Segment lengths as parts of the standing height (after Drillis and Contini's proportions).
THIGH, SHIN, TRUNK, NECK, HEAD_R = 0.245, 0.245, 0.30, 0.05, 0.062
UPPER_ARM, FOREARM, HAND = 0.18, 0.15, 0.07
HIP_HALF_WIDTH, SHOULDER_HALF_WIDTH = 0.085, 0.12
# The foot in its own frame (along the sole, up from the sole), measured from the ankle.
HEEL_BACK, BALL_FRONT, ANKLE_HEIGHT, TOE = 0.05, 0.10, 0.04, 0.045
# Segments whose length must never change, for the tests and for anyone checking a pose.
RIGID = {f"{s}_{a}-{b}": length for s in SIDES for a, b, length in (
    ("hip", "knee", THIGH), ("knee", "ankle", SHIN), ("shoulder", "elbow", UPPER_ARM),
    ("elbow", "wrist", FOREARM))} | {"trunk": TRUNK}

FRONT_TILT = math.radians(25.0)  # how far the front view looks down from eye level
FLOOR_DEPTH = (-0.5, 0.4)  # the stretch of floor a front view shows, behind to in front


# --- forward kinematics ------------------------------------------------------------------

Point = tuple[float, float, float]


def _direction(down_angle: float, out_angle: float, side_z: float) -> Point:
    """A unit vector from a forward swing (from straight down) and a sideways swing."""
    a, b = math.radians(down_angle), math.radians(out_angle)
    return (math.sin(a) * math.cos(b), -math.cos(a) * math.cos(b), side_z * math.sin(b))


def _add(p: Point, d: Point, scale: float = 1.0) -> Point:
    return (p[0] + d[0] * scale, p[1] + d[1] * scale, p[2] + d[2] * scale)


def _leg(out: dict[str, Point], side: str, hip: Point, trunk: float, a: dict[str, float],
         turn: float = 0.0) -> None:
    """Points of one leg; ``turn`` swings the whole leg forward at the hip (for contacts)."""
    z = 1.0 if side == "work" else -1.0
    thigh_a = a[f"{side}_hip"] - trunk + turn
    thigh_b = a[f"{side}_hip_out"]
    shin_a = thigh_a - a[f"{side}_knee"]
    shin_b = thigh_b + a[f"{side}_shin_out"]
    foot_a = shin_a + 90.0 + a[f"{side}_ankle"]  # the sole's direction, from straight down
    knee = _add(hip, _direction(thigh_a, thigh_b, z), THIGH)
    shin_d = _direction(shin_a, shin_b, z)
    ankle = _add(knee, shin_d, SHIN)
    sole = _direction(foot_a, 0.0, z)
    up = (-sole[1], sole[0], 0.0) if abs(sole[2]) < 1e-12 else (0.0, 1.0, 0.0)
    front = (math.cos(math.radians(shin_a)), math.sin(math.radians(shin_a)), 0.0)
    heel = _add(_add(ankle, sole, -HEEL_BACK), up, -ANKLE_HEIGHT)
    ball = _add(_add(ankle, sole, BALL_FRONT), up, -ANKLE_HEIGHT)
    along = a["along"]
    on_shin = _add(knee, shin_d, SHIN * along)
    out.update({
        f"{side}_hip": hip, f"{side}_knee": knee, f"{side}_ankle": ankle,
        f"{side}_heel": heel, f"{side}_ball": ball,
        f"{side}_toe": _add(ball, sole, TOE),
        f"{side}_calf": _add(on_shin, front, -0.028),
        f"{side}_shin": _add(on_shin, front, 0.02),
        f"{side}_crease": _add(_add(ankle, front, 0.025), shin_d, -0.01),
        f"{side}_heelcord": _add(_add(ankle, front, -0.035), shin_d, -0.02),
        f"{side}_lowshin": _add(_add(knee, shin_d, SHIN * 0.8), front, -0.03),
        f"{side}_foottop": _add(_add(ankle, sole, 0.05), up, -0.005),
    })


def _arm(out: dict[str, Point], side: str, shoulder: Point, trunk: float,
         a: dict[str, float], turn: float = 0.0) -> None:
    z = 1.0 if side == "work" else -1.0
    arm_a = a[f"{side}_shoulder"] - trunk + turn
    arm_b = a[f"{side}_shoulder_out"]
    fore_a = arm_a + a[f"{side}_elbow"]
    elbow = _add(shoulder, _direction(arm_a, arm_b, z), UPPER_ARM)
    fore = _direction(fore_a, arm_b * 0.5, z)
    wrist = _add(elbow, fore, FOREARM)
    out.update({f"{side}_shoulder": shoulder, f"{side}_elbow": elbow, f"{side}_wrist": wrist,
                f"{side}_hand": _add(wrist, fore, HAND)})


def _body(a: dict[str, float], turns: dict[str, float]) -> dict[str, Point]:
    trunk = a["trunk"]
    side_tilt = a["trunk_side"]
    up = _direction(180.0 - trunk, -side_tilt, 1.0)  # pelvis → shoulders
    up = (up[0], up[1], -up[2])
    pelvis = (0.0, 0.0, 0.0)
    neck = _add(pelvis, up, TRUNK)
    head_up = _direction(180.0 - trunk - a["head"], -side_tilt, 1.0)
    head_up = (head_up[0], head_up[1], -head_up[2])
    head_base = _add(neck, head_up, NECK)
    out: dict[str, Point] = {
        "pelvis": pelvis, "neck": neck, "head_base": head_base,
        "head": _add(head_base, head_up, HEAD_R),
        "seat": _add(pelvis, up, -0.06),
    }
    for side, z in (("work", 1.0), ("other", -1.0)):
        tilt = math.sin(math.radians(side_tilt))
        hip = (0.0, -z * HIP_HALF_WIDTH * tilt, z * HIP_HALF_WIDTH)
        shoulder = _add(neck, (0.0, -z * SHOULDER_HALF_WIDTH * tilt, z * SHOULDER_HALF_WIDTH))
        _leg(out, side, hip, trunk, a, turns.get(f"{side}_leg", 0.0))
        _arm(out, side, shoulder, trunk, a, turns.get(f"{side}_arm", 0.0))
    return out


def _lift(point: str) -> float:
    """How far a joint centre sits above the surface it rests on (a kneecap, a forearm)."""
    return 0.04 if point.endswith(("_knee", "_elbow")) else 0.0


class Figure(NamedTuple):
    """A posed figure: 3-D points resting on their surfaces, and how to show them."""

    points: dict[str, Point]
    view: View

    def project(self, mirrored: bool = False) -> dict[str, tuple[float, float]]:
        """2-D points for the view, y up. Mirrored shows the left side (x flipped)."""
        flip = -1.0 if mirrored else 1.0
        if self.view is View.SIDE:
            return {n: (flip * p[0], p[1]) for n, p in self.points.items()}
        # Facing you, the figure's working (right) side is on your left. You look down on it
        # a little, so what comes toward you (a knee going forward) moves down the picture.
        c, s = math.cos(FRONT_TILT), math.sin(FRONT_TILT)
        return {n: (-flip * p[2], p[1] * c - p[0] * s) for n, p in self.points.items()}

    def length(self, a: str, b: str) -> float:
        return math.dist(self.points[a], self.points[b])


def surface_height(poses: Poses, surface: str) -> float:
    kind = SURFACES[surface]
    if kind is None:
        return 0.0
    prop = poses.prop(kind)
    assert prop is not None  # parse_poses makes sure of it
    return float(2 * prop.values["r"] if kind == "roller" else prop.values["height"])


def pose_figure(poses: Poses, angles: dict[str, float]) -> Figure:
    """Place the figure for a set of angles: the first contact pinned at x = 0 on its surface,
    each further contact met by turning its limb, toes kept flat on whatever they stand on."""
    anchor, anchor_surface = poses.contacts[0]
    turns: dict[str, float] = {}
    points = _body(angles, turns)
    base_y = points[anchor][1] - surface_height(poses, anchor_surface) - _lift(anchor)
    for point, surface in poses.contacts[1:]:
        limb = limb_of(point)
        if limb is None or limb == limb_of(anchor):
            continue
        target = surface_height(poses, surface) + _lift(point) + base_y  # in body space
        if point.endswith("_sole"):
            turns[limb] = _turn_sole(angles, turns, limb, point.split("_")[0], target)
        else:
            turns[limb] = _turn_to_height(angles, turns, limb, point, target)
    if turns:
        points = _body(angles, turns)
    ax, ay, az = points[anchor]
    # The pinned point keeps its place across the view: x = 0, on its surface, and at its
    # own side's width (so a front view pins the foot, not the pelvis).
    home_z = {"work": HIP_HALF_WIDTH, "other": -HIP_HALF_WIDTH}.get(anchor.split("_")[0], 0.0)
    shift = (-ax, surface_height(poses, anchor_surface) + _lift(anchor) - ay, home_z - az)
    placed = {n: _add(p, shift) for n, p in points.items()}
    _flatten_toes(placed, poses)
    return Figure(placed, poses.view)


def _turn_options(angles: dict[str, float], turns: dict[str, float], limb: str,
                  point: str, target: float) -> list[float]:
    """The swings at the hip or shoulder that put ``point`` at height ``target``.

    Swinging a limb by t moves its points' heights as A·cos t + B·sin t about the joint, so
    two evaluations give A and B, and the answer is exact. Unreachable: the nearest swing.
    """
    root = limb.replace("_leg", "_hip").replace("_arm", "_shoulder")

    def height(turn: float) -> float:
        pts = _body(angles, {**turns, limb: turn})
        return pts[point][1] - pts[root][1]

    a_coef, b_coef = height(0.0), height(90.0)
    root_y = _body(angles, turns)[root][1]
    radius = math.hypot(a_coef, b_coef)
    if radius < 1e-9:
        return [0.0]
    phi = math.atan2(b_coef, a_coef)
    c = max(-1.0, min(1.0, (target - root_y) / radius))
    options = [math.degrees(phi + s * math.acos(c)) for s in (1.0, -1.0)]
    return [(o + 180.0) % 360.0 - 180.0 for o in options]


def _turn_to_height(angles: dict[str, float], turns: dict[str, float], limb: str,
                    point: str, target: float) -> float:
    return min(_turn_options(angles, turns, limb, point, target), key=abs)


def _turn_sole(angles: dict[str, float], turns: dict[str, float], limb: str, side: str,
               target: float) -> float:
    """The smallest swing that sets the lower of heel and ball on the surface."""
    candidates = []
    for part, other in (("heel", "ball"), ("ball", "heel")):
        for turn in _turn_options(angles, turns, limb, f"{side}_{part}", target):
            pts = _body(angles, {**turns, limb: turn})
            below = pts[f"{side}_{other}"][1] < pts[f"{side}_{part}"][1] - 1e-9
            candidates.append((below, abs(turn), turn))
    return min(candidates)[2]


def _flatten_toes(points: dict[str, Point], poses: Poses) -> None:
    """Toes bend up to lie on the surface the ball of the foot stands on."""
    heights = {surface_height(poses, s) for _, s in poses.contacts}
    for side in SIDES:
        ball, toe = points[f"{side}_ball"], points[f"{side}_toe"]
        # on the surface, or dipping a little into it part way between two keys
        if toe[1] < ball[1] and any(-0.03 < ball[1] - h < 0.015 for h in heights):
            forward = math.copysign(1.0, toe[0] - ball[0]) if toe[0] != ball[0] else 1.0
            flat_x = math.sqrt(max(TOE**2 - (toe[2] - ball[2]) ** 2, 0.0))
            points[f"{side}_toe"] = (ball[0] + forward * flat_x, ball[1], toe[2])


# --- blending and timing -----------------------------------------------------------------

def blend(a: Mapping[str, float], b: Mapping[str, float], t: float) -> dict[str, float]:
    """Angles part way from ``a`` to ``b`` (t from 0 to 1): joints turn, bones keep length."""
    return {name: a[name] + (b[name] - a[name]) * t for name in a}


def ease(t: float) -> float:
    """Slow in, slow out, as a person moves."""
    t = min(max(t, 0.0), 1.0)
    return t * t * (3.0 - 2.0 * t)


class Motion(StrEnum):
    REPS = "reps"     # out through the keys, a short pause at the end, and back
    PULSE = "pulse"   # small in-and-out movements at the end of the range
    HOLD = "hold"     # still, at the end pose
    REST = "rest"     # still, at the start pose


OUT_SHARE, END_PAUSE = 0.42, 0.16  # of one rep: going out, pausing at the end (rest: back)
PULSE_DEPTH = 0.3  # how far back from the end pose a pulse goes, as part of the last step


def angles_at(keys: tuple[Key, ...], motion: Motion, phase: float) -> dict[str, float]:
    """The angles at ``phase`` (0 to 1, one rep or one pulse) of a sequence of key poses."""
    if motion is Motion.HOLD:
        return dict(keys[-1].angles)
    if motion is Motion.REST:
        return dict(keys[0].angles)
    phase %= 1.0
    if motion is Motion.PULSE:
        depth = PULSE_DEPTH * (0.5 + 0.5 * math.cos(2.0 * math.pi * phase))
        return blend(keys[-1].angles, keys[-2].angles, depth)
    if phase < OUT_SHARE:
        progress = phase / OUT_SHARE
    elif phase < OUT_SHARE + END_PAUSE:
        progress = 1.0
    else:
        progress = 1.0 - (phase - OUT_SHARE - END_PAUSE) / (1.0 - OUT_SHARE - END_PAUSE)
    steps = len(keys) - 1
    position = progress * steps
    index = min(int(position), steps - 1)
    return blend(keys[index].angles, keys[index + 1].angles, ease(position - index))


def front_floor() -> tuple[tuple[float, float], ...]:
    """The corners of the patch of floor a front view shows, seen from a little above."""
    drop = math.sin(FRONT_TILT)
    back, front = FLOOR_DEPTH
    return ((-0.3, -back * drop), (0.3, -back * drop), (0.3, -front * drop),
            (-0.3, -front * drop))


def bounds(poses: Poses, samples: int = 8) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of every place the figure and its props can reach, in the
    view's unmirrored 2-D coordinates; a renderer fits this box once per drill. Every frame
    of every motion is a blend of two neighbouring keys, so sampling those blends covers
    them (to within a hair on an arc; the renderer's margin takes that)."""
    xs: list[float] = []
    ys: list[float] = [0.0]
    for variant in poses.variants() or (None,):
        keys = poses.sequence(variant)
        for a, b in zip(keys, keys[1:], strict=False):
            for i in range(samples + 1):
                pts = pose_figure(poses, blend(a.angles, b.angles, i / samples)).project()
                xs.extend(p[0] for p in pts.values())
                ys.extend(p[1] for p in pts.values())
    if poses.view is View.FRONT:
        for x, y in front_floor():
            xs.append(x)
            ys.append(y)
    ys.append(max(ys) + HEAD_R)  # the head is drawn as a circle around its centre point
    xs.extend((min(xs) - HEAD_R, max(xs) + HEAD_R))
    for prop in poses.props:
        v = prop.values
        if poses.view is View.SIDE:
            if prop.kind == "wall":
                xs.append(v["x"] + 0.05)
            elif prop.kind in ("step", "chair"):
                xs.extend((v["x0"], v["x1"]))
            elif prop.kind == "roller":
                xs.extend((v["x"] - v["r"], v["x"] + v["r"]))
            elif prop.kind == "band" and not isinstance(v["from"], str):  # [x, y], frozen
                xs.append(v["from"][0])
                ys.append(v["from"][1] + 0.05)  # the post the band is looped round
    return min(xs), min(ys), max(xs), max(ys)
