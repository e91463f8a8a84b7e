"""Saved plans and the doses a person prefers for each drill."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from ankle_gui.core.clock import Clock, to_utc_iso, utc_now
from ankle_gui.core.plan import PlanItem
from ankle_gui.store.connection import Database


class PlanStore:
    def __init__(self, db: Database, clock: Clock = utc_now):
        self._db = db
        self._clock = clock

    def save(self, profile_id: int, items: Sequence[PlanItem], sessions_per_week: int = 3) -> int:
        """Keep every version: a physio can see what was prescribed when."""
        with self._db.atomic():
            return self._db.insert(
                "INSERT INTO plans (profile_id, created_at, items_json, sessions_per_week) "
                "VALUES (?, ?, ?, ?)",
                [profile_id, to_utc_iso(self._clock()), json.dumps([i.to_dict() for i in items]),
                 sessions_per_week],
            )

    def current(self, profile_id: int) -> tuple[list[PlanItem], int] | None:
        """The latest plan and its sessions per week, or None if none was ever saved."""
        row = self._db.execute(
            "SELECT items_json, sessions_per_week FROM plans WHERE profile_id = ? "
            "ORDER BY created_at DESC, id DESC LIMIT 1", [profile_id]).fetchone()
        if row is None:
            return None
        return [PlanItem.from_dict(raw) for raw in json.loads(row[0])], row[1]

    def dose_preference(self, profile_id: int, drill_id: str) -> tuple[dict[str, int], str] | None:
        row = self._db.execute(
            "SELECT dose_json, sides FROM drill_preferences WHERE profile_id = ? AND drill_id = ?",
            [profile_id, drill_id]).fetchone()
        return (json.loads(row[0]), row[1]) if row else None

    def remember_dose(self, profile_id: int, drill_id: str, dose: Mapping[str, int],
                      sides: str) -> None:
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO drill_preferences (profile_id, drill_id, dose_json, sides) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(profile_id, drill_id) "
                "DO UPDATE SET dose_json = excluded.dose_json, sides = excluded.sides",
                [profile_id, drill_id, json.dumps(dict(dose)), sides])
