"""Issue 21 §4 on a real CUPS queue (cups-pdf): a patient's report printed in clinic mode
goes through the app's print path (the preview's Print, Qt's print dialog, the queue) under
a neutral job title, so neither the queue's list nor the file cups-pdf writes names them.

Skips only where there is no cups-pdf queue (the reason says so); on CI .ci/run sets one up
and ANKLE_GUI_REQUIRE_REAL_PRINTER makes a missing queue a failure."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest
from clinic_window import Monotonic, make_window, open_with_code
from dialog_robot import DialogRobot, print_on, shown
from helpers import FakeClock, add_pair, days_ago
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog

from ankle_gui.core.clinic import Role
from ankle_gui.services.patient_access import Access

pytestmark = [pytest.mark.real_printer, pytest.mark.timeout(180)]

# A day no other test prints on, so that the job's file is found by its neutral title alone.
PRINT_DAY = datetime(2033, 7, 19, 9, 0, tzinfo=UTC)


@pytest.fixture
def queue(qapp):
    from real_printer import QUEUE, missing

    reason = missing()
    if reason:
        if os.environ.get("ANKLE_GUI_REQUIRE_REAL_PRINTER"):
            pytest.fail(reason)
        pytest.skip(reason)
    return QUEUE


def test_a_patients_print_job_has_a_neutral_title(qtbot, store, catalogue, cue_services,
                                                   patients, queue):
    from real_printer import PrintJob

    ben = patients[1]
    add_pair(store, ben.id, days_ago(3), 9.0, 10.5)
    window = make_window(qtbot, store, catalogue, cue_services, FakeClock(PRINT_DAY),
                         Monotonic())
    job = PrintJob(token="Ankle_report_2033-07-19")
    job.remove()
    try:
        open_with_code(qtbot, window, "10025307")
        window.show_page("Progress")
        robot = DialogRobot([
            (QPrintPreviewDialog,
             lambda d: d.findChild(QAction, "previewPrintAction").trigger()),
            (QPrintDialog, print_on(queue)),
        ]).start()
        window.built_page("Progress").printButton.click()
        assert robot.finished and robot.left_open == [] and not shown(QPrintPreviewDialog)
        printed = job.wait()
        assert "Ben" not in printed.name
        entry = store.clinic.audit_entries()[0]
        assert (entry.actor, entry.action, entry.profile_id, entry.detail) == (
            "patient", "print", ben.id, f"report on {queue}")
    finally:
        job.remove()
        window.who.set(Access(Role.CLINICIAN))
        window.close()
