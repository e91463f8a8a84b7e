"""The Progress page's (and the printed report's) view of one range: everything the
charts, the tables and the report read, built from a profile's data in one call.

Pure Python; the parts are in ``time_buckets`` (ranges, days, weeks) and
``progress_series`` (measurements, summaries, means, training per week).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ankle_gui.core.progress_series import (
    MAX_POINTS_PER_SIDE,
    Adherence,
    AsymmetryPoint,
    Measure,
    ProfileData,
    SideSummary,
    TrainingBar,
    WeekTraining,
    adherence,
    adherence_words,
    aggregate,
    aggregate_asymmetry,
    asymmetry_series,
    prepost_pairs,
    summarise_side,
    training_bars,
    weekly_training,
)
from ankle_gui.core.records import ANKLES, Side
from ankle_gui.core.session_pain import RatedSession, ended_sessions
from ankle_gui.core.time_buckets import DAY_S, local_week, range_start

# --- the whole view for one range -----------------------------------------------------------

@dataclass(frozen=True)
class ProgressView:
    start: float
    end: float
    series: dict[Side, list[Measure]]          # cold results, maybe aggregated
    post: dict[Side, list[Measure]]            # post-session results (raw only)
    pairs: list[tuple[Measure, Measure]]
    summaries: dict[Side, SideSummary]
    asymmetry: list[AsymmetryPoint]
    weeks: list[WeekTraining]
    aggregated: str | None                    # e.g. "weekly means", None when raw
    measure_count: int
    bars: list[TrainingBar] = field(default_factory=list)  # the weeks, maybe as months
    bar_unit: str = "week"
    # The range's ended sessions with their pain and effort (None: not rated), oldest first.
    ended: list[RatedSession] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.measure_count == 0

    @property
    def adherence(self) -> Adherence | None:
        return adherence(self.weeks, self.end)

    @property
    def adherence_words(self) -> str:
        return adherence_words(self.weeks, self.end)

    @property
    def latest_asymmetry(self) -> AsymmetryPoint | None:
        return self.asymmetry[-1] if self.asymmetry else None


def build_view(data: ProfileData, range_key: str, now: float, *,
               since: float | None = None, until: float | None = None,
               max_points: int = MAX_POINTS_PER_SIDE) -> ProgressView:
    """The page's (or the report's) numbers for ``range_key``, or for an explicit
    ``since``/``until`` window when given."""
    end = until if until is not None else now
    start = since if since is not None else range_start(range_key, now)
    if data.since is not None and (start is None or start < data.since):
        raise ValueError("this data starts later than the range asked for")
    lo, hi = data.measure_span(start, end)
    if start is None:
        start = data.first_t() or end - 28 * DAY_S
    # What the results and the training give depends only on which of them are in the
    # range (and on its weeks), so drawing the same range again reuses it.
    results = data.worked_out(("results", lo, hi, max_points),
                              lambda: _results_part(data.measures[lo:hi], max_points))
    set_span, session_span = data.set_span(start, end), data.session_span(start, end)
    first_week, last_week = local_week(start), local_week(end)
    weeks, bars, bar_unit = data.worked_out(
        ("training", set_span, session_span, first_week, last_week),
        lambda: _training_part(data, start, end, set_span, session_span))
    ended = data.worked_out(("ended", session_span),
                            lambda: ended_sessions(data.sessions[slice(*session_span)]))
    return ProgressView(start=start, end=end, weeks=weeks, bars=bars, bar_unit=bar_unit,
                        ended=ended, **results)


def _results_part(measures: list[Measure], max_points: int) -> dict[str, Any]:
    # One pass over the range: each ankle's cold results, and its retests after a session.
    cold: dict[Side, list[Measure]] = {side: [] for side in ANKLES}
    warm: dict[Side, list[Measure]] = {side: [] for side in ANKLES}
    for m in measures:
        if m.side is not Side.BOTH:
            (cold if m.cold else warm)[m.side].append(m)
    series: dict[Side, list[Measure]] = {}
    post: dict[Side, list[Measure]] = {}
    labels = set()
    for side in ANKLES:
        drawn, label = aggregate(cold[side], max_points)
        series[side] = drawn
        labels.add(label)
        post[side] = warm[side] if label is None else []
    aggregated = next((x for x in ("monthly means", "weekly means", "daily means")
                       if x in labels), None)
    return dict(
        series=series, post=post, pairs=prepost_pairs(measures) if aggregated is None else [],
        summaries={side: summarise_side(side, cold[side] or warm[side]) for side in ANKLES},
        asymmetry=aggregate_asymmetry(asymmetry_series(measures), max_points),
        aggregated=aggregated, measure_count=len(measures))


def _training_part(data: ProfileData, start: float, end: float, set_span: tuple[int, int],
                   session_span: tuple[int, int],
                   ) -> tuple[list[WeekTraining], list[TrainingBar], str]:
    weeks = weekly_training(data.sets[slice(*set_span)], data.sessions[slice(*session_span)],
                            data.sessions_per_week, start, end, data.training_start)
    return (weeks, *training_bars(weeks))
