"""The main window: builds the pages and wires them together, in one place."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
from ankle_gui.ui.drills_page import DrillsPage
from ankle_gui.ui.profile_bar import ProfileBar
from ankle_gui.ui.profiles_page import ProfilesPage

PAGES = ("Profiles", "Test", "Train", "Progress", "Drills")
NEEDS_PROFILE = {"Test", "Train", "Progress"}


class MainWindow(QMainWindow):
    def __init__(self, store: Store, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"ankle_gui {__version__}")
        self.resize(1280, 800)
        self.store = store
        self.catalogue = catalogue
        self.current = CurrentProfile(store, self)

        self.profileBar = ProfileBar(store)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(190)
        self.stack = QStackedWidget()

        self.profilesPage = ProfilesPage(store, self.current)
        self.testPage = self._build_test_page()
        self.trainPage = self._build_train_page()
        self.progressPage = self._build_progress_page()
        self.drillsPage = DrillsPage(catalogue)
        self.pages = {
            "Profiles": self.profilesPage,
            "Test": self.testPage,
            "Train": self.trainPage,
            "Progress": self.progressPage,
            "Drills": self.drillsPage,
        }
        for number, name in enumerate(PAGES, start=1):
            item = QListWidgetItem(name)
            item.setToolTip(f"{name} (Ctrl+{number})")
            self.navigation.addItem(item)
            self.stack.addWidget(self.pages[name])
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda n=name: self.show_page(n))

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.navigation)
        body.addWidget(self.stack, 1)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.profileBar)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        self._connect_signals()
        self.current.restore()
        if self.current.profile is None:
            self.show_page("Profiles")
            self.profilesPage.nameEdit.setFocus()

    # Pages filled by later work are built here so the wiring stays in this file.
    def _build_test_page(self) -> QWidget:
        from ankle_gui.ui.test_page import TestPage

        return TestPage(self.store, self.catalogue, self.current)

    def _build_train_page(self) -> QWidget:
        from ankle_gui.ui.train_page import TrainPage

        return TrainPage(self.store, self.catalogue, self.current)

    def _build_progress_page(self) -> QWidget:
        from ankle_gui.ui.progress_page import ProgressPage

        return ProgressPage(self.store, self.current)

    def _connect_signals(self) -> None:
        self.navigation.currentRowChanged.connect(self._row_changed)
        self.current.changed.connect(self._profile_changed)
        self.profileBar.profilePicked.connect(
            lambda pid: self.current.set(self.store.profiles.get(pid)))
        self.profilesPage.profilesChanged.connect(
            lambda: self.profileBar.show_profile(self.current.profile))

    def show_page(self, name: str) -> None:
        row = PAGES.index(name)
        item = self.navigation.item(row)
        if item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.navigation.setCurrentRow(row)

    def current_page_name(self) -> str:
        return PAGES[self.stack.currentIndex()]

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self.stack.setCurrentIndex(row)

    def _profile_changed(self, profile) -> None:
        self.profileBar.show_profile(profile)
        for row, name in enumerate(PAGES):
            item = self.navigation.item(row)
            enabled = profile is not None or name not in NEEDS_PROFILE
            flags = item.flags()
            item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if enabled
                          else flags & ~Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(f"{name} (Ctrl+{row + 1})" if enabled
                            else f"{name}: create a profile first")
        if profile is None and self.current_page_name() in NEEDS_PROFILE:
            self.show_page("Profiles")
        self.setWindowTitle(f"ankle_gui {__version__}" + (f" — {profile.name}" if profile else ""))
