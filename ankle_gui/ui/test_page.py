"""The Test page: the guided test for both ankles, then what it means and the plan it gives."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.plan import PlanItem
from ankle_gui.core.prescription import prescribe
from ankle_gui.core.records import SetOutcome
from ankle_gui.core.referral import stalled_sides
from ankle_gui.core.screening import Screening, screening_from_results
from ankle_gui.core.side_report import SideReport, previous_knee_to_wall
from ankle_gui.store import Store
from ankle_gui.ui.current_profile import CurrentProfile
from ankle_gui.ui.results_view import ResultsView
from ankle_gui.ui.test_wizard import TestEntry, TestWizard
from ankle_gui.ui.widgets import CurrentPageStack, label


class TestPage(QWidget):
    testSaved = Signal()

    def __init__(self, store: Store, catalogue: Catalogue, current: CurrentProfile,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pageTest")
        self._store = store
        self._catalogue = catalogue
        self._current = current
        self.wizard = TestWizard()
        self.results = ResultsView(store, catalogue, current)
        self.planEditor = self.results.planEditor
        self.resultSummary = self.results.resultSummary
        self.stack = CurrentPageStack()
        self.stack.addWidget(self.wizard)
        self.stack.addWidget(self.results)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.addWidget(label("Test", "title"))
        layout.addWidget(self.stack, 1)

        self.wizard.submitted.connect(self.save)
        self.wizard.cancelButton.clicked.connect(self.show_latest)
        self.results.newTestButton.clicked.connect(self.new_test)
        current.changed.connect(lambda _p: self.show_latest())
        self.show_latest()

    # --- which view -----------------------------------------------------------------------
    def latest_screening(self) -> Screening | None:
        if self._current.id is None:
            return None
        return screening_from_results(self._store.results.for_profile(self._current.id))

    def show_latest(self) -> None:
        """Results and plan for the latest test; the guided test when there is none."""
        profile = self._current.profile
        results = self._store.results.for_profile(profile.id) if profile else []
        screening = screening_from_results(results)
        if profile is None or screening is None:
            self.new_test()
            return
        reports = [SideReport(s, previous_knee_to_wall(results, s.side, screening.taken_at))
                   for s in screening.sides]
        stalled = stalled_sides(results, self._training_days(profile.id))
        self.resultSummary.show_results(reports, screening.squat_heels_down, stalled,
                                        profile.unit, screening.taken_at)
        prescription = prescribe(screening, self._catalogue, profile.unit)
        saved = self._store.plans.current(profile.id)
        items = ([PlanItem.from_dict(raw) for raw in saved[0]] if saved
                 else prescription.items)
        self.planEditor.set_plan(items, prescription.summary_lines(), prescription.items,
                                 saved=saved is not None)
        self.stack.setCurrentWidget(self.results)

    def _training_days(self, profile_id: int) -> list[str]:
        """When each session with at least one finished set began."""
        trained = {s.session_id for s in self._store.training.sets_for_profile(profile_id)
                   if s.outcome is SetOutcome.COMPLETED}
        return [t.started_at for t in self._store.training.sessions(profile_id)
                if t.id in trained]

    def new_test(self) -> None:
        self.wizard.reset(self._current.profile)
        self.wizard.cancelButton.setVisible(self.latest_screening() is not None)
        self.stack.setCurrentWidget(self.wizard)

    # --- saving ---------------------------------------------------------------------------
    def save(self, entry: TestEntry) -> bool:
        """Store the test, the fist width and the plan it gives, all at once or not at all."""
        profile = self._current.profile
        if profile is None:
            return False
        taken_at = self._store.results.next_taken_at(profile.id)  # after any earlier test
        prescription = prescribe(entry.screening, self._catalogue, profile.unit)
        try:
            with self._store.db.atomic():
                if entry.fist_width_cm is not None and entry.fist_width_cm != \
                        profile.fist_width_cm:
                    self._store.profiles.set_fist_width(profile.id, entry.fist_width_cm)
                self._store.results.add(profile.id,
                                        entry.screening.to_results(taken_at, note=entry.note))
                self._store.plans.save(profile.id, [i.to_dict() for i in prescription.items])
        except sqlite3.Error as exc:
            self.wizard.formMessage.setText(f"Nothing was saved: the database refused it ({exc}).")
            return False
        if entry.fist_width_cm is not None and entry.fist_width_cm != profile.fist_width_cm:
            self._current.reload()  # other pages hear about the new fist width; shows results
        else:
            self.show_latest()
        self.testSaved.emit()
        return True
