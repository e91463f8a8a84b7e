"""One patient's programme: the plan (in the Test page's plan editor), sessions per week and
the retest interval. The dashboard's planned sessions and its retest flag follow them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.clinic import DEFAULT_RETEST_WEEKS, RETEST_WEEKS, SESSIONS_PER_WEEK
from ankle_gui.core.clock import utc_now
from ankle_gui.core.profile import Profile
from ankle_gui.services.clinic_settings import ClinicSettingsService
from ankle_gui.services.errors import ServiceError
from ankle_gui.services.patient_access import Access, PatientAccess
from ankle_gui.services.plans import save_plan
from ankle_gui.services.screening import latest_test
from ankle_gui.store import Store
from ankle_gui.ui.common.widgets import label, set_role
from ankle_gui.ui.screening.plan_editor import PlanEditor


class _ThisPatient(NamedTuple):
    """What the plan editor asks of "the current profile": here, always this patient."""

    id: int
    profile: Profile


class ProgrammeDialog(QDialog):
    def __init__(self, store: Store, catalogue: Catalogue, access: Access, profile: Profile,
                 parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = utc_now):
        super().__init__(parent)
        self.setObjectName("programmeDialog")
        self.setWindowTitle(f"Programme – {profile.name}")
        self.resize(760, 620)
        self._store, self._access, self._profile = store, access, profile
        self._settings = ClinicSettingsService(store, clock)
        self._clock = clock

        self.planEditor = PlanEditor(store, catalogue, _ThisPatient(profile.id, profile), self)
        # The dialog's Save keeps plan and programme together; the player is not started here.
        self.planEditor.startPlanButton.hide()
        self.planEditor.savePlanButton.hide()
        self.planEditor.state.hide()  # its words are about starting and saving here
        for heading in self.planEditor.findChildren(QLabel):
            if heading.text() == "Your plan":  # the editor speaks to the patient
                heading.setText(f"{profile.name}'s plan")
        # The same suggestion as the Test page: borderline results and safety holds included.
        latest = latest_test(store, catalogue, profile, clock)
        prescription = latest.prescription if latest is not None else None
        self.planEditor.held = prescription.held if prescription else []
        suggested = prescription.items if prescription else []
        why = prescription.summary_lines() if prescription else [
            "No full test yet, so no plan is suggested: add drills below."]
        saved = store.plans.current(profile.id)
        self._saved_per_week = saved[1] if saved else None
        self.planEditor.set_plan(saved[0] if saved else suggested, why, suggested,
                                 saved=saved is not None)

        programme = self._settings.programme(profile.id)
        self.sessionsSpin = QSpinBox()
        self.sessionsSpin.setObjectName("sessionsPerWeekSpin")
        self.sessionsSpin.setRange(*SESSIONS_PER_WEEK)
        self.sessionsSpin.setValue(programme.sessions_per_week if programme
                                   else self._saved_per_week or 3)
        self.sessionsSpin.setSuffix(" a week")
        self.retestSpin = QSpinBox()
        self.retestSpin.setObjectName("retestWeeksSpin")
        self.retestSpin.setRange(*RETEST_WEEKS)
        self.retestSpin.setValue(programme.retest_weeks if programme else DEFAULT_RETEST_WEEKS)
        self.retestSpin.setPrefix("every ")
        self.retestSpin.setSuffix(" weeks")
        form = QFormLayout()
        form.addRow("Sessions", self.sessionsSpin)
        form.addRow("Knee-to-wall retest", self.retestSpin)

        self.message = label("", "hint")
        self.message.setObjectName("programmeMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.planEditor, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def save(self) -> bool:
        per_week = self.sessionsSpin.value()
        items = self.planEditor.items()
        try:
            self._settings.set_programme(self._access, self._profile.id, per_week,
                                         self.retestSpin.value(), from_physio=True)
        except ServiceError as exc:
            self.message.setText(str(exc))
            set_role(self.message, "error")
            return False
        # A plan keeps every version, so a new one only when something in it changed.
        if items and (self.planEditor.is_dirty() or per_week != self._saved_per_week):
            save_plan(self._store, self._profile.id, items, per_week, access=self._access)
            PatientAccess(self._store, self._clock).record(
                self._access, "plan_saved", self._profile.id, "with the programme")
        self.accept()
        return True
