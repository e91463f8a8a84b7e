"""Lean reads for the Progress page: tuples straight from SQLite, times already in seconds.

Ten years of daily tests plus 20,000 sets must load in a few tens of milliseconds, so
this skips building full record objects and lets SQLite turn ISO text into seconds.
"""

from __future__ import annotations

from ankle_gui.core.progress_series import Measure, ProfileData, SessionDone, SetDone
from ankle_gui.core.records import Phase, Side
from ankle_gui.store.connection import Database

# julianday() understands our "...+00:00" text; 2440587.5 is the Julian day of 1970-01-01.
_EPOCH = "((julianday({col}) - 2440587.5) * 86400.0)"
# The local calendar day as days since 1970-01-01 (SQLite's 'localtime' knows DST).
_LOCAL_DAY = "CAST(julianday(date({col}, 'localtime')) - 2440587.5 AS INTEGER)"


class ProgressStore:
    def __init__(self, db: Database):
        self._db = db
        self._last: tuple[tuple[int, tuple[int, int, int]], ProfileData] | None = None

    def load(self, profile_id: int) -> ProfileData:
        """The profile's data for the charts and the report. The page shows it again and
        again, and prints it: while nothing was written in between, the last load is
        handed back (with what was worked out from it), not read again."""
        key = (profile_id, self._db.change_stamp())
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        data = self._read(profile_id)
        self._last = (key, data)
        return data

    def _read(self, profile_id: int) -> ProfileData:
        sides = {s.value: s for s in Side}
        phases = {p.value: p for p in Phase}
        measures = [
            Measure(t, sides[side], value, phases[phase], note or "", session_id, 1, day)
            for t, side, value, phase, note, session_id, day in self._db.execute(
                f"SELECT {_EPOCH.format(col='taken_at')}, side, value_cm, phase, note, "
                f"session_id, {_LOCAL_DAY.format(col='taken_at')} FROM test_results "
                "WHERE profile_id = ? AND test = 'knee_to_wall' AND value_cm IS NOT NULL "
                "ORDER BY taken_at, id", [profile_id]).fetchall()
        ]
        # Sets summed per session and side: 20,000 sets become a few thousand rows. A
        # session counts in the week it started, even one that runs past midnight.
        sets = [
            SetDone(t, minutes, sides[side], "completed", count, day)
            for t, minutes, side, count, day in self._db.execute(
                f"SELECT min({_EPOCH.format(col='s.started_at')}), "
                "sum(julianday(s.ended_at) - julianday(s.started_at)) * 1440.0, s.side, "
                f"count(*), {_LOCAL_DAY.format(col='min(s.started_at)')} "
                "FROM completed_sets s JOIN training_sessions t ON t.id = s.session_id "
                "WHERE t.profile_id = ? AND s.outcome != 'skipped' "
                "GROUP BY s.session_id, s.side ORDER BY 1", [profile_id]).fetchall()
        ]
        sessions = [
            SessionDone(t, status, pain, effort, sets_done, day)
            for t, status, pain, effort, sets_done, day in self._db.execute(
                f"SELECT {_EPOCH.format(col='t.started_at')}, t.status, t.pain, t.effort, "
                "(SELECT count(*) FROM completed_sets c WHERE c.session_id = t.id "
                f"AND c.outcome = 'completed'), {_LOCAL_DAY.format(col='t.started_at')} "
                "FROM training_sessions t "
                "WHERE t.profile_id = ? ORDER BY t.started_at", [profile_id]).fetchall()
        ]
        # The clinician's programme decides sessions per week; without one, the saved plan.
        row = self._db.execute(
            "SELECT coalesce((SELECT sessions_per_week FROM programmes WHERE profile_id = ?), "
            "(SELECT sessions_per_week FROM plans WHERE profile_id = ? "
            "ORDER BY created_at DESC, id DESC LIMIT 1))", [profile_id, profile_id]).fetchone()
        return ProfileData(measures, sets, sessions, row[0])
