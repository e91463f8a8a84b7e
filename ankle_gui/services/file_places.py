"""Where a file leaving the app may go, and what it is called.

- Everyone, in every mode: nothing is saved into the data folder (the database, its
  companions, the lock, the backups), and a name with a wildcard is refused
  (``check_save_path``, the rule in store/files.py).
- A patient at the clinic's PC never picks a place: their report, handout or CSV goes into
  the one export folder the clinician set, under a name the app chooses, with no patient's
  name in it (``patient_file``). The audit log ties the file to the patient.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from ankle_gui.core.clock import utc_now
from ankle_gui.core.file_names import neutral_file_name
from ankle_gui.services.errors import ServiceError
from ankle_gui.services.patient_access import Access, require
from ankle_gui.store import Store
from ankle_gui.store.files import ProtectedPathError, check_save_target, reserve_empty_file

Clock = Callable[[], datetime]


class SaveRefused(ServiceError):
    """A place a file may not be saved; the message says why and what to do."""


def data_folder(store: Store) -> Path:
    if store.path is None:
        raise ValueError("a store opened on a file has a data folder; this one has none")
    return store.path.parent


def check_save_path(store: Store, path: Path | str) -> Path:
    """``path`` if a file may be saved there, else SaveRefused (nothing is written)."""
    try:
        return check_save_target(path, data_folder(store))
    except ProtectedPathError as exc:
        raise SaveRefused(str(exc)) from None


def check_export_folder(store: Store, folder: Path | str) -> Path:
    """A folder the clinician may name for patients' files: it exists, can be written, and
    is not in the data folder."""
    path = Path(folder).expanduser()
    if not path.is_absolute():
        raise SaveRefused("Give the whole path of the folder, for example "
                          "/home/clinic/Patient files.")
    if not path.is_dir():
        raise SaveRefused(f"There is no folder {path}. Make it first, then choose it.")
    if not os.access(path, os.W_OK | os.X_OK):
        raise SaveRefused(f"ankle_gui may not write in {path}. Choose a folder it can write "
                          "in, or change the folder's permissions.")
    check_save_path(store, path / "file")  # in the data folder: refused with its reason
    return path.resolve()


class PatientFiles:
    """The clinic's export folder, for what a patient saves at the shared PC."""

    def __init__(self, store: Store, clock: Clock = utc_now):
        self._store = store
        self._clock = clock

    def folder(self) -> Path | None:
        folder = self._store.clinic.settings().export_folder
        return Path(folder) if folder else None

    def set_folder(self, access: Access, folder: Path | str | None) -> Path | None:
        """The clinician names the folder (None: no folder, so patients cannot save)."""
        from ankle_gui.services.patient_access import PatientAccess

        require(access, access.permissions.can_settings, "change the settings")
        clean = check_export_folder(self._store, folder) if folder else None
        self._store.clinic.set_export_folder(str(clean) if clean else None)
        PatientAccess(self._store, self._clock).record(
            access, "settings_changed", None,
            "folder for patients' files set" if clean else "folder for patients' files cleared")
        return clean

    def new_file(self, what: str, suffix: str, day: date | None = None) -> Path:
        """A new, empty, owner-only file in the export folder for ``what`` ("Ankle report"),
        named like "Ankle report 2026-12-07.pdf" (-2, -3… when taken). SaveRefused when no
        folder is set or it cannot be written."""
        folder = self.folder()
        if folder is None:
            raise SaveRefused("The clinic has not set a folder for saved files. Print it "
                              "instead, or ask at the desk.")
        if not folder.is_dir():
            raise SaveRefused("The clinic's folder for saved files is not there. Print it "
                              "instead, or ask at the desk.")
        day = day or self._clock().astimezone().date()
        name = neutral_file_name(what, day, suffix)
        stem, ext = name[: -len(suffix)], suffix
        for n in range(1, 1000):
            path = folder / (name if n == 1 else f"{stem}-{n}{ext}")
            check_save_path(self._store, path)
            try:
                reserve_empty_file(path)
            except FileExistsError:
                continue
            except OSError as exc:
                raise SaveRefused(f"The file could not be saved in the clinic's folder "
                                  f"({exc.strerror or exc}). Ask at the desk.") from None
            return path
        raise SaveRefused("The clinic's folder for saved files is full of files of that "
                          "name. Ask at the desk.")
