"""Clinic mode in the window: who is at the shared PC decides what the window shows.

The welcome screen shows no names. A patient sees only their own Test, Train, Progress and
the Drills, with no switcher, no other profile and none of the data menus; the clinician
sees everything plus the Patients page. "I'm done", "Lock" and a few quiet minutes all go
back to the welcome screen, and nothing of the last person stays: their pages are rebuilt
and every dialog is closed. Home mode passes straight through (``may_leave`` says yes,
``show_for`` opens everything) and never builds any of this.
"""

# Long file: every change clinic mode makes to the window is here, so that what a patient
# can reach is read (and reviewed) in one place.

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMenuBar, QStackedWidget, QWidget

from ankle_gui.core.clinic import Role
from ankle_gui.services.idle_lock import lock_screen
from ankle_gui.services.patient_access import Access, PatientAccess
from ankle_gui.store import Store
from ankle_gui.ui.clinic.idle_watch import IdleWatch
from ankle_gui.ui.clinic.pin_dialog import PinDialog
from ankle_gui.ui.clinic.welcome_screen import WelcomeScreen
from ankle_gui.ui.common.current_profile import CurrentProfile
from ankle_gui.ui.common.file_dialogs import no_dialogs_for_patient, own_dialogs_only
from ankle_gui.ui.common.who_is_here import WhoIsHere
from ankle_gui.ui.common.widgets import label
from ankle_gui.ui.pages import ALL_PAGES, PAGES
from ankle_gui.ui.profiles.profile_bar import ProfileBar

PATIENT_PAGES = ("Test", "Train", "Progress", "Drills")


class ClinicWindow(Protocol):
    """What clinic mode reaches in the main window (ui/main_window.py): its parts, the
    hooks for its pages, and the Qt window calls the kiosk needs."""

    store: Store
    current: CurrentProfile
    screens: QStackedWidget          # the pages, and the welcome screen over them
    profileBar: ProfileBar
    dataMenu: QMenu
    settingsMenu: QMenu
    backupsAction: QAction
    settingsAction: QAction
    clinicSettingsAction: QAction

    def open_pages(self, names: tuple[str, ...]) -> None: ...
    def built_page(self, name: str) -> QWidget | None: ...
    def current_page_name(self) -> str: ...
    def show_page(self, name: str) -> None: ...
    def show_landing_page(self) -> None: ...
    def prebuild_pages_later(self) -> None: ...
    def forget_pages(self) -> None: ...
    def offer_unfinished_sessions(self) -> object: ...
    def leave_player_full_screen(self) -> None: ...

    # Qt's own names (QMainWindow)
    def menuBar(self) -> QMenuBar: ...  # noqa: N802
    def isVisible(self) -> bool: ...  # noqa: N802
    def isFullScreen(self) -> bool: ...  # noqa: N802
    def setWindowFlag(self, flag: Qt.WindowType, on: bool = True) -> None: ...  # noqa: N802
    def setWindowState(self, state: Qt.WindowState) -> None: ...  # noqa: N802
    def showFullScreen(self) -> None: ...  # noqa: N802
    def showMaximized(self) -> None: ...  # noqa: N802


def pages_for(role: Role) -> tuple[str, ...]:
    return {Role.HOME: PAGES, Role.CLINICIAN: ALL_PAGES, Role.PATIENT: PATIENT_PAGES,
            Role.WELCOME: ()}[role]


def programme_words(sessions_per_week: int, retest_weeks: int, from_physio: bool) -> str:
    sessions = f"{sessions_per_week} session{'s' if sessions_per_week != 1 else ''} a week"
    weeks = "every week" if retest_weeks == 1 else f"every {retest_weeks} weeks"
    whose = "Your programme, from your physio" if from_physio else "Your programme"
    return f"{whose}: {sessions}, and a new test {weeks}."


def close_open_windows(window: QWidget) -> None:
    """Close every menu, dialog, message box and file dialog over the window, as Cancel
    would: the next person must not find the last one's question or file list."""
    app = QApplication.instance()
    for _ in range(20):  # nested popups (a menu's submenu) close one at a time
        popup = app.activePopupWidget()
        if popup is None:
            break
        popup.close()
    for widget in app.topLevelWidgets():
        if widget is not window and isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


