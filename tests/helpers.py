"""Small builders for progress, report, CSV and CLI tests: results at known times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ankle_gui.core.clock import to_utc_iso
from ankle_gui.core.records import Measurement, MeasurementKind, Phase, Side


def days_ago(days: float, hour: int = 10) -> datetime:
    now = datetime.now(UTC).replace(hour=hour, minute=0, second=0, microsecond=0)
    return now - timedelta(days=days)


def ktw(side: Side, when: datetime, value_cm: float, *, phase: Phase = Phase.BASELINE,
        note: str = "", session_id: int | None = None) -> Measurement:
    return Measurement(test=MeasurementKind.KNEE_TO_WALL, side=side, taken_at=to_utc_iso(when),
                      value_cm=value_cm, phase=phase, note=note, session_id=session_id)


def add_pair(store, profile_id: int, when: datetime, left: float, right: float, *,
             note: str = "", phase: Phase = Phase.BASELINE) -> None:
    """Both ankles measured at the same sitting."""
    store.results.add(profile_id, [ktw(Side.LEFT, when, left, note=note, phase=phase),
                                   ktw(Side.RIGHT, when + timedelta(seconds=30), right,
                                       phase=phase)])
