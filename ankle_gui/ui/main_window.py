"""The main window: builds the pages and wires them together, in one place."""

# Elsewhere: the pages and how each is built (ui/pages.py), placement and full screen
# (ui/common/window_placement.py), the page list and page slots (ui/common/page_list.py,
# page_stack.py), the dialogs it opens (ui/data/data_windows.py), and what clinic mode
# changes, decided in ui/clinic/shared_screen.py through the window's hooks.

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from ankle_gui import __version__
from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.clock import Clock, utc_now
from ankle_gui.services.patient_access import PatientAccess
from ankle_gui.store import Store
from ankle_gui.ui.clinic.shared_screen import SharedScreen
from ankle_gui.ui.common.current_profile import CurrentProfile
from ankle_gui.ui.common.page_list import PageList
from ankle_gui.ui.common.page_stack import PageStack
from ankle_gui.ui.common.safety_notice import SafetyNotice
from ankle_gui.ui.common.who_is_here import WhoIsHere
from ankle_gui.ui.common.window_menus import window_menus
from ankle_gui.ui.common.window_placement import WindowPlacement
from ankle_gui.ui.data.data_windows import DataWindows
from ankle_gui.ui.data.outside_changes import OutsideChanges
from ankle_gui.ui.drill_in_window import DrillInWindow
from ankle_gui.ui.pages import (
    ALL_PAGES,
    FIRST_VISIT_PAGE,
    LANDING_PAGE,
    NEEDS_PROFILE,
    PAGES,
    PageMaker,
)
from ankle_gui.ui.profiles.profile_bar import ProfileBar
from ankle_gui.ui.train.cues import CueServices


