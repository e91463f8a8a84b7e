"""The pain rules at home on the Train page (issue 22 §3): the next day's question, asked by
an injected clock, its answer stored with the session, and what to do when a rule is
broken; the clinician's dashboard flags it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from helpers import FakeClock, local_timezone

from ankle_gui.core.clock import to_utc_iso
from ankle_gui.core.dashboard import FlagKind, patient_row
from ankle_gui.core.records import CompletedSet, SessionStatus, Side
from ankle_gui.services.dashboard import patient_records

MONDAY_EVENING = datetime(2026, 11, 2, 18, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    return FakeClock(MONDAY_EVENING + timedelta(minutes=40))


@pytest.fixture
def window(qtbot, store, catalogue, cue_services, clock):
    from ankle_gui.ui.main_window import MainWindow

    with local_timezone("UTC"):
        window = MainWindow(store, catalogue, cue_services=cue_services, clock=clock)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        yield window
        window.close()


def trained_on(store, profile_id: int, when: datetime, pain: int | None = None) -> int:
    started = to_utc_iso(when)
    sid = store.training.start_session(profile_id, [], started_at=started)
    store.training.record_set(sid, CompletedSet(0, "banded_mob_front", Side.LEFT, 1, started,
                                                started, reps_done=10, reps_target=10))
    store.training.finish_session(sid, SessionStatus.COMPLETED, ended_at=started)
    if pain is not None:
        store.training.set_ratings(sid, pain, None)
    return sid


def show_train(window, profile):
    window.current.set(profile)
    window.show_page("Train")
    page = window.trainPage
    page.refresh_pain_check()
    return page.painCheck


def test_asked_the_next_day_not_the_same_evening(qtbot, window, store, profile, clock):
    sid = trained_on(store, profile.id, MONDAY_EVENING, pain=2)
    check = show_train(window, profile)
    assert not check.isVisible()                         # the same evening: nothing to ask
    clock.advance(days=1)                                # Tuesday morning
    window.trainPage.refresh_pain_check()
    assert check.isVisible() and check.settledButton.isVisible()
    assert "Has the ankle settled" in check.question.text() and "2026-11-02" in \
        check.question.text()
    check.settledButton.click()
    session = store.training.session(sid)
    assert session.settled_next_day is True
    assert session.settled_asked_at == to_utc_iso(clock())
    assert not check.isVisible()                         # asked once, and nothing to say


def test_not_settled_says_ease_the_dose_and_the_dashboard_flags_it(qtbot, window, store,
                                                                  profile, clock):
    sid = trained_on(store, profile.id, MONDAY_EVENING, pain=2)
    clock.advance(days=1)
    check = show_train(window, profile)
    check.notSettledButton.click()
    assert store.training.session(sid).settled_next_day is False
    assert check.isVisible() and not check.settledButton.isVisible()
    assert "had not settled by the morning" in check.advice.text()
    assert "Ease the dose next time" in check.advice.text()
    row = patient_row(patient_records(store, profile.id), clock())
    assert row.flag_kinds >= {FlagKind.PAIN_RULE}
    # A week on, the advice has done its job.
    clock.advance(days=8)
    window.trainPage.refresh_pain_check()
    assert not check.isVisible()


def test_skip_is_never_asked_again(qtbot, window, store, profile, clock):
    sid = trained_on(store, profile.id, MONDAY_EVENING)
    clock.advance(days=1)
    check = show_train(window, profile)
    check.skipButton.click()
    session = store.training.session(sid)
    assert session.settled_next_day is None and session.settled_asked_at is not None
    assert not check.isVisible()


def test_pain_above_five_during_the_drills_says_see_the_physio(qtbot, window, store, profile,
                                                              clock):
    trained_on(store, profile.id, MONDAY_EVENING, pain=6)
    check = show_train(window, profile)                  # the same evening, after the rating
    assert check.isVisible() and not check.settledButton.isVisible()
    assert "6/10" in check.advice.text()
    assert "Pause the drills that hurt and see your physio" in check.advice.text()
