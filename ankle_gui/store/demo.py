"""Write the demo history into the database, once."""

from __future__ import annotations

from datetime import datetime

from ankle_gui.core.catalogue import Catalogue
from ankle_gui.core.demo import DEMO_NAME, DEMO_PLAN, SESSIONS_PER_WEEK, demo_history
from ankle_gui.core.profile import Profile
from ankle_gui.core.records import SessionStatus
from ankle_gui.core.red_flags import SafetyAnswers
from ankle_gui.core.screening import ScreeningRecord
from ankle_gui.store.store import Store


def add_demo_profile(store: Store, catalogue: Catalogue,
                     today: datetime) -> Profile:
    """Add the demo profile, its history ending ``today``, or return it untouched if it is
    already there."""
    existing = store.profiles.by_name(DEMO_NAME)
    if existing is not None:
        return existing
    for item in DEMO_PLAN:
        catalogue.get(item.drill_id)  # fail loudly if the catalogue lost a demo drill
    history = demo_history(today)
    with store.db.atomic():
        profile = store.profiles.create(DEMO_NAME, fist_width_cm=10.0,
                                        created_at=history.baseline[0].taken_at)
        store.results.add(profile.id, history.baseline)
        store.results.add_record(profile.id, ScreeningRecord(
            history.baseline[0].taken_at, SafetyAnswers.all_clear(), 10.0))
        for session in history.sessions:
            plan = [item.to_dict() for item in DEMO_PLAN]
            sid = store.training.start_session(profile.id, plan, started_at=session.started_at)
            for done in session.sets:
                store.training.record_set(sid, done)
            store.results.add(profile.id, [
                r._replace(session_id=sid) for r in session.results])
            store.training.finish_session(sid, SessionStatus.COMPLETED,
                                          ended_at=session.ended_at)
        store.results.add(profile.id, history.retests)
        store.results.add_record(profile.id, ScreeningRecord(
            history.retests[0].taken_at, SafetyAnswers.all_clear(), 10.0))
        store.plans.save(profile.id, DEMO_PLAN, SESSIONS_PER_WEEK)
        store.profiles.mark_notice_seen(profile.id)
    return profile
