"""The clinician's PIN: turning clinic mode on and off, checking, changing and resetting it.

The PIN is never stored, logged or put in a message; only its salted scrypt hash is kept
(core/pin.py). Wrong tries are counted in the database, so restarting the app or running a
command does not reset the wait, which stops at 5 minutes; each wrong one is in the audit
log with the count. A forgotten PIN (or one a prankster keeps waiting) is replaced with the
one-time recovery code shown when clinic mode was turned on (``recover``), or from the
command line by someone who can reach the data folder, after a backup
(``reset_forgotten_pin``).
"""

from __future__ import annotations

from typing import NamedTuple

from ankle_gui.core.clinic import Mode, check_clinic_name
from ankle_gui.core.clock import Clock, utc_now
from ankle_gui.core.pin import (
    TRIED_DURING_THE_WAIT,
    PinError,
    PinHash,
    check_new_pin,
    failures_left,
    hash_pin,
    new_recovery_code,
    normalise_recovery_code,
    pin_matches,
    wait_after,
    wait_words,
    wrong_try_words,
)
from ankle_gui.services.errors import ServiceError
from ankle_gui.store import Store
from ankle_gui.store.backups import MANUAL, BackupError, BackupInfo, Backups
from ankle_gui.store.clinic import StoredPin


class PinRefused(ServiceError):
    """A wrong PIN, or a try made while the back-off still runs."""

    def __init__(self, message: str, wait_s: float):
        super().__init__(message)
        self.wait_s = wait_s


class PinCheck(NamedTuple):
    ok: bool
    wait_s: float  # how long before the next try may be made (0: now)
    message: str   # for the screen; empty when ok


def _stored(pin: str) -> StoredPin:
    made = hash_pin(pin)
    return StoredPin(made.digest, made.salt, made.params)


def _new_recovery() -> tuple[str, StoredPin]:
    """A fresh recovery code as shown once, and its hash as kept."""
    shown = new_recovery_code()
    return shown, _stored(normalise_recovery_code(shown))


def _new_pin(pin: str, repeated: str | None) -> str:
    try:
        clean = check_new_pin(pin)
    except PinError as exc:
        raise ServiceError(str(exc)) from None
    if repeated is not None and repeated.strip() != clean:
        raise ServiceError("The two PINs typed differ. Nothing was changed; try again.")
    return clean


