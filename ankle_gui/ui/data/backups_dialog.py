"""The Backups window: see the copies, make one, restore one, export and import everything."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.clock import local_display, utc_now
from ankle_gui.services.copies import DataCopies
from ankle_gui.services.errors import ServiceError
from ankle_gui.store import Store
from ankle_gui.store.backups import BackupInfo
from ankle_gui.ui.common import file_dialogs
from ankle_gui.ui.common.widgets import label, set_role

FILE_FILTER = "ankle_gui data (*.sqlite3);;All files (*)"


def human_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class BackupsDialog(QDialog):
    dataReplaced = Signal()  # a restore or import changed everything: pages must re-read

    def __init__(self, store: Store, parent: QWidget | None = None, *,
                 busy_reason: str | None = None, copies: DataCopies | None = None):
        super().__init__(parent)
        self.setObjectName("backupsDialog")
        self.setWindowTitle("Backups")
        self.resize(860, 520)
        # The window passes copies for who is at the screen: in clinic mode they check the
        # clinician's access and log each action.
        self.copies = copies or DataCopies(store)
        self.backups = self.copies.backups

        intro = label(
            "ankle_gui copies your data once a day when it starts, and before every update. "
            "It keeps the last 7 days and 4 weeks. Each copy is checked after it is written. "
            f"They are kept in {self.backups.folder}.", "hint")
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("backupTable")
        self.table.setHorizontalHeaderLabels(["Date", "Kind", "Size", "Profiles"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.message = label("", "ok")
        self.message.setObjectName("backupMessage")

        self.makeButton = QPushButton("Make a backup now")
        self.makeButton.setObjectName("makeBackupButton")
        self.makeButton.setProperty("role", "primary")
        self.restoreButton = QPushButton("Restore this backup…")
        self.restoreButton.setObjectName("restoreBackupButton")
        self.exportButton = QPushButton("Export everything to a file…")
        self.exportButton.setObjectName("exportButton")
        self.importButton = QPushButton("Import a file…")
        self.importButton.setObjectName("importButton")
        self.closeButton = QPushButton("Close")
        buttons = QHBoxLayout()
        for b in (self.makeButton, self.restoreButton, self.exportButton, self.importButton):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.closeButton)

        layout = QVBoxLayout(self)
        layout.addWidget(label("Backups", "title"))
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.busyNote = label(busy_reason or "", "hint")
        self.busyNote.setVisible(bool(busy_reason))
        layout.addWidget(self.busyNote)
        layout.addLayout(buttons)

        self.makeButton.clicked.connect(self.make_backup)
        self.restoreButton.clicked.connect(self._restore_clicked)
        self.exportButton.clicked.connect(self._export_clicked)
        self.importButton.clicked.connect(self._import_clicked)
        self.closeButton.clicked.connect(self.accept)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._busy = bool(busy_reason)
        self.refresh()

    # --- what is shown ---------------------------------------------------------------------
    def refresh(self) -> None:
        self._shown: list[BackupInfo] = self.backups.list()
        self.table.setRowCount(len(self._shown))
        for row, info in enumerate(self._shown):
            count = info.profile_count()
            cells = [local_display(info.taken_at), info.kind_label, human_size(info.size_bytes),
                     "unreadable" if count is None else str(count)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        if self._shown:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self._shown[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        self.restoreButton.setEnabled(self.selected() is not None and not self._busy)
        self.importButton.setEnabled(not self._busy)

    def _say(self, text: str, ok: bool = True) -> None:
        self.message.setText(text)
        set_role(self.message, "ok" if ok else "error")

    # --- actions (public so tests and the window can call them without file dialogs) -------
    def make_backup(self) -> BackupInfo | None:
        try:
            info = self.copies.make_backup()
        except ServiceError as exc:
            self._say(str(exc), ok=False)
            return None
        self.refresh()
        self._say(f"Backup made and checked: {info.path.name}")
        return info

    def restore(self, info: BackupInfo) -> bool:
        return self._replace(self.copies.restore, info,
                             f"Restored the backup of {local_display(info.taken_at)}.")

    def export_to(self, target: Path) -> bool:
        try:
            check = self.copies.export_to(Path(target))
        except ServiceError as exc:
            self._say(str(exc), ok=False)
            return False
        self._say(f"Exported {check.profile_count} profile(s) to {target} and checked the file.")
        return True

    def import_from(self, source: Path) -> bool:
        return self._replace(self.copies.import_from, Path(source),
                             f"Imported {Path(source).name}.")

    def _replace(self, action, what, done: str) -> bool:
        """Restore or import ``what``; the data there before is kept as a backup."""
        try:
            safety = action(what)
        except ServiceError as exc:
            self._say(str(exc), ok=False)
            return False
        self.refresh()
        self._say(f"{done} What was there before is kept as the backup {safety.path.name}.")
        self.dataReplaced.emit()
        return True

    # --- the buttons: confirm or pick a file, then act ---------------------------------------
    def restore_question(self, info: BackupInfo) -> QMessageBox:
        """The question before a restore. A restore rolls back every profile on this
        computer, not only the one in use, so it says so, and Cancel is the default."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Restore this backup?",
                          f"Roll back every profile to {local_display(info.taken_at)}?",
                          parent=self)
        box.setInformativeText(
            "A restore puts back the whole database as it was then: every profile and every "
            "patient, not only the one in use now. Tests, sessions and plans recorded since "
            "then, by anyone, will not be shown.\n\n"
            "They are not lost: everything as it is now is backed up first, and you can "
            "restore that backup later from this window.")
        box.addButton("Restore every profile", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        return box

    def _restore_clicked(self) -> None:
        info = self.selected()
        if info is None:
            return
        box = self.restore_question(info)
        box.exec()
        clicked = box.clickedButton()
        restore = QMessageBox.ButtonRole.DestructiveRole
        if clicked is not None and box.buttonRole(clicked) is restore:
            self.restore(info)

    def _export_clicked(self) -> None:
        suggested = Path.home() / f"ankle_gui-export-{utc_now().astimezone():%Y-%m-%d}.sqlite3"
        target = file_dialogs.save_file_name(self, "Export all data", suggested, FILE_FILTER)
        if target:
            self.export_to(Path(target))

    def _import_clicked(self) -> None:
        source = file_dialogs.open_file_name(self, "Import a data file", Path.home(),
                                             FILE_FILTER)
        if not source:
            return
        answer = QMessageBox.question(
            self, "Replace all data with this file?",
            f"Replace everything in ankle_gui with the contents of {Path(source).name}?\n\n"
            "This replaces every profile on this computer, not only the one in use. The file "
            "is checked first, and everything as it is now is backed up before anything "
            "changes, so you can restore it from this window.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.import_from(Path(source))
