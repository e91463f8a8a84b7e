"""From a screening to a plan: the drills that fit each ankle, and why.

Rusin ("Fix Your Ankle Mobility In Five Minutes") orders the work: soft tissue first, then the
joint, then maintenance. Corrective drills go only to the side that needs them (the decision
and its borderline rule are in core/screening.py); the calf work that keeps the range is for
everyone. A drill that a safety finding rules out (core/red_flags.py) is held back and named.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.plan import PlanItem, plan_item_for
from ankle_gui.core.records import ANKLES, Side
from ankle_gui.core.red_flags import Finding, findings, held_by
from ankle_gui.core.screening import (
    Limit,
    ScreenDecision,
    Screening,
    SideScreening,
    felt_words,
    needs_corrective_work,
)
from ankle_gui.core.units import Unit, format_length

# Rusin step 3: trigger-point rolling, then the bi-phasic stretch (knee straight and bent).
SOFT_TISSUE_DRILLS = ("trigger_point_rolling", "biphasic_stretch")
# Risher's two banded mobilizations, Rusin's manual talus mobilization and his 3-way
# oscillations with a retest between sets. The banded talar glide (MWM, seed 001) has the same
# set-up as Risher's band-in-front drill, so the plan gives that one once; the MWM stays in
# the catalogue.
JOINT_DRILLS = ("banded_mob_front", "banded_mob_back", "manual_talus_mob", "ankle_3way_mob")
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
# Rusin: a mix of both limits is possible, "but know this is extremely rare".
BOTH_CAVEAT = ("Rusin finds a true mix of both uncommon, so retest after the soft-tissue "
               "drills to see which one holds you back")
EXTRA_REASON = {
    "biphasic_stretch": "do it with the knee straight, then bent",
    "ankle_3way_mob": "retest between sets",
}


@dataclass(frozen=True)
class HeldDrill:
    """A drill the test would give, held back by a safety finding until a clinician says."""

    drill_id: str
    name: str
    sides: Side
    because: tuple[Finding, ...]


@dataclass(frozen=True)
class Prescription:
    """The drills chosen for what the screening found, with the reasons."""

    items: list[PlanItem]
    summaries: dict[Side, str]  # one plain-words line per ankle
    held: list[HeldDrill] = field(default_factory=list)
    decisions: dict[Side, ScreenDecision] = field(default_factory=dict)

    def summary_lines(self) -> list[str]:
        lines = [self.summaries[side] for side in ANKLES]
        if self.held:
            lines.append(held_line(self.held))
        return lines


def held_line(held: list[HeldDrill]) -> str:
    names = ", ".join(h.name + ("" if h.sides is Side.BOTH else f" ({h.sides.value})")
                      for h in held)
    return f"Held back until a clinician has seen you: {names}."


def corrective_drills(limit: Limit) -> tuple[str, ...]:
    return {
        Limit.SOFT_TISSUE: SOFT_TISSUE_DRILLS,
        Limit.JOINT: JOINT_DRILLS,
        Limit.BOTH: SOFT_TISSUE_DRILLS + JOINT_DRILLS,
        Limit.NONE: (),
    }[limit]


def drills_for_side(s: SideScreening, decision: ScreenDecision | None = None) -> tuple[str, ...]:
    decision = decision or s.decide()
    return corrective_drills(s.limit) if needs_corrective_work(s, decision) else ()


def _names(drill_ids: tuple[str, ...]) -> str:
    names: list[str] = []
    for drill_id in drill_ids:
        name = SHORT_NAMES.get(drill_id, drill_id.replace("_", " "))
        if name not in names:
            names.append(name)
    return ", ".join(names)


def side_summary(s: SideScreening, unit: Unit = Unit.CM,
                 decision: ScreenDecision | None = None) -> str:
    """E.g. 'Left: pinch at the front with the knee straight and bent → joint restriction →
    banded mobilizations, manual talus mobilization, …'."""
    decision = decision or s.decide(None, unit)
    who = s.side.value.capitalize()
    if s.knee_to_wall_cm is None:
        return f"{who}: not tested today → no drills for this side until a clinician has seen it"
    distance = format_length(s.knee_to_wall_cm, unit)
    border = ", borderline" if decision.borderline else ""
    if decision.passed:
        kept = " (kept from your last test)" if decision.kept_previous else ""
        return f"{who}: {distance}{border}, passes the screen{kept} → maintenance only"
    felt = felt_words(s.felt_straight, s.felt_bent)
    if s.limit is Limit.NONE and decision.borderline:
        return f"{who}: {distance}{border}, {felt} → nothing to target → maintenance only"
    if s.limit is Limit.NONE:
        return (f"{who}: {distance}, {felt} → no restriction to target → maintenance "
                "only; if the distance stays short, ask a clinician")
    text = f"{who}: {felt} → {s.limit.label} → {_names(drills_for_side(s, decision))}"
    if s.limit is Limit.BOTH:
        text += f" ({BOTH_CAVEAT})"
    return text


def _sides_word(sides: list[Side]) -> Side:
    return sides[0] if len(sides) == 1 else Side.BOTH


def _reason(drill_id: str, needing: list[SideScreening]) -> str:
    if len(needing) == 2 and needing[0].limit is needing[1].limit:
        text = f"Both sides: {needing[0].limit.label}"
    else:
        text = "; ".join(f"{s.side.value.capitalize()}: {s.limit.label}" for s in needing)
    extra = EXTRA_REASON.get(drill_id)
    return f"{text} ({extra})" if extra else text


def prescribe(screening: Screening, catalogue: Catalogue, unit: Unit = Unit.CM,
              decisions: Mapping[Side, ScreenDecision] | None = None) -> Prescription:
    """The plan for this screening: corrective work per side, then maintenance for everyone,
    less whatever the safety check holds back. ``decisions``: each side's screen decision
    over the test history (core/screening.py ``decisions_over``); by default this test's."""
    found = findings(screening.safety)
    decided = {s.side: (decisions or {}).get(s.side) or s.decide(None, unit)
               for s in screening.sides}
    items: list[PlanItem] = []
    held: list[HeldDrill] = []
    for drill_id in SOFT_TISSUE_DRILLS + JOINT_DRILLS:
        needing = [s for s in screening.sides if drill_id in drills_for_side(s, decided[s.side])]
        if not needing:
            continue
        drill = catalogue.get(drill_id)
        blocked = {s.side: held_by(found, drill, s.side) for s in needing}
        allowed = [s for s in needing if not blocked[s.side]]
        stopped = [s.side for s in needing if blocked[s.side]]
        if stopped:
            because = tuple(dict.fromkeys(f for side in stopped for f in blocked[side]))
            held.append(HeldDrill(drill_id, drill.name, _sides_word(stopped), because))
        if allowed:
            sides = _sides_word([s.side for s in allowed])
            items.append(plan_item_for(catalogue, drill_id, sides,
                                       reason=_reason(drill_id, allowed)))
    for drill_id in MAINTENANCE_DRILLS:
        drill = catalogue.get(drill_id)
        blocked_both = held_by(found, drill, Side.BOTH)
        if blocked_both:
            held.append(HeldDrill(drill_id, drill.name, Side.BOTH, tuple(blocked_both)))
            continue
        items.append(plan_item_for(
            catalogue, drill_id, Side.BOTH,
            reason="Everyone: strong calves keep the range you have (maintenance)"))
    summaries = {s.side: side_summary(s, unit, decided[s.side]) for s in screening.sides}
    return Prescription(items, summaries, held, decided)
