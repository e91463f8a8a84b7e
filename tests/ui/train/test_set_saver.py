"""The player's set saver: each finished set is on disk before anyone hears of it, and a set
that cannot be saved is held with the reason until a retry saves it."""

from __future__ import annotations

from helpers import TODAY

from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import CompletedSet, Side
from ankle_gui.core.session_events import Event, EventKind
from ankle_gui.services.training import TrainingRun
from ankle_gui.ui.train.set_saver import SetSaver

STARTED = TODAY.isoformat()


def finished(step: int, reps: int = 10, replaces: bool = False) -> Event:
    done = CompletedSet(step, "banded_mob_front", Side.LEFT, 1, STARTED, STARTED,
                        reps_done=reps, reps_target=10)
    return Event(EventKind.SET_DONE, done=done, replaces=replaces)


def failing_once(run: TrainingRun):
    """The real run's save, whose first attempt fails as a full disk would."""
    failures = [OSError("disk full")]

    def save(done, replaces):
        if failures:
            raise failures.pop()
        run.save_set(done, replaces)
    return save


def start(store, profile, catalogue) -> TrainingRun:
    return TrainingRun.start(store, profile.id,
                             [plan_item_for(catalogue, "banded_mob_front", Side.LEFT)], {})


def test_each_set_is_on_disk_before_it_is_reported(store, profile, catalogue):
    run = start(store, profile, catalogue)
    on_disk_when_told = []
    saver = SetSaver(run.save_set, lambda _done: on_disk_when_told.append(
        store.training.sets(run.session_id)))
    assert saver.save(finished(1))
    assert [[s.step_index for s in sets] for sets in on_disk_when_told] == [[1]]
    assert not saver.holding and saver.error == ""


def test_a_redone_set_replaces_the_one_on_disk(store, profile, catalogue):
    run = start(store, profile, catalogue)
    saver = SetSaver(run.save_set, lambda done: None)
    saver.save(finished(1, reps=6))
    saver.save(finished(1, reps=10, replaces=True))
    assert [(s.step_index, s.reps_done) for s in store.training.sets(run.session_id)] == [(1, 10)]


def test_a_failed_save_is_held_with_its_reason_until_a_retry_saves_it(store, profile, catalogue):
    run = start(store, profile, catalogue)
    told = []
    saver = SetSaver(failing_once(run), told.append)
    event = finished(1)
    assert not saver.save(event)
    assert saver.holding and saver.held is event
    assert "disk full" in saver.error and "Space" in saver.error
    assert told == [] and store.training.sets(run.session_id) == []
    assert saver.retry()
    assert not saver.holding and saver.error == ""
    assert told == [event.done]
    assert [s.step_index for s in store.training.sets(run.session_id)] == [1]


def test_a_retry_with_nothing_held_saves_nothing(store, profile, catalogue):
    run = start(store, profile, catalogue)
    told = []
    saver = SetSaver(run.save_set, told.append)
    assert not saver.retry()
    assert told == [] and store.training.sets(run.session_id) == []

