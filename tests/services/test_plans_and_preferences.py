"""services/plans.py, services/training.close_unfinished and services/preferences.py: the
writes the Test and Train pages and the window make, each through its service."""

from __future__ import annotations

import pytest
from helpers import FakeClock, clinic_with_patients

from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import SessionStatus, Side
from ankle_gui.services.errors import NotAllowed, ServiceError
from ankle_gui.services.plans import remember_doses, save_plan
from ankle_gui.services.preferences import (
    FIGURE_KEY,
    GEOMETRY_KEY,
    LAST_PROFILE_KEY,
    Preferences,
)
from ankle_gui.services.training import close_unfinished


def test_a_plan_is_saved_for_its_owner_never_empty_never_for_someone_else(store, catalogue):
    clock = FakeClock()
    access, clinician, (ana, ben) = clinic_with_patients(store, clock)
    patient = access.open_patient("10014821")   # Ana
    items = [plan_item_for(catalogue, "standing_wall_lunge")]
    save_plan(store, ana.id, items, access=patient)
    assert store.plans.current(ana.id) == (items, 3)
    with pytest.raises(NotAllowed):
        save_plan(store, ben.id, items, access=patient)
    with pytest.raises(ServiceError, match="at least one drill"):
        save_plan(store, ana.id, [], access=patient)
    save_plan(store, ben.id, items, 4, access=clinician)   # the programme dialog's save
    assert store.plans.current(ben.id) == (items, 4)
    assert store.plans.current(ana.id) == (items, 3)


def test_doses_are_remembered_for_the_owner_all_or_none(store, catalogue, monkeypatch):
    clock = FakeClock()
    access, _, (ana, ben) = clinic_with_patients(store, clock)
    patient = access.open_patient("10014821")
    items = [plan_item_for(catalogue, "standing_wall_lunge", Side.LEFT),
             plan_item_for(catalogue, "banded_mob_front", Side.RIGHT)]
    with pytest.raises(NotAllowed):
        remember_doses(store, ben.id, items, access=patient)
    assert store.plans.dose_preference(ben.id, "standing_wall_lunge") is None
    real = store.plans.remember_dose

    def second_fails(profile_id, drill_id, dose, sides):
        if drill_id == "banded_mob_front":
            raise OSError("disk full")
        real(profile_id, drill_id, dose, sides)

    monkeypatch.setattr(store.plans, "remember_dose", second_fails)
    with pytest.raises(OSError):
        remember_doses(store, ana.id, items, access=patient)
    assert store.plans.dose_preference(ana.id, "standing_wall_lunge") is None
    monkeypatch.setattr(store.plans, "remember_dose", real)
    remember_doses(store, ana.id, items, access=patient)
    assert store.plans.dose_preference(ana.id, "standing_wall_lunge")[1] == "left"


def test_an_unfinished_session_is_closed_as_it_stands_by_its_owner_only(store):
    clock = FakeClock()
    access, _, (ana, ben) = clinic_with_patients(store, clock)
    patient = access.open_patient("10014821")   # Ana
    mine = store.training.start_session(ana.id, [])
    theirs = store.training.start_session(ben.id, [])
    store.training.finish_session(mine, SessionStatus.INTERRUPTED, "quit")
    store.training.finish_session(theirs, SessionStatus.INTERRUPTED, "quit")
    ended = store.training.session(mine).ended_at
    with pytest.raises(NotAllowed):
        close_unfinished(store, theirs, patient)
    close_unfinished(store, mine, patient)
    closed = store.training.session(mine)
    assert (closed.status, closed.stop_reason, closed.ended_at) == (
        SessionStatus.CLOSED, "quit", ended)
    assert store.training.session(theirs).status is SessionStatus.INTERRUPTED
    with pytest.raises(ServiceError, match="not in the database"):
        close_unfinished(store, 999, patient)


def test_a_running_session_is_not_closed_from_the_unfinished_list(store, profile):
    running = store.training.start_session(profile.id, [])
    close_unfinished(store, running)
    assert store.training.session(running).status is SessionStatus.RUNNING


def test_preferences_know_their_names_and_kinds(store):
    preferences = Preferences(store)
    preferences.set(FIGURE_KEY, False)
    preferences.set(LAST_PROFILE_KEY, 7)
    preferences.set(GEOMETRY_KEY, "AdnQyw==")
    assert preferences.get_bool(FIGURE_KEY, True) is False
    assert (preferences.get(LAST_PROFILE_KEY), preferences.get(GEOMETRY_KEY)) == (
        "7", "AdnQyw==")
    with pytest.raises(KeyError, match="player.figur"):
        preferences.set("player.figur", True)       # a typo is no new setting
    for key, wrong in ((FIGURE_KEY, "no"), (LAST_PROFILE_KEY, True), (GEOMETRY_KEY, 3)):
        with pytest.raises(TypeError):
            preferences.set(key, wrong)
    assert store.settings.get("player.figur") is None and store.settings.get(FIGURE_KEY) == "0"
