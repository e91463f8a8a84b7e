"""Record a test: the results, the fist width and the plan they give, all at once or not at all."""

from __future__ import annotations

from dataclasses import dataclass

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.prescription import prescribe
from ankle_gui.core.profile import Profile
from ankle_gui.core.screening import Screening
from ankle_gui.core.session_rules import trained
from ankle_gui.store import Store


@dataclass(frozen=True)
class ScreeningEntry:
    """A complete, valid test as typed: ready to store."""

    screening: Screening
    fist_width_cm: float | None  # None: the fist screen was answered directly
    note: str


def record_test(store: Store, catalogue: Catalogue, profile: Profile,
                entry: ScreeningEntry) -> bool:
    """Store the test and the plan it gives; True if the profile's fist width changed.

    Raises WriteRefusedError, with nothing stored, if the database refuses any part.
    """
    taken_at = store.results.next_taken_at(profile.id)  # after any earlier test
    prescription = prescribe(entry.screening, catalogue, profile.unit)
    new_fist = entry.fist_width_cm is not None and entry.fist_width_cm != profile.fist_width_cm
    with store.transaction():
        if new_fist:
            store.profiles.set_fist_width(profile.id, entry.fist_width_cm)
        store.results.add(profile.id, entry.screening.to_results(taken_at, note=entry.note))
        store.plans.save(profile.id, prescription.items)
    return new_fist


def training_days(store: Store, profile_id: int) -> list[str]:
    """When each session with at least one set done began."""
    sets_done = store.training.sets_done_per_session(profile_id)
    return [t.started_at for t in store.training.sessions(profile_id)
            if trained(sets_done.get(t.id, 0))]
