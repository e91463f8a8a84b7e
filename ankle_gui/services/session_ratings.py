"""Pain and effort after a session: two quick 0–10 ratings, either of which may be skipped.

Asked once the session has ended, whether it finished, was stopped, or was resumed and
then finished; a later rating of the same session replaces the earlier one. A session
still running cannot be rated: its pain is not known yet.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from ankle_gui.core.clinic import ClinicRuleError, check_rating
from ankle_gui.core.clock import to_utc_iso
from ankle_gui.core.pain_rules import PainVerdict, latest_verdict, next_day_due
from ankle_gui.core.records import SessionStatus, TrainingSession
from ankle_gui.core.session_rules import trained
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
    session = _own_session(store, session_id, access)
    if session.status is SessionStatus.RUNNING:
        raise ServiceError("The session is still running; rate it once it has ended.")
    store.training.set_ratings(session_id, clean.pain, clean.effort)
    return clean


def _own_session(store: Store, session_id: int,
                 access: Access | None = None) -> TrainingSession:
    """The session, if it is still there and (given ``access``) the person's own."""
    try:
        session = store.training.session(session_id)
    except KeyError:
        raise ServiceError("That session is not in the database any more.") from None
    if access is not None and not access.may_see(session.profile_id):
        raise NotAllowed("This session belongs to someone else.")
    return session


def ratings_of(store: Store, session_id: int) -> Ratings:
    session = store.training.session(session_id)
    return Ratings(session.pain, session.effort)


# --- the next day (core/pain_rules.py) ---------------------------------------------------------

def next_day_question(store: Store, profile_id: int, now: datetime) -> TrainingSession | None:
    """The session to ask "has the ankle settled?" about now, if any."""
    sets_done = store.training.sets_done_per_session(profile_id)
    done = {sid for sid, count in sets_done.items() if trained(count)}
    return next_day_due(store.training.sessions(profile_id), done, now)


def answer_next_day(store: Store, session_id: int, settled: bool | None, now: datetime,
                    access: Access | None = None) -> None:
    """Store the next day's answer (None: skipped, never asked again)."""
    _own_session(store, session_id, access)
    store.training.set_settled_next_day(session_id, settled, to_utc_iso(now))


def pain_advice(store: Store, profile_id: int, now: datetime) -> PainVerdict | None:
    """What the pain rules say now about this person's latest rated session, if broken."""
    return latest_verdict(store.training.sessions(profile_id), now)
