"""Choose today's drills, their order, dose and sides, then start.

Doses and sides are remembered per profile and drill, so the next session starts
where this one left off.
"""

from __future__ import annotations

from collections.abc import Callable

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

from ankle_gui.core.catalogue import Catalogue, Purpose
from ankle_gui.core.plan import DoseError, PlanItem, plan_item_for
from ankle_gui.core.records import Side
from ankle_gui.services.patient_access import HOME, Access
from ankle_gui.services.plans import remember_doses
from ankle_gui.services.preferences import QUICK_TEST_KEY, Preferences
from ankle_gui.store import Store
from ankle_gui.ui.common.current_profile import CurrentProfile
from ankle_gui.ui.common.plan_list_editor import PlanListEditor
from ankle_gui.ui.common.widgets import fill_remaining_height, label, set_role

LIST_MIN_HEIGHT = 90   # about two rows: below that, the page scrolls


class SessionBuilder(QWidget):
    startRequested = Signal(object, bool)   # list[PlanItem], with the quick pre/post test

    def __init__(self, store: Store, catalogue: Catalogue, current: CurrentProfile,
                 parent: QWidget | None = None, *, access: Callable[[], Access] = lambda: HOME):
        super().__init__(parent)
        self.setObjectName("sessionBuilder")
        self._access = access  # who is at the screen: their own doses are remembered
        self._store = store
        self._catalogue = catalogue
        self._current = current
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

        self.editor = PlanListEditor(catalogue, "session", with_reasons=False, parent=self)
        self.sessionList = self.editor.list
        self.removeButton = self.editor.removeButton
        self.doseEditor = self.editor.doseEditor
        self.quickTestCheck = QCheckBox("Quick knee-to-wall test before and after (two numbers)")
        self.quickTestCheck.setObjectName("quickTestCheck")
        # A hint while the session is only empty; red once something is actually wrong.
        self.message = label("", "hint")
        self.message.setObjectName("trainMessage")
        self.startButton = QPushButton("Start session")
        self.startButton.setObjectName("startSessionButton")
        self.startButton.setProperty("role", "primary")

        # The lists take what is left, so Add and Start stay on a 1280×720 screen.
        fill_remaining_height(self.drillList, LIST_MIN_HEIGHT)
        fill_remaining_height(self.sessionList, LIST_MIN_HEIGHT)

        left = QVBoxLayout()
        left.addWidget(label("Drills", "subtitle"))
        left.addWidget(self.purposeFilter)
        left.addWidget(self.drillList, 1)
        left.addWidget(self.addButton)
        right = QVBoxLayout()
        right.addWidget(label("Today's session", "subtitle"))
        right.addWidget(self.editor, 1)
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
        self.editor.picked.connect(self._update_buttons)
        self.quickTestCheck.toggled.connect(
            lambda on: Preferences(self._store).set(QUICK_TEST_KEY, on))
        self.startButton.clicked.connect(self._start)
        self.loadPlanButton.clicked.connect(
            lambda: self._with_saved_plan(self.load_saved_plan))
        self.startSavedPlanButton.clicked.connect(
            lambda: self._with_saved_plan(self._start_saved_plan))
        self._fill_drills()
        self.refresh()

    # ----- public ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read what belongs to the current profile (saved plan, remembered options)."""
        self.quickTestCheck.blockSignals(True)
        self.quickTestCheck.setChecked(Preferences(self._store).get_bool(QUICK_TEST_KEY, False))
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

    @property
    def items(self) -> list[PlanItem]:
        """Today's session as it stands (a copy)."""
        return self.editor.items()

    def set_items(self, items: list[PlanItem]) -> None:
        self.editor.set_items(items)

    def add_drill(self, drill_id: str) -> None:
        self.editor.append(self.remembered_item(drill_id))

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
        remember_doses(self._store, pid, self.items, access=self._access())

    # ----- internals ------------------------------------------------------------------------
    def _fill_drills(self) -> None:
        purpose = self.purposeFilter.currentData()
        self.drillList.clear()
        # Row n shows _listed_drill_ids[n]; kept in Python, not as item data, because item
        # data needs the Qt namespace, which the landing page keeps off the start
        # (tests/app/test_start_up.py).
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

    def _update_buttons(self) -> None:
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

    def _with_saved_plan(self, use: Callable[[], None]) -> None:
        """Unsaved edits to the plan on the Test page are saved or dropped first, as the
        person chooses: the saved plan is then the one they mean."""
        def then() -> None:
            self.refresh()  # the banner, if the plan was just saved
            use()

        if self._current.settle_unsaved(then, None):
            use()

    def _start_saved_plan(self) -> None:
        self.load_saved_plan()
        self._start()
