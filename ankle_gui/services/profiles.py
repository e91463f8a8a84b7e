"""Who is on this computer, and each person's own settings: create, rename and delete a
profile, change its measuring unit, the player's pace between sets, the safety notice seen.

One path for home and clinic mode. The Profiles page, the clinician's Patients page and the
command line all come here with the session's Access: at home everything is allowed and
nothing is logged; in clinic mode only the clinician creates, renames, deletes or changes a
unit (a patient or the welcome screen gets NotAllowed, with nothing changed), each change
goes into the audit log, and a new patient gets a code in the same transaction. What is a
person's own (their pace, the notice they have read) may be changed by that person.

A refusal is a ServiceError whose message says what to do; nothing was written.
"""

from __future__ import annotations

from ankle_gui.core.clinic import ClinicRuleError, Mode, check_new_patient_code
from ankle_gui.core.clock import Clock, utc_now
from ankle_gui.core.player_timings import PlayerTimings, TimingsError
from ankle_gui.core.profile import Profile, ProfileNameError
from ankle_gui.core.units import Unit
from ankle_gui.services.errors import NotAllowed, ServiceError
from ankle_gui.services.patient_access import Access, PatientAccess, require
from ankle_gui.store import Store
from ankle_gui.store.kill_points import kill_point

GONE = "That profile no longer exists."


class Profiles:
    def __init__(self, store: Store, clock: Clock = utc_now):
        self._store = store
        self._access = PatientAccess(store, clock)

    def create(self, access: Access, name: str, code: str | None = None,
               unit: Unit = Unit.CM) -> Profile:
        """A new profile. In clinic mode it gets ``code``, or a random free one, in the same
        transaction: a patient is never left without their code, whatever stops it half-way
        (a code taken meanwhile, a full disk, a crash). A bad name or code creates nothing."""
        require(access, access.permissions.can_manage_profiles, "create patients")
        if code is None and self._in_clinic():
            code = self._access.suggest_code()
        if code is not None:
            try:
                code = check_new_patient_code(code)
            except ClinicRuleError as exc:
                raise ServiceError(str(exc)) from None
            if self._store.clinic.profile_with_code(code) is not None:
                raise ServiceError("Another patient already has this code. Choose another.")
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
        """A new name; a bad or taken name changes nothing."""
        require(access, access.permissions.can_manage_profiles, "rename patients")
        self._existing(profile_id)
        try:
            renamed = self._store.profiles.rename(profile_id, name)
        except ProfileNameError as exc:
            raise ServiceError(str(exc)) from None
        self._access.record(access, "patient_renamed", profile_id)
        return renamed

    def delete(self, access: Access, profile_id: int) -> None:
        """Delete a profile and everything recorded for it (the window asks first)."""
        require(access, access.permissions.can_manage_profiles, "delete patients")
        self._existing(profile_id)
        self._store.profiles.delete(profile_id)
        self._access.record(access, "delete", profile_id)

    def set_unit(self, access: Access, profile_id: int, unit: Unit) -> Profile:
        """Centimetres or inches for everything this person reads and types."""
        require(access, access.permissions.can_manage_profiles, "change a patient's unit")
        before = self._existing(profile_id)
        changed = self._store.profiles.set_unit(profile_id, unit)
        if before.unit is not unit:
            # The log's actions are fixed by the schema: a unit is one of the profile's settings.
            self._access.record(access, "settings_changed", profile_id,
                                f"measuring unit {unit.value}")
        return changed

    def toggle_unit(self, access: Access, profile_id: int) -> Profile:
        """Centimetres become inches, and inches centimetres."""
        unit = self._existing(profile_id).unit
        return self.set_unit(access, profile_id, Unit.INCH if unit is Unit.CM else Unit.CM)

    # --- what is a person's own -------------------------------------------------------------

    def set_timings(self, access: Access, profile_id: int, get_ready_s: int,
                    switch_side_s: int, wait_for_space: bool) -> PlayerTimings:
        """The player's pace between sets for this person; bad values change nothing."""
        self._own(access, profile_id, "change someone else's timings")
        try:
            return self._store.profiles.set_timings(profile_id, get_ready_s, switch_side_s,
                                                    wait_for_space)
        except TimingsError as exc:
            raise ServiceError(str(exc)) from None

    def mark_notice_seen(self, access: Access, profile_id: int) -> None:
        """This person has read the safety notice: it is not shown to them again."""
        self._own(access, profile_id, "answer someone else's notice")
        self._store.profiles.mark_notice_seen(profile_id)

    # --- helpers ---------------------------------------------------------------------------

    def _in_clinic(self) -> bool:
        return self._store.clinic.settings().mode == Mode.CLINIC

    def _existing(self, profile_id: int) -> Profile:
        try:
            return self._store.profiles.get(profile_id)
        except KeyError:
            raise ServiceError(GONE) from None

    def _own(self, access: Access, profile_id: int, what: str) -> None:
        if not access.may_see(profile_id):
            raise NotAllowed(f"You cannot {what}.")
        self._existing(profile_id)
