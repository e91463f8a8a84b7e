"""The things that are measured and done, as the domain names them."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any, NamedTuple

from ankle_gui.core.assessment import Measurer, margin_cm


def frozen(value: Any) -> Any:
    """JSON-like data made read-only all the way down: dicts become read-only mappings and
    lists tuples, so a record can hold it without letting anyone change it in place."""
    if isinstance(value, dict | MappingProxyType):
        return MappingProxyType({k: frozen(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(frozen(v) for v in value)
    return value


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"

    @property
    def label(self) -> str:
        return self.value.upper()

    @property
    def other(self) -> Side:
        return {Side.LEFT: Side.RIGHT, Side.RIGHT: Side.LEFT}.get(self, self)


ANKLES = (Side.LEFT, Side.RIGHT)
# A drill done with both feet at once, in the same words everywhere: the player, the session
# summary, the plan lists, the Drills page and the handout.
BOTH_TOGETHER = "Both ankles together"
# A drill done on one ankle, then the other, likewise (the Drills page, the handout, the plan
# lists and their side choice, the report's plan, the catalogue's dose text).
EACH_IN_TURN = "Each ankle in turn"


class MeasurementKind(StrEnum):
    KNEE_TO_WALL = "knee_to_wall"
    FIST_SCREEN = "fist_screen"
    FELT_LIMIT = "felt_limit"
    SQUAT_HEEL = "squat_heel"

    @property
    def label(self) -> str:
        return {
            "knee_to_wall": "Knee-to-wall",
            "fist_screen": "Fist-width screen",
            "felt_limit": "Where the limit is felt",
            "squat_heel": "Squat heel test",
        }[self.value]


class Felt(StrEnum):
    """Where the limit is felt at the end of the lunge."""

    BACK = "back"    # a stretch at the back of the leg
    FRONT = "front"  # a block or pinch at the front of the ankle
    NONE = "none"

    @property
    def label(self) -> str:
        return {
            "back": "Stretch at the back of the leg",
            "front": "Block or pinch at the front of the ankle",
            "none": "Nothing stops me",
        }[self.value]


class Phase(StrEnum):
    BASELINE = "baseline"
    PRE = "pre"
    POST = "post"


class SessionStatus(StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"
    INTERRUPTED = "interrupted"
    STOPPED = "stopped"
    CLOSED = "closed"


class SetOutcome(StrEnum):
    COMPLETED = "completed"
    SKIPPED = "skipped"
    PAIN = "pain"


# Records by meaning: data as it is stored or loaded (rows, catalogue entries, plan items,
# file checks) is a NamedTuple, a row being a tuple of named fields; values the domain works
# out from them (screenings, reports, views, events) are frozen dataclasses. Either way every
# field is read-only, down to the mappings inside (see ``frozen``).
class Measurement(NamedTuple):
    """One test on one side at one moment: a distance, a pass/fail, where it was felt."""

    test: MeasurementKind
    side: Side
    taken_at: str
    value_cm: float | None = None
    result: str | None = None
    felt_straight: Felt | None = None
    felt_bent: Felt | None = None
    phase: Phase = Phase.BASELINE
    note: str = ""
    session_id: int | None = None
    id: int | None = None
    profile_id: int | None = None
    # How the knee-to-wall was found and by whom (None: not recorded, as in older tests).
    resolution_cm: float | None = None
    measured_by: Measurer | None = None

    @property
    def margin_cm(self) -> float:
        """The smallest change this result can show (core.assessment.margin_cm)."""
        return margin_cm(self.measured_by, self.resolution_cm)


class CompletedSet(NamedTuple):
    """One finished (or skipped) piece of a drill, as it goes to disk."""

    step_index: int
    drill_id: str
    side: Side
    round: int
    started_at: str
    ended_at: str
    outcome: SetOutcome = SetOutcome.COMPLETED
    part: str = ""
    reps_done: int | None = None
    reps_target: int | None = None
    seconds_done: float | None = None
    seconds_target: float | None = None
    id: int | None = None
    session_id: int | None = None


class TrainingSession(NamedTuple):
    """A training session as stored: when, how it ended, and the plan it ran."""

    id: int
    profile_id: int
    started_at: str
    status: SessionStatus
    ended_at: str | None = None
    stop_reason: str | None = None
    plan: tuple[Mapping[str, Any], ...] = ()  # the plan items, as stored (read-only)
    note: str = ""
    pain: int | None = None    # 0–10 after the session; None if skipped or never asked
    effort: int | None = None  # 0–10, how hard it felt
    # The next day's answer (core/pain_rules.py): had the ankle settled by the morning?
    # None with settled_asked_at set: the question was skipped.
    settled_next_day: bool | None = None
    settled_asked_at: str | None = None
