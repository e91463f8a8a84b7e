"""What the Progress page's buttons do: print, save a PDF, export and import CSV.

Each action has a dialog-free core (``*_to`` / ``*_from`` taking a path) that the tests
drive; the dialogs only pick the path and confirm. Every core refuses a path in the data
folder or with a wildcard (services/file_places.py), whoever chose it.

A patient at the clinic's PC picks no path: what they save goes to the clinic's export
folder under a name the app chooses ("Ankle report 2026-12-07.pdf"), and they print on a
printer, never to a file (ui/common/printing.py). Print jobs in clinic mode carry no name.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QStandardPaths, Signal
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QMessageBox, QToolBar, QWidget

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.clinic import Role
from ankle_gui.core.clock import Clock, utc_now
from ankle_gui.core.file_names import file_name, print_job_name
from ankle_gui.printing.paper import MARGIN_MM, ReportError
from ankle_gui.printing.report import ReportRenderer, write_pdf
from ankle_gui.services.errors import ServiceError
from ankle_gui.services.exchange import (
    check_file,
    export_results,
    import_file,
    new_profiles,
    summary_words,
)
from ankle_gui.services.file_places import PatientFiles, SaveRefused, check_save_path
from ankle_gui.services.patient_access import Access
from ankle_gui.services.reports import report_content
from ankle_gui.store import Store
from ankle_gui.store.files import read_bounded, write_file_atomically
from ankle_gui.ui.common import file_dialogs


def start_folder() -> Path:
    """Where save dialogs open: the user's Documents folder, or home if there is none."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def with_suffix(path: Path, suffix: str) -> Path:
    """``path`` ending in ``suffix`` (added, or put in place of another)."""
    if path.suffix.lower() == suffix:
        return path
    try:
        return path.with_suffix(suffix)
    except ValueError:  # no name to put it on: check_save_path says so
        return path


