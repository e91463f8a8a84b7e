"""Drill figures as data: what a drill's ``poses`` may say, and the check run at load.

Each drill in ``resources/drills.json`` has a ``poses`` object (see the README, *Drill
figures*): a view, how the body rests, its contacts, props, marks, and two or three key poses
of joint angles per movement. ``parse_poses`` checks it and says what is wrong, where.
The maths that turns the angles into a moving figure is in ``core.figure``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any, NamedTuple

from ankle_gui.core.records import frozen


class PoseError(ValueError):
    """Bad pose data; the message names the field, e.g. ``keys[1].work_knee``."""


SIDES = ("work", "other")

# name: (low, high) in degrees. Trunk is the body's tilt from upright (+ forward), not a joint.
JOINT_LIMITS: dict[str, tuple[float, float]] = {
    "trunk": (-100.0, 180.0),      # tilt from upright, forward positive (lying prone = 90)
    "trunk_side": (-40.0, 40.0),   # lean toward the working side (front view)
    "head": (-60.0, 80.0),         # neck bend, chin toward the chest positive
    "hip": (-45.0, 140.0),         # flexion: thigh forward of the trunk line
    "hip_out": (-30.0, 60.0),      # abduction: thigh away from the midline
    "knee": (0.0, 160.0),          # flexion: 0 is straight
    "shin_out": (-30.0, 30.0),     # shin's sideways tilt against the thigh (knee in/out)
    "ankle": (-60.0, 45.0),        # dorsiflexion (toes toward the shin) positive
    "shoulder": (-60.0, 180.0),    # flexion: arm forward and up
    "shoulder_out": (-40.0, 180.0),  # abduction: arm out to the side (- across the body)
    "elbow": (0.0, 150.0),         # flexion
}
BODY_JOINTS = ("trunk", "trunk_side", "head")
LIMB_JOINTS = ("hip", "hip_out", "knee", "shin_out", "ankle", "shoulder", "shoulder_out",
               "elbow")
JOINTS = BODY_JOINTS + tuple(f"{side}_{j}" for side in SIDES for j in LIMB_JOINTS)
# Non-angle values a key may carry, blended like angles.
EXTRAS = {"along": (0.0, 1.0)}  # where on the shin a roller or hand presses, knee 0 → ankle 1
KEY_FIELDS = set(JOINTS) | set(EXTRAS) | {"label", "variant"}

LEG_POINTS = ("hip", "knee", "ankle", "heel", "ball", "toe", "calf", "shin", "crease",
              "heelcord", "lowshin", "foottop")
ARM_POINTS = ("shoulder", "elbow", "wrist", "hand")
POINTS = ("pelvis", "seat", "neck", "head") + tuple(
    f"{side}_{p}" for side in SIDES for p in LEG_POINTS + ARM_POINTS)
# A contact may also name a side's "sole": whichever of heel and ball is lower.
CONTACT_POINTS = POINTS + tuple(f"{side}_sole" for side in SIDES)
class View(StrEnum):
    SIDE = "side"
    FRONT = "front"


# The base is how the body rests; it gives the default contacts (point, surface). The first
# contact is pinned at x = 0; each later one is met by turning its limb at the hip or shoulder.
BASES: dict[str, tuple[tuple[str, str], ...]] = {
    "standing": (("work_heel", "floor"), ("other_heel", "floor")),
    "split_stance": (("work_heel", "floor"), ("other_ball", "floor")),
    "half_kneeling": (("work_heel", "floor"), ("other_knee", "floor")),
    "squat": (("work_ball", "floor"),),
    "seated": (("seat", "chair"),),
    "sitting": (("seat", "floor"), ("work_heel", "floor"), ("other_heel", "floor")),
    "lying": (("work_shin", "roller"), ("work_elbow", "floor"), ("other_knee", "floor")),
    "hands_and_feet": (("work_ball", "floor"), ("work_hand", "floor"),
                       ("other_hand", "floor")),
}

# Props: kind → {field: kind of value}. Lengths are in figure heights, x from the pinned point.
PROP_FIELDS: dict[str, dict[str, str]] = {
    "wall": {"x": "number"},
    "step": {"x0": "number", "x1": "number", "height": "length"},
    "chair": {"x0": "number", "x1": "number", "height": "length"},
    "roller": {"x": "number", "r": "length"},
    "ball": {"at": "point"},
    "stick": {"at": "point"},
    "weight": {"at": "point"},
    # A band from an anchor ([x, y], or a body point such as a hand) to where it pulls.
    "band": {"from": "place", "to": "point"},
}
SURFACES = {"floor": None, "step": "step", "chair": "chair", "roller": "roller"}
# Annotations, drawn like props: where the knee meets the wall, the fist on the floor, a heel
# that lifts, a circling foot or knee, a turning shin.
MARK_FIELDS: dict[str, dict[str, str]] = {
    "knee_wall": {},
    "fist": {},
    "heel_lift": {},
    "circle": {"at": "point"},
    "turn": {"at": "point"},
}


class Prop(NamedTuple):
    kind: str
    values: Mapping[str, Any]


class Key(NamedTuple):
    label: str
    variant: str | None
    angles: Mapping[str, float]   # every joint and extra, filled in from the first key


class Poses(NamedTuple):
    """A drill's figure: view, base, contacts, props, marks and two or more key poses."""

    view: View
    base: str
    contacts: tuple[tuple[str, str], ...]
    props: tuple[Prop, ...]
    marks: tuple[Prop, ...]
    keys: tuple[Key, ...]

    def variants(self) -> tuple[str, ...]:
        seen: list[str] = []
        for key in self.keys:
            if key.variant and key.variant not in seen:
                seen.append(key.variant)
        return tuple(seen)

    def sequence(self, variant: str | None = None) -> tuple[Key, ...]:
        """The keys one rep runs through: the shared keys, and those of ``variant``."""
        if variant is None and self.variants():
            variant = self.variants()[0]
        return tuple(k for k in self.keys if k.variant in (None, variant))

    def prop(self, kind: str) -> Prop | None:
        return next((p for p in self.props if p.kind == kind), None)


