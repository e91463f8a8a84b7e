"""The home-programme handout's print preview, for any page that has a store, a catalogue
and a profile id. The handout itself is laid out and saved in printing/handout.py."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QWidget

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.printing.handout import HandoutRenderer
from ankle_gui.printing.paper import MARGIN_MM
from ankle_gui.services.reports import handout_content
from ankle_gui.store import Store


def print_handout(store: Store, catalogue: Catalogue | None, profile_id: int,
                  parent: QWidget | None = None, *, printed_on: date,
                  job_name: str | None = None):
    """A print preview of the handout, opened with ``open()``; returns the dialog.
    NoPlan when the profile has no plan (nothing is shown). ``job_name``: the print job's
    title (clinic mode gives one without the patient's name)."""
    handout = handout_content(store, catalogue, profile_id, printed_on=printed_on)
    renderer = HandoutRenderer(handout)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(job_name or f"Home programme {handout.patient_name}")
    printer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                           QPageLayout.Unit.Millimeter)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("handoutPreview")
    dialog.printer = printer   # the dialog only borrows them: keep them alive as long
    dialog.renderer = renderer
    dialog.setWindowTitle("Print preview \u2013 home programme")
    dialog.paintRequested.connect(renderer.paint)
    screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
    room = screen.availableGeometry()
    width, height = room.width() * 3 // 4, room.height() * 9 // 10
    dialog.resize(width, height)
    dialog.move(room.x() + (room.width() - width) // 2, room.y() + (room.height() - height) // 2)
    preview = dialog.findChild(QPrintPreviewWidget)
    if preview is not None:
        preview.fitToWidth()
    dialog.open()
    return dialog
