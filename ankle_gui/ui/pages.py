"""The window's pages: their names, who may see which, and how each is built.

Each page's module is imported the first time the page is built, so start-up pays only for
the page a person lands on; the others are built once the window has been idle a moment.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtWidgets import QWidget

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.clock import Clock
from ankle_gui.store import Store
from ankle_gui.ui.common.current_profile import CurrentProfile
from ankle_gui.ui.common.who_is_here import WhoIsHere
from ankle_gui.ui.train.cues import CueServices

PAGES = ("Profiles", "Test", "Train", "Progress", "Drills")
# Clinic mode: the clinician's Patients page comes first; it has no row for anyone else.
ALL_PAGES = ("Patients", *PAGES)
NEEDS_PROFILE = {"Test", "Train", "Progress"}
LANDING_PAGE = "Train"  # a returning user most often comes back to train
FIRST_VISIT_PAGE = "Test"  # someone never measured starts by measuring


class PageMaker(NamedTuple):
    """What the window hands its pages; called with a page's name and parent, builds it."""

    store: Store
    catalogue: Catalogue
    current: CurrentProfile
    cue_services: CueServices
    who: WhoIsHere   # who is at the screen
    clock: Clock     # the wall clock: what pages stamp and show, clinic mode's waits

    def __call__(self, name: str, parent: QWidget) -> QWidget:
        if name == "Patients":  # the clinician's dashboard, in clinic mode only
            from ankle_gui.ui.clinic.dashboard_page import PatientsDashboard

            return PatientsDashboard(self.store, self.catalogue, self.who, parent,
                                     clock=self.clock)
        if name == "Profiles":
            from ankle_gui.ui.profiles.profiles_page import ProfilesPage

            return ProfilesPage(self.store, self.current, parent,
                                access=lambda: self.who.access, clock=self.clock)
        if name == "Test":
            from ankle_gui.ui.screening.screening_page import ScreeningPage

            return ScreeningPage(self.store, self.catalogue, self.current, parent,
                                 clock=self.clock, access=lambda: self.who.access)
        if name == "Train":
            from ankle_gui.ui.train.train_page import TrainPage

            return TrainPage(self.store, self.catalogue, self.current, parent,
                             cue_services=self.cue_services, access=lambda: self.who.access,
                             wall=self.clock)
        if name == "Progress":
            from ankle_gui.ui.progress.progress_page import ProgressPage

            return ProgressPage(self.store, self.current, self.catalogue, parent,
                                clock=self.clock, access=lambda: self.who.access)
        from ankle_gui.ui.drills.drills_page import DrillsPage

        return DrillsPage(self.catalogue, parent)
