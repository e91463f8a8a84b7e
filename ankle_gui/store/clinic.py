"""Clinic mode on disk: the one settings row, patient codes, programmes and the audit log.

The rules (what a good code or PIN is, how long a wrong try waits, how the audit log is
chained) live in core/; this module only keeps their results, each change in one
transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import NamedTuple

from ankle_gui.core.audit_chain import ChainedEntry, Head, next_entry
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
    export_folder: str | None = None  # where a patient's saved files go (None: not set)
    has_recovery_code: bool = False


class StoredPin(NamedTuple):
    digest: bytes
    salt: bytes
    params: str


class Attempt(NamedTuple):
    """One try at the PIN or at a patient code, and what it left behind."""

    result: object | None   # what the check gave on success (True, a profile id); else None
    wait_s: float           # how long the next try must wait (0: it may come at once)
    failures: int           # wrong tries still counted (they fade with quiet time)
    refused_early: bool     # True: still waiting, so the try was not even checked
    refused: int = 0        # tries refused unchecked during the wait before this one (or,
                            # when refused_early, during this wait so far, this one too)


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
            "SELECT mode, clinic_name, idle_minutes, kiosk, pin_hash IS NOT NULL, "
            "export_folder, recovery_hash IS NOT NULL FROM clinic_settings WHERE id = 1"
        ).fetchone()
        return ClinicSettings(row[0], row[1], row[2], bool(row[3]), bool(row[4]), row[5],
                              bool(row[6]))

    def stored_pin(self) -> StoredPin | None:
        row = self._db.execute(
            "SELECT pin_hash, pin_salt, pin_params FROM clinic_settings WHERE id = 1").fetchone()
        return StoredPin(bytes(row[0]), bytes(row[1]), row[2]) if row[0] is not None else None

    def turn_on(self, pin: StoredPin, recovery: StoredPin | None = None) -> None:
        with self._db.atomic():
            self._db.execute(
                "UPDATE clinic_settings SET mode = 'clinic', pin_hash = ?, pin_salt = ?, "
                "pin_params = ?, pin_failures = 0, pin_locked_until = NULL, "
                "pin_last_wrong_at = NULL, pin_refused = 0 WHERE id = 1",
                [pin.digest, pin.salt, pin.params])
            if recovery is not None:
                self._set_recovery(recovery)

    def turn_off(self) -> None:
        """Home mode again; the PIN and the recovery code go with it (home mode has none)."""
        with self._db.atomic():
            self._db.execute(
                "UPDATE clinic_settings SET mode = 'home', pin_hash = NULL, pin_salt = NULL, "
                "pin_params = NULL, pin_failures = 0, pin_locked_until = NULL, "
                "pin_last_wrong_at = NULL, pin_refused = 0, code_failures = 0, "
                "code_locked_until = NULL, code_last_wrong_at = NULL, code_refused = 0, "
                "recovery_hash = NULL, recovery_salt = NULL, recovery_params = NULL "
                "WHERE id = 1")

    def replace_pin(self, pin: StoredPin, recovery: StoredPin | None = None) -> None:
        """A new PIN, its wait cleared; with a new recovery code when one is given."""
        with self._db.atomic():
            self._db.execute(
                "UPDATE clinic_settings SET pin_hash = ?, pin_salt = ?, pin_params = ?, "
                "pin_failures = 0, pin_locked_until = NULL, pin_last_wrong_at = NULL, "
                "pin_refused = 0 WHERE id = 1",
                [pin.digest, pin.salt, pin.params])
            if recovery is not None:
                self._set_recovery(recovery)

    def stored_recovery(self) -> StoredPin | None:
        row = self._db.execute("SELECT recovery_hash, recovery_salt, recovery_params "
                               "FROM clinic_settings WHERE id = 1").fetchone()
        return StoredPin(bytes(row[0]), bytes(row[1]), row[2]) if row[0] is not None else None

    def set_recovery(self, recovery: StoredPin) -> None:
        with self._db.atomic():
            self._set_recovery(recovery)

    def _set_recovery(self, recovery: StoredPin) -> None:
        self._db.execute("UPDATE clinic_settings SET recovery_hash = ?, recovery_salt = ?, "
                         "recovery_params = ? WHERE id = 1",
                         [recovery.digest, recovery.salt, recovery.params])

    def set_export_folder(self, folder: str | None) -> None:
        with self._db.atomic():
            self._db.execute("UPDATE clinic_settings SET export_folder = ? WHERE id = 1",
                             [folder])

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
                wait_after: Callable[[int], int], fade: Callable[[int, float], int], *,
                right_clears: bool) -> Attempt:
        """Run ``check`` unless the back-off says wait, and count the outcome, all under the
        write lock: two tries at once (the app and a command) cannot both skip the count.

        ``fade(failures, quiet_s)`` is how many wrong tries still count after a quiet spell;
        ``right_clears``: a right answer clears the count (the PIN) or leaves it (a patient
        code, so that one's own code buys no more guesses)."""
        if kind not in _ATTEMPT_KINDS:
            raise ValueError(f"unknown kind of try {kind!r}")
        failures_col, until_col = f"{kind}_failures", f"{kind}_locked_until"
        last_col, refused_col = f"{kind}_last_wrong_at", f"{kind}_refused"
        with self._db.atomic():
            stored, until, last_wrong, refused = self._db.execute(
                f"SELECT {failures_col}, {until_col}, {last_col}, {refused_col} "
                "FROM clinic_settings WHERE id = 1").fetchone()
            quiet = (now - from_utc_iso(last_wrong)).total_seconds() if last_wrong else 0.0
            failures = fade(stored, quiet)
            if until is not None:
                # A clock set back must not stretch the wait beyond what the rule allows.
                left = min((from_utc_iso(until) - now).total_seconds(), wait_after(stored))
                if left > 0:
                    self._db.execute(f"UPDATE clinic_settings SET {refused_col} = ? "
                                     "WHERE id = 1", [refused + 1])
                    return Attempt(None, left, stored, True, refused + 1)
            result = check()
            if result and not right_clears:
                return Attempt(result, 0, failures, False, 0)
            values: list[int | str | None]
            if result:
                values = [0, None, None, 0]
                wait = 0
            else:
                failures += 1
                wait = wait_after(failures)
                values = [failures,
                          to_utc_iso(now + timedelta(seconds=wait)) if wait else None,
                          to_utc_iso(now), 0]
            self._db.execute(
                f"UPDATE clinic_settings SET {failures_col} = ?, {until_col} = ?, "
                f"{last_col} = ?, {refused_col} = ? WHERE id = 1", values)
        return Attempt(result or None, wait, failures if not result else 0, False, refused)

    def clear_attempts(self, kind: str) -> None:
        if kind not in _ATTEMPT_KINDS:
            raise ValueError(f"unknown kind of try {kind!r}")
        with self._db.atomic():
            self._db.execute(f"UPDATE clinic_settings SET {kind}_failures = 0, "
                             f"{kind}_locked_until = NULL, {kind}_last_wrong_at = NULL, "
                             f"{kind}_refused = 0 WHERE id = 1")

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

    def profiles_without_code(self) -> list[int]:
        return [row[0] for row in self._db.execute(
            "SELECT id FROM profiles WHERE id NOT IN (SELECT profile_id FROM patient_codes) "
            "ORDER BY id")]

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


    # --- the audit log: a hash chain (core/audit_chain.py) ----------------------------------

    def log(self, at: datetime, actor: str, action: str, profile_id: int | None = None,
            detail: str = "") -> int:
        """Append one entry after the last one written, under the write lock: two writers
        (the app and a command) chain one after the other, never from the same head."""
        with self._db.atomic():
            entry = next_entry(self._head(), to_utc_iso(at), actor, action, profile_id,
                               detail)
            self._db.execute(
                f"INSERT INTO audit_log ({_AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                list(entry))
            self._db.execute("UPDATE clinic_settings SET audit_head_id = ?, "
                             "audit_head_hash = ? WHERE id = 1", [entry.id, entry.hash])
        return entry.id

    def _head(self) -> Head | None:
        row = self._db.execute("SELECT audit_head_id, audit_head_hash FROM clinic_settings "
                               "WHERE id = 1").fetchone()
        return Head(row[0], row[1]) if row[0] is not None else None

    def audit_head(self) -> Head | None:
        """The last entry written, as the settings row keeps it."""
        return self._head()

    def chained_entries(self) -> list[ChainedEntry]:
        """Every entry, oldest first, with its hashes (what core.audit_chain.verify reads)."""
        rows = self._db.execute(f"SELECT {_AUDIT_COLUMNS} FROM audit_log ORDER BY id")
        return [ChainedEntry(*row) for row in rows]

    def audit_entries(self, limit: int = 500) -> list[AuditEntry]:
        """The newest entries first."""
        rows = self._db.execute(
            "SELECT id, at, actor, action, profile_id, detail FROM audit_log "
            "ORDER BY id DESC LIMIT ?", [limit]).fetchall()
        return [AuditEntry(*row) for row in rows]

    def details_between_last_two(self, actions: tuple[str, ...],
                                 mark: str) -> list[tuple[str, str]]:
        """(action, detail) of the entries of ``actions`` between the last two ``mark``
        entries (from the start of the log when there is only one)."""
        marks_found = [row[0] for row in self._db.execute(
            "SELECT id FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 2", [mark])]
        if not marks_found:
            return []
        last, before = marks_found[0], marks_found[1] if len(marks_found) > 1 else 0
        marks = ", ".join("?" * len(actions))
        return [tuple(row) for row in self._db.execute(
            f"SELECT action, detail FROM audit_log WHERE id > ? AND id < ? "
            f"AND action IN ({marks}) ORDER BY id", [before, last, *actions])]


_AUDIT_COLUMNS = "id, at, actor, action, profile_id, detail, prev_hash, hash"
