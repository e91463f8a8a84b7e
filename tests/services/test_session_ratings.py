"""Pain and effort after a session: stored, skippable, checked, and in the progress data."""

from __future__ import annotations

import pytest
from helpers import FakeClock, clinic_with_patients

from ankle_gui.core.progress import build_view
from ankle_gui.core.records import SessionStatus
from ankle_gui.services.errors import NotAllowed, ServiceError
from ankle_gui.services.session_ratings import Ratings, rate_session, ratings_of

T = "2026-11-02T09:00:00.000000+00:00"


def _session(store, profile_id, status=SessionStatus.COMPLETED, start=T):
    sid = store.training.start_session(profile_id, [], started_at=start)
    if status is not SessionStatus.RUNNING:
        store.training.finish_session(sid, status, ended_at=start)
    return sid


@pytest.mark.parametrize("status", [SessionStatus.COMPLETED, SessionStatus.STOPPED])
def test_ratings_are_stored_with_a_finished_or_stopped_session(store, profile, status):
    sid = _session(store, profile.id, status)
    assert rate_session(store, sid, 6, 8) == Ratings(6, 8)
    assert ratings_of(store, sid) == (6, 8)
    assert store.training.sessions(profile.id)[0].pain == 6


def test_either_rating_may_be_skipped(store, profile):
    sid = _session(store, profile.id)
    rate_session(store, sid, None, 4)
    assert ratings_of(store, sid) == (None, 4)
    rate_session(store, sid, 0, None)
    assert ratings_of(store, sid) == (0, None)


def test_a_resumed_then_finished_session_is_rated_at_its_end(store, profile):
    sid = _session(store, profile.id, SessionStatus.INTERRUPTED)
    store.training.reopen_session(sid)
    with pytest.raises(ServiceError, match="still running"):
        rate_session(store, sid, 3, 3)
    store.training.finish_session(sid, SessionStatus.COMPLETED, ended_at=T)
    rate_session(store, sid, 3, 5)
    assert ratings_of(store, sid) == (3, 5)


@pytest.mark.parametrize(("pain", "effort"), [(11, 2), (-1, 2), (2, 10.5), ("5", 2),
                                              (True, 2)])
def test_bad_ratings_store_nothing(store, profile, pain, effort):
    sid = _session(store, profile.id)
    rate_session(store, sid, 1, 1)
    with pytest.raises(ServiceError, match="0 to 10"):
        rate_session(store, sid, pain, effort)
    assert ratings_of(store, sid) == (1, 1)


def test_an_unknown_session_is_explained(store):
    with pytest.raises(ServiceError, match="not in the database"):
        rate_session(store, 999, 1, 1)


def test_a_patient_rates_only_their_own_sessions(store):
    clock = FakeClock()
    service, _, (ana, ben) = clinic_with_patients(store, clock)
    bens = _session(store, ben.id)
    as_ana = service.open_patient("10014821")
    with pytest.raises(NotAllowed):
        rate_session(store, bens, 2, 2, access=as_ana)
    assert ratings_of(store, bens) == (None, None)
    rate_session(store, bens, 2, 2, access=service.open_patient("10025307"))
    assert ratings_of(store, bens) == (2, 2)


def test_ratings_reach_the_progress_data(store, profile):
    first = _session(store, profile.id, start="2026-11-02T09:00:00.000000+00:00")
    _session(store, profile.id, start="2026-11-03T09:00:00.000000+00:00")  # not rated
    third = _session(store, profile.id, start="2026-11-04T09:00:00.000000+00:00")
    rate_session(store, first, 2, 5)
    rate_session(store, third, None, 7)
    data = store.progress.load(profile.id)
    assert [(s.pain, s.effort) for s in data.sessions] == [(2, 5), (None, None), (None, 7)]
    assert [(s.pain, s.effort) for s in data.ratings_between(None, None)] == [(2, 5),
                                                                                (None, 7)]
    view = build_view(data, "all", data.sessions[-1].t + 3600)
    assert view.weeks  # the view still builds with the new fields


def test_the_programme_sets_the_planned_sessions_of_the_progress_data(store, profile):
    from datetime import UTC, datetime

    assert store.progress.load(profile.id).sessions_per_week is None
    store.plans.save(profile.id, [], sessions_per_week=2)
    assert store.progress.load(profile.id).sessions_per_week == 2
    store.clinic.set_programme(profile.id, 5, 4, True, datetime(2026, 11, 2, tzinfo=UTC))
    assert store.progress.load(profile.id).sessions_per_week == 5
