"""Lean reads for the Progress page: tuples straight from SQLite, times already in seconds.

Ten years of daily tests plus 20,000 sets must load in a few tens of milliseconds, so
this skips building full record objects and lets SQLite turn ISO text into seconds.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ankle_gui.core.assessment import Measurer, margin_cm
from ankle_gui.core.clock import to_utc_iso
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
        # The last load: (profile, change stamp, from when), and what it read.
        self._last: tuple[int, tuple[int, int, int], float | None, ProfileData] | None = None

    def load(self, profile_id: int, since: float | None = None) -> ProfileData:
        """The profile's data for the charts and the report, from ``since`` on (POSIX
        seconds; None: everything). The page shows it again and again, and prints it: while
        nothing was written in between, the last load is handed back (with what was worked
        out from it) if it reaches back far enough, not read again."""
        stamp = self._db.change_stamp()
        if self._last is not None:
            last_profile, last_stamp, last_since, data = self._last
            if (last_profile, last_stamp) == (profile_id, stamp) and (
                    last_since is None or (since is not None and last_since <= since)):
                return data
        data = self._read(profile_id, since)
        self._last = (profile_id, stamp, since, data)
        return data

    def _read(self, profile_id: int, since: float | None) -> ProfileData:
        sides = {s.value: s for s in Side}
        phases = {p.value: p for p in Phase}
        # Stored times are canonical UTC text, which sorts as time does.
        after = "" if since is None else to_utc_iso(datetime.fromtimestamp(int(since), UTC))
        measures = [
            Measure(t, sides[side], value, phases[phase], note or "", session_id, 1, day,
                    margin_cm(Measurer(who) if who else None, resolution))
            for t, side, value, phase, note, session_id, day, resolution, who
            in self._db.execute(
                f"SELECT {_EPOCH.format(col='taken_at')}, side, value_cm, phase, note, "
                f"session_id, {_LOCAL_DAY.format(col='taken_at')}, resolution_cm, "
                "measured_by FROM test_results "
                "WHERE profile_id = ? AND taken_at >= ? AND test = 'knee_to_wall' "
                "AND value_cm IS NOT NULL ORDER BY taken_at, id", [profile_id, after]).fetchall()
        ]
        # Sets summed per session and side: 20,000 sets become a few thousand rows. A
        # session counts in the week it started, even one that runs past midnight. Only
        # sessions with a set since ``since`` are summed, and of those only the sides whose
        # first set is not earlier (a session resumed days later keeps its first day).
        recent = ("" if since is None else "AND s.session_id IN (SELECT session_id FROM "
                  "completed_sets WHERE started_at >= :after) ")
        sets = [
            SetDone(t, minutes, sides[side], "completed", count, day)
            for t, minutes, side, count, day in self._db.execute(
                f"SELECT min({_EPOCH.format(col='s.started_at')}), "
                "sum(julianday(s.ended_at) - julianday(s.started_at)) * 1440.0, s.side, "
                f"count(*), {_LOCAL_DAY.format(col='min(s.started_at)')} "
                "FROM completed_sets s JOIN training_sessions t ON t.id = s.session_id "
                f"WHERE t.profile_id = :profile AND s.outcome != 'skipped' {recent}"
                "GROUP BY s.session_id, s.side HAVING min(s.started_at) >= :after ORDER BY 1",
                {"profile": profile_id, "after": after}).fetchall()
        ]
        sessions = [
            SessionDone(t, status, pain, effort, sets_done, day)
            for t, status, pain, effort, sets_done, day in self._db.execute(
                f"SELECT {_EPOCH.format(col='t.started_at')}, t.status, t.pain, t.effort, "
                "(SELECT count(*) FROM completed_sets c WHERE c.session_id = t.id "
                f"AND c.outcome = 'completed'), {_LOCAL_DAY.format(col='t.started_at')} "
                "FROM training_sessions t "
                "WHERE t.profile_id = ? AND t.started_at >= ? ORDER BY t.started_at",
                [profile_id, after]).fetchall()
        ]
        # The clinician's programme decides sessions per week; without one, the saved plan.
        # The first session ever: weeks before it had nothing to adhere to.
        row = self._db.execute(
            "SELECT coalesce((SELECT sessions_per_week FROM programmes WHERE profile_id = ?), "
            "(SELECT sessions_per_week FROM plans WHERE profile_id = ? "
            "ORDER BY created_at DESC, id DESC LIMIT 1)), "
            f"(SELECT {_EPOCH.format(col='min(started_at)')} FROM training_sessions "
            "WHERE profile_id = ?), EXISTS (SELECT 1 FROM test_results WHERE profile_id = ? "
            "AND taken_at < ? AND test = 'knee_to_wall' AND value_cm IS NOT NULL)",
            [profile_id, profile_id, profile_id, profile_id, after]).fetchone()
        return ProfileData(measures, sets, sessions, row[0], since=since,
                           first_session_t=row[1], earlier_results=bool(row[2]))