class ClinicPin:
    def __init__(self, store: Store, clock: Clock = utc_now, actor: str = "clinician"):
        self._store = store
        self._clinic = store.clinic
        self._clock = clock
        self._actor = actor  # "clinician" in the app, "cli" in the commands

    def is_clinic_mode(self) -> bool:
        return self._clinic.settings().mode == Mode.CLINIC

    def check(self, pin: str) -> PinCheck:
        """Try the PIN once. A wrong one (or one tried too soon) is counted; see wait_s."""
        stored = self._clinic.stored_pin()
        if stored is None:
            return PinCheck(False, 0, "No PIN is set: clinic mode is off.")
        kept = PinHash(stored.digest, stored.salt, stored.params)
        tried = self._clinic.attempt("pin", self._clock(), lambda: pin_matches(pin, kept),
                                     wait_after, failures_left, right_clears=True)
        if tried.result:
            return PinCheck(True, 0, "")
        if tried.refused_early:
            if tried.refused == 1:  # the first try of each wait is logged; later ones counted
                self._clinic.log(self._clock(), self._actor, "pin_wrong", None,
                                 f"{TRIED_DURING_THE_WAIT}; {tried.failures} wrong PIN(s) "
                                 "counted")
            return PinCheck(False, tried.wait_s,
                            f"Too many wrong PINs. Wait {wait_words(tried.wait_s)}, then try "
                            "again, or use the recovery code.")
        self._clinic.log(self._clock(), self._actor, "pin_wrong", None,
                         wrong_try_words("PIN", tried.failures, tried.wait_s, tried.refused))
        if tried.wait_s:
            return PinCheck(False, tried.wait_s,
                            f"That PIN is not right. After {tried.failures} wrong tries the "
                            f"next one must wait {wait_words(tried.wait_s)}.")
        return PinCheck(False, 0, "That PIN is not right.")

    def require(self, pin: str) -> None:
        """check(), raising PinRefused when it fails."""
        result = self.check(pin)
        if not result.ok:
            raise PinRefused(result.message, result.wait_s)

    def enable(self, new_pin: str, repeated: str | None = None, clinic_name: str = "") -> str:
        """Turn clinic mode on with a new PIN (typed twice where a person types it). Returns
        the recovery code, to be shown once and written down: only its hash is kept."""
        if self.is_clinic_mode():
            raise ServiceError("Clinic mode is already on. To change the PIN, give the old "
                               "one (clinic change-pin), or reset a forgotten one "
                               "(clinic reset-pin).")
        clean = _new_pin(new_pin, repeated)
        try:
            name = check_clinic_name(clinic_name) if clinic_name else None
        except ValueError as exc:
            raise ServiceError(str(exc)) from None
        shown, recovery = _new_recovery()
        self._clinic.turn_on(_stored(clean), recovery)
        if name is not None:
            self._clinic.set_clinic_name(name)
        self._clinic.log(self._clock(), self._actor, "clinic_enabled")
        return shown

    def disable(self, pin: str) -> None:
        if not self.is_clinic_mode():
            raise ServiceError("Clinic mode is already off.")
        self.require(pin)
        self._clinic.turn_off()
        self._clinic.log(self._clock(), self._actor, "clinic_disabled")

    def change(self, old_pin: str, new_pin: str, repeated: str | None = None) -> None:
        """A new PIN, only for someone who knows the old one."""
        if not self.is_clinic_mode():
            raise ServiceError("Clinic mode is off, so there is no PIN to change.")
        clean = _new_pin(new_pin, repeated)  # a bad new PIN must not cost a try of the old
        self.require(old_pin)
        self._clinic.replace_pin(_stored(clean))
        self._clinic.log(self._clock(), self._actor, "pin_changed")

    def new_recovery_code(self, pin: str) -> str:
        """A new recovery code for the clinician who knows the PIN (the old one stops
        working); shown once, only its hash kept."""
        if not self.is_clinic_mode():
            raise ServiceError("Clinic mode is off, so there is no PIN to recover.")
        self.require(pin)
        shown, recovery = _new_recovery()
        self._clinic.set_recovery(recovery)
        self._clinic.log(self._clock(), self._actor, "recovery_made")
        return shown

    def recover(self, recovery_code: str, new_pin: str, repeated: str | None = None) -> str:
        """A forgotten PIN, or one a prankster keeps waiting, replaced with the recovery
        code, no terminal needed. The code is used up: a new one is returned, to be shown
        once. It does not wait behind the PIN's count: at 80 bits it cannot be guessed."""
        if not self.is_clinic_mode():
            raise ServiceError("Clinic mode is off, so there is no PIN to recover.")
        clean = _new_pin(new_pin, repeated)
        stored = self._clinic.stored_recovery()
        typed = normalise_recovery_code(recovery_code)
        kept = PinHash(stored.digest, stored.salt, stored.params) if stored else None
        if kept is None or not typed or not pin_matches(typed, kept):
            self._clinic.log(self._clock(), self._actor, "recovery_wrong")
            raise ServiceError("That recovery code is not right. Nothing was changed.")
        shown, recovery = _new_recovery()
        self._clinic.replace_pin(_stored(clean), recovery)
        self._clinic.log(self._clock(), self._actor, "recovery_used")
        return shown

    def reset_forgotten_pin(self, new_pin: str,
                            repeated: str | None = None) -> tuple[BackupInfo, str]:
        """Set a new PIN without the old one: for whoever can reach the data folder, which
        holds the whole database anyway. The database is backed up first; returns the
        backup's BackupInfo and the new recovery code (the old one stops working). Nothing
        changes if the backup fails."""
        if not self.is_clinic_mode():
            raise ServiceError("Clinic mode is off, so there is no PIN to reset.")
        clean = _new_pin(new_pin, repeated)
        try:
            backup = Backups(self._store.path, clock=self._clock).make_from_file(MANUAL)
        except BackupError as exc:
            raise ServiceError(f"The PIN was not reset, because the backup first failed: "
                               f"{exc}") from None
        if backup is None:  # no file on disk, or one never filled: no backup could be made
            raise ServiceError("The PIN was not reset, because the database file could not "
                               "be backed up first.")
        shown, recovery = _new_recovery()
        self._clinic.replace_pin(_stored(clean), recovery)
        self._clinic.log(self._clock(), self._actor, "pin_reset")
        return backup, shown
