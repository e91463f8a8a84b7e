"""Helpers shared by the tests: the source tree's folders, results at known times (progress,
report, CSV and CLI tests), the data-safety helpers (time zones, read-only folders), and the
clinic's hand-moved clock and a clinic set up with a PIN and patients."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ankle_gui.core.assessment import Measurer
from ankle_gui.core.clock import to_utc_iso
from ankle_gui.core.records import Measurement, MeasurementKind, Phase, Side

ROOT = Path(__file__).resolve().parents[1]   # the source tree
FIXTURES = ROOT / "tests" / "fixtures"

# The suite's today. No test reads the computer's calendar: the store, the window and the
# command line are handed a clock that starts here (tests/ui/progress/test_fixed_dates.py
# moves it to month ends, a leap day and the clock changes).
TODAY = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


class SteadyClock:
    """Wall time that starts at a fixed moment and moves on with the real seconds a test
    takes: the date is the test's choice, a session's length is still real."""

    def __init__(self, start: datetime = TODAY):
        self._start = start
        self._began = time.monotonic()

    def __call__(self) -> datetime:
        return self._start + timedelta(seconds=time.monotonic() - self._began)


def table_names(db) -> set[str]:
    """The tables of an open store database (``Store.db``)."""
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def open_question(name: str):
    """The question box (a QMessageBox) of this objectName while it is shown, else None:
    found as an outside tool finds it (README, object names)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    shown = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.objectName() == name and w.isVisible()]
    return shown[0] if shown else None


def at(day: str) -> str:
    """Noon UTC on a day of 2026 given as "MM-DD", as the dashboard tests write them."""
    return f"2026-{day}T12:00:00.000000+00:00"


def k2w(day: str, left: float, right: float | None = None, phase=Phase.BASELINE):
    """Knee-to-wall results on that day: left, and right when given."""
    rows = [Measurement(MeasurementKind.KNEE_TO_WALL, Side.LEFT, at(day), left, phase=phase)]
    if right is not None:
        rows.append(Measurement(MeasurementKind.KNEE_TO_WALL, Side.RIGHT, at(day), right,
                                phase=phase))
    return rows


def days_ago(days: float, hour: int = 10) -> datetime:
    """A moment ``days`` before the suite's TODAY, at ``hour`` UTC."""
    return TODAY.replace(hour=hour) - timedelta(days=days)


def ktw(side: Side, when: datetime, value_cm: float, *, phase: Phase = Phase.BASELINE,
        note: str = "", session_id: int | None = None,
        clinician: bool = False) -> Measurement:
    """``clinician``: taken by a clinician with a tape (a 1.9 cm margin); otherwise how it
    was measured is not recorded (2.5 cm)."""
    return Measurement(test=MeasurementKind.KNEE_TO_WALL, side=side, taken_at=to_utc_iso(when),
                       value_cm=value_cm, phase=phase, note=note, session_id=session_id,
                       measured_by=Measurer.CLINICIAN if clinician else None,
                       resolution_cm=0.1 if clinician else None)


def add_pair(store, profile_id: int, when: datetime, left: float, right: float, *,
             note: str = "", phase: Phase = Phase.BASELINE, clinician: bool = False) -> None:
    """Both ankles measured at the same sitting."""
    store.results.add(profile_id, [ktw(Side.LEFT, when, left, note=note, phase=phase,
                                       clinician=clinician),
                                   ktw(Side.RIGHT, when + timedelta(seconds=30), right,
                                       phase=phase, clinician=clinician)])


@contextmanager
def local_timezone(name: str) -> Iterator[None]:
    """Run with the process's local time zone set to ``name`` (POSIX TZ), then put it back."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def can_make_read_only() -> bool:
    return os.geteuid() != 0 or shutil.which("chattr") is not None


@contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """Make ``folder`` unwritable, even for root (who ignores permission bits: use chattr +i)."""
    as_root = os.geteuid() == 0
    if as_root:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    else:
        folder.chmod(0o500)
    try:
        yield
    finally:
        if as_root:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        else:
            folder.chmod(0o700)


@contextmanager
def small_tmpfs(tmp_path: Path, size: str = "2m") -> Iterator[Path]:
    """A real small disk (tmpfs), or a skip where this machine does not allow mounting one
    (CI runs as root, where it does; the simulated tests cover the rest)."""
    import uuid

    import pytest

    where = tmp_path / f"tiny-{uuid.uuid4().hex[:8]}"
    where.mkdir()
    mounted = shutil.which("mount") is not None and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True).returncode == 0
    if not mounted:
        pytest.skip("mounting a tmpfs is not allowed here; the simulated tests cover this")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def leave_free(disk: Path, free: int) -> None:
    """Fill ``disk`` until only ``free`` bytes are left, as a full download folder would."""
    import errno

    with (disk / "filler").open("wb") as fh:
        chunk = bytes(4096)
        try:
            while shutil.disk_usage(disk).free > free:
                fh.write(chunk[:max(1, min(4096, shutil.disk_usage(disk).free - free))])
                fh.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


# --- clinic mode -----------------------------------------------------------------------------

PIN = "470219"  # a test PIN; never one a clinic would pick, never shown by the app


class FakeClock:
    def __init__(self, start: datetime = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float = 0, days: float = 0) -> None:
        self.now += timedelta(seconds=seconds, days=days)


CODE_ENDINGS = ("4821", "5307", "6194", "7250", "8036", "9163")


def code_for(n: int) -> str:
    """The test clinic's n-th patient code (from 1): 10014821, 10025307…"""
    return f"{1000 + n}{CODE_ENDINGS[n - 1]}"


def clinic_with_patients(store, clock, names=("Ana", "Ben")):
    """Clinic mode on with PIN, and one patient per name with codes 10014821, 10025307…"""
    from ankle_gui.services.clinic_pin import ClinicPin
    from ankle_gui.services.patient_access import PatientAccess

    ClinicPin(store, clock).enable(PIN, PIN, clinic_name="Riverside Physio")
    access = PatientAccess(store, clock)
    clinician = access.unlock(PIN)
    patients = []
    for n, name in enumerate(names, start=1):
        profile = store.profiles.create(name, created_at=to_utc_iso(clock()))
        access.set_code(clinician, profile.id, code_for(n))
        patients.append(profile)
    return access, clinician, patients
