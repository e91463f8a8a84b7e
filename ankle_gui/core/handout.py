"""The home-programme handout's content: who, from which clinic, when, and each drill of the
current plan in words a patient can follow at home. No Qt here; ``printing/handout.py``
lays it out on paper with the drill figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ankle_gui.core.catalogue import Catalogue, Drill
from ankle_gui.core.clinic import DEFAULT_RETEST_WEEKS
from ankle_gui.core.pain_rules import PAIN_OK_MAX, PAIN_SEE_PHYSIO_AT
from ankle_gui.core.plan import DOSE_LABELS, PlanItem, dose_words
from ankle_gui.core.poses import Poses
from ankle_gui.core.records import BOTH_TOGETHER, EACH_IN_TURN, Side

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SAFETY = ("Stop a drill at once if you feel sharp pain, and tell your physio. A stretch or "
          "mild discomfort is fine; pain that grows is not.")
# The pain rules at home (core/pain_rules.py), in the handout's words.
PAIN_RULES = (f"Pain: a drill may cause up to {PAIN_OK_MAX}/10 pain if it has settled by the "
              "next morning. More, or still sore the next morning: ease the dose (fewer reps "
              f"or rounds, stop short of the end of the range). {PAIN_SEE_PHYSIO_AT}/10 or "
              "more: stop and see your physio. (Pain-monitoring model, Silbernagel et al. "
              f"2007; {PAIN_OK_MAX}/10 is the app's stricter limit for home.)")
# Risher: a few weeks of consistent work with no change can mean a bony limit.
NO_CHANGE = ("No change after a few weeks of regular work? See a clinician: the limit may be "
             "bone, which no drill can move (Risher).")


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
    source: str = ""           # where the drill comes from
    dose_origin: str = ""      # which dose numbers are the source's, which the app's


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
    retest_line: str = ""
    # Shown before the drills: the pain rules, when to see a clinician, and any safety
    # finding of the latest test with the drills it holds back.
    notes: tuple[str, ...] = (PAIN_RULES, NO_CHANGE)
    warnings: tuple[str, ...] = ()

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


def retest_words(retest_weeks: int | None, from_physio: bool = False) -> str:
    """When to retest: every few weeks (the clinic's programme, else the app's default),
    rested, and between rounds of the joint drills as Rusin does."""
    weeks = retest_weeks or DEFAULT_RETEST_WEEKS
    who = " (your physio's choice)" if from_physio and retest_weeks else ""
    return (f"When to retest: both ankles on the Test page every {weeks} "
            f"week{'s' if weeks != 1 else ''}{who}, before training that day; straight after "
            "the drills the number reads high. A quick retest between rounds of the joint "
            "drills shows what helps (Rusin).")


def dose_origin_words(drill: Drill, keys: list[str]) -> str:
    """Which of the dose's numbers come from the source and which are the app's default."""
    seed = [DOSE_LABELS[k].split(" (")[0].lower() for k in keys
            if k in drill.dose_source and drill.dose_source[k].from_seed]
    app = [DOSE_LABELS[k].split(" (")[0].lower() for k in keys
           if k not in drill.dose_source or not drill.dose_source[k].from_seed]

    def joined(names: list[str]) -> str:
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    parts = []
    if seed:
        parts.append(f"{joined(seed)} from the source")
    if app:
        parts.append(f"{joined(app)} the app's default")
    return ("Dose: " + "; ".join(parts) + ".") if parts else ""


def build_handout(patient_name: str, plan: list[PlanItem], catalogue: Catalogue | None, *,
                  clinic_name: str = "", printed_on: date,
                  sessions_per_week: int | None = None, retest_weeks: int | None = None,
                  from_physio: bool = False, warnings: tuple[str, ...] = ()) -> Handout:
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
        source = drill.source.short_name   # the full title is on the Drills page
        if drill.source_note:
            source += f" ({drill.source_note[:1].lower()}{drill.source_note[1:].rstrip('.')})"
        drills.append(HandoutDrill(
            drill.id, drill.name, item.sides, side_words(item, drill.per_side),
            dose_words(drill, item.dose), tuple(drill.setup), tuple(drill.cues), drill.poses,
            source, dose_origin_words(drill, list(item.dose))))
    return Handout(patient_name=patient_name, clinic_name=clinic_name.strip(),
                   printed_on=printed_on,
                   # The retest has a line of its own (``retest_line``), said once.
                   programme_line=programme_line(sessions_per_week, None, from_physio),
                   sessions_per_week=sessions_per_week, drills=tuple(drills),
                   retest_line=retest_words(retest_weeks, from_physio),
                   warnings=tuple(warnings))


def _plain_dose(item: PlanItem) -> str:
    return " · ".join(f"{key.replace('_s', ' s').replace('_', ' ')} {value}"
                      for key, value in item.dose.items())
