"""The main window: builds the pages and wires them together, in one place."""

# Long file: the window's own jobs (pages, menu, shortcuts, full screen, closing) and
# the wiring between pages, which STYLE.md wants readable in one screen.

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ankle_gui import __version__
from ankle_gui.core.catalogue import Catalogue
from ankle_gui.store import Store
from ankle_gui.ui.common.current_profile import CurrentProfile
from ankle_gui.ui.common.safety_notice import SafetyNotice
from ankle_gui.ui.data.outside_changes import OutsideChanges
from ankle_gui.ui.profiles.profile_bar import ProfileBar

if TYPE_CHECKING:  # the cue services are imported by whoever makes them
    from ankle_gui.ui.train.cues import CueServices

PAGES = ("Profiles", "Test", "Train", "Progress", "Drills")
NEEDS_PROFILE = {"Test", "Train", "Progress"}
LANDING_PAGE = "Train"  # a returning user most often comes back to train
FIRST_VISIT_PAGE = "Test"  # someone never measured starts by measuring
# The other pages are built one at a time once the window has been idle this long, so
# start-up pays only for the first page and later clicks still open instantly.
PREBUILD_AFTER_MS = 400
GEOMETRY_KEY = "window.geometry"   # Qt's saveGeometry(): place, size and maximised state
# The size the pages were laid out for; a smaller screen gets the window maximised instead.
PREFERRED_SIZE = (1280, 800)


def _shortcut_tip(page: str) -> str:
    return f"{page} (Ctrl+{PAGES.index(page) + 1})"


