"""Progress series per side: the measurements, their summaries, pre/post pairs, the
left-right gap, means over days, weeks or months, and training per week."""
# Long file: every series one ProgressView is built from (results, pairs, gaps, means,
# training weeks and adherence), each short, sharing ProfileData and the time buckets.

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from ankle_gui.core.assessment import Change, asymmetry, change, margin_cm
from ankle_gui.core.records import Phase, Side
from ankle_gui.core.session_rules import counts_as_done
from ankle_gui.core.time_buckets import (
    BUCKETS,
    WEEK_S,
    _bucket_keys,
    days_of,
    local_week,
    month_of_day,
    week_of_day,
    week_start_t,
)

# Above this many results per side the chart shows daily, weekly or monthly means instead:
# thousands of symbols make pyqtgraph slow to draw and a printout unreadable.
MAX_POINTS_PER_SIDE = 400
# A post-session retest without a session id still pairs with a pre-test this close before it.
PAIR_WINDOW_S = 4 * 3600


# --- measurements ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Measure:
    """One knee-to-wall result, or the mean of ``count`` results when aggregated."""

    t: float
    side: Side
    value_cm: float
    phase: Phase = Phase.BASELINE
    note: str = ""
    session_id: int | None = None
    count: int = 1
    day: int | None = None  # local day number, when the store already knows it
    # The smallest change this result can show (who measured, how finely): the app's
    # figure for self-measurement when nothing was recorded.
    margin_cm: float = margin_cm(None, None)

    @property
    def cold(self) -> bool:
        # Post-session retests are taken warm, straight after the drills.
        return self.phase is not Phase.POST


@dataclass(frozen=True)
class SetDone:
    """One set, or ``count`` sets of one side in one session (as the store sums them)."""

    t: float
    minutes: float
    side: Side
    outcome: str
    count: int = 1
    day: int | None = None


@dataclass(frozen=True)
class SessionDone:
    t: float
    status: str
    pain: int | None = None    # 0–10 as the patient rated it; None if skipped
    effort: int | None = None
    sets_done: int = 0         # its sets done, not skipped (see core/session_rules.py)
    day: int | None = None     # local day number, when the store already knows it


@dataclass
class ProfileData:
    """Everything the Progress page needs for one profile, loaded once."""

    measures: list[Measure] = field(default_factory=list)  # sorted by time
    sets: list[SetDone] = field(default_factory=list)
    sessions: list[SessionDone] = field(default_factory=list)
    sessions_per_week: int | None = None
    since: float | None = None  # what is here starts then (None: the whole history)
    first_session_t: float | None = None  # the first session ever, loaded or not
    earlier_results: bool = False  # results before ``since``, not loaded

    @property
    def training_start(self) -> float | None:
        """When the first training session started (before it, nothing was planned)."""
        if self.first_session_t is not None:
            return self.first_session_t
        return self.sessions[0].t if self.sessions else None

    def __post_init__(self) -> None:
        self.measures.sort(key=lambda m: m.t)
        self.sets.sort(key=lambda s: s.t)
        self.sessions.sort(key=lambda s: s.t)
        self._measure_t = [m.t for m in self.measures]
        self._set_t = [s.t for s in self.sets]
        self._session_t = [s.t for s in self.sessions]
        self._worked_out: dict[tuple[object, ...], object] = {}

    def worked_out(self, key: tuple[object, ...], work: Callable[[], U]) -> U:
        """``work()``, done once per ``key`` for this data: the page draws the same range
        again and again, and the data does not change under it (a change loads anew)."""
        if key not in self._worked_out:
            self._worked_out[key] = work()
        return self._worked_out[key]  # type: ignore[return-value]

    def measure_span(self, start: float | None, end: float | None) -> tuple[int, int]:
        """Where the results from ``start`` to ``end`` lie in ``measures``."""
        return _span(self._measure_t, start, end)

    def set_span(self, start: float | None, end: float | None) -> tuple[int, int]:
        return _span(self._set_t, start, end)

    def session_span(self, start: float | None, end: float | None) -> tuple[int, int]:
        return _span(self._session_t, start, end)

    @property
    def empty(self) -> bool:
        """No knee-to-wall result at all (none in the range is not empty)."""
        return not self.measures and not self.earlier_results

    def first_t(self) -> float | None:
        times = [x[0] for x in (self._measure_t, self._set_t, self._session_t) if x]
        return min(times) if times else None

    def measures_between(self, start: float | None, end: float | None) -> list[Measure]:
        return _slice(self.measures, self._measure_t, start, end)

    def sets_between(self, start: float | None, end: float | None) -> list[SetDone]:
        return _slice(self.sets, self._set_t, start, end)

    def sessions_between(self, start: float | None, end: float | None) -> list[SessionDone]:
        return _slice(self.sessions, self._session_t, start, end)

    def ratings_between(self, start: float | None, end: float | None) -> list[SessionDone]:
        """Sessions with a pain or effort rating, for the pain chart and the report."""
        return [s for s in self.sessions_between(start, end)
                if s.pain is not None or s.effort is not None]


