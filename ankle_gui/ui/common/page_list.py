"""The list of pages down the side of the main window: which are shown, which are locked."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget


class PageList(QListWidget):
    """One row per page name; ``numbered`` pages have a Ctrl+number shortcut (made by the
    window), named in their tooltip."""

    def __init__(self, names: tuple[str, ...], numbered: tuple[str, ...],
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

    def _tip(self, name: str) -> str:
        return f"{name} (Ctrl+{self._numbered.index(name) + 1})"

    def show_only(self, names: tuple[str, ...]) -> None:
        for row, name in enumerate(self._names):
            self.setRowHidden(row, name not in names)

    def lock(self, locked: set[str], first: str) -> None:
        """Locked numbered pages are greyed out, their tooltip saying what to do ``first``."""
        # Imported here: no Qt.* enum before the window is up (tests/app/test_start_up.py), and
        # a returning user with a profile never needs this before then.
        from PySide6.QtCore import Qt

        for name in self._numbered:
            item = self.item(self._names.index(name))
            flags = item.flags()
            if name in locked:
                item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(f"{name}: {first} first")
            else:
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(self._tip(name))
