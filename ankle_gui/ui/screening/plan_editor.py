"""The prescribed plan, with its reasons, to reorder, trim, extend and re-dose before starting."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.catalogue import Catalogue, Purpose
from ankle_gui.core.plan import PlanItem, plan_item_for
from ankle_gui.core.prescription import HeldDrill
from ankle_gui.core.records import Side
from ankle_gui.services.patient_access import HOME, Access
from ankle_gui.services.plans import save_plan
from ankle_gui.store import Store
from ankle_gui.ui.common.current_profile import CurrentProfile
from ankle_gui.ui.common.plan_list_editor import ADDED_REASON, PlanListEditor
from ankle_gui.ui.common.widgets import label, set_role


class PlanEditor(QWidget):
    startRequested = Signal(list)  # list[PlanItem], the plan as edited and saved
    planSaved = Signal()

    def __init__(self, store: Store, catalogue: Catalogue, current: CurrentProfile,
                 parent: QWidget | None = None, *, access: Callable[[], Access] = lambda: HOME):
        super().__init__(parent)
        self.setObjectName("planEditor")
        self._store = store
        self._access = access  # who is at the screen: the service checks it is their plan
        self._catalogue = catalogue
        self._current = current
        self._suggested: list[PlanItem] = []
        self._dirty = False    # what is shown is not what the profile keeps
        self._edited = False   # ...because the person changed it since it was shown or saved
        self._owner: tuple[int, str] | None = None  # whose plan is shown: id, created_at
        self._as_saved: tuple[list[PlanItem], bool] = ([], True)  # what Discard goes back to
        # What the latest test's safety check holds back: adding one of these is warned about.
        self.held: list[HeldDrill] = []

        self.why = label("", "hint")
        self.why.setObjectName("planWhy")
        self.editor = PlanListEditor(catalogue, "plan", with_reasons=True, parent=self)
        self.planList = self.editor.list
        self.planList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.resetButton = QPushButton("Back to suggested")
        self.resetButton.setObjectName("planResetButton")
        self.resetButton.setToolTip("Undo every change and use the plan worked out from the test")

        self.doseEditor = self.editor.doseEditor
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
            b.setMinimumHeight(44)

        self.editor.buttons.addWidget(self.resetButton)
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
        layout.setSpacing(4)
        layout.addWidget(label("Your plan", "subtitle"))
        layout.addWidget(self.why)
        layout.addWidget(self.editor, 1)
        layout.addLayout(add_row)
        layout.addWidget(line)
        layout.addLayout(bottom)

        self.editor.edited.connect(self._changed)
        self.resetButton.clicked.connect(self.reset_to_suggested)
        self.addButton.clicked.connect(self.add_selected)
        self.savePlanButton.clicked.connect(self.save)
        self.startPlanButton.clicked.connect(self.start)
        self._show_state()

    # --- the plan -------------------------------------------------------------------------
    def items(self) -> list[PlanItem]:
        return self.editor.items()

    def is_dirty(self) -> bool:
        return self._dirty

    def has_unsaved_edits(self) -> bool:
        """The person changed the plan and has not saved it: closing or switching asks."""
        return self._edited and self._dirty

    def owner_name(self) -> str:
        profile = self._current.profile
        return profile.name if profile is not None else ""

    def set_plan(self, items: list[PlanItem], why: list[str], suggested: list[PlanItem],
                 saved: bool = True) -> None:
        """Show ``items`` (``saved``: as the profile keeps them). Unsaved edits to the same
        person's plan stay: a rename or a change of unit shows the page again."""
        self._suggested = list(suggested)
        self.why.setText("\n".join(why))
        self.why.setVisible(bool(why))
        self._as_saved = (list(items), saved)
        profile = self._current.profile
        # The creation time too: a restored or imported database may give the id to another.
        owner = (profile.id, profile.created_at) if profile is not None else None
        if not (self.has_unsaved_edits() and owner == self._owner):
            self._owner = owner
            self._show_as_saved()
        self._show_state()

    def discard_changes(self) -> None:
        """Back to the plan as it was last saved (or suggested, if never saved)."""
        self._show_as_saved()
        self._show_state()

    def _show_as_saved(self) -> None:
        items, saved = self._as_saved
        self._edited = False
        self._dirty = not saved
        self.editor.set_items(items)

    def _show_state(self, text: str | None = None, error: bool = False) -> None:
        has_items = bool(self.editor.items())
        self.startPlanButton.setEnabled(has_items)
        self.savePlanButton.setEnabled(self._dirty and has_items)
        if text is None:
            if not has_items:
                text, error = "The plan is empty: add at least one drill to start.", True
            elif self._dirty:
                text = ("Changes not saved yet." if self._edited
                        else "Worked out from your test; not saved yet.")
            else:
                text = "Saved with this profile."
        self.state.setText(text)
        set_role(self.state, "error" if error else "hint")

    def _changed(self) -> None:
        self._dirty = self._edited = True
        self._show_state()

    # --- editing --------------------------------------------------------------------------
    def add_selected(self) -> None:
        drill_id = self.addCombo.currentData()
        if drill_id is None:
            return
        self.editor.append(plan_item_for(self._catalogue, drill_id, Side.BOTH,
                                         reason=ADDED_REASON))
        self._changed()
        if any(h.drill_id == drill_id for h in self.held):
            name = self._catalogue.get(drill_id).name
            self._show_state(f"{name} is held back by the safety check of your last test: keep "
                             "it only once a clinician has cleared it.", error=True)

    def reset_to_suggested(self) -> None:
        self.editor.set_items(self._suggested)
        self._changed()

    # --- saving and starting --------------------------------------------------------------
    def save(self) -> bool:
        profile_id = self._current.id
        items = self.editor.items()
        if profile_id is None or not items:
            self._show_state()
            return False
        save_plan(self._store, profile_id, items, access=self._access())
        self._as_saved = (items, True)
        self._dirty = self._edited = False
        self._show_state()
        self.planSaved.emit()
        return True

    def start(self) -> None:
        if not self.editor.items():
            self._show_state()
            return
        if self._dirty and not self.save():
            return
        self.startRequested.emit(self.items())