T = TypeVar("T")
U = TypeVar("U")


def _span(times: list[float], start: float | None, end: float | None) -> tuple[int, int]:
    lo = 0 if start is None else bisect.bisect_left(times, start)
    hi = len(times) if end is None else bisect.bisect_right(times, end)
    return lo, hi


def _slice(items: list[T], times: list[float], start: float | None,
           end: float | None) -> list[T]:
    lo, hi = _span(times, start, end)
    return items[lo:hi]


# --- per-side summary -----------------------------------------------------------------------

@dataclass(frozen=True)
class SideSummary:
    side: Side
    count: int
    first: Measure | None = None
    latest: Measure | None = None
    best: Measure | None = None

    @property
    def delta_cm(self) -> float | None:
        if self.first is None or self.latest is None or self.count < 2:
            return None
        return round(self.latest.value_cm - self.first.value_cm, 6)

    @property
    def verdict(self) -> Change | None:
        if self.first is None or self.latest is None or self.delta_cm is None:
            return None
        return change(self.first.value_cm, self.latest.value_cm, self.margin_cm)

    @property
    def margin_cm(self) -> float:
        """The margin the change from first to latest must reach (the larger of the two)."""
        found = [m.margin_cm for m in (self.first, self.latest) if m is not None]
        return max(found) if found else margin_cm(None, None)


def summarise(measures: list[Measure], side: Side) -> SideSummary:
    """First, latest and best of one side, counting only cold (not post-session) results.

    Falls back to every result when there are only post-session ones.
    """
    mine = [m for m in measures if m.side is side]
    return summarise_side(side, [m for m in mine if m.cold] or mine)


def summarise_side(side: Side, counted: list[Measure]) -> SideSummary:
    """``summarise`` for one side's results already picked out (sorted by time)."""
    if not counted:
        return SideSummary(side, 0)
    best = max(counted, key=lambda m: (m.value_cm, m.t))
    return SideSummary(side, len(counted), counted[0], counted[-1], best)


def prepost_pairs(measures: list[Measure]) -> list[tuple[Measure, Measure]]:
    """(pre, post) of the same side and session; a post without a session pairs with the
    closest pre-test of that side taken shortly before it."""
    pres: dict[tuple[Side, int], Measure] = {}
    loose: dict[Side, list[Measure]] = defaultdict(list)
    for m in measures:
        if m.phase is Phase.PRE:
            if m.session_id is not None:
                pres[(m.side, m.session_id)] = m
            loose[m.side].append(m)
    pairs = []
    for m in measures:
        if m.phase is not Phase.POST:
            continue
        pre = pres.get((m.side, m.session_id)) if m.session_id is not None else None
        if pre is None:
            earlier = [p for p in loose[m.side] if 0 <= m.t - p.t <= PAIR_WINDOW_S]
            pre = earlier[-1] if earlier else None
        if pre is not None:
            pairs.append((pre, m))
    return pairs


# --- asymmetry ------------------------------------------------------------------------------

