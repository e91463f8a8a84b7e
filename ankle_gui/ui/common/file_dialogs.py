"""Every file dialog the app opens: save a file, open a file, pick a folder.

In clinic mode the app asks Qt for no native dialogs (``own_dialogs_only``, set by the shared
screen). The system's dialog (a GTK portal, say) is another program's window: the idle lock
cannot close it, and the next person would find the last one's file name and folder. Qt's
own dialog is a QDialog over the window, closed with every other one. Home mode keeps the
system's dialog. Each call returns the path chosen, or "" for Cancel (or the lock).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QWidget
from shiboken6 import isValid


def own_dialogs_only(on: bool) -> None:
    """Qt's own dialogs from now on (clinic mode), or the system's where it has them."""
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, on)


def _ask(dialog: QFileDialog) -> str:
    # Said on the dialog too, so a test (or a reader) sees which kind each one is.
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, QCoreApplication.testAttribute(
        Qt.ApplicationAttribute.AA_DontUseNativeDialogs))
    accepted = dialog.exec() == QFileDialog.DialogCode.Accepted
    if not isValid(dialog):  # the lock took its page, and the dialog with it
        return ""
    chosen = dialog.selectedFiles() if accepted else []
    dialog.deleteLater()
    return chosen[0] if chosen else ""


def save_file_name(parent: QWidget | None, title: str, suggested: str | Path,
                   file_filter: str) -> str:
    dialog = QFileDialog(parent, title, str(suggested), file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    return _ask(dialog)


def open_file_name(parent: QWidget | None, title: str, folder: str | Path,
                   file_filter: str) -> str:
    dialog = QFileDialog(parent, title, str(folder), file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _ask(dialog)


def folder_name(parent: QWidget | None, title: str, folder: str | Path) -> str:
    dialog = QFileDialog(parent, title, str(folder))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _ask(dialog)
