"""The default data folder, and moving it up from where earlier versions put it.

Up to 0.1.0 the organisation and the application were both "ankle_gui", so Qt's usual place
had the name twice: ``~/.local/share/ankle_gui/ankle_gui/`` (and the same one level deeper
on macOS and Windows). Now the organisation is left out, and the folder is
``~/.local/share/ankle_gui/``, which is the old folder's parent.

The data move up in two renames of whole folders, never a copy, so there is never a second
live copy and nothing is half-written:
1. the new folder (holding the old one) is renamed aside, to ``.ankle_gui.moving-up``;
2. the old folder, inside it, is renamed to the new folder's name;
then anything else that was beside the old folder follows it (each a rename), and the aside
folder goes once empty. A start that finds ``.ankle_gui.moving-up`` finishes a move cut
short (a crash, a power cut) before anything else. While another copy of the app holds the
old folder (its lock), nothing moves and that folder is used as before.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QStandardPaths

from ankle_gui import APP_NAME
from ankle_gui.app import NoDataFolder
from ankle_gui.app.instance import LOCK_FILENAME
from ankle_gui.store import DB_FILENAME

log = logging.getLogger(__name__)


DATA_DIR_ENV = "ANKLE_GUI_DATA_DIR"


def resolve_data_dir(cli_value: str | None) -> Path:
    """--data-dir wins, then the environment variable, then the platform's usual place."""
    chosen = cli_value or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return default_data_dir()


def default_data_dir() -> Path:
    """The platform's application-data folder for ankle_gui (moved up if need be)."""
    if os.name == "posix" and not os.environ.get("HOME") and not os.environ.get(
            "XDG_DATA_HOME"):
        # Qt would take "/" as the home folder, and the data would go to /.local/share.
        raise NoDataFolder(
            "ankle_gui does not know where to keep your data: no data folder was given, and "
            "HOME, which names your home folder, is not set. Start it with --data-dir FOLDER "
            "(or set ANKLE_GUI_DATA_DIR), or set HOME to your home folder.")
    set_app_names()
    location = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppLocalDataLocation)
    return move_up_doubled_folder(Path(location))


def set_app_names() -> None:
    # No organisation: Qt would put its name in every path, and it is the app's name again.
    QCoreApplication.setOrganizationName("")
    QCoreApplication.setApplicationName(APP_NAME)


def _aside(folder: Path) -> Path:
    return folder.with_name(f".{folder.name}.moving-up")


def move_up_doubled_folder(folder: Path) -> Path:
    """The folder to use: ``folder``, once the data in ``folder/<name>`` (the earlier
    versions' place) have been moved up into it; that older folder while another copy of
    the app holds it."""
    _finish(folder)
    old = folder / folder.name
    if not (old / DB_FILENAME).exists():
        return folder
    if (folder / DB_FILENAME).exists():
        log.warning("Two data folders, each with a database; the newer place is used and "
                    "the older one is left as it is: %s", old)
        return folder
    lock = QLockFile(str(old / LOCK_FILENAME))
    lock.setStaleLockTime(0)
    if not lock.tryLock(0):
        return old  # a copy of the app runs there: the move waits for a later start
    try:
        os.rename(folder, _aside(folder))
        os.rename(_aside(folder) / folder.name, folder)
        # The lock file moved with the data and names this process: not a holder any more.
        (folder / LOCK_FILENAME).unlink(missing_ok=True)
    except OSError as exc:
        log.warning("The data folder could not be moved up from %s: %s", old, exc)
    finally:
        lock.unlock()  # at its old path, which is gone: nothing left to remove
    _finish(folder)
    return folder if (folder / DB_FILENAME).exists() else old


def _finish(folder: Path) -> None:
    """Complete a move that was cut short, from wherever it stopped."""
    aside = _aside(folder)
    if not aside.is_dir():
        return
    try:
        if not folder.exists() and (aside / folder.name).is_dir():
            os.rename(aside / folder.name, folder)  # stopped between the two renames
        if not folder.is_dir():
            log.warning("A move of the data folder was cut short in an unknown way: %s", aside)
            return
        for entry in list(aside.iterdir()):
            if not (folder / entry.name).exists():
                os.rename(entry, folder / entry.name)
        aside.rmdir()
    except OSError as exc:  # a name in both places: left for a person to look at
        log.warning("Moving the data folder up left %s behind: %s", aside, exc)