class MainWindow(QMainWindow):
    def __init__(self, store: Store, catalogue: Catalogue, parent: QWidget | None = None, *,
                 cue_services: CueServices, clock: Clock = utc_now,
                 monotonic: Callable[[], float] = time.monotonic):
        """``clock`` (wall time: today's date on every page, the code and PIN waits) and
        ``monotonic`` (the idle time) are there for tests to set and move by hand."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"ankle_gui {__version__}")
        self.store = store
        self.clock = clock
        self.placement = WindowPlacement(self, store)
        self.catalogue = catalogue
        self.current = CurrentProfile(store, self)
        # Home mode, or clinic mode's welcome screen: who is at the screen decides the rest.
        self.who = WhoIsHere(PatientAccess(store, clock).start(), self)
        self.current.remember = not self.who.in_clinic
        self.current.settle_unsaved = self.settle_unsaved_plan
        self.current.settle_unfinished = self.settle_unfinished_test
        # Notices commits by other programs (a clinic command's import, say).
        self.outsideChanges = OutsideChanges(store, self)
        self.dataWindows = DataWindows(self, parent=self)

        # Built top-down, each widget made inside its final parent: under the app stylesheet
        # every move of a finished subtree to a new parent restyles all of it again.
        # Two screens: the pages, and (clinic mode only) the welcome screen over them all.
        self.screens = QStackedWidget(self)
        self.setCentralWidget(self.screens)
        central = QWidget(self.screens)
        central.setObjectName("workArea")
        self.screens.addWidget(central)
        self.profileBar = ProfileBar(store, central)
        # Until this profile has read it once: not medical advice, stop on sharp pain.
        self.safetyNotice = SafetyNotice(store, self.current, central, lambda: self.who.access)
        self.navigation = PageList(ALL_PAGES, PAGES, self, central)
        # Pages are built the first time they are shown: start-up pays only for the first.
        self.stack = PageStack(ALL_PAGES, PageMaker(store, catalogue, self.current,
                                                    cue_services, self.who, clock), central)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.profileBar)
        outer.addWidget(self.safetyNotice)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        outer.addLayout(body, 1)
        body.addWidget(self.navigation)
        body.addWidget(self.stack, 1)

        self._pages = self.stack.pages
        self._locked_pages: set[str] = set()  # need a profile, and there is none yet
        self._open_pages: tuple[str, ...] = PAGES  # what the person at the screen may see
        self.drill = DrillInWindow(self)   # what a running drill holds, and its full screen
        self.navigation.setRowHidden(ALL_PAGES.index("Patients"), True)

        (self.dataMenu, self.backupsAction, self.settingsMenu, self.settingsAction,
         self.clinicSettingsAction, self.helpMenu, self.aboutAction) = window_menus(self.menuBar())
        self.clinic = SharedScreen(self, self.who, clock, monotonic, parent=self)

        self._connect_signals()
        self.placement.place_on_screen()
        if self.who.in_clinic:
            self.clinic.start()  # the welcome screen: no page, no name
        else:
            self._start_at_home()
        self.prebuild_pages_later()

    def _start_at_home(self) -> None:
        self.current.restore()
        if self.current.profile is None:
            self.show_page("Profiles")
            self.profilesPage.nameEdit.setFocus()
        else:
            self.show_landing_page()

    def show_landing_page(self) -> None:
        """Where a person lands once their profile is open: Test until they have measured."""
        measured = self.store.results.count(self.current.id) > 0
        self.show_page(LANDING_PAGE if measured else FIRST_VISIT_PAGE)

    # --- pages, built on first use --------------------------------------------------------

    def page(self, name: str) -> QWidget:
        """The page called ``name``, built and wired the first time it is asked for."""
        return self.stack.page(name)

    def _page_built(self, name: str, page: QWidget) -> None:
        self._page_connections[name](page)
        self.clinic.fit_page(name, page)

    def built_page(self, name: str) -> QWidget | None:
        """The page if it has been built (None: nobody has needed it yet)."""
        return self._pages.get(name)

    def _warm_up_progress(self) -> None:
        progress = self._pages.get("Progress")
        if progress is not None:  # its charts next, pyqtgraph imported off the GUI thread
            progress.warm_up(lambda: not self.drill.running)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        # Back in front after the user ran a clinic command, say: show what it changed.
        if event.type() == event.Type.ActivationChange:
            self.outsideChanges.check()
        elif event.type() == event.Type.WindowStateChange:
            self.clinic.window_state_changed()  # a kiosk goes back to full screen

    # The Test page holds what could be lost (plan edits, a half-done test) and asks about it.
    def settle_unsaved_plan(self, then: Callable[[], object],
                            cancelled: Callable[[], object] | None = None) -> bool:
        test = self._pages.get("Test")
        return test is None or test.settle_unsaved_plan(then, cancelled)

    def settle_unfinished_test(self, then: Callable[[], object],
                               cancelled: Callable[[], object] | None = None) -> bool:
        test = self._pages.get("Test")
        return test is None or test.settle_unfinished_test(then, cancelled)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        # The plan and the test first, while their owner is still at the screen; the PIN after.
        if self.isVisible() and not self.current.settle_before_leaving(self.close):
            event.ignore()  # asked now; Save or Discard closes again
            return
        if self.isVisible() and not self.clinic.may_leave("quit the app", self.close):
            event.ignore()  # clinic mode: the PIN first (asked now), then closed again
            return
        self.stack.stop_prebuilding()
        self.outsideChanges.stop()
        try:
            self.placement.save()
        except Exception as exc:  # noqa: BLE001 - a read-only or full disk must not block closing
            logging.getLogger(__name__).warning(
                "Could not keep the window's place for next time: %s", exc)
        if "Train" in self._pages:  # a drill in progress: keep its finished sets, mark it
            self._pages["Train"].shutdown()
        super().closeEvent(event)

    # The two pages the window itself works with, by Qt-style names like the objectNames.
    profilesPage = property(lambda self: self.page("Profiles"))
    trainPage = property(lambda self: self.page("Train"))

    # --- wiring -------------------------------------------------------------------------------

    def _connect_signals(self) -> None:
        """Every connection between the window's parts and its pages, in one place.

        A page is built the first time it is shown, so its connections are listed here and
        made then. The window's dialogs pass their results on through ``dataWindows``; the
        shortcuts and timers are made where they are used.
        """
        self.navigation.currentRowChanged.connect(self._row_changed)
        self.navigation.pageWanted.connect(self.show_page)
        self.stack.pageBuilt.connect(self._page_built)
        self.stack.prebuildDone.connect(self._warm_up_progress)
        self.current.changed.connect(self._profile_changed)
        self.profileBar.profilePicked.connect(self._switch_profile)
        self.backupsAction.triggered.connect(self.dataWindows.open_backups)
        self.settingsAction.triggered.connect(lambda: self.trainPage.edit_timings())
        self.clinicSettingsAction.triggered.connect(self.dataWindows.open_clinic_settings)
        self.aboutAction.triggered.connect(self.dataWindows.open_about)
        self.dataWindows.resumeRequested.connect(self.resume_session)
        self.dataWindows.dataReplaced.connect(self._after_data_replaced)
        self.dataWindows.clinicModeChanged.connect(self.clinic.mode_changed)
        self.dataWindows.clinicSettingsChanged.connect(self.clinic.settings_changed)
        self.outsideChanges.changed.connect(self._after_outside_change)
        self.who.changed.connect(self.clinic.show_for)
        self.profileBar.doneButton.clicked.connect(self.leave_screen)
        self.profileBar.lockButton.clicked.connect(self.leave_screen)

        def patients(page):
            page.openPatientRequested.connect(self.open_patient)
            page.patientsChanged.connect(self._after_patients_changed)
            page.dataReplaced.connect(self._after_data_replaced)
            page.settingsChanged.connect(self.clinic.settings_changed)

        def profiles(page):
            page.profilesChanged.connect(
                lambda: self.profileBar.show_profile(self.current.profile))

        # Clinic mode's audit log keeps who changed the open record, and each file that left.
        def note(action: str, detail: str = "") -> None:
            self.clinic.record(action, self.current.id, detail)

        def test(page):
            page.startRequested.connect(self._start_plan)
            page.testSaved.connect(lambda: note("test_saved"))
            page.planSaved.connect(lambda: note("plan_saved"))

        def train(page):
            page.fullScreenWanted.connect(lambda on: self.drill.full_screen_wanted(page, on))
            page.runningChanged.connect(self.drill.running_changed)
            page.progressRequested.connect(lambda: self.show_page("Progress"))
            page.sessionEnded.connect(lambda _sid, why: note("session_ended", why))
            page.ratingsStored.connect(lambda _sid: note("ratings_saved"))

        def progress(page):
            page.testRequested.connect(lambda: self.show_page("Test"))
            page.dataImported.connect(self._show_profiles)
            page.actions.exported.connect(self.clinic.record)

        def drills(page):
            page.trainRequested.connect(self._train_drill)

        self._page_connections = {"Patients": patients, "Profiles": profiles, "Test": test,
                                  "Train": train, "Progress": progress, "Drills": drills}

    def _switch_profile(self, profile_id: int) -> None:
        if self.who.permissions.can_switch_profile:  # never a patient in clinic mode
            # Cancelled: the switcher shows the one still open.
            self.current.switch_to(self.store.profiles.get(profile_id), cancelled=lambda:
                                   self.profileBar.show_profile(self.current.profile))

    def leave_screen(self) -> None:
        """I'm done, or the clinician's Lock: unsaved plan edits and a half-done test are asked
        about first (the idle lock does not ask; see the README's clinic mode)."""
        why = "I'm done" if self.clinic.patient_here() else "Lock"
        if self.current.settle_before_leaving(lambda: self.clinic.back_to_welcome(why)):
            self.clinic.back_to_welcome(why)

    def _start_plan(self, items: list) -> None:
        """The Test page's plan, as edited there, goes straight into the drill player."""
        self.show_page("Train")
        self.page("Train").start_plan(items)

    def _train_drill(self, drill_id: str) -> None:
        if self.current.profile is None:
            self.show_page("Profiles")
            return
        self.trainPage.train_drill(drill_id)
        self.show_page("Train")

    def leave_player_full_screen(self) -> None:
        self.drill.full_screen(False)

    def offer_unfinished_sessions(self):
        return self.dataWindows.offer_unfinished_sessions()

    def resume_session(self, session_id: int, profile_id: int) -> bool:
        """Switch to the session's profile and carry it on in the player."""
        if not self.who.access.may_see(profile_id):
            return False
        self.current.set(self.store.profiles.get(profile_id))
        self.show_page("Train")
        return self.trainPage.resume_session(session_id)

    def open_patient(self, profile_id: int) -> None:
        """The clinician opens one patient from the dashboard, with every page and menu (not
        mid-drill: the sets belong to the person who started it, as with the switcher)."""
        if not self.who.access.may_see(profile_id) or self.drill.running:
            return
        try:
            profile = self.store.profiles.get(profile_id)
        except KeyError:
            return
        self.current.switch_to(profile, then=self.show_landing_page)

    def _after_data_replaced(self) -> None:
        """A restore or import swapped all data: every page re-reads it."""
        self.current.restore()
        self._show_profiles()

    def _after_outside_change(self) -> None:
        """Another program changed the data: profiles may be new, renamed or gone."""
        if self.clinic.patient_here() and self.current.id not in {
                p.id for p in self.store.profiles.all()}:
            self.clinic.back_to_welcome()  # the patient at the screen was deleted meanwhile
            return
        if self.current.profile is None:
            self.current.restore()  # the first profile may just have been created
        else:
            try:
                fresh = self.store.profiles.get(self.current.id)
            except KeyError:
                fresh = None
            if fresh != self.current.profile:
                self.current.reload()
        self._show_profiles()
        progress = self._pages.get("Progress")
        if progress is not None and progress.isVisible():
            progress.reload()

    def _after_patients_changed(self) -> None:
        """Patients created, renamed or deleted: a deleted one is no longer the one open."""
        self.current.reload()
        self._show_profiles()

    def _show_profiles(self) -> None:
        """Profiles came, went or changed (a CSV import, say): the lists that show them too."""
        self.profileBar.show_profile(self.current.profile)
        if self.drill.running:  # the refilled switcher stays locked until the drill ends
            self.drill.running_changed(True)
        if "Profiles" in self._pages:
            self._pages["Profiles"].refresh()
        if "Patients" in self._pages:
            self._pages["Patients"].reload()

    def show_page(self, name: str) -> None:
        if name in self._open_pages and name not in self._locked_pages:
            self.navigation.setCurrentRow(ALL_PAGES.index(name))

    def open_pages(self, names: tuple[str, ...]) -> None:
        """Only these pages may be seen, by row and by shortcut (clinic mode)."""
        self._open_pages = names
        self.navigation.show_only(names)

    def forget_pages(self) -> None:
        """The next person gets fresh pages: nothing the last one typed or saw stays."""
        train = self._pages.get("Train")
        if train is not None:
            train.shutdown()
        self.stack.forget()
        self.navigation.setCurrentRow(-1)  # the next person's first page is shown afresh
        # Pages listen through lambdas, which outlive them: cut every listener, then wire the
        # window's own again, in the order they were made.
        self.current.changed.disconnect()
        self.current.changed.connect(self.safetyNotice.show_for)
        self.current.changed.connect(self._profile_changed)
        self.who.changed.disconnect()
        self.who.changed.connect(self.clinic.show_for)
        self.drill.running_changed(False)

    def prebuild_pages_later(self) -> None:
        self.stack.prebuild(lambda: self._open_pages)

    def current_page_name(self) -> str:
        return ALL_PAGES[self.stack.currentIndex()]

    def _row_changed(self, row: int) -> None:
        if row >= 0 and ALL_PAGES[row] in self._open_pages:
            self.outsideChanges.check()  # a page shown is a page up to date
            self.page(ALL_PAGES[row])
            self.stack.setCurrentIndex(row)
            self.safetyNotice.step_aside(ALL_PAGES[row] == "Patients")
            self.clinic.page_shown(ALL_PAGES[row])

    def _profile_changed(self, profile) -> None:
        self.profileBar.show_profile(profile)
        # Timings belong to a profile; a patient gets them in the player, not the menu.
        self.settingsAction.setEnabled(profile is not None
                                       and self.who.permissions.can_settings)
        locked = set() if profile is not None else set(NEEDS_PROFILE)
        if locked != self._locked_pages:
            self._locked_pages = locked
            self.navigation.lock(locked, "open a patient" if self.who.in_clinic
                                 else "create a profile")
        if profile is None and self.current_page_name() in NEEDS_PROFILE:
            self.show_page("Profiles")
        self.show_title()

    def show_title(self) -> None:
        """The app and, at home, whose profile is open; in clinic mode never a name (the
        title shows in the window list and the task switcher, to the next person too)."""
        profile = self.current.profile
        named = profile is not None and not self.who.in_clinic
        self.setWindowTitle(f"ankle_gui {__version__}" + (f" — {profile.name}" if named else ""))