class MainWindow(QMainWindow):
    def __init__(self, store: Store, catalogue: Catalogue, parent: QWidget | None = None, *,
                 cue_services: CueServices):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"ankle_gui {__version__}")
        self.store = store
        self._was_maximised = False          # before full screen, to come back to it
        self._geometry_before_full_screen = None
        self.catalogue = catalogue
        self.cue_services = cue_services   # how the drill player speaks and plays its cues
        self.current = CurrentProfile(store, self)
        # Notices commits by other programs (a clinic command's import, say).
        self.outsideChanges = OutsideChanges(store, self)

        # Built top-down, each widget made inside its final parent: under the app stylesheet
        # every move of a finished subtree to a new parent restyles all of it again.
        central = QWidget(self)
        self.setCentralWidget(central)
        self.profileBar = ProfileBar(store, central)
        # Until this profile has read it once: not medical advice, stop on sharp pain.
        self.safetyNotice = SafetyNotice(store, self.current, central)
        self.navigation = QListWidget(central)
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(190)
        self.stack = QStackedWidget(central)
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

        # Pages are built the first time they are shown: start-up pays only for the first.
        self._pages: dict[str, QWidget] = {}
        self._locked_pages: set[str] = set()  # need a profile, and there is none yet
        self._drill_running = False
        for number, name in enumerate(PAGES, start=1):
            item = QListWidgetItem(name)
            item.setToolTip(_shortcut_tip(name))
            self.navigation.addItem(item)
            self.stack.addWidget(QWidget(self.stack))
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda n=name: self.show_page(n))

        self.backupsAction = self.menuBar().addMenu("&Data").addAction("&Backups…")
        self.backupsAction.setObjectName("backupsAction")
        self.settingsAction = self.menuBar().addMenu("&Settings").addAction(
            "Player &timings…")
        self.settingsAction.setObjectName("settingsAction")
        self.settingsAction.setToolTip("Get-ready time, time to switch sides, and whether "
                                       "each set waits for Space, for this profile")

        self._connect_signals()
        self._place_on_screen()
        self.current.restore()
        if self.current.profile is None:
            self.show_page("Profiles")
            self.profilesPage.nameEdit.setFocus()
        else:
            measured = self.store.results.count(self.current.id) > 0
            self.show_page(LANDING_PAGE if measured else FIRST_VISIT_PAGE)
        self._prebuildTimer = QTimer(self)
        self._prebuildTimer.setSingleShot(True)
        self._prebuildTimer.timeout.connect(self._prebuild_next_page)
        self._prebuildTimer.start(PREBUILD_AFTER_MS)

    # --- pages, built on first use --------------------------------------------------------

    def page(self, name: str) -> QWidget:
        """The page called ``name``, built and wired the first time it is asked for."""
        if name not in self._pages:
            from PySide6.QtWidgets import QFrame, QScrollArea

            # Each page in its own scroll area: on a small screen (or a small window) the
            # content that cannot fit scrolls instead of being cut off or pushing the
            # window off the screen. Only the page shown needs the room.
            index = PAGES.index(name)
            area = QScrollArea(self.stack)
            area.setObjectName(f"scroll{name}")
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidgetResizable(True)
            built = self._build_page(name, area)
            area.setWidget(built)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, area)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._pages[name] = built
            self._page_connections[name](built)
        return self._pages[name]

    def all_pages_built(self) -> bool:
        return len(self._pages) == len(PAGES)

    def _prebuild_next_page(self) -> None:
        missing = [name for name in PAGES if name not in self._pages]
        if missing:
            self.page(missing[0])
            self._prebuildTimer.start(0)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        # Back in front after the user ran a clinic command, say: show what it changed.
        if event.type() == event.Type.ActivationChange:
            self.outsideChanges.check()

    # --- where the window sits on the screen --------------------------------------------------

    def _place_on_screen(self) -> None:
        """Where the person left it; the first time, as large as fits the screen."""
        saved = self.store.settings.get(GEOMETRY_KEY)
        if saved:
            from PySide6.QtCore import QByteArray

            # Qt moves a window saved on a screen that is gone back onto one that exists.
            if self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii"))):
                return
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication

        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry()
        width, height = PREFERRED_SIZE
        small_screen = room.width() < width or room.height() < height
        # Un-maximised later, the window keeps a size that leaves room for its frame.
        self.resize(min(width, int(room.width() * 0.9)), min(height, int(room.height() * 0.9)))
        frame = self.frameGeometry()
        frame.moveCenter(room.center())
        self.move(frame.topLeft())
        if small_screen:
            # A 1366×768 laptop: the whole screen is just enough, so use all of it.
            self.setWindowState(Qt.WindowState.WindowMaximized)

    def save_placement(self) -> None:
        """Keep the window's place, size and maximised state for the next start."""
        geometry = self._geometry_before_full_screen if self.isFullScreen() \
            else self.saveGeometry()
        if geometry is not None:
            self.store.settings.set(GEOMETRY_KEY, bytes(geometry.toBase64()).decode("ascii"))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._prebuildTimer.stop()
        self.outsideChanges.stop()
        try:
            self.save_placement()
        except Exception as exc:  # noqa: BLE001 - a read-only or full disk must not block closing
            logging.getLogger(__name__).warning(
                "Could not keep the window's place for next time: %s", exc)
        if "Train" in self._pages:  # a drill in progress: keep its finished sets, mark it
            self._pages["Train"].shutdown()
        super().closeEvent(event)

    def _build_page(self, name: str, parent: QWidget) -> QWidget:
        if name == "Profiles":
            from ankle_gui.ui.profiles.profiles_page import ProfilesPage

            return ProfilesPage(self.store, self.current, parent)
        if name == "Test":
            from ankle_gui.ui.test.test_page import ScreeningPage

            return ScreeningPage(self.store, self.catalogue, self.current, parent)
        if name == "Train":
            from ankle_gui.ui.train.train_page import TrainPage

            return TrainPage(self.store, self.catalogue, self.current, parent,
                             cue_services=self.cue_services)
        if name == "Progress":
            from ankle_gui.ui.progress.progress_page import ProgressPage

            return ProgressPage(self.store, self.current, self.catalogue, parent)
        from ankle_gui.ui.drills.drills_page import DrillsPage

        return DrillsPage(self.catalogue, parent)

    @property
    def profilesPage(self):  # noqa: N802 (Qt-style names, like the objectNames)
        return self.page("Profiles")

    @property
    def testPage(self):  # noqa: N802
        return self.page("Test")

    @property
    def trainPage(self):  # noqa: N802
        return self.page("Train")

    @property
    def progressPage(self):  # noqa: N802
        return self.page("Progress")

    @property
    def drillsPage(self):  # noqa: N802
        return self.page("Drills")

    # --- wiring -------------------------------------------------------------------------------

    def _connect_signals(self) -> None:
        """Every connection between the window's parts and its pages, in one place.

        A page is built the first time it is shown, so its connections are listed here and
        made then. Not here: a dialog's result, connected where the dialog is opened; the
        shortcuts and timers, where they are made; the single-instance guard, in
        safe_start.py; and scripted.py, which watches the Train page as a test would.
        """
        self.navigation.currentRowChanged.connect(self._row_changed)
        self.current.changed.connect(self._profile_changed)
        self.profileBar.profilePicked.connect(
            lambda pid: self.current.set(self.store.profiles.get(pid)))
        self.backupsAction.triggered.connect(self.open_backups)
        self.settingsAction.triggered.connect(lambda: self.trainPage.edit_timings())
        self.outsideChanges.changed.connect(self._after_outside_change)

        def profiles(page):
            page.profilesChanged.connect(
                lambda: self.profileBar.show_profile(self.current.profile))

        def test(page):
            page.startRequested.connect(self._start_plan)

        def train(page):
            page.fullScreenWanted.connect(self._set_full_screen)
            page.runningChanged.connect(self._lock_profile_during_run)
            page.progressRequested.connect(lambda: self.show_page("Progress"))

        def progress(page):
            page.testRequested.connect(lambda: self.show_page("Test"))
            page.dataImported.connect(self._after_csv_import)

        def drills(page):
            page.trainRequested.connect(self._train_drill)

        self._page_connections = {"Profiles": profiles, "Test": test, "Train": train,
                                  "Progress": progress, "Drills": drills}

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

    def _lock_profile_during_run(self, running: bool) -> None:
        """Sets belong to the person who started the run: no switching or deleting mid-drill."""
        self._drill_running = running
        self.profileBar.picker.setEnabled(not running and self.profileBar.picker.count() > 0)
        self.profileBar.picker.setToolTip("Finish or stop the drill to switch profile" if running
                                          else "Switch to another person's profile")
        self.page("Profiles").setEnabled(not running)

    def _set_full_screen(self, on: bool) -> None:
        """The drill player fills the screen: hide the navigation and profile bar too."""
        self.navigation.setVisible(not on)
        self.profileBar.setVisible(not on)
        self.menuBar().setVisible(not on)
        if on:
            if not self.isFullScreen():
                self._was_maximised = self.isMaximized()
                self._geometry_before_full_screen = self.saveGeometry()
            self.showFullScreen()
        elif self.isFullScreen():
            # Back to how it was: maximised stays maximised, a normal window keeps its place.
            if self._was_maximised:
                self.showMaximized()
            else:
                self.showNormal()
                self.restoreGeometry(self._geometry_before_full_screen)
            self._geometry_before_full_screen = None

    def offer_unfinished_sessions(self):
        """Ask about sessions left unfinished; Resume carries on in the Train page."""
        from ankle_gui.store.unfinished import unfinished_sessions
        from ankle_gui.ui.train.interrupted_dialog import InterruptedDialog

        unfinished = unfinished_sessions(self.store)
        if not unfinished:
            return None
        dialog = InterruptedDialog(self.store, unfinished, self)
        dialog.resumeRequested.connect(self.resume_session)
        dialog.open()
        return dialog

    def resume_session(self, session_id: int, profile_id: int) -> bool:
        """Switch to the session's profile and carry it on in the player."""
        self.current.set(self.store.profiles.get(profile_id))
        self.show_page("Train")
        return self.trainPage.resume_session(session_id)

    def open_backups(self):
        """The Backups window; restore and import wait while a drill is running."""
        from ankle_gui.ui.data.backups_dialog import BackupsDialog

        busy = "Train" in self._pages and self._pages["Train"].running
        dialog = BackupsDialog(self.store, self, busy_reason=(
            "Restore and import are available once the drill in progress has ended."
            if busy else None))
        dialog.dataReplaced.connect(self._after_data_replaced)
        dialog.open()
        return dialog

    def _after_data_replaced(self) -> None:
        """A restore or import swapped all data: every page re-reads it."""
        self.current.restore()
        self.profileBar.show_profile(self.current.profile)
        if "Profiles" in self._pages:
            self._pages["Profiles"].refresh()

    def _after_outside_change(self) -> None:
        """Another program changed the data: profiles may be new, renamed or gone."""
        if self.current.profile is None:
            self.current.restore()  # the first profile may just have been created
        else:
            try:
                fresh = self.store.profiles.get(self.current.id)
            except KeyError:
                fresh = None
            if fresh != self.current.profile:
                self.current.reload()
        self.profileBar.show_profile(self.current.profile)
        if self._drill_running:  # the refilled switcher stays locked until the drill ends
            self._lock_profile_during_run(True)
        if "Profiles" in self._pages:
            self._pages["Profiles"].refresh()
        progress = self._pages.get("Progress")
        if progress is not None and progress.isVisible():
            progress.reload()

    def _after_csv_import(self) -> None:
        """A CSV import may have created profiles: the lists that show them catch up."""
        self.profileBar.show_profile(self.current.profile)
        if "Profiles" in self._pages:
            self._pages["Profiles"].refresh()

    def show_page(self, name: str) -> None:
        if name not in self._locked_pages:
            self.navigation.setCurrentRow(PAGES.index(name))

    def _lock_pages(self, locked: set[str]) -> None:
        # Imported here: no Qt.* enum before the window is up (tests/app/test_start_up.py), and
        # a returning user with a profile never needs this before then.
        from PySide6.QtCore import Qt

        self._locked_pages = locked
        for row, name in enumerate(PAGES):
            item = self.navigation.item(row)
            flags = item.flags()
            if name in locked:
                item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(f"{name}: create a profile first")
            else:
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(_shortcut_tip(name))

    def current_page_name(self) -> str:
        return PAGES[self.stack.currentIndex()]

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self.outsideChanges.check()  # a page shown is a page up to date
            self.page(PAGES[row])
            self.stack.setCurrentIndex(row)

    def _profile_changed(self, profile) -> None:
        self.profileBar.show_profile(profile)
        self.settingsAction.setEnabled(profile is not None)   # timings belong to a profile
        locked = set() if profile is not None else set(NEEDS_PROFILE)
        if locked != self._locked_pages:
            self._lock_pages(locked)
        if profile is None and self.current_page_name() in NEEDS_PROFILE:
            self.show_page("Profiles")
        self.setWindowTitle(f"ankle_gui {__version__}" + (f" — {profile.name}" if profile else ""))