@dataclass(frozen=True)
class AsymmetryPoint:
    t: float
    left_cm: float
    right_cm: float
    day: int | None = None

    @property
    def difference_cm(self) -> float:
        return abs(self.left_cm - self.right_cm)

    @property
    def flagged(self) -> bool:
        return asymmetry(self.left_cm, self.right_cm).flagged


def asymmetry_series(measures: list[Measure]) -> list[AsymmetryPoint]:
    """Left against right on each day both were measured (latest cold result of the day)."""
    left: dict[int, Measure] = {}
    right: dict[int, Measure] = {}
    for m, day in zip(measures, days_of(measures), strict=True):
        if m.cold:
            if m.side is Side.LEFT:
                left[day] = m
            elif m.side is Side.RIGHT:
                right[day] = m
    points = []
    for day in sorted(left.keys() & right.keys()):
        a, b = left[day], right[day]
        points.append(AsymmetryPoint(max(a.t, b.t), a.value_cm, b.value_cm, day))
    return points


# --- aggregation ----------------------------------------------------------------------------

def aggregate(measures: list[Measure], max_points: int = MAX_POINTS_PER_SIDE,
              ) -> tuple[list[Measure], str | None]:
    """Cold results of one side, thinned to at most ``max_points`` by averaging per day,
    week or month; returns the series and what a point now stands for (None if raw)."""
    if len(measures) <= max_points:
        return measures, None
    days = days_of(measures)
    for kind, label in BUCKETS:
        keys = _bucket_keys(kind, days)
        if len(set(keys)) > max_points and kind != "month":
            continue  # too many buckets still: try the next coarser one
        groups: dict[int, list[Measure]] = {}
        for key, m in zip(keys, measures, strict=True):
            groups.setdefault(key, []).append(m)
        out = []
        for group in groups.values():
            n = len(group)
            out.append(Measure(
                t=sum(g.t for g in group) / n, side=group[0].side,
                value_cm=sum(g.value_cm for g in group) / n, phase=Phase.BASELINE,
                note=f"mean of {n} results" if n > 1 else group[0].note, count=n,
                margin_cm=max(g.margin_cm for g in group)))
        out.sort(key=lambda m: m.t)
        return out, label
    raise AssertionError("unreachable")


def aggregate_asymmetry(points: list[AsymmetryPoint], max_points: int = MAX_POINTS_PER_SIDE,
                        ) -> list[AsymmetryPoint]:
    if len(points) <= max_points:
        return points
    days = days_of(points)
    for kind, _label in BUCKETS:
        keys = _bucket_keys(kind, days)
        if len(set(keys)) > max_points and kind != "month":
            continue  # too many buckets still: try the next coarser one
        groups: dict[int, list[AsymmetryPoint]] = {}
        for key, p in zip(keys, points, strict=True):
            groups.setdefault(key, []).append(p)
        return [AsymmetryPoint(sum(p.t for p in g) / len(g),
                               sum(p.left_cm for p in g) / len(g),
                               sum(p.right_cm for p in g) / len(g))
                for g in groups.values()]
    raise AssertionError("unreachable")


# --- training volume and adherence ---------------------------------------------------------

@dataclass(frozen=True)
class WeekTraining:
    week: int
    t: float
    minutes: dict[Side, float]
    sets: dict[Side, int]
    sessions_done: int
    sessions_planned: int | None


