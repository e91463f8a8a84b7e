"""The prescribed plan, with its reasons, to reorder, trim, extend and re-dose before starting."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.catalogue import Catalogue, Purpose
from ankle_gui.core.plan import PlanItem, dose_words, plan_item_for
from ankle_gui.core.records import Side
from ankle_gui.store import Store
from ankle_gui.ui.common.current_profile import CurrentProfile
from ankle_gui.ui.common.dose_editor import DoseEditor
from ankle_gui.ui.common.style import side_colour
from ankle_gui.ui.common.widgets import label, set_role

ADDED_REASON = "Added by you"


def _side_icon(side: Side) -> QIcon:
    pixmap = QPixmap(18, 18)
    pixmap.fill(QColor(side_colour(side)))
    return QIcon(pixmap)


class PlanEditor(QWidget):
    startRequested = Signal(list)  # list[PlanItem], the plan as edited and saved
    planSaved = Signal()

    def __init__(self, store: Store, catalogue: Catalogue, current: CurrentProfile,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("planEditor")
        self._store = store
        self._catalogue = catalogue
        self._current = current
        self._items: list[PlanItem] = []
        self._suggested: list[PlanItem] = []
        self._dirty = False

        self.why = label("", "hint")
        self.why.setObjectName("planWhy")
        self.planList = QListWidget()
        self.planList.setObjectName("planList")
        self.planList.setWordWrap(True)
        self.planList.setSpacing(2)
        self.planList.setAlternatingRowColors(True)
        self.planList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.upButton = QPushButton("▲ Up")
        self.upButton.setObjectName("planUpButton")
        self.downButton = QPushButton("▼ Down")
        self.downButton.setObjectName("planDownButton")
        self.removeButton = QPushButton("Remove")
        self.removeButton.setObjectName("planRemoveButton")
        self.removeButton.setProperty("role", "danger")
        self.resetButton = QPushButton("Back to suggested")
        self.resetButton.setObjectName("planResetButton")
        self.resetButton.setToolTip("Undo every change and use the plan worked out from the test")

        self.doseEditor = DoseEditor()
        self.addCombo = QComboBox()
        self.addCombo.setObjectName("planAddCombo")
        for purpose in (Purpose.SOFT_TISSUE, Purpose.JOINT, Purpose.MAINTENANCE):
            for drill in catalogue.filtered(purpose):
                if drill.runnable:
                    self.addCombo.addItem(f"{purpose.label}: {drill.name}", drill.id)
        self.addButton = QPushButton("Add to plan")
        self.addButton.setObjectName("planAddButton")

        self.state = label("", "hint")
        self.state.setObjectName("planState")
        self.savePlanButton = QPushButton("Save plan")
        self.savePlanButton.setObjectName("savePlanButton")
        self.startPlanButton = QPushButton("Start this plan  ▶")
        self.startPlanButton.setObjectName("startPlanButton")
        self.startPlanButton.setProperty("role", "primary")
        for b in (self.savePlanButton, self.startPlanButton):
            b.setMinimumHeight(46)

        edit_row = QHBoxLayout()
        for b in (self.upButton, self.downButton, self.removeButton):
            edit_row.addWidget(b)
        edit_row.addStretch(1)
        edit_row.addWidget(self.resetButton)
        add_row = QHBoxLayout()
        add_row.addWidget(self.addCombo, 1)
        add_row.addWidget(self.addButton)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #d0d5dd;")
        bottom = QHBoxLayout()
        bottom.addWidget(self.state, 1)
        bottom.addWidget(self.savePlanButton)
        bottom.addWidget(self.startPlanButton)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(label("Your plan", "subtitle"))
        layout.addWidget(self.why)
        layout.addWidget(self.planList, 1)
        layout.addLayout(edit_row)
        layout.addWidget(self.doseEditor)
        layout.addLayout(add_row)
        layout.addWidget(line)
        layout.addLayout(bottom)

        self.planList.currentRowChanged.connect(self._selected)
        self.upButton.clicked.connect(lambda: self.move(-1))
        self.downButton.clicked.connect(lambda: self.move(1))
        self.removeButton.clicked.connect(self.remove)
        self.resetButton.clicked.connect(self.reset_to_suggested)
        self.addButton.clicked.connect(self.add_selected)
        self.doseEditor.changed.connect(self._dose_changed)
        self.savePlanButton.clicked.connect(self.save)
        self.startPlanButton.clicked.connect(self.start)
        self._refresh(0)

    # --- the plan -------------------------------------------------------------------------
    def items(self) -> list[PlanItem]:
        return list(self._items)

    def is_dirty(self) -> bool:
        return self._dirty

    def set_plan(self, items: list[PlanItem], why: list[str], suggested: list[PlanItem],
                 saved: bool = True) -> None:
        self._items = list(items)
        self._suggested = list(suggested)
        self.why.setText("\n".join(why))
        self.why.setVisible(bool(why))
        self._dirty = not saved
        self._refresh(0)

    def _item_text(self, n: int, item: PlanItem) -> str:
        drill = self._catalogue.get(item.drill_id)
        side = item.sides.label if drill.per_side else "BOTH FEET"
        return (f"{n}. {drill.name}   ·   {side}\n"
                f"     {dose_words(drill, item.dose)}\n"
                f"     Why: {item.reason or ADDED_REASON}")

    def _refresh(self, row: int | None = None) -> None:
        keep = self.planList.currentRow() if row is None else row
        self.planList.blockSignals(True)
        self.planList.clear()
        for n, item in enumerate(self._items, start=1):
            entry = QListWidgetItem(_side_icon(item.sides), self._item_text(n, item))
            entry.setData(Qt.ItemDataRole.UserRole, item.drill_id)
            self.planList.addItem(entry)
        self.planList.blockSignals(False)
        if self._items:
            self.planList.setCurrentRow(max(0, min(keep, len(self._items) - 1)))
        self._selected(self.planList.currentRow())
        self._show_state()

    def _show_state(self, text: str | None = None, error: bool = False) -> None:
        has_items = bool(self._items)
        self.startPlanButton.setEnabled(has_items)
        self.savePlanButton.setEnabled(self._dirty and has_items)
        if text is None:
            if not has_items:
                text, error = "The plan is empty: add at least one drill to start.", True
            elif self._dirty:
                text = "Changes not saved yet."
            else:
                text = "Saved with this profile."
        self.state.setText(text)
        set_role(self.state, "error" if error else "hint")

    def _selected(self, row: int) -> None:
        valid = 0 <= row < len(self._items)
        self.upButton.setEnabled(valid and row > 0)
        self.downButton.setEnabled(valid and row < len(self._items) - 1)
        self.removeButton.setEnabled(valid)
        if valid:
            item = self._items[row]
            self.doseEditor.set_item(self._catalogue.get(item.drill_id), item)
        else:
            self.doseEditor.set_item(None, None)

    def _changed(self, row: int) -> None:
        self._dirty = True
        self._refresh(row)

    # --- editing --------------------------------------------------------------------------
    def move(self, step: int) -> None:
        row = self.planList.currentRow()
        target = row + step
        if 0 <= row < len(self._items) and 0 <= target < len(self._items):
            self._items[row], self._items[target] = self._items[target], self._items[row]
            self._changed(target)

    def remove(self) -> None:
        row = self.planList.currentRow()
        if 0 <= row < len(self._items):
            del self._items[row]
            self._changed(row)

    def add_selected(self) -> None:
        drill_id = self.addCombo.currentData()
        if drill_id is None:
            return
        self._items.append(plan_item_for(self._catalogue, drill_id, Side.BOTH,
                                         reason=ADDED_REASON))
        self._changed(len(self._items) - 1)

    def reset_to_suggested(self) -> None:
        self._items = list(self._suggested)
        self._changed(0)

    def _dose_changed(self, item: PlanItem) -> None:
        row = self.planList.currentRow()
        if 0 <= row < len(self._items) and self._items[row] != item:
            self._items[row] = item
            self._dirty = True
            # Only the text changes; rebuilding the list would rebuild the editor under the
            # user's cursor.
            self.planList.item(row).setText(self._item_text(row + 1, item))
            self.planList.item(row).setIcon(_side_icon(item.sides))
            self._show_state()

    # --- saving and starting --------------------------------------------------------------
    def save(self) -> bool:
        profile_id = self._current.id
        if profile_id is None or not self._items:
            self._show_state()
            return False
        self._store.plans.save(profile_id, self._items)
        self._dirty = False
        self._show_state()
        self.planSaved.emit()
        return True

    def start(self) -> None:
        if not self._items:
            self._show_state()
            return
        if self._dirty and not self.save():
            return
        self.startRequested.emit(self.items())
