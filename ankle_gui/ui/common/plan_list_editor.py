"""An ordered list of plan items to reorder, trim and re-dose: the Test page's plan and the
Train page's session both use this one.

The Python list of items is the one truth; the rows only show it, so no row carries a drill id.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.catalogue import Catalogue, Drill
from ankle_gui.core.plan import PlanItem, dose_words
from ankle_gui.core.records import BOTH_TOGETHER, EACH_IN_TURN, Side
from ankle_gui.ui.common.dose_editor import DoseEditor
from ankle_gui.ui.common.style import side_colour

ADDED_REASON = "Added by you"
# The same words as the dose editor's side choices.
SIDE_WORDS = {Side.BOTH: EACH_IN_TURN.lower(), Side.LEFT: "left only", Side.RIGHT: "right only"}
TOGETHER = BOTH_TOGETHER.lower()   # a drill that is not done one side at a time


def item_text(n: int, drill: Drill, item: PlanItem, with_reason: bool) -> str:
    where = SIDE_WORDS[item.sides] if drill.per_side else TOGETHER
    text = f"{n}. {drill.name}   ·   {where}\n     {dose_words(drill, item.dose)}"
    return text + (f"\n     Why: {item.reason or ADDED_REASON}" if with_reason else "")


def _side_icon(side: Side) -> QIcon:
    pixmap = QPixmap(18, 18)
    pixmap.fill(QColor(side_colour(side)))
    return QIcon(pixmap)


class PlanListEditor(QWidget):
    """The list, its Up/Down/Remove buttons and the dose editor of the picked item.

    ``name`` prefixes the object names (``planList``, ``planUpButton``…). A page may add its
    own buttons to the end of the ``buttons`` row.
    """

    edited = Signal()   # the user moved, removed or re-dosed an item
    picked = Signal()   # another row (or none) is picked

    def __init__(self, catalogue: Catalogue, name: str, *, with_reasons: bool,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._catalogue = catalogue
        self._with_reasons = with_reasons  # in the text; otherwise as the row's tooltip
        self._items: list[PlanItem] = []

        self.setObjectName(f"{name}ListEditor")
        self.list = QListWidget(self)
        self.list.setObjectName(f"{name}List")
        self.list.setWordWrap(True)
        self.list.setSpacing(1)
        self.list.setAlternatingRowColors(True)
        self.upButton = QPushButton("▲ Up", self)
        self.upButton.setObjectName(f"{name}UpButton")
        self.downButton = QPushButton("▼ Down", self)
        self.downButton.setObjectName(f"{name}DownButton")
        self.removeButton = QPushButton("Remove", self)
        self.removeButton.setObjectName(f"{name}RemoveButton")
        self.removeButton.setProperty("role", "danger")
        self.doseEditor = DoseEditor(self)
        self.buttons = QHBoxLayout()
        for button in (self.upButton, self.downButton, self.removeButton):
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.list, 1)
        layout.addLayout(self.buttons)
        layout.addWidget(self.doseEditor)

        self.list.currentRowChanged.connect(self._picked)
        self.upButton.clicked.connect(lambda: self.move(-1))
        self.downButton.clicked.connect(lambda: self.move(1))
        self.removeButton.clicked.connect(self.remove)
        self.doseEditor.changed.connect(self._dose_edited)

    # --- the items ---------------------------------------------------------------------------
    def items(self) -> list[PlanItem]:
        return list(self._items)

    def set_items(self, items: list[PlanItem], select: int = 0) -> None:
        self._items = list(items)
        self._refill(select)

    def append(self, item: PlanItem) -> None:
        self._items.append(item)
        self._refill(len(self._items) - 1)

    # --- editing -----------------------------------------------------------------------------
    def move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if 0 <= row < len(self._items) and 0 <= target < len(self._items):
            self._items[row], self._items[target] = self._items[target], self._items[row]
            self._refill(target)
            self.edited.emit()

    def remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._items):
            del self._items[row]
            self._refill(min(row, len(self._items) - 1))
            self.edited.emit()

    def _dose_edited(self, item: PlanItem) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._items) and self._items[row] != item:
            self._items[row] = item
            # Only this row's text changes; refilling would rebuild the dose editor under the
            # user's cursor.
            self._show_row(self.list.item(row), row, item)
            self.edited.emit()

    # --- showing -----------------------------------------------------------------------------
    def _show_row(self, row: QListWidgetItem, index: int, item: PlanItem) -> None:
        drill = self._catalogue.get(item.drill_id)
        row.setText(item_text(index + 1, drill, item, self._with_reasons))
        row.setIcon(_side_icon(item.sides))
        if not self._with_reasons:
            row.setToolTip(item.reason or drill.summary)

    def _refill(self, select: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for index, item in enumerate(self._items):
            row = QListWidgetItem()
            self._show_row(row, index, item)
            self.list.addItem(row)
        self.list.blockSignals(False)
        if self._items:
            self.list.setCurrentRow(max(0, min(select, len(self._items) - 1)))
        else:
            self.list.setCurrentRow(-1)
        self._picked(self.list.currentRow())

    def _picked(self, row: int) -> None:
        valid = 0 <= row < len(self._items)
        self.upButton.setEnabled(valid and row > 0)
        self.downButton.setEnabled(valid and row < len(self._items) - 1)
        self.removeButton.setEnabled(valid)
        if valid:
            item = self._items[row]
            self.doseEditor.set_item(self._catalogue.get(item.drill_id), item)
        else:
            self.doseEditor.set_item(None, None)
        self.picked.emit()
