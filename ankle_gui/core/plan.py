"""A plan: which drills, on which side, at what dose, and why."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from ankle_gui.core.catalogue import Catalogue, Drill
from ankle_gui.core.records import Side


class DoseError(ValueError):
    """A chosen dose outside the drill's range; the message is for the user."""


# A shared default that nobody can fill by mistake.
NO_DOSE: Mapping[str, int] = MappingProxyType({})


class _PlanItemFields(NamedTuple):
    drill_id: str
    sides: Side = Side.BOTH
    dose: Mapping[str, int] = NO_DOSE
    reason: str = ""


class PlanItem(_PlanItemFields):
    """One drill in a session: which sides, at what dose, and why it was chosen.

    The dose is copied into a read-only mapping however the item is made, so an item never
    shares a dict with its maker (a stored plan, the dose editor, a test).
    """

    __slots__ = ()

    def __new__(cls, drill_id: str, sides: Side = Side.BOTH,
                dose: Mapping[str, int] = NO_DOSE, reason: str = "") -> PlanItem:
        return super().__new__(cls, drill_id, sides, MappingProxyType(dict(dose)), reason)

    @classmethod
    def _make(cls, iterable: Iterable[Any]) -> PlanItem:  # type: ignore[override]
        return cls(*iterable)  # so that _replace() copies the dose too

    def to_dict(self) -> dict[str, Any]:
        return {"drill_id": self.drill_id, "sides": self.sides.value, "dose": dict(self.dose),
                "reason": self.reason}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> PlanItem:
        return cls(drill_id=raw["drill_id"], sides=Side(raw.get("sides", "both")),
                   dose={k: int(v) for k, v in raw.get("dose", {}).items()},
                   reason=raw.get("reason", ""))


def default_dose(drill: Drill) -> dict[str, int]:
    """Start at the low end of every range: a first session should feel easy."""
    return {key: rng.low for key, rng in drill.dose.items()}


def check_dose(drill: Drill, dose: Mapping[str, int]) -> dict[str, int]:
    """The full dose for ``drill`` with ``dose`` applied, or DoseError naming the problem."""
    full = default_dose(drill)
    for key, value in dose.items():
        rng = drill.dose.get(key)
        if rng is None:
            raise DoseError(f"{drill.name} has no {key.replace('_', ' ')} setting.")
        if isinstance(value, bool) or not isinstance(value, int):
            raise DoseError(f"{drill.name}: {key.replace('_', ' ')} must be a whole number.")
        if not rng.contains(value):
            raise DoseError(
                f"{drill.name}: {key.replace('_', ' ')} must be between {rng.low} and {rng.high}"
                f" (got {value}).")
        full[key] = value
    return full


def plan_item_for(catalogue: Catalogue, drill_id: str, sides: Side = Side.BOTH,
                  dose: dict[str, int] | None = None, reason: str = "") -> PlanItem:
    drill = catalogue.get(drill_id)
    if not drill.per_side:
        sides = Side.BOTH
    return PlanItem(drill_id, sides, check_dose(drill, dose or {}), reason)


DOSE_LABELS = {
    "rounds": "Rounds",
    "reps": "Reps",
    "rep_hold_s": "Hold per rep (s)",
    "per_direction": "Per direction",
    "oscillation_s": "Oscillations (s)",
    "hold_s": "Hold (s)",
    "work_s": "Time (s)",
    "rest_s": "Rest (s)",
    "add_kg": "Weight added each round (kg)",
}


def dose_words(drill: Drill, dose: Mapping[str, int]) -> str:
    """A chosen dose as a physio writes it: '12 reps, hold 2 s · 2 rounds · rest 30 s'."""
    parts: list[str] = []
    if "reps" in dose:
        parts.append(f"{dose['reps']} reps" + (f", hold {dose['rep_hold_s']} s"
                                                if dose.get("rep_hold_s") else ""))
    if "per_direction" in dose:
        parts.append(f"{dose['per_direction']} per direction")
    if "oscillation_s" in dose:
        parts.append(f"{dose['oscillation_s']} s oscillations, then {dose.get('hold_s', 0)} s hold")
    elif "work_s" in dose:
        parts.append(f"{dose['work_s']} s" + (" each" if len(drill.positions) > 1 else ""))
    if drill.positions:
        *first, last = drill.positions
        parts.append(f"{', '.join(first)} and {last}" if first else last)
    rounds = dose.get("rounds", 1)
    parts.append(f"{rounds} round{'s' if rounds != 1 else ''}")
    if dose.get("rest_s"):
        parts.append(f"rest {dose['rest_s']} s")
    if dose.get("add_kg"):
        parts.append(f"add {dose['add_kg']} kg each round")
    return " · ".join(parts)
