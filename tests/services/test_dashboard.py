"""The patients dashboard against hand-worked cases (now = 2026-11-30 12:00 UTC).

Times are at noon UTC, so the dates in the reasons read the same in any time zone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpers import FakeClock, at, clinic_with_patients, k2w

from ankle_gui.core.assessment import Change, Measurer
from ankle_gui.core.dashboard import FlagKind, PatientRecords, patient_row, sort_rows
from ankle_gui.core.profile import Profile
from ankle_gui.core.records import (
    CompletedSet,
    Phase,
    SessionStatus,
    SetOutcome,
    Side,
    TrainingSession,
)
from ankle_gui.services.dashboard import dashboard
from ankle_gui.services.errors import NotAllowed

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def tape(*args, **kwargs):
    """Knee-to-wall results a clinician took with a tape: Powden's 1.9 cm margin."""
    return [r._replace(measured_by=Measurer.CLINICIAN, resolution_cm=0.1)
            for r in k2w(*args, **kwargs)]


def both(days: list[str]) -> dict[Side, tuple[str, ...]]:
    """Sessions that trained both ankles with corrective drills."""
    starts = tuple(at(d) for d in days)
    return {Side.LEFT: starts, Side.RIGHT: starts}


def session(n: int, day: str, status=SessionStatus.COMPLETED, pain=None, effort=None):
    return TrainingSession(n, 1, at(day), status, at(day), pain=pain, effort=effort)


OCTOBER = ["10-03", "10-06", "10-09", "10-12", "10-15", "10-18", "10-21", "10-24"]
NOVEMBER = ["11-01", "11-05", "11-10", "11-20", "11-25", "11-28"]


def ana() -> PatientRecords:
    """Eight sessions in the four weeks between tests, left stuck, right better, then pain."""
    sessions = [session(n, d) for n, d in enumerate(OCTOBER + NOVEMBER, start=1)]
    sessions.append(session(99, "11-29", SessionStatus.STOPPED, pain=6, effort=8))
    return PatientRecords(
        profile=Profile(1, "Ana", at("10-01")),
        results=tape("10-01", 8.0, 10.5) + tape("10-29", 8.4, 12.6)
        + tape("10-29", 11.0, phase=Phase.POST),  # warm, straight after drills: not used
        sessions=sessions,
        trained_sides=both(OCTOBER),
        sessions_per_week=3, retest_weeks=4,
        sets_done={n: 4 for n in range(1, len(OCTOBER + NOVEMBER) + 1)})


def ben() -> PatientRecords:
    """One test, a plan of 2 a week, no session since the profile was made 20 days ago."""
    return PatientRecords(profile=Profile(2, "ben", at("11-10")),
                          results=k2w("11-20", 11.0, 11.5), sessions=[], trained_sides={},
                          sessions_per_week=2)


def cleo() -> PatientRecords:
    """High pain long ago, mild pain last time, ten quiet days, tested 12 days ago."""
    return PatientRecords(
        profile=Profile(3, "Cleo", at("11-01")),
        results=k2w("11-18", 9.0, 9.2),
        sessions=[session(1, "11-18", pain=7), session(2, "11-20", pain=3, effort=4)],
        trained_sides=both(["11-18", "11-20"]),
        sessions_per_week=3, retest_weeks=2, sets_done={1: 2, 2: 3})


def dara() -> PatientRecords:
    """Nothing at all yet and no programme: only the missing test is flagged."""
    return PatientRecords(Profile(4, "Dara", at("11-29")), [], [], {}, None)


def test_ana_figures():
    row = patient_row(ana(), NOW)
    left, right = row.sides[Side.LEFT], row.sides[Side.RIGHT]
    assert (left.baseline_cm, left.latest_cm, left.change_cm) == (8.0, 8.4, 0.4)
    assert left.verdict is Change.WITHIN_ERROR          # 0.4 cm < 1.9 cm MDC
    assert left.margin_cm == 1.9                        # a clinician with a tape
    assert (right.baseline_cm, right.latest_cm, right.change_cm) == (10.5, 12.6, 2.1)
    assert right.verdict is Change.IMPROVED             # 2.1 cm ≥ 1.9 cm
    assert row.asymmetry.difference_cm == pytest.approx(-4.2) and row.asymmetry.flagged
    assert row.last_visit == at("11-29")
    # Since 11-23 noon: 11-25, 11-28 completed (11-29 was stopped). Since 11-02: five.
    assert (row.done_7, row.planned_7, row.done_28, row.planned_28) == (2, 3, 5, 12)
    assert (row.last_pain, row.last_pain_at) == (6, at("11-29"))


