"""Every file dialog the app opens: save a file, open a file, pick a folder.

In clinic mode the app asks Qt for no native dialogs (``own_dialogs_only``, set by the shared
screen). The system's dialog (a GTK portal, say) is another program's window: the idle lock
cannot close it, and the next person would find the last one's file name and folder. Qt's
own dialog is a QDialog over the window, closed with every other one. Home mode keeps the
system's dialog. Each call returns the path chosen, or "" for Cancel (or the lock).

A patient at the clinic's PC gets no file dialog at all (``no_dialogs_for_patient``): their
files go to the clinic's export folder under names the app chooses (services/file_places.py).
Should any code still ask for one while a patient is at the screen, nothing opens and ""
comes back, as for Cancel.

Qt's own dialog keeps a history of folders and recent places in QtProject.conf (the
"FileDialog" group of the user's Qt settings), which outlives the app and would show the
next person where the last one went. The app keeps none: the group is removed before each
dialog opens and after it closes (``forget_recent_places``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QUrl
from PySide6.QtWidgets import QFileDialog, QWidget
from shiboken6 import delete, isValid

_patient_at_screen = False


def own_dialogs_only(on: bool) -> None:
    """Qt's own dialogs from now on (clinic mode), or the system's where it has them."""
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, on)


def no_dialogs_for_patient(on: bool) -> None:
    """A patient is at the screen (True) or not: while one is, no file dialog opens."""
    global _patient_at_screen
    _patient_at_screen = on


def forget_recent_places() -> None:
    """Remove the folder history, recent places and last folder Qt's file dialog keeps."""
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.remove("FileDialog")
    settings.remove("Qt/filedialog")
    settings.sync()


def _ask(dialog: QFileDialog, folder: Path) -> str:
    if _patient_at_screen:  # belt and braces: a patient never browses the file system
        logging.getLogger(__name__).warning("a file dialog was asked for while a patient "
                                            "was at the screen; none was shown")
        dialog.deleteLater()
        return ""
    # Said on the dialog too, so a test (or a reader) sees which kind each one is.
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, QCoreApplication.testAttribute(
        Qt.ApplicationAttribute.AA_DontUseNativeDialogs))
    dialog.setHistory([])
    dialog.setSidebarUrls([QUrl.fromLocalFile(str(folder)),
                           QUrl.fromLocalFile(str(Path.home()))])
    accepted = dialog.exec() == QFileDialog.DialogCode.Accepted
    if not isValid(dialog):  # the lock took its page, and the dialog with it
        forget_recent_places()
        return ""
    chosen = dialog.selectedFiles() if accepted else []
    delete(dialog)  # now: its destructor writes the history, removed just below
    forget_recent_places()
    return chosen[0] if chosen else ""


def _dialog(parent: QWidget | None, title: str, where: str | Path,
            file_filter: str = "") -> QFileDialog:
    forget_recent_places()  # none of it may come back into this dialog
    dialog = QFileDialog(parent, title, str(where), file_filter)
    dialog.setObjectName("fileDialog")
    return dialog


def save_file_name(parent: QWidget | None, title: str, suggested: str | Path,
                   file_filter: str) -> str:
    dialog = _dialog(parent, title, suggested, file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    folder = Path(suggested).parent
    dialog.setDirectory(str(folder))
    dialog.selectFile(Path(suggested).name)
    return _ask(dialog, folder)


def open_file_name(parent: QWidget | None, title: str, folder: str | Path,
                   file_filter: str) -> str:
    dialog = _dialog(parent, title, folder, file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setDirectory(str(folder))
    return _ask(dialog, Path(folder))


def folder_name(parent: QWidget | None, title: str, folder: str | Path) -> str:
    dialog = _dialog(parent, title, folder)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setDirectory(str(folder))
    return _ask(dialog, Path(folder))
