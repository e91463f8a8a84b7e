"""A patient's code on a printed slip, to hand over at the desk: the clinic's name, the code
in two large groups of four, and how to use it. No name is on it: a slip left on a chair
opens someone's exercises, and must not say whose."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter

from ankle_gui.core.clinic import code_words

SLIP_MM = (90.0, 50.0)   # a card to cut out, at the page's top left
HOW = ("At the waiting-room PC, type this code and press \u201cOpen my exercises\u201d. "
       "Keep it to yourself: it opens your exercises and results. Lost it? Ask at the desk "
       "for a new one.")


def slip_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName("Ankle code slip")   # the queue lists it: no name, no code
    printer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)
    return printer


def paint_slip(printer, clinic_name: str, code: str) -> None:
    """One slip on ``printer`` (a QPrinter, or a QPdfWriter in tests)."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("Could not start printing.")
    try:
        dots_per_mm = printer.logicalDpiX() / 25.4
        width, height = (size * dots_per_mm for size in SLIP_MM)
        card = QRectF(0, 0, width, height)
        pen = QPen(Qt.GlobalColor.black)
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setWidthF(0.3 * dots_per_mm)
        painter.setPen(pen)
        painter.drawRect(card)   # where to cut
        painter.setPen(Qt.GlobalColor.black)
        inner = card.adjusted(5 * dots_per_mm, 4 * dots_per_mm, -5 * dots_per_mm,
                              -4 * dots_per_mm)
        title = QFont("DejaVu Sans")
        title.setPointSizeF(11)
        title.setBold(True)
        painter.setFont(title)
        painter.drawText(inner, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
                         clinic_name or "Your ankle exercises")
        label = QFont("DejaVu Sans")
        label.setPointSizeF(9)
        painter.setFont(label)
        line = painter.fontMetrics().height()
        painter.drawText(inner.adjusted(0, 2.2 * line, 0, 0),
                         Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft, "Your code")
        big = QFont("DejaVu Sans Mono")
        big.setPointSizeF(26)
        big.setBold(True)
        painter.setFont(big)
        code_box = inner.adjusted(0, 3.2 * line, 0, 0)
        painter.drawText(code_box, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
                         code_words(code))
        code_height = painter.fontMetrics().height()
        painter.setFont(label)
        painter.drawText(inner.adjusted(0, 3.2 * line + code_height + 0.4 * line, 0, 0),
                         int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                         | int(Qt.TextFlag.TextWordWrap), HOW)
    finally:
        painter.end()


def print_slip(ask_printer, clinic_name: str, name: str, code: str,
               made: bool) -> tuple[str, str]:
    """Ask for the printer (``ask_printer(printer) -> bool``), then print the slip.
    Returns (the audit log's detail, or "" when nothing was printed; what to tell)."""
    from ankle_gui.ui.common.printing import after_printing, where_it_went

    printer = slip_printer()
    new = f"{name} had no code: a new one was given. " if made else ""
    if not ask_printer(printer):
        return "", f"{new}Nothing was printed; Code slip\u2026 prints it later." if made else ""
    try:
        paint_slip(printer, clinic_name, code)
    except OSError as exc:
        return "", f"{new}The slip was not printed: {exc}"
    after_printing(printer)
    return f"code slip {where_it_went(printer)}", f"{new}{name}'s code slip was printed."
