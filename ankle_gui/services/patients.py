"""The clinician's work on patients and on the whole database: create a patient with a
code, rename or delete one, export everything, import a whole file. (Backups and restores
go through the Backups window's CheckedCopies, services/copies.py.)

Each checks the session's permissions first and writes its audit entry once done (an
import's entry inside the import's own transaction, see Store.replace_contents).
"""

from __future__ import annotations

from pathlib import Path

from ankle_gui.core.clinic import ClinicRuleError, check_new_patient_code
from ankle_gui.core.clock import Clock, utc_now
from ankle_gui.core.profile import Profile, ProfileNameError
from ankle_gui.core.units import Unit
from ankle_gui.services.errors import ServiceError
from ankle_gui.services.patient_access import Access, PatientAccess, require
from ankle_gui.store import Store
from ankle_gui.store.backups import BEFORE_IMPORT, BackupError, BackupInfo
from ankle_gui.store.filecheck import FileCheck
from ankle_gui.store.kill_points import kill_point


class PatientsService:
    def __init__(self, store: Store, clock: Clock = utc_now):
        self._store = store
        self._access = PatientAccess(store, clock)

    def create(self, access: Access, name: str, code: str | None = None,
               unit: Unit = Unit.CM) -> Profile:
        """A new patient, with their code when one is given (a random free one otherwise,
        in clinic mode). A bad name or code creates nothing."""
        require(access, access.permissions.can_manage_profiles, "create patients")
        in_clinic = self._store.clinic.settings().mode == "clinic"
        if code is None and in_clinic:
            code = self._access.suggest_code()
        if code is not None:
            try:
                code = check_new_patient_code(code)
            except ClinicRuleError as exc:
                raise ServiceError(str(exc)) from None
            if self._store.clinic.profile_with_code(code) is not None:
                raise ServiceError("Another patient already has this code. Choose another.")
        # One transaction: a patient is never left without their code, whatever stops it
        # half-way (a code taken meanwhile, a full disk, a crash).
        try:
            with self._store.transaction():
                profile = self._store.profiles.create(name, unit)
                kill_point("patient:profile-created")
                if code is not None:
                    self._access.set_code(access, profile.id, code)
        except ProfileNameError as exc:
            raise ServiceError(str(exc)) from None
        self._access.record(access, "patient_created", profile.id)
        return profile

    def rename(self, access: Access, profile_id: int, name: str) -> Profile:
        """A new name for a patient; a bad or taken name changes nothing."""
        require(access, access.permissions.can_manage_profiles, "rename patients")
        try:
            self._store.profiles.get(profile_id)
            renamed = self._store.profiles.rename(profile_id, name)
        except ProfileNameError as exc:
            raise ServiceError(str(exc)) from None
        except KeyError:
            raise ServiceError("That patient no longer exists.") from None
        self._access.record(access, "patient_renamed", profile_id)
        return renamed

    def delete(self, access: Access, profile_id: int) -> None:
        """Delete a patient and everything recorded for them (the UI warns first)."""
        require(access, access.permissions.can_manage_profiles, "delete patients")
        self._store.profiles.delete(profile_id)
        self._access.record(access, "delete", profile_id)

    def export_everything(self, access: Access, target: Path) -> FileCheck:
        """A checked copy of the whole database at ``target``; returns the file's check."""
        require(access, access.permissions.can_export_all, "export everything")
        try:
            check = self._store.export_copy(Path(target))
        except BackupError as exc:
            raise ServiceError(str(exc)) from None
        self._access.record(access, "export", None, "whole database")
        return check

    def import_database(self, access: Access, source: Path) -> BackupInfo:
        """Every patient as in ``source`` (an exported file); returns the backup made of the
        state before."""
        require(access, access.permissions.can_import, "import a database")
        try:
            return self._store.replace_contents(
                Path(source), BEFORE_IMPORT,
                then=lambda: self._access.record(access, "import", None, "whole database"))
        except BackupError as exc:
            raise ServiceError(str(exc)) from None
