"""Change one plan item: which side and how much, always within the drill's own ranges."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QSpinBox, QVBoxLayout, QWidget

from ankle_gui.core.catalogue import DOSE_KEYS, Drill
from ankle_gui.core.plan import DOSE_LABELS, DoseError, PlanItem, check_dose
from ankle_gui.core.records import EACH_IN_TURN, Side
from ankle_gui.ui.common.widgets import label

# Shown only for a drill done one ankle at a time, so "both" means each ankle in turn.
SIDE_CHOICES = [(Side.BOTH, EACH_IN_TURN), (Side.LEFT, "Left only"), (Side.RIGHT, "Right only")]
CELLS_PER_ROW = 3


def _cell(caption: QWidget, field: QWidget, parent: QWidget) -> QWidget:
    cell = QWidget(parent)
    layout = QVBoxLayout(cell)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(caption)
    layout.addWidget(field)
    return cell


class DoseEditor(QWidget):
    changed = Signal(object)  # the edited PlanItem, only when its dose is valid

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("doseEditor")
        self._drill: Drill | None = None
        self._item: PlanItem | None = None
        self._filling = False
        self.title = label("", "hint")
        self.title.setObjectName("doseEditorTitle")
        # The fields are made when the first item is picked: the Train page, where a returning
        # user lands, opens with nothing picked (README, "Performance").
        self.sides: QComboBox | None = None
        self.cells: dict[str, QWidget] = {}
        self.captions: dict[str, QWidget] = {}
        self.spins: dict[str, QSpinBox] = {}
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(6)
        self.message = label("", "error")
        self.message.setObjectName("doseMessage")
        self.message.hide()  # shown only with something to say: the plan list needs the room
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(self.grid)
        layout.addWidget(self.message)
        self.set_item(None, None)

    def _build_fields(self) -> None:
        self.sides = QComboBox(self)
        self.sides.setObjectName("planSides")
        for side, text in SIDE_CHOICES:
            self.sides.addItem(text, side)
        # Every field exists once and is shown or hidden: nothing is rebuilt per selection.
        self.cells["sides"] = _cell(label("Side", wrap=False), self.sides, self)
        for key in DOSE_KEYS:
            spin = QSpinBox(self)
            spin.setObjectName(f"dose_{key}")
            spin.setMinimumWidth(90)
            spin.valueChanged.connect(lambda _v: self._edited())
            caption = label(DOSE_LABELS[key], wrap=False)
            self.spins[key] = spin
            self.captions[key] = caption
            self.cells[key] = _cell(caption, spin, self)
        self.sides.currentIndexChanged.connect(lambda _i: self._edited())

    def active_spins(self) -> dict[str, QSpinBox]:
        if self._drill is None:
            return {}
        return {key: self.spins[key] for key in self._drill.dose}

    def set_item(self, drill: Drill | None, item: PlanItem | None) -> None:
        self._filling = True
        self._drill, self._item = drill, item
        if self.sides is None and drill is not None and item is not None:
            self._build_fields()
        while self.grid.count():
            self.grid.takeAt(0)
        for cell in self.cells.values():
            cell.hide()
        self._say("")
        if drill is None or item is None:
            self.title.setText("Pick a drill in the plan to change its side or dose.")
            self._filling = False
            return
        # One line: the ranges are in the captions.
        self.title.setText(f"<b>{drill.name}</b>: side and dose")
        shown: list[str] = []
        if drill.per_side:
            self.sides.setCurrentIndex([s for s, _t in SIDE_CHOICES].index(item.sides))
            shown.append("sides")
        for key, rng in drill.dose.items():
            spin = self.spins[key]
            spin.setRange(rng.low, rng.high)
            spin.setValue(item.dose.get(key, rng.low))
            spin.setEnabled(rng.low != rng.high)
            spin.setToolTip(f"Allowed: {rng} (from {drill.source.citation})")
            self.captions[key].setText(f"{DOSE_LABELS[key]}  ({rng})")
            shown.append(key)
        for n, key in enumerate(shown):
            row, col = divmod(n, CELLS_PER_ROW)
            self.grid.addWidget(self.cells[key], row, col)
            self.cells[key].show()
        self._filling = False

    def _edited(self) -> None:
        if self._filling or self._drill is None or self._item is None:
            return
        dose = {key: spin.value() for key, spin in self.active_spins().items()}
        try:
            full = check_dose(self._drill, dose)
        except DoseError as exc:  # second line of defence behind the spin-box ranges
            self._say(str(exc))
            return
        self._say("")
        # Qt hands item data back as a plain str: make it a Side again.
        sides = Side(self.sides.currentData()) if self._drill.per_side else Side.BOTH
        self._item = PlanItem(self._item.drill_id, sides, full, self._item.reason)
        self.changed.emit(self._item)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
