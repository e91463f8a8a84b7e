"""A person's plan, saved as a new version each time (a physio can see what was prescribed
when), and the dose and sides they chose last for each drill.

A plan is the person's own: in clinic mode a patient saves only theirs (the clinician
anyone's); ``access`` is who is at the screen, the home user when not given.
"""

from __future__ import annotations

from collections.abc import Sequence

from ankle_gui.core.plan import PlanItem
from ankle_gui.services.errors import NotAllowed, ServiceError
from ankle_gui.services.patient_access import HOME, Access
from ankle_gui.store import Store


def save_plan(store: Store, profile_id: int, items: Sequence[PlanItem],
              sessions_per_week: int = 3, *, access: Access = HOME) -> int:
    """Keep ``items`` as the person's plan from now on; returns the new version's id."""
    _own(access, profile_id)
    if not items:
        raise ServiceError("A plan needs at least one drill. Add one, then save.")
    return store.plans.save(profile_id, items, sessions_per_week=sessions_per_week)


def remember_doses(store: Store, profile_id: int, items: Sequence[PlanItem], *,
                   access: Access = HOME) -> None:
    """The dose and sides of each drill, offered the next time it is added; all or none."""
    _own(access, profile_id)
    with store.transaction():
        for item in items:
            store.plans.remember_dose(profile_id, item.drill_id, dict(item.dose),
                                      item.sides.value)


def _own(access: Access, profile_id: int) -> None:
    if not access.may_see(profile_id):
        raise NotAllowed("This plan belongs to someone else.")
