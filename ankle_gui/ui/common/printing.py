"""Printing, through Qt's own print dialog, fitted to who is at the screen.

- A patient at the clinic's PC prints on a printer, never to a file: Qt's print dialog lists
  "Print to File (PDF)" among the printers, and its "…" button is a full file dialog
  (delete, rename, new folder) over the whole file system. Without the dialog's PrintToFile
  option neither is there; a printer set to a file is refused all the same.
- Whoever prints to a file (at home, or the clinician) may not print over the app's own data
  (files.check_save_target), and the file is owner-only (0600) from its first byte, like
  every file the app writes.
- A print preview's own Print button opens Qt's print dialog its own way: ``take_over_print``
  routes it here instead.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QMessageBox, QWidget

from ankle_gui.store.files import (
    OWNER_ONLY_FILE,
    ProtectedPathError,
    check_save_target,
    make_owner_only,
)
from ankle_gui.ui.common.file_dialogs import forget_recent_places

NO_PRINTER = "No printer is set up on this PC. Ask at the desk."


def ask_printer(parent: QWidget | None, printer: QPrinter, *, may_print_to_file: bool,
                data_dir: Path, tell: Callable[[str], None] | None = None) -> bool:
    """Qt's print dialog for ``printer``; True when the job may go ahead as chosen.
    ``tell`` shows a refusal (a message box by default)."""
    tell = tell or (lambda text: QMessageBox.warning(parent, "Nothing was printed", text))
    if not may_print_to_file and not QPrinterInfo.availablePrinterNames():
        tell(NO_PRINTER)
        return False
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("printDialog")
    if not may_print_to_file:
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    forget_recent_places()
    accepted = dialog.exec() == QPrintDialog.DialogCode.Accepted
    forget_recent_places()  # its "…" button is a file dialog that keeps a history
    with contextlib.suppress(RuntimeError):
        dialog.deleteLater()
    if not accepted:
        return False
    target = printer.outputFileName()
    if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat or target:
        if not may_print_to_file:
            tell("Printing to a file is for the clinic's staff. Choose a printer, or ask at "
                 "the desk.")
            return False
        try:
            check_save_target(target, data_dir)
        except ProtectedPathError as exc:
            tell(f"{exc} Nothing was printed.")
            return False
        try:
            _owner_only_from_the_start(Path(target))
        except OSError as exc:
            tell(f"{target} could not be written: {exc.strerror or exc}. Nothing was printed.")
            return False
    return True


def _owner_only_from_the_start(path: Path) -> None:
    """Qt writes a printed file over whatever is there, keeping its permissions: make the
    file (or the one it replaces) owner-only before a byte is in it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, OWNER_ONLY_FILE)
    os.close(fd)
    make_owner_only(path)


def after_printing(printer: QPrinter) -> None:
    """Owner-only again once written (belt and braces: some writers recreate the file)."""
    if printer.outputFileName():
        make_owner_only(Path(printer.outputFileName()))


def where_it_went(printer: QPrinter) -> str:
    """For the audit log: the queue's name, or "to a file" (never the file's path)."""
    if printer.outputFileName():
        return "to a file"
    return f"on {printer.printerName()}" if printer.printerName() else "on the printer"


def take_over_print(preview, print_it: Callable[[], None]) -> None:
    """Make the print preview's Print button (``preview`` is a QPrintPreviewDialog) call
    ``print_it`` instead of opening Qt's print dialog its own way."""
    wanted = QCoreApplication.translate("QPrintPreviewDialog", "Print")
    for action in preview.findChildren(QAction):
        if action.text() == wanted:
            action.triggered.disconnect()
            action.triggered.connect(lambda _checked=False: print_it())
            action.setObjectName("previewPrintAction")
            return
    raise LookupError("the print preview has no Print button")
