"""The main window: builds the pages and wires them together, in one place."""

from __future__ import annotations

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
from ankle_gui.ui.current_profile import CurrentProfile
from ankle_gui.ui.profile_bar import ProfileBar
from ankle_gui.ui.safety_notice import SafetyNotice

if TYPE_CHECKING:  # the cue services are imported by whoever makes them
    from ankle_gui.ui.cues import CueServices

PAGES = ("Profiles", "Test", "Train", "Progress", "Drills")
NEEDS_PROFILE = {"Test", "Train", "Progress"}
LANDING_PAGE = "Train"  # a returning user most often comes back to train
FIRST_VISIT_PAGE = "Test"  # someone never measured starts by measuring
# The other pages are built one at a time once the window has been idle this long, so
# start-up pays only for the first page and later clicks still open instantly.
PREBUILD_AFTER_MS = 400


def _shortcut_tip(page: str) -> str:
    return f"{page} (Ctrl+{PAGES.index(page) + 1})"


class MainWindow(QMainWindow):
    def __init__(self, store: Store, catalogue: Catalogue, parent: QWidget | None = None, *,
                 cue_services: CueServices):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"ankle_gui {__version__}")
        self.resize(1280, 800)
        self.store = store
        self.catalogue = catalogue
        self.cue_services = cue_services   # how the drill player speaks and plays its cues
        self.current = CurrentProfile(store, self)

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
        for number, name in enumerate(PAGES, start=1):
            item = QListWidgetItem(name)
            item.setToolTip(_shortcut_tip(name))
            self.navigation.addItem(item)
            self.stack.addWidget(QWidget(self.stack))
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda n=name: self.show_page(n))

        self.backupsAction = self.menuBar().addMenu("&Data").addAction("&Backups…")
        self.backupsAction.setObjectName("backupsAction")

        self._connect_signals()
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
            built = self._build_page(name)
            index = PAGES.index(name)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, built)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._pages[name] = built
            self._wire_page(name, built)
        return self._pages[name]

    def all_pages_built(self) -> bool:
        return len(self._pages) == len(PAGES)

    def _prebuild_next_page(self) -> None:
        missing = [name for name in PAGES if name not in self._pages]
        if missing:
            self.page(missing[0])
            self._prebuildTimer.start(0)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._prebuildTimer.stop()
        if "Train" in self._pages:  # a drill in progress: keep its finished sets, mark it
            self._pages["Train"].shutdown()
        super().closeEvent(event)

    def _build_page(self, name: str) -> QWidget:
        if name == "Profiles":
            from ankle_gui.ui.profiles_page import ProfilesPage

            return ProfilesPage(self.store, self.current, self.stack)
        if name == "Test":
            from ankle_gui.ui.test_page import TestPage

            return TestPage(self.store, self.catalogue, self.current, self.stack)
        if name == "Train":
            from ankle_gui.ui.train_page import TrainPage

            return TrainPage(self.store, self.catalogue, self.current, self.stack,
                             cue_services=self.cue_services)
        if name == "Progress":
            from ankle_gui.ui.progress_page import ProgressPage

            return ProgressPage(self.store, self.current, self.catalogue, self.stack)
        from ankle_gui.ui.drills_page import DrillsPage

        return DrillsPage(self.catalogue, self.stack)

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

    # --- wiring: every connection in the app is made here ---------------------------------

    def _connect_signals(self) -> None:
        self.navigation.currentRowChanged.connect(self._row_changed)
        self.current.changed.connect(self._profile_changed)
        self.profileBar.profilePicked.connect(
            lambda pid: self.current.set(self.store.profiles.get(pid)))
        self.backupsAction.triggered.connect(self.open_backups)

    def _wire_page(self, name: str, page: QWidget) -> None:
        if name == "Progress":
            page.testRequested.connect(lambda: self.show_page("Test"))
            page.dataImported.connect(self._after_csv_import)
        if name == "Profiles":
            page.profilesChanged.connect(
                lambda: self.profileBar.show_profile(self.current.profile))
        if name == "Test":
            page.planEditor.startRequested.connect(self._start_plan)
        if name == "Train":
            page.fullScreenWanted.connect(self._set_full_screen)
            page.runningChanged.connect(self._lock_profile_during_run)
            page.progressRequested.connect(lambda: self.show_page("Progress"))
        if name == "Drills":
            page.trainRequested.connect(self._train_drill)

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
            self.showFullScreen()
        else:
            self.showNormal()

    def open_backups(self):
        """The Backups window; restore and import wait while a drill is running."""
        from ankle_gui.ui.backups_dialog import BackupsDialog

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

    def _after_csv_import(self) -> None:
        """A CSV import may have created profiles: the lists that show them catch up."""
        self.profileBar.show_profile(self.current.profile)
        if "Profiles" in self._pages:
            self._pages["Profiles"].refresh()

    def show_page(self, name: str) -> None:
        if name not in self._locked_pages:
            self.navigation.setCurrentRow(PAGES.index(name))

    def _lock_pages(self, locked: set[str]) -> None:
        # Imported here: the Qt namespace costs start-up 12 ms, and a returning user with
        # a profile never needs it before the window is up.
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
            self.page(PAGES[row])
            self.stack.setCurrentIndex(row)

    def _profile_changed(self, profile) -> None:
        self.profileBar.show_profile(profile)
        locked = set() if profile is not None else set(NEEDS_PROFILE)
        if locked != self._locked_pages:
            self._lock_pages(locked)
        if profile is None and self.current_page_name() in NEEDS_PROFILE:
            self.show_page("Profiles")
        self.setWindowTitle(f"ankle_gui {__version__}" + (f" — {profile.name}" if profile else ""))
