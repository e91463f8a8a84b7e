"""Profiles: one per person, many per clinic PC."""

from __future__ import annotations

from typing import Any

from ankle_gui.core.clock import Clock, to_utc_iso, utc_now
from ankle_gui.core.player_timings import DEFAULT_TIMINGS, PlayerTimings, check_timings
from ankle_gui.core.profile import Profile, clean_profile_name, name_key
from ankle_gui.core.units import Unit
from ankle_gui.store.connection import Database


def _row_to_profile(row: dict[str, Any]) -> Profile:
    return Profile(
        id=row["id"],
        name=row["name"],
        created_at=row["created_at"],
        unit=Unit(row["unit"]),
        fist_width_cm=row["fist_width_cm"],
    )


class ProfileStore:
    def __init__(self, db: Database, clock: Clock = utc_now):
        self._db = db
        self._clock = clock

    def all(self) -> list[Profile]:
        rows = self._db.query("SELECT * FROM profiles ORDER BY name_key, id")
        return [_row_to_profile(r) for r in rows]

    def names(self, excluding_id: int | None = None) -> list[str]:
        return [p.name for p in self.all() if p.id != excluding_id]

    def get(self, profile_id: int) -> Profile:
        rows = list(self._db.query("SELECT * FROM profiles WHERE id = ?", [profile_id]))
        if not rows:
            raise KeyError(f"no profile with id {profile_id}")
        return _row_to_profile(rows[0])

    def by_name(self, name: str) -> Profile | None:
        key = name_key(name)
        rows = list(self._db.query("SELECT * FROM profiles WHERE name_key = ?", [key]))
        if rows:
            return _row_to_profile(rows[0])
        # A name stored before the key left out invisible characters keeps its old key.
        return next((p for p in self.all() if name_key(p.name) == key), None)

    def count(self) -> int:
        return self._db.count("SELECT count(*) FROM profiles")

    def create(self, name: str, unit: Unit = Unit.CM, fist_width_cm: float | None = None,
               created_at: str | None = None) -> Profile:
        """Create a profile; raises ProfileNameError (nothing written) for a bad name."""
        with self._db.atomic():
            clean = clean_profile_name(name, self.names())
            profile_id = self._db.insert(
                "INSERT INTO profiles (name, name_key, created_at, unit, fist_width_cm)"
                " VALUES (?, ?, ?, ?, ?)",
                [clean, name_key(clean), created_at or to_utc_iso(self._clock()), unit.value,
                 fist_width_cm],
            )
            return self.get(profile_id)

    def rename(self, profile_id: int, new_name: str) -> Profile:
        with self._db.atomic():
            clean = clean_profile_name(new_name, self.names(excluding_id=profile_id))
            self._db.execute("UPDATE profiles SET name = ?, name_key = ? WHERE id = ?",
                             [clean, name_key(clean), profile_id])
            return self.get(profile_id)

    def delete(self, profile_id: int) -> None:
        """Delete a profile and, through ON DELETE CASCADE, everything recorded for it."""
        with self._db.atomic():
            self._db.execute("DELETE FROM profiles WHERE id = ?", [profile_id])

    def set_unit(self, profile_id: int, unit: Unit) -> Profile:
        with self._db.atomic():
            self._db.execute("UPDATE profiles SET unit = ? WHERE id = ?", [unit.value, profile_id])
        return self.get(profile_id)

    def set_fist_width(self, profile_id: int, fist_width_cm: float | None) -> Profile:
        with self._db.atomic():
            self._db.execute("UPDATE profiles SET fist_width_cm = ? WHERE id = ?",
                             [fist_width_cm, profile_id])
        return self.get(profile_id)

    def notice_seen(self, profile_id: int) -> bool:
        row = self._db.execute("SELECT notice_seen_at FROM profiles WHERE id = ?",
                               [profile_id]).fetchone()
        return bool(row and row[0])

    def mark_notice_seen(self, profile_id: int) -> None:
        with self._db.atomic():
            self._db.execute("UPDATE profiles SET notice_seen_at = ? WHERE id = ?",
                             [to_utc_iso(self._clock()), profile_id])

    def timings(self, profile_id: int) -> PlayerTimings:
        """This person's pace between sets, or the defaults if they never changed it."""
        row = self._db.execute(
            "SELECT get_ready_s, switch_side_s, wait_for_space FROM player_timings "
            "WHERE profile_id = ?", [profile_id]).fetchone()
        if row is None:
            return DEFAULT_TIMINGS
        return PlayerTimings(row[0], row[1], bool(row[2]))

    def set_timings(self, profile_id: int, get_ready_s: int, switch_side_s: int,
                    wait_for_space: bool) -> PlayerTimings:
        """Store checked timings; raises TimingsError (nothing written) for bad values."""
        clean = check_timings(get_ready_s, switch_side_s, wait_for_space)
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO player_timings (profile_id, get_ready_s, switch_side_s, "
                "wait_for_space) VALUES (?, ?, ?, ?) ON CONFLICT(profile_id) DO UPDATE SET "
                "get_ready_s = excluded.get_ready_s, switch_side_s = excluded.switch_side_s, "
                "wait_for_space = excluded.wait_for_space",
                [profile_id, clean.get_ready_s, clean.switch_side_s, int(clean.wait_for_space)])
        return clean