def test_ana_flags_with_reasons():
    flags = {f.kind: f.reason for f in patient_row(ana(), NOW).flags}
    assert set(flags) == {FlagKind.PAIN, FlagKind.PAIN_RULE, FlagKind.RETEST_DUE,
                          FlagKind.REFER}
    assert flags[FlagKind.PAIN] == "Pain 6/10 reported after the session on 2026-11-29."
    assert flags[FlagKind.PAIN_RULE].startswith(
        "Pain 6/10 during the session on 2026-11-29 (home limit 3/10): told to pause")
    assert flags[FlagKind.RETEST_DUE] == ("Last full test on 2026-10-29, 32 days ago; the "
                                          "programme asks for one every 4 weeks.")
    assert flags[FlagKind.REFER].startswith(
        "Left: 8 sessions that trained this side over 4 weeks, 8.0 cm → 8.4 cm since "
        "2026-10-01, inside the 1.9 cm margin and still restricted")


def test_ben_one_test_and_no_session_yet():
    row = patient_row(ben(), NOW)
    assert row.sides[Side.LEFT].change_cm is None and row.sides[Side.LEFT].verdict is None
    assert row.sides[Side.LEFT].latest_cm == 11.0
    assert row.asymmetry.difference_cm == pytest.approx(-0.5) and not row.asymmetry.flagged
    assert (row.done_7, row.planned_7, row.done_28, row.planned_28) == (0, 2, 0, 8)
    assert row.last_pain is None
    assert [(f.kind, f.reason) for f in row.flags] == [
        (FlagKind.NO_SESSION, "No session yet, 20 days after the profile was made.")]


def test_cleo_old_high_pain_is_not_flagged_but_the_quiet_week_is():
    row = patient_row(cleo(), NOW)
    assert row.last_pain == 3
    assert [(f.kind, f.reason) for f in row.flags] == [
        (FlagKind.NO_SESSION, "No session for 10 days (the last was on 2026-11-20).")]


def test_recent_high_pain_is_flagged_even_after_a_milder_rating():
    records = cleo()
    records.sessions[0] = session(1, "11-27", pain=7)
    records.sessions[1] = session(2, "11-28", pain=2)
    flags = {f.kind: f.reason for f in patient_row(records, NOW).flags}
    assert flags[FlagKind.PAIN] == "Pain 7/10 reported after the session on 2026-11-27."


def test_pain_of_exactly_five_is_flagged_and_four_is_not():
    records = cleo()
    records.sessions[1] = session(2, "11-29", pain=5)
    assert FlagKind.PAIN in patient_row(records, NOW).flag_kinds
    records.sessions[1] = session(2, "11-29", pain=4)
    assert FlagKind.PAIN not in patient_row(records, NOW).flag_kinds


def test_dara_has_nothing_yet():
    row = patient_row(dara(), NOW)
    assert row.last_visit is None and row.asymmetry is None
    assert (row.done_7, row.planned_7, row.planned_28) == (0, None, None)
    assert [(f.kind, f.reason) for f in row.flags] == [
        (FlagKind.RETEST_DUE, "No knee-to-wall test yet.")]


