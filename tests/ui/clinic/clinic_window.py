"""Clinic mode's window, for tests/ui/clinic/test_clinic_*.py: a clinic with two patients
(Ana 1001, Ben 1002), clocks moved by hand, the ways in, and a look at everything the
window shows. The fixtures are imported by this folder's conftest.py."""

from __future__ import annotations

import pytest
from helpers import PIN, FakeClock, clinic_with_patients
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from ankle_gui.core.clinic import Role
from ankle_gui.services.patient_access import Access


class Monotonic:
    """The idle watch's monotonic clock, moved on by hand."""

    def __init__(self) -> None:
        self.now = 10_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(name="clock")
def clock_fixture():
    return FakeClock()


@pytest.fixture(name="monotonic")
def monotonic_fixture():
    return Monotonic()


@pytest.fixture(name="patients")
def patients_fixture(store, clock):
    """Clinic mode on (PIN, "Riverside Physio"), Ana with code 10014821, Ben with 10025307."""
    _, _, (ana, ben) = clinic_with_patients(store, clock)
    return ana, ben


@pytest.fixture(name="window")
def window_fixture(qtbot, store, catalogue, cue_services, clock, monotonic, patients):
    """The app's window in clinic mode, at the welcome screen."""
    window = make_window(qtbot, store, catalogue, cue_services, clock, monotonic)
    yield window
    # The clinician may close without the PIN: the suite's clean-up must not be asked it.
    if window.who.in_clinic:
        window.who.set(Access(Role.CLINICIAN))
    window.close()  # while the store is still open: it keeps the window's place


def make_window(qtbot, store, catalogue, cue_services, clock, monotonic):
    from ankle_gui.ui.main_window import MainWindow

    window = MainWindow(store, catalogue, cue_services=cue_services, clock=clock,
                        monotonic=monotonic)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_with_code(qtbot, window, code: str) -> None:
    welcome = window.clinic.welcome
    welcome.patientCodeEdit.setText(code)
    welcome.openPatientButton.click()


def unlock(window, pin: str = PIN):
    """The clinician's button, then the PIN; returns the PIN dialog (closed when right)."""
    window.clinic.welcome.clinicianButton.click()
    dialog = window.clinic.pinDialog
    dialog.pinEdit.setText(pin)
    dialog.unlockButton.click()
    return dialog


def quiet_for(window, monotonic, minutes: float) -> bool:
    """Let ``minutes`` pass with nobody at the keyboard; True if the screen locked."""
    monotonic.advance(minutes * 60)
    return window.clinic.idleWatch.check()


def at_welcome(window) -> bool:
    return window.who.role is Role.WELCOME \
        and window.screens.currentWidget() is window.clinic.welcome


def visible_texts(window) -> str:
    """Every text a person could read: the title, and every shown label, button, field,
    list, table and combo box (all its items) in the window and in any open dialog."""
    texts = [window.windowTitle()]
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for top in shown:
        texts.append(top.windowTitle())
        for widget in [top, *top.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
                texts.append(widget.text())
                texts.append(widget.toolTip())
            elif isinstance(widget, QComboBox):
                texts += [widget.itemText(i) for i in range(widget.count())]
            elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
                model = widget.model()
                for row in range(model.rowCount(QModelIndex())):
                    for col in range(64):  # a list model hides its columnCount
                        index = model.index(row, col)
                        if not index.isValid():
                            break
                        texts.append(str(index.data() or ""))
    return "\n".join(texts)
