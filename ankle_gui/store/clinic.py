"""Clinic mode on disk: the one settings row, patient codes, programmes and the audit log.

The rules (what a good code or PIN is, how long a wrong try waits) live in core/; this
module only keeps their results, each change in one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import NamedTuple

from ankle_gui.core.clock import from_utc_iso, to_utc_iso
from ankle_gui.store.connection import Database
from ankle_gui.store.errors import StoreError


class CodeTakenError(StoreError):
    """Another patient already has this code."""


class ClinicSettings(NamedTuple):
    mode: str
    clinic_name: str
    idle_minutes: int
    kiosk: bool
    has_pin: bool


class StoredPin(NamedTuple):
    digest: bytes
    salt: bytes
    params: str


class Attempt(NamedTuple):
    """One try at the PIN or at a patient code, and what it left behind."""

    result: object | None   # what the check gave on success (True, a profile id); else None
    wait_s: float           # how long the next try must wait (0: it may come at once)
    failures: int           # wrong tries in a row so far
    refused_early: bool     # True: still waiting, so the try was not even checked


class Programme(NamedTuple):
    profile_id: int
    sessions_per_week: int
    retest_weeks: int
    from_physio: bool
    set_at: str


class AuditEntry(NamedTuple):
    id: int
    at: str
    actor: str
    action: str
    profile_id: int | None
    detail: str


_ATTEMPT_KINDS = ("pin", "code")
# What a restore or an import of a whole database leaves as it is (Store.replace_contents):
# a backup from before clinic mode must not turn the PC back into an open home app, and
# the log of who did what must outlive any rollback of the data.
KEPT_BY_RESTORE = ("clinic_settings", "audit_log")


class ClinicStore:
    def __init__(self, db: Database):
        self._db = db

    # --- the settings row -------------------------------------------------------------------

    def settings(self) -> ClinicSettings:
        row = self._db.execute(
            "SELECT mode, clinic_name, idle_minutes, kiosk, pin_hash IS NOT NULL "
            "FROM clinic_settings WHERE id = 1").fetchone()
        return ClinicSettings(row[0], row[1], row[2], bool(row[3]), bool(row[4]))

    def stored_pin(self) -> StoredPin | None:
        row = self._db.execute(
            "SELECT pin_hash, pin_salt, pin_params FROM clinic_settings WHERE id = 1").fetchone()
        return StoredPin(bytes(row[0]), bytes(row[1]), row[2]) if row[0] is not None else None

    def turn_on(self, pin: StoredPin) -> None:
        with self._db.atomic():
            self._db.execute(
                "UPDATE clinic_settings SET mode = 'clinic', pin_hash = ?, pin_salt = ?, "
                "pin_params = ?, pin_failures = 0, pin_locked_until = NULL WHERE id = 1",
                [pin.digest, pin.salt, pin.params])

    def turn_off(self) -> None:
        """Home mode again; the PIN goes with it (home mode has none)."""
        with self._db.atomic():
            self._db.execute(
                "UPDATE clinic_settings SET mode = 'home', pin_hash = NULL, pin_salt = NULL, "
                "pin_params = NULL, pin_failures = 0, pin_locked_until = NULL, "
                "code_failures = 0, code_locked_until = NULL WHERE id = 1")

    def replace_pin(self, pin: StoredPin) -> None:
        with self._db.atomic():
            self._db.execute(
                "UPDATE clinic_settings SET pin_hash = ?, pin_salt = ?, pin_params = ?, "
                "pin_failures = 0, pin_locked_until = NULL WHERE id = 1",
                [pin.digest, pin.salt, pin.params])

    def set_idle_minutes(self, minutes: int) -> None:
        with self._db.atomic():
            self._db.execute("UPDATE clinic_settings SET idle_minutes = ? WHERE id = 1",
                             [minutes])

    def set_clinic_name(self, name: str) -> None:
        with self._db.atomic():
            self._db.execute("UPDATE clinic_settings SET clinic_name = ? WHERE id = 1", [name])

    def set_kiosk(self, on: bool) -> None:
        with self._db.atomic():
            self._db.execute("UPDATE clinic_settings SET kiosk = ? WHERE id = 1", [int(on)])

    # --- tries at the PIN or a code, with their back-off ------------------------------------

    def attempt(self, kind: str, now: datetime, check: Callable[[], object | None],
                wait_after: Callable[[int], int]) -> Attempt:
        """Run ``check`` unless the back-off says wait, and count the outcome, all under the
        write lock: two tries at once (the app and a command) cannot both skip the count."""
        if kind not in _ATTEMPT_KINDS:
            raise ValueError(f"unknown kind of try {kind!r}")
        failures_col, until_col = f"{kind}_failures", f"{kind}_locked_until"
        with self._db.atomic():
            failures, until = self._db.execute(
                f"SELECT {failures_col}, {until_col} FROM clinic_settings WHERE id = 1"
            ).fetchone()
            if until is not None:
                # A clock set back must not stretch the wait beyond what the rule allows.
                left = min((from_utc_iso(until) - now).total_seconds(), wait_after(failures))
                if left > 0:
                    return Attempt(None, left, failures, True)
            result = check()
            if result:
                failures, wait, until = 0, 0, None
            else:
                failures += 1
                wait = wait_after(failures)
                until = to_utc_iso(now + timedelta(seconds=wait)) if wait else None
            self._db.execute(
                f"UPDATE clinic_settings SET {failures_col} = ?, {until_col} = ? WHERE id = 1",
                [failures, until])
        return Attempt(result or None, wait, failures, False)

    def clear_attempts(self, kind: str) -> None:
        if kind not in _ATTEMPT_KINDS:
            raise ValueError(f"unknown kind of try {kind!r}")
        with self._db.atomic():
            self._db.execute(f"UPDATE clinic_settings SET {kind}_failures = 0, "
                             f"{kind}_locked_until = NULL WHERE id = 1")

    # --- patient codes ----------------------------------------------------------------------

    def code_of(self, profile_id: int) -> str | None:
        row = self._db.execute("SELECT code FROM patient_codes WHERE profile_id = ?",
                               [profile_id]).fetchone()
        return row[0] if row else None

    def profile_with_code(self, code: str) -> int | None:
        row = self._db.execute("SELECT profile_id FROM patient_codes WHERE code = ?",
                               [code]).fetchone()
        return row[0] if row else None

    def codes_in_use(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT code FROM patient_codes")}

    def set_code(self, profile_id: int, code: str, now: datetime) -> None:
        with self._db.atomic():
            owner = self.profile_with_code(code)
            if owner is not None and owner != profile_id:
                raise CodeTakenError("Another patient already has this code. Choose another.")
            try:
                self._db.execute(
                    "INSERT INTO patient_codes (profile_id, code, set_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(profile_id) DO UPDATE SET code = excluded.code, "
                    "set_at = excluded.set_at", [profile_id, code, to_utc_iso(now)])
            except sqlite3.IntegrityError as exc:
                if "FOREIGN KEY" in str(exc):
                    raise KeyError(f"no profile with id {profile_id}") from None
                raise

    # --- programmes -------------------------------------------------------------------------

    def programme(self, profile_id: int) -> Programme | None:
        row = self._db.execute(
            "SELECT profile_id, sessions_per_week, retest_weeks, from_physio, set_at "
            "FROM programmes WHERE profile_id = ?", [profile_id]).fetchone()
        return Programme(row[0], row[1], row[2], bool(row[3]), row[4]) if row else None

    def set_programme(self, profile_id: int, sessions_per_week: int, retest_weeks: int,
                      from_physio: bool, now: datetime) -> Programme:
        with self._db.atomic():
            try:
                self._db.execute(
                    "INSERT INTO programmes (profile_id, sessions_per_week, retest_weeks, "
                    "from_physio, set_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(profile_id) DO "
                    "UPDATE SET sessions_per_week = excluded.sessions_per_week, "
                    "retest_weeks = excluded.retest_weeks, from_physio = excluded.from_physio, "
                    "set_at = excluded.set_at",
                    [profile_id, sessions_per_week, retest_weeks, int(from_physio),
                     to_utc_iso(now)])
            except sqlite3.IntegrityError as exc:
                if "FOREIGN KEY" in str(exc):
                    raise KeyError(f"no profile with id {profile_id}") from None
                raise
        saved = self.programme(profile_id)
        assert saved is not None  # just written, in the same connection
        return saved


    # --- the audit log ----------------------------------------------------------------------

    def log(self, at: datetime, actor: str, action: str, profile_id: int | None = None,
            detail: str = "") -> int:
        with self._db.atomic():
            return self._db.insert(
                "INSERT INTO audit_log (at, actor, action, profile_id, detail) "
                "VALUES (?, ?, ?, ?, ?)",
                [to_utc_iso(at), actor, action, profile_id, detail])

    def audit_entries(self, limit: int = 500) -> list[AuditEntry]:
        """The newest entries first."""
        rows = self._db.execute(
            "SELECT id, at, actor, action, profile_id, detail FROM audit_log "
            "ORDER BY at DESC, id DESC LIMIT ?", [limit]).fetchall()
        return [AuditEntry(*row) for row in rows]
