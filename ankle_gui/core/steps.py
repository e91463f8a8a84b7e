"""Turn a plan (drills, doses, sides) into the ordered steps the drill player walks through.

Every step knows what to show, what to say, and whether finishing it is a set worth
storing. The order is fixed by the plan alone, so an interrupted session can be rebuilt
and resumed at the step after the last stored set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ankle_gui.core.catalogue import Catalogue, Drill, Mode
from ankle_gui.core.plan import PlanItem, check_dose
from ankle_gui.core.records import BOTH_TOGETHER, Side

SWITCH_SIDE_S = 15      # long enough to move a band or turn round, short enough to stay warm
LEAD_IN_S = 3.0         # "get ready" before paced reps start
MOVE_S = 1.5            # one movement part of a paced rep ("knee forward", "back")


class StepKind(StrEnum):
    SETUP = "setup"
    REPS = "reps"
    DIRECTION = "direction"      # a count in one direction of a 3-way drill
    OSCILLATION = "oscillation"
    HOLD = "hold"
    TIMED = "timed"
    REST = "rest"
    SWITCH_SIDE = "switch_side"
    DONE = "done"

    @property
    def label(self) -> str:
        return {
            "setup": "Get set up", "reps": "Reps", "direction": "Reps",
            "oscillation": "Pulses", "hold": "Hold", "timed": "Work", "rest": "Rest",
            "switch_side": "Switch side", "done": "Done",
        }[self.value]

    @property
    def is_work(self) -> bool:
        """Work steps are the ones stored as sets."""
        return self in (StepKind.REPS, StepKind.DIRECTION, StepKind.OSCILLATION,
                        StepKind.HOLD, StepKind.TIMED)

    @property
    def counts_reps(self) -> bool:
        return self in (StepKind.REPS, StepKind.DIRECTION)

    @property
    def is_timer(self) -> bool:
        return self in (StepKind.OSCILLATION, StepKind.HOLD, StepKind.TIMED, StepKind.REST,
                        StepKind.SWITCH_SIDE)


@dataclass(frozen=True)
class Step:
    index: int
    kind: StepKind
    item_index: int              # which plan item (drill) this step belongs to
    drill_id: str
    drill_name: str
    side: Side
    round: int = 1
    rounds: int = 1
    part: str = ""               # "knee straight", "in", "inner calf": stored with the set
    reps: int | None = None      # target for counting steps
    seconds: float | None = None  # length for timer steps
    rep_hold_s: int | None = None
    rep_cue: str = ""
    title: str = ""              # big line at the top of the player
    cue: str = ""                # what to do right now, in a sentence or two
    details: tuple[str, ...] = ()  # setup list or reminders
    say: str = ""                # the short spoken line when the step begins
    first_of_drill: bool = False


_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def number_words(n: int) -> str:
    """0–999 in words, for speech: 12 → "twelve", 90 → "ninety", 120 → "one hundred twenty"."""
    if n < 0 or n > 999:
        return str(n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(n, 100)
    return f"{_ONES[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")


def seconds_words(seconds: float) -> str:
    """'forty seconds', 'one minute', 'one minute thirty seconds', for speech."""
    whole = int(round(seconds))
    minutes, secs = divmod(whole, 60)
    parts = []
    if minutes:
        parts.append(f"{number_words(minutes)} minute{'s' if minutes != 1 else ''}")
    if secs or not minutes:
        parts.append(f"{number_words(secs)} second{'s' if secs != 1 else ''}")
    return " ".join(parts)


def side_words(side: Side) -> str:
    return {Side.LEFT: "Left ankle", Side.RIGHT: "Right ankle", Side.BOTH: BOTH_TOGETHER}[side]


@dataclass(frozen=True)
class RepSegment:
    text: str
    seconds: float
    is_hold: bool = False


_SECONDS_IN_TEXT = re.compile(r"(\d+)(?:–\d+)?\s*s\b")


def rep_segments(rep_cue: str, rep_hold_s: int | None) -> tuple[RepSegment, ...]:
    """Split a pacing cue such as "Knee forward – hold 1–2 s – back" into timed parts.

    A "hold" part lasts the chosen hold time; a part naming its own seconds ("lower for
    3 s") lasts that long; any other movement takes MOVE_S.
    """
    parts = [p.strip() for p in rep_cue.split(" – ") if p.strip()] or ["Rep"]
    segments = []
    for part in parts:
        named = _SECONDS_IN_TEXT.search(part)
        if "hold" in part.lower():
            seconds = float(rep_hold_s if rep_hold_s else (named.group(1) if named else 1))
            segments.append(RepSegment(part, seconds, True))
        elif named:
            segments.append(RepSegment(part, float(named.group(1)), "stretch" in part.lower()))
        else:
            segments.append(RepSegment(part, MOVE_S))
    if len(segments) == 1:
        segments.append(RepSegment("Back", MOVE_S))
    return tuple(segments)


def with_rep_hold(rep_cue: str, rep_hold_s: int | None) -> str:
    """The pacing cue naming the prescribed hold instead of the catalogue's range:
    "Knee forward – hold 1–2 s – back" held 2 s → "Knee forward – hold 2 s – back".

    The held part is the one saying "hold", else one "stretch N s" (the calf pyramid).
    """
    if not rep_hold_s:
        return rep_cue
    parts = rep_cue.split(" – ")
    held = [i for i, p in enumerate(parts) if "hold" in p.lower()] or [
        i for i, p in enumerate(parts)
        if "stretch" in p.lower() and _SECONDS_IN_TEXT.search(p)][:1]
    for i in held:
        named = _SECONDS_IN_TEXT.search(parts[i])
        seconds = f"{rep_hold_s} s"
        parts[i] = (parts[i][:named.start()] + seconds + parts[i][named.end():] if named
                    else f"{parts[i].rstrip()} {seconds}")
    return " – ".join(parts)


def rep_period(rep_cue: str, rep_hold_s: int | None) -> float:
    return sum(s.seconds for s in rep_segments(rep_cue, rep_hold_s))


def sides_for(drill: Drill, item: PlanItem) -> tuple[Side, ...]:
    if not drill.per_side:
        return (Side.BOTH,)
    return (Side.LEFT, Side.RIGHT) if item.sides is Side.BOTH else (item.sides,)


def _direction_cue(drill: Drill, direction: str) -> str:
    """The catalogue's cue for one direction, without the sentences about the others."""
    pattern = re.compile(rf"\b{re.escape(direction)}:\s*([^.]*\.)", re.IGNORECASE)
    for cue in drill.cues:
        found = pattern.search(cue)
        if found:
            return f"{direction.capitalize()}: {found.group(1)}"
    return f"{direction.capitalize()}: {drill.rep_cue}."


def duration_text(seconds: float) -> str:
    """90 → "1 min 30 s", 45 → "45 s": for reading on screen (speech uses words)."""
    minutes, secs = divmod(int(round(seconds)), 60)
    if not minutes:
        return f"{secs} s"
    return f"{minutes} min" + (f" {secs} s" if secs else "")


def _side_prefix(side: Side) -> str:
    return "" if side is Side.BOTH else f"{side_words(side)}. "


class _Builder:
    def __init__(self) -> None:
        self.steps: list[Step] = []

    def add(self, **fields: Any) -> None:
        self.steps.append(Step(index=len(self.steps), **fields))


def _work_steps(b: _Builder, drill: Drill, dose: dict[str, int], base: dict[str, Any]) -> None:
    """The work in one round on one side."""
    side = base["side"]
    prefix = _side_prefix(side)
    if drill.mode is Mode.REPS:
        reps = dose["reps"]
        rep_cue = with_rep_hold(drill.rep_cue, dose.get("rep_hold_s"))
        b.add(kind=StepKind.REPS, reps=reps, rep_hold_s=dose.get("rep_hold_s"),
              rep_cue=rep_cue, title=drill.name, cue=rep_cue,
              say=f"{prefix}{number_words(reps).capitalize()} reps.", **base)
    elif drill.mode is Mode.DIRECTIONS:
        count = dose["per_direction"]
        for direction in drill.directions:
            b.add(kind=StepKind.DIRECTION, part=direction, reps=count,
                  rep_hold_s=dose.get("rep_hold_s"),
                  rep_cue=with_rep_hold(drill.rep_cue, dose.get("rep_hold_s")),
                  title=f"{drill.name}: {direction}", cue=_direction_cue(drill, direction),
                  say=f"{prefix}{direction.capitalize()}. "
                      f"{number_words(count).capitalize()} reps.", **base)
    elif drill.mode is Mode.TIMED:
        for position in drill.positions or ("",):
            seconds = dose["work_s"]
            where = f"{position.capitalize()}. " if position else ""
            b.add(kind=StepKind.TIMED, part=position, seconds=float(seconds),
                  title=drill.name + (f": {position}" if position else ""),
                  cue=drill.cues[0], details=drill.cues[1:],
                  say=f"{prefix}{where}{seconds_words(seconds).capitalize()}.", **base)
    elif drill.mode is Mode.BIPHASIC:
        for position in drill.positions or ("",):
            where = f", {position}" if position else ""
            osc, hold = dose["oscillation_s"], dose["hold_s"]
            b.add(kind=StepKind.OSCILLATION, part=f"{position} · pulses".strip(" ·"),
                  seconds=float(osc), title=f"Pulses{where}",
                  cue="Pulse gently in and out of the end of the stretch.",
                  details=drill.cues[:1],
                  say=f"{prefix.rstrip('. ')}{where}. Pulse gently for {seconds_words(osc)}."
                  .lstrip(", "), **base)
            b.add(kind=StepKind.HOLD, part=f"{position} · hold".strip(" ·"), seconds=float(hold),
                  title=f"Hold{where}", cue="Stay still at the end of the stretch and breathe.",
                  details=(f"Hold for {duration_text(hold)}.",), say="Hold.", **base)
    else:
        raise ValueError(f"{drill.name} is a test, not a drill the player can run")


def build_steps(items: list[PlanItem], catalogue: Catalogue,
                switch_side_s: float = SWITCH_SIDE_S) -> list[Step]:
    """All steps for a session, ending with a DONE step. Raises DoseError / ValueError.

    ``switch_side_s`` is the person's own time to move to the other side (a band to
    re-anchor takes longer than turning round); it changes no step's place in the order.
    """
    b = _Builder()
    for item_index, item in enumerate(items):
        drill = catalogue.get(item.drill_id)
        if not drill.runnable:
            raise ValueError(f"{drill.name} is a test, not a drill the player can run")
        dose = check_dose(drill, item.dose)
        rounds = dose.get("rounds", 1)
        rest = dose.get("rest_s")
        sides = sides_for(drill, item)
        for side_number, side in enumerate(sides):
            common = dict(item_index=item_index, drill_id=drill.id, drill_name=drill.name,
                          side=side, rounds=rounds)
            if side_number == 0:
                first_side = "" if side is Side.BOTH else f" {side_words(side)} first."
                b.add(kind=StepKind.SETUP, title=drill.name, round=1,
                      cue=drill.summary, details=drill.setup,
                      say=f"{'Next: ' if item_index else ''}{drill.name}.{first_side}",
                      first_of_drill=True, **common)
            else:
                b.add(kind=StepKind.SWITCH_SIDE, round=1, seconds=float(switch_side_s),
                      title=f"Switch to your {side.value} ankle",
                      cue=f"Set up the same way on your {side.value} ankle.",
                      details=drill.setup, say=f"Switch to your {side.value} ankle.", **common)
            for rnd in range(1, rounds + 1):
                _work_steps(b, drill, dose, dict(common, round=rnd))
                if rnd < rounds and rest:
                    # The calf pyramid climbs in weight (Rusin): each rest says what to add.
                    add = dose.get("add_kg")
                    heavier = (f" Add {add} kg ({add * rnd} kg more than the first round)."
                               if add else "")
                    b.add(kind=StepKind.REST, round=rnd + 1, seconds=float(rest),
                          title="Rest", cue=f"Next: round {rnd + 1} of {rounds}"
                          + ("" if side is Side.BOTH else f", {side.value} ankle") + "."
                          + heavier,
                          say=f"Rest. {seconds_words(rest).capitalize()}."
                          + (f" Add {number_words(add)} kilos." if add else ""), **common)
    b.add(kind=StepKind.DONE, item_index=len(items), drill_id="", drill_name="",
          side=Side.BOTH, title="Well done", cue="That is the whole session.",
          say="Well done. That is the session.")
    return b.steps


def resume_index(steps: list[Step], stored_step_indexes: list[int]) -> int:
    """Where an interrupted session picks up: the step after the last stored set.

    A rest or side switch that would come first is kept (the person needs it anyway).
    """
    if not stored_step_indexes:
        return 0
    return min(max(stored_step_indexes) + 1, len(steps) - 1)
