"""The Test page: the guided test for both ankles, then what it means and the plan it gives."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.clock import utc_now
from ankle_gui.core.screening import Screening, screening_from_results
from ankle_gui.services.patient_access import HOME, Access
from ankle_gui.services.screening import ScreeningEntry, latest_test, record_test
from ankle_gui.store import Store, WriteRefusedError
from ankle_gui.ui.common.current_profile import CurrentProfile
from ankle_gui.ui.common.widgets import CurrentPageStack, OpenQuestion, label
from ankle_gui.ui.screening.plan_editor import PlanEditor
from ankle_gui.ui.screening.result_summary import ResultSummary
from ankle_gui.ui.screening.results_view import ResultsView
from ankle_gui.ui.screening.screening_wizard import ScreeningWizard
from ankle_gui.ui.screening.unfinished_test import ask_to_leave_test
from ankle_gui.ui.screening.unsaved_plan import ask_to_save_plan


class ScreeningPage(QWidget):
    testSaved = Signal()
    planSaved = Signal()           # the plan editor's Save (clinic mode's audit log notes it)
    startRequested = Signal(list)  # the plan editor's: list[PlanItem], as edited and saved

    def __init__(self, store: Store, catalogue: Catalogue, current: CurrentProfile,
                 parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = utc_now,
                 access: Callable[[], Access] = lambda: HOME):
        super().__init__(parent)
        self.setObjectName("pageTest")
        self._access = access  # who is at the screen: the plan editor saves for them
        self._clock = clock   # the pain rules look back from today
        self._store = store
        self._catalogue = catalogue
        self._current = current
        # Each part made inside its final parent, as in the main window: under the app
        # stylesheet, a finished subtree moved to a new parent is restyled all over again.
        self.stack = CurrentPageStack(self)
        self.wizard = ScreeningWizard(self.stack)
        self.stack.addWidget(self.wizard)
        self._results: ResultsView | None = None
        self.plan_question = OpenQuestion()   # "Save the changes to …'s plan?"
        self.test_question = OpenQuestion()   # "Leave …'s test unfinished?"

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.addWidget(label("Test", "title"))
        layout.addWidget(self.stack, 1)

        self.wizard.submitted.connect(self.save)
        self.wizard.cancelButton.clicked.connect(self.show_latest)
        current.changed.connect(lambda _p: self._profile_changed())
        self.show_latest()

    # --- the results, built the first time they are shown -----------------------------------
    # Someone never measured starts on the guided test: a first visit does not pay for the
    # results and the plan editor before its window is up.
    @property
    def results(self) -> ResultsView:
        if self._results is None:
            self._results = ResultsView(self._store, self._catalogue, self._current, self.stack,
                                        access=self._access)
            self.stack.addWidget(self._results)
            self._results.newTestButton.clicked.connect(self.new_test)
            self._results.planEditor.startRequested.connect(self.startRequested)
            self._results.planEditor.planSaved.connect(self.planSaved)
        return self._results

    @property
    def planEditor(self) -> PlanEditor:  # noqa: N802 (Qt-style names, like the objectNames)
        return self.results.planEditor

    def built_plan_editor(self) -> PlanEditor | None:
        """The plan editor if the results were ever shown (None: nothing to ask about)."""
        return self._results.planEditor if self._results is not None else None

    @property
    def resultSummary(self) -> ResultSummary:  # noqa: N802
        return self.results.resultSummary

    # --- which view -----------------------------------------------------------------------
    def latest_screening(self) -> Screening | None:
        if self._current.id is None:
            return None
        return screening_from_results(self._store.results.for_profile(self._current.id),
                                      self._store.results.records(self._current.id))

    def show_latest(self) -> None:
        """Results and plan for the latest test; the guided test when there is none."""
        profile = self._current.profile
        latest = (latest_test(self._store, self._catalogue, profile, self._clock)
                  if profile is not None else None)
        if profile is None or latest is None:
            self.new_test()
            return
        self.results.show_screening(profile, latest)
        self.stack.setCurrentWidget(self.results)

    def has_unfinished_test(self) -> bool:
        """The guided test is open with answers not saved: asked about before they are lost."""
        return self.stack.currentWidget() is self.wizard and self.wizard.has_answers()

    # --- before work on this page is lost: asked, never blocking -------------------------------
    def settle_unsaved_plan(self, then: Callable[[], object],
                            cancelled: Callable[[], object] | None = None) -> bool:
        """True when no plan edit is unsaved. Otherwise the person is asked Save / Discard /
        Cancel, and ``then`` runs after Save or Discard."""
        editor = self.built_plan_editor()
        if editor is None or not editor.has_unsaved_edits():
            return True
        self.plan_question.ask(lambda: ask_to_save_plan(editor, self.window(), then, cancelled))
        return False

    def settle_unfinished_test(self, then: Callable[[], object],
                               cancelled: Callable[[], object] | None = None) -> bool:
        """True when no guided test is half done. Otherwise the person is asked Leave it /
        Cancel, and ``then`` runs after Leave it."""
        if not self.has_unfinished_test():
            return True
        self.test_question.ask(lambda: ask_to_leave_test(
            self.wizard.owner_name(), self.drop_unfinished_test, self.window(), then, cancelled))
        return False

    def drop_unfinished_test(self) -> None:
        self.wizard.reset(self._current.profile)
        self.show_latest()

    def _profile_changed(self) -> None:
        profile = self._current.profile
        if self.has_unfinished_test() and self.wizard.owned_by(profile):
            # A rename or a new unit: the same person carries on where they were.
            self.wizard.load_profile(profile, keep_answers=True)
            return
        self.show_latest()

    def new_test(self) -> None:
        self.wizard.reset(self._current.profile)
        self.wizard.cancelButton.setVisible(self.latest_screening() is not None)
        self.stack.setCurrentWidget(self.wizard)

    # --- saving ---------------------------------------------------------------------------
    def save(self, entry: ScreeningEntry) -> bool:
        """Store the test, the fist width and the plan it gives, all at once or not at all."""
        profile = self._current.profile
        if profile is None:
            return False
        try:
            fist_changed = record_test(self._store, self._catalogue, profile, entry)
        except WriteRefusedError as exc:
            self.wizard.formMessage.setText(f"Nothing was saved: the database refused it ({exc}).")
            return False
        self.wizard.reset(profile)  # saved: nothing left to ask about
        if self._results is not None:  # the new test's plan replaces the one being edited
            self._results.planEditor.discard_changes()
        if fist_changed:
            self._current.reload()  # other pages hear about the new fist width; shows results
        else:
            self.show_latest()
        self.testSaved.emit()
        return True
