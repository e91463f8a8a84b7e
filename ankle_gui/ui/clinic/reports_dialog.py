"""Reports for several patients at once: the Progress page's one-page report for each one
ticked, printed in one go or saved as one PDF per patient into a folder."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.clock import utc_now
from ankle_gui.core.file_names import file_name
from ankle_gui.core.profile import Profile
from ankle_gui.services.patient_access import Access, PatientAccess, require
from ankle_gui.store.store import Store
from ankle_gui.ui.common.widgets import label, set_role
from ankle_gui.ui.progress.progress_actions import start_folder


class ReportsDialog(QDialog):
    def __init__(self, store: Store, catalogue: Catalogue, access: Access,
                 ticked: set[int] | None = None, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = utc_now):
        super().__init__(parent)
        self.setObjectName("reportsDialog")
        self.setWindowTitle("Reports for several patients")
        self.resize(520, 560)
        require(access, access.permissions.can_export_all, "print reports of several patients")
        self._store, self._catalogue, self._access = store, catalogue, access
        self._log = PatientAccess(store, clock)
        self._clock = clock

        self.patientList = QListWidget()
        self.patientList.setObjectName("reportPatientList")
        for profile in store.profiles.all():
            item = QListWidgetItem(profile.name)
            item.setData(Qt.ItemDataRole.UserRole, profile.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if profile.id in (ticked or set())
                               else Qt.CheckState.Unchecked)
            self.patientList.addItem(item)
        self.allButton = QPushButton("Tick all")
        self.noneButton = QPushButton("Tick none")
        self.printButton = QPushButton("Print…")
        self.printButton.setObjectName("printReportsButton")
        self.saveButton = QPushButton("Save PDFs to a folder…")
        self.saveButton.setObjectName("saveReportsButton")
        self.saveButton.setProperty("role", "primary")
        self.closeButton = QPushButton("Close")
        self.message = label("", "hint")
        self.message.setObjectName("reportsMessage")

        ticks = QHBoxLayout()
        ticks.addWidget(self.allButton)
        ticks.addWidget(self.noneButton)
        ticks.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.printButton)
        actions.addWidget(self.saveButton)
        actions.addStretch(1)
        actions.addWidget(self.closeButton)
        layout = QVBoxLayout(self)
        layout.addWidget(label("Tick the patients whose one-page progress report you want. "
                               "Each is the same report as on that patient's Progress page, "
                               "over all their results.", "hint"))
        layout.addWidget(self.patientList, 1)
        layout.addLayout(ticks)
        layout.addWidget(self.message)
        layout.addLayout(actions)

        self.allButton.clicked.connect(lambda: self._tick_all(Qt.CheckState.Checked))
        self.noneButton.clicked.connect(lambda: self._tick_all(Qt.CheckState.Unchecked))
        self.printButton.clicked.connect(self._print_clicked)
        self.saveButton.clicked.connect(self._save_clicked)
        self.closeButton.clicked.connect(self.accept)
        self.patientList.itemChanged.connect(lambda _item: self._update_buttons())
        self._update_buttons()

    # --- which patients -----------------------------------------------------------------------
    def chosen(self) -> list[Profile]:
        ids = [self.patientList.item(n).data(Qt.ItemDataRole.UserRole)
               for n in range(self.patientList.count())
               if self.patientList.item(n).checkState() == Qt.CheckState.Checked]
        return [self._store.profiles.get(pid) for pid in ids]

    def _tick_all(self, state: Qt.CheckState) -> None:
        for n in range(self.patientList.count()):
            self.patientList.item(n).setCheckState(state)

    def _update_buttons(self) -> None:
        some = any(self.patientList.item(n).checkState() == Qt.CheckState.Checked
                   for n in range(self.patientList.count()))
        self.printButton.setEnabled(some)
        self.saveButton.setEnabled(some)

    def _say(self, text: str, ok: bool = True) -> None:
        self.message.setText(text)
        set_role(self.message, "ok" if ok else "error")

    def _content(self, profile: Profile):
        from ankle_gui.ui.progress.report import report_content

        return report_content(self._store, profile, self._catalogue, range_key="all",
                              now=time.time())

    # --- saving and printing (public, so tests need no file or print dialog) ---------------
    def save_to(self, folder: Path) -> list[Path]:
        """One PDF per ticked patient in ``folder``; stops at the first that fails."""
        from ankle_gui.ui.progress.report import ReportError, write_pdf

        folder = Path(folder)
        day = self._clock().astimezone().date()
        written: list[Path] = []
        for profile in self.chosen():
            path = folder / file_name("Ankle report", profile.name, day, ".pdf")
            if path in written:  # "A/B" and "A-B" make the same file name: keep both
                path = path.with_stem(f"{path.stem} ({profile.id})")
            try:
                write_pdf(self._content(profile), path)
            except (ReportError, OSError) as exc:
                done = f" The {len(written)} before it were saved." if written else ""
                self._say(f"The report of {profile.name} was not saved: {exc}{done}", ok=False)
                return written
            self._log.record(self._access, "report", profile.id, "PDF")
            written.append(path)
        self._say(f"Saved {len(written)} report(s) in {folder}.")
        return written

    def print_on(self, printer) -> int:
        """Every ticked patient's report on ``printer``, one page each, as one print job."""
        from PySide6.QtGui import QPainter

        from ankle_gui.ui.progress.report import ReportError, ReportRenderer

        profiles = self.chosen()
        laid = [ReportRenderer(self._content(p)).layout(printer) for p in profiles]
        rect = printer.pageLayout().paintRectPixels(printer.logicalDpiX())
        page = QRectF(0, 0, rect.width(), rect.height())
        painter = QPainter()
        if not painter.begin(printer):
            raise ReportError("Could not start printing.")
        try:
            for n, layout in enumerate(laid):
                if n:
                    printer.newPage()
                painter.save()
                painter.setClipRect(page)
                layout.document.drawContents(painter, page)
                painter.restore()
        finally:
            painter.end()
        for profile in profiles:
            self._log.record(self._access, "report", profile.id, "printed")
        self._say(f"Sent {len(profiles)} report(s) to the printer.")
        return len(profiles)

    def _save_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Save the reports in this folder",
                                                  str(start_folder()))
        if folder:
            self.save_to(Path(folder))

    def _print_clicked(self) -> None:
        from PySide6.QtCore import QMarginsF
        from PySide6.QtGui import QPageLayout
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from ankle_gui.ui.progress.report import MARGIN_MM, ReportError

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName("Ankle progress reports")
        printer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                               QPageLayout.Unit.Millimeter)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.print_on(printer)
        except ReportError as exc:
            self._say(str(exc), ok=False)
