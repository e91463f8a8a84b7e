"""A distance typed in the profile's unit, checked as it is typed, with its message below."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from ankle_gui.core.units import (
    ANKLE_LIMIT,
    MAX_PLAUSIBLE_CM,
    LengthError,
    Unit,
    format_length,
    from_cm,
    parse_length,
)
from ankle_gui.ui.common.widgets import label


class LengthField(QWidget):
    """A QLineEdit (named ``name``) that yields cm, or an inline message and no value."""

    changed = Signal()

    def __init__(self, name: str, unit: Unit = Unit.CM, max_cm: float = MAX_PLAUSIBLE_CM,
                 parent: QWidget | None = None, beyond: str = ANKLE_LIMIT):
        """``beyond``: what a number over ``max_cm`` is, said after it ("is beyond what an
        ankle can do")."""
        super().__init__(parent)
        self._unit = unit
        self._max_cm = max_cm
        self._beyond = beyond
        # (text shown, cm) after a change of unit: the converted text stands for the exact
        # distance typed, so switching units back and forth never drifts.
        self._converted: tuple[str, float] | None = None
        self.edit = QLineEdit()
        self.edit.setObjectName(name)
        self.edit.setMaxLength(20)
        self.edit.setMinimumWidth(130)
        self.edit.setMaximumWidth(180)
        self.edit.setMinimumHeight(44)
        self.edit.setStyleSheet("font-size: 16pt;")
        self.unitLabel = label(unit.label, wrap=False)
        self.message = label("", "error")
        self.message.setObjectName(f"{name}Message")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.unitLabel)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.edit.textChanged.connect(self._typed)
        self.set_unit(unit)

    def set_unit(self, unit: Unit) -> None:
        """Show ``unit``; a distance already typed is converted into it (text that is not a
        distance yet stays as typed, and is checked again in the new unit)."""
        cm = self.value_cm() if unit is not self._unit else None
        self._unit = unit
        if cm is not None:
            shown = f"{from_cm(cm, unit):.2f}".rstrip("0").rstrip(".")
            self._converted = (shown, cm)
            self.edit.setText(shown)
        self.unitLabel.setText(unit.label)
        self.edit.setPlaceholderText("e.g. 10,5" if unit is Unit.CM else "e.g. 4,25")
        self.edit.setAccessibleName(f"distance in {unit.label}")
        if self.edit.text():
            self._typed(self.edit.text())

    @property
    def unit(self) -> Unit:
        return self._unit

    def _parse(self) -> float:
        if self._converted is not None and self.edit.text() == self._converted[0]:
            return self._converted[1]
        return parse_length(self.edit.text(), self._unit, max_cm=self._max_cm,
                            beyond=self._beyond)

    def _typed(self, text: str) -> None:
        # While typing, only complain about what is there; "empty" waits for Save or Next.
        if not text.strip():
            self.message.setText("")
        else:
            try:
                self._parse()
                self.message.setText("")
            except LengthError as exc:
                self.message.setText(str(exc))
        self.changed.emit()

    def value_cm(self) -> float | None:
        try:
            return self._parse()
        except LengthError:
            return None

    def validate(self) -> bool:
        """Show the message for what is typed now; True when it is a usable distance."""
        try:
            self._parse()
        except LengthError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText("")
        return True

    def set_cm(self, value_cm: float | None) -> None:
        self._converted = None
        if value_cm is None:
            self.edit.clear()
        else:
            self.edit.setText(format_length(value_cm, self._unit).removesuffix(
                f" {self._unit.label}"))
        self.message.setText("")

    def clear(self) -> None:
        self._converted = None
        self.edit.clear()
        self.message.setText("")
