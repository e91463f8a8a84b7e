"""Small helpers shared by the pages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QLabel, QSizePolicy, QStackedWidget, QWidget


class OpenQuestion:
    """The one question of a kind on screen (``box``, None when none is open): asking again
    replaces one still open, as Cancel."""

    def __init__(self) -> None:
        self.box: QDialog | None = None

    def ask(self, make: Callable[[], QDialog]) -> None:
        if self.box is not None:
            self.box.reject()
        self.box = box = make()
        box.finished.connect(lambda _result: self._forget(box))

    def _forget(self, box: QDialog) -> None:
        if self.box is box:
            self.box = None


def label(text: str = "", role: str | None = None, parent: QWidget | None = None,
          wrap: bool = True) -> QLabel:
    widget = QLabel(text, parent)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    return widget


def fill_remaining_height(widget: QWidget, minimum: int) -> None:
    """The widget takes the height left over, down to ``minimum``, and asks for none.

    Every page sits in a scroll area that grows the page to its preferred height; a list's
    preferred height (192 px) would push the page's main action below a laptop screen.
    """
    policy = widget.sizePolicy()
    policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
    widget.setSizePolicy(policy)
    widget.setMinimumHeight(minimum)


def set_role(widget: QWidget, role: str) -> None:
    """Change a styled role and make Qt re-apply the stylesheet (not for the same role:
    styling a widget again takes most of a millisecond)."""
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class CurrentPageStack(QStackedWidget):
    """A stack as large as the page it shows, not as its largest page.

    A plain QStackedWidget asks for the room its tallest page needs even while that page is
    hidden, so a short page on a small screen would scroll for nothing.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def sizeHint(self):  # noqa: N802 - Qt override
        shown = self.currentWidget()
        return shown.sizeHint() if shown is not None else super().sizeHint()

    def minimumSizeHint(self):  # noqa: N802 - Qt override
        shown = self.currentWidget()
        return shown.minimumSizeHint() if shown is not None else super().minimumSizeHint()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        shown = self.currentWidget()
        return shown is not None and shown.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        shown = self.currentWidget()
        return shown.heightForWidth(width) if shown is not None else -1
