"""Sessions a crash or a quit left unfinished: resume one where it stopped, or close it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
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
from ankle_gui.core.records import SessionStatus
from ankle_gui.store import Store
from ankle_gui.ui.widgets import label


@dataclass(frozen=True)
class Unfinished:
    session_id: int
    profile_id: int
    profile_name: str
    started_at: str
    sets_done: int
    drills_planned: int
    stop_reason: str | None

    def describe(self) -> str:
        why = {"crash": "the app stopped unexpectedly", "quit": "the app was closed"}.get(
            self.stop_reason or "", "it was not finished")
        sets = f"{self.sets_done} set{'s' if self.sets_done != 1 else ''} saved"
        drills = f"{self.drills_planned} drill{'s' if self.drills_planned != 1 else ''} planned"
        return (f"{self.profile_name} · started {local_display(self.started_at)}\n"
                f"{sets}, {drills}; {why}.")


def unfinished_sessions(store: Store) -> list[Unfinished]:
    found = []
    for profile in store.profiles.all():
        for session in store.training.sessions(profile.id, SessionStatus.INTERRUPTED):
            found.append(Unfinished(session.id, profile.id, profile.name, session.started_at,
                                    len(store.training.sets(session.id)), len(session.plan),
                                    session.stop_reason))
    return sorted(found, key=lambda u: u.started_at, reverse=True)


class InterruptedDialog(QDialog):
    resumeRequested = Signal(int, int)  # session id, profile id

    def __init__(self, store: Store, sessions: list[Unfinished],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("interruptedDialog")
        self.setWindowTitle("Unfinished sessions")
        self.setMinimumWidth(720)
        self._store = store

        self.list = QListWidget()
        self.list.setObjectName("interruptedList")
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        for unfinished in sessions:
            item = QListWidgetItem(unfinished.describe())
            item.setData(Qt.ItemDataRole.UserRole, unfinished)
            self.list.addItem(item)
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
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _resume(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.accept()
            self.resumeRequested.emit(chosen.session_id, chosen.profile_id)

    def _close_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        session = self._store.training.session(chosen.session_id)
        # Closed as it stands: same end time and reason, it just no longer asks to be resumed.
        self._store.training.finish_session(chosen.session_id, SessionStatus.CLOSED,
                                            stop_reason=session.stop_reason,
                                            ended_at=session.ended_at)
        self.list.takeItem(self.list.currentRow())
        if self.list.count() == 0:
            self.accept()
        else:
            self.list.setCurrentRow(0)
