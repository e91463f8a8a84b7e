"""Who is at the screen: the home user, nobody yet (clinic welcome screen), one patient,
or the clinician. Pages ask it what they may offer; the services check again."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ankle_gui.core.clinic import Permissions, Role
from ankle_gui.services.patient_access import Access


class WhoIsHere(QObject):
    changed = Signal(object)  # Access

    def __init__(self, access: Access, parent: QObject | None = None):
        super().__init__(parent)
        self._access = access

    @property
    def access(self) -> Access:
        return self._access

    @property
    def role(self) -> Role:
        return self._access.role

    @property
    def permissions(self) -> Permissions:
        return self._access.permissions

    @property
    def in_clinic(self) -> bool:
        return self._access.role is not Role.HOME

    def set(self, access: Access) -> None:
        self._access = access
        self.changed.emit(access)
