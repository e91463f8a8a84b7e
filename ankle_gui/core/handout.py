"""The home-programme handout's content: who, from which clinic, when, and each drill of the
current plan in words a patient can follow at home. No Qt here; ``ui/progress/handout.py``
lays it out on paper with the drill figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.plan import PlanItem, dose_words
from ankle_gui.core.poses import Poses
from ankle_gui.core.records import BOTH_TOGETHER, EACH_IN_TURN, Side

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SAFETY = ("Stop a drill at once if you feel sharp pain, and tell your physio. A stretch or "
          "mild discomfort is fine; pain that grows is not.")


class NoPlan(ValueError):
    """There is no saved plan to print; the message is for the user."""


@dataclass(frozen=True)
class HandoutDrill:
    drill_id: str
    name: str
    side: Side                 # as planned: left, right or both
    side_words: str            # "Left ankle", "Each ankle in turn, left first", …
    dose_words: str            # "10 reps · 1 round"
    setup: tuple[str, ...]
    cues: tuple[str, ...]
    poses: Poses | None        # for the start and end figures (None: not in the catalogue)


@dataclass(frozen=True)
class Handout:
    patient_name: str
    clinic_name: str           # "" in home mode or when the clinic has no name set
    printed_on: date
    programme_line: str        # sessions a week and retests; "" when there is nothing to say
    sessions_per_week: int | None
    drills: tuple[HandoutDrill, ...]
    days: tuple[str, ...] = DAYS
    safety: str = SAFETY

    @property
    def title(self) -> str:
        return "Your home programme"


def side_words(item: PlanItem, per_side: bool) -> str:
    if item.sides is Side.LEFT:
        return "Left ankle"
    if item.sides is Side.RIGHT:
        return "Right ankle"
    return f"{EACH_IN_TURN}, left first" if per_side else BOTH_TOGETHER


def programme_line(sessions_per_week: int | None, retest_weeks: int | None = None,
                   from_physio: bool = False) -> str:
    parts = []
    if sessions_per_week:
        times = "once" if sessions_per_week == 1 else (
            "twice" if sessions_per_week == 2 else f"{sessions_per_week} times")
        parts.append(f"Do the whole programme {times} a week")
    if retest_weeks:
        parts.append(f"retest your ankles every {retest_weeks} week"
                     f"{'s' if retest_weeks != 1 else ''}")
    if not parts:
        return ""
    text = ", and ".join(parts) + "."
    return ("From your physio: " + text[0].lower() + text[1:]) if from_physio else text


def build_handout(patient_name: str, plan: list[PlanItem], catalogue: Catalogue | None, *,
                  clinic_name: str = "", printed_on: date,
                  sessions_per_week: int | None = None, retest_weeks: int | None = None,
                  from_physio: bool = False) -> Handout:
    """The handout for ``plan``; NoPlan when it holds no drill."""
    if not plan:
        raise NoPlan(f"{patient_name} has no plan yet. Save one on the Test page (or in the "
                     "clinician's programme), then print the handout.")
    drills = []
    for item in plan:
        drill = catalogue.get(item.drill_id) if catalogue and item.drill_id in catalogue \
            else None
        if drill is None:   # an old plan naming a drill the catalogue no longer has
            drills.append(HandoutDrill(item.drill_id, item.drill_id.replace("_", " "),
                                       item.sides, side_words(item, True),
                                       _plain_dose(item), (), (), None))
            continue
        drills.append(HandoutDrill(
            drill.id, drill.name, item.sides, side_words(item, drill.per_side),
            dose_words(drill, item.dose), tuple(drill.setup), tuple(drill.cues), drill.poses))
    return Handout(patient_name=patient_name, clinic_name=clinic_name.strip(),
                   printed_on=printed_on,
                   programme_line=programme_line(sessions_per_week, retest_weeks, from_physio),
                   sessions_per_week=sessions_per_week, drills=tuple(drills))


def _plain_dose(item: PlanItem) -> str:
    return " · ".join(f"{key.replace('_s', ' s').replace('_', ' ')} {value}"
                      for key, value in item.dose.items())
