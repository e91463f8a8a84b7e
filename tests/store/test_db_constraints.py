"""The database's own CHECKs: the second line of defence when a form lets something through."""

from __future__ import annotations

import sqlite3

import pytest

NOW = "2025-06-01T10:00:00.000000+00:00"
LATER = "2025-06-01T10:05:00.000000+00:00"

GOOD = {
    "profiles": {"name": "Zoe", "name_key": "zoe", "created_at": NOW, "fist_width_cm": 10.0,
                 "unit": "cm"},
    "test_results": {"profile_id": 1, "taken_at": NOW, "test": "knee_to_wall", "side": "left",
                     "value_cm": 9.5, "phase": "baseline", "note": ""},
    "training_sessions": {"profile_id": 1, "started_at": NOW, "status": "running",
                          "plan_json": "[]"},
    "completed_sets": {"session_id": 1, "step_index": 0, "drill_id": "calf_raise",
                       "side": "left", "round": 1, "reps_done": 12, "reps_target": 12,
                       "started_at": NOW, "ended_at": LATER, "outcome": "completed"},
    "plans": {"profile_id": 1, "created_at": NOW, "items_json": "[]", "sessions_per_week": 3},
    "drill_preferences": {"profile_id": 1, "drill_id": "calf_raise", "dose_json": "{}",
                          "sides": "both"},
}

BAD = [
    ("profiles", "name", ""), ("profiles", "name", "   "), ("profiles", "name", "x" * 101),
    ("profiles", "name", None), ("profiles", "name_key", None), ("profiles", "name_key", ""),
    ("profiles", "created_at", "yesterday"),
    ("profiles", "created_at", "2025-06-01 10:00:00"),
    ("profiles", "created_at", "2025-06-01T12:00:00+02:00"),
    ("profiles", "fist_width_cm", 0), ("profiles", "fist_width_cm", -3),
    ("profiles", "fist_width_cm", 20.5), ("profiles", "unit", "mm"), ("profiles", "unit", None),
    ("test_results", "test", "sit_and_reach"), ("test_results", "side", "middle"),
    ("test_results", "side", "LEFT"), ("test_results", "value_cm", -0.1),
    ("test_results", "value_cm", 30.01), ("test_results", "value_cm", None),
    ("test_results", "value_cm", float("inf")), ("test_results", "value_cm", float("-inf")),
    ("test_results", "phase", "during"), ("test_results", "taken_at", "not a time"),
    ("test_results", "profile_id", 999), ("test_results", "felt_straight", "sideways"),
    ("test_results", "felt_bent", "up"),
    ("training_sessions", "status", "paused"), ("training_sessions", "stop_reason", "bored"),
    ("training_sessions", "plan_json", "{not json"), ("training_sessions", "profile_id", 999),
    ("training_sessions", "ended_at", "2025-06-01T09:00:00.000000+00:00"),
    ("completed_sets", "step_index", -1), ("completed_sets", "drill_id", ""),
    ("completed_sets", "round", 0), ("completed_sets", "reps_done", -1),
    ("completed_sets", "seconds_done", -0.5), ("completed_sets", "outcome", "failed"),
    ("completed_sets", "ended_at", "2025-06-01T09:59:59.000000+00:00"),
    ("completed_sets", "session_id", 999), ("completed_sets", "side", "both sides"),
    ("plans", "sessions_per_week", 0), ("plans", "sessions_per_week", 15),
    ("plans", "items_json", "[1, 2"), ("drill_preferences", "sides", "all"),
    ("drill_preferences", "dose_json", "reps=12"),
]


def _insert(conn, table: str, row: dict) -> None:
    cols = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values()))


@pytest.fixture
def seeded(store):
    conn = store.db.conn
    for table in ("profiles", "training_sessions"):
        _insert(conn, table, GOOD[table])
    return store


def _count(conn, table: str) -> int:
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.mark.parametrize("table, column, value", BAD,
                         ids=[f"{t}.{c}={v!r}"[:60] for t, c, v in BAD])
def test_check_constraints_refuse_bad_rows(seeded, table, column, value):
    conn = seeded.db.conn
    before = _count(conn, table)
    row = dict(GOOD[table], **{column: value})
    if table == "profiles":
        row.setdefault("name", "Zoe")
        if column != "name":
            row["name"] = "Another"
        if column != "name_key":
            row["name_key"] = "another"
    with pytest.raises(sqlite3.IntegrityError):
        _insert(conn, table, row)
    assert _count(conn, table) == before


@pytest.mark.parametrize("table", [t for t in GOOD if t not in ("profiles", "training_sessions")])
def test_the_good_rows_are_accepted(seeded, table):
    """So each refusal above is about the one bad value, not a broken base row."""
    _insert(seeded.db.conn, table, GOOD[table])
    assert _count(seeded.db.conn, table) == 1


def test_same_name_differing_only_in_case_is_refused(seeded):
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        _insert(seeded.db.conn, "profiles", dict(GOOD["profiles"], name="ZOE"))


def test_the_name_key_index_refuses_a_second_zoe_beyond_ascii(store):
    """COLLATE NOCASE folds ASCII only; the unique index on the key folds all of Unicode."""
    conn = store.db.conn
    _insert(conn, "profiles", dict(GOOD["profiles"], name="Zo\u00eb", name_key="zo\u00eb"))
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        _insert(conn, "profiles", dict(GOOD["profiles"], name="ZO\u00cb", name_key="zo\u00eb"))
    assert _count(conn, "profiles") == 1


def test_same_set_step_twice_is_refused(seeded):
    _insert(seeded.db.conn, "completed_sets", GOOD["completed_sets"])
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        _insert(seeded.db.conn, "completed_sets", GOOD["completed_sets"])


def test_foreign_keys_are_enforced_on_every_connection(store):
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
