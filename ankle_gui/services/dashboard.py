"""The clinician's patients dashboard, loaded from the store (figures in core/dashboard.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from types import MappingProxyType

from ankle_gui.core.catalogue import Catalogue, load_catalogue
from ankle_gui.core.clinic import DEFAULT_RETEST_WEEKS
from ankle_gui.core.clock import utc_now
from ankle_gui.core.dashboard import PatientRecords, PatientRow, patient_row, sort_rows
from ankle_gui.core.referral import trained_sides
from ankle_gui.services.patient_access import Access, require
from ankle_gui.store import Store


def patient_records(store: Store, profile_id: int,
                    catalogue: Catalogue | None = None) -> PatientRecords:
    profile = store.profiles.get(profile_id)
    programme = store.clinic.programme(profile_id)
    saved_plan = store.plans.current(profile_id)
    per_week: int | None
    if programme is not None:
        per_week, retest = programme.sessions_per_week, programme.retest_weeks
    else:
        per_week = saved_plan[1] if saved_plan else None
        retest = DEFAULT_RETEST_WEEKS
    sessions = store.training.sessions(profile_id)
    sets_done = store.training.sets_done_per_session(profile_id)
    # As on the Test page: a side counts as trained in a session with a corrective drill on it.
    trained = trained_sides(sessions, store.training.sets_for_profile(profile_id),
                            catalogue or load_catalogue())
    return PatientRecords(
        profile=profile,
        results=store.results.for_profile(profile_id),
        sessions=sessions,
        trained_sides=MappingProxyType({side: tuple(days) for side, days in trained.items()}),
        sessions_per_week=per_week,
        retest_weeks=retest,
        sets_done=MappingProxyType(sets_done),
        screening_records=MappingProxyType(store.results.records(profile_id)),
    )


def dashboard(store: Store, access: Access, sort_by: str = "name", descending: bool = False,
              clock: Callable[[], datetime] = utc_now) -> list[PatientRow]:
    """One row per patient, for the clinician only (NotAllowed otherwise)."""
    require(access, access.permissions.can_view_dashboard, "see the patients dashboard")
    now = clock()
    rows = [patient_row(patient_records(store, p.id), now) for p in store.profiles.all()]
    return sort_rows(rows, sort_by, descending)
