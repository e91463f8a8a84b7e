"""Small helpers shared by the pages."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def label(text: str = "", role: str | None = None, parent: QWidget | None = None,
          wrap: bool = True) -> QLabel:
    widget = QLabel(text, parent)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    return widget


def set_role(widget: QWidget, role: str) -> None:
    """Change a styled role and make Qt re-apply the stylesheet."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
