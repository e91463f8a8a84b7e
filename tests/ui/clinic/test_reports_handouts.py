"""Home-programme handouts from the dashboard's Reports dialog: for several patients, alone or
with their reports, printed as one job or saved as one PDF each; a patient with no plan is
named and gets none. And the Train page's ratings get the access of whoever is at the screen."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from clinic_window import open_with_code
from PySide6.QtCore import Qt

from ankle_gui.core.clinic import Role
from ankle_gui.core.file_names import file_name
from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import SessionStatus, Side
from ankle_gui.services.session_ratings import ratings_of
from ankle_gui.ui.clinic.reports_dialog import BOTH, HANDOUT, REPORT

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils (pdftotext, pdfinfo) are needed to read the PDF back")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE).group(1))


def named(text: str, name: str) -> bool:
    return re.search(rf"\b{name}\b", text) is not None


def plan(catalogue, n: int):
    drills = [d for d in catalogue if d.runnable][:n]
    return [plan_item_for(catalogue, d.id, Side.BOTH) for d in drills]


@pytest.fixture
def dialog(qtbot, board, clinic, catalogue):
    """The Reports dialog, nobody ticked; Ana has a plan of two drills, Cleo of eight (two
    pages), Ben a saved plan with no drill in it, Dara none at all."""
    clinic.store.plans.save(clinic.patients["Ana"].id, plan(catalogue, 2), sessions_per_week=3)
    clinic.store.plans.save(clinic.patients["Cleo"].id, plan(catalogue, 8))
    dialog = board.actions.reports()
    dialog.noneButton.click()
    return dialog


@pytest.fixture
def folder(tmp_path):
    made = tmp_path / "out"
    made.mkdir()
    return made


def tick(dialog, *names: str) -> None:
    for n in range(dialog.patientList.count()):
        item = dialog.patientList.item(n)
        if item.text() in names:
            item.setCheckState(Qt.CheckState.Checked)


def handout_entries(clinic, action: str = "report") -> list[tuple[int, str]]:
    return [(e.profile_id, e.detail) for e in clinic.access.audit_entries(clinic.clinician)
            if e.action == action and "handout" in e.detail]


def test_the_report_stays_the_choice_until_another_is_made(qtbot, dialog):
    from PySide6.QtWidgets import QRadioButton

    def checked() -> list[str]:
        return [b.objectName() for b in dialog.findChildren(QRadioButton) if b.isChecked()]

    assert dialog.what() == REPORT and checked() == ["whatReportButton"]
    dialog.findChild(QRadioButton, "whatHandoutButton").click()
    assert dialog.what() == HANDOUT and checked() == ["whatHandoutButton"]
    dialog.set_what(BOTH)
    assert dialog.what() == BOTH and checked() == ["whatBothButton"]


@needs_poppler
def test_handouts_save_one_pdf_per_ticked_patient(qtbot, dialog, clinic, folder):
    tick(dialog, "Ana", "Cleo")
    dialog.set_what(HANDOUT)
    written = dialog.save_to(folder)
    day = clinic.clock().astimezone().date()
    assert written == [folder / file_name("Home programme", n, day, ".pdf")
                       for n in ("Ana", "Cleo")]
    assert written[0].name == f"Home programme \u2013 Ana \u2013 {day.isoformat()}.pdf"
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in written)
    for path, name, other in zip(written, ("Ana", "Cleo"), ("Cleo", "Ana"), strict=True):
        text = pdf_text(path)
        assert "Your home programme" in text and "Riverside Physio" in text
        assert named(text, name) and not named(text, other)
        assert day.isoformat() in text  # dated by the clinic's clock, as the file is
    assert pdf_pages(written[1]) == 2
    ana, cleo = clinic.patients["Ana"].id, clinic.patients["Cleo"].id
    assert handout_entries(clinic) == [(cleo, "home-programme handout"),
                                       (ana, "home-programme handout")]
    assert dialog.message.text() == f"Saved 2 handout(s) in {folder}."


@needs_poppler
def test_a_patient_without_a_plan_is_named_and_gets_no_handout(qtbot, dialog, clinic,
                                                               folder):
    tick(dialog, "Ana", "Ben", "Dara")
    dialog.set_what(BOTH)
    written = dialog.save_to(folder)
    day = clinic.clock().astimezone().date()
    assert [p.name for p in written] == [
        file_name("Ankle report", "Ana", day, ".pdf"),
        file_name("Home programme", "Ana", day, ".pdf"),
        file_name("Ankle report", "Ben", day, ".pdf"),
        file_name("Ankle report", "Dara", day, ".pdf")]
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in written)
    assert dialog.message.text() == (f"Saved 3 report(s) and 1 handout(s) in {folder}.\n"
                                     "No plan yet, so no handout for: Ben, Dara.")
    assert dialog.message.property("role") == "ok"
    assert handout_entries(clinic) == [(clinic.patients["Ana"].id, "home-programme handout")]


def test_handouts_only_and_nobody_with_a_plan_saves_nothing(qtbot, dialog, clinic,
                                                            folder):
    tick(dialog, "Ben", "Dara")
    dialog.set_what(HANDOUT)
    assert dialog.save_to(folder) == []
    assert list(folder.iterdir()) == []
    assert dialog.message.text() == ("Nothing was saved.\n"
                                     "No plan yet, so no handout for: Ben, Dara.")
    assert dialog.message.property("role") == "error"
    assert handout_entries(clinic) == []


def a4_printer(path):
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrinter

    from ankle_gui.printing.paper import MARGIN_MM

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                           QPageLayout.Unit.Millimeter)
    return printer


@needs_poppler
def test_printing_both_is_one_job_patient_by_patient(qtbot, dialog, clinic, tmp_path):
    tick(dialog, "Ana", "Ben", "Cleo")
    dialog.set_what(BOTH)
    out = tmp_path / "printed.pdf"
    printer = a4_printer(out)
    # Ana's report and one-page handout, Ben's report, Cleo's report and two-page handout.
    assert dialog.print_on(printer) == 6
    del printer
    assert pdf_pages(out) == 6
    pages = pdf_text(out).split("\f")
    expected = [("Ana", False), ("Ana", True), ("Ben", False), ("Cleo", False),
                ("Cleo", True), ("Cleo", True)]
    for page, (name, is_handout) in zip(pages, expected, strict=False):
        assert named(page, name)
        assert ("home programme" in page) is is_handout
    assert "Page 2 of 2" in pages[5]
    assert dialog.message.text() == ("Sent 3 report(s) and 2 handout(s) (6 page(s)) to the "
                                     "printer.\nNo plan yet, so no handout for: Ben.")
    ana, cleo = clinic.patients["Ana"].id, clinic.patients["Cleo"].id
    assert handout_entries(clinic, "print") == [(cleo, "home-programme handout to a file"),
                                                (ana, "home-programme handout to a file")]


def test_printing_handouts_for_nobody_with_a_plan_starts_no_job(qtbot, dialog, clinic,
                                                                tmp_path):
    tick(dialog, "Dara")
    dialog.set_what(HANDOUT)
    out = tmp_path / "printed.pdf"
    assert dialog.print_on(a4_printer(out)) == 0
    assert not out.exists()
    assert dialog.message.text() == "Nothing was printed.\nNo plan yet, so no handout for: Dara."
    assert handout_entries(clinic) == []


# --- the ratings in clinic mode ----------------------------------------------------------------

def test_the_train_page_asks_the_ratings_with_who_is_at_the_screen(qtbot, window, patients):
    ana, ben = patients
    open_with_code(qtbot, window, "10025307")
    window.show_page("Train")
    page = window.built_page("Train")
    access = page.access()
    assert access.role is Role.PATIENT and access.profile.id == ben.id
    assert access == window.who.access
    sid = window.store.training.start_session(ben.id, [])
    window.store.training.finish_session(sid, SessionStatus.STOPPED)
    dialog = page.ask_ratings(sid)
    dialog.painRating.set_value(4)
    assert dialog.save()
    assert tuple(ratings_of(window.store, sid)) == (4, None)
    # Someone else's session (no screen of the app offers it): the service refuses it.
    other = window.store.training.start_session(ana.id, [])
    window.store.training.finish_session(other, SessionStatus.STOPPED)
    dialog = page.ask_ratings(other)
    dialog.painRating.set_value(2)
    assert not dialog.save()
    assert dialog.message.text() == "Not saved: This session belongs to someone else."
    assert tuple(ratings_of(window.store, other)) == (None, None)
