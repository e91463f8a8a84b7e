"""The row mapper that results and training share: every field of a record comes back from its
table as it went in, an enum as itself, a yes/no as a bool, a plan as read-only data."""

from __future__ import annotations

from helpers import TODAY

from ankle_gui.core.assessment import Measurer
from ankle_gui.core.records import (
    CompletedSet,
    Felt,
    Measurement,
    MeasurementKind,
    Phase,
    SessionStatus,
    SetOutcome,
    Side,
)
from ankle_gui.store.results import RESULTS
from ankle_gui.store.rows import RowMapper, enum, json_in, optional_enum

AT = TODAY.isoformat()


def test_a_measurement_comes_back_whole(store, profile):
    full = Measurement(MeasurementKind.KNEE_TO_WALL, Side.LEFT, AT, value_cm=9.5,
                       felt_straight=Felt.BACK, felt_bent=Felt.FRONT, phase=Phase.PRE,
                       note="after a run", resolution_cm=0.5, measured_by=Measurer.CLINICIAN)
    bare = Measurement(MeasurementKind.FIST_SCREEN, Side.RIGHT, AT, result="pass")
    ids = store.results.add(profile.id, [full, bare])
    back = store.results.for_profile(profile.id)
    assert back == [full._replace(id=ids[0], profile_id=profile.id),
                    bare._replace(id=ids[1], profile_id=profile.id)]


def test_a_set_and_its_session_come_back_whole(store, profile):
    session_id = store.training.start_session(profile.id, [{"drill_id": "heel_lifts"}], AT)
    done = CompletedSet(3, "heel_lifts", Side.BOTH, 2, AT, AT, SetOutcome.SKIPPED, "in",
                        reps_done=4, reps_target=12, seconds_done=20.5, seconds_target=45.0)
    set_id = store.training.record_set(session_id, done)
    assert store.training.sets(session_id) == [done._replace(id=set_id, session_id=session_id)]
    store.training.set_settled_next_day(session_id, False, AT)
    session = store.training.session(session_id)
    assert session.status is SessionStatus.RUNNING and session.settled_next_day is False
    assert session.plan == ({"drill_id": "heel_lifts"},)
    assert session.plan[0].get("drill_id") == "heel_lifts"


def test_older_rows_without_a_choice_read_as_none():
    row = {"id": 1, **dict.fromkeys(RESULTS.columns), "test": "knee_to_wall", "side": "left",
           "phase": "baseline", "felt_straight": "", "measured_by": None}
    read = RESULTS.record(row)
    assert read.felt_straight is None and read.measured_by is None and read.test is \
        MeasurementKind.KNEE_TO_WALL


def test_a_field_kept_under_another_name_is_written_and_read_there():
    mapper = RowMapper(dict, ("side", "plan", "felt"),
                       {"side": enum(Side), "plan": json_in("plan_json"),
                        "felt": optional_enum(Felt)})
    assert mapper.insert_sql("t") == "INSERT INTO t (side, plan_json, felt) VALUES (?, ?, ?)"
    assert mapper.insert_sql("t", or_ignore=True).startswith("INSERT OR IGNORE INTO t ")

    class Row:
        side, plan, felt = Side.LEFT, [{"a": 1}], None

    assert mapper.values(Row()) == ["left", '[{"a": 1}]', None]
    assert mapper.values(Row(), side="right")[0] == "right"
    back = mapper.record({"id": 7, "side": "left", "plan_json": '[{"a": 1}]', "felt": "back"})
    assert back == {"id": 7, "side": Side.LEFT, "plan": ({"a": 1},), "felt": Felt.BACK}
