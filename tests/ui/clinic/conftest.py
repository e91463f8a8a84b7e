"""Clinic mode's window: a clinic with two patients (Ana 1001, Ben 1002) and hand-moved
clocks."""

from __future__ import annotations

import pytest
from clinic_window import Monotonic, make_window
from helpers import FakeClock, clinic_with_patients

from ankle_gui.core.clinic import Role
from ankle_gui.services.patient_access import Access


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def monotonic():
    return Monotonic()


@pytest.fixture
def patients(store, clock):
    """Clinic mode on (PIN, "Riverside Physio"), Ana with code 1001, Ben with 1002."""
    _, _, (ana, ben) = clinic_with_patients(store, clock)
    return ana, ben


@pytest.fixture
def window(qtbot, store, catalogue, cue_services, clock, monotonic, patients):
    window = make_window(qtbot, store, catalogue, cue_services, clock, monotonic)
    yield window
    # The clinician may close without the PIN: the suite's clean-up must not be asked it.
    if window.who.in_clinic:
        window.who.set(Access(Role.CLINICIAN))
    window.close()  # while the store is still open: it keeps the window's place
