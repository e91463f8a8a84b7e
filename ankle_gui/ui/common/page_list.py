"""The list of pages down the side of the main window: which are shown, which are locked."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget


class PageList(QListWidget):
    """One row per page name; ``numbered`` pages also have a Ctrl+number shortcut in
    ``window``, named in their tooltip, which asks for the page (pageWanted)."""

    pageWanted = Signal(str)

    def __init__(self, names: tuple[str, ...], numbered: tuple[str, ...], window: QWidget,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setFixedWidth(190)
        self._names = names
        self._numbered = numbered
        for name in names:
            item = QListWidgetItem(name)
            item.setToolTip(self._tip(name) if name in numbered else name)
            self.addItem(item)
        self.shortcuts: dict[str, QShortcut] = {}
        for number, name in enumerate(numbered, start=1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), window)
            shortcut.activated.connect(lambda n=name: self.pageWanted.emit(n))
            self.shortcuts[name] = shortcut

    def _tip(self, name: str) -> str:
        return f"{name} (Ctrl+{self._numbered.index(name) + 1})"

    def show_only(self, names: tuple[str, ...]) -> None:
        """Only these rows, and their shortcuts, for the person at the screen."""
        for row, name in enumerate(self._names):
            self.setRowHidden(row, name not in names)
        for name, shortcut in self.shortcuts.items():
            shortcut.setEnabled(name in names)

    def lock(self, locked: set[str], first: str) -> None:
        """Locked numbered pages are greyed out, their tooltip saying what to do ``first``."""
        for name in self._numbered:
            item = self.item(self._names.index(name))
            flags = item.flags()
            if name in locked:
                item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(f"{name}: {first} first")
            else:
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(self._tip(name))
