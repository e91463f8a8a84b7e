"""The programme dialog (plan, sessions per week, retest interval) and the reports of several
patients at once."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from clinic_cases import cell

from ankle_gui.core.file_names import file_name
from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import Side


def test_programme_saves_plan_sessions_and_retest_and_the_dashboard_follows(qtbot, board,
                                                                            clinic):
    ben = clinic.patients["Ben"]
    board.select(ben.id)
    dialog = board.actions.programme()
    assert dialog.sessionsSpin.value() == 2  # from his saved plan, as he has no programme
    assert (dialog.sessionsSpin.minimum(), dialog.sessionsSpin.maximum()) == (1, 14)
    assert (dialog.retestSpin.minimum(), dialog.retestSpin.maximum()) == (1, 52)
    editor = dialog.planEditor
    assert editor.items() == [] and not editor.startPlanButton.isVisible()
    editor.addCombo.setCurrentIndex(0)
    editor.add_selected()
    drill = editor.items()[0].drill_id
    dialog.sessionsSpin.setValue(5)
    dialog.retestSpin.setValue(1)
    with qtbot.waitSignal(board.patientsChanged):
        assert dialog.save()
    items, per_week = clinic.store.plans.current(ben.id)
    assert ([i.drill_id for i in items], per_week) == ([drill], 5)
    programme = clinic.store.clinic.programme(ben.id)
    assert (programme.sessions_per_week, programme.retest_weeks, programme.from_physio) == \
        (5, 1, True)
    assert cell(board, "Ben", "7 days") == "0 of 5"
    assert cell(board, "Ben", "28 days") == "0 of 20"
    # Tested 10 days ago with a retest every week: now due.
    assert "Retest due" in cell(board, "Ben", "Flags")


def test_programme_shows_the_saved_plan_and_changes_the_interval(qtbot, board, clinic,
                                                                 catalogue):
    ana = clinic.patients["Ana"]
    plan = [plan_item_for(catalogue, "banded_mob_front", Side.BOTH)]
    clinic.store.plans.save(ana.id, plan, sessions_per_week=3)
    board.select(ana.id)
    dialog = board.actions.programme()
    assert (dialog.sessionsSpin.value(), dialog.retestSpin.value()) == (3, 4)
    assert dialog.planEditor.items() == plan
    dialog.retestSpin.setValue(8)
    assert dialog.save()
    assert clinic.store.plans.current(ana.id) == (plan, 3)  # unchanged: no new version
    assert "Retest due" not in cell(board, "Ana", "Flags")  # 32 days < 8 weeks


needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils (pdftotext, pdfinfo) are needed to read the PDF back")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.fixture
def reports(qtbot, board, clinic):
    board.select(clinic.patients["Ana"].id)
    dialog = board.actions.reports()
    return dialog


@needs_poppler
def test_reports_save_one_pdf_per_ticked_patient(qtbot, reports, clinic, tmp_path):
    from PySide6.QtCore import Qt

    ticked = [reports.patientList.item(n) for n in range(reports.patientList.count())
              if reports.patientList.item(n).checkState() == Qt.CheckState.Checked]
    assert [i.text() for i in ticked] == ["Ana"]  # the picked row comes ticked
    reports.patientList.item(2).setCheckState(Qt.CheckState.Checked)  # Cleo
    folder = tmp_path / "reports"
    folder.mkdir()
    written = reports.save_to(folder)
    day = clinic.clock().astimezone().date()
    assert written == [folder / file_name("Ankle report", n, day, ".pdf")
                       for n in ("Ana", "Cleo")]
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in written)
    for path, name in zip(written, ("Ana", "Cleo"), strict=True):
        data = path.read_bytes()
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
        assert name in pdf_text(path)
    logged = [(e.action, e.profile_id) for e in clinic.access.audit_entries(clinic.clinician)]
    assert logged[:2] == [("report", clinic.patients["Cleo"].id),
                          ("report", clinic.patients["Ana"].id)]
    assert "Saved 2 report(s)" in reports.message.text()


@needs_poppler
def test_reports_print_all_ticked_patients_as_one_job(qtbot, reports, clinic, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    reports.allButton.click()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert reports.print_on(printer) == 4
    info = subprocess.run(["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True,
                          text=True, check=True).stdout
    assert re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE).group(1) == "4"
    pages = pdf_text(tmp_path / "printed.pdf").split("\f")
    for page, name in zip(pages, ("Ana", "Ben", "Cleo", "Dara"), strict=False):
        assert name in page


def test_reports_with_no_patient_ticked_cannot_start(qtbot, reports):
    reports.noneButton.click()
    assert not reports.saveButton.isEnabled() and not reports.printButton.isEnabled()


def test_two_names_that_make_the_same_file_name_get_a_file_each(qtbot, clinic, catalogue,
                                                                tmp_path):
    from ankle_gui.ui.clinic.reports_dialog import ReportsDialog

    ids = {clinic.store.profiles.create(n).id for n in ("Jo/Ann", "Jo-Ann")}
    dialog = ReportsDialog(clinic.store, catalogue, clinic.clinician, ids, clock=clinic.clock)
    qtbot.addWidget(dialog)
    written = dialog.save_to(tmp_path)
    assert len(written) == 2 and len(set(written)) == 2
    assert all(p.exists() for p in written)