class ProgressActions(QObject):
    dataImported = Signal()  # results (and maybe profiles) were added
    saved = Signal(str, Path)  # what ("Report", "CSV file") and where, after a save
    # After a file left the app: audit action ("export", "report"), profile id or None for
    # everyone, and a detail; clinic mode's audit log records it (never the path).
    exported = Signal(str, object, str)

    def __init__(self, store: Store, current, catalogue: Catalogue | None,
                 parent: QWidget, *, clock: Clock = utc_now, access=None):
        super().__init__(parent)
        self._clock = clock  # wall time: the report's end, file and print job names
        self._store = store
        self._current = current
        self._catalogue = catalogue
        self._parent = parent
        # Who is at the screen (a callable giving an Access); home mode when not given.
        self._access = access or (lambda: Access(Role.HOME))
        self.range_key = "all"

    # --- who is at the screen -------------------------------------------------------------

    @property
    def picks_files(self) -> bool:
        """False for a patient at the clinic's PC: no dialog, the clinic's folder instead."""
        return self._access().permissions.can_choose_files

    @property
    def in_clinic(self) -> bool:
        return self._access().role is not Role.HOME

    def job_name(self, what: str) -> str:
        """The print job's title: no name in clinic mode (the queue lists it for all)."""
        name = self._current.profile.name if self._current.profile else ""
        return print_job_name(what, name, self.today(), neutral=self.in_clinic)

    def today(self) -> date:
        return self._clock().astimezone().date()

    def patient_file(self, what: str, suffix: str) -> Path | None:
        """A new file in the clinic's export folder (None, having said why, if none)."""
        try:
            return PatientFiles(self._store, self._clock).new_file(what, suffix)
        except SaveRefused as exc:
            self.inform("Nothing was saved", str(exc), error=True)
            return None

    def may_save_at(self, path: Path) -> bool:
        """Whether ``path`` may be written; if not, the reason is shown."""
        try:
            check_save_path(self._store, path)
        except SaveRefused as exc:
            self.inform("Nothing was saved", str(exc), error=True)
            return False
        return True

    # --- small seams for tests --------------------------------------------------------------

    def inform(self, title: str, text: str, error: bool = False) -> None:
        box = QMessageBox.warning if error else QMessageBox.information
        box(self._parent, title, text)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self._parent, title, text,
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def suggested_path(self, what: str, who: str, suffix: str) -> Path:
        return start_folder() / file_name(what, who, self.today(), suffix)

    def ask_save_path(self, title: str, suggested: Path, file_filter: str) -> str:
        return file_dialogs.save_file_name(self._parent, title, suggested, file_filter)

    # --- report ----------------------------------------------------------------------------------

    def _content(self):
        return report_content(self._store, self._current.profile, self._catalogue,
                              range_key=self.range_key, now=self._clock().timestamp())

    def print_preview(self):
        """The print preview, sized to show its whole toolbar and a page at a readable zoom;
        printing uses the same margins as the saved PDF."""
        renderer = ReportRenderer(self._content())
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.job_name("Ankle report"))
        printer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                               QPageLayout.Unit.Millimeter)
        dialog = QPrintPreviewDialog(printer, self._parent)
        dialog.printer = printer  # the dialog only borrows it: keep it alive as long
        dialog.renderer = renderer
        dialog.setWindowTitle("Print preview \u2013 one page")
        dialog.paintRequested.connect(renderer.paint)
        screen = (self._parent.screen() if self._parent is not None else None) \
            or QApplication.primaryScreen()
        room = screen.availableGeometry()
        toolbar = dialog.findChild(QToolBar).sizeHint().width() + 40
        width = min(room.width(), max(toolbar, room.width() * 3 // 4))
        height = room.height() * 9 // 10
        dialog.resize(width, height)
        dialog.move(room.x() + (room.width() - width) // 2,
                    room.y() + (room.height() - height) // 2)
        # Page width fills the window: the text reads at about its printed size.
        dialog.findChild(QPrintPreviewWidget).fitToWidth()
        self.print_through(dialog, "report")
        return dialog

    def print_through(self, preview, what: str) -> None:
        """The preview's Print button asks for the printer as ui/common/printing.py says,
        prints, and logs it (clinic mode's audit log keeps every print)."""
        from PySide6.QtPrintSupport import QPrintPreviewWidget

        from ankle_gui.services.file_places import data_folder
        from ankle_gui.ui.common.printing import (
            after_printing,
            ask_printer,
            take_over_print,
            where_it_went,
        )

        def print_it() -> None:
            printer = preview.printer
            if not ask_printer(preview, printer, may_print_to_file=self.picks_files,
                               data_dir=data_folder(self._store),
                               tell=lambda text: self.inform("Nothing was printed", text,
                                                             error=True)):
                return
            preview.findChild(QPrintPreviewWidget).print_()
            after_printing(printer)
            self.exported.emit("print", self._current.id, f"{what} {where_it_went(printer)}")
            preview.accept()

        take_over_print(preview, print_it)

    def print_report(self) -> None:
        if self._current.profile is None:
            return
        self.print_preview().exec()

    def export_pdf(self) -> None:
        profile = self._current.profile
        if profile is None:
            return
        if not self.picks_files:
            path = self.patient_file("Ankle report", ".pdf")
        else:
            path = self.ask_save_path("Save the report as PDF",
                                      self.suggested_path("Ankle report", profile.name, ".pdf"),
                                      "PDF files (*.pdf)")
        if path and not self.export_pdf_to(path) and not self.picks_files:
            Path(path).unlink(missing_ok=True)  # the empty file kept for it in the folder

    def export_pdf_to(self, path: str | Path) -> bool:
        path = with_suffix(Path(path), ".pdf")
        if not self.may_save_at(path):
            return False
        try:
            write_pdf(self._content(), path)
        except (ReportError, OSError) as exc:
            self.inform("The PDF was not saved", str(exc), error=True)
            return False
        self.saved.emit("Report", path)
        self.exported.emit("report", self._current.id, self.saved_detail("PDF report", path))
        return True

    def saved_detail(self, what: str, path: Path) -> str:
        """The audit log's detail: a patient's file is named, to tie it to them (the name
        has no patient's name in it); a path chosen by hand is not."""
        return what if self.picks_files else f"{what}, {path.name}"[:200]

    # --- CSV -------------------------------------------------------------------------------------

    def export_csv(self, all_profiles: bool) -> None:
        profile = self._current.profile
        who = "all profiles" if all_profiles or profile is None else profile.name
        if not self.picks_files:
            path = self.patient_file("Ankle results", ".csv") if not all_profiles else None
        else:
            path = self.ask_save_path("Export test results as CSV",
                                      self.suggested_path("Ankle results", who, ".csv"),
                                      "CSV files (*.csv)")
        if path and not self.export_csv_to(path, all_profiles) and not self.picks_files:
            Path(path).unlink(missing_ok=True)

    def export_csv_to(self, path: str | Path, all_profiles: bool) -> bool:
        path = with_suffix(Path(path), ".csv")
        if not self.may_save_at(path):
            return False
        profile_id = None if all_profiles else self._current.id
        detail = "CSV, all profiles" if profile_id is None else self.saved_detail("CSV", path)
        try:
            export_results(self._store, self._access(), profile_id,
                           lambda data: write_file_atomically(path, data), detail, self._clock)
        except ServiceError as exc:
            self.inform("The CSV file was not saved", str(exc), error=True)
            return False
        except OSError as exc:
            self.inform("The CSV file was not saved", f"{path}: {exc.strerror or exc}",
                        error=True)
            return False
        self.saved.emit("CSV file", path)  # logged by the service, in clinic mode
        return True

    def import_csv(self) -> None:
        path = file_dialogs.open_file_name(self._parent, "Import test results from CSV",
                                           start_folder(), "CSV files (*.csv);;All (*)")
        if path:
            self.import_csv_from(path)

    def import_csv_from(self, path: str | Path) -> bool:
        """Check the whole file, ask before creating profiles, then import it all or nothing."""
        try:
            data = read_bounded(path)  # a wrong choice (a disk image, a device) stops early
        except OSError as exc:
            self.inform("Nothing was imported", f"{path}: {exc.strerror or exc}", error=True)
            return False
        try:
            parsed = check_file(data, Path(path).name)
        except ServiceError as exc:
            self.inform("Nothing was imported", str(exc), error=True)
            return False
        new = new_profiles(self._store, parsed)
        if new and not self.confirm(
                "Create new profiles?",
                "The file holds results for people who have no profile here yet:\n\n"
                + "\n".join(f"\u2022 {n}" for n in new)
                + "\n\nCreate these profiles and import their results?"):
            self.inform("Nothing was imported", "Nothing was imported; no profile was created.")
            return False
        try:
            summary = import_file(self._store, self._access(), parsed, create_profiles=True,
                                  clock=self._clock)
        except ServiceError as exc:
            self.inform("Nothing was imported", str(exc), error=True)
            return False
        self.inform("Import finished", summary_words(summary, parsed.delimiter_name))
        self.dataImported.emit()
        return True