def test_a_session_with_every_set_skipped_is_not_done_nor_training():
    records = cleo()
    sessions = [*records.sessions, session(3, "11-29"), session(4, "11-27", SessionStatus.STOPPED)]
    # 11-29: finished, every set skipped (N through every step); 11-27: stopped with 2 sets.
    skipped = PatientRecords(records.profile, records.results, sessions,
                             records.trained_sides, 3, 2,
                             sets_done={1: 2, 2: 3, 4: 2})
    row = patient_row(skipped, NOW)
    assert (row.done_7, row.done_28) == (0, 2)   # stopped early: not done, as before
    assert row.last_visit == at("11-29")          # a visit all the same
    flags = {f.kind: f.reason for f in row.flags}
    assert FlagKind.NO_SESSION not in flags       # the stopped one on 11-27 was training
    alone = PatientRecords(records.profile, records.results, [session(3, "11-21")], {}, 3, 2)
    assert patient_row(alone, NOW).done_28 == 0
    assert [(f.kind, f.reason) for f in patient_row(alone, NOW).flags
            if f.kind is FlagKind.NO_SESSION] == [
        (FlagKind.NO_SESSION, "No session yet, 29 days after the profile was made. A session "
                              "on 2026-11-21 had no set done.")]


def test_referral_needs_regular_training():
    records = ana()
    seven = {side: days[:7] for side, days in records.trained_sides.items()}
    irregular = PatientRecords(records.profile, records.results, records.sessions,
                               seven, 3)  # 7 < 2 × 4 weeks
    assert FlagKind.REFER not in patient_row(irregular, NOW).flag_kinds


def test_an_untreated_side_is_not_referred():
    # Issue 22 §2: only the sessions that trained a side count for its referral.
    records = ana()
    left_only = {Side.LEFT: records.trained_sides[Side.LEFT], Side.RIGHT: ()}
    stuck = tape("10-01", 8.0, 8.0) + tape("10-29", 8.4, 8.2)
    rows = PatientRecords(records.profile, stuck, records.sessions, left_only, 3)
    refer = [f.reason for f in patient_row(rows, NOW).flags if f.kind is FlagKind.REFER]
    assert len(refer) == 1 and refer[0].startswith("Left:")


def test_a_real_loss_has_its_own_flag_and_words():
    # Issue 22 §2: 9.0 → 7.0 cm was "no change beyond the 1.9 cm MDC" beside "Loss".
    records = ana()
    lost = tape("10-01", 9.0, 10.5) + tape("10-29", 7.0, 10.6)
    row = patient_row(PatientRecords(records.profile, lost, records.sessions[:-1],
                                     records.trained_sides, 3), NOW)
    flags = {f.kind: f.reason for f in row.flags}
    assert FlagKind.LOSS in flags and FlagKind.REFER not in flags
    assert flags[FlagKind.LOSS] == ("Left: 9.0 cm → 7.0 cm since 2026-10-01, a loss of at "
                                    "least the 1.9 cm margin.")
    assert row.sides[Side.LEFT].verdict is Change.WORSE


def test_rows_sort_by_any_column_with_blanks_last():
    rows = [patient_row(r, NOW) for r in (ana(), ben(), cleo(), dara())]
    names = lambda rs: [r.name for r in rs]  # noqa: E731
    assert names(sort_rows(rows)) == ["Ana", "ben", "Cleo", "Dara"]
    assert names(sort_rows(rows, "name", descending=True)) == ["Dara", "Cleo", "ben", "Ana"]
    assert names(sort_rows(rows, "pain", descending=True)) == ["Ana", "Cleo", "ben", "Dara"]
    assert names(sort_rows(rows, "left")) == ["Ana", "Cleo", "ben", "Dara"]
    assert names(sort_rows(rows, "asymmetry", descending=True)) == ["Ana", "ben", "Cleo",
                                                                   "Dara"]
    assert names(sort_rows(rows, "flags", descending=True)) == ["Ana", "ben", "Cleo", "Dara"]
    assert names(sort_rows(rows, "last_visit", descending=True)) == ["Ana", "ben", "Cleo",
                                                                    "Dara"]
    # ben 0/2, Cleo 0/3 tie at 0 and keep name order; Ana 2/3; Dara has no plan.
    assert names(sort_rows(rows, "week")) == ["ben", "Cleo", "Ana", "Dara"]
    with pytest.raises(KeyError, match="unknown column"):
        sort_rows(rows, "shoe size")


