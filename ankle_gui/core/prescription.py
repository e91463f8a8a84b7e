"""From a screening to a plan: the drills that fit each ankle, and why.

Rusin ("Fix Your Ankle Mobility In Five Minutes") orders the work: soft tissue first, then the
joint, then maintenance. Corrective drills go only to the side that needs them; the calf work
that keeps the range is for everyone.
"""

from __future__ import annotations

from dataclasses import dataclass

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.plan import PlanItem, plan_item_for
from ankle_gui.core.records import ANKLES, Side
from ankle_gui.core.screening import Limit, Screening, SideScreening, felt_words
from ankle_gui.core.units import Unit, format_length

# Rusin step 3: trigger-point rolling, then the bi-phasic stretch (knee straight and bent).
SOFT_TISSUE_DRILLS = ("trigger_point_rolling", "biphasic_stretch")
# Risher's two banded mobilizations, the banded glide (MWM), Rusin's manual talus
# mobilization and his 3-way oscillations with a retest between sets.
JOINT_DRILLS = ("banded_mob_front", "banded_mob_back", "talar_glide_mwm", "manual_talus_mob",
                "ankle_3way_mob")
# Rusin step 5 and "Improve your Ankle Mobility": keep the calves strong.
MAINTENANCE_DRILLS = ("calf_raises_step", "calf_pyramid")

SHORT_NAMES = {
    "trigger_point_rolling": "trigger-point rolling",
    "biphasic_stretch": "bi-phasic stretch (knee straight and bent)",
    "banded_mob_front": "banded mobilizations",
    "banded_mob_back": "banded mobilizations",
    "talar_glide_mwm": "talar glide",
    "manual_talus_mob": "manual talus mobilization",
    "ankle_3way_mob": "3-way oscillations",
}
EXTRA_REASON = {
    "biphasic_stretch": "do it with the knee straight, then bent",
    "ankle_3way_mob": "retest the knee-to-wall between sets to see what helps",
}


@dataclass(frozen=True)
class Prescription:
    """The drills chosen for what the screening found, with the reasons."""

    items: list[PlanItem]
    summaries: dict[Side, str]  # one plain-words line per ankle

    def summary_lines(self) -> list[str]:
        return [self.summaries[side] for side in ANKLES]


def corrective_drills(limit: Limit) -> tuple[str, ...]:
    return {
        Limit.SOFT_TISSUE: SOFT_TISSUE_DRILLS,
        Limit.JOINT: JOINT_DRILLS,
        Limit.BOTH: SOFT_TISSUE_DRILLS + JOINT_DRILLS,
        Limit.NONE: (),
    }[limit]


def drills_for_side(s: SideScreening) -> tuple[str, ...]:
    return corrective_drills(s.limit) if s.needs_corrective_work else ()


def _names(drill_ids: tuple[str, ...]) -> str:
    names: list[str] = []
    for drill_id in drill_ids:
        name = SHORT_NAMES.get(drill_id, drill_id.replace("_", " "))
        if name not in names:
            names.append(name)
    return ", ".join(names)


def side_summary(s: SideScreening, unit: Unit = Unit.CM) -> str:
    """E.g. 'Left: pinch at the front with the knee straight and bent → joint restriction →
    banded mobilizations, talar glide, …'."""
    who = s.side.value.capitalize()
    distance = format_length(s.knee_to_wall_cm, unit)
    if s.screen_passed:
        return f"{who}: {distance}, passes the screen → maintenance only"
    felt = felt_words(s.felt_straight, s.felt_bent)
    if s.limit is Limit.NONE:
        return (f"{who}: {distance}, {felt} → no restriction to target → maintenance only; "
                "if the distance stays short, ask a clinician")
    return f"{who}: {felt} → {s.limit.label} → {_names(drills_for_side(s))}"


def _sides_word(sides: list[Side]) -> Side:
    return sides[0] if len(sides) == 1 else Side.BOTH


def _reason(drill_id: str, needing: list[SideScreening]) -> str:
    if len(needing) == 2 and needing[0].limit is needing[1].limit:
        text = f"Both sides: {needing[0].limit.label}"
    else:
        text = "; ".join(f"{s.side.value.capitalize()}: {s.limit.label}" for s in needing)
    extra = EXTRA_REASON.get(drill_id)
    return f"{text} ({extra})" if extra else text


def prescribe(screening: Screening, catalogue: Catalogue, unit: Unit = Unit.CM) -> Prescription:
    """The plan for this screening: corrective work per side, then maintenance for everyone."""
    order = SOFT_TISSUE_DRILLS + JOINT_DRILLS
    items: list[PlanItem] = []
    for drill_id in order:
        needing = [s for s in screening.sides if drill_id in drills_for_side(s)]
        if not needing:
            continue
        sides = _sides_word([s.side for s in needing])
        items.append(plan_item_for(catalogue, drill_id, sides, reason=_reason(drill_id, needing)))
    for drill_id in MAINTENANCE_DRILLS:
        items.append(plan_item_for(
            catalogue, drill_id, Side.BOTH,
            reason="Everyone: strong calves keep the range you have (maintenance)"))
    summaries = {s.side: side_summary(s, unit) for s in screening.sides}
    return Prescription(items, summaries)


