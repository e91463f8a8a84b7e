"""Sessions a crash or a quit left unfinished: resume one where it stopped, or close it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.clock import local_display
from ankle_gui.services.patient_access import HOME, Access
from ankle_gui.services.training import close_unfinished
from ankle_gui.store import Store
from ankle_gui.store.unfinished import Unfinished
from ankle_gui.ui.common.widgets import label


def describe(unfinished: Unfinished) -> str:
    why = {"crash": "the app stopped unexpectedly", "quit": "the app was closed"}.get(
        unfinished.stop_reason or "", "it was not finished")
    n_sets, n_drills = unfinished.sets_done, unfinished.drills_planned
    sets = f"{n_sets} set{'s' if n_sets != 1 else ''} saved"
    drills = f"{n_drills} drill{'s' if n_drills != 1 else ''} planned"
    return (f"{unfinished.profile_name} · started {local_display(unfinished.started_at)}\n"
            f"{sets}, {drills}; {why}.")


class InterruptedDialog(QDialog):
    resumeRequested = Signal(int, int)  # session id, profile id

    def __init__(self, store: Store, sessions: list[Unfinished],
                 parent: QWidget | None = None, *, access: Access = HOME):
        super().__init__(parent)
        self.setObjectName("interruptedDialog")
        self.setWindowTitle("Unfinished sessions")
        self.setMinimumWidth(720)
        self._store = store
        self._access = access  # who is at the screen: a patient closes only their own

        self.list = QListWidget()
        self.list.setObjectName("interruptedList")
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self._sessions = list(sessions)  # row n is _sessions[n]
        for unfinished in self._sessions:
            self.list.addItem(QListWidgetItem(describe(unfinished)))
        self.list.setCurrentRow(0)
        self.resumeButton = QPushButton("Resume where it stopped")
        self.resumeButton.setObjectName("resumeSessionButton")
        self.resumeButton.setProperty("role", "primary")
        self.closeSessionButton = QPushButton("Close it (keep what was done)")
        self.closeSessionButton.setObjectName("closeSessionButton")
        self.laterButton = QPushButton("Decide later")
        self.laterButton.setObjectName("laterButton")

        layout = QVBoxLayout(self)
        layout.addWidget(label("A session was not finished", "title"))
        layout.addWidget(label(
            "Every set finished before it stopped is saved. You can carry on from the next "
            "step, or close the session as it is.", "hint"))
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.resumeButton)
        row.addWidget(self.closeSessionButton)
        row.addStretch(1)
        row.addWidget(self.laterButton)
        layout.addLayout(row)

        self.resumeButton.clicked.connect(self._resume)
        self.closeSessionButton.clicked.connect(self._close_selected)
        self.laterButton.clicked.connect(self.reject)

    def selected(self) -> Unfinished | None:
        row = self.list.currentRow()
        return self._sessions[row] if 0 <= row < len(self._sessions) else None

    def _resume(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.accept()
            self.resumeRequested.emit(chosen.session_id, chosen.profile_id)

    def _close_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        # Closed as it stands: same end time and reason, it just no longer asks to be resumed.
        close_unfinished(self._store, chosen.session_id, self._access)
        row = self.list.currentRow()
        self.list.takeItem(row)
        del self._sessions[row]
        if self.list.count() == 0:
            self.accept()
        else:
            self.list.setCurrentRow(0)
