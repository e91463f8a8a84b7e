"""What goes on paper, gathered from the store: the progress report's content and the
home-programme handout's. No Qt: the printing package lays them out and paints them, for
the window and the command line alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from ankle_gui import __version__
from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.clinician_advice import ClinicianAdvice
from ankle_gui.core.handout import Handout, build_handout
from ankle_gui.core.plan import PlanItem
from ankle_gui.core.poses import Poses
from ankle_gui.core.profile import Profile
from ankle_gui.core.progress import ProgressView, build_view
from ankle_gui.core.progress_series import Measure, ProfileData
from ankle_gui.core.records import Side
from ankle_gui.core.session_pain import RatedSession
from ankle_gui.core.time_buckets import days_of, range_start
from ankle_gui.core.units import Unit
from ankle_gui.services.screening import latest_test
from ankle_gui.store import Store

# A test day on the report: (time, the left result, the right result).
TestDay = tuple[float, Measure | None, Measure | None]


@dataclass(frozen=True)
class ReportContent:
    profile_name: str
    unit: Unit
    view: ProgressView
    recent: list[TestDay]  # oldest first
    plan: list[PlanItem]
    plan_names: dict[str, str]
    sessions_per_week: int | None
    printed_at: datetime
    app_version: str
    # Each planned drill's figure, drawn start and end pose side by side beside its line.
    plan_poses: dict[str, Poses] = field(default_factory=dict)
    # The period's ended sessions with their pain and effort (None: not rated), oldest first.
    sessions: list[RatedSession] = field(default_factory=list)
    # The planned drills done with both feet at once (the rest are done one ankle at a time).
    plan_together: frozenset[str] = frozenset()
    # What the Test page says about seeing a clinician (safety, loss, no gain, pain rules).
    advice: ClinicianAdvice | None = None


def days_tested(data: ProfileData, view: ProgressView) -> list[TestDay]:
    """One row per test day in the period: the day's last cold result of each side."""
    days: dict[int, dict[Side, Measure]] = {}
    measures = data.measures_between(view.start, view.end)
    for m, day in zip(measures, days_of(measures), strict=True):
        if m.cold:
            days.setdefault(day, {})[m.side] = m
    rows = []
    for day in sorted(days):
        both = days[day]
        t = max(m.t for m in both.values())
        rows.append((t, both.get(Side.LEFT), both.get(Side.RIGHT)))
    return rows


def report_content(store: Store, profile: Profile, catalogue: Catalogue | None = None, *,
                   range_key: str = "all", since: float | None = None,
                   until: float | None = None, now: float) -> ReportContent:
    """The report of one profile as it stands at ``now`` (POSIX seconds): the end of its
    period, and its "Printed" line."""
    start = since if since is not None else range_start(range_key, now)
    data = store.progress.load(profile.id, start)
    view = build_view(data, range_key, now, since=since, until=until)
    saved = store.plans.current(profile.id)
    plan = saved[0] if saved else []
    names: dict[str, str] = {}
    poses: dict[str, Poses] = {}
    together: set[str] = set()
    if catalogue is not None:
        for item in plan:
            if item.drill_id in catalogue:
                drill = catalogue.get(item.drill_id)
                names[item.drill_id] = drill.name
                poses[item.drill_id] = drill.poses
                if not drill.per_side:
                    together.add(item.drill_id)
    at = datetime.fromtimestamp(now, UTC)   # the report's "now", for the pain rules too
    latest = (latest_test(store, catalogue, profile, lambda: at) if catalogue is not None
              else None)
    return ReportContent(
        advice=latest.advice if latest is not None else None,
        profile_name=profile.name, unit=profile.unit, view=view, recent=days_tested(data, view),
        plan=plan, plan_names=names, sessions_per_week=saved[1] if saved else None,
        printed_at=datetime.fromtimestamp(now).astimezone(), app_version=__version__,
        plan_poses=poses, sessions=view.ended,
        plan_together=frozenset(together))


def handout_content(store: Store, catalogue: Catalogue | None, profile_id: int, *,
                    printed_on: date) -> Handout:
    """The handout of one profile's current plan, with the clinic's name and programme.
    Raises NoPlan when there is no plan with a drill in it."""
    profile = store.profiles.get(profile_id)
    saved = store.plans.current(profile_id)
    plan, plan_per_week = saved if saved else ([], None)
    programme = store.clinic.programme(profile_id)
    # What the Test page says about seeing a clinician goes on paper too.
    # The pain rules look back from the day it is printed.
    noon = datetime.combine(printed_on, time(12)).astimezone()
    latest = (latest_test(store, catalogue, profile, lambda: noon) if catalogue is not None
              else None)
    advice = latest.advice if latest is not None else None
    warnings = ((f"{advice.heading}.", *advice.lines) if advice is not None else ())
    return build_handout(
        profile.name, plan, catalogue, clinic_name=store.clinic.settings().clinic_name,
        printed_on=printed_on,
        sessions_per_week=programme.sessions_per_week if programme else plan_per_week,
        retest_weeks=programme.retest_weeks if programme else None,
        from_physio=bool(programme and programme.from_physio), warnings=warnings)
