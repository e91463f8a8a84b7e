"""The main window's pages by name, each built the first time it is asked for."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QStackedWidget, QWidget


class PageStack(QStackedWidget):
    """One slot per name, a placeholder until its page is built; ``pages``: those built."""

    def __init__(self, names: tuple[str, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self._names = names
        self.pages: dict[str, QWidget] = {}
        for _ in names:
            self.addWidget(QWidget(self))

    def build(self, name: str, make: Callable[[str, QWidget], QWidget]) -> QWidget:
        """``make(name, parent)`` builds the page, in its slot."""
        from PySide6.QtWidgets import QFrame, QScrollArea

        # Each page in its own scroll area: on a small screen (or a small window) the
        # content that cannot fit scrolls instead of being cut off or pushing the
        # window off the screen. Only the page shown needs the room.
        index = self._names.index(name)
        area = QScrollArea(self)
        area.setObjectName(f"scroll{name}")
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        built = make(name, area)
        area.setWidget(built)
        placeholder = self.widget(index)
        self.insertWidget(index, area)
        self.removeWidget(placeholder)
        placeholder.deleteLater()
        self.pages[name] = built
        return built

    def forget(self) -> None:
        """Every built page goes, each slot back to a placeholder."""
        for name in list(self.pages):
            index = self._names.index(name)
            area = self.widget(index)
            self.insertWidget(index, QWidget(self))
            self.removeWidget(area)
            area.deleteLater()
        self.pages.clear()