def test_the_service_reads_the_store_and_is_for_the_clinician_only(store):
    clock = FakeClock(NOW)
    access, clinician, (ana_p, ben_p) = clinic_with_patients(store, clock)
    store.results.add(ana_p.id, k2w("11-20", 8.0, 10.0) + k2w("11-27", 8.5, 10.2))
    sid = store.training.start_session(ana_p.id, [], started_at=at("11-28"))
    store.training.record_set(sid, CompletedSet(0, "calf_raise_step", Side.LEFT, 1,
                                                at("11-28"), at("11-28")))
    store.training.finish_session(sid, SessionStatus.COMPLETED, ended_at=at("11-28"))
    store.training.set_ratings(sid, 5, 6)
    skipped = store.training.start_session(ana_p.id, [], started_at=at("11-29"))
    store.training.record_set(skipped, CompletedSet(
        0, "calf_raise_step", Side.LEFT, 1, at("11-29"), at("11-29"), SetOutcome.SKIPPED))
    store.training.finish_session(skipped, SessionStatus.COMPLETED, ended_at=at("11-29"))
    store.plans.save(ben_p.id, [], sessions_per_week=2)
    from ankle_gui.services.clinic_settings import ClinicSettingsService

    ClinicSettingsService(store, clock).set_programme(clinician, ana_p.id, 4, 2)

    rows = {r.name: r for r in dashboard(store, clinician, clock=clock)}
    assert rows["Ana"].sides[Side.LEFT].change_cm == 0.5
    assert (rows["Ana"].done_7, rows["Ana"].planned_7, rows["Ana"].last_pain) == (1, 4, 5)
    assert rows["Ana"].flag_kinds == {FlagKind.PAIN, FlagKind.PAIN_RULE}
    assert rows["Ben"].planned_28 == 8  # from the saved plan, as no programme was set
    assert rows["Ben"].flag_kinds == {FlagKind.RETEST_DUE}
    assert [r.name for r in dashboard(store, clinician, "pain", True, clock)] == ["Ana", "Ben"]
    with pytest.raises(NotAllowed):
        dashboard(store, access.open_patient("10014821"), clock=clock)


def test_a_red_flag_at_the_latest_test_is_flagged_with_what_it_holds_back():
    # Issue 22 §1: the clinic dashboard flags a "see a clinician first".
    from ankle_gui.core.red_flags import SafetyAnswers
    from ankle_gui.core.screening import ScreeningRecord

    records = ben()
    yes = SafetyAnswers({**SafetyAnswers.all_clear().answers, "calf.left": True,
                         "inflammatory": True})
    flagged = PatientRecords(records.profile, records.results, [], {}, None,
                             screening_records={at("11-20"): ScreeningRecord(at("11-20"), yes)})
    flags = {f.kind: f.reason for f in patient_row(flagged, NOW).flags}
    assert flags[FlagKind.SAFETY] == (
        "Test of 2026-11-20: Left leg: Possible blood clot in the calf (urgent: a doctor "
        "today); held back: every drill, until a doctor has seen the calf. Inflammatory joint "
        "disease; held back: the joint mobilisations and lunges.")
    assert patient_row(flagged, NOW).flags[0].kind is FlagKind.SAFETY     # first in the list
    # An answer of "cleared for full weight" is no flag, and an older test's flag is gone
    # once a later test is clear.
    cleared = SafetyAnswers({**SafetyAnswers.all_clear().answers, "fracture.left": True,
                             "weight_cleared.left": True})
    calm = PatientRecords(records.profile, records.results, [], {}, None,
                          screening_records={at("11-20"): ScreeningRecord(at("11-20"), cleared)})
    assert FlagKind.SAFETY not in patient_row(calm, NOW).flag_kinds
    later = PatientRecords(records.profile, records.results + k2w("11-25", 11.0, 11.4), [],
                           {}, None, screening_records={
                               at("11-20"): ScreeningRecord(at("11-20"), yes),
                               at("11-25"): ScreeningRecord(at("11-25"),
                                                            SafetyAnswers.all_clear())})
    assert FlagKind.SAFETY not in patient_row(later, NOW).flag_kinds
