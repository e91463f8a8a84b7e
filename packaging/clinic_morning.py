"""A clinic morning on the waiting-room PC, in a real X window, with screenshots.

Five patients with different stories (one doing well, one who stopped, one in pain, one
with no change after weeks of work, one brand new) are seeded into a fresh data folder in
clinic mode. Then patients come one after another: each opens their own profile with their
code, looks at their work, and leaves with *I'm done*; one walks away and the idle lock
takes over. At the end the physio unlocks the dashboard.

    xvfb-run -a -s "-screen 0 1366x768x24" python packaging/clinic_morning.py --shots /tmp/m

Prints one JSON object with the stops and anything that went wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

CLINIC_PIN = "246810"
CLINIC_NAME = "Riverside Physio"


class Patient:
    def __init__(self, name: str, code: str, story: str, seed: int, weeks_ago: int,
                 stopped_days_ago: int = 0, pain: int | None = 2, gain: bool = True):
        self.name, self.code, self.story, self.seed = name, code, story, seed
        self.weeks_ago, self.stopped_days_ago, self.pain, self.gain = (
            weeks_ago, stopped_days_ago, pain, gain)


PATIENTS = [
    Patient("Maria Lopez", "4821", "doing well", 3, 10),
    Patient("Tom Becker", "5307", "stopped training ten days ago", 5, 6, stopped_days_ago=10),
    Patient("Aisha Khan", "6194", "reports pain 6/10", 8, 5, pain=6),
    Patient("Jan Novak", "7250", "five weeks, no change", 11, 5, gain=False),
    Patient("Lea Moreau", "8036", "first visit today", 0, 0),
]


def seed_clinic(store, catalogue, now: datetime) -> None:
    """Clinic mode on, five patients with codes, programmes and histories."""
    from ankle_gui.core.clinic import Role
    from ankle_gui.core.clock import to_utc_iso
    from ankle_gui.core.demo import DEMO_PLAN, SESSIONS_PER_WEEK, demo_history
    from ankle_gui.core.records import SessionStatus
    from ankle_gui.services.clinic_pin import ClinicPin
    from ankle_gui.services.clinic_settings import ClinicSettingsService
    from ankle_gui.services.patient_access import Access
    from ankle_gui.services.patients import PatientsService

    ClinicPin(store).enable(CLINIC_PIN, CLINIC_PIN, CLINIC_NAME)
    clinician = Access(Role.CLINICIAN)
    patients = PatientsService(store)
    settings = ClinicSettingsService(store)
    for patient in PATIENTS:
        profile = patients.create(clinician, patient.name, patient.code)
        if patient.weeks_ago == 0:
            continue
        ended = now - timedelta(days=patient.stopped_days_ago)
        history = demo_history(ended, seed=patient.seed)
        start_cut = now - timedelta(weeks=patient.weeks_ago)
        first_visit = to_utc_iso(start_cut - timedelta(days=1))
        baseline = [r._replace(taken_at=first_visit) for r in history.baseline]
        store.results.add(profile.id, baseline)
        for number, session in enumerate(history.sessions):
            if session.started_at < to_utc_iso(start_cut):
                continue
            sid = store.training.start_session(profile.id, [i.to_dict() for i in DEMO_PLAN],
                                               started_at=session.started_at)
            for done in session.sets:
                store.training.record_set(sid, done)
            if patient.gain:
                store.results.add(profile.id, [r._replace(session_id=sid)
                                               for r in session.results])
            store.training.finish_session(sid, SessionStatus.COMPLETED,
                                          ended_at=session.ended_at)
            pain = patient.pain if patient.pain is None or number % 3 else max(
                0, patient.pain - 1)
            store.training.set_ratings(sid, pain, 5)
        if patient.gain:
            store.results.add(profile.id, history.retests)
        else:  # retested this week: within a few millimetres of where they started
            again = to_utc_iso(now - timedelta(days=2))
            store.results.add(profile.id, [
                r._replace(taken_at=again, value_cm=r.value_cm + 0.4, note="")
                if r.value_cm is not None else r._replace(taken_at=again, note="")
                for r in baseline])
        store.plans.save(profile.id, DEMO_PLAN, SESSIONS_PER_WEEK)
        settings.set_programme(clinician, profile.id, SESSIONS_PER_WEEK, 4)
        store.profiles.mark_notice_seen(profile.id)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shots", type=Path, default=None)
    parser.add_argument("--keep", type=Path, default=None,
                        help="use this data folder (kept) instead of a temporary one")
    args = parser.parse_args()
    from ankle_gui.core.catalogue import load_catalogue
    from ankle_gui.store import Store

    catalogue = load_catalogue()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="clinic-morning-"))
    folder.mkdir(parents=True, exist_ok=True)
    store = Store.open(folder)
    seed_clinic(store, catalogue, datetime.now().astimezone())
    store.close()
    print(json.dumps({"data": str(folder), "patients": [p.name for p in PATIENTS]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
