"""What a running drill does to the main window.

Its sets belong to the person who started it, so nobody switches or deletes a profile
until it ends. The player may take the whole screen, hiding the window's bars, and give it
back; in clinic mode a patient leaves full screen only with the PIN.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QMenuBar, QWidget

from ankle_gui.core.session_events import EndReason
from ankle_gui.ui.clinic.shared_screen import SharedScreen
from ankle_gui.ui.common.who_is_here import WhoIsHere
from ankle_gui.ui.common.window_placement import WindowPlacement
from ankle_gui.ui.profiles.profile_bar import ProfileBar

if TYPE_CHECKING:  # the Train page's module is loaded when the page is first built
    from ankle_gui.ui.train.train_page import TrainPage


class DrillWindow(Protocol):
    """The parts of the main window a drill takes over (ui/main_window.py)."""

    navigation: QWidget
    profileBar: ProfileBar
    placement: WindowPlacement
    who: WhoIsHere
    clinic: SharedScreen

    def menuBar(self) -> QMenuBar: ...  # noqa: N802 - Qt's own name
    def built_page(self, name: str) -> QWidget | None: ...
    def current_page_name(self) -> str: ...


class DrillInWindow:
    def __init__(self, window: DrillWindow):
        self._window = window
        self.running = False

    def running_changed(self, running: bool) -> None:
        """A drill started or ended: the switcher and the Profiles page wait for its end."""
        self.running = running
        picker = self._window.profileBar.picker
        picker.setEnabled(not running and picker.count() > 0)
        picker.setToolTip("Finish or stop the drill to switch profile" if running
                          else "Switch to another person's profile")
        profiles = self._window.built_page("Profiles")
        if profiles is not None:
            profiles.setEnabled(not running)

    def full_screen_wanted(self, page: TrainPage, on: bool) -> None:
        """The player asks for full screen, or to leave it. In clinic mode a patient leaves
        the window's full screen only with the PIN: asked mid-drill (F11) and after a stop
        (Esc, Stop); a drill that ended brings its navigation back either way."""
        clinic = self._window.clinic
        if on or clinic.leaves_freely():
            self.full_screen(on)
        elif page.running:
            if clinic.may_leave("leave full screen", lambda: page.set_full_screen(False)):
                self.full_screen(False)
            else:
                page.set_full_screen(True)  # back on until the PIN is given
        else:
            # The summary, the ratings and "I'm done" need the window's bars back; the
            # stop itself (and every finished set) never waits for the PIN.
            self.full_screen(False, stay=True)
            if page.end_reason is EndReason.USER and not clinic.kiosk:
                clinic.may_leave("leave full screen", lambda: self.full_screen(False))

    def full_screen(self, on: bool, *, stay: bool = False) -> None:
        """The drill player fills the screen: hide the navigation and profile bar too.
        ``stay``: the bars come back but the window stays full screen (a kiosk always)."""
        w = self._window
        w.navigation.setVisible(not on)
        w.profileBar.setVisible(not on)
        w.menuBar().setVisible(not on and w.who.permissions.can_settings)
        w.clinic.page_shown(w.current_page_name())  # the programme line goes too
        w.placement.full_screen(on, stay=stay or w.clinic.kiosk)
