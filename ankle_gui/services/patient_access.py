"""Who is at the shared PC, and what they may do: the welcome screen, patients opened by
their code, the clinician unlocked by the PIN.

**Code alone, not name and code.** A patient opens their profile by typing only the code
their physio gave them. Typing a name on a waiting-room screen shows it to whoever stands
behind, costs time, and adds no secret: names are not secret, the code is. What the name
would add, catching a mistyped code that happens to be someone else's, is better done after
opening: the welcome screen is to greet the patient by name, so a wrong person notices at
once; and with 8-digit codes picked at random by ``suggest_code`` (a hundred million of
them), a mistyped code almost never belongs to anyone. Wrong codes are counted like wrong
PINs (five free, then 30 s doubling, at most 5 minutes), and they fade only with quiet time:
a right code does not clear the count, so one's own code buys no more guesses. That holds
anyone trying codes to about 12 an hour (the arithmetic is in the README). A wrong code
never says whether it is close.

Every step that matters goes into the audit log, wrong codes with their counts (never a
code or a PIN).
"""

from __future__ import annotations

from typing import NamedTuple

from ankle_gui.core.clinic import (
    CODE_DIGITS,
    ClinicRuleError,
    Mode,
    OldCodeError,
    Permissions,
    Role,
    check_new_patient_code,
    check_patient_code,
    permissions_for,
    too_easy,
)
from ankle_gui.core.clock import Clock, utc_now
from ankle_gui.core.pin import (
    TRIED_DURING_THE_WAIT,
    code_wait_after,
    failures_left,
    wait_words,
    wrong_try_words,
)
from ankle_gui.core.profile import Profile
from ankle_gui.services.clinic_pin import ClinicPin, PinRefused
from ankle_gui.services.errors import NotAllowed, ServiceError
from ankle_gui.store import Store
from ankle_gui.store.clinic import AuditEntry, CodeTakenError


class Access(NamedTuple):
    """Who is at the screen now. The UI keeps one and asks ``permissions``."""

    role: Role
    profile: Profile | None = None  # the patient's own profile, when role is PATIENT
    via_cli: bool = False           # a command, not the app: logged as actor "cli"

    @property
    def actor(self) -> str:
        """Who the audit log names: clinician, patient or cli."""
        if self.via_cli:
            return "cli"
        return "patient" if self.role is Role.PATIENT else "clinician"

    @property
    def permissions(self) -> Permissions:
        return permissions_for(self.role)

    def may_see(self, profile_id: int) -> bool:
        """Whether this session may show anything of that profile."""
        if self.role in (Role.HOME, Role.CLINICIAN):
            return True
        return self.role is Role.PATIENT and self.profile is not None \
            and self.profile.id == profile_id


HOME = Access(Role.HOME)  # the app at home, or a command in home mode: everything, no log


class CodeRefused(ServiceError):
    def __init__(self, message: str, wait_s: float):
        super().__init__(message)
        self.wait_s = wait_s


def require(access: Access, allowed: bool, what: str) -> None:
    """Raise NotAllowed unless ``allowed`` (a field of access.permissions)."""
    if not allowed:
        raise NotAllowed(f"Only the clinician can {what}. Ask at the desk.")


