"""The Progress page's (and the printed report's) view of one range: everything the
charts, the tables and the report read, built from a profile's data in one call.

Pure Python; the parts are in ``time_buckets`` (ranges, days, weeks) and
``progress_series`` (measurements, summaries, means, training per week).
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    summarise,
    training_bars,
    weekly_training,
)
from ankle_gui.core.records import ANKLES, Side
from ankle_gui.core.time_buckets import DAY_S, range_start

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
    measures = data.measures_between(start, end)
    if start is None:
        start = data.first_t() or end - 28 * DAY_S
    series: dict[Side, list[Measure]] = {}
    post: dict[Side, list[Measure]] = {}
    labels = set()
    for side in ANKLES:
        mine = [m for m in measures if m.side is side]
        cold = [m for m in mine if m.cold]
        drawn, label = aggregate(cold, max_points)
        series[side] = drawn
        labels.add(label)
        post[side] = [m for m in mine if not m.cold] if label is None else []
    aggregated = next((x for x in ("monthly means", "weekly means", "daily means")
                       if x in labels), None)
    pairs = prepost_pairs(measures) if aggregated is None else []
    asym = aggregate_asymmetry(asymmetry_series(measures), max_points)
    weeks = weekly_training(data.sets_between(start, end), data.sessions_between(start, end),
                            data.sessions_per_week, start, end,
                            data.sessions[0].t if data.sessions else None)
    bars, bar_unit = training_bars(weeks)
    return ProgressView(
        start=start, end=end, series=series, post=post, pairs=pairs,
        summaries={side: summarise(measures, side) for side in ANKLES},
        asymmetry=asym, weeks=weeks, aggregated=aggregated, measure_count=len(measures),
        bars=bars, bar_unit=bar_unit)
