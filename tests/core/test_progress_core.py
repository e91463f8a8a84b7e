"""Progress numbers without Qt: aggregation, pairs, summaries, training bars, adherence."""

from __future__ import annotations

from datetime import UTC, datetime

from ankle_gui.core.assessment import Change
from ankle_gui.core.progress import build_view
from ankle_gui.core.progress_series import (
    Adherence,
    Measure,
    ProfileData,
    SessionDone,
    SetDone,
    adherence,
    aggregate,
    prepost_pairs,
    summarise,
    training_bars,
    weekly_training,
)
from ankle_gui.core.records import Phase, Side
from ankle_gui.core.time_buckets import WEEK_S, local_week

T0 = datetime(2020, 1, 6, 10, tzinfo=UTC).timestamp()  # a Monday
DAY = 86400


def _daily(days: int, side: Side = Side.LEFT) -> list[Measure]:
    return [Measure(T0 + d * DAY, side, 8 + d / days) for d in range(days)]


def test_aggregation_steps_from_raw_to_weekly_to_monthly():
    raw, label = aggregate(_daily(400))
    assert (len(raw), label) == (400, None)
    weekly, label = aggregate(_daily(5 * 365))
    assert label == "weekly means" and 260 <= len(weekly) <= 262
    assert all(m.count in range(1, 8) for m in weekly)
    monthly, label = aggregate(_daily(10 * 365))
    assert label == "monthly means" and 119 <= len(monthly) <= 122
    # Means keep the overall level: the mean of the means is the mean of the values.
    values = [m.value_cm for m in _daily(10 * 365)]
    total = sum(m.value_cm * m.count for m in monthly) / sum(m.count for m in monthly)
    assert abs(total - sum(values) / len(values)) < 1e-9


def test_summary_counts_cold_tests_and_applies_the_mdc():
    measures = [Measure(T0, Side.LEFT, 7.0), Measure(T0 + DAY, Side.LEFT, 8.0, Phase.PRE, sid := 1),
                Measure(T0 + DAY + 600, Side.LEFT, 12.0, Phase.POST, session_id=sid),
                Measure(T0 + 9 * DAY, Side.LEFT, 8.8)]
    s = summarise(measures, Side.LEFT)
    assert (s.first.value_cm, s.latest.value_cm, s.best.value_cm, s.count) == (7.0, 8.8, 8.8, 3)
    assert s.verdict is Change.WITHIN_ERROR  # +1.8 cm is under any margin
    measures.append(Measure(T0 + 10 * DAY, Side.LEFT, 9.5))
    assert summarise(measures, Side.LEFT).verdict is Change.IMPROVED   # 2.5 cm: self-measured
    # A clinician's tape result is judged against Powden's 1.9 cm.
    tape = [Measure(T0, Side.LEFT, 7.0, margin_cm=1.9), Measure(T0 + DAY, Side.LEFT, 8.9,
                                                               margin_cm=1.9)]
    assert summarise(tape, Side.LEFT).verdict is Change.IMPROVED


def test_pre_post_pairs_by_session_and_by_time():
    pre = Measure(T0, Side.RIGHT, 9.0, Phase.PRE, session_id=4)
    post = Measure(T0 + 1800, Side.RIGHT, 10.0, Phase.POST, session_id=4)
    loose_pre = Measure(T0 + 3 * DAY, Side.LEFT, 7.0, Phase.PRE)
    loose_post = Measure(T0 + 3 * DAY + 3600, Side.LEFT, 7.5, Phase.POST)
    late_post = Measure(T0 + 3 * DAY + 6 * 3600, Side.LEFT, 7.9, Phase.POST)
    pairs = prepost_pairs([pre, post, loose_pre, loose_post, late_post])
    assert pairs == [(pre, post), (loose_pre, loose_post)]


def test_training_bars_become_months_over_sixty_weeks():
    sets = [SetDone(T0 + d * DAY, 10.0, Side.BOTH, "completed") for d in range(0, 700, 2)]
    sessions = [SessionDone(T0 + d * DAY, "completed", sets_done=1) for d in range(0, 700, 2)]
    weeks = weekly_training(sets, sessions, 3, T0, T0 + 700 * DAY, T0)
    assert len(weeks) == 101
    bars, per = training_bars(weeks)
    assert per == "month" and 23 <= len(bars) <= 25
    assert sum(b.minutes[Side.BOTH] for b in bars) == sum(w.minutes[Side.BOTH] for w in weeks)
    assert sum(b.sessions_done for b in bars) == 350
    short, per = training_bars(weeks[:10])
    assert per == "week" and [b.span_s for b in short] == [WEEK_S] * 10


def test_skipped_sets_do_not_count_and_the_current_week_waits():
    sets = [SetDone(T0, 5.0, Side.LEFT, "completed", count=3),
            SetDone(T0 + 60, 5.0, Side.LEFT, "skipped")]
    sessions = [SessionDone(T0, "completed", sets_done=3),
                SessionDone(T0 + 8 * DAY, "completed", sets_done=1),
                SessionDone(T0 + 9 * DAY, "stopped", sets_done=2)]
    weeks = weekly_training(sets, sessions, 2, T0, T0 + 9 * DAY, T0)
    assert weeks[0].sets[Side.LEFT] == 3 and weeks[0].minutes[Side.LEFT] == 5.0
    # Week 1 done 1 of 2; week 2 is under way with 1 of 2 done, so it is not counted yet.
    assert adherence(weeks, now=T0 + 9 * DAY).done == 1
    assert adherence(weeks, now=T0 + 9 * DAY).planned == 2
    assert local_week(T0) + 1 == weeks[1].week


def test_a_finished_session_with_every_set_skipped_is_not_a_session_done():
    # The rule the Progress page, the report and the dashboard share.
    from ankle_gui.core.session_rules import counts_as_done, trained

    assert counts_as_done("completed", 1) and not counts_as_done("completed", 0)
    assert not counts_as_done("stopped", 4)   # stopped early: kept as before, not done
    assert trained(1) and not trained(0)
    sessions = [SessionDone(T0, "completed", sets_done=2),
                SessionDone(T0 + DAY, "completed", sets_done=0),   # N through every step
                SessionDone(T0 + 2 * DAY, "stopped", sets_done=3)]
    weeks = weekly_training([], sessions, 3, T0, T0 + 2 * DAY, T0)
    assert [w.sessions_done for w in weeks] == [1]
    assert adherence(weeks, now=T0 + 8 * DAY) == Adherence(1, 3)


def test_build_view_with_an_explicit_period():
    data = ProfileData(_daily(100) + _daily(100, Side.RIGHT))
    view = build_view(data, "all", T0 + 200 * DAY, since=T0 + 10 * DAY, until=T0 + 19.5 * DAY)
    assert view.measure_count == 20
    assert view.summaries[Side.RIGHT].count == 10
    assert len(view.asymmetry) == 10