class PatientAccess:
    def __init__(self, store: Store, clock: Clock = utc_now):
        self._store = store
        self._clinic = store.clinic
        self._clock = clock

    @property
    def store(self) -> Store:
        return self._store

    @property
    def clock(self) -> Clock:
        return self._clock

    # --- where the app starts ---------------------------------------------------------------

    def start(self) -> Access:
        """Home mode: everything, as today. Clinic mode: the welcome screen, nobody in."""
        if self._clinic.settings().mode == Mode.CLINIC:
            return Access(Role.WELCOME)
        return Access(Role.HOME)

    def lock(self) -> Access:
        """I'm done, or idle: back to the welcome screen (home mode stays as it is)."""
        return self.start()

    def idle_minutes(self) -> int:
        return self._clinic.settings().idle_minutes

    # --- the two ways in --------------------------------------------------------------------

    def open_patient(self, code: str, via_cli: bool = False) -> Access:
        """Open the profile whose code this is, and only it. Raises CodeRefused."""
        if self._clinic.settings().mode != Mode.CLINIC:
            raise ServiceError("Patient codes are used in clinic mode only.")
        actor = "cli" if via_cli else "patient"
        try:
            clean = check_patient_code(code)
        except OldCodeError as exc:
            # Said of every code of the old length, opening or not: no hint either way.
            raise CodeRefused(str(exc), 0) from None
        except ClinicRuleError as exc:
            # A typo in the shape of the code costs no try: it could not open anyone.
            raise CodeRefused(str(exc), 0) from None
        tried = self._clinic.attempt("code", self._clock(),
                                     lambda: self._clinic.profile_with_code(clean),
                                     code_wait_after, failures_left, right_clears=False)
        if tried.refused_early:
            if tried.refused == 1:  # the first try of each wait is logged; later ones counted
                self._clinic.log(self._clock(), actor, "code_wrong", None,
                                 f"{TRIED_DURING_THE_WAIT}; {tried.failures} wrong code(s) "
                                 "counted")
            raise CodeRefused(f"Too many wrong codes. Wait {wait_words(tried.wait_s)}, then "
                              "try again, or ask at the desk.", tried.wait_s)
        if not isinstance(tried.result, int):  # the profile id, when a patient has the code
            self._clinic.log(self._clock(), actor, "code_wrong", None,
                             wrong_try_words("code", tried.failures, tried.wait_s,
                                             tried.refused))
            later = f" The next try must wait {wait_words(tried.wait_s)}." if tried.wait_s \
                else ""
            raise CodeRefused("No patient has this code. Check it, or ask at the desk."
                              + later, tried.wait_s)
        profile = self._store.profiles.get(tried.result)
        opened = Access(Role.PATIENT, profile, via_cli)
        self._clinic.log(self._clock(), opened.actor, "patient_opened", profile.id)
        return opened

    def unlock(self, pin: str) -> Access:
        """The clinician's side, for the right PIN. Raises PinRefused."""
        ClinicPin(self._store, self._clock).require(pin)
        # The wrong codes' count is not cleared here: it fades with quiet time on its own
        # (at most 5 minutes' wait), and clearing it would hand a guesser 5 free tries at
        # each unlock.
        self._clinic.log(self._clock(), "clinician", "clinician_unlock")
        return Access(Role.CLINICIAN)

    def attempts_before_this_unlock(self) -> dict[str, int]:
        """Wrong PINs and wrong codes checked between the clinician's last two unlocks, and
        the waits someone typed into: what the dashboard tells the clinician on the way in."""
        counts = {"pin": 0, "code": 0, "waits": 0}
        for action, detail in self._clinic.details_between_last_two(
                ("pin_wrong", "code_wrong"), "clinician_unlock"):
            if detail.startswith(TRIED_DURING_THE_WAIT):
                counts["waits"] += 1
            else:
                counts["pin" if action == "pin_wrong" else "code"] += 1
        return counts

    # --- what the clinician does with codes -------------------------------------------------

    def code_of(self, access: Access, profile_id: int) -> str | None:
        require(access, access.permissions.can_manage_profiles, "see patient codes")
        return self._clinic.code_of(profile_id)

    def reveal_code(self, access: Access, profile_id: int) -> str | None:
        """The code, to be shown on screen: logged, as anyone behind could read it."""
        code = self.code_of(access, profile_id)
        if code is not None:
            self.record(access, "code_shown", profile_id)
        return code

    def set_code(self, access: Access, profile_id: int, code: str) -> str:
        require(access, access.permissions.can_manage_profiles, "change patient codes")
        try:
            clean = check_new_patient_code(code)
            self._store.profiles.get(profile_id)
            self._clinic.set_code(profile_id, clean, self._clock())
        except (ClinicRuleError, CodeTakenError) as exc:
            raise ServiceError(str(exc)) from None
        except KeyError:
            raise ServiceError("That patient no longer exists.") from None
        self._clinic.log(self._clock(), access.actor, "code_changed", profile_id)
        return clean

    def suggest_code(self) -> str:
        """A random 8-digit code no patient has yet, and not one a guesser tries first."""
        import secrets  # here: it loads OpenSSL, which home mode never needs (core/pin.py)

        taken = self._clinic.codes_in_use()
        while True:
            code = f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"
            if code not in taken and not too_easy(code):
                return code

    # --- the audit log ----------------------------------------------------------------------

    def record(self, access: Access, action: str, profile_id: int | None = None,
               detail: str = "") -> None:
        """Note an export, import, restore, delete, report… in clinic mode (home mode keeps
        no log). Call it after the thing is done: a restore replaces the log with the
        backup's, so its own entry must come after it."""
        if self._clinic.settings().mode == Mode.CLINIC:
            self._clinic.log(self._clock(), access.actor, action, profile_id, detail)

    def record_by_app(self, action: str, profile_id: int | None = None,
                      detail: str = "") -> None:
        """Note what the app did on its own (the idle lock, say), in clinic mode."""
        if self._clinic.settings().mode == Mode.CLINIC:
            self._clinic.log(self._clock(), "app", action, profile_id, detail)

    def audit_entries(self, access: Access, limit: int = 500) -> list[AuditEntry]:
        require(access, access.permissions.can_view_audit, "read the audit log")
        return self._clinic.audit_entries(limit)


__all__ = ["HOME", "Access", "CodeRefused", "PatientAccess", "PinRefused", "require"]
