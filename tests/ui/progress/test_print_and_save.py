"""Print and save like a desktop app: a preview that shows its Print button, the PDF's
margins on the printer, Documents as the start folder with a readable safe name, and a visible
confirmation with a way to open what was saved."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers import TODAY, add_pair, days_ago
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QPageLayout
from PySide6.QtWidgets import QToolBar

from ankle_gui.core.file_names import file_name, safe_part
from ankle_gui.core.records import Side
from ankle_gui.printing.paper import MARGIN_MM
from ankle_gui.ui.common.current_profile import CurrentProfile


@pytest.fixture
def page(wall, qtbot, store, catalogue):
    from ankle_gui.ui.progress.progress_page import ProgressPage

    profile = store.profiles.create("Demo \u2013 Alex")
    add_pair(store, profile.id, days_ago(30), 7.0, 9.0)
    add_pair(store, profile.id, days_ago(2), 8.0, 9.5)
    current = CurrentProfile(store)
    current.set(profile)
    widget = ProgressPage(store, current, catalogue, clock=wall)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# --- print --------------------------------------------------------------------------------------

def test_print_preview_shows_its_whole_toolbar_and_a_readable_page(page, qtbot):
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    dialog = page.actions.print_preview()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    toolbar = dialog.findChild(QToolBar)
    qtbot.waitUntil(lambda: toolbar.width() >= toolbar.sizeHint().width())
    overflow = [w for w in toolbar.children() if w.objectName() == "qt_toolbar_ext_button"]
    assert overflow and not overflow[0].isVisible()  # no "»" hiding the Print button
    print_action = [a for a in toolbar.actions() if a.text() == "Print"][0]
    button = toolbar.widgetForAction(print_action)
    assert button.isVisible() and toolbar.rect().contains(button.geometry())
    assert dialog.width() > 726 and dialog.height() > 515  # the old, cramped size
    room = dialog.screen().availableGeometry()
    assert dialog.height() >= room.height() * 0.85
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview.zoomMode() == QPrintPreviewWidget.ZoomMode.FitToWidth
    dialog.close()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils reads the PDF")
def test_printing_uses_the_same_margins_as_the_pdf(page, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    dialog = page.actions.print_preview()
    qtbot.addWidget(dialog)
    printer = dialog.printer
    margins = printer.pageLayout().margins(QPageLayout.Unit.Millimeter)
    assert [round(m, 1) for m in (margins.left(), margins.top(), margins.right(),
                                  margins.bottom())] == [MARGIN_MM] * 4
    # What the Print button sends, printed to a file, against Save PDF: the text starts at
    # the same place on both pages.
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    dialog.renderer.paint(printer)
    saved = tmp_path / "saved.pdf"
    assert page.actions.export_pdf_to(saved)
    first_printed, first_saved = _top_left(printed), _top_left(saved)
    mm = 72 / 25.4
    assert first_printed[0] == pytest.approx(MARGIN_MM * mm, abs=1.0)
    assert first_printed[1] == pytest.approx(MARGIN_MM * mm, abs=1.5)
    assert first_printed == pytest.approx(first_saved, abs=1.0)
    dialog.close()


def _top_left(pdf: Path) -> tuple[float, float]:
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    boxes = [(float(x), float(y)) for x, y in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"',
                                                           html)]
    return min(x for x, _ in boxes), min(y for _, y in boxes)


# --- where and under what name ------------------------------------------------------------------

class _Asked:
    def __init__(self, answer: Path | None):
        self.answer = answer
        self.suggested: Path | None = None

    def __call__(self, title, suggested, file_filter):
        self.suggested = suggested
        return str(self.answer) if self.answer else ""


def test_save_pdf_starts_in_documents_with_a_readable_name(page, isolated_home):
    documents = isolated_home / "Documents"
    documents.mkdir()
    asked = _Asked(None)
    page.actions.ask_save_path = asked
    page.actions.export_pdf()
    today = TODAY.astimezone().date().isoformat()
    dash = "\u2013"
    assert asked.suggested == documents / f"Ankle report {dash} Demo {dash} Alex {dash} {today}.pdf"
    page.actions.export_csv(all_profiles=False)
    assert asked.suggested.parent == documents
    assert asked.suggested.name == f"Ankle results {dash} Demo {dash} Alex {dash} {today}.csv"
    page.actions.export_csv(all_profiles=True)
    assert asked.suggested.name == f"Ankle results \u2013 all profiles \u2013 {today}.csv"
    assert not page.savedBar.isVisible()  # cancelled: nothing saved, nothing said


def test_without_a_documents_folder_the_dialog_starts_at_home(page, isolated_home):
    assert not (isolated_home / "Documents").exists()
    asked = _Asked(None)
    page.actions.ask_save_path = asked
    page.actions.export_pdf()
    assert asked.suggested.parent == isolated_home
    assert not (isolated_home / "Documents").exists()  # not created behind the user's back


@pytest.mark.parametrize(("name", "expected"), [
    ("Demo \u2013 Alex", "Demo \u2013 Alex"),
    ("Zo\u00eb \u00c5ngstr\u00f6m-M\u00fcller", "Zo\u00eb \u00c5ngstr\u00f6m-M\u00fcller"),
    ("Sam \U0001f9b6\U0001f3fd", "Sam \U0001f9b6\U0001f3fd"),
    ("O'Neil, J. (left)", "O'Neil, J. (left)"),
    ("A/B", "A-B"),
    ("back\\slash", "back-slash"),
    ("Dr: Smith", "Dr - Smith"),
    ('What? "Me" <*>|', "What Me"),
    ("tab\there\nnewline", "tab here newline"),
    ("...", "profile"),
])
def test_file_names_are_safe_without_mangling_ordinary_names(name, expected, tmp_path):
    made = file_name("Ankle report", name, date(2026, 11, 29), ".pdf")
    assert made == f"Ankle report \u2013 {expected} \u2013 2026-11-29.pdf"
    assert not re.search(r'[/\\:*?"<>|\x00-\x1f]', made)
    (tmp_path / made).write_bytes(b"x")  # this file system takes it
    assert (tmp_path / made).read_bytes() == b"x"


def test_a_very_long_name_keeps_the_date_and_fits_the_file_system(tmp_path):
    made = file_name("Ankle report", "\u00e9" * 400, date(2026, 11, 29), ".pdf")
    assert made.endswith(" \u2013 2026-11-29.pdf")
    assert len(made.encode("utf-8")) <= 200
    (tmp_path / made).write_bytes(b"x")
    assert safe_part("  spaced   out  ") == "spaced out"


# --- the confirmation --------------------------------------------------------------------------

class _Opened(QObject):
    """Receives what QDesktopServices would hand to the desktop (Qt's own URL hook)."""

    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened():
    receiver = _Opened()
    QDesktopServices.setUrlHandler("file", receiver, "open")
    yield receiver
    QDesktopServices.unsetUrlHandler("file")


@pytest.mark.parametrize("kind", ["pdf", "csv"])
def test_a_save_is_confirmed_with_ways_to_open_it(page, qtbot, tmp_path, opened, kind):
    from PySide6.QtCore import Qt

    target = tmp_path / f"Ankle \u2013 saved.{kind}"
    page.actions.ask_save_path = _Asked(target)
    if kind == "pdf":
        page.exportPdfButton.click()
    else:
        page.exportThisProfileAction.trigger()
    qtbot.waitUntil(page.savedBar.isVisible)
    assert target.exists()
    text = page.savedBar.message.text()
    assert target.name in text and str(tmp_path) in text
    assert ("Report" if kind == "pdf" else "CSV file") in text
    qtbot.mouseClick(page.savedBar.openButton, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.savedBar.folderButton, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened.urls] == [str(target), str(tmp_path)]
    qtbot.mouseClick(page.savedBar.closeButton, Qt.MouseButton.LeftButton)
    assert not page.savedBar.isVisible()


def test_the_confirmation_goes_when_the_profile_changes(page, qtbot, store, tmp_path):
    page.actions.ask_save_path = _Asked(tmp_path / "r.pdf")
    page.exportPdfButton.click()
    qtbot.waitUntil(page.savedBar.isVisible)
    page._current.set(store.profiles.create("Next patient"))
    assert not page.savedBar.isVisible()


def test_a_failed_save_shows_no_confirmation(page, tmp_path):
    messages = []
    page.actions.inform = lambda title, text, error=False: messages.append(text)
    page.actions.ask_save_path = _Asked(tmp_path / "no such folder" / "r.pdf")
    page.exportPdfButton.click()
    assert messages and "does not exist" in messages[0]
    assert not page.savedBar.isVisible()


# --- the words under the chart agree with it ---------------------------------------------------

def test_a_session_this_week_is_not_called_unplanned(wall, qtbot, store, catalogue):
    from ankle_gui.core.clock import to_utc_iso
    from ankle_gui.core.records import CompletedSet, SessionStatus
    from ankle_gui.ui.progress.progress_page import ProgressPage

    profile = store.profiles.create("New")
    add_pair(store, profile.id, days_ago(0.01), 7.0, 8.0)
    store.plans.save(profile.id, [], 3)
    start = TODAY - timedelta(minutes=30)
    sid = store.training.start_session(profile.id, [], started_at=to_utc_iso(start))
    store.training.record_set(sid, CompletedSet(0, "ankle_3way_mob", Side.LEFT, 1,
                                                to_utc_iso(start),
                                                to_utc_iso(start + timedelta(minutes=4))))
    store.training.finish_session(sid, SessionStatus.COMPLETED,
                                  ended_at=to_utc_iso(start + timedelta(minutes=5)))
    current = CurrentProfile(store)
    current.set(profile)
    page = ProgressPage(store, current, catalogue, clock=wall)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    charts = page.plot.charts
    planned_x, _ = charts.sessions.plannedLine.getData()
    assert planned_x is not None and len(planned_x) > 0      # the chart draws a plan
    assert sum(charts.sessions.doneBars.opts["height"]) == 1           # and one session done
    words = page.adherenceLabel.text()
    assert "not" not in words.lower() and "no training" not in words.lower()
    assert words == "This week so far: 1 of 3 planned."


def test_sessions_without_a_plan_are_counted_in_words(qtbot, store):
    from ankle_gui.core.progress_series import WeekTraining, adherence_words

    weeks = [WeekTraining(week, 0.0, {}, {}, done, None) for week, done in ((1, 2), (2, 1))]
    assert adherence_words(weeks, 0.0).startswith("Sessions done: 3. No number of sessions")
    empty = [WeekTraining(1, 0.0, {}, {}, 0, None)]
    assert adherence_words(empty, 0.0) == "No training sessions done or planned in this range yet."
