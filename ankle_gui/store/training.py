"""Training sessions and the sets finished in them."""

from __future__ import annotations

import json
from typing import Any

from ankle_gui.core.clock import Clock, to_utc_iso, utc_now
from ankle_gui.core.records import (
    CompletedSet,
    SessionStatus,
    SetOutcome,
    Side,
    TrainingSession,
)
from ankle_gui.store.connection import Database
from ankle_gui.store.rows import OPTIONAL_FLAG, RowMapper, enum, json_in

SESSIONS = RowMapper(
    TrainingSession,
    ("profile_id", "started_at", "ended_at", "status", "stop_reason", "plan", "note", "pain",
     "effort", "settled_next_day", "settled_asked_at"),
    {"status": enum(SessionStatus), "plan": json_in("plan_json"),
     "settled_next_day": OPTIONAL_FLAG})
SETS = RowMapper(
    CompletedSet,
    ("session_id", "step_index", "drill_id", "side", "round", "part", "reps_done",
     "reps_target", "seconds_done", "seconds_target", "started_at", "ended_at", "outcome"),
    {"side": enum(Side), "outcome": enum(SetOutcome)})


class TrainingStore:
    def __init__(self, db: Database, clock: Clock = utc_now):
        self._db = db
        self._clock = clock

    def start_session(self, profile_id: int, plan: list[dict[str, Any]],
                      started_at: str | None = None) -> int:
        with self._db.atomic():
            return self._db.insert(
                "INSERT INTO training_sessions (profile_id, started_at, status, plan_json) "
                "VALUES (?, ?, 'running', ?)",
                [profile_id, started_at or to_utc_iso(self._clock()), json.dumps(plan)],
            )

    def record_set(self, session_id: int, done: CompletedSet) -> int:
        """Commit one finished set. Returns only once it is durable on disk."""
        with self._db.atomic():
            return self._db.insert(SETS.insert_sql("completed_sets"),
                                   SETS.values(done, session_id=session_id))

    def redo_set(self, session_id: int, done: CompletedSet) -> int:
        """A step done again after going Back: the new attempt replaces the stored one."""
        with self._db.atomic():
            self._db.execute(
                "DELETE FROM completed_sets WHERE session_id = ? AND step_index = ?",
                [session_id, done.step_index])
            return self.record_set(session_id, done)

    def finish_session(self, session_id: int, status: SessionStatus,
                       stop_reason: str | None = None, ended_at: str | None = None) -> None:
        with self._db.atomic():
            self._db.execute(
                "UPDATE training_sessions SET status = ?, stop_reason = ?, "
                "ended_at = max(started_at, ?) WHERE id = ?",
                [status.value, stop_reason, ended_at or to_utc_iso(self._clock()), session_id],
            )

    def set_ratings(self, session_id: int, pain: int | None, effort: int | None) -> None:
        """Store the patient's 0–10 pain and effort for a session (None: skipped)."""
        with self._db.atomic():
            changed = self._db.execute(
                "UPDATE training_sessions SET pain = ?, effort = ? WHERE id = ?",
                [pain, effort, session_id]).rowcount
            if not changed:
                raise KeyError(f"no training session with id {session_id}")

    def set_settled_next_day(self, session_id: int, settled: bool | None,
                             asked_at: str) -> None:
        """The next day's answer (None: skipped); asked once, so it is never asked again."""
        with self._db.atomic():
            changed = self._db.execute(
                "UPDATE training_sessions SET settled_next_day = ?, settled_asked_at = ? "
                "WHERE id = ?", [None if settled is None else int(settled), asked_at,
                                 session_id]).rowcount
            if not changed:
                raise KeyError(f"no training session with id {session_id}")

    def reopen_session(self, session_id: int) -> None:
        """Resume an interrupted session: it is running again, with its sets kept."""
        with self._db.atomic():
            self._db.execute(
                "UPDATE training_sessions SET status = 'running', ended_at = NULL, "
                "stop_reason = NULL WHERE id = ?", [session_id])

    def mark_running_as_interrupted(self, profile_id: int | None = None) -> list[int]:
        """Sessions left 'running' by a crash or power cut become 'interrupted'."""
        where = "status = 'running'" + (" AND profile_id = ?" if profile_id is not None else "")
        params = [profile_id] if profile_id is not None else []
        with self._db.atomic():
            ids = [r[0] for r in self._db.execute(
                f"SELECT id FROM training_sessions WHERE {where}", params).fetchall()]
            for session_id in ids:
                last = self._db.execute(
                    "SELECT max(ended_at) FROM completed_sets WHERE session_id = ?",
                    [session_id]).fetchone()[0]
                self._db.execute(
                    "UPDATE training_sessions SET status = 'interrupted', stop_reason = 'crash', "
                    # max(): a clock set back mid-session must not break the CHECK
                    "ended_at = max(started_at, coalesce(?, started_at)) WHERE id = ?",
                    [last, session_id])
        return ids

    def interrupted_count(self) -> int:
        """Sessions, of any profile, waiting to be resumed or closed."""
        return self._db.count(
            "SELECT count(*) FROM training_sessions WHERE status = 'interrupted'")

    def session(self, session_id: int) -> TrainingSession:
        rows = list(self._db.query("SELECT * FROM training_sessions WHERE id = ?", [session_id]))
        if not rows:
            raise KeyError(f"no training session with id {session_id}")
        return SESSIONS.record(rows[0])

    def sessions(self, profile_id: int, status: SessionStatus | None = None,
                 since: str | None = None) -> list[TrainingSession]:
        where: list[str] = ["profile_id = ?"]
        params: list[Any] = [profile_id]
        if status is not None:
            where.append("status = ?")
            params.append(status.value)
        if since is not None:
            where.append("started_at >= ?")
            params.append(since)
        rows = self._db.query(
            f"SELECT * FROM training_sessions WHERE {' AND '.join(where)} ORDER BY started_at, id",
            params)
        return [SESSIONS.record(r) for r in rows]

    def sets(self, session_id: int) -> list[CompletedSet]:
        rows = self._db.query(
            "SELECT * FROM completed_sets WHERE session_id = ? ORDER BY step_index", [session_id])
        return [SETS.record(r) for r in rows]

    def sets_for_profile(self, profile_id: int, since: str | None = None) -> list[CompletedSet]:
        sql = ("SELECT s.* FROM completed_sets s JOIN training_sessions t ON t.id = s.session_id "
               "WHERE t.profile_id = ?")
        params: list[Any] = [profile_id]
        if since is not None:
            sql += " AND s.started_at >= ?"
            params.append(since)
        return [SETS.record(r) for r in self._db.query(sql + " ORDER BY s.started_at", params)]

    def sets_done_per_session(self, profile_id: int) -> dict[int, int]:
        """Session id → how many of its sets were done (not skipped, not stopped for pain);
        sessions with none are left out."""
        rows = self._db.execute(
            "SELECT s.session_id, count(*) FROM completed_sets s JOIN training_sessions t "
            "ON t.id = s.session_id WHERE t.profile_id = ? AND s.outcome = 'completed' "
            "GROUP BY s.session_id", [profile_id]).fetchall()
        return {int(session_id): int(count) for session_id, count in rows}

    def set_count(self, profile_id: int) -> int:
        return self._db.count(
            "SELECT count(*) FROM completed_sets s JOIN training_sessions t "
            "ON t.id = s.session_id WHERE t.profile_id = ?", [profile_id])