def weekly_training(sets: list[SetDone], sessions: list[SessionDone],
                    sessions_per_week: int | None, start: float, end: float,
                    training_start: float | None = None) -> list[WeekTraining]:
    """Minutes and sets per side, and sessions done against planned, for each local week
    from ``start`` to ``end``. Weeks with nothing done still count as planned, from the
    week of the first training session on (before it there was nothing to adhere to)."""
    first, last = local_week(start), local_week(end)
    plan_from = local_week(training_start) if training_start is not None else last + 1
    minutes: dict[int, dict[Side, float]] = defaultdict(lambda: defaultdict(float))
    counts: dict[int, dict[Side, int]] = defaultdict(lambda: defaultdict(int))
    for s, day in zip(sets, days_of(sets), strict=True):
        if s.outcome == "skipped":
            continue
        week = week_of_day(day)
        minutes[week][s.side] += s.minutes
        counts[week][s.side] += s.count
    done: dict[int, int] = defaultdict(int)
    for session, day in zip(sessions, days_of(sessions), strict=True):
        if counts_as_done(session.status, session.sets_done):
            done[week_of_day(day)] += 1
    return [WeekTraining(week, week_start_t(week),
                         {side: minutes[week].get(side, 0.0) for side in Side},
                         {side: counts[week].get(side, 0) for side in Side},
                         done.get(week, 0), sessions_per_week if week >= plan_from else None)
            for week in range(first, last + 1)]


# More bars than this and the training charts show months: ten years of weekly bars are
# too thin to read and slow to print.
MAX_TRAINING_BARS = 60


@dataclass(frozen=True)
class TrainingBar:
    """One bar of the training charts: a week, or a month of weeks."""

    t: float
    span_s: float
    minutes: dict[Side, float]
    sessions_done: int
    sessions_planned: int | None


def training_bars(weeks: list[WeekTraining], max_bars: int = MAX_TRAINING_BARS,
                  ) -> tuple[list[TrainingBar], str]:
    """The weeks as bars, merged into calendar months (by each week's Monday) when there
    are more than ``max_bars``; returns the bars and what one bar stands for."""
    if len(weeks) <= max_bars:
        return [TrainingBar(w.t, WEEK_S, w.minutes, w.sessions_done, w.sessions_planned)
                for w in weeks], "week"
    months: dict[int, list[WeekTraining]] = {}
    for w in weeks:
        months.setdefault(month_of_day(w.week * 7 + 4), []).append(w)
    bars = []
    for group in months.values():
        planned = [w.sessions_planned for w in group if w.sessions_planned is not None]
        bars.append(TrainingBar(
            group[0].t, group[-1].t + WEEK_S - group[0].t,
            {side: sum(w.minutes[side] for w in group) for side in Side},
            sum(w.sessions_done for w in group), sum(planned) if planned else None))
    return bars, "month"


@dataclass(frozen=True)
class Adherence:
    done: int
    planned: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.planned) if self.planned else None


def adherence(weeks: list[WeekTraining], now: float | None = None) -> Adherence | None:
    """Sessions done against planned; the week still under way counts only once its
    sessions are all done, so Monday morning does not read as a missed week."""
    this_week = local_week(now) if now is not None else None
    planned = [w for w in weeks if w.sessions_planned and (
        w.week != this_week or w.sessions_done >= w.sessions_planned)]
    if not planned:
        return None
    return Adherence(sum(w.sessions_done for w in planned),
                     sum(w.sessions_planned or 0 for w in planned))


def week_so_far(weeks: list[WeekTraining], now: float) -> Adherence | None:
    """The week under way, when it has a plan and is not done yet (``adherence`` leaves
    it out until it is)."""
    this_week = local_week(now)
    for w in weeks:
        if w.week == this_week and w.sessions_planned and w.sessions_done < w.sessions_planned:
            return Adherence(w.sessions_done, w.sessions_planned)
    return None


def adherence_words(weeks: list[WeekTraining], now: float) -> str:
    """Sessions done against planned in words that match the chart: finished weeks, then
    the week under way; and what was done when nothing was planned."""
    finished, current = adherence(weeks, now), week_so_far(weeks, now)
    parts = []
    if finished is not None:
        pct = f" ({finished.percent}%)" if finished.percent is not None else ""
        parts.append(f"Sessions done: {finished.done} of {finished.planned} planned{pct}.")
    if current is not None:
        parts.append(f"This week so far: {current.done} of {current.planned} planned.")
    if parts:
        return " ".join(parts)
    done = sum(w.sessions_done for w in weeks)
    if done:
        return (f"Sessions done: {done}. No number of sessions a week was planned for this "
                "range, so there is nothing to compare them with.")
    return "No training sessions done or planned in this range yet."
