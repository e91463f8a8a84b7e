"""What the Progress page's buttons do: print, save a PDF, export and import CSV.

Each action has a dialog-free core (``*_to`` / ``*_from`` taking a path) that the tests
drive; the dialogs only pick the path and confirm.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.csv_format import MAX_ERRORS_SHOWN, parse_csv
from ankle_gui.store import Store
from ankle_gui.store.exchange import export_csv, import_csv, unknown_profiles
from ankle_gui.store.files import read_bounded


def _safe_file_stem(name: str) -> str:
    keep = "".join(ch if ch.isalnum() or ch in "-_ " else "_" for ch in name).strip()
    return (keep or "profile")[:60].replace(" ", "_")


class ProgressActions(QObject):
    dataImported = Signal()  # results (and maybe profiles) were added

    def __init__(self, store: Store, current, catalogue: Catalogue | None,
                 parent: QWidget):
        super().__init__(parent)
        self._store = store
        self._current = current
        self._catalogue = catalogue
        self._parent = parent
        self.range_key = "all"
        self.last_message = ""

    # --- small seams for tests --------------------------------------------------------------

    def inform(self, title: str, text: str, error: bool = False) -> None:
        self.last_message = text
        box = QMessageBox.warning if error else QMessageBox.information
        box(self._parent, title, text)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self._parent, title, text,
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _documents(self) -> str:
        return QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)

    # --- report ----------------------------------------------------------------------------------

    def _content(self):
        from ankle_gui.ui.report import report_content

        return report_content(self._store, self._current.profile, self._catalogue,
                              range_key=self.range_key, now=time.time())

    def print_report(self) -> None:
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from ankle_gui.ui.report import ReportRenderer

        if self._current.profile is None:
            return
        renderer = ReportRenderer(self._content())
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"Ankle progress {self._current.profile.name}")
        dialog = QPrintPreviewDialog(printer, self._parent)
        dialog.setWindowTitle("Print preview \u2013 one page")
        dialog.paintRequested.connect(renderer.paint)
        dialog.exec()

    def export_pdf(self) -> None:
        profile = self._current.profile
        if profile is None:
            return
        suggested = str(Path(self._documents()) / f"ankle_progress_{_safe_file_stem(profile.name)}"
                        f"_{time.strftime('%Y-%m-%d')}.pdf")
        path, _ = QFileDialog.getSaveFileName(self._parent, "Save the report as PDF", suggested,
                                              "PDF files (*.pdf)")
        if path:
            self.export_pdf_to(path)

    def export_pdf_to(self, path: str | Path) -> bool:
        from ankle_gui.ui.report import ReportError, write_pdf

        path = Path(path)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            write_pdf(self._content(), path)
        except (ReportError, OSError) as exc:
            self.inform("The PDF was not saved", str(exc), error=True)
            return False
        self.last_message = f"Saved {path}"
        return True

    # --- CSV -------------------------------------------------------------------------------------

    def export_csv(self, all_profiles: bool) -> None:
        profile = self._current.profile
        stem = "all_profiles" if all_profiles or profile is None else \
            _safe_file_stem(profile.name)
        suggested = str(Path(self._documents()) / f"ankle_results_{stem}.csv")
        path, _ = QFileDialog.getSaveFileName(self._parent, "Export test results as CSV",
                                              suggested, "CSV files (*.csv)")
        if path:
            self.export_csv_to(path, all_profiles)

    def export_csv_to(self, path: str | Path, all_profiles: bool) -> bool:
        path = Path(path)
        if path.suffix.lower() != ".csv":
            path = path.with_suffix(".csv")
        profile_id = None if all_profiles else self._current.id
        try:
            path.write_bytes(export_csv(self._store, profile_id))
        except OSError as exc:
            self.inform("The CSV file was not saved", f"{path}: {exc.strerror or exc}",
                        error=True)
            return False
        self.last_message = f"Saved {path}"
        return True

    def import_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._parent, "Import test results from CSV",
                                              self._documents(), "CSV files (*.csv);;All (*)")
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
            text = ("Nothing was imported: the file has problems. Fix them and import it "
                    "again.\n\n" + "\n".join(str(p) for p in shown)
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
        parts = [f"Imported {summary.added} result{'s' if summary.added != 1 else ''}."]
        if summary.already_there:
            parts.append(f"{summary.already_there} were already here and were left as they are.")
        if summary.created_profiles:
            parts.append(f"New profiles: {', '.join(summary.created_profiles)}.")
        self.inform("Import finished", " ".join(parts))
        self.dataImported.emit()
        return True
