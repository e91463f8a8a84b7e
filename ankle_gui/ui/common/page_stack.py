"""The main window's pages by name, each built the first time it is asked for."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QWidget

# The pages not asked for yet are built one at a time once the window has been idle this
# long: start-up pays only for the first page, and later clicks still open at once.
PREBUILD_AFTER_MS = 400


class PageStack(QStackedWidget):
    """One slot per name, a placeholder until ``make(name, parent)`` builds its page (the
    first time ``page`` asks for it, or ``prebuild`` gets to it); ``pages``: those built."""

    pageBuilt = Signal(str, QWidget)
    prebuildDone = Signal()   # every page wanted is built

    def __init__(self, names: tuple[str, ...], make: Callable[[str, QWidget], QWidget],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._names = names
        self._make = make
        self.pages: dict[str, QWidget] = {}
        for _ in names:
            self.addWidget(QWidget(self))
        self._wanted: Callable[[], Iterable[str]] = tuple
        self._prebuild_timer = QTimer(self)
        self._prebuild_timer.setSingleShot(True)
        self._prebuild_timer.timeout.connect(self._prebuild_next)

    def page(self, name: str) -> QWidget:
        """The page called ``name``, built (and announced with pageBuilt) if it was not."""
        if name not in self.pages:
            self.pages[name] = self._build(name)
            self.pageBuilt.emit(name, self.pages[name])
        return self.pages[name]

    def _build(self, name: str) -> QWidget:
        # Each page in its own scroll area: on a small screen (or a small window) the
        # content that cannot fit scrolls instead of being cut off or pushing the
        # window off the screen. Only the page shown needs the room.
        index = self._names.index(name)
        area = QScrollArea(self)
        area.setObjectName(f"scroll{name}")
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        built = self._make(name, area)
        area.setWidget(built)
        placeholder = self.widget(index)
        self.insertWidget(index, area)
        self.removeWidget(placeholder)
        placeholder.deleteLater()
        return built

    def prebuild(self, wanted: Callable[[], Iterable[str]]) -> None:
        """Once idle, build the pages ``wanted()`` names then, one per turn of the loop."""
        self._wanted = wanted
        self._prebuild_timer.start(PREBUILD_AFTER_MS)

    def stop_prebuilding(self) -> None:
        self._prebuild_timer.stop()

    def _prebuild_next(self) -> None:
        missing = [name for name in self._wanted() if name not in self.pages]
        if missing:
            self.page(missing[0])
            self._prebuild_timer.start(0)
        else:
            self.prebuildDone.emit()

    def forget(self) -> None:
        """Every built page goes, each slot back to a placeholder."""
        self.stop_prebuilding()
        for name in list(self.pages):
            index = self._names.index(name)
            area = self.widget(index)
            self.insertWidget(index, QWidget(self))
            self.removeWidget(area)
            area.deleteLater()
        self.pages.clear()
