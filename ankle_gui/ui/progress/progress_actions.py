"""What the Progress page's buttons do: print, save a PDF, export and import CSV.

Each action has a dialog-free core (``*_to`` / ``*_from`` taking a path) that the tests
drive; the dialogs only pick the path and confirm.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QStandardPaths, Signal
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QMessageBox, QToolBar, QWidget

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.clock import Clock, utc_now
from ankle_gui.core.csv_format import MAX_ERRORS_SHOWN, parse_csv
from ankle_gui.core.file_names import file_name
from ankle_gui.store import Store
from ankle_gui.store.exchange import export_csv, import_csv, unknown_profiles
from ankle_gui.store.files import read_bounded, write_file_atomically
from ankle_gui.ui.common import file_dialogs
from ankle_gui.ui.progress.report import (
    MARGIN_MM,
    ReportError,
    ReportRenderer,
    report_content,
    write_pdf,
)


def start_folder() -> Path:
    """Where save dialogs open: the user's Documents folder, or home if there is none."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


class ProgressActions(QObject):
    dataImported = Signal()  # results (and maybe profiles) were added
    saved = Signal(str, Path)  # what ("Report", "CSV file") and where, after a save
    # After a file left the app: audit action ("export", "report"), profile id or None for
    # everyone, and a detail; clinic mode's audit log records it (never the path).
    exported = Signal(str, object, str)

    def __init__(self, store: Store, current, catalogue: Catalogue | None,
                 parent: QWidget, *, clock: Clock = utc_now):
        super().__init__(parent)
        self._clock = clock
        self._store = store
        self._current = current
        self._catalogue = catalogue
        self._parent = parent
        self.range_key = "all"

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
        return start_folder() / file_name(what, who, self._clock().astimezone().date(),
                                          suffix)

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
        printer.setDocName(f"Ankle progress {self._current.profile.name}")
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
        return dialog

    def print_report(self) -> None:
        if self._current.profile is None:
            return
        self.print_preview().exec()

    def export_pdf(self) -> None:
        profile = self._current.profile
        if profile is None:
            return
        path = self.ask_save_path("Save the report as PDF",
                                  self.suggested_path("Ankle report", profile.name, ".pdf"),
                                  "PDF files (*.pdf)")
        if path:
            self.export_pdf_to(path)

    def export_pdf_to(self, path: str | Path) -> bool:
        path = Path(path)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            write_pdf(self._content(), path)
        except (ReportError, OSError) as exc:
            self.inform("The PDF was not saved", str(exc), error=True)
            return False
        self.saved.emit("Report", path)
        self.exported.emit("report", self._current.id, "PDF report")
        return True

    # --- CSV -------------------------------------------------------------------------------------

    def export_csv(self, all_profiles: bool) -> None:
        profile = self._current.profile
        who = "all profiles" if all_profiles or profile is None else profile.name
        path = self.ask_save_path("Export test results as CSV",
                                  self.suggested_path("Ankle results", who, ".csv"),
                                  "CSV files (*.csv)")
        if path:
            self.export_csv_to(path, all_profiles)

    def export_csv_to(self, path: str | Path, all_profiles: bool) -> bool:
        path = Path(path)
        if path.suffix.lower() != ".csv":
            path = path.with_suffix(".csv")
        profile_id = None if all_profiles else self._current.id
        try:
            write_file_atomically(path, export_csv(self._store, profile_id))
        except OSError as exc:
            self.inform("The CSV file was not saved", f"{path}: {exc.strerror or exc}",
                        error=True)
            return False
        self.saved.emit("CSV file", path)
        self.exported.emit("export", profile_id,
                           "CSV, all profiles" if profile_id is None else "CSV")
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
        parsed = parse_csv(data)
        if not parsed.ok:
            shown = parsed.problems[:MAX_ERRORS_SHOWN]
            more = len(parsed.problems) - len(shown)
            text = (f"Nothing was imported: the file ({parsed.delimiter_name}-separated) has "
                    "problems. Fix them and import it again.\n\n"
                    + "\n".join(str(p) for p in shown)
                    + (f"\n\u2026 and {more} more" if more > 0 else ""))
            self.inform("Nothing was imported", text, error=True)
            return False
        new = unknown_profiles(self._store, parsed)
        if new and not self.confirm(
                "Create new profiles?",
                "The file holds results for people who have no profile here yet:\n\n"
                + "\n".join(f"\u2022 {n}" for n in new)
                + "\n\nCreate these profiles and import their results?"):
            self.inform("Nothing was imported", "Nothing was imported; no profile was created.")
            return False
        summary = import_csv(self._store, parsed, create_profiles=True)
        parts = [f"Imported {summary.added} result{'s' if summary.added != 1 else ''} "
                 f"from a {parsed.delimiter_name}-separated file."]
        if summary.already_there:
            parts.append(f"{summary.already_there} were already here and were left as they are.")
        if summary.created_profiles:
            parts.append(f"New profiles: {', '.join(summary.created_profiles)}.")
        self.inform("Import finished", " ".join(parts))
        self.dataImported.emit()
        return True
