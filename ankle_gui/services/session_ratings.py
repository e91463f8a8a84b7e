"""Pain and effort after a session: two quick 0–10 ratings, either of which may be skipped.

Asked once the session has ended, whether it finished, was stopped, or was resumed and
then finished; a later rating of the same session replaces the earlier one. A session
still running cannot be rated: its pain is not known yet.
"""

from __future__ import annotations

from typing import NamedTuple

from ankle_gui.core.clinic import ClinicRuleError, check_rating
from ankle_gui.core.records import SessionStatus
from ankle_gui.services.errors import NotAllowed, ServiceError
from ankle_gui.services.patient_access import Access
from ankle_gui.store import Store

PAIN_QUESTION = "How much did the ankle hurt during the drills? (0 = no pain, 10 = worst)"
EFFORT_QUESTION = "How hard did the session feel? (0 = very easy, 10 = as hard as can be)"


class Ratings(NamedTuple):
    pain: int | None
    effort: int | None


def rate_session(store: Store, session_id: int, pain: int | None, effort: int | None,
                 access: Access | None = None) -> Ratings:
    """Store the ratings with the session. Bad values raise ServiceError and store nothing.

    ``access`` is checked when given: a patient rates only a
    session of their own profile."""
    try:
        clean = Ratings(check_rating(pain, "pain"), check_rating(effort, "effort"))
    except ClinicRuleError as exc:
        raise ServiceError(str(exc)) from None
    try:
        session = store.training.session(session_id)
    except KeyError:
        raise ServiceError("That session is not in the database any more.") from None
    if access is not None and not access.may_see(session.profile_id):
        raise NotAllowed("This session belongs to someone else.")
    if session.status is SessionStatus.RUNNING:
        raise ServiceError("The session is still running; rate it once it has ended.")
    store.training.set_ratings(session_id, clean.pain, clean.effort)
    return clean


def ratings_of(store: Store, session_id: int) -> Ratings:
    session = store.training.session(session_id)
    return Ratings(session.pain, session.effort)
