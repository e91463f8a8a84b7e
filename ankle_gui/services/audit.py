"""The audit log for the clinician: read it, check its chain, filter it, export it as CSV.

The window's viewer and ``ankle-gui clinic audit`` both come here; both need the clinician
(the PIN). The chain itself is in core/audit_chain.py; this module reads it from the store
and says in words what holds and what does not.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import NamedTuple

from ankle_gui.core.audit_chain import ChainCheck, ChainedEntry, verify
from ankle_gui.core.clock import from_utc_iso, to_local, utc_now
from ankle_gui.core.csv_format import defuse_formula
from ankle_gui.services.patient_access import Access, PatientAccess, require
from ankle_gui.store import Store

Clock = Callable[[], datetime]

ACTION_WORDS = {
    "clinician_unlock": "Clinician unlocked the app",
    "patient_opened": "Patient opened",
    "export": "Export",
    "report": "Report or handout saved",
    "print": "Printed",
    "import": "Import",
    "restore": "Restore of a backup",
    "delete": "Patient deleted",
    "code_changed": "Patient code changed",
    "code_shown": "Patient code shown on screen",
    "codes_voided": "Old short codes stopped working",
    "clinic_enabled": "Clinic mode turned on",
    "clinic_disabled": "Clinic mode turned off",
    "pin_changed": "PIN changed",
    "pin_reset": "PIN reset from the command line",
    "pin_wrong": "Wrong PIN",
    "code_wrong": "Wrong patient code",
    "recovery_used": "PIN replaced with the recovery code",
    "recovery_wrong": "Wrong recovery code",
    "recovery_made": "New recovery code made",
    "settings_changed": "Settings changed",
    "patient_created": "Patient added",
    "patient_renamed": "Patient renamed",
    "programme_changed": "Programme set",
    "plan_saved": "Plan saved",
    "test_saved": "Test saved",
    "session_ended": "Training session ended",
    "ratings_saved": "Pain and effort saved",
    "locked": "Screen locked",
    "audit_checked": "Audit log checked",
    "audit_exported": "Audit log exported",
}
ACTOR_WORDS = {"clinician": "Clinician", "patient": "Patient", "cli": "Command line",
               "app": "The app"}
FAILED_ATTEMPTS = frozenset({"pin_wrong", "code_wrong", "recovery_wrong"})


def action_words(action: str) -> str:
    return ACTION_WORDS.get(action, action.replace("_", " ").capitalize())


def check_words(check: ChainCheck) -> str:
    """One sentence for the screen and the command line."""
    if check.ok:
        if check.head is None:
            return "The audit log is empty, and nothing is missing."
        return (f"The audit log holds: {check.checked} entries checked, none changed or "
                f"deleted (last entry {check.head.id}, hash {check.head.hash[:12]}).")
    deleted = len(check.missing)
    changed = len(check.broken - set(check.missing))
    return (f"The audit log does not hold from entry {check.first_broken}: {check.reason}. "
            f"In all: {deleted} deleted, {changed} changed.")


class AuditRow(NamedTuple):
    """One entry as the viewer shows it."""

    entry: ChainedEntry | None   # None: a deleted entry, known only by its number
    number: int
    when: str                    # local time, to the second
    who: str
    what: str
    patient: str
    detail: str
    holds: bool


class AuditLog:
    def __init__(self, store: Store, clock: Clock = utc_now):
        self._store = store
        self._clock = clock

    def check(self, access: Access) -> ChainCheck:
        require(access, access.permissions.can_view_audit, "read the audit log")
        return verify(self._store.clinic.chained_entries(), self._store.clinic.audit_head())

    def rows(self, access: Access, profile_id: int | None = None,
             since: date | None = None, until: date | None = None,
             check: ChainCheck | None = None) -> list[AuditRow]:
        """Entries newest first, those of one patient and between two local days (both
        included) when given; a deleted entry shows as a row of its own, its number only."""
        require(access, access.permissions.can_view_audit, "read the audit log")
        entries = self._store.clinic.chained_entries()
        check = check or verify(entries, self._store.clinic.audit_head())
        names = {p.id: p.name for p in self._store.profiles.all()}
        start = _local_start(since) if since else None
        end = _local_start(until + timedelta(days=1)) if until else None
        rows = []
        for entry in entries:
            try:
                moment = from_utc_iso(entry.at)
            except ValueError:  # changed by hand into no time at all: shown, marked broken
                moment = None
            if profile_id is not None and entry.profile_id != profile_id:
                continue
            if moment is not None and ((start and moment < start) or (end and moment >= end)):
                continue
            rows.append(AuditRow(
                entry, entry.id, _when(moment) if moment else entry.at,
                ACTOR_WORDS.get(entry.actor, entry.actor), action_words(entry.action),
                _patient(entry.profile_id, names), entry.detail,
                entry.id not in check.broken))
        if profile_id is None and since is None and until is None:
            rows += [AuditRow(None, n, "", "", "Deleted entry", "", "", False)
                     for n in check.missing]
        return sorted(rows, key=lambda r: r.number, reverse=True)

    def export_csv(self, access: Access, path: Path | str,
                   rows: list[AuditRow] | None = None) -> Path:
        """The rows (all of them by default) as CSV with their hashes and whether each
        holds, saved where a file may be saved (file_places); logged."""
        from ankle_gui.services.file_places import check_save_path
        from ankle_gui.store.files import write_file_atomically

        target = check_save_path(self._store, path)
        check = self.check(access)
        rows = rows if rows is not None else self.rows(access, check=check)
        write_file_atomically(target, audit_csv(rows, check))
        PatientAccess(self._store, self._clock).record(
            access, "audit_exported", None, f"{len(rows)} entries")
        return target

    def note_checked(self, access: Access, check: ChainCheck) -> None:
        """Put the check itself in the log: that someone looked, and what they found."""
        PatientAccess(self._store, self._clock).record(
            access, "audit_checked", None,
            "the chain holds" if check.ok else f"broken from entry {check.first_broken}")


def audit_csv(rows: list[AuditRow], check: ChainCheck) -> bytes:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["entry", "time_utc", "time_local", "who", "what", "patient", "detail",
                     "holds", "prev_hash", "hash"])
    for row in rows:
        entry = row.entry
        writer.writerow([defuse_formula(cell) for cell in (
            str(row.number), entry.at if entry else "", row.when, row.who, row.what,
            row.patient, row.detail, "yes" if row.holds else "no",
            entry.prev_hash if entry else "", entry.hash if entry else "")])
    writer.writerow([])
    writer.writerow([defuse_formula(check_words(check))])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _patient(profile_id: int | None, names: dict[int, str]) -> str:
    if profile_id is None:
        return ""
    # A deleted patient's name is gone with everything else of theirs.
    return names.get(profile_id, f"deleted patient (no. {profile_id})")


def _when(moment: datetime) -> str:
    return to_local(moment).strftime("%Y-%m-%d %H:%M:%S")  # to the second: order matters


def _local_start(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone()
