"""A clinic with hand-worked patients (now = 2026-11-30 12:00 UTC), for the dashboard tests.

Times are at noon UTC, so the dates read the same in any time zone. Ana, Ben and Cleo are
the cases of tests/services/test_dashboard.py, stored for real; Dara has nothing yet."""

from __future__ import annotations

from datetime import UTC, datetime

from helpers import at, k2w

from ankle_gui.core.assessment import Measurer
from ankle_gui.core.clinic import Role
from ankle_gui.core.records import (
    CompletedSet,
    Phase,
    SessionStatus,
    Side,
)
from ankle_gui.services.clinic_settings import ClinicSettingsService
from ankle_gui.services.patient_access import Access

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
OCTOBER = ["10-03", "10-06", "10-09", "10-12", "10-15", "10-18", "10-21", "10-24"]
NOVEMBER = ["11-01", "11-05", "11-10", "11-20", "11-25", "11-28"]
NAMES = ("Ana", "Ben", "Cleo", "Dara")



def tape(*args, **kwargs):
    """Knee-to-wall results the physio took with a tape: Powden's 1.9 cm margin."""
    return [r._replace(measured_by=Measurer.CLINICIAN, resolution_cm=0.1)
            for r in k2w(*args, **kwargs)]


def trained(store, profile_id: int, day: str, status=SessionStatus.COMPLETED, pain=None,
            effort=None) -> int:
    """A session with a corrective drill done on each ankle in turn."""
    sid = store.training.start_session(profile_id, [], started_at=at(day))
    store.training.record_set(sid, CompletedSet(0, "banded_mob_front", Side.BOTH, 1, at(day),
                                                at(day)))
    store.training.finish_session(sid, status, ended_at=at(day))
    if pain is not None or effort is not None:
        store.training.set_ratings(sid, pain, effort)
    return sid


def fill(store, clinician, clock, patients) -> None:
    ana, ben, cleo, dara = patients
    settings = ClinicSettingsService(store, clock)
    # Ana: left stuck after eight sessions in four weeks, right better, then pain.
    store.results.add(ana.id, tape("10-01", 8.0, 10.5))
    store.results.add(ana.id, tape("10-29", 8.4, 12.6))
    store.results.add(ana.id, tape("10-29", 11.0, phase=Phase.POST))  # warm: not used
    for day in OCTOBER + NOVEMBER:
        trained(store, ana.id, day)
    trained(store, ana.id, "11-29", SessionStatus.STOPPED, pain=6, effort=8)
    settings.set_programme(clinician, ana.id, 3, 4)
    # Ben: one test, a saved plan of 2 a week, no session since he was added.
    store.results.add(ben.id, tape("11-20", 11.0, 11.5))
    store.plans.save(ben.id, [], sessions_per_week=2)
    # Cleo: high pain long ago, mild pain last time, ten quiet days, retest every 2 weeks.
    store.results.add(cleo.id, tape("11-18", 9.0, 9.2))
    trained(store, cleo.id, "11-18", pain=7)
    trained(store, cleo.id, "11-20", pain=3, effort=4)
    settings.set_programme(clinician, cleo.id, 3, 2)


def patient_access(clinic, name: str) -> Access:
    return Access(Role.PATIENT, clinic.patients[name])


def cell(board, name: str, header: str) -> str:
    from ankle_gui.ui.clinic.patient_table import COLUMNS

    model = board.model
    column = [c.header.replace("\n", " ") for c in COLUMNS].index(header)
    for r in range(model.rowCount()):
        if model.data(model.index(r, 0)) == name:
            return model.data(model.index(r, column))
    raise KeyError(name)