class SharedScreen(QObject):
    def __init__(self, window: ClinicWindow, who: WhoIsHere, clock: Callable[[], datetime],
                 monotonic: Callable[[], float], parent: QObject | None = None):
        super().__init__(parent)
        self._window = window
        self._who = who
        self.clock = clock          # wall time, for the waits after wrong codes and PINs
        self._monotonic = monotonic
        self.welcome = None        # built the first time clinic mode needs each of these
        self.idleWatch = None
        self.programmeNote = None
        self.pinDialog = None
        self.kiosk = False         # frameless full screen, applied now
        self._pin_given = False    # the PIN was just typed: the next quit or leave passes

    def _access(self) -> PatientAccess:
        return PatientAccess(self._window.store, self.clock)

    def start(self) -> None:
        """Clinic mode at start-up: the welcome screen, never the last patient."""
        self.show_for(self._who.access)
        self._fit_kiosk()

    def patient_here(self) -> bool:
        return self._who.role is Role.PATIENT

    def record(self, action: str, profile_id: int | None = None, detail: str = "") -> None:
        """Into clinic mode's audit log, with who is at the screen (at home: nothing)."""
        self._access().record(self._who.access, action, profile_id, detail)

    # --- what each person sees ------------------------------------------------------------

    def show_for(self, access: Access) -> None:
        """Fit the window to who is at the screen now (each time WhoIsHere changes)."""
        w = self._window
        role, may = access.role, access.permissions
        w.current.remember = role is Role.HOME
        own_dialogs_only(role is not Role.HOME)  # a file dialog the lock can close
        no_dialogs_for_patient(not may.can_choose_files)
        w.show_title()
        if role is Role.WELCOME:
            self._ensure_welcome()
            self.welcome.reset()
            w.screens.setCurrentWidget(self.welcome)
        else:
            w.screens.setCurrentIndex(0)  # the pages
        w.menuBar().setVisible(may.can_settings and not w.profileBar.isHidden())
        for menu, allowed in ((w.dataMenu, may.can_backup), (w.settingsMenu, may.can_settings)):
            menu.menuAction().setVisible(allowed)
            menu.menuAction().setEnabled(allowed)
        for action, allowed in ((w.backupsAction, may.can_backup),
                                (w.clinicSettingsAction, may.can_settings),
                                (w.settingsAction, may.can_settings)):
            action.setVisible(allowed)
            action.setEnabled(allowed)
        w.settingsAction.setEnabled(may.can_settings and w.current.profile is not None)
        w.profileBar.set_role(role)
        w.profileBar.show_profile(w.current.profile)
        pages = pages_for(role)
        w.open_pages(pages)
        for name in pages:
            page = w.built_page(name)
            if page is not None:
                self.fit_page(name, page)
        if role is not Role.WELCOME and pages and w.current_page_name() not in pages:
            if w.current.profile is not None and role is not Role.CLINICIAN:
                w.show_landing_page()
            else:
                w.show_page(pages[0])
        self._watch_idle(role is not Role.HOME)
        if role is Role.HOME:
            self._leave_kiosk()
        self._show_programme(w.current_page_name() == "Train")

    def fit_page(self, name: str, page: QWidget) -> None:
        """A page's own ways out: a patient exports only their own results, imports none,
        and saves only into the clinic's folder, under a name the app chooses; in clinic
        mode no saved file is opened in another program."""
        if name != "Progress":
            return
        may = self._who.permissions
        for thing, allowed in ((page.exportAllProfilesAction, may.can_export_all),
                               (page.importCsvButton, may.can_import)):
            thing.setVisible(allowed)
            thing.setEnabled(allowed)
        page.savedBar.fit(may_open=not self._who.in_clinic, for_patient=not may.can_choose_files)
        if may.can_choose_files:
            return
        folder = self._window.store.clinic.settings().export_folder
        if folder:
            tip = "Saved in the clinic's folder; ask at the desk for a copy"
        else:
            tip = "The clinic has not set a folder for saved files: print it instead"
        for thing, text in ((page.exportPdfButton, "Save PDF"),
                            (page.saveHandoutAction, "Save handout as PDF"),
                            (page.exportThisProfileAction, "This profile")):
            thing.setText(text)  # no "…": no dialog follows
            thing.setToolTip(tip)
            thing.setEnabled(bool(folder))
        page.exportsAllowed = bool(folder)

    def page_shown(self, name: str) -> None:
        if self._who.in_clinic:
            self._show_programme(name == "Train")

    def _show_programme(self, on_train: bool) -> None:
        """On the Train page, a patient sees the programme their physio set (not over the
        player's full screen, which hides the profile bar too)."""
        w = self._window
        profile = w.current.profile
        shown = on_train and self.patient_here() and profile is not None \
            and not w.profileBar.isHidden()
        programme = w.store.clinic.programme(profile.id) if shown else None
        if programme is None:
            if self.programmeNote is not None:
                self.programmeNote.hide()
            return
        if self.programmeNote is None:
            self.programmeNote = label("", "subtitle", w.screens.widget(0))
            self.programmeNote.setObjectName("programmeNote")
            self.programmeNote.setContentsMargins(20, 8, 20, 8)
            w.screens.widget(0).layout().insertWidget(2, self.programmeNote)
        self.programmeNote.setText(programme_words(
            programme.sessions_per_week, programme.retest_weeks, programme.from_physio))
        self.programmeNote.show()

    def _ensure_welcome(self) -> None:
        if self.welcome is None:
            w = self._window
            self.welcome = WelcomeScreen(w.store, self._access(), w.screens)
            w.screens.addWidget(self.welcome)
            self.welcome.patientOpened.connect(self._patient_in)
            self.welcome.clinicianWanted.connect(self.ask_clinician)

    # --- the ways in --------------------------------------------------------------------------

    def _patient_in(self, access: Access) -> None:
        w = self._window
        w.current.set(access.profile)
        self._who.set(access)
        w.show_landing_page()
        w.prebuild_pages_later()
        QTimer.singleShot(0, w.offer_unfinished_sessions)  # their own, if any

    def ask_clinician(self) -> QDialog:
        dialog = self._ask_pin("Type the clinic's PIN to open the clinician's side.")
        dialog.unlocked.connect(self._clinician_in)
        return dialog

    def _clinician_in(self, access: Access) -> None:
        self._who.set(access)
        self._window.show_page("Patients")
        self._window.page("Patients").on_arrival()  # wrong PINs and codes since last time
        self._window.prebuild_pages_later()

    def _ask_pin(self, why: str):
        if self.pinDialog is not None and self.pinDialog.isVisible():
            self.pinDialog.reject()
        dialog = PinDialog(self._access(), why, self._window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.destroyed.connect(lambda: self._forget_pin_dialog(dialog))
        self.pinDialog = dialog
        dialog.open()
        return dialog

    def _forget_pin_dialog(self, dialog) -> None:
        if self.pinDialog is dialog:
            self.pinDialog = None

    def leaves_freely(self) -> bool:
        """Home mode, the clinician, or the PIN just given: quit or leave full screen
        without asking."""
        return not self._who.in_clinic or self._who.permissions.can_quit_freely \
            or self._pin_given

    def may_leave(self, what: str, then: Callable[[], object]) -> bool:
        """Whether the person at the screen may ``what`` (quit, leave full screen) now. In
        clinic mode a patient, or nobody, needs the PIN: it is asked, and ``then`` runs
        after the right one."""
        if self.leaves_freely():
            return True
        dialog = self._ask_pin(f"Type the clinic's PIN to {what}.")
        dialog.unlocked.connect(lambda _access: self._let_go(then))
        return False

    def _let_go(self, then: Callable[[], object]) -> None:
        self._pin_given = True
        try:
            then()
        finally:
            self._pin_given = False

    # --- back to the welcome screen -------------------------------------------------------

    def back_to_welcome(self, why: str = "") -> None:
        """I'm done, Lock, or nobody there ("idle"): close all of the last person's work."""
        if not self._who.in_clinic:
            return
        w = self._window
        session_id = self._end_drill()
        close_open_windows(w)
        w.leave_player_full_screen()
        access = lock_screen(w.store, session_id, self.clock, leaving=self._who.access,
                             why=why)
        w.current.set(None)
        w.forget_pages()
        self._who.set(access)
        self._fit_kiosk()
        # A dialog closed above may have opened another as it returned (a "nothing was
        # saved" note, say): close that one too, once the event loop has run it.
        QTimer.singleShot(0, lambda: close_open_windows(w))

    def _end_drill(self) -> int | None:
        """Stop a drill left open. The lock closes its session (interrupted, its finished
        sets kept, no reason given), so the page must not close it as "quit" first."""
        train = self._window.built_page("Train")
        if train is None or not train.running:
            return None
        session_id = train.session_id
        train.player.blockSignals(True)
        train.player.stop_for_quit()
        return session_id

    def _drill_running(self) -> bool:
        """A drill phase the clock drives (a timer, paced reps): the person is busy at arm's
        length. Self-paced reps waiting for Space, like a pause, are not activity."""
        train = self._window.built_page("Train")
        return train is not None and train.running and train.player.engine.clock_driven

    def _watch_idle(self, on: bool) -> None:
        if on and self.idleWatch is None:
            self.idleWatch = IdleWatch(self._drill_running, self._monotonic,
                                       self._window.store.clinic.settings().idle_minutes, self)
            self.idleWatch.idle.connect(lambda: self.back_to_welcome("idle"))
        if self.idleWatch is None:
            return
        if on:  # each new person gets the full wait, as set now (a command may have changed it)
            self.idleWatch.set_minutes(self._window.store.clinic.settings().idle_minutes)
            self.idleWatch.start()
        else:
            self.idleWatch.stop()

    # --- the clinician's settings ---------------------------------------------------------

    def settings_changed(self) -> None:
        """Idle time, kiosk or the clinic's name changed (or clinic mode was turned off from
        the dashboard's own settings): use them from now on."""
        settings = self._window.store.clinic.settings()
        if (settings.mode == "clinic") != self._who.in_clinic:
            self.mode_changed(settings.mode)
        if self.idleWatch is not None:
            self.idleWatch.set_minutes(settings.idle_minutes)
        if not settings.kiosk:
            self._leave_kiosk()  # kiosk on waits for the next welcome screen

    def mode_changed(self, mode: str) -> None:
        """Clinic mode turned on (the clinician is the one at the screen) or off."""
        if mode == "clinic":
            self._who.set(Access(Role.CLINICIAN))
            self._window.show_page("Patients")
        else:
            self._who.set(Access(Role.HOME))

    # --- kiosk: full screen without the window's frame ------------------------------------

    def _fit_kiosk(self) -> None:
        if not (self._who.in_clinic and self._window.store.clinic.settings().kiosk):
            self._leave_kiosk()
            return
        w = self._window
        shown = w.isVisible()  # a new window flag hides the window: show it again
        if not self.kiosk:
            self.kiosk = True
            w.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        if shown:
            w.showFullScreen()
        else:  # start-up: the window shows full screen when it is first shown
            w.setWindowState(Qt.WindowState.WindowFullScreen)

    def _back_from_minimised(self) -> None:
        from PySide6.QtCore import Qt

        w = self._window
        if not self.kiosk:
            return
        w.setWindowState((w.windowState() & ~Qt.WindowState.WindowMinimized)
                         | Qt.WindowState.WindowFullScreen)
        w.showFullScreen()
        w.raise_()
        w.activateWindow()

    def _leave_kiosk(self) -> None:
        if not self.kiosk:
            return
        w = self._window
        self.kiosk = False
        shown = w.isVisible()
        w.setWindowFlag(Qt.WindowType.FramelessWindowHint, False)
        if shown:
            w.showMaximized()

    def window_state_changed(self) -> None:
        """The window left full screen in kiosk mode (a window manager's key, say), or was
        minimised (openbox's Alt+Space → Iconify): back at once, unless the clinician is
        here or the PIN is given."""
        w = self._window
        if self.kiosk and w.isMinimized() and not self.leaves_freely():
            QTimer.singleShot(0, self._back_from_minimised)
            return
        if not self.kiosk or w.isFullScreen() or not w.isVisible():
            return
        if self.may_leave("leave full screen", self._leave_kiosk):
            self._leave_kiosk()
        else:
            QTimer.singleShot(0, w.showFullScreen)
