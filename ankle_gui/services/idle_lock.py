"""Going back to the welcome screen, after idle time or "I'm done".

A drill left open is closed as interrupted: every set already finished stays stored, and
the patient can resume it on their next visit as after any interruption. It gets no stop
reason, so the app says only that it was not finished (not that the app was closed).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ankle_gui.core.clinic import Role
from ankle_gui.core.clock import to_utc_iso, utc_now
from ankle_gui.core.records import SessionStatus
from ankle_gui.services.patient_access import Access, PatientAccess
from ankle_gui.store import Store


def lock_screen(store: Store, running_session_id: int | None = None,
                clock: Callable[[], datetime] = utc_now, *, leaving: Access | None = None,
                why: str = "") -> Access:
    """Close a drill left running (if any) and return the access of the welcome screen
    (home access in home mode, where nothing locks). ``leaving``: who was at the screen,
    for the audit log, with ``why`` ("I'm done", "Lock", or "idle" when the app did it)."""
    access = PatientAccess(store, clock)
    if running_session_id is not None:
        session = store.training.session(running_session_id)
        if session.status is SessionStatus.RUNNING:
            store.training.finish_session(running_session_id, SessionStatus.INTERRUPTED,
                                          None, ended_at=to_utc_iso(clock()))
    if leaving is not None and leaving.role in (Role.PATIENT, Role.CLINICIAN):
        profile_id = leaving.profile.id if leaving.profile is not None else None
        if why == "idle":
            access.record_by_app("locked", profile_id, "nobody there for the idle time")
        else:
            access.record(leaving, "locked", profile_id, why)
    return access.lock()
