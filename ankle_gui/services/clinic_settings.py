"""The clinician's settings: idle time, kiosk, the clinic's name, and each patient's
programme (sessions per week, retest interval, "from your physio")."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ankle_gui.core.clinic import (
    ClinicRuleError,
    check_clinic_name,
    check_idle_minutes,
    check_retest_weeks,
    check_sessions_per_week,
)
from ankle_gui.core.clock import Clock, utc_now
from ankle_gui.services.errors import ServiceError
from ankle_gui.services.patient_access import Access, require
from ankle_gui.store import Store
from ankle_gui.store.clinic import ClinicSettings, Programme

T = TypeVar("T")
R = TypeVar("R")


class ClinicSettingsService:
    def __init__(self, store: Store, clock: Clock = utc_now):
        self._store = store
        self._clinic = store.clinic
        self._clock = clock

    def current(self) -> ClinicSettings:
        return self._clinic.settings()

    def set_idle_minutes(self, access: Access, minutes: int) -> int:
        require(access, access.permissions.can_settings, "change the settings")
        clean = _checked(check_idle_minutes, minutes)
        self._clinic.set_idle_minutes(clean)
        self._log(access, f"idle time {clean} min")
        return clean

    def set_kiosk(self, access: Access, on: bool) -> None:
        require(access, access.permissions.can_settings, "change the settings")
        self._clinic.set_kiosk(bool(on))
        self._log(access, "kiosk on" if on else "kiosk off")

    def set_clinic_name(self, access: Access, name: str) -> str:
        require(access, access.permissions.can_settings, "change the settings")
        clean = _checked(check_clinic_name, name)
        self._clinic.set_clinic_name(clean)
        self._log(access, "clinic name")
        return clean

    def programme(self, profile_id: int) -> Programme | None:
        return self._clinic.programme(profile_id)

    def set_programme(self, access: Access, profile_id: int, sessions_per_week: int,
                      retest_weeks: int, from_physio: bool = True) -> Programme:
        require(access, access.permissions.can_manage_profiles, "set a programme")
        per_week = _checked(check_sessions_per_week, sessions_per_week)
        weeks = _checked(check_retest_weeks, retest_weeks)
        try:
            saved = self._clinic.set_programme(profile_id, per_week, weeks, from_physio,
                                               self._clock())
        except KeyError:
            raise ServiceError("That patient no longer exists.") from None
        if self._clinic.settings().mode == "clinic":
            self._clinic.log(self._clock(), access.actor, "programme_changed", profile_id,
                             f"{per_week} a week, retest every {weeks} weeks")
        return saved

    def _log(self, access: Access, detail: str) -> None:
        if self._clinic.settings().mode == "clinic":
            self._clinic.log(self._clock(), access.actor, "settings_changed", None, detail)


def _checked(rule: Callable[[T], R], value: T) -> R:
    """What ``rule`` makes of ``value``; a value it refuses is a ServiceError."""
    try:
        return rule(value)
    except ClinicRuleError as exc:
        raise ServiceError(str(exc)) from None
