"""Test results: every measurement, per side, per profile."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from ankle_gui.core.assessment import Measurer
from ankle_gui.core.clock import Clock, from_utc_iso, to_utc_iso, utc_now
from ankle_gui.core.records import Felt, Measurement, MeasurementKind, Phase, Side
from ankle_gui.core.red_flags import SafetyAnswers
from ankle_gui.core.screening import ScreeningRecord
from ankle_gui.store.connection import Database
from ankle_gui.store.rows import RowMapper, enum, optional_enum

RESULTS = RowMapper(
    Measurement,
    ("profile_id", "session_id", "taken_at", "test", "side", "value_cm", "result",
     "felt_straight", "felt_bent", "phase", "note", "resolution_cm", "measured_by"),
    {"test": enum(MeasurementKind), "side": enum(Side), "felt_straight": optional_enum(Felt),
     "felt_bent": optional_enum(Felt), "phase": enum(Phase),
     "measured_by": optional_enum(Measurer)})


class ResultStore:
    def __init__(self, db: Database, clock: Clock = utc_now):
        self._db = db
        self._clock = clock

    def add(self, profile_id: int, results: list[Measurement]) -> list[int]:
        """Store a whole test (both sides, all parts) at once, or nothing."""
        sql = RESULTS.insert_sql("test_results")
        ids = []
        with self._db.atomic():
            for r in results:
                ids.append(self._db.insert(sql, RESULTS.values(r, profile_id=profile_id)))
        return ids

    def add_missing(self, profile_id: int, results: list[Measurement]) -> int:
        """Insert results not already stored (same time, test, side, phase); returns how many.

        Counted in the table, not with ``cursor.rowcount``: CPython 3.11 gives -1 there for
        an INSERT under a Turkish locale, where "I" is not the capital of "i".
        """
        sql = RESULTS.insert_sql("test_results", or_ignore=True)
        with self._db.atomic():
            before = self.count(profile_id)
            for r in results:
                self._db.execute(sql, RESULTS.values(r, profile_id=profile_id))
            return self.count(profile_id) - before

    def for_profile(self, profile_id: int, test: MeasurementKind | None = None,
                    since: str | None = None, until: str | None = None) -> list[Measurement]:
        where = ["profile_id = ?"]
        params: list[Any] = [profile_id]
        if test is not None:
            where.append("test = ?")
            params.append(test.value)
        if since is not None:
            where.append("taken_at >= ?")
            params.append(since)
        if until is not None:
            where.append("taken_at <= ?")
            params.append(until)
        sql = f"SELECT * FROM test_results WHERE {' AND '.join(where)} ORDER BY taken_at, id"
        return [RESULTS.record(r) for r in self._db.query(sql, params)]

    def for_session(self, session_id: int) -> list[Measurement]:
        rows = self._db.query(
            "SELECT * FROM test_results WHERE session_id = ? ORDER BY taken_at, id", [session_id])
        return [RESULTS.record(r) for r in rows]

    def next_taken_at(self, profile_id: int, now: datetime | None = None) -> str:
        """The time to stamp a new test with: now, or just after this person's latest
        result if the computer's clock has been set back, so a new test never sorts
        before one taken earlier (and never collides with it in the unique index)."""
        stamp = to_utc_iso(now or self._clock())
        latest = self._db.execute("SELECT max(taken_at) FROM test_results WHERE profile_id = ?",
                                  [profile_id]).fetchone()[0]
        if latest is not None and stamp <= latest:
            stamp = to_utc_iso(from_utc_iso(latest) + timedelta(milliseconds=1))
        return stamp

    def add_record(self, profile_id: int, record: ScreeningRecord) -> None:
        """What a test keeps besides its numbers: the safety answers and the fist width."""
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO screening_answers (profile_id, taken_at, answers_json, "
                "fist_width_cm) VALUES (?, ?, ?, ?)",
                [profile_id, record.taken_at, json.dumps(record.safety.to_json()),
                 record.fist_width_cm])

    def records(self, profile_id: int) -> dict[str, ScreeningRecord]:
        """Every test's stored answers, by the time the test was taken."""
        rows = self._db.query(
            "SELECT taken_at, answers_json, fist_width_cm FROM screening_answers "
            "WHERE profile_id = ? ORDER BY taken_at", [profile_id])
        return {r["taken_at"]: ScreeningRecord(
            r["taken_at"], SafetyAnswers.from_json(json.loads(r["answers_json"])),
            r["fist_width_cm"]) for r in rows}

    def count(self, profile_id: int | None = None) -> int:
        if profile_id is None:
            return self._db.count("SELECT count(*) FROM test_results")
        return self._db.count("SELECT count(*) FROM test_results WHERE profile_id = ?",
                              [profile_id])
