"""Choose today's drills, their order, dose and sides, then start.

Doses and sides are remembered per profile and drill, so the next session starts
where this one left off.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.catalogue import Catalogue, Drill, Purpose
from ankle_gui.core.plan import DoseError, PlanItem, dose_words, plan_item_for
from ankle_gui.core.records import Side
from ankle_gui.store import Store
from ankle_gui.ui.common.current_profile import CurrentProfile
from ankle_gui.ui.common.dose_editor import DoseEditor
from ankle_gui.ui.common.widgets import label, set_role

QUICK_TEST_KEY = "train.quick_test"
SIDE_WORDS = {Side.BOTH: "both sides", Side.LEFT: "left only", Side.RIGHT: "right only"}


def item_text(drill: Drill, item: PlanItem) -> str:
    dose = dose_words(drill, item.dose)
    where = SIDE_WORDS[item.sides] if drill.per_side else "both feet together"
    return f"{drill.name}\n{where} · {dose}"


class SessionBuilder(QWidget):
    startRequested = Signal(object, bool)   # list[PlanItem], with the quick pre/post test

    def __init__(self, store: Store, catalogue: Catalogue, current: CurrentProfile,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sessionBuilder")
        self._store = store
        self._catalogue = catalogue
        self._current = current
        self.items: list[PlanItem] = []
        self._listed_drill_ids: list[str] = []

        self.planBanner = QFrame()
        self.planBanner.setObjectName("planBanner")
        self.planText = label("", wrap=True)
        self.loadPlanButton = QPushButton("Use my plan")
        self.loadPlanButton.setObjectName("loadPlanButton")
        self.startSavedPlanButton = QPushButton("Start my plan")
        self.startSavedPlanButton.setObjectName("startSavedPlanButton")
        self.startSavedPlanButton.setProperty("role", "primary")
        banner = QHBoxLayout(self.planBanner)
        banner.addWidget(self.planText, 1)
        banner.addWidget(self.loadPlanButton)
        banner.addWidget(self.startSavedPlanButton)

        self.purposeFilter = QComboBox()
        self.purposeFilter.setObjectName("trainPurposeFilter")
        self.purposeFilter.addItem("All drills", None)
        for purpose in Purpose:
            if purpose is not Purpose.ASSESSMENT:
                self.purposeFilter.addItem(purpose.label, purpose)
        self.drillList = QListWidget()
        self.drillList.setObjectName("trainDrillList")
        self.drillList.setAlternatingRowColors(True)
        self.drillList.setWordWrap(True)
        self.addButton = QPushButton("Add to session  ▶")
        self.addButton.setObjectName("addDrillButton")

        self.sessionList = QListWidget()
        self.sessionList.setObjectName("sessionList")
        self.sessionList.setWordWrap(True)
        self.sessionList.setSpacing(2)
        self.upButton = QPushButton("▲ Up")
        self.upButton.setObjectName("moveUpButton")
        self.downButton = QPushButton("▼ Down")
        self.downButton.setObjectName("moveDownButton")
        self.removeButton = QPushButton("Remove")
        self.removeButton.setObjectName("removeDrillButton")
        self.removeButton.setProperty("role", "danger")
        self.doseEditor = DoseEditor(self)
        self.quickTestCheck = QCheckBox("Quick knee-to-wall test before and after (two numbers)")
        self.quickTestCheck.setObjectName("quickTestCheck")
        # A hint while the session is only empty; red once something is actually wrong.
        self.message = label("", "hint")
        self.message.setObjectName("trainMessage")
        self.startButton = QPushButton("Start session")
        self.startButton.setObjectName("startSessionButton")
        self.startButton.setProperty("role", "primary")

        left = QVBoxLayout()
        left.addWidget(label("Drills", "subtitle"))
        left.addWidget(self.purposeFilter)
        left.addWidget(self.drillList, 1)
        left.addWidget(self.addButton)
        moves = QHBoxLayout()
        for button in (self.upButton, self.downButton, self.removeButton):
            moves.addWidget(button)
        moves.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(label("Today's session", "subtitle"))
        right.addWidget(self.sessionList, 1)
        right.addLayout(moves)
        right.addWidget(self.doseEditor)
        right.addWidget(self.quickTestCheck)
        right.addWidget(self.message)
        right.addWidget(self.startButton)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addSpacing(16)
        columns.addLayout(right, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(label("Train", "title"))
        layout.addWidget(label("Pick one drill or several. The player then takes you through "
                               "each one with timers, a rep counter, sound and voice.", "hint"))
        layout.addWidget(self.planBanner)
        layout.addLayout(columns, 1)

        self.purposeFilter.currentIndexChanged.connect(lambda _i: self._fill_drills())
        self.drillList.itemDoubleClicked.connect(lambda _item: self.add_selected())
        self.addButton.clicked.connect(self.add_selected)
        self.sessionList.currentRowChanged.connect(self._show_dose)
        self.upButton.clicked.connect(lambda: self._move(-1))
        self.downButton.clicked.connect(lambda: self._move(1))
        self.removeButton.clicked.connect(self._remove)
        self.doseEditor.changed.connect(self._dose_edited)
        self.quickTestCheck.toggled.connect(
            lambda on: self._store.settings.set(QUICK_TEST_KEY, on))
        self.startButton.clicked.connect(self._start)
        self.loadPlanButton.clicked.connect(self.load_saved_plan)
        self.startSavedPlanButton.clicked.connect(self._start_saved_plan)
        self._fill_drills()
        self.refresh()

    # ----- public ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read what belongs to the current profile (saved plan, remembered options)."""
        self.quickTestCheck.blockSignals(True)
        self.quickTestCheck.setChecked(self._store.settings.get_bool(QUICK_TEST_KEY, False))
        self.quickTestCheck.blockSignals(False)
        saved = self.saved_plan()
        self.planBanner.setVisible(bool(saved))
        if saved:
            names = ", ".join(self._catalogue.get(i.drill_id).name for i in saved[:4])
            more = f" and {len(saved) - 4} more" if len(saved) > 4 else ""
            self.planText.setText(f"<b>Your plan</b> ({len(saved)} drills): {names}{more}.")
        self._update_buttons()

    def saved_plan(self) -> list[PlanItem]:
        pid = self._current.id
        current = self._store.plans.current(pid) if pid is not None else None
        if not current:
            return []
        return [item for item in current[0] if item.drill_id in self._catalogue
                and self._catalogue.get(item.drill_id).runnable]

    def load_saved_plan(self) -> None:
        self.set_items(self.saved_plan())

    def set_items(self, items: list[PlanItem]) -> None:
        self.items = list(items)
        self._fill_session(select=0 if items else -1)

    def add_drill(self, drill_id: str) -> None:
        self.items.append(self.remembered_item(drill_id))
        self._fill_session(select=len(self.items) - 1)

    def add_selected(self) -> None:
        row = self.drillList.currentRow()
        if 0 <= row < len(self._listed_drill_ids):
            self.add_drill(self._listed_drill_ids[row])

    def remembered_item(self, drill_id: str) -> PlanItem:
        """The drill at the dose and sides this person chose last time, if still valid."""
        pid = self._current.id
        pref = self._store.plans.dose_preference(pid, drill_id) if pid is not None else None
        if pref:
            dose, sides = pref
            try:
                return plan_item_for(self._catalogue, drill_id, Side(sides),
                                     {k: int(v) for k, v in dose.items()})
            except (DoseError, ValueError, TypeError):
                pass  # the catalogue's ranges changed since: fall back to the default
        return plan_item_for(self._catalogue, drill_id)

    def remember_doses(self) -> None:
        pid = self._current.id
        if pid is None:
            return
        for item in self.items:
            self._store.plans.remember_dose(pid, item.drill_id, dict(item.dose), item.sides.value)

    # ----- internals ------------------------------------------------------------------------
    def _fill_drills(self) -> None:
        purpose = self.purposeFilter.currentData()
        self.drillList.clear()
        # Row n shows _listed_drill_ids[n]; kept in Python, not as item data, because item
        # data needs the Qt namespace, which costs start-up 12 ms on the landing page.
        self._listed_drill_ids = []
        for drill in self._catalogue.filtered(purpose):
            if not drill.runnable:
                continue
            row = QListWidgetItem(f"{drill.name}\n{drill.purpose.label} · {drill.dose_text()}")
            self._listed_drill_ids.append(drill.id)
            row.setToolTip(drill.summary)
            self.drillList.addItem(row)
        if self.drillList.count():
            self.drillList.setCurrentRow(0)

    def _fill_session(self, select: int) -> None:
        self.sessionList.blockSignals(True)
        self.sessionList.clear()
        for n, item in enumerate(self.items, 1):
            drill = self._catalogue.get(item.drill_id)
            row = QListWidgetItem(f"{n}. {item_text(drill, item)}")
            row.setToolTip(item.reason or drill.summary)
            self.sessionList.addItem(row)
        self.sessionList.blockSignals(False)
        self.sessionList.setCurrentRow(select)
        self._show_dose(select)
        self._update_buttons()

    def _show_dose(self, row: int) -> None:
        if 0 <= row < len(self.items):
            item = self.items[row]
            self.doseEditor.set_item(self._catalogue.get(item.drill_id), item)
        else:
            self.doseEditor.set_item(None, None)
        self._update_buttons()

    def _dose_edited(self, item: PlanItem) -> None:
        row = self.sessionList.currentRow()
        if 0 <= row < len(self.items):
            self.items[row] = item
            drill = self._catalogue.get(item.drill_id)
            self.sessionList.item(row).setText(f"{row + 1}. {item_text(drill, item)}")

    def _move(self, delta: int) -> None:
        row = self.sessionList.currentRow()
        target = row + delta
        if 0 <= row < len(self.items) and 0 <= target < len(self.items):
            self.items[row], self.items[target] = self.items[target], self.items[row]
            self._fill_session(select=target)

    def _remove(self) -> None:
        row = self.sessionList.currentRow()
        if 0 <= row < len(self.items):
            del self.items[row]
            self._fill_session(select=min(row, len(self.items) - 1))

    def _update_buttons(self) -> None:
        row = self.sessionList.currentRow()
        has = 0 <= row < len(self.items)
        self.upButton.setEnabled(has and row > 0)
        self.downButton.setEnabled(has and row < len(self.items) - 1)
        self.removeButton.setEnabled(has)
        self.startButton.setEnabled(bool(self.items))
        if self.message.property("role") == "error":
            set_role(self.message, "hint")
        self.message.setText("" if self.items else
                             "Add a drill from the list on the left, or use your plan, to start.")

    def show_error(self, text: str) -> None:
        set_role(self.message, "error")
        self.message.setText(text)

    def _start(self) -> None:
        if not self.items:
            return
        self.remember_doses()
        self.startRequested.emit(list(self.items), self.quickTestCheck.isChecked())

    def _start_saved_plan(self) -> None:
        self.load_saved_plan()
        self._start()
