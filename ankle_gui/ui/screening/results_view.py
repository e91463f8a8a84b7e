"""After a test: what it means on the left, the plan it leads to on the right."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.profile import Profile
from ankle_gui.core.side_report import SideReport, previous_knee_to_wall
from ankle_gui.services.patient_access import HOME, Access
from ankle_gui.services.screening import LatestTest
from ankle_gui.store import Store
from ankle_gui.ui.common.current_profile import CurrentProfile
from ankle_gui.ui.common.widgets import label
from ankle_gui.ui.screening.plan_editor import PlanEditor
from ankle_gui.ui.screening.result_summary import ResultSummary


class ResultsView(QWidget):
    def __init__(self, store: Store, catalogue: Catalogue, current: CurrentProfile,
                 parent: QWidget | None = None, *, access: Callable[[], Access] = lambda: HOME):
        super().__init__(parent)
        self.setObjectName("resultsView")
        self._store = store
        self._catalogue = catalogue
        self.resultSummary = ResultSummary()
        self.planEditor = PlanEditor(store, catalogue, current, access=access)
        self.newTestButton = QPushButton("Test again")
        self.newTestButton.setObjectName("newTestButton")
        self.newTestButton.setMinimumHeight(44)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        header = QHBoxLayout()
        header.addWidget(label("What your test shows", "subtitle"), 1)
        header.addWidget(self.newTestButton)
        left_layout.addLayout(header)
        left_layout.addWidget(self.resultSummary, 1)
        # How the test led to the plan, under the results: the plan's column keeps its
        # height for the list, so a plan of four or five drills shows whole at 1366×768.
        why = self.planEditor.why
        self.planEditor.layout().removeWidget(why)
        # The suggestion, which a saved plan edited by hand may differ from.
        self.whyTitle = label("What this test suggests", "subtitle")
        left_layout.addWidget(self.whyTitle)
        left_layout.addWidget(why)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.planEditor)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        # The plan's side a little wider: its rows wrap less, so more of them show at once.
        splitter.setSizes([520, 610])
        left.setMinimumWidth(460)
        right.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def show_screening(self, profile: Profile, latest: LatestTest) -> None:
        """What the latest test means, and the plan: the saved one, or the one it
        prescribes."""
        screening, results = latest.screening, latest.results
        reports = [SideReport(s, previous_knee_to_wall(results, s.side, screening.taken_at),
                              latest.decisions.get(s.side)) for s in screening.sides]
        cautions = [f for f in latest.findings if f.caution_only]
        self.resultSummary.show_results(reports, screening.squat_heels_down, latest.advice,
                                        profile.unit, screening.taken_at, cautions)
        prescription = latest.prescription
        self.planEditor.held = prescription.held
        saved = self._store.plans.current(profile.id)
        items = saved[0] if saved else prescription.items
        self.planEditor.set_plan(items, prescription.summary_lines(), prescription.items,
                                 saved=saved is not None)
