"""Pain and effort after a session: two 0–10 rows of big buttons, either may be left out.

Opened with ``open()`` (never ``exec()``): it waits for the person without holding up the
event loop, and the session's sets and end are already on disk when it shows. Only **Save**
stores anything; **Skip**, Esc, closing the window or having it closed for them (the clinic's
idle lock closes every dialog) store nothing at all. Keys: 0–9 pick a value in the row that
has the focus, Left/Right step it, Home/End pick 0/10, Up/Down (or Tab) change rows, Enter
saves.

In clinic mode the opener gives the access of whoever is at the screen, and the service
checks it: a patient stores ratings only for a session of their own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.services.errors import ServiceError
from ankle_gui.services.patient_access import Access
from ankle_gui.services.session_ratings import EFFORT_QUESTION, PAIN_QUESTION, rate_session
from ankle_gui.store import Store, StoreError
from ankle_gui.ui.common.style import ACCENT
from ankle_gui.ui.common.widgets import label

BUTTON_SIZE = 58  # px: easy to hit from a metre away, eleven fit in a 1366-px window
# The chosen number must stand out from across the room, not only to the mouse.
CHOSEN_STYLE = (f"QPushButton:checked {{ background: {ACCENT}; color: white; "
                "border: 2px solid #003c5f; }")
ENDS = {"pain": ("no pain", "worst pain"), "effort": ("very easy", "as hard as can be")}


class RatingRow(QWidget):
    """One question's eleven checkable buttons, 0 to 10; none checked means no answer."""

    changed = Signal()

    def __init__(self, name: str, question: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(f"#{name} {{ border: 2px solid transparent; }}")
        self.setAccessibleName(question)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)   # so a second click on the chosen value clears it
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        # The question without its "(0 = …, 10 = …)": the ends are written under the row.
        column.addWidget(label(question.split(" (")[0], "subtitle"))
        row = QHBoxLayout()
        row.setSpacing(6)
        for value in range(11):
            button = QPushButton(str(value))
            button.setObjectName(f"{name}{value}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # the row takes the keys
            button.setFixedSize(BUTTON_SIZE, BUTTON_SIZE)
            font = button.font()
            font.setPointSize(18)
            font.setBold(True)
            button.setFont(font)
            button.setAccessibleName(f"{value} of 10")
            button.setStyleSheet(CHOSEN_STYLE)
            self.group.addButton(button, value)
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        low, high = ENDS.get(name.removesuffix("Rating"), ("", ""))
        ends = QHBoxLayout()
        ends.addWidget(label(f"0 = {low}", "hint", wrap=False))
        ends.addStretch(1)
        ends.addWidget(label(f"10 = {high}", "hint", wrap=False))
        ends.addSpacing(8)
        column.addLayout(ends)
        self.group.idClicked.connect(self._clicked)

    @property
    def value(self) -> int | None:
        checked = self.group.checkedId()
        return checked if checked >= 0 else None

    def set_value(self, value: int | None) -> None:
        for button in self.group.buttons():
            button.setChecked(self.group.id(button) == value)
        self.changed.emit()

    def _clicked(self, value: int) -> None:
        self.set_value(value if self.group.button(value).isChecked() else None)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        key, text = event.key(), event.text()
        current = self.value
        if text.isdigit() and len(text) == 1:
            self.set_value(int(text))
        elif key == Qt.Key.Key_Right:
            self.set_value(0 if current is None else min(10, current + 1))
        elif key == Qt.Key.Key_Left:
            self.set_value(0 if current is None else max(0, current - 1))
        elif key == Qt.Key.Key_Home:
            self.set_value(0)
        elif key == Qt.Key.Key_End:
            self.set_value(10)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_value(None)
        elif key == Qt.Key.Key_Down:
            self.focusNextChild()
        elif key == Qt.Key.Key_Up:
            self.focusPreviousChild()
        else:
            super().keyPressEvent(event)

    # The row with the keyboard is framed, so digits typed from afar go where expected.
    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.setStyleSheet(f"#{self.objectName()} {{ border: 2px solid #1d4ed8; "
                           "border-radius: 8px; }")
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.setStyleSheet(f"#{self.objectName()} {{ border: 2px solid transparent; }}")
        super().focusOutEvent(event)


class RatingsDialog(QDialog):
    """Asks the two ratings of one ended session; emits ``stored`` after a save."""

    stored = Signal(int)   # the session id

    def __init__(self, store: Store, session_id: int, parent: QWidget | None = None, *,
                 access: Access | None = None):
        super().__init__(parent)
        self.setObjectName("ratingsDialog")
        self.setWindowTitle("How was it?")
        self._store = store
        self._access = access   # checked by rate_session when given
        self.session_id = session_id
        self.error = ""
        self.painRating = RatingRow("painRating", PAIN_QUESTION)
        self.effortRating = RatingRow("effortRating", EFFORT_QUESTION)
        self.message = label("", "hint")
        self.message.setObjectName("ratingsMessage")
        self.saveButton = QPushButton("Save")
        self.saveButton.setObjectName("saveRatingsButton")
        self.saveButton.setProperty("role", "primary")
        self.saveButton.setDefault(True)
        self.skipButton = QPushButton("Skip")
        self.skipButton.setObjectName("skipRatingsButton")
        self.skipButton.setToolTip("Store no rating for this session (Esc)")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 16, 22, 16)
        layout.addWidget(label("Two quick questions about this session", "title"))
        layout.addWidget(label("Tap a number, or type it. Leave a row empty to skip that "
                               "question.", "hint"))
        layout.addWidget(self.painRating)
        layout.addWidget(self.effortRating)
        layout.addWidget(label("Keys: 0\u20139 pick, \u2190 \u2192 step, End = 10, \u2191 \u2193 "
                               "change question, Enter saves, Esc skips.", "hint"))
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addWidget(self.saveButton)
        buttons.addStretch(1)
        buttons.addWidget(self.skipButton)
        layout.addLayout(buttons)

        self.saveButton.clicked.connect(self.save)
        self.skipButton.clicked.connect(self.reject)
        self.painRating.changed.connect(self._update_save)
        self.effortRating.changed.connect(self._update_save)
        self.painRating.setFocus()
        self._update_save()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.painRating.setFocus()

    def _update_save(self) -> None:
        answered = [r.value for r in (self.painRating, self.effortRating) if r.value is not None]
        self.saveButton.setText("Save" if answered else "Save (nothing chosen)")

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
            return
        super().keyPressEvent(event)   # Esc: reject, which stores nothing

    def save(self) -> bool:
        """Store what was chosen (a row left empty is stored as not rated), then close.
        Nothing chosen at all is a skip. A failure keeps the dialog open with the reason."""
        pain, effort = self.painRating.value, self.effortRating.value
        if pain is None and effort is None:
            self.reject()
            return False
        try:
            rate_session(self._store, self.session_id, pain, effort, access=self._access)
        except (ServiceError, StoreError) as exc:
            self.error = str(exc)
            self.message.setText(f"Not saved: {exc}")
            return False
        self.accept()
        self.stored.emit(self.session_id)
        return True
