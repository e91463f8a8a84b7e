"""The fixtures of the dashboard tests: a clinic of hand-worked patients (clinic_cases.py)
and the dashboard over it. Tests import helpers from clinic_cases, never from conftest: in a
whole run, "conftest" can be another folder's."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from clinic_cases import NAMES, NOW, at, fill

# The window's clinic mode (tests/ui/clinic/test_clinic_*.py): its fixtures live with it.
from clinic_window import (  # noqa: F401 (fixtures, by the names they declare)
    clock_fixture,
    monotonic_fixture,
    patients_fixture,
    window_fixture,
)
from helpers import PIN, FakeClock, code_for

from ankle_gui.services.clinic_pin import ClinicPin
from ankle_gui.services.patient_access import PatientAccess
from ankle_gui.ui.common.who_is_here import WhoIsHere


@pytest.fixture(autouse=True)
def no_robot_outlives_its_test():
    """A dialog robot still polling would answer the next test's dialogs."""
    yield
    from dialog_robot import DialogRobot

    DialogRobot.stop_all()


@pytest.fixture
def clinic(store):
    clock = FakeClock(NOW)
    ClinicPin(store, clock).enable(PIN, PIN, clinic_name="Riverside Physio")
    access = PatientAccess(store, clock)
    clinician = access.unlock(PIN)
    created = {"Ana": "10-01", "Ben": "11-10", "Cleo": "11-01", "Dara": "11-29"}
    patients = []
    for n, name in enumerate(NAMES, start=1):
        profile = store.profiles.create(name, created_at=at(created[name]))
        access.set_code(clinician, profile.id, code_for(n))
        patients.append(profile)
    fill(store, clinician, clock, patients)
    return SimpleNamespace(store=store, clock=clock, access=access, clinician=clinician,
                           who=WhoIsHere(clinician),
                           patients=dict(zip(NAMES, patients, strict=True)))


@pytest.fixture
def board(qtbot, clinic, catalogue):
    from ankle_gui.ui.clinic.dashboard_page import PatientsDashboard

    widget = PatientsDashboard(clinic.store, catalogue, clinic.who, clock=clinic.clock)
    # The print dialog is Cancel here (a code slip after New patient, say); the tests that
    # print put their own printer in (test_code_slip.py).
    widget.printers_asked = []
    widget.actions.ask_printer = lambda printer: widget.printers_asked.append(printer) and False
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    return widget