# --- checking the data -------------------------------------------------------------------

def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise PoseError(f"{where}: must be a number")
    return float(value)


def _fields(raw: Any, spec: dict[str, str], where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise PoseError(f"{where}: must be an object")
    unknown = raw.keys() - spec.keys() - {"kind"}
    if unknown:
        raise PoseError(f"{where}.{sorted(unknown)[0]}: is not a known field")
    values: dict[str, Any] = {}
    for name, kind in spec.items():
        here = f"{where}.{name}"
        if name not in raw:
            raise PoseError(f"{here}: is missing")
        value = raw[name]
        if kind == "point" or (kind == "place" and isinstance(value, str)):
            if value not in POINTS:
                raise PoseError(f"{here}: {value!r} is not a point of the figure")
        elif kind == "place":
            if not isinstance(value, list) or len(value) != 2:
                raise PoseError(f"{here}: must be a body point or [x, y]")
            value = [_number(v, here) for v in value]
        else:
            value = _number(value, here)
            if kind == "length" and not 0 < value <= 1.0:
                raise PoseError(f"{here}: {value} is not a length between 0 and 1")
        values[name] = value
    return values


def _things(raw: Any, table: dict[str, dict[str, str]], where: str) -> tuple[Prop, ...]:
    if not isinstance(raw, list):
        raise PoseError(f"{where}: must be a list")
    things = []
    for i, item in enumerate(raw):
        here = f"{where}[{i}]"
        kind = item.get("kind") if isinstance(item, dict) else None
        if kind not in table:
            raise PoseError(f"{here}.kind: {kind!r} is not one of {', '.join(table)}")
        things.append(Prop(kind, frozen(_fields(item, table[kind], here))))
    return tuple(things)


def _key(raw: Any, where: str, first: Mapping[str, float] | None,
         variants: tuple[str, ...]) -> Key:
    if not isinstance(raw, dict):
        raise PoseError(f"{where}: must be an object of joint angles")
    unknown = raw.keys() - KEY_FIELDS
    if unknown:
        raise PoseError(f"{where}.{sorted(unknown)[0]}: is not a joint; use one of "
                        f"{', '.join(JOINTS)}")
    angles = dict(first) if first else {**dict.fromkeys(JOINTS, 0.0), "along": 0.5}
    for name, value in raw.items():
        if name in ("label", "variant"):
            continue
        low, high = EXTRAS.get(name) or JOINT_LIMITS[name.removeprefix("work_")
                                                    .removeprefix("other_")]
        number = _number(value, f"{where}.{name}")
        if not low <= number <= high:
            raise PoseError(f"{where}.{name}: {number:g} is outside the human range "
                            f"{low:g} to {high:g}")
        angles[name] = number
    label = raw.get("label", "")
    if not isinstance(label, str):
        raise PoseError(f"{where}.label: must be text")
    variant = raw.get("variant")
    if variant is not None and variant not in variants:
        raise PoseError(f"{where}.variant: {variant!r} is not one of the drill's positions "
                        f"or directions ({', '.join(variants) or 'it has none'})")
    return Key(label, variant, MappingProxyType(angles))


def parse_poses(raw: Any, variants: tuple[str, ...] = ()) -> Poses:
    """Check one drill's ``poses`` object; ``variants`` are its positions and directions."""
    if not isinstance(raw, dict):
        raise PoseError("must be an object with view, base, props and keys")
    unknown = raw.keys() - {"view", "base", "contacts", "props", "marks", "keys"}
    if unknown:
        raise PoseError(f"{sorted(unknown)[0]}: is not a known field")
    try:
        view = View(str(raw.get("view")))
    except ValueError:
        raise PoseError(f"view: {raw.get('view')!r} is not 'side' or 'front'") from None
    base = raw.get("base")
    if base not in BASES:
        raise PoseError(f"base: {base!r} is not one of {', '.join(BASES)}")
    props = _things(raw.get("props", []), PROP_FIELDS, "props")
    marks = _things(raw.get("marks", []), MARK_FIELDS, "marks")
    kinds = {p.kind for p in props}
    contacts_raw = raw.get("contacts", [list(c) for c in BASES[base]])
    if not isinstance(contacts_raw, list) or not contacts_raw:
        raise PoseError("contacts: must be a non-empty list of [point, surface]")
    contacts = []
    for i, pair in enumerate(contacts_raw):
        here = f"contacts[{i}]"
        if not (isinstance(pair, list) and len(pair) == 2 and pair[0] in CONTACT_POINTS
                and pair[1] in SURFACES):
            raise PoseError(f"{here}: must be [a point of the figure, one of "
                            f"{', '.join(SURFACES)}]")
        if SURFACES[pair[1]] and SURFACES[pair[1]] not in kinds:
            raise PoseError(f"{here}: rests on a {pair[1]}, but there is no {pair[1]} prop")
        if i == 0 and pair[0].endswith("_sole"):
            raise PoseError(f"{here}: the first contact is pinned in place, so it must be "
                            "a heel or a ball, not a sole")
        if i and limb_of(pair[0]) is None:
            raise PoseError(f"{here}: only a leg or arm point can rest on a second surface")
        contacts.append((pair[0], pair[1]))
    keys_raw = raw.get("keys")
    if not isinstance(keys_raw, list) or not 2 <= len(keys_raw) <= 6:
        raise PoseError("keys: must be a list of two to six key poses")
    keys: list[Key] = []
    for i, key_raw in enumerate(keys_raw):
        keys.append(_key(key_raw, f"keys[{i}]", keys[0].angles if keys else None, variants))
    poses = Poses(view, base, tuple(contacts), props, marks, tuple(keys))
    for variant in poses.variants() or (None,):
        count = len(poses.sequence(variant))
        if not 2 <= count <= 3:
            raise PoseError(f"keys: {variant or 'the drill'} has {count} key poses; "
                            "each movement needs two or three")
    return poses


def limb_of(point: str) -> str | None:
    """The limb a point belongs to, such as ``work_leg``; None for the body."""
    side, _, part = point.partition("_")
    if part == "sole":
        return f"{side}_leg"
    if side not in SIDES:
        return None
    return f"{side}_leg" if part in LEG_POINTS else f"{side}_arm"
