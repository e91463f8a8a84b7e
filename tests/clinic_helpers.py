"""A clock the clinic tests move by hand, and a clinic set up with a PIN and patients."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

PIN = "470219"  # a test PIN; never one a clinic would pick, never shown by the app


class FakeClock:
    def __init__(self, start: datetime = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float = 0, days: float = 0) -> None:
        self.now += timedelta(seconds=seconds, days=days)


def clinic_with_patients(store, clock, names=("Ana", "Ben")):
    """Clinic mode on with PIN, and one patient per name with codes 1001, 1002…"""
    from ankle_gui.services.clinic_pin import ClinicPin
    from ankle_gui.services.patient_access import PatientAccess

    ClinicPin(store, clock).enable(PIN, PIN, clinic_name="Riverside Physio")
    access = PatientAccess(store, clock)
    clinician = access.unlock(PIN)
    patients = []
    for n, name in enumerate(names, start=1):
        profile = store.profiles.create(name)
        access.set_code(clinician, profile.id, f"{1000 + n}")
        patients.append(profile)
    return access, clinician, patients
